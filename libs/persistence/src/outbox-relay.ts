import { Logger } from '@nestjs/common';
import type { EventEnvelope } from '@kitos/contracts';
import { InvalidEventError } from '@kitos/contracts';
import { mongo, type Model } from 'mongoose';
import { lockKey, type KeyedMutex } from './keyed-mutex';
import type { PendingEvent } from './pending-event';

/** Where the relay sends events: the JetStream publisher in production (msgID = event id, so a repeat is dropped). */
export interface OutboxPublisher {
  publish(event: EventEnvelope): Promise<unknown>;
}

/**
 * What a write put into a document's outbox, handed to the relay with the nudge: the document's version after the
 * write, the version it had before (null for an insert) and the events the write appended. The relay publishes them
 * without reading the document when it knows they are all of the document's pending events: always after an insert,
 * and after an update of a version the relay itself saw emptied.
 */
export interface OutboxWrite {
  readonly version: number;
  readonly previousVersion: number | null;
  readonly events: readonly PendingEvent[];
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
type Nudged = { model: OutboxModel; id: string; written?: OutboxWrite };

const { BSON } = mongo;
const MAX_RETRY_MS = 5000;

/**
 * A nudge's events as the store holds them and a read returns them (through the driver's BSON encoding), so that what
 * is published does not depend on whether the relay read the document.
 */
function asStored(events: readonly PendingEvent[]): EventEnvelope[] {
  return BSON.deserialize(BSON.serialize({ events })).events as EventEnvelope[];
}
/** Documents whose emptied version the relay remembers (for publishing the next write's events without a read). */
const EMPTIED_REMEMBERED = 10_000;

/**
 * Publishes the events that aggregates carry in their documents, each document's events in order, then removes
 * exactly the published ones. A crash between publishing and removing republishes them later; the bus's
 * deduplication window and idempotent consumers absorb the repeat.
 *
 * Event-driven: every write nudges the relay with the document it wrote and what the write appended (`OutboxWrite`).
 * When those events are all the document holds — after an insert, or after an update of a version the relay saw
 * emptied — they are published as handed over; otherwise the document is read by `_id` alone (the one filter FerretDB
 * on SQLite pushes down). A slow sweep (`sweepMs`, and once at start) scans every watched collection for documents
 * still flagged `hasPendingEvents`: events whose nudge was lost (a crash between write and publish, a write by another
 * process) leave with it. While the bus is down the relay backs off and keeps the events, and the first pass after a
 * failure is a full sweep: nothing is lost.
 *
 * Nudged documents are drained as they come, up to `concurrency` (32) at a time: a document is taken as soon as a
 * slot is free, not after the slowest document of an earlier batch. A document is drained by one task at a time (a
 * nudge for a document being drained waits for that drain), so each aggregate's events leave in order. A sweep waits
 * until no drain runs, and no drain starts during a sweep.
 */
export class OutboxRelay {
  private readonly logger = new Logger(OutboxRelay.name);
  private readonly models: OutboxModel[] = [];
  /** Documents written and not yet taken, by lock key; a later nudge of the same document replaces the earlier one. */
  private readonly queue = new Map<string, Nudged>();
  /** Lock keys of the documents being drained. */
  private readonly draining = new Set<string>();
  /** Drains in flight (for waiting until none runs). */
  private readonly drains = new Set<Promise<void>>();
  /** Lock key → a version at which the relay removed every pending event of the document (bounded, oldest dropped). */
  private readonly emptiedAt = new Map<string, number>();
  private sweepWanted = true;
  private sweeping: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private stopped = true;
  private failures = 0;
  private backoffUntil = 0;
  private lastSweepAt = 0;
  private lastBacklog: { at: number; count: Promise<number> } | undefined;
  published = 0;
  /** Full sweeps done (tests and metrics). */
  sweeps = 0;
  /** Documents drained from a nudge's events without reading them (tests and diagnostics). */
  unread = 0;
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
   * Asks for the document to be drained as soon as possible; called after every write with the written document and
   * what the write appended to its outbox (`written`, when the writer knows it). Without a document it asks for a full
   * sweep.
   */
  readonly nudge = (model?: OutboxModel, id?: string, written?: OutboxWrite): void => {
    if (model && id !== undefined) this.queue.set(lockKey(model, id), { model, id, written });
    else this.sweepWanted = true;
    if (!this.stopped) this.pump();
  };

