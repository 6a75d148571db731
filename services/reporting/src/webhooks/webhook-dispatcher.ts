import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { SERVICE_CONFIG } from '@kitos/config';
import {
  WEBHOOK_EVENT_ID_HEADER,
  WEBHOOK_REPLAY_HEADER,
  WEBHOOK_SIGNATURE_HEADER,
  type EventEnvelope,
  type WebhookPayload,
} from '@kitos/contracts';
import type { ReportingConfig } from '../reporting.config';
import { anyTopicMatches, backoffMs, deterministicUuid, eventVisibleTo, signature } from './webhook-rules';
import { WebhookStore, type DeliveryDoc, type SubscriptionDoc } from './webhook.store';

const POLL_MS = 250;
const BATCH = 50;
const REQUEST_TIMEOUT_MS = 10_000;
/** A claimed attempt not recorded after this long was lost with its process. */
const ABANDONED_AFTER_MS = 3 * REQUEST_TIMEOUT_MS;
const DEFAULT_MAX_ATTEMPTS = 8;
const DEFAULT_BACKOFF_MS = 5000;

/**
 * Turns events into deliveries (one claimed document per subscription and event) and posts the due ones, signed, with
 * exponential backoff until the last attempt, after which the delivery is a dead letter.
 */
@Injectable()
export class WebhookDispatcher implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(WebhookDispatcher.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = false;
  private readonly maxAttempts: number;
  private readonly backoffBaseMs: number;

  constructor(
    private readonly store: WebhookStore,
    @Inject(SERVICE_CONFIG) config: Partial<ReportingConfig>,
  ) {
    this.maxAttempts = config.webhookMaxAttempts ?? DEFAULT_MAX_ATTEMPTS;
    this.backoffBaseMs = config.webhookBackoffMs ?? DEFAULT_BACKOFF_MS;
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => this.kick(), POLL_MS);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  /** Queues the event for every active subscription whose topics match and whose organisation may read it. */
  async enqueue(event: EventEnvelope, replayId?: string, subscriptions?: SubscriptionDoc[]): Promise<number> {
    let queued = 0;
    for (const subscription of subscriptions ?? (await this.store.activeSubscriptions())) {
      if (!anyTopicMatches(subscription.topics, event.type)) continue;
      if (!eventVisibleTo(subscription, { type: event.type, organizationUuid: event.organizationUuid ?? null, data: event.data })) continue;
      const payload: WebhookPayload = {
        id: event.id,
        type: event.type,
        version: event.version,
        occurredAt: event.occurredAt,
        organizationUuid: event.organizationUuid ?? null,
        aggregate: { type: event.aggregate.type, uuid: event.aggregate.uuid, version: event.aggregate.version },
        data: event.data,
        replay: replayId !== undefined,
      };
      const now = new Date();
      const claimed = await this.store.claimDelivery({
        _id: replayId ? deterministicUuid(subscription._id, event.id, replayId) : deterministicUuid(subscription._id, event.id),
        subscriptionUuid: subscription._id,
        eventId: event.id,
        eventType: event.type,
        replay: replayId !== undefined,
        body: JSON.stringify(payload),
        status: 'pending',
        attempts: 0,
        round: 0,
        nextAttemptAt: now,
        lastStatus: null,
        lastError: null,
        createdAt: now,
        finishedAt: null,
      });
      if (claimed) queued++;
    }
    if (queued) this.kick();
    return queued;
  }

  /** Starts a round of sending unless one is under way. */
  kick(): void {
    if (this.running || this.stopped) return;
    this.running = this.sendDue()
      .catch((error: unknown) => this.logger.warn(`Webhook delivery round failed: ${String(error)}`))
      .finally(() => (this.running = undefined));
  }

  private async sendDue(): Promise<void> {
    const due = await this.store.due(new Date(), BATCH);
    await Promise.all(due.map((delivery) => this.attempt(delivery)));
  }

  private async attempt(delivery: DeliveryDoc): Promise<void> {
    const subscription = await this.store.subscription(delivery.subscriptionUuid);
    if (!subscription) {
      await this.store.record(delivery._id, { status: 'dead', lastError: 'The subscription was deleted', finishedAt: new Date() });
      return;
    }
    if (!subscription.active) return;
    if (!(await this.store.claimAttempt(delivery))) {
      // Another replica is on it, or a process died between claiming and recording: after a while, move on.
      const claimedAt = await this.store.attemptClaimedAt(delivery);
      if (claimedAt && Date.now() - claimedAt.getTime() > ABANDONED_AFTER_MS) await this.store.abandonAttempt(delivery, new Date());
      return;
    }
    const attempts = delivery.attempts + 1;
    let status: number | null = null;
    let error: string;
    try {
      const response = await fetch(subscription.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          [WEBHOOK_SIGNATURE_HEADER]: signature(subscription.secret, delivery.body),
          [WEBHOOK_EVENT_ID_HEADER]: delivery.eventId,
          [WEBHOOK_REPLAY_HEADER]: String(delivery.replay),
        },
        body: delivery.body,
        redirect: 'manual',
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
      status = response.status;
      await response.body?.cancel().catch(() => undefined);
      if (status >= 200 && status < 300) {
        await this.store.record(delivery._id, {
          status: 'delivered',
          attempts,
          lastStatus: status,
          lastError: null,
          finishedAt: new Date(),
        });
        return;
      }
      error = `The receiver answered ${status}`;
    } catch (failure) {
      error = failure instanceof Error ? failure.message : String(failure);
    }
    const now = new Date();
    if (attempts >= this.maxAttempts) {
      await this.store.record(delivery._id, { status: 'dead', attempts, lastStatus: status, lastError: error, finishedAt: now });
    } else {
      await this.store.record(delivery._id, {
        attempts,
        lastStatus: status,
        lastError: error,
        nextAttemptAt: new Date(now.getTime() + backoffMs(this.backoffBaseMs, attempts)),
      });
    }
  }
}
