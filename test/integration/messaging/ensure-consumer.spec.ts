import { AckPolicy, DeliverPolicy, nanos, type JetStreamManager, type NatsConnection } from 'nats';
import { streamOf } from '@kitos/contracts';
import { ensureConsumer } from '@kitos/messaging';
import { resetJetStream } from '@kitos/testing';
import { connectTestNats, recreateStream } from './messaging-fixtures';

const CATALOG = streamOf('catalog');
const spec = { stream: CATALOG.name, durable: 'reporting', maxDeliver: 5, ackWaitMs: 30_000 };

describe('ensureConsumer', () => {
  let nc: NatsConnection;
  let jsm: JetStreamManager;

  beforeAll(async () => {
    nc = await connectTestNats('ensure-consumer-spec');
    jsm = await nc.jetstreamManager();
  });

  beforeEach(async () => {
    await resetJetStream();
    await recreateStream(jsm, CATALOG);
  });

  afterAll(async () => {
    await nc.close();
  });

  it('creates a durable pull consumer with explicit acks from the start of the stream', async () => {
    await ensureConsumer(jsm, spec);

    const { config } = await jsm.consumers.info(CATALOG.name, 'reporting');
    expect(config).toMatchObject({
      durable_name: 'reporting',
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.All,
      max_deliver: 5,
      ack_wait: nanos(30_000),
    });
    expect(config.deliver_subject).toBeUndefined();
    expect(config.backoff).toBeUndefined();
  });

  it('updates retry settings and the filter when they change', async () => {
    await ensureConsumer(jsm, spec);

    await ensureConsumer(jsm, { ...spec, maxDeliver: 3, ackWaitMs: 10_000, filterSubject: 'evt.catalog.it-system.>' });

    const { config } = await jsm.consumers.info(CATALOG.name, 'reporting');
    expect(config).toMatchObject({ max_deliver: 3, ack_wait: nanos(10_000), filter_subject: 'evt.catalog.it-system.>' });
  });

  it('filters on several subjects, and updates a consumer between one and several subjects', async () => {
    const created = 'evt.catalog.it-system.created.v1';
    const deleted = 'evt.catalog.it-system.deleted.v1';
    await ensureConsumer(jsm, spec);

    await ensureConsumer(jsm, { ...spec, filterSubjects: [deleted, created] });
    let { config } = await jsm.consumers.info(CATALOG.name, 'reporting');
    expect(config.filter_subjects).toEqual([created, deleted]);
    expect(config.filter_subject || undefined).toBeUndefined();

    // unchanged (in another order): no update
    const again = await ensureConsumer(jsm, { ...spec, filterSubjects: [created, deleted] });
    expect(again.config.filter_subjects).toEqual([created, deleted]);

    await ensureConsumer(jsm, { ...spec, filterSubjects: [created] });
    ({ config } = await jsm.consumers.info(CATALOG.name, 'reporting'));
    expect(config.filter_subject).toBe(created);
    expect(config.filter_subjects ?? []).toEqual([]);
  });

  it('drops a server-side backoff, which would shorten ack_wait to its first value', async () => {
    await jsm.consumers.add(CATALOG.name, {
      durable_name: 'reporting',
      ack_policy: AckPolicy.Explicit,
      max_deliver: 5,
      backoff: [nanos(50), nanos(100)],
    });

    await ensureConsumer(jsm, spec);

    const { config } = await jsm.consumers.info(CATALOG.name, 'reporting');
    expect(config.backoff ?? []).toEqual([]);
    expect(config.ack_wait).toBe(nanos(30_000));
  });

  it('refuses to change the ack policy of an existing consumer', async () => {
    await jsm.consumers.add(CATALOG.name, { durable_name: 'reporting', ack_policy: AckPolicy.None });

    await expect(ensureConsumer(jsm, spec)).rejects.toThrow(/ack policy none/);
  });
});
