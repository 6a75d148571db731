import type { DurableEventConsumerOptions } from './durable-event-consumer';
import type { ServiceName } from '@kitos/contracts';
import type { StreamSpec } from './ensure-stream';

export interface EventsModuleOptions {
  /** The service this application is: it publishes to `streamOf(service)` and consumes under this durable name. */
  readonly service: ServiceName;
  /** Producers whose events this service handles (`@OnEvent`): one durable consumer on each one's stream. */
  readonly consume?: readonly ServiceName[];
  /** Settings of the service's own stream; by default 30 days of events, 2 minutes of deduplication, one replica. */
  readonly stream?: Pick<StreamSpec, 'maxAgeMs' | 'duplicateWindowMs' | 'replicas'>;
  /** Delivery settings of this service's consumers (defaults of DurableEventConsumer otherwise). */
  readonly consumer?: Pick<DurableEventConsumerOptions, 'ackWaitMs' | 'maxDeliver' | 'backoffMs' | 'batchSize' | 'pullExpiresMs'>;
}

export const EVENTS_MODULE_OPTIONS = Symbol('EVENTS_MODULE_OPTIONS');

export const DEFAULT_STREAM_MAX_AGE_MS = 30 * 24 * 60 * 60 * 1000;
