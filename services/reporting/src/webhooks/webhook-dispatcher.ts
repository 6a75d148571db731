import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { CLOCK, type Clock } from '@kitos/common';
import { SERVICE_CONFIG } from '@kitos/config';
import { MongoConnection } from '@kitos/persistence';
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

/** Fallback sweep when OUTBOX_POLL_MS is not configured. */
const DEFAULT_SWEEP_MS = 30_000;
const BATCH = 50;
const REQUEST_TIMEOUT_MS = 10_000;
/** A claimed attempt not recorded after this long was lost with its process. */
const ABANDONED_AFTER_MS = 3 * REQUEST_TIMEOUT_MS;
const DEFAULT_MAX_ATTEMPTS = 8;
const DEFAULT_BACKOFF_MS = 5000;

/**
 * Turns events into deliveries (one claimed document per subscription and event) and posts the due ones, signed, with
 * exponential backoff until the last attempt, after which the delivery is a dead letter.
 *
 * Event-driven: a round runs when deliveries were queued or redelivered, at the time of the earliest retry this
 * process scheduled, and once at start; a slow sweep (`OUTBOX_POLL_MS`, 30 s by default) finds what another replica
 * left behind (it stopped, or an attempt of it was abandoned). Nothing polls while nothing happens.
 */
@Injectable()
export class WebhookDispatcher implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(WebhookDispatcher.name);
  private timer?: NodeJS.Timeout;
  private retryTimer?: NodeJS.Timeout;
  private retryAt = Number.POSITIVE_INFINITY;
  private running?: Promise<void>;
  /** A kick arrived during a round: run another one after it. */
  private again = false;
  private stopped = false;
  private readonly maxAttempts: number;
  private readonly backoffBaseMs: number;
  private readonly sweepMs: number;

  constructor(
    private readonly store: WebhookStore,
    @Inject(SERVICE_CONFIG) config: Partial<ReportingConfig>,
    private readonly mongo: MongoConnection,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.maxAttempts = config.webhookMaxAttempts ?? DEFAULT_MAX_ATTEMPTS;
    this.backoffBaseMs = config.webhookBackoffMs ?? DEFAULT_BACKOFF_MS;
    this.sweepMs = config.outboxPollMs ?? DEFAULT_SWEEP_MS;
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => this.kick(), this.sweepMs);
    this.timer.unref();
    // what was due while no replica ran
    void this.mongo.ready().then(() => this.kick());
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    if (this.retryTimer) clearTimeout(this.retryTimer);
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
      const now = this.clock.now();
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

  /** Starts a round of sending, or another one right after the round under way. */
  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.again = false;
    this.running = this.sendDue()
      .catch((error: unknown) => this.logger.warn(`Webhook delivery round failed: ${String(error)}`))
      .finally(() => {
        this.running = undefined;
        if (this.again) this.kick();
      });
  }

  private async sendDue(): Promise<void> {
    const due = await this.store.due(this.clock.now(), BATCH);
    const progressed = await Promise.all(due.map((delivery) => this.attempt(delivery)));
    // a full batch may have more behind it (but not when nothing moved: paused subscriptions keep theirs)
    if (due.length === BATCH && progressed.some(Boolean)) this.again = true;
  }

  /** Runs a round at `at` (a retry's time), unless one is already planned earlier. */
  private wakeAt(at: Date): void {
    if (this.stopped || at.getTime() >= this.retryAt) return;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryAt = at.getTime();
    this.retryTimer = setTimeout(
      () => {
        this.retryAt = Number.POSITIVE_INFINITY;
        this.retryTimer = undefined;
        this.kick();
      },
      Math.max(0, at.getTime() - Date.now()),
    );
    this.retryTimer.unref();
  }

  /** One attempt at a due delivery; false when it was left as it was (paused subscription, another replica on it). */
  private async attempt(delivery: DeliveryDoc): Promise<boolean> {
    const subscription = await this.store.subscription(delivery.subscriptionUuid);
    if (!subscription) {
      await this.store.record(delivery._id, { status: 'dead', lastError: 'The subscription was deleted', finishedAt: this.clock.now() });
      return true;
    }
    if (!subscription.active) return false;
    if (!(await this.store.claimAttempt(delivery))) {
      // Another replica is on it, or a process died between claiming and recording: after a while, move on.
      const claimedAt = await this.store.attemptClaimedAt(delivery);
      if (!claimedAt || Date.now() - claimedAt.getTime() <= ABANDONED_AFTER_MS) return false;
      await this.store.abandonAttempt(delivery, this.clock.now());
      return true;
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
          finishedAt: this.clock.now(),
        });
        return true;
      }
      error = `The receiver answered ${status}`;
    } catch (failure) {
      error = failure instanceof Error ? failure.message : String(failure);
    }
    const now = this.clock.now();
    if (attempts >= this.maxAttempts) {
      await this.store.record(delivery._id, { status: 'dead', attempts, lastStatus: status, lastError: error, finishedAt: now });
    } else {
      const nextAttemptAt = new Date(now.getTime() + backoffMs(this.backoffBaseMs, attempts));
      await this.store.record(delivery._id, { attempts, lastStatus: status, lastError: error, nextAttemptAt });
      this.wakeAt(nextAttemptAt);
    }
    return true;
  }
}
