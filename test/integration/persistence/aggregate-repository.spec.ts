import { systemCaller } from '@kitos/common';
import { CatalogEvents, type EventEnvelope } from '@kitos/contracts';
import {
  AggregateRepository,
  type AfterWrite,
  DuplicateKeyError,
  KeyedMutex,
  MongoConnection,
  OutboxRelay,
  StaleVersionError,
  aggregateSchema,
  buildEvent,
} from '@kitos/persistence';
import { eventually, testMongoUri, uniqueName } from '@kitos/testing';
import { randomUUID } from 'node:crypto';
import type { Model } from 'mongoose';

interface Thing extends Record<string, unknown> {
  organizationUuid: string;
  name: string;
  nameKey: string;
}

class ThingRepository extends AggregateRepository<Thing> {
  constructor(model: Model<Record<string, unknown>>, locks: KeyedMutex, nudge: AfterWrite) {
    super(model, locks, nudge);
  }
  protected toState(d: Record<string, unknown>): Thing {
    return { organizationUuid: d.organizationUuid as string, name: d.name as string, nameKey: d.nameKey as string };
  }
}

const source = { clock: { now: () => new Date('2026-01-02T03:04:05Z') }, ids: { uuid: () => randomUUID() } };
const org = randomUUID();

function event(uuid: string, version: number, name: string): EventEnvelope {
  const snapshot = {
    uuid,
    organizationUuid: org,
    name,
    formerName: null,
    description: null,
    scope: 'Global' as const,
    deactivated: false,
    createdAt: '2026-01-02T03:04:05.000Z',
    lastModified: '2026-01-02T03:04:05.000Z',
  };
  return buildEvent(source, CatalogEvents.itSystemCreated, {
    aggregate: { type: 'it-system', uuid, version },
    organizationUuid: org,
    caller: systemCaller('test'),
    data: { system: snapshot },
  }) as unknown as EventEnvelope;
}

