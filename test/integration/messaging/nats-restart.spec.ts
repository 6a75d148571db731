import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { Injectable, Module, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import type { NatsConnection } from 'nats';
import { CatalogEvents, streamOf, type EventEnvelope, type ItSystemCreatedV1 } from '@kitos/contracts';
import { DurableEventConsumer, EventConsumers, EventPublisher, EventsModule, NatsHealth, NatsModule, OnEvent } from '@kitos/messaging';
import { eventually, resetJetStream, startNats, type ManagedServer } from '@kitos/testing';
import { connectTestNats, itSystemCreated, RecordingLogger, recreateStream } from './messaging-fixtures';

const CATALOG = streamOf('catalog');

@Injectable()
class Projection {
  readonly seen: string[] = [];

  @OnEvent(CatalogEvents.itSystemCreated)
  async onCreated(event: EventEnvelope<ItSystemCreatedV1>): Promise<void> {
    this.seen.push(event.id);
  }
}

function gdprApp(port: number) {
  @Module({
    imports: [
      NatsModule.forRoot({ url: `nats://127.0.0.1:${port}`, name: 'gdpr' }),
      EventsModule.forRoot({ service: 'gdpr', consume: ['catalog'] }),
    ],
    providers: [Projection],
  })
  class GdprAppModule {}
  return GdprAppModule;
}

describe('messaging while the NATS server restarts', () => {
  let dir: string;
  let server: ManagedServer;
  let nc: NatsConnection;
  let consumer: DurableEventConsumer | undefined;
  let app: INestApplicationContext | undefined;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kitos-nats-restart-'));
    server = await startNats({ dir });
    nc = await connectTestNats('nats-restart-spec', `nats://127.0.0.1:${server.port}`);
  });

  beforeEach(async () => {
    await resetJetStream(`nats://127.0.0.1:${server.port}`);
    await recreateStream(await nc.jetstreamManager(), CATALOG);
  });

  afterEach(async () => {
    await consumer?.stop();
    await app?.close();
    consumer = undefined;
    app = undefined;
  });

  afterAll(async () => {
    await nc?.close();
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('handles an event published after the server restarted with its store, and health follows the connection', async () => {
    const publisher = new EventPublisher(nc);
    const health = new NatsHealth(nc);
    const seen: string[] = [];
    const started = new DurableEventConsumer(
      nc,
      { stream: CATALOG.name, durable: 'reporting' },
      async (event) => void seen.push(event.id),
      new RecordingLogger(),
    );
    consumer = started;
    await started.start();
    const before = itSystemCreated();
    await publisher.publish(before);
    await eventually(() => expect(started.stats()).toMatchObject({ acked: 1 }));
    expect(seen).toEqual([before.id]);

    await server.stop();
    await eventually(() => expect(health.check().up).toBe(false));
    await server.start();
    await eventually(() => expect(health.check().up).toBe(true));

    const after = itSystemCreated();
    await eventually(() => publisher.publish(after, { timeoutMs: 1000 }));
    await eventually(() => expect(seen).toEqual([before.id, after.id]));
    await eventually(() => expect(started.stats()).toMatchObject({ state: 'consuming', acked: 2, redelivered: 0 }));
  });

  it('handles the rest of a fetched batch only once the server is back, acknowledging it without waiting for the ack wait', async () => {
    const publisher = new EventPublisher(nc);
    const health = new NatsHealth(nc);
    for (let i = 0; i < 5; i++) await publisher.publish(itSystemCreated());
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const handled: number[] = [];
    const started = new DurableEventConsumer(
      nc,
      // an ack wait of a minute: what the server has to redeliver by itself cannot arrive within the test's waits
      { stream: CATALOG.name, durable: 'reporting', batchSize: 10, ackWaitMs: 60_000 },
      async (_event, meta) => {
        handled.push(meta.streamSequence);
        if (meta.streamSequence === 2) await released;
      },
      new RecordingLogger(),
    );
    consumer = started;
    await started.start();
    await eventually(() => expect(handled).toEqual([1, 2]));

    await server.stop();
    await eventually(() => expect(health.check().up).toBe(false));
    release();
    // 2's ack is a request that times out after 5 s while the server is down; after that the consumer turns to 3
    await new Promise((resolve) => setTimeout(resolve, 6500));
    // events 3 to 5 were fetched with the first two, but are not handled while their acks could not reach the server
    expect(handled).toEqual([1, 2]);

    await server.start();
    await eventually(() => expect(handled).toEqual([1, 2, 3, 4, 5]));
    // 1, 3, 4 and 5 acknowledged; 2's ack was sent while the server was down and is lost (redelivered after the ack wait)
    await eventually(() => expect(started.stats().acked).toBe(4), { timeoutMs: 15000 });
  });

  it('lets a service boot while NATS is still starting, then consumes', async () => {
    await server.stop();
    let refused = 0;
    const notYetNats = createServer((socket) => {
      refused++;
      socket.destroy();
    });
    await new Promise<void>((resolve) => notYetNats.listen(server.port, '127.0.0.1', resolve));
    const booting = NestFactory.createApplicationContext(gdprApp(server.port), { logger: new RecordingLogger() });
    await eventually(() => expect(refused).toBeGreaterThan(0));
    await new Promise<void>((resolve) => notYetNats.close(() => resolve()));
    await server.start();
    const booted = await booting;
    app = booted;

    expect(booted.get(EventConsumers).stats()).toMatchObject({
      stream: { name: 'GDPR', ready: true },
      consumers: [{ durable: 'gdpr', state: 'consuming' }],
    });
    const event = itSystemCreated();
    await booted.get(EventPublisher).publish(event);
    await eventually(() => expect(booted.get(Projection).seen).toEqual([event.id]));
  });

  it('completes bootstrap at once while NATS is down, and sets up its stream and consumer once it is back', async () => {
    const moduleRef = await Test.createTestingModule({ imports: [gdprApp(server.port)] })
      .setLogger(new RecordingLogger())
      .compile();
    app = moduleRef;
    const health = moduleRef.get(NatsHealth);
    await server.stop();
    await eventually(() => expect(health.check().up).toBe(false));

    await moduleRef.init();

    const consumers = moduleRef.get(EventConsumers);
    expect(consumers.stats()).toMatchObject({ stream: { ready: false }, consumers: [{ state: 'recovering' }] });
    await server.start();
    await eventually(() => expect(consumers.stats()).toMatchObject({ stream: { ready: true }, consumers: [{ state: 'consuming' }] }));
    const event = itSystemCreated();
    await moduleRef.get(EventPublisher).publish(event);
    await eventually(() => expect(moduleRef.get(Projection).seen).toEqual([event.id]));
  });
});
