import { DomainError } from './errors';
import { createOnce, earlierCreation, earlierPart, isUuid, newAggregateUuid, newPartUuid, refuseIfAdded, uuidV5 } from './uuid';

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

describe('finding what an earlier run of a create made', () => {
  const ids = { uuid: () => 'random' };

  it('a part is found by its derived uuid only when the request came with a key', () => {
    const uuid = newPartUuid(ids, { idempotencyKey: 'k' }, 'milestone');
    const parts = [{ uuid: 'other' }, { uuid }];
    expect(earlierPart({ idempotencyKey: 'k' }, parts, uuid)).toBe(parts[1]);
    expect(earlierPart({}, parts, uuid)).toBeNull();
    expect(earlierPart({ idempotencyKey: 'k' }, [{ uuid: 'other' }], uuid)).toBeNull();
  });

  it('an object: the read answers it; its 404 means nothing was made; any other error is thrown; no key → not read', async () => {
    const read = jest.fn(async () => ({ uuid: 'u' }));
    expect(await earlierCreation({ idempotencyKey: 'k' }, read)).toEqual({ uuid: 'u' });
    expect(await earlierCreation({}, read)).toBeNull();
    expect(read).toHaveBeenCalledTimes(1);
    expect(await earlierCreation({ idempotencyKey: 'k' }, () => Promise.reject(DomainError.notFound('Thing', 'u')))).toBeNull();
    await expect(earlierCreation({ idempotencyKey: 'k' }, () => Promise.reject(DomainError.forbidden('no')))).rejects.toThrow('no');
  });
});

describe('createOnce: a retry that overtook its first run', () => {
  const keyed = { idempotencyKey: 'k1' };
  const nameTaken = DomainError.conflict('name taken', {});
  const duplicateKey = Object.assign(new Error('Duplicate key: _id'), { name: 'DuplicateKeyError' });
  const failing = (error: unknown) => () => Promise.reject(error);

  it('answers what the create made when nothing collided', async () => {
    const earlier = jest.fn();
    await expect(createOnce(keyed, () => Promise.resolve('made'), earlier)).resolves.toBe('made');
    expect(earlier).not.toHaveBeenCalled();
  });

  it.each([
    ['a domain refusal (name taken by the first run)', nameTaken],
    ['the store persistence library duplicate key', duplicateKey],
    ['the driver duplicate key', Object.assign(new Error('E11000'), { code: 11000 })],
  ])('answers the first run object after %s', async (_what, error) => {
    await expect(createOnce(keyed, failing(error), () => Promise.resolve('first'))).resolves.toBe('first');
  });

  it('keeps the error when nothing exists under the uuid (a real duplicate name is still 409)', async () => {
    await expect(createOnce(keyed, failing(nameTaken), () => Promise.resolve(null))).rejects.toBe(nameTaken);
  });

  it('keeps the error without a key, for a uuid the client chose, and for a failure that is no refusal', async () => {
    const earlier = jest.fn(() => Promise.resolve('first'));
    await expect(createOnce({}, failing(nameTaken), earlier)).rejects.toBe(nameTaken);
    await expect(createOnce(keyed, failing(duplicateKey), earlier, { derived: false })).rejects.toBe(duplicateKey);
    const down = new Error('connection closed');
    await expect(createOnce(keyed, failing(down), earlier)).rejects.toBe(down);
    expect(earlier).not.toHaveBeenCalled();
  });

  it('keeps the original error when looking for the first run object fails too', async () => {
    await expect(createOnce(keyed, failing(nameTaken), failing(new Error('store down')))).rejects.toBe(nameTaken);
  });
});

describe('refuseIfAdded: a run that loaded its aggregate after another run of the same add wrote the part', () => {
  const ids = { uuid: () => 'random' };
  const keyed = { idempotencyKey: 'k1' };
  const uuid = newPartUuid(ids, keyed, 'reference');

  it('refuses with 409 when the part is there, so that createOnce answers it instead of appending a second one', async () => {
    // the window of CI's failure: this run looked for the part (not there yet), the other run wrote it, this run loads
    const stored = [{ uuid: 'other' }];
    const earlier = async () => earlierPart(keyed, stored, uuid);
    expect(await earlier()).toBeNull();
    stored.push({ uuid });
    const append = jest.fn();
    const answer = await createOnce(
      keyed,
      async () => {
        refuseIfAdded(keyed, stored, uuid);
        append();
        return { uuid: 'second' };
      },
      earlier,
    );
    expect(answer).toBe(stored[1]);
    expect(append).not.toHaveBeenCalled();
  });

  it('lets the add through when the part is not there, and always without a key', () => {
    expect(() => refuseIfAdded(keyed, [{ uuid: 'other' }], uuid)).not.toThrow();
    expect(() => refuseIfAdded({}, [{ uuid }], uuid)).not.toThrow();
    expect(() => refuseIfAdded(keyed, [{ uuid }], uuid)).toThrow(DomainError);
  });
});