describe('AggregateRepository and OutboxRelay against FerretDB', () => {
  let mongo: MongoConnection;
  let model: Model<Record<string, unknown>>;
  let sut: ThingRepository;
  let nudges = 0;
  const database = uniqueName('persistence');

  beforeAll(async () => {
    mongo = new MongoConnection({ uri: testMongoUri(), database, serverSelectionTimeoutMs: 2000 });
    const schema = aggregateSchema({ organizationUuid: String, name: String, nameKey: String }, 'things');
    schema.index({ organizationUuid: 1, nameKey: 1 }, { unique: true });
    model = mongo.connection.model<Record<string, unknown>>('Thing', schema);
    mongo.whenConnected(async () => {
      await model.createCollection();
      await model.createIndexes();
    });
    await mongo.ready();
    sut = new ThingRepository(model, mongo.writeLocks, () => void nudges++);
  });

  afterAll(async () => {
    await mongo.connection.dropDatabase();
    await mongo.close();
  });

  it('inserts at version 1 with the creation event pending, and nudges the relay', async () => {
    const uuid = randomUUID();
    const before = nudges;
    await sut.insert(uuid, { organizationUuid: org, name: 'A', nameKey: 'a' }, [event(uuid, 1, 'A')]);
    expect(await sut.findByUuid(uuid)).toEqual({ uuid, version: 1, organizationUuid: org, name: 'A', nameKey: 'a' });
    const raw = await model.findById(uuid).lean<{ pendingEvents: EventEnvelope[]; hasPendingEvents: boolean }>();
    expect(raw?.hasPendingEvents).toBe(true);
    expect(raw?.pendingEvents.map((e) => e.aggregate.version)).toEqual([1]);
    expect(nudges).toBe(before + 1);
  });

  it('refuses a second aggregate with the same unique key as a duplicate', async () => {
    const first = randomUUID();
    await sut.insert(first, { organizationUuid: org, name: 'Dup', nameKey: 'dup' }, []);
    await expect(sut.insert(randomUUID(), { organizationUuid: org, name: 'DUP', nameKey: 'dup' }, [])).rejects.toBeInstanceOf(
      DuplicateKeyError,
    );
    await expect(sut.insert(randomUUID(), { organizationUuid: randomUUID(), name: 'Dup', nameKey: 'dup' }, [])).resolves.toBeUndefined();
  });

  it('refuses an update that expects a stale version, and keeps the newer state', async () => {
    const uuid = randomUUID();
    await sut.insert(uuid, { organizationUuid: org, name: 'V', nameKey: 'v' }, []);
    await sut.update(uuid, 1, { name: 'V2', nameKey: 'v2' }, [event(uuid, 2, 'V2')]);
    await expect(sut.update(uuid, 1, { name: 'lost', nameKey: 'lost' }, [])).rejects.toBeInstanceOf(StaleVersionError);
    expect(await sut.findByUuid(uuid)).toMatchObject({ version: 2, name: 'V2' });
  });

  it('hides a tombstone from reads while it keeps its deletion event', async () => {
    const uuid = randomUUID();
    await sut.insert(uuid, { organizationUuid: org, name: 'Gone', nameKey: 'gone' }, []);
    await sut.markDeleted(uuid, 1, { nameKey: `deleted:${uuid}` }, [event(uuid, 2, 'Gone')], new Date());
    expect(await sut.findByUuid(uuid)).toBeNull();
    const raw = await model.findById(uuid).lean<{ deleted: boolean; pendingEvents: unknown[] }>();
    expect(raw).toMatchObject({ deleted: true });
    expect(raw?.pendingEvents).toHaveLength(1);
    await expect(sut.insert(randomUUID(), { organizationUuid: org, name: 'Gone', nameKey: 'gone' }, [])).resolves.toBeUndefined();
  });

  it('relay publishes pending events in order, removes them and clears the flag', async () => {
    const published: EventEnvelope[] = [];
    const relay = new OutboxRelay({ publish: async (e) => void published.push(e) }, mongo.writeLocks, { sweepMs: 60_000 });
    relay.watch(model);
    const uuid = randomUUID();
    await sut.insert(uuid, { organizationUuid: org, name: 'R', nameKey: 'r' }, [event(uuid, 1, 'R')]);
    await sut.update(uuid, 1, { name: 'R2' }, [event(uuid, 2, 'R2'), event(uuid, 2, 'R2b')]);
    relay.start();
    try {
      await eventually(async () => expect(await relay.backlog()).toBe(0));
    } finally {
      await relay.stop();
    }
    const mine = published.filter((e) => e.aggregate.uuid === uuid);
    expect(mine.map((e) => (e.data as { system: { name: string } }).system.name)).toEqual(['R', 'R2', 'R2b']);
    const raw = await model.findById(uuid).lean<{ pendingEvents: unknown[]; hasPendingEvents: boolean }>();
    expect(raw).toMatchObject({ pendingEvents: [], hasPendingEvents: false });
  });

  it('relay keeps every unpublished event while the bus fails and delivers them once it recovers', async () => {
    const published: string[] = [];
    let failAfter = 1;
    const relay = new OutboxRelay(
      {
        publish: async (e) => {
          if (failAfter-- <= 0) throw new Error('bus down');
          published.push(e.id);
        },
      },
      mongo.writeLocks,
      { sweepMs: 60_000, retryMs: 10 },
    );
    relay.watch(model);
    const uuid = randomUUID();
    const events = [event(uuid, 1, 'F'), event(uuid, 1, 'F2'), event(uuid, 1, 'F3')];
    await sut.insert(uuid, { organizationUuid: org, name: 'F', nameKey: 'f' }, events);
    relay.start();
    try {
      await eventually(() => expect(relay.lastError).toBe('bus down'));
      const raw = await model.findById(uuid).lean<{ pendingEvents: EventEnvelope[] }>();
      expect(raw?.pendingEvents.map((e) => e.id)).toEqual([events[1].id, events[2].id]);
      failAfter = Number.POSITIVE_INFINITY;
      await eventually(async () => expect(await relay.backlog()).toBe(0));
    } finally {
      await relay.stop();
    }
    expect(published.filter((id) => events.some((e) => e.id === id))).toEqual(events.map((e) => e.id));
  });

  it('keeps every domain update while the relay drains the same document concurrently (FerretDB updates are not atomic)', async () => {
    const relay = new OutboxRelay({ publish: async () => undefined }, mongo.writeLocks, { sweepMs: 1 });
    relay.watch(model);
    const uuid = randomUUID();
    await sut.insert(uuid, { organizationUuid: org, name: 'C0', nameKey: 'c0' }, [event(uuid, 1, 'C0')]);
    relay.start();
    try {
      for (let version = 1; version <= 30; version++) {
        await sut.update(uuid, version, { name: `C${version}` }, [event(uuid, version + 1, `C${version}`)]);
        relay.nudge();
        expect(await sut.findByUuid(uuid)).toMatchObject({ version: version + 1, name: `C${version}` });
      }
    } finally {
      await relay.stop();
    }
  });

  it('relay publishes a nudged insert from the nudge, and an update of the version it emptied, without reading or sweeping', async () => {
    const published: EventEnvelope[] = [];
    const relay = new OutboxRelay({ publish: async (e) => void published.push(e) }, mongo.writeLocks, { sweepMs: 60_000 });
    relay.watch(model);
    const nudged = new ThingRepository(model, mongo.writeLocks, relay.nudge);
    relay.start();
    try {
      await eventually(() => expect(relay.sweeps).toBe(1)); // the sweep at start
      const uuid = randomUUID();
      const created = event(uuid, 1, 'N');
      await nudged.insert(uuid, { organizationUuid: org, name: 'N', nameKey: 'n' }, [created]);
      await eventually(() => expect(published.map((e) => e.id)).toContain(created.id));
      await eventually(async () => expect(await model.findById(uuid).lean()).toMatchObject({ pendingEvents: [], hasPendingEvents: false }));
      const renamed = event(uuid, 2, 'N2');
      await nudged.update(uuid, 1, { name: 'N2' }, [renamed]);
      await eventually(() => expect(published.map((e) => e.id)).toContain(renamed.id));
      await eventually(async () => expect(await model.findById(uuid).lean()).toMatchObject({ pendingEvents: [], hasPendingEvents: false }));
      expect(relay.unread).toBe(2);
      expect(relay.sweeps).toBe(1);
      // what is published from the nudge is the event as stored (and as a read would have published it)
      expect(JSON.parse(JSON.stringify(published.find((e) => e.id === created.id)))).toEqual(JSON.parse(JSON.stringify(created)));
    } finally {
      await relay.stop();
    }
  });

  it('relay publishes a burst of nudged writes to one document in order and leaves it empty', async () => {
    const published: string[] = [];
    const relay = new OutboxRelay(
      { publish: async (e) => void (await new Promise((r) => setTimeout(r, 2)), published.push(e.id)) },
      mongo.writeLocks,
      { sweepMs: 60_000 },
    );
    relay.watch(model);
    const nudged = new ThingRepository(model, mongo.writeLocks, relay.nudge);
    relay.start();
    try {
      await eventually(() => expect(relay.sweeps).toBe(1));
      const uuid = randomUUID();
      const events = [event(uuid, 1, 'B0')];
      await nudged.insert(uuid, { organizationUuid: org, name: 'B0', nameKey: 'b0' }, events);
      for (let version = 1; version <= 15; version++) {
        const next = event(uuid, version + 1, `B${version}`);
        events.push(next);
        await nudged.update(uuid, version, { name: `B${version}` }, [next]);
      }
      await eventually(() => expect(published.filter((id) => events.some((e) => e.id === id))).toHaveLength(events.length));
      expect(published.filter((id) => events.some((e) => e.id === id))).toEqual(events.map((e) => e.id));
      await eventually(async () => expect(await model.findById(uuid).lean()).toMatchObject({ pendingEvents: [], hasPendingEvents: false }));
      expect(relay.sweeps).toBe(1);
    } finally {
      await relay.stop();
    }
  });

  it('relay publishes an event whose nudge it missed (written by another process) with its fallback sweep', async () => {
    const published: string[] = [];
    const relay = new OutboxRelay({ publish: async (e) => void published.push(e.id) }, mongo.writeLocks, { sweepMs: 500 });
    relay.watch(model);
    // another process: its own connection to the same database, and no nudge reaches this relay
    const other = new MongoConnection({ uri: testMongoUri(), database, serverSelectionTimeoutMs: 2000 });
    const otherModel = other.connection.model<Record<string, unknown>>('Thing', model.schema);
    await other.ready();
    relay.start();
    try {
      await eventually(() => expect(relay.sweeps).toBe(1));
      const uuid = randomUUID();
      const created = event(uuid, 1, 'Missed');
      await new ThingRepository(otherModel, other.writeLocks, () => undefined).insert(
        uuid,
        { organizationUuid: org, name: 'Missed', nameKey: 'missed' },
        [created],
      );
      await eventually(() => expect(published).toContain(created.id), { timeoutMs: 10_000 });
      expect(relay.sweeps).toBeGreaterThan(1);
      expect(published.filter((id) => id === created.id)).toHaveLength(1);
      await eventually(async () => expect(await model.findById(uuid).lean()).toMatchObject({ hasPendingEvents: false }));
    } finally {
      await relay.stop();
      await other.close();
    }
  });
});
