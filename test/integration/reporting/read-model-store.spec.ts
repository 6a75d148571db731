import { MongoConnection } from '@kitos/persistence';
import { testMongoUri, uniqueName } from '@kitos/testing';
import { randomUUID } from 'node:crypto';
import { ReadModelCollections } from '../../../services/reporting/src/read-models/read-model.store';
import type { UsageDoc } from '../../../services/reporting/src/read-models/read-model.types';

describe('read-model writes against FerretDB', () => {
  let mongo: MongoConnection;
  let store: ReadModelCollections;

  beforeAll(async () => {
    mongo = new MongoConnection({ uri: testMongoUri(), database: uniqueName('readmodels'), serverSelectionTimeoutMs: 2000 });
    await mongo.connect();
    store = new ReadModelCollections(mongo);
    await store.model('it-system-usages').createCollection();
  });

  afterAll(async () => {
    await mongo.connection.dropDatabase().catch(() => undefined);
    await mongo.connection.close();
  });

  const usage = (uuid: string, localCallName: string) => ({ uuid, organizationUuid: 'o', systemUuid: 's', localCallName });
  const load = (uuid: string) => store.model('it-system-usages').findById(uuid).lean<UsageDoc>().exec();

  it('keeps both the usage and its GDPR profile when their first writes race for the same new document', async () => {
    const uuids = Array.from({ length: 40 }, () => randomUUID());
    await Promise.all(
      uuids.flatMap((uuid) => [
        store.applySnapshot('it-system-usages', uuid, 'o', 1, new Date(), usage(uuid, 'Sag')),
        store.applyAttachment('gdpr', uuid, 'o', 1, { usageUuid: uuid, processesPersonalData: true }),
        store.applyAttachment('archive', uuid, 'o', 1, { usageUuid: uuid, archiveDuty: 'B' }),
      ]),
    );
    for (const uuid of uuids) {
      const doc = await load(uuid);
      expect([uuid, doc?.version, doc?.data?.localCallName, doc?.gdpr?.version, doc?.archive?.version]).toEqual([uuid, 1, 'Sag', 1, 1]);
    }
  });

  it('still ignores repeated and older events', async () => {
    const uuid = randomUUID();
    expect(await store.applySnapshot('it-system-usages', uuid, 'o', 2, new Date(), usage(uuid, 'Ny'))).toBe(true);
    expect(await store.applySnapshot('it-system-usages', uuid, 'o', 1, new Date(), usage(uuid, 'Gammel'))).toBe(false);
    expect(await store.applySnapshot('it-system-usages', uuid, 'o', 2, new Date(), usage(uuid, 'Ny'))).toBe(false);
    expect(await store.applyAttachment('gdpr', uuid, 'o', 3, { usageUuid: uuid })).toBe(true);
    expect(await store.applyAttachment('gdpr', uuid, 'o', 2, { usageUuid: uuid, old: true })).toBe(false);
    const doc = await load(uuid);
    expect(doc?.data?.localCallName).toBe('Ny');
    expect(doc?.gdpr).toEqual({ version: 3, deleted: false, data: { usageUuid: uuid } });
  });
});
