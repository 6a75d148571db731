import {
  Global,
  Inject,
  Module,
  type BeforeApplicationShutdown,
  type OnApplicationShutdown,
  type DynamicModule,
  type OnApplicationBootstrap,
  type Provider,
} from '@nestjs/common';
import { APP_FILTER, APP_INTERCEPTOR } from '@nestjs/core';
import { CLOCK, ID_GENERATOR, randomIds, systemClock } from '@kitos/common';
import { SERVICE_CONFIG, type ServiceConfig } from '@kitos/config';
import type { ServiceName } from '@kitos/contracts';
import { EventPublisher, EventsModule, NatsHealth, NatsModule } from '@kitos/messaging';
import { Metrics } from '@kitos/observability';
import { MongoConnection, OutboxRelay } from '@kitos/persistence';
import { HealthController } from './health.controller';
import { HealthRegistry } from './health.registry';
import { RpcContextInterceptor } from './rpc-context.interceptor';
import { ServiceErrorFilter } from './rpc-exception.filter';

export interface PlatformOptions {
  /** Producing services whose events this service consumes through durable consumers. */
  readonly consume?: readonly ServiceName[];
}

@Global()
@Module({})
export class PlatformModule implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown {
  constructor(
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
    private readonly health: HealthRegistry,
    private readonly metrics: Metrics,
    private readonly mongo: MongoConnection,
    private readonly relay: OutboxRelay,
    private readonly nats: NatsHealth,
  ) {}

  /**
   * Everything a domain service stands on: configuration, clock and ids, its own database, the bus
   * (request/reply is connected by the bootstrap; events here), the outbox relay, health and metrics.
   */
  static forService(config: ServiceConfig, options: PlatformOptions = {}): DynamicModule {
    const providers: Provider[] = [
      { provide: SERVICE_CONFIG, useValue: config },
      { provide: CLOCK, useValue: systemClock },
      { provide: ID_GENERATOR, useValue: randomIds },
      { provide: Metrics, useValue: new Metrics(config.service) },
      HealthRegistry,
      {
        provide: MongoConnection,
        useFactory: () =>
          new MongoConnection({
            uri: config.mongodbUri,
            database: config.database,
            serverSelectionTimeoutMs: config.dbServerSelectionTimeoutMs,
            // FerretDB only: refuse a second process of this service (docs/operations.md)
            writerLease: true,
          }),
      },
      {
        provide: OutboxRelay,
        inject: [EventPublisher, MongoConnection, NatsHealth],
        // while the bus is down a publish would wait for its timeout: fail at once and let the relay back off
        useFactory: (publisher: EventPublisher, mongo: MongoConnection, bus: NatsHealth) =>
          new OutboxRelay(
            {
              publish: (event) => (bus.check().up ? publisher.publish(event) : Promise.reject(new Error('the event bus is not reachable'))),
            },
            mongo.writeLocks,
            { sweepMs: config.outboxPollMs, concurrency: config.outboxPublishConcurrency },
          ),
      },
      { provide: APP_INTERCEPTOR, useClass: RpcContextInterceptor },
      { provide: APP_FILTER, useClass: ServiceErrorFilter },
    ];
    return {
      module: PlatformModule,
      imports: [
        NatsModule.forRoot({ url: config.natsUrl, name: config.service }),
        EventsModule.forRoot({
          service: config.service as ServiceName,
          consume: [...(options.consume ?? [])],
          stream: { maxAgeMs: config.eventRetentionDays * 86_400_000, replicas: config.eventStreamReplicas },
          consumer: {
            ackWaitMs: config.eventAckWaitMs,
            maxDeliver: config.eventMaxDeliver,
            batchSize: config.eventBatchSize,
            pullExpiresMs: config.eventPullExpiresMs,
          },
        }),
      ],
      controllers: [HealthController],
      providers,
      exports: [SERVICE_CONFIG, CLOCK, ID_GENERATOR, Metrics, HealthRegistry, MongoConnection, OutboxRelay],
    };
  }

  onApplicationBootstrap(): void {
    void this.mongo.connect();
    this.health.register('database', () => this.mongo.health());
    this.health.register('bus', () => this.nats.check());
    this.health.register('outbox', async () => {
      if (!this.mongo.health().up) return { up: false, detail: 'database not connected' };
      const backlog = await this.relay.backlog();
      this.metrics.outboxBacklog.set(backlog);
      this.metrics.eventsPublished.inc(this.relay.published - this.reportedPublished);
      this.reportedPublished = this.relay.published;
      return {
        up: backlog <= this.config.outboxBacklogLimit,
        detail: { backlog, limit: this.config.outboxBacklogLimit, lastError: this.relay.lastError ?? null },
      };
    });
    this.relay.start();
  }

  private reportedPublished = 0;

  /** The relay's last pass still needs the bus, which closes after this. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.relay.stop();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.mongo.close();
  }
}
