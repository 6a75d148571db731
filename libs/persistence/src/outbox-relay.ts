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
  /** Interval of the fallback sweep over every watched collection (events whose nudge was missed). */
  readonly sweepMs: number;
  /** Documents taken per collection and sweep. */
  readonly batchSize?: number;
  /** First delay after a failed pass (doubling up to 5 s); 250 ms by default. */
  readonly retryMs?: number;
  /** How long a counted backlog is answered again without counting (health and metrics); 2000 ms by default. */
  readonly backlogMaxAgeMs?: number;
  /**
   * Documents drained at the same time (each its own events in order): their publishes are in flight together on the
   * one NATS connection (JetStream's acknowledgements come back asynchronously) and their removals overlap in the
   * store; 32 by default. 1 drains one document after the other.
   */
  readonly concurrency?: number;
}

type OutboxDocument = { _id: string; pendingEvents: EventEnvelope[]; version?: number };
type OutboxModel = Model<Record<string, unknown>>;

const MAX_RETRY_MS = 5000;

/**
 * Publishes the events that aggregates carry in their documents, each document's events in order, then removes
 * exactly the published ones. A crash between publishing and removing republishes them later; the bus's
 * deduplication window and idempotent consumers absorb the repeat.
 *
 * Event-driven: every write nudges the relay with the document it wrote, and the relay drains that document, read by
 * `_id` alone (the one filter FerretDB on SQLite pushes down). A slow sweep (`sweepMs`, and once at start) scans every
 * watched collection for documents still flagged `hasPendingEvents`: events whose nudge was lost (a crash between
 * write and publish, a write by another process) leave with it. While the bus is down the relay backs off and keeps
 * the events, and the first pass after a failure is a full sweep: nothing is lost.
 *
 * A pass drains its documents concurrently (`concurrency`, 32 by default): under a burst of writes to many aggregates
 * the publishes of different aggregates are in flight together and their acknowledgements are awaited together, while
 * the events of one aggregate are still published one after the other, in order (a document is drained by one task,
 * and passes never overlap).
 */
export class OutboxRelay {
  private readonly logger = new Logger(OutboxRelay.name);
  private readonly models: OutboxModel[] = [];
  /** Documents written since the last pass, per collection. */
  private readonly nudged = new Map<OutboxModel, Set<string>>();
  private sweepWanted = true;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = true;
  private failures = 0;
  private lastSweepAt = 0;
  private lastBacklog: { at: number; count: Promise<number> } | undefined;
  published = 0;
  /** Full sweeps done (tests and metrics). */
  sweeps = 0;
  lastError: string | undefined;

  constructor(
    private readonly publisher: OutboxPublisher,
    private readonly locks: KeyedMutex,
    private readonly options: OutboxRelayOptions,
  ) {}

  watch(model: OutboxModel): void {
    if (!this.models.includes(model)) this.models.push(model);
  }

  start(): void {
    this.stopped = false;
    this.sweepWanted = true;
    this.schedule(0);
  }

  /**
   * Asks for a pass as soon as possible; called after every write with the written document, which the pass then reads
   * by `_id`. Without a document it asks for a full sweep.
   */
  readonly nudge = (model?: OutboxModel, id?: string): void => {
    if (model && id !== undefined) {
      let ids = this.nudged.get(model);
      if (!ids) this.nudged.set(model, (ids = new Set()));
      ids.add(id);
    } else {
      this.sweepWanted = true;
    }
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    if (this.failures === 0) this.schedule(0);
  };

  /** Stops the relay after a last pass, so that events written just before shutdown still leave. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    // a pass in flight may fail (bus down): tick() reports that; stopping must not
    await this.running?.catch(() => undefined);
    if (this.failures === 0) await this.pass().catch(() => undefined);
  }

  /**
   * Number of aggregates with events still to publish, over all watched collections. Counted at most once per
   * `backlogMaxAgeMs` (2 s by default): readiness probes and metrics scrapes ask often, and the count reads every
   * watched collection; callers within that time share the last count (or the count in flight).
   */
  backlog(): Promise<number> {
    const maxAgeMs = this.options.backlogMaxAgeMs ?? 2000;
    if (this.lastBacklog && Date.now() - this.lastBacklog.at < maxAgeMs) return this.lastBacklog.count;
    const at = Date.now();
    const count = this.countBacklog();
    this.lastBacklog = { at, count };
    // a failed count is not kept: the next caller counts again
    count.catch(() => {
      if (this.lastBacklog?.count === count) this.lastBacklog = undefined;
    });
    return count;
  }

