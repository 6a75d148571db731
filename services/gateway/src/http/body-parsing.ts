import { DomainError, type FieldError } from '@kitos/common';
import type { FastifyInstance } from 'fastify';

/** Deepest nesting of objects and arrays accepted in a JSON body (the deepest request DTO needs fewer than 10). */
export const JSON_MAX_DEPTH = 32;

/** Keys that could reach an object's prototype when a body is merged or copied; refused anywhere in a body. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

function refuse(detail: string, errors: FieldError[]): DomainError {
  return DomainError.badInput(detail, errors);
}

/** Decodes strict UTF-8: a byte sequence that is not UTF-8 is refused rather than turned into U+FFFD. */
export function decodeUtf8(body: Buffer): string {
  try {
    return utf8.decode(body);
  } catch {
    throw refuse('The request body is not valid UTF-8', [{ field: 'body', message: 'must be encoded as UTF-8' }]);
  }
}

/**
 * The deepest nesting of `[` and `{` in JSON text, outside strings, in one pass without recursion; stops counting
 * once `limit` is exceeded, so that a body nested thousands deep costs no more than its length.
 */
export function jsonDepthExceeds(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c /* \ */) i++;
      else if (c === 0x22 /* " */) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      if (++depth > limit) return true;
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) depth--;
  }
  return false;
}

/** The path of the first key in `value` that is one of FORBIDDEN_KEYS, or undefined (depth is already bounded). */
export function forbiddenKeyPath(value: unknown, path = ''): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = forbiddenKeyPath(value[i], `${path}[${i}]`);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  for (const key of Object.keys(value)) {
    const keyPath = path ? `${path}.${key}` : key;
    if (FORBIDDEN_KEYS.has(key)) return keyPath;
    const found = forbiddenKeyPath((value as Record<string, unknown>)[key], keyPath);
    if (found !== undefined) return found;
  }
  return undefined;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why a string cannot be stored as text: a NUL character (refused by the store) or a lone UTF-16 surrogate (no Unicode). */
export function textProblem(text: string): string | undefined {
  if (text.includes('\u0000')) return 'must not contain the NUL character (U+0000)';
  if (LONE_SURROGATE.test(text)) return 'must be valid Unicode (a \\u escape names half a surrogate pair)';
  return undefined;
}

/** The path and problem of the first key or string value in `value` that is not storable text, or undefined. */
export function unstorableTextPath(value: unknown, path = ''): { field: string; message: string } | undefined {
  if (typeof value === 'string') {
    const message = textProblem(value);
    return message ? { field: path || 'body', message } : undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = unstorableTextPath(value[i], `${path}[${i}]`);
      if (found) return found;
    }
    return undefined;
  }
  for (const key of Object.keys(value)) {
    const keyPath = path ? `${path}.${key}` : key;
    const keyProblem = textProblem(key);
    if (keyProblem) return { field: keyPath, message: `the key ${keyProblem}` };
    const found = unstorableTextPath((value as Record<string, unknown>)[key], keyPath);
    if (found) return found;
  }
  return undefined;
}

/**
 * A JSON request body: strict UTF-8, nesting at most JSON_MAX_DEPTH deep (checked on the text before parsing, so
 * that nothing downstream recurses through a hostile body), valid JSON, no prototype-polluting keys, and no text that
 * cannot be stored (NUL characters, lone surrogates).
 */
export function parseJsonBody(body: Buffer): unknown {
  const text = decodeUtf8(body);
  if (jsonDepthExceeds(text, JSON_MAX_DEPTH)) {
    throw refuse(`The JSON body is nested deeper than ${JSON_MAX_DEPTH} levels`, [
      { field: 'body', message: `must be nested at most ${JSON_MAX_DEPTH} levels deep` },
    ]);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw refuse('The request body is not valid JSON', [{ field: 'body', message: (error as Error).message }]);
  }
  const forbidden = forbiddenKeyPath(value);
  if (forbidden !== undefined) {
    throw refuse('The request body holds a forbidden key', [
      { field: forbidden, message: `the keys ${[...FORBIDDEN_KEYS].join(', ')} are not accepted` },
    ]);
  }
  const unstorable = unstorableTextPath(value);
  if (unstorable) throw refuse('The request body holds text that cannot be stored', [unstorable]);
  return value;
}

/** A form body (the SAML ACS): strict UTF-8 and no prototype-polluting keys; the last value of a repeated key wins. */
export function parseFormBody(body: Buffer): Record<string, unknown> {
  const value: Record<string, unknown> = Object.fromEntries(new URLSearchParams(decodeUtf8(body)));
  const forbidden = forbiddenKeyPath(value);
  if (forbidden !== undefined) {
    throw refuse('The request body holds a forbidden key', [{ field: forbidden, message: 'this key is not accepted' }]);
  }
  return value;
}

/** SCIM clients send `application/scim+json` (RFC 7644 §3.1); it is accepted on the SCIM routes only. */
export const SCIM_MEDIA_TYPE = 'application/scim+json';

/**
 * The gateway's body parsers, replacing Fastify's and Nest's defaults: JSON and forms as above, within `bodyLimit`
 * bytes (413 above); `application/scim+json` is JSON under the same rules, on `/scim/` routes only. Any other media
 * type (text/plain included) is answered 415, except those a controller registers itself (the KLE import's XML).
 */
export function installBodyParsers(fastify: FastifyInstance, bodyLimit: number): void {
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser('application/json', { parseAs: 'buffer', bodyLimit }, (_request, body, done) => {
    try {
      done(null, parseJsonBody(body as Buffer));
    } catch (error) {
      done(error as Error, undefined);
    }
  });
  fastify.addContentTypeParser(SCIM_MEDIA_TYPE, { parseAs: 'buffer', bodyLimit }, (request, body, done) => {
    if (!request.url.startsWith('/scim/')) {
      done(
        Object.assign(new Error(`Unsupported Media Type: ${SCIM_MEDIA_TYPE} is accepted on /scim/ routes only`), {
          statusCode: 415,
          code: 'FST_ERR_CTP_INVALID_MEDIA_TYPE',
        }),
        undefined,
      );
      return;
    }
    try {
      done(null, parseJsonBody(body as Buffer));
    } catch (error) {
      done(error as Error, undefined);
    }
  });
  fastify.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'buffer', bodyLimit }, (_request, body, done) => {
    try {
      done(null, parseFormBody(body as Buffer));
    } catch (error) {
      done(error as Error, undefined);
    }
  });
}
