import { createHash } from 'node:crypto';
import { DomainError } from '@kitos/common';

export const IDEMPOTENCY_HEADER = 'idempotency-key';

/** The header's value: 1–255 visible ASCII characters (the draft's sf-string; quotes around it are accepted). */
export function parseIdempotencyKey(header: string | string[] | undefined): string | undefined {
  if (header === undefined) return undefined;
  const invalid = (message: string) => DomainError.badInput(message, [{ field: 'Idempotency-Key', message }]);
  if (Array.isArray(header)) throw invalid('Send one Idempotency-Key header');
  const unquoted = /^"(.*)"$/.exec(header)?.[1] ?? header;
  if (!/^[\x21-\x7e]{1,255}$/.test(unquoted)) throw invalid('Idempotency-Key must be 1 to 255 visible ASCII characters, e.g. a UUID');
  return unquoted;
}

/** JSON with object keys in a fixed order: the same body, however its keys were ordered, gives the same text. */
export function canonicalJson(value: unknown): string {
  if (value === undefined) return '';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  const entries = Object.keys(value)
    .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
  return `{${entries.join(',')}}`;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** What "the same request" means: method, path with query, and body. */
export function requestFingerprint(method: string, url: string, body: unknown): string {
  return sha256(`${method} ${url}\n${canonicalJson(body)}`);
}

/** The record's name: the key scoped to its caller, so that two callers never share a record. */
export function scopedRecordKey(callerUuid: string, key: string): string {
  return sha256(`${callerUuid}\n${key}`);
}

/**
 * The key as the services see it (`CallerContext.idempotencyKey`): caller, request fingerprint and key hashed
 * together, so that a create derives the same uuid from a repeat of the same request by the same caller and from
 * nothing else.
 */
export function serviceIdempotencyKey(callerUuid: string, fingerprint: string, key: string): string {
  return sha256(`${callerUuid}\n${fingerprint}\n${key}`);
}
