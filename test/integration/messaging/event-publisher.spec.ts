import type { JetStreamManager, NatsConnection } from 'nats';
import { CORRELATION_HEADER, eventSubject, InvalidEventError, streamOf } from '@kitos/contracts';
import { EventPublisher } from '@kitos/messaging';
import { resetJetStream } from '@kitos/testing';
import { connectTestNats, itSystemCreated, json, recreateStream, storedMessages } from './messaging-fixtures';

describe('EventPublisher', () => {
  let nc: NatsConnection;
  let jsm: JetStreamManager;
  let sut: EventPublisher;

  beforeAll(async () => {
    nc = await connectTestNats('event-publisher-spec');
    jsm = await nc.jetstreamManager();
    sut = new EventPublisher(nc);
  });

  beforeEach(async () => {
    await resetJetStream();
  });

  afterAll(async () => {
    await nc.close();
  });

  it('stores an event on its subject with the event id as Nats-Msg-Id and the correlation id as header', async () => {
    await recreateStream(jsm, streamOf('catalog'));
    const event = itSystemCreated({ correlationId: 'corr-1' });

    expect(await sut.publish(event)).toEqual({ seq: 1, duplicate: false });

    const [stored] = await storedMessages(jsm, 'CATALOG');
    expect(stored.subject).toBe(eventSubject(event.type, event.version));
    expect(stored.header.get('Nats-Msg-Id')).toBe(event.id);
    expect(stored.header.get(CORRELATION_HEADER)).toBe('corr-1');
    expect(json(stored.data)).toEqual(event);
  });

  it('drops a second publish of the same event id and reports it as a duplicate of the first', async () => {
    await recreateStream(jsm, streamOf('catalog'));
    const event = itSystemCreated();

    const first = await sut.publish(event);
    const second = await sut.publish(event);

    expect(first).toEqual({ seq: 1, duplicate: false });
    expect(second).toEqual({ seq: 1, duplicate: true });
    expect((await jsm.streams.info('CATALOG')).state.messages).toBe(1);
  });

  it('rejects an invalid event with InvalidEventError and publishes nothing', async () => {
    await recreateStream(jsm, streamOf('catalog'));
    const event = itSystemCreated();
    const invalid = { ...event, data: { system: { ...event.data.system, name: 42 } } } as unknown as typeof event;

    await expect(sut.publish(invalid)).rejects.toBeInstanceOf(InvalidEventError);
    expect((await jsm.streams.info('CATALOG')).state.messages).toBe(0);
  });

  it('rejects when no stream acknowledges before the timeout', async () => {
    const event = itSystemCreated();
    const silent = nc.subscribe(eventSubject(event.type, event.version));
    try {
      const started = Date.now();
      await expect(sut.publish(event, { timeoutMs: 200 })).rejects.toThrow(/TIMEOUT/i);
      expect(Date.now() - started).toBeLessThan(2000);
    } finally {
      silent.unsubscribe();
    }
  });
});
