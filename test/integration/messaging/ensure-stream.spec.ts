import { nanos, RetentionPolicy, StorageType, type JetStreamManager, type NatsConnection } from 'nats';
import { ensureStream } from '@kitos/messaging';
import { resetJetStream } from '@kitos/testing';
import { connectTestNats } from './messaging-fixtures';

describe('ensureStream', () => {
  let nc: NatsConnection;
  let jsm: JetStreamManager;

  beforeAll(async () => {
    nc = await connectTestNats('ensure-stream-spec');
    jsm = await nc.jetstreamManager();
  });

  beforeEach(async () => {
    await resetJetStream();
  });

  afterAll(async () => {
    await nc.close();
  });

  it('creates a file-stored, limits-retained stream with the given settings', async () => {
    await ensureStream(jsm, { name: 'THINGS', subjects: ['evt.things.>'], maxAgeMs: 3_600_000, duplicateWindowMs: 60_000 });

    const { config } = await jsm.streams.info('THINGS');
    expect(config).toMatchObject({
      subjects: ['evt.things.>'],
      storage: StorageType.File,
      retention: RetentionPolicy.Limits,
      max_age: nanos(3_600_000),
      duplicate_window: nanos(60_000),
      num_replicas: 1,
    });
  });

  it('leaves a stream with the same settings and its messages alone', async () => {
    const spec = { name: 'THINGS', subjects: ['evt.things.>'] };
    const created = await ensureStream(jsm, spec);
    await nc.jetstream().publish('evt.things.a', new Uint8Array([1]));

    const again = await ensureStream(jsm, spec);

    expect(again.created).toEqual(created.created);
    expect(again.state.messages).toBe(1);
  });

  it('updates a stream whose settings differ', async () => {
    await ensureStream(jsm, { name: 'THINGS', subjects: ['evt.things.>'] });

    await ensureStream(jsm, { name: 'THINGS', subjects: ['evt.things.>', 'evt.stuff.>'], maxAgeMs: 60_000 });

    const { config } = await jsm.streams.info('THINGS');
    expect(config.subjects).toEqual(['evt.things.>', 'evt.stuff.>']);
    expect(config.max_age).toBe(nanos(60_000));
    expect(config.duplicate_window).toBe(nanos(60_000));
  });

  it('can be called by several replicas at once', async () => {
    const spec = { name: 'THINGS', subjects: ['evt.things.>'] };
    await Promise.all([ensureStream(jsm, spec), ensureStream(jsm, spec), ensureStream(jsm, spec)]);
    expect((await jsm.streams.info('THINGS')).config.name).toBe('THINGS');
  });
});