  /** Stops the relay after a last pass, so that events written just before shutdown still leave. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    // a drain or sweep in flight may fail (bus down): pump() reports that; stopping must not
    await this.idle();
    if (this.failures > 0) return;
    await (this.sweepWanted ? this.sweep() : this.drainQueued()).catch(() => undefined);
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

  private get width(): number {
    return Math.max(1, this.options.concurrency ?? 32);
  }

  private schedule(delay: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (this.failures === 0 && Date.now() - this.lastSweepAt >= this.options.sweepMs) this.sweepWanted = true;
      this.pump();
    }, delay);
  }

  /**
   * Starts what can start: a sweep when one is wanted (after a failure, at start, every `sweepMs`) and no drain runs,
   * else queued documents that are not being drained, up to the width. Nothing starts while backing off after a failure.
   */
  private pump(): void {
    if (this.stopped || this.sweeping) return;
    if (Date.now() < this.backoffUntil) {
      // a timer may fire a millisecond before Date.now() reaches its end: wait out the rest, never stall
      if (!this.timer) this.schedule(this.backoffUntil - Date.now());
      return;
    }
    if (this.sweepWanted) {
      if (this.drains.size > 0) return; // the last drain to finish pumps again
      this.sweeping = this.sweep()
        .then(
          () => this.succeeded(),
          (error) => this.failed(error),
        )
        .finally(() => {
          this.sweeping = undefined;
          this.pump();
        });
      return;
    }
    for (const [key, nudged] of this.queue) {
      if (this.drains.size >= this.width) break;
      if (this.draining.has(key)) continue;
      this.queue.delete(key);
      this.draining.add(key);
      const drain: Promise<void> = this.drainNudged(nudged)
        .then(
          () => this.succeeded(),
          (error) => this.failed(error),
        )
        .finally(() => {
          this.draining.delete(key);
          this.drains.delete(drain);
          this.pump();
        });
      this.drains.add(drain);
    }
    if (!this.timer && this.drains.size === 0 && this.queue.size === 0)
      this.schedule(Math.max(0, this.lastSweepAt + this.options.sweepMs - Date.now()));
  }

  private succeeded(): void {
    if (this.failures === 0) return;
    this.logger.log('event bus reachable again; outbox draining');
    this.failures = 0;
    this.lastError = undefined;
  }

  /** Backs off (doubling up to 5 s), then sweeps; drains failing together while backing off count once. */
  private failed(error: unknown): void {
    this.lastError = (error as Error).message;
    // what the failed drain did not finish is found again by a full sweep
    this.sweepWanted = true;
    if (Date.now() < this.backoffUntil) return;
    this.failures++;
    if (this.failures === 1 || this.failures % 20 === 0) {
      this.logger.warn(`outbox relay could not publish (${this.lastError}); retrying, events are kept`);
    }
    const delay = Math.min((this.options.retryMs ?? 250) * 2 ** (this.failures - 1), MAX_RETRY_MS);
    this.backoffUntil = Date.now() + delay;
    if (!this.stopped) this.schedule(delay);
  }

  /** Resolves when no drain and no sweep runs (failures swallowed: the relay reports them). */
  private async idle(): Promise<void> {
    while (this.drains.size > 0 || this.sweeping) {
      const running = this.sweeping ? [...this.drains, this.sweeping] : [...this.drains];
      await Promise.all(running.map((p) => p.catch(() => undefined)));
    }
  }

  /** Drains everything queued (at stop), at most `concurrency` documents at a time. */
  private async drainQueued(): Promise<void> {
    const queued = [...this.queue.values()];
    this.queue.clear();
    await this.concurrently(queued, (nudged) => this.drainNudged(nudged));
  }

