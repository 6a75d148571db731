import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { NatsConnection } from 'nats';
import { eventSubject, streamOf, type EventEnvelope } from '@kitos/contracts';
import { connectionWatch } from './connection-watch';
import { DurableEventConsumer, type ConsumerStats, type EventMeta } from './durable-event-consumer';
import { ensureStream } from './ensure-stream';
import { EventHandlerExplorer, type DiscoveredEventHandler } from './event-handler-explorer';
import { DEFAULT_STREAM_MAX_AGE_MS, EVENTS_MODULE_OPTIONS, type EventsModuleOptions } from './events.tokens';
import { errorMessage } from './jetstream-errors';
import { retryInBackground } from './retry';
import { NATS_CONNECTION } from './nats.tokens';

export interface EventsStats {
  /** The service's own stream and whether it has been created or updated since start. */
  readonly stream: { readonly name: string; readonly ready: boolean };
  readonly consumers: readonly ConsumerStats[];
}

/**
 * The service's side of the event bus: on bootstrap, ensures its own stream and starts one durable consumer per
 * consumed producer, dispatching to the `@OnEvent` handlers; stops them on shutdown, before the NATS connection closes.
 * Neither waits for JetStream longer than one attempt: what fails is retried in the background.
 */
@Injectable()
export class EventConsumers implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(EventConsumers.name);
  private readonly shutdown = new AbortController();
  private readonly consumers: DurableEventConsumer[] = [];
  private streamReady = false;
  private streamSetUp?: Promise<void>;

  constructor(
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    @Inject(EVENTS_MODULE_OPTIONS) private readonly options: EventsModuleOptions,
    private readonly explorer: EventHandlerExplorer,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const handlers = this.explorer.handlers();
    this.warnAboutUnconsumed(handlers);
    const dispatch = dispatcher(handlers);
    for (const producer of this.options.consume ?? []) {
      const stream = streamOf(producer);
      this.consumers.push(
        new DurableEventConsumer(
          this.nc,
          {
            filterSubjects: handledSubjects(handlers, producer),
            attemptsReplicas: this.options.stream?.replicas,
            ...this.options.consumer,
            stream: stream.name,
            streamSubjects: stream.subjects,
            durable: this.options.service,
          },
          dispatch,
        ),
      );
    }
    await Promise.all([this.ensureOwnStream(), ...this.consumers.map((consumer) => consumer.start())]);
  }

  async onModuleDestroy(): Promise<void> {
    this.shutdown.abort();
    await Promise.all([this.streamSetUp, ...this.consumers.map((consumer) => consumer.stop())]);
  }

  stats(): EventsStats {
    return {
      stream: { name: streamOf(this.options.service).name, ready: this.streamReady },
      consumers: this.consumers.map((consumer) => consumer.stats()),
    };
  }

  private async ensureOwnStream(): Promise<void> {
    const spec = { maxAgeMs: DEFAULT_STREAM_MAX_AGE_MS, ...this.options.stream, ...streamOf(this.options.service) };
    const { firstAttempt, done } = retryInBackground(
      async () => {
        await ensureStream(await this.nc.jetstreamManager({ checkAPI: false }), spec);
        this.streamReady = true;
      },
      {
        signal: this.shutdown.signal,
        connection: connectionWatch(this.nc),
        onError: (error, retryInMs) =>
          this.logger.warn(`Stream ${spec.name} not ensured, retrying in ${retryInMs} ms: ${errorMessage(error)}`),
      },
    );
    this.streamSetUp = done;
    await firstAttempt;
  }

  private warnAboutUnconsumed(handlers: readonly DiscoveredEventHandler[]): void {
    const consumed = new Set<string>(this.options.consume ?? []);
    for (const { definition, name } of handlers) {
      const producer = definition.type.split('.')[0];
      if (!consumed.has(producer))
        this.logger.warn(`${name} handles ${definition.type} v${definition.version}, but ${producer} is not in consume`);
    }
  }
}

/**
 * The subjects of the events of `producer` that a handler here handles: the consumer asks the server for these only,
 * so that an event nobody here handles costs neither a delivery nor an ack (a service consumes a whole stream for a
 * few of its event types). Empty when none is handled: then the whole stream, acknowledged as before.
 */
function handledSubjects(handlers: readonly DiscoveredEventHandler[], producer: string): string[] {
  const subjects = handlers
    .filter(({ definition }) => definition.type.split('.')[0] === producer)
    .map(({ definition }) => eventSubject(definition.type, definition.version));
  return [...new Set(subjects)].sort();
}

/** Routes an event to every handler of its (type, version), one after the other; an event nobody handles is acknowledged. */
function dispatcher(handlers: readonly DiscoveredEventHandler[]): (event: EventEnvelope, meta: EventMeta) => Promise<void> {
  const byKey = new Map<string, DiscoveredEventHandler[]>();
  for (const handler of handlers) {
    const key = `${handler.definition.type}@${handler.definition.version}`;
    byKey.set(key, [...(byKey.get(key) ?? []), handler]);
  }
  return async (event, meta) => {
    for (const handler of byKey.get(`${event.type}@${event.version}`) ?? []) await handler.handle(event, meta);
  };
}
