import type { MongoConnection } from '@kitos/persistence';
import type { Model } from 'mongoose';
import { DIRECTORY_CACHE_MS, DirectoryRepository, type OrganizationRow } from './directory.repository';

describe('DirectoryRepository cache', () => {
  const rows = new Map<string, OrganizationRow>();
  const find = jest.fn((filter: { _id: string | { $in: string[] } }) => {
    const ids = typeof filter._id === 'string' ? [filter._id] : filter._id.$in;
    const found = ids.flatMap((id) => (rows.has(id) ? [{ ...rows.get(id)! }] : []));
    return { lean: () => ({ exec: () => Promise.resolve(found) }) };
  });
  const updateOne = jest.fn((filter: { _id: string }, update: { $set: Partial<OrganizationRow> }) => {
    rows.set(filter._id, { ...rows.get(filter._id)!, ...update.$set, _id: filter._id });
    return { exec: () => Promise.resolve({ modifiedCount: 1, upsertedCount: 0 }) };
  });
  const model = { find, updateOne, updateMany: jest.fn(() => ({ exec: () => Promise.resolve({}) })) };
  const mongo = { model: () => model } as unknown as MongoConnection;
  let sut: DirectoryRepository;

  beforeEach(() => {
    jest.useFakeTimers({ now: 1_000_000 });
    rows.clear();
    find.mockClear();
    rows.set('a', { _id: 'a', version: 1, deleted: false, name: 'Aarhus', cvr: null, organizationType: 'Municipality' });
    rows.set('b', { _id: 'b', version: 1, deleted: false, name: 'Billund', cvr: null, organizationType: 'Municipality' });
    sut = new DirectoryRepository(mongo, { modelPrefix: 'T', collectionPrefix: 't_' } as never);
  });
  afterEach(() => jest.useRealTimers());

  const names = async (uuids: string[]) => [...(await sut.find(sut.organizations, uuids)).values()].map((o) => o.name);

  it('answers rows read within DIRECTORY_CACHE_MS from memory and asks the store only for the others', async () => {
    expect(await names(['a'])).toEqual(['Aarhus']);
    expect(await names(['a', 'b'])).toEqual(['Aarhus', 'Billund']);
    expect(find.mock.calls.map(([filter]) => filter)).toEqual([{ _id: 'a' }, { _id: 'b' }]);
    jest.setSystemTime(1_000_000 + DIRECTORY_CACHE_MS);
    expect(await names(['a'])).toEqual(['Aarhus']);
    expect(find).toHaveBeenCalledTimes(3);
  });

  it('forgets a row as soon as this process writes it', async () => {
    expect(await names(['a'])).toEqual(['Aarhus']);
    await sut.apply(sut.organizations as unknown as Model<OrganizationRow>, 'a', 2, {
      name: 'Aarhus Kommune',
      cvr: null,
      organizationType: 'Municipality',
      deleted: false,
    });
    expect(await names(['a'])).toEqual(['Aarhus Kommune']);
    expect(find).toHaveBeenCalledTimes(2);
  });
});
