import { isUuid, newAggregateUuid, uuidV5 } from './uuid';

describe('newAggregateUuid', () => {
  let n = 0;
  const ids = { uuid: () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}` };

  it('is random without an Idempotency-Key', () => {
    expect(newAggregateUuid(ids, {}, 'it-system')).not.toBe(newAggregateUuid(ids, {}, 'it-system'));
  });

  it('is derived from the key passed down: the same for a repeat, different per key and per kind of aggregate', () => {
    const a = newAggregateUuid(ids, { idempotencyKey: 'k1' }, 'it-system');
    expect(isUuid(a)).toBe(true);
    expect(a[14]).toBe('5');
    expect(newAggregateUuid(ids, { idempotencyKey: 'k1' }, 'it-system')).toBe(a);
    expect(newAggregateUuid(ids, { idempotencyKey: 'k2' }, 'it-system')).not.toBe(a);
    expect(newAggregateUuid(ids, { idempotencyKey: 'k1' }, 'it-contract')).not.toBe(a);
  });

  it('uuidV5 gives the RFC 9562 test vector', () => {
    // RFC 9562 appendix A.4: www.example.com in the DNS namespace
    expect(uuidV5('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2');
  });
});
