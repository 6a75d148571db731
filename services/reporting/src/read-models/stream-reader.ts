import { DeliverPolicy, type NatsConnection } from 'nats';
import { SERVICES, streamOf, validateEvent, type EventEnvelope } from '@kitos/contracts';

const decoder = new TextDecoder();
const FETCH_BATCH = 256;
const FETCH_EXPIRES_MS = 1000;

/** The streams of every service that publishes events (all but reporting itself). */
export const PRODUCER_STREAMS: readonly string[] = SERVICES.filter((s) => s !== 'reporting').map((s) => streamOf(s).name);

/** The last sequence of a stream and when it was stored (0 and null when the stream is empty or absent). */
export async function lastMessageOf(nc: NatsConnection, stream: string): Promise<{ seq: number; at: Date | null }> {
  const jsm = await nc.jetstreamManager({ checkAPI: false });
  try {
    const { last_seq, last_ts } = (await jsm.streams.info(stream)).state;
    return { seq: last_seq, at: last_seq > 0 ? new Date(last_ts) : null };
  } catch {
    return { seq: 0, at: null }; // no such stream: nothing was published
  }
}

/** The last sequence of a stream (0 when it is empty or absent). */
export async function lastSequenceOf(nc: NatsConnection, stream: string): Promise<number> {
  return (await lastMessageOf(nc, stream)).seq;
}

/**
 * The events of a stream from sequence `from` (or from the first message stored at or after a time) up to and
 * including sequence `until`, in order, through an ordered (ephemeral) consumer. Messages that are no valid event are
 * skipped (the live consumers dead-letter them).
 */
export async function* readStream(
  nc: NatsConnection,
  stream: string,
  from: number | Date,
  until: number,
): AsyncGenerator<{ seq: number; event: EventEnvelope }> {
  if (until === 0 || (typeof from === 'number' && until < from)) return;
  const start =
    typeof from === 'number'
      ? { deliver_policy: DeliverPolicy.StartSequence, opt_start_seq: Math.max(1, from) }
      : { deliver_policy: DeliverPolicy.StartTime, opt_start_time: from.toISOString() };
  const consumer = await nc.jetstream().consumers.get(stream, start);
  try {
    let seq = 0;
    while (seq < until) {
      const batch = await consumer.fetch({ max_messages: FETCH_BATCH, expires: FETCH_EXPIRES_MS });
      let received = 0;
      for await (const message of batch) {
        received++;
        seq = message.seq;
        if (seq > until) break;
        let event: EventEnvelope;
        try {
          event = validateEvent(JSON.parse(decoder.decode(message.data)));
        } catch {
          continue;
        }
        yield { seq, event };
        if (seq >= until) break;
      }
      if (received === 0) break;
    }
  } finally {
    await consumer.delete().catch(() => undefined); // ordered consumers also vanish by themselves
  }
}