  private async countBacklog(): Promise<number> {
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
    if (Date.now() - this.lastSweepAt >= this.options.sweepMs) this.sweepWanted = true;
    this.running = this.pass();
    let delay = this.options.sweepMs;
    try {
      await this.running;
      if (this.failures > 0) this.logger.log('event bus reachable again; outbox draining');
      this.failures = 0;
      this.lastError = undefined;
    } catch (error) {
      this.failures++;
      this.lastError = (error as Error).message;
      // what the failed pass did not finish is found again by a full sweep
      this.sweepWanted = true;
      delay = Math.min((this.options.retryMs ?? 250) * 2 ** (this.failures - 1), MAX_RETRY_MS);
      if (this.failures === 1 || this.failures % 20 === 0) {
        this.logger.warn(`outbox relay could not publish (${this.lastError}); retrying, events are kept`);
      }
    } finally {
      this.running = undefined;
    }
    if (this.stopped) return;
    if (this.failures > 0) this.schedule(delay);
    else if (this.again || this.nudged.size > 0 || this.sweepWanted) this.schedule(0);
    else this.schedule(Math.max(0, this.lastSweepAt + this.options.sweepMs - Date.now()));
  }

  /** A full sweep when one is due, else the nudged documents; throws when the bus or the database fails. */
  private async pass(): Promise<void> {
    if (this.sweepWanted) return this.sweep();
    const nudged = [...this.nudged].flatMap(([model, ids]) => [...ids].map((id) => ({ model, id })));
    this.nudged.clear();
    await this.concurrently(nudged, async ({ model, id }) => {
      const document = await model.findOne({ _id: id }, { pendingEvents: 1, version: 1 }).lean<OutboxDocument>().exec();
      if (document?.pendingEvents?.length) await this.drain(model, document);
    });
  }

  /**
   * Runs `work` for every item, at most `concurrency` at a time; every item is tried even when some fail, and the first
   * failure is thrown afterwards (the relay then backs off and sweeps: what failed is still flagged and found again).
   */
  private async concurrently<T>(items: readonly T[], work: (item: T) => Promise<void>): Promise<void> {
    let next = 0;
    let failure: { error: unknown } | undefined;
    const worker = async () => {
      while (next < items.length) {
        const item = items[next++];
        try {
          await work(item);
        } catch (error) {
          failure ??= { error };
        }
      }
    };
    const width = Math.max(1, Math.min(this.options.concurrency ?? 32, items.length));
    await Promise.all(Array.from({ length: width }, worker));
    if (failure) throw failure.error;
  }

  private async sweep(): Promise<void> {
    // everything nudged so far was written before this sweep reads: the sweep finds it
    this.sweepWanted = false;
    this.nudged.clear();
    this.lastSweepAt = Date.now();
    this.sweeps++;
    const batchSize = this.options.batchSize ?? 100;
    for (const model of this.models) {
      for (;;) {
        const documents = await model
          .find({ hasPendingEvents: true }, { pendingEvents: 1, version: 1 })
          .sort({ _id: 1 })
          .limit(batchSize)
          .lean<OutboxDocument[]>()
          .exec();
        await this.concurrently(documents, (document) => this.drain(model, document));
        if (documents.length < batchSize) break;
      }
    }
  }

  private async drain(model: OutboxModel, document: OutboxDocument): Promise<void> {
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
        const all = done.length === (document.pendingEvents ?? []).length;
        await this.locks.run(lockKey(model, document._id), () =>
          this.removePublished(model, document, done, undeliverable, all ? document.version : undefined),
        );
        this.published += done.length - undeliverable.length;
      }
    }
  }

  /**
   * Removes the published events. When every event read was published and the document is still at the version read
   * (`unchangedAt`: no write appended events since), one update removes them and clears `hasPendingEvents`; otherwise
   * (or when that update matched nothing) the events are pulled and the flag is cleared only if nothing is left.
   */
  private async removePublished(
    model: OutboxModel,
    document: OutboxDocument,
    done: EventEnvelope[],
    undeliverable: EventEnvelope[],
    unchangedAt: number | undefined,
  ): Promise<void> {
    const id = document._id;
    const pull = {
      // exact values as read: $pullAll is the array removal that both MongoDB and FerretDB 1.24 implement
      $pullAll: { pendingEvents: done },
      ...(undeliverable.length ? { $push: { undeliverableEvents: { $each: undeliverable } } } : {}),
    };
    if (unchangedAt !== undefined) {
      const result = await model
        .updateOne({ _id: id, version: unchangedAt }, { ...pull, $set: { hasPendingEvents: false } }, { strict: false })
        .exec();
      if (result.matchedCount > 0) return;
    }
    await model.updateOne({ _id: id }, pull, { strict: false }).exec();
    await model.updateOne({ _id: id, pendingEvents: { $size: 0 } }, { $set: { hasPendingEvents: false } }).exec();
  }
}
