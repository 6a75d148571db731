import { InvalidEventError } from '@kitos/contracts';

/** Headers of a dead letter; its data are the original message's bytes. */
export const DeadLetterHeader = {
  OriginalSubject: 'x-original-subject',
  StreamSequence: 'x-stream-sequence',
  Error: 'x-error',
} as const;

export const MAX_ERROR_HEADER_BYTES = 1024;

/** `Nats-Msg-Id` of a dead letter: the same for every attempt to dead-letter one stream message from one consumer. */
export function deadLetterMsgId(durable: string, stream: string, streamSequence: number): string {
  return `${durable}:${stream}:${streamSequence}`;
}

/** The error as a single header line of at most 1 KB of UTF-8 (headers allow no line breaks). */
export function errorHeaderValue(error: unknown): string {
  let text = error instanceof Error ? error.message : String(error);
  if (error instanceof InvalidEventError && error.details) text += ` ${JSON.stringify(error.details)}`;
  return truncateUtf8(text.replace(/[\r\n]+/g, ' '), MAX_ERROR_HEADER_BYTES);
}

function truncateUtf8(text: string, maxBytes: number): string {
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length <= maxBytes) return text;
  let end = maxBytes;
  while (end > 0 && (bytes[end] & 0xc0) === 0x80) end--;
  return bytes.subarray(0, end).toString('utf8');
}
