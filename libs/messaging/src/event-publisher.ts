import { Inject, Injectable } from '@nestjs/common';
import { headers as natsHeaders, type JetStreamClient, type NatsConnection } from 'nats';
import { CORRELATION_HEADER, eventSubject, validateEvent, type EventEnvelope } from '@kitos/contracts';
import { NATS_CONNECTION } from './nats.tokens';

export interface PublishResult {
  /** Stream sequence of the event; for a duplicate, the sequence of the copy already stored. */
  readonly seq: number;
  /** True when the stream already held an event with this id (inside its duplicate window) and dropped this one. */
  readonly duplicate: boolean;
}

export interface PublishOptions {
  /** How long to wait for the stream's acknowledgement; 5 s by default. */
  readonly timeoutMs?: number;
}

const encoder = new TextEncoder();

/** Publishes domain events to JetStream with the event id as `Nats-Msg-Id`, after validating them against their registered schema. */
@Injectable()
export class EventPublisher {
  private readonly js: JetStreamClient;

  constructor(@Inject(NATS_CONNECTION) nc: NatsConnection) {
    this.js = nc.jetstream();
  }

  /** Rejects with InvalidEventError (nothing published) for an invalid event, and with a NATS error when no stream acknowledges in time. */
  async publish<TData extends object>(envelope: EventEnvelope<TData>, options: PublishOptions = {}): Promise<PublishResult> {
    validateEvent(envelope);
    const headers = natsHeaders();
    if (envelope.correlationId) headers.set(CORRELATION_HEADER, envelope.correlationId);
    const ack = await this.js.publish(eventSubject(envelope.type, envelope.version), encoder.encode(JSON.stringify(envelope)), {
      msgID: envelope.id,
      headers,
      timeout: options.timeoutMs ?? 5000,
    });
    return { seq: ack.seq, duplicate: ack.duplicate };
  }
}
