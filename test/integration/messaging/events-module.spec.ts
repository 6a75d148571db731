import { Injectable, Module, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { JetStreamManager, NatsConnection } from 'nats';
import { CatalogEvents, type EventEnvelope, type ItSystemCreatedV1 } from '@kitos/contracts';
import { EventConsumers, EventPublisher, EventsModule, NatsModule, OnEvent, type EventMeta } from '@kitos/messaging';
import { eventually, resetJetStream, testNatsUrl } from '@kitos/testing';
import { connectTestNats, itSystemCreated, itSystemDeleted, RecordingLogger } from './messaging-fixtures';

@Injectable()
class ItSystemReadModel {
  readonly created: { event: EventEnvelope<ItSystemCreatedV1>; meta: EventMeta }[] = [];
  entered = 0;
  /** When set, handling waits for it, like a slow database write. */
  gate?: Promise<void>;

  @OnEvent(CatalogEvents.itSystemCreated)
  async onCreated(event: EventEnvelope<ItSystemCreatedV1>, meta: EventMeta): Promise<void> {
    this.entered++;
    await this.gate;
    this.created.push({ event, meta });
  }
}

// EventsModule first: Nest then destroys NatsModule first, so the shutdown test sees if the connection closed too early.
@Module({
  imports: [
    EventsModule.forRoot({ service: 'reporting', consume: ['catalog'] }),
    NatsModule.forRoot({ url: testNatsUrl(), name: 'reporting' }),
  ],
  providers: [ItSystemReadModel],
})
class ReportingAppModule {}

describe('EventsModule', () => {
  let nc: NatsConnection;
  let jsm: JetStreamManager;
  let apps: INestApplicationContext[];
  let logger: RecordingLogger;

  beforeAll(async () => {
    nc = await connectTestNats('events-module-spec');
    jsm = await nc.jetstreamManager();
  });

  beforeEach(async () => {
    apps = [];
    logger = new RecordingLogger();
    await resetJetStream();
  });

  afterEach(async () => {
    await Promise.all(apps.map((app) => app.close()));
  });

  afterAll(async () => {
    await nc.close();
  });

  async function startReporting(): Promise<INestApplicationContext> {
    const app = await NestFactory.createApplicationContext(ReportingAppModule, { logger });
    apps.push(app);
    await app.init();
    return app;
  }

  it('on bootstrap creates its own stream and a durable consumer named after the service on each consumed stream', async () => {
    const app = await startReporting();

    expect(app.get(EventConsumers).stats()).toMatchObject({
      stream: { name: 'REPORTING', ready: true },
      consumers: [{ stream: 'CATALOG', durable: 'reporting', state: 'consuming' }],
    });
    expect((await jsm.streams.info('REPORTING')).config.subjects).toEqual(['evt.reporting.>']);
    expect((await jsm.consumers.info('CATALOG', 'reporting')).config.durable_name).toBe('reporting');
  });

  it('hands a published event to its @OnEvent handler; an event type nobody here handles is not even delivered', async () => {
    const app = await startReporting();
    const publisher = app.get(EventPublisher);
    const deleted = itSystemDeleted();
    const created = itSystemCreated();

    await publisher.publish(deleted);
    await publisher.publish(created);

    const readModel = app.get(ItSystemReadModel);
    await eventually(() => expect(readModel.created.map(({ event }) => event.id)).toEqual([created.id]));
    expect(readModel.created[0].meta).toMatchObject({ subject: 'evt.catalog.it-system.created.v1', streamSequence: 2, deliveryCount: 1 });
    expect(readModel.created[0].event.data.system.name).toBe('Sagssystem');
    // the durable consumer asks the server for the handled subjects only: the deletion is skipped by the server
    expect((await jsm.consumers.info('CATALOG', 'reporting')).config.filter_subject).toBe('evt.catalog.it-system.created.v1');
    await eventually(async () => {
      const info = await jsm.consumers.info('CATALOG', 'reporting');
      expect({ pending: info.num_pending, ackPending: info.num_ack_pending }).toEqual({ pending: 0, ackPending: 0 });
    });
    expect(app.get(EventConsumers).stats().consumers[0]).toMatchObject({ delivered: 1, acked: 1, deadLettered: 0 });
  });

  it('delivers, exactly once, an event published while the service was down', async () => {
    await (await startReporting()).close();
    const whileDown = itSystemCreated();
    await new EventPublisher(nc).publish(whileDown);

    const second = await startReporting();

    const readModel = second.get(ItSystemReadModel);
    await eventually(() => expect(readModel.created.map(({ event }) => event.id)).toEqual([whileDown.id]));
    await eventually(async () => {
      const info = await jsm.consumers.info('CATALOG', 'reporting');
      expect({ pending: info.num_pending, ackPending: info.num_ack_pending }).toEqual({ pending: 0, ackPending: 0 });
    });
  });

  it('on shutdown finishes and acks the event in hand before the NATS connection closes', async () => {
    const app = await startReporting();
    const readModel = app.get(ItSystemReadModel);
    let release!: () => void;
    readModel.gate = new Promise((resolve) => (release = resolve));
    const event = itSystemCreated();
    await app.get(EventPublisher).publish(event);
    await eventually(() => expect(readModel.entered).toBe(1));

    const closing = app.close();
    release();
    await closing;

    expect(readModel.created.map((c) => c.event.id)).toEqual([event.id]);
    const info = await jsm.consumers.info('CATALOG', 'reporting');
    expect({ pending: info.num_pending, ackPending: info.num_ack_pending, redelivered: info.num_redelivered }).toEqual({
      pending: 0,
      ackPending: 0,
      redelivered: 0,
    });
  });
});
