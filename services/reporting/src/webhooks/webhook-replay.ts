import { Inject, Injectable } from '@nestjs/common';
import type { NatsConnection } from 'nats';
import { NATS_CONNECTION } from '@kitos/messaging';
import { lastMessageOf, PRODUCER_STREAMS, readStream } from '../read-models/stream-reader';
import { WebhookDispatcher } from './webhook-dispatcher';
import type { SubscriptionDoc } from './webhook.store';

/** Re-sends past events from the producers' JetStream streams to one subscription, each as a new (replay) delivery. */
@Injectable()
export class WebhookReplay {
  constructor(
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    private readonly dispatcher: WebhookDispatcher,
  ) {}

  async replay(subscription: SubscriptionDoc, from: Date, replayId: string): Promise<number> {
    const counts = await Promise.all(PRODUCER_STREAMS.map((stream) => this.replayStream(stream, subscription, from, replayId)));
    return counts.reduce((sum, n) => sum + n, 0);
  }

  private async replayStream(stream: string, subscription: SubscriptionDoc, from: Date, replayId: string): Promise<number> {
    const last = await lastMessageOf(this.nc, stream);
    // Nothing at or after `from`: no consumer, and no fetch waiting for messages that will not come.
    if (!last.at || last.at.getTime() < from.getTime()) return 0;
    let queued = 0;
    for await (const { event } of readStream(this.nc, stream, from, last.seq)) {
      if (!event || Date.parse(event.occurredAt) < from.getTime()) continue; // invalid messages: the live consumers dead-letter them
      queued += await this.dispatcher.enqueue(event, replayId, [subscription]);
    }
    return queued;
  }
}
