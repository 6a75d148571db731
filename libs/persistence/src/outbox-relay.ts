import { Logger } from '@nestjs/common';
import type { EventEnvelope } from '@kitos/contracts';
import { InvalidEventError } from '@kitos/contracts';
import type { Model } from 'mongoose';
import { lockKey, type KeyedMutex } from './keyed-mutex';

/** Where the relay sends events: the JetStream publisher in production (msgID = event id, so a repeat is dropped). */
export interface OutboxPublisher {
  publish(event: EventEnvelope): Promise<unknown>;
}

export interface OutboxRelayOptions {
  readonly pollMs: number;
  /** Documents taken per collection and pass. */
  readonly batchSize?: number;
}

type OutboxDocument = { _id: string; pendingEvents: EventEnvelope[] };

/**
 * Publishes the events that aggregates carry in their documents, oldest document first and each document's
 * events in order, then removes exactly the published ones. A crash between publishing and removing
 * republishes them later; the bus's deduplication window and idempotent consumers absorb the repeat.
 * Runs every `pollMs` and at once after each write (nudge). While the bus is down it backs off and keeps
 * the events: nothing is lost.
 */
export class OutboxRelay {
  private readonly logger = new Logger(OutboxRelay.name);
  private readonly models: Model<Record<string, unknown>>[] = [];
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = true;
  private failures = 0;
  published = 0;
  lastError: string | undefined;

  constructor(
    private readonly publisher: OutboxPublisher,
    private readonly locks: KeyedMutex,
    private readonly options: OutboxRelayOptions,
  ) {}

  watch(model: Model<Record<string, unknown>>): void {
    if (!this.models.includes(model)) this.models.push(model);
  }

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  /** Asks for a pass as soon as possible (called after every write). */
  nudge(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.schedule(0);
  }

  /** Stops polling after a last pass, so that events written just before shutdown still leave. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    // a pass in flight may fail (bus down): tick() reports that; stopping must not
    await this.running?.catch(() => undefined);
    if (this.failures === 0) await this.pass().catch(() => undefined);
  }

  /** Number of aggregates with events still to publish, over all watched collections. */
  async backlog(): Promise<number> {
    let total = 0;
    for (const model of this.models) total += await model.countDocuments({ hasPendingEvents: true }).exec();
    return total;
  }

  private schedule(delay: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.tick(), delay);
  }

  private async tick(): Promise<void> {
    if (this.stopped || this.running) return;
    this.again = false;
    this.running = this.pass();
    let delay = this.options.pollMs;
    try {
      const moved = await this.running;
      void moved;
      if (this.failures > 0) this.logger.log('event bus reachable again; outbox draining');
      this.failures = 0;
      this.lastError = undefined;
    } catch (error) {
      this.failures++;
      this.lastError = (error as Error).message;
      delay = Math.min(this.options.pollMs * 2 ** this.failures, 5000);
      if (this.failures === 1 || this.failures % 20 === 0) {
        this.logger.warn(`outbox relay could not publish (${this.lastError}); retrying, events are kept`);
      }
    } finally {
      this.running = undefined;
    }
    if (!this.stopped) this.schedule(this.again && this.failures === 0 ? 0 : delay);
  }

  /** One pass over every watched collection; throws when the bus or the database fails. */
  private async pass(): Promise<void> {
    const batchSize = this.options.batchSize ?? 100;
    for (const model of this.models) {
      for (;;) {
        const documents = await model
          .find({ hasPendingEvents: true }, { pendingEvents: 1 })
          .sort({ _id: 1 })
          .limit(batchSize)
          .lean<OutboxDocument[]>()
          .exec();
        for (const document of documents) await this.drain(model, document);
        if (documents.length < batchSize) break;
      }
    }
  }

  private async drain(model: Model<Record<string, unknown>>, document: OutboxDocument): Promise<void> {
    const done: EventEnvelope[] = [];
    const undeliverable: EventEnvelope[] = [];
    try {
      for (const event of document.pendingEvents ?? []) {
        try {
          await this.publisher.publish(event);
          done.push(event);
        } catch (error) {
          if (!(error instanceof InvalidEventError)) throw error;
          this.logger.error(`event ${event.id} (${event.type}) violates its schema and is parked: ${error.message}`);
          undeliverable.push(event);
          done.push(event);
        }
      }
    } finally {
      if (done.length) {
        await this.locks.run(lockKey(model, document._id), () => this.removePublished(model, document._id, done, undeliverable));
        this.published += done.length - undeliverable.length;
      }
    }
  }

  private async removePublished(
    model: Model<Record<string, unknown>>,
    id: string,
    done: EventEnvelope[],
    undeliverable: EventEnvelope[],
  ): Promise<void> {
    await model
      .updateOne(
        { _id: id },
        {
          // exact values as read: $pullAll is the array removal that both MongoDB and FerretDB 1.24 implement
          $pullAll: { pendingEvents: done },
          ...(undeliverable.length ? { $push: { undeliverableEvents: { $each: undeliverable } } } : {}),
        },
        { strict: false },
      )
      .exec();
    await model.updateOne({ _id: id, pendingEvents: { $size: 0 } }, { $set: { hasPendingEvents: false } }).exec();
  }
}
