import { Inject, Injectable, Logger } from '@nestjs/common';
import { DeliverPolicy, type NatsConnection } from 'nats';
import { SERVICES, streamOf, validateEvent, type EventEnvelope, type ServiceName } from '@kitos/contracts';
import { NATS_CONNECTION } from '@kitos/messaging';
import { WebhookDispatcher } from './webhook-dispatcher';
import type { SubscriptionDoc } from './webhook.store';

const decoder = new TextDecoder();
const FETCH_BATCH = 256;
const FETCH_EXPIRES_MS = 1000;

/** Re-sends past events from the producers' JetStream streams to one subscription, each as a new (replay) delivery. */
@Injectable()
export class WebhookReplay {
  private readonly logger = new Logger(WebhookReplay.name);

  constructor(
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    private readonly dispatcher: WebhookDispatcher,
  ) {}

  async replay(subscription: SubscriptionDoc, from: Date, replayId: string): Promise<number> {
    const producers = SERVICES.filter((s): s is Exclude<ServiceName, 'reporting'> => s !== 'reporting');
    const counts = await Promise.all(producers.map((p) => this.replayStream(streamOf(p).name, subscription, from, replayId)));
    return counts.reduce((sum, n) => sum + n, 0);
  }

  private async replayStream(stream: string, subscription: SubscriptionDoc, from: Date, replayId: string): Promise<number> {
    const jsm = await this.nc.jetstreamManager({ checkAPI: false });
    let state: { last_seq: number; last_ts: string };
    try {
      state = (await jsm.streams.info(stream)).state;
    } catch {
      return 0; // no such stream: nothing was published
    }
    const lastSeq = state.last_seq;
    // Nothing at or after `from`: no consumer, and no fetch waiting for messages that will not come.
    if (lastSeq === 0 || Date.parse(state.last_ts) < from.getTime()) return 0;
    const consumer = await this.nc.jetstream().consumers.get(stream, {
      deliver_policy: DeliverPolicy.StartTime,
      opt_start_time: from.toISOString(),
    });
    let queued = 0;
    let seq = 0;
    try {
      while (seq < lastSeq) {
        const batch = await consumer.fetch({ max_messages: FETCH_BATCH, expires: FETCH_EXPIRES_MS });
        let received = 0;
        for await (const message of batch) {
          received++;
          seq = message.seq;
          let event: EventEnvelope;
          try {
            event = validateEvent(JSON.parse(decoder.decode(message.data)));
          } catch {
            continue;
          }
          if (Date.parse(event.occurredAt) < from.getTime()) continue;
          queued += await this.dispatcher.enqueue(event, replayId, [subscription]);
          if (seq >= lastSeq) break;
        }
        if (received === 0) break;
      }
    } finally {
      await consumer.delete().catch((error: unknown) => this.logger.debug(`Ordered consumer not deleted: ${String(error)}`));
    }
    return queued;
  }
}
