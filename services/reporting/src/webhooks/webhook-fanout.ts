import { Injectable } from '@nestjs/common';
import { registeredEvents, type EventEnvelope } from '@kitos/contracts';
import { OnEvents } from '@kitos/messaging';
import { WebhookDispatcher } from './webhook-dispatcher';

/** Hands every event the services publish to the webhook dispatcher (new events reach webhooks without a change here). */
@Injectable()
export class WebhookFanout {
  constructor(private readonly dispatcher: WebhookDispatcher) {}

  @OnEvents(registeredEvents().filter((d) => !d.type.startsWith('reporting.')))
  async onEvent(event: EventEnvelope): Promise<void> {
    await this.dispatcher.enqueue(event);
  }
}
