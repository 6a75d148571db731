/**
 * The full read-model rebuild against a real NATS (JetStream) and FerretDB: it reads every stream to the sequence it
 * recorded at the start however slow the server answers, accounts for every message, and never switches in a rebuild
 * that lacks something.
 */
import type { NatsConnection } from 'nats';
import { systemClock } from '@kitos/common';
import { DEAD_LETTER_STREAM, deadLetterSubject, eventSubject, streamOf } from '@kitos/contracts';
import { DeadLetterHeader, ensureStream } from '@kitos/messaging';
import { MongoConnection } from '@kitos/persistence';
import { resetJetStream, testMongoUri, testNatsUrl, uniqueName } from '@kitos/testing';
import {
  ReadModelRebuild,
  REBUILD_DEAD_LETTER_CONSUMER,
  type RebuildProgress,
} from '../../../services/reporting/src/read-models/read-model.rebuild';
import { ReadModelChanges } from '../../../services/reporting/src/read-models/read-model-changes';
import { ReadModelStore } from '../../../services/reporting/src/read-models/read-model.store';
import { connectTestNats, itSystemCreated, storedMessages } from '../messaging/messaging-fixtures';
import { SlowProxy } from '../../support/slow-proxy';

const CATALOG = streamOf('catalog');
const encoder = new TextEncoder();
const EVENTS = 300;

