import { DomainError } from '@kitos/common';
import { canonicalJson, parseIdempotencyKey, requestFingerprint, scopedRecordKey, serviceIdempotencyKey } from './idempotency-key';

describe('Idempotency-Key', () => {
  it('accepts 1–255 visible ASCII characters, with or without the quotes of a structured-field string', () => {
    expect(parseIdempotencyKey(undefined)).toBeUndefined();
    expect(parseIdempotencyKey('8e03978e-40d5-43e8-bc93-6894a57f9324')).toBe('8e03978e-40d5-43e8-bc93-6894a57f9324');
    expect(parseIdempotencyKey('"abc"')).toBe('abc');
    expect(parseIdempotencyKey('x'.repeat(255))).toHaveLength(255);
  });

  it.each([[''], ['x'.repeat(256)], ['with space'], ['æøå'], [['a', 'b']]])('refuses %j with a 400 naming the header', (value) => {
    expect(() => parseIdempotencyKey(value)).toThrow(DomainError);
    try {
      parseIdempotencyKey(value);
    } catch (error) {
      expect((error as DomainError).errors.map((e) => e.field)).toEqual(['Idempotency-Key']);
    }
  });

  it('gives one canonical text for bodies that differ only in key order', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { f: 2, e: 3 }], c: null } })).toBe('{"a":{"c":null,"d":[1,{"e":3,"f":2}]},"b":1}');
    expect(canonicalJson({ a: 1, skipped: undefined })).toBe(canonicalJson({ a: 1 }));
    expect(canonicalJson(undefined)).toBe('');
  });

  it('fingerprints method, path with query, and body', () => {
    const base = requestFingerprint('POST', '/api/v2/it-systems', { name: 'A' });
    expect(requestFingerprint('POST', '/api/v2/it-systems', { name: 'A' })).toBe(base);
    expect(requestFingerprint('POST', '/api/v2/it-systems', { name: 'B' })).not.toBe(base);
    expect(requestFingerprint('POST', '/api/v2/it-interfaces', { name: 'A' })).not.toBe(base);
    expect(requestFingerprint('POST', '/api/v2/it-systems?x=1', { name: 'A' })).not.toBe(base);
  });

  it('scopes a key to its caller, in a name JetStream accepts as a key', () => {
    const a = scopedRecordKey('caller-a', 'key');
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(scopedRecordKey('caller-b', 'key')).not.toBe(a);
    expect(scopedRecordKey('caller-a', 'key')).toBe(a);
  });

  it('passes down a key that differs by caller, request and key, and never equals the record name', () => {
    const fingerprint = requestFingerprint('POST', '/api/v2/it-systems', { name: 'A' });
    const down = serviceIdempotencyKey('caller-a', fingerprint, 'key');
    expect(down).toMatch(/^[0-9a-f]{64}$/);
    expect(serviceIdempotencyKey('caller-a', fingerprint, 'key')).toBe(down);
    expect(serviceIdempotencyKey('caller-b', fingerprint, 'key')).not.toBe(down);
    expect(serviceIdempotencyKey('caller-a', requestFingerprint('POST', '/api/v2/it-systems', { name: 'B' }), 'key')).not.toBe(down);
    expect(serviceIdempotencyKey('caller-a', fingerprint, 'other')).not.toBe(down);
    expect(down).not.toBe(scopedRecordKey('caller-a', 'key'));
  });
});
