import { AckPolicy, headers as natsHeaders, type JetStreamManager, type NatsConnection } from 'nats';
import { CORRELATION_HEADER, DEAD_LETTER_STREAM, deadLetterSubject, eventSubject, streamOf, type EventEnvelope } from '@kitos/contracts';
import {
  DurableEventConsumer,
  EventPublisher,
  HANDLER_ATTEMPTS_BUCKET,
  HandlerAttempts,
  type DurableEventConsumerOptions,
  type EventHandler,
  type EventMeta,
} from '@kitos/messaging';
import { eventually, resetJetStream } from '@kitos/testing';
import {
  connectTestNats,
  itSystemCreated,
  itSystemDeleted,
  json,
  RecordingLogger,
  recreateStream,
  storedMessages,
} from './messaging-fixtures';

const CATALOG = streamOf('catalog');

describe('DurableEventConsumer', () => {
  let nc: NatsConnection;
  let jsm: JetStreamManager;
  let publisher: EventPublisher;
  let running: DurableEventConsumer[];

  beforeAll(async () => {
    nc = await connectTestNats('durable-event-consumer-spec');
    jsm = await nc.jetstreamManager();
    publisher = new EventPublisher(nc);
  });

  beforeEach(async () => {
    running = [];
    await resetJetStream();
    await recreateStream(jsm, CATALOG);
  });

  afterEach(async () => {
    await Promise.all(running.map((consumer) => consumer.stop()));
  });

  afterAll(async () => {
    await nc.close();
  });

  async function startConsumer(handler: EventHandler, options: Partial<DurableEventConsumerOptions> = {}) {
    const logger = new RecordingLogger();
    const consumer = new DurableEventConsumer(nc, { stream: CATALOG.name, durable: 'reporting', ...options }, handler, logger);
    running.push(consumer);
    await consumer.start();
    return { consumer, logger };
  }

  /** Nothing left to deliver and nothing awaiting an ack: the server will not deliver anything again. */
  async function expectSettled() {
    await eventually(async () => {
      const info = await jsm.consumers.info(CATALOG.name, 'reporting');
      expect({ pending: info.num_pending, ackPending: info.num_ack_pending }).toEqual({ pending: 0, ackPending: 0 });
    });
  }

  async function waitingPull() {
    await eventually(async () => expect((await jsm.consumers.info(CATALOG.name, 'reporting')).num_waiting).toBe(1));
  }

  it('hands a published event to the handler once, even when it was published twice', async () => {
    const seen: EventEnvelope[] = [];
    const { consumer } = await startConsumer(async (event) => {
      seen.push(event);
    });
    const event = itSystemCreated();

    await publisher.publish(event);
    expect(await publisher.publish(event)).toEqual({ seq: 1, duplicate: true });

    await eventually(() => expect(consumer.stats().acked).toBe(1));
    await expectSettled();
    expect(seen.map((e) => e.id)).toEqual([event.id]);
    expect(seen[0].data).toEqual(event.data);
    expect(consumer.stats()).toMatchObject({ state: 'consuming', delivered: 1, redelivered: 0, deadLettered: 0 });
  });

  it('delivers an event at once while its long idle pull is open (the pull lifetime only sets how often an idle consumer asks again)', async () => {
    const seen: EventEnvelope[] = [];
    const { consumer } = await startConsumer(
      async (event) => {
        seen.push(event);
      },
      { pullExpiresMs: 60_000 },
    );
    await waitingPull();
    // the same pull is still open a moment later: an idle consumer does not ask again before the pull runs out
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect((await jsm.consumers.info(CATALOG.name, 'reporting')).num_waiting).toBe(1);
    const event = itSystemCreated();

    const published = Date.now();
    await publisher.publish(event);

    await eventually(() => expect(seen.map((e) => e.id)).toEqual([event.id]));
    expect(Date.now() - published).toBeLessThan(5000);
    await eventually(() => expect(consumer.stats().acked).toBe(1));
  });

  it('asks the server for the given subjects only: another event of the stream is neither delivered nor left pending', async () => {
    const seen: EventEnvelope[] = [];
    const { consumer } = await startConsumer(
      async (event) => {
        seen.push(event);
      },
      { filterSubjects: [eventSubject('catalog.it-system.created', 1), eventSubject('catalog.it-system.updated', 1)] },
    );
    const deleted = itSystemDeleted();
    const created = itSystemCreated();

    await publisher.publish(deleted);
    await publisher.publish(created);

    await eventually(() => expect(seen.map((e) => e.id)).toEqual([created.id]));
    await expectSettled();
    expect(consumer.stats()).toMatchObject({ delivered: 1, acked: 1 });
  });

  it('redelivers a failing event with backoff, dead-letters it after the last delivery and moves on to the next', async () => {
    const failing = itSystemCreated({ correlationId: 'corr-42' });
    const next = itSystemCreated();
    const attempts: EventMeta[] = [];
    const handled: string[] = [];
    const { consumer } = await startConsumer(
      async (event, meta) => {
        if (event.id !== failing.id) {
          handled.push(event.id);
          return;
        }
        attempts.push(meta);
        throw new Error(`projection store unavailable (attempt ${meta.deliveryCount})`);
      },
      { maxDeliver: 3, backoffMs: [50, 100] },
    );

    await publisher.publish(failing);
    await publisher.publish(next);

    await eventually(() => expect(handled).toEqual([next.id]));
    await eventually(() => expect(consumer.stats()).toMatchObject({ delivered: 4, acked: 1, redelivered: 2, deadLettered: 1 }));
    await expectSettled();
    expect(attempts.map((meta) => meta.deliveryCount)).toEqual([1, 2, 3]);
    expect(attempts.every((meta) => meta.streamSequence === 1 && meta.subject === eventSubject(failing.type, 1))).toBe(true);

    const [original] = await storedMessages(jsm, CATALOG.name);
    const deadLetters = await storedMessages(jsm, DEAD_LETTER_STREAM.name);
    expect(deadLetters).toHaveLength(1);
    const [letter] = deadLetters;
    expect(letter.subject).toBe(deadLetterSubject('reporting', CATALOG.name));
    expect(letter.data).toEqual(original.data);
    expect(
      Object.fromEntries(
        ['x-original-subject', 'x-stream-sequence', 'x-error', CORRELATION_HEADER, 'Nats-Msg-Id'].map((h) => [h, letter.header.get(h)]),
      ),
    ).toEqual({
      'x-original-subject': 'evt.catalog.it-system.created.v1',
      'x-stream-sequence': '1',
      'x-error': 'projection store unavailable (attempt 3)',
      [CORRELATION_HEADER]: 'corr-42',
      'Nats-Msg-Id': 'reporting:CATALOG:1',
    });
  });

  it('dead-letters invalid events at once without calling the handler: bad JSON, unknown type, schema violation', async () => {
    const handler = jest.fn(async () => undefined);
    const { consumer } = await startConsumer(handler);
    const js = nc.jetstream();
    const valid = itSystemCreated();
    const encode = (value: unknown) => new TextEncoder().encode(typeof value === 'string' ? value : JSON.stringify(value));

    await js.publish('evt.catalog.it-system.created.v1', encode('{"id": '));
    await js.publish('evt.catalog.it-system.exploded.v1', encode({ ...valid, type: 'catalog.it-system.exploded' }));
    const correlated = natsHeaders();
    correlated.set(CORRELATION_HEADER, 'corr-7');
    await js.publish(
      'evt.catalog.it-system.created.v1',
      encode({ ...valid, data: { system: { ...valid.data.system, scope: 'Galactic' } } }),
      {
        headers: correlated,
      },
    );

    await eventually(() => expect(consumer.stats().deadLettered).toBe(3));
    await expectSettled();
    expect(handler).not.toHaveBeenCalled();
    expect(consumer.stats()).toMatchObject({ delivered: 3, redelivered: 0, acked: 0 });
    const letters = await storedMessages(jsm, DEAD_LETTER_STREAM.name);
    expect(letters.map((letter) => [letter.header.get('x-stream-sequence'), letter.header.get('x-original-subject')])).toEqual([
      ['1', 'evt.catalog.it-system.created.v1'],
      ['2', 'evt.catalog.it-system.exploded.v1'],
      ['3', 'evt.catalog.it-system.created.v1'],
    ]);
    expect(letters[0].header.get('x-error')).toMatch(/JSON/);
    expect(letters[1].header.get('x-error')).toBe('No schema for event catalog.it-system.exploded v1');
    expect(letters[2].header.get('x-error')).toMatch(/system\.scope/);
    expect(letters[2].header.get(CORRELATION_HEADER)).toBe('corr-7');
    expect(json(letters[1].data)).toMatchObject({ type: 'catalog.it-system.exploded' });
  });

  it('delivers, exactly once, an event published while the consumer was stopped', async () => {
    const seen: string[] = [];
    const record: EventHandler = async (event) => {
      seen.push(event.id);
    };
    const first = await startConsumer(record);
    const before = itSystemCreated();
    await publisher.publish(before);
    await eventually(() => expect(first.consumer.stats().acked).toBe(1));
    await first.consumer.stop();

    const whileDown = itSystemCreated();
    await publisher.publish(whileDown);
    const second = await startConsumer(record);

    await eventually(() => expect(second.consumer.stats().acked).toBe(1));
    await expectSettled();
    expect(seen).toEqual([before.id, whileDown.id]);
  });

  it('waits in stop() for the event being handled, which is then acknowledged', async () => {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const { consumer } = await startConsumer(() => released);
    await publisher.publish(itSystemCreated());
    await eventually(() => expect(consumer.stats().delivered).toBe(1));

    const stopped = consumer.stop();
    release();
    await stopped;

    expect(consumer.stats()).toMatchObject({ state: 'stopped', acked: 1 });
    await expectSettled();
  });

  it('recreates its consumer when it is deleted and goes on consuming', async () => {
    const seen: string[] = [];
    const { consumer, logger } = await startConsumer(async (event) => {
      seen.push(event.id);
    });
    await waitingPull();

    await jsm.consumers.delete(CATALOG.name, 'reporting');
    await eventually(() => expect(logger.problems().join('\n')).toMatch(/consumer deleted/i));
    const event = itSystemCreated();
    await publisher.publish(event);

    await eventually(() => expect(seen).toEqual([event.id]));
    expect(consumer.stats().state).toBe('consuming');
  });

  it('recreates a deleted stream it knows the subjects of and goes on consuming', async () => {
    const seen: string[] = [];
    await startConsumer(
      async (event) => {
        seen.push(event.id);
      },
      { streamSubjects: CATALOG.subjects },
    );
    await waitingPull();

    await jsm.streams.delete(CATALOG.name);
    const event = itSystemCreated();
    await eventually(() => publisher.publish(event));

    await eventually(() => expect(seen).toEqual([event.id]));
  });

  describe('in batches', () => {
    /** How the consumer settled each stream sequence, in the order the server received it: '+ACK', '-NAK', '+TERM' (progress notes left out). */
    async function watchSettlements() {
      const seen: Array<[number, string]> = [];
      const sub = nc.subscribe(`$JS.ACK.${CATALOG.name}.reporting.>`, {
        callback: (_error, msg) => {
          const kind = new TextDecoder().decode(msg.data).split(' ')[0];
          // $JS.ACK.<stream>.<consumer>.<delivered>.<stream seq>.<consumer seq>.<timestamp>.<pending>
          if (kind !== '+WPI') seen.push([Number(msg.subject.split('.')[5]), kind]);
        },
      });
      await nc.flush();
      subscriptions.push(sub);
      return seen;
    }

    /** The pull requests the consumer sends, with the batch size each asks for. */
    async function watchPulls() {
      const batches: number[] = [];
      const sub = nc.subscribe(`$JS.API.CONSUMER.MSG.NEXT.${CATALOG.name}.reporting`, {
        callback: (_error, msg) => batches.push((json(msg.data) as { batch: number }).batch),
      });
      await nc.flush();
      subscriptions.push(sub);
      return batches;
    }

    let subscriptions: Array<{ unsubscribe(): void }>;
    beforeEach(() => (subscriptions = []));
    afterEach(() => subscriptions.forEach((sub) => sub.unsubscribe()));

    async function publishMany(count: number): Promise<void> {
      for (let i = 0; i < count; i++) await publisher.publish(itSystemCreated());
    }

    const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

    it('pulls up to batchSize events per request and handles and acknowledges them one by one in stream order', async () => {
      await publishMany(20);
      const settlements = await watchSettlements();
      const pulls = await watchPulls();
      const handled: number[] = [];
      const { consumer } = await startConsumer(
        async (_event, meta) => {
          handled.push(meta.streamSequence);
        },
        { batchSize: 8 },
      );

      await eventually(() => expect(consumer.stats().acked).toBe(20));
      const pullsToCatchUp = pulls.length;
      await expectSettled();
      expect(handled).toEqual(range(1, 20));
      expect(settlements).toEqual(range(1, 20).map((seq) => [seq, '+ACK']));
      expect(pulls[0]).toBe(8);
      // 20 events in pulls of 8: three pulls (a fourth may already wait for more); one at a time would take twenty.
      expect(pullsToCatchUp).toBeLessThanOrEqual(4);
    });

    it('settles a failing event before any later event of its batch is handled, then redelivers and handles it', async () => {
      await publishMany(10);
      const settlements = await watchSettlements();
      const handled: Array<[number, number]> = [];
      const { consumer } = await startConsumer(
        async (_event, meta) => {
          handled.push([meta.streamSequence, meta.deliveryCount]);
          if (meta.streamSequence === 4 && meta.deliveryCount === 1) throw new Error('read model store unavailable');
        },
        { batchSize: 10, backoffMs: [200] },
      );

      await eventually(() => expect(consumer.stats().acked).toBe(10));
      await expectSettled();
      // All ten came in the first pull: the failed one is nak'ed (with its delay) before the 5th is handed over, the
      // 5th to 10th are acknowledged after that nak, and the 4th comes back in a later pull and succeeds.
      expect(handled).toEqual([...range(1, 10).map((seq) => [seq, 1]), [4, 2]]);
      expect(settlements).toEqual([
        [1, '+ACK'],
        [2, '+ACK'],
        [3, '+ACK'],
        [4, '-NAK'],
        ...range(5, 10).map((seq) => [seq, '+ACK']),
        [4, '+ACK'],
      ]);
      expect(consumer.stats()).toMatchObject({ delivered: 11, acked: 10, redelivered: 1, deadLettered: 0 });
    });

    it('on stop() in the middle of a batch, finishes the event in hand and releases the rest to the next instance at once', async () => {
      await publishMany(10);
      const settlements = await watchSettlements();
      let release!: () => void;
      const released = new Promise<void>((resolve) => (release = resolve));
      const first: number[] = [];
      // Ack wait of a minute: the rest can only reach the next instance within eventually()'s 10 s if it was released.
      const options = { batchSize: 10, ackWaitMs: 60_000 };
      const { consumer } = await startConsumer(async (_event, meta) => {
        first.push(meta.streamSequence);
        if (meta.streamSequence === 3) await released;
      }, options);
      await eventually(() => expect(first).toEqual([1, 2, 3]));

      const stopped = consumer.stop();
      release();
      await stopped;

      expect(consumer.stats()).toMatchObject({ state: 'stopped', delivered: 3, acked: 3 });
      // The naks are published without waiting for a reply: they reach this subscription shortly after stop() returned.
      await eventually(() =>
        expect(settlements).toEqual([...range(1, 3).map((seq) => [seq, '+ACK']), ...range(4, 10).map((seq) => [seq, '-NAK'])]),
      );
      const second: Array<[number, number]> = [];
      const next = await startConsumer(async (_event, meta) => {
        second.push([meta.streamSequence, meta.deliveryCount]);
      }, options);
      await eventually(() => expect(next.consumer.stats().acked).toBe(7));
      await expectSettled();
      expect(second).toEqual(range(4, 10).map((seq) => [seq, 2]));
      expect(first).toEqual([1, 2, 3]);
    });

    it('still hands over an event whose deliveries were used up by stops before its turn: the server never gives up on an event', async () => {
      // maxDeliver counts failed handler runs; a release on stop() also counts as a delivery on the server, so a
      // server-side limit would drop an event that no handler ever saw after a few restarts in a row
      await publishMany(4);
      const handled: Array<[number, number]> = [];
      const options = { batchSize: 10, maxDeliver: 2, ackWaitMs: 60_000 };
      for (let instance = 0; instance < 3; instance++) {
        let release!: () => void;
        const released = new Promise<void>((resolve) => (release = resolve));
        const seen: number[] = [];
        const { consumer } = await startConsumer(async (_event, meta) => {
          seen.push(meta.streamSequence);
          handled.push([meta.streamSequence, meta.deliveryCount]);
          await released;
        }, options);
        await eventually(() => expect(seen).toHaveLength(1));
        const stopped = consumer.stop();
        release();
        await stopped;
      }
      const { consumer } = await startConsumer(async (_event, meta) => {
        handled.push([meta.streamSequence, meta.deliveryCount]);
      }, options);
      await eventually(() => expect(consumer.stats().acked).toBe(1));
      await expectSettled();
      // each instance handled the first event it got and released the rest (redeliveries of released events may come in
      // another order); every event was handled exactly once, the last after more deliveries than maxDeliver
      expect(handled.map(([seq]) => seq).sort()).toEqual([1, 2, 3, 4]);
      expect(handled.map(([, deliveries]) => deliveries)).toEqual([1, 2, 3, 4]);
      expect(consumer.stats().deadLettered).toBe(0);
      expect((await jsm.consumers.info(CATALOG.name, 'reporting')).config.max_deliver).toBe(-1);
    });

    it('dead-letters an event whose handler never finished on maxDeliver redeliveries (it crashed the process each time), and handles the events behind it', async () => {
      const poison = itSystemCreated({ correlationId: 'corr-poison' });
      const next = itSystemCreated();
      await publisher.publish(poison);
      await publisher.publish(next);
      const options = { stream: CATALOG.name, durable: 'reporting', batchSize: 10, maxDeliver: 2, ackWaitMs: 1000 };
      // each "process" has a connection of its own, which dies in the middle of handling the poison event: no ack, no
      // nak, no stop() — what a crash, a kill -9 or running out of memory leaves behind
      const crashed: Array<{ consumer: DurableEventConsumer; connection: NatsConnection }> = [];
      const poisonRuns: number[] = [];
      const hung: Array<(error: Error) => void> = [];
      for (let instance = 0; instance < 3; instance++) {
        const connection = await connectTestNats(`crashing-${instance}`);
        const consumer = new DurableEventConsumer(
          connection,
          options,
          async (event, meta) => {
            if (event.id !== poison.id) throw new Error(`a crashing instance got ${event.id} before the poison event`);
            poisonRuns.push(meta.deliveryCount);
            void connection.close();
            await new Promise<void>((_resolve, reject) => hung.push(reject));
          },
          new RecordingLogger(),
        );
        crashed.push({ consumer, connection });
        await consumer.start();
        await eventually(() => expect(poisonRuns).toHaveLength(instance + 1), { timeoutMs: 20_000 });
        await connection.closed();
      }
      // the first run is not recorded (a first delivery costs no round trip); the second and third are
      expect(poisonRuns).toEqual([1, 2, 3]);

      const handled: Array<[string, number]> = [];
      const { consumer, logger } = await startConsumer(async (event, meta) => {
        handled.push([event.id, meta.deliveryCount]);
      }, options);
      await eventually(() => expect(consumer.stats()).toMatchObject({ acked: 1, deadLettered: 1 }), { timeoutMs: 20_000 });
      await expectSettled();
      // the poison event never reached this instance's handler; the event behind it, in every crashed batch but never
      // begun, is handled although it was delivered as often
      expect(handled.map(([id]) => id)).toEqual([next.id]);
      expect(handled[0][1]).toBeGreaterThan(2);
      const [letter] = await storedMessages(jsm, DEAD_LETTER_STREAM.name);
      expect(letter.header.get('x-stream-sequence')).toBe('1');
      expect(letter.header.get('x-error')).toBe('its handler did not finish on 2 deliveries (the process stopped while handling it)');
      expect(letter.header.get(CORRELATION_HEADER)).toBe('corr-poison');
      expect(logger.problems().join('\n')).toContain(`Event ${poison.id}`);
      // nothing is left in the record of unfinished runs
      const kv = await nc.jetstream().views.kv(HANDLER_ATTEMPTS_BUCKET);
      for (const seq of [1, 2])
        expect((await kv.get(HandlerAttempts.key('reporting', CATALOG.name, seq)))?.operation ?? 'PURGE').not.toBe('PUT');

      for (const reject of hung) reject(new Error('the test is over'));
      await Promise.all(crashed.map(({ consumer: c }) => c.stop()));
    });

    it('keeps the events waiting in its batch from being redelivered while a slow handler works through the batch', async () => {
      await publishMany(5);
      const handled: number[] = [];
      // Five events of 700 ms each take 3.5 s, more than twice the ack wait of 1.5 s.
      const { consumer } = await startConsumer(
        async (_event, meta) => {
          handled.push(meta.streamSequence);
          await new Promise((resolve) => setTimeout(resolve, 700));
        },
        { batchSize: 10, ackWaitMs: 1500 },
      );

      await eventually(() => expect(consumer.stats().acked).toBe(5));
      await expectSettled();
      expect(handled).toEqual(range(1, 5));
      expect(consumer.stats()).toMatchObject({ delivered: 5, redelivered: 0 });
    });
  });

  it('refuses to start when the durable consumer exists with settings that cannot be changed', async () => {
    await jsm.consumers.add(CATALOG.name, { durable_name: 'reporting', ack_policy: AckPolicy.None });
    const consumer = new DurableEventConsumer(
      nc,
      { stream: CATALOG.name, durable: 'reporting' },
      async () => undefined,
      new RecordingLogger(),
    );

    await expect(consumer.start()).rejects.toThrow(/ack policy/i);
    expect(consumer.stats().state).toBe('stopped');
  });
});