describe('read-model rebuild from the streams', () => {
  let mongo: MongoConnection;
  let live: ReadModelStore;
  let nc: NatsConnection;
  let proxy: SlowProxy;
  let slowNc: NatsConnection;
  let changes: ReadModelChanges;
  const ghost = 'f0000000-0000-4000-8000-000000000000';

  const publish = async (event: object, subject: string): Promise<number> =>
    (await nc.jetstream().publish(subject, encoder.encode(JSON.stringify(event)))).seq;

  /** A live document no event stands for: a rebuild that is switched in removes it. */
  const plantGhost = () =>
    live.applySnapshot('it-systems', ghost, 'o', 1, new Date(), { uuid: ghost, organizationUuid: 'o', name: 'Spøgelse' });
  const liveSystems = () => live.model('it-systems').countDocuments().exec();
  const ghostIsLive = async () => (await live.model('it-systems').exists({ _id: ghost }).exec()) !== null;

  beforeAll(async () => {
    await resetJetStream();
    nc = await connectTestNats('rebuild-spec');
    const jsm = await nc.jetstreamManager();
    await ensureStream(jsm, CATALOG);
    for (let i = 0; i < EVENTS; i++) {
      const event = itSystemCreated();
      await publish(event, eventSubject(event.type, event.version));
    }
    proxy = await SlowProxy.start(Number(new URL(testNatsUrl()).port));
    const url = new URL(testNatsUrl());
    url.port = String(proxy.port);
    slowNc = await connectTestNats('rebuild-spec-slow', url.toString());
    mongo = new MongoConnection({ uri: testMongoUri(), database: uniqueName('rebuild'), serverSelectionTimeoutMs: 2000 });
    await mongo.connect();
    live = new ReadModelStore(mongo);
    changes = new ReadModelChanges(nc);
  });

  afterAll(async () => {
    await slowNc?.close();
    await proxy?.stop();
    await nc?.close();
    await mongo.connection.dropDatabase().catch(() => undefined);
    await mongo.connection.close();
  });

  it('reads every event through a NATS that answers each message seconds late, and switches in a complete rebuild', async () => {
    await plantGhost();
    const steps: string[] = [];
    const generation = changes.generation;
    const result = await new ReadModelRebuild(slowNc, mongo, live, systemClock, changes).rebuild({
      deadlineMs: 360_000,
      onProgress: (p: RebuildProgress) => {
        steps.push(p.step);
        // While the streams are read, NATS answers 1.2 s late each way: every fetch of the former reader (1 s, then
        // stop) came back empty. (The stream states before and after, one request each for every stream, need no
        // slowing: each would only add 2.4 s to the test.)
        if (p.step === 'reading') proxy.latencyMs = 1200;
        if (p.step === 'switching') proxy.latencyMs = 0;
      },
    });
    proxy.latencyMs = 0;

    const catalog = result.streams.find((s) => s.stream === CATALOG.name)!;
    expect([result.outcome, result.switched, result.error]).toEqual(['succeeded', true, null]);
    expect(catalog).toMatchObject({ lastSequence: EVENTS, expected: EVENTS, read: EVENTS, applied: EVENTS, skipped: 0, missing: 0 });
    expect(result.streams.filter((s) => s.stream !== CATALOG.name).every((s) => s.expected === 0 && s.missing === 0)).toBe(true);
    expect(await liveSystems()).toBe(EVENTS);
    expect(await ghostIsLive()).toBe(false);
    expect(steps).toEqual(expect.arrayContaining(['preparing', 'reading', 'switching', 'catching-up', 'finished']));
    expect(changes.generation).toBeGreaterThan(generation); // cached benchmarks and scores are computed anew
  }, 420_000);

  it('fails without switching when NATS stops answering before every event was read by the deadline', async () => {
    await plantGhost();
    const generation = changes.generation;
    const result = await new ReadModelRebuild(slowNc, mongo, live, systemClock, changes).rebuild({
      // short: the rebuild waits for it to pass (reading stops at the deadline, however late the proxy's pause began)
      deadlineMs: 6_000,
      onProgress: (p: RebuildProgress) => {
        if (p.step === 'reading') proxy.pause(); // the streams' ends are recorded; now nothing comes through
      },
    });
    proxy.resume();

    const catalog = result.streams.find((s) => s.stream === CATALOG.name)!;
    expect([result.outcome, result.switched]).toEqual(['failed', false]);
    expect(result.error).toContain(`${CATALOG.name} ${EVENTS} of ${EVENTS} missing`);
    expect(catalog).toMatchObject({ expected: EVENTS, read: 0, missing: EVENTS });
    expect(await ghostIsLive()).toBe(true); // the live read models are as they were
    expect(await liveSystems()).toBe(EVENTS + 1);
    expect(changes.generation).toBe(generation);
  }, 120_000);

  it('counts, lists and dead-letters an invalid event, and switches in only when told to accept it', async () => {
    await plantGhost();
    const invalidSeq = await publish({ id: 'not-an-event', type: 'catalog.it-system.created' }, 'evt.catalog.it-system.created.v1');
    const after = itSystemCreated();
    await publish(after, eventSubject(after.type, after.version));

    const refused = await new ReadModelRebuild(nc, mongo, live, systemClock, changes).rebuild({ deadlineMs: 300_000 });
    const catalog = refused.streams.find((s) => s.stream === CATALOG.name)!;
    expect([refused.outcome, refused.switched]).toEqual(['failed', false]);
    expect(refused.error).toContain('Invalid events were skipped');
    expect(catalog).toMatchObject({ expected: EVENTS + 2, read: EVENTS + 2, applied: EVENTS + 1, skipped: 1, missing: 0 });
    expect(catalog.skippedEvents).toEqual([
      { sequence: invalidSeq, subject: 'evt.catalog.it-system.created.v1', reason: expect.stringMatching(/Invalid event/) },
    ]);
    expect(await ghostIsLive()).toBe(true);

    const jsm = await nc.jetstreamManager();
    const dead = (await storedMessages(jsm, DEAD_LETTER_STREAM.name)).filter(
      (m) => m.subject === deadLetterSubject(REBUILD_DEAD_LETTER_CONSUMER, CATALOG.name),
    );
    expect(dead.map((m) => m.header.get(DeadLetterHeader.StreamSequence))).toEqual([String(invalidSeq)]);

    const accepted = await new ReadModelRebuild(nc, mongo, live, systemClock, changes).rebuild({
      deadlineMs: 300_000,
      acceptInvalid: true,
    });
    expect([accepted.outcome, accepted.switched, accepted.skipped]).toEqual(['succeeded', true, 1]);
    expect(await ghostIsLive()).toBe(false);
    expect(await liveSystems()).toBe(EVENTS + 1);
  }, 700_000);
});