  /** Publishes a nudged document's events: from the nudge when they are all it holds, else as read by `_id`. */
  private async drainNudged({ model, id, written }: Nudged): Promise<void> {
    if (written && (written.previousVersion === null || this.emptiedAt.get(lockKey(model, id)) === written.previousVersion)) {
      // a write that appended nothing to an empty outbox leaves it empty at its version
      if (!written.events.length) return this.rememberEmptied(lockKey(model, id), written.version);
      this.unread++;
      return this.drain(model, { _id: id, version: written.version, pendingEvents: asStored(written.events) }, true);
    }
    const document = await model.findOne({ _id: id }, { pendingEvents: 1, version: 1 }).lean<OutboxDocument>().exec();
    if (document?.pendingEvents?.length) await this.drain(model, document, false);
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
    const width = Math.min(this.width, items.length);
    await Promise.all(Array.from({ length: width }, worker));
    if (failure) throw failure.error;
  }

  private async sweep(): Promise<void> {
    // everything nudged so far was written before this sweep reads: the sweep finds it
    this.sweepWanted = false;
    this.queue.clear();
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
        await this.concurrently(documents, (document) => this.drain(model, document, false));
        if (documents.length < batchSize) break;
      }
    }
  }

  /** `unread`: the events came with the nudge, not from the store (a removal that cannot use the version reads them). */
  private async drain(model: OutboxModel, document: OutboxDocument, unread: boolean): Promise<void> {
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
          this.removePublished(model, document, done, undeliverable, all ? document.version : undefined, unread),
        );
        this.published += done.length - undeliverable.length;
      }
    }
  }

  /**
   * Removes the published events. When every event the document held at the version read was published and the
   * document is still at that version (`unchangedAt`: no write appended events since; a relay only ever removes), one
   * update empties `pendingEvents` and clears `hasPendingEvents`, and the relay remembers that version as emptied.
   * Otherwise (or when that update matched nothing) the published events are pulled by their stored values — read
   * again when they came with the nudge — and the flag is cleared only if nothing is left.
   */
  private async removePublished(
    model: OutboxModel,
    document: OutboxDocument,
    done: EventEnvelope[],
    undeliverable: EventEnvelope[],
    unchangedAt: number | undefined,
    unread: boolean,
  ): Promise<void> {
    const id = document._id;
    const key = lockKey(model, id);
    this.emptiedAt.delete(key);
    const park = undeliverable.length ? { $push: { undeliverableEvents: { $each: undeliverable } } } : {};
    if (unchangedAt !== undefined) {
      const result = await model
        .updateOne({ _id: id, version: unchangedAt }, { ...park, $set: { pendingEvents: [], hasPendingEvents: false } }, { strict: false })
        .exec();
      if (result.matchedCount > 0) {
        this.rememberEmptied(key, unchangedAt);
        return;
      }
    }
    let pulled = done;
    if (unread) {
      // the stored copies, for $pullAll's exact match (under the document's lock: no write changes them meanwhile)
      const ids = new Set(done.map((event) => event.id));
      const stored = await model.findOne({ _id: id }, { pendingEvents: 1 }).lean<OutboxDocument>().exec();
      pulled = (stored?.pendingEvents ?? []).filter((event) => ids.has(event.id));
    }
    // exact values: $pullAll is the array removal that both MongoDB and FerretDB 1.24 implement
    await model.updateOne({ _id: id }, { $pullAll: { pendingEvents: pulled }, ...park }, { strict: false }).exec();
    await model.updateOne({ _id: id, pendingEvents: { $size: 0 } }, { $set: { hasPendingEvents: false } }).exec();
  }

  private rememberEmptied(key: string, version: number): void {
    this.emptiedAt.set(key, version);
    if (this.emptiedAt.size > EMPTIED_REMEMBERED) this.emptiedAt.delete(this.emptiedAt.keys().next().value as string);
  }
}
