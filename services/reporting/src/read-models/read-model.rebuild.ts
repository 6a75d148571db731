import { Inject, Injectable, Logger } from '@nestjs/common';
import { headers as natsHeaders, type NatsConnection } from 'nats';
import { CLOCK, type Clock } from '@kitos/common';
import { DEAD_LETTER_STREAM, deadLetterSubject, type RebuildStep } from '@kitos/contracts';
import { DeadLetterHeader, NATS_CONNECTION, createStreamIfMissing, deadLetterMsgId } from '@kitos/messaging';
import { MongoConnection } from '@kitos/persistence';
import { ReadModelChanges } from './read-model-changes';
import { projectEvent } from './read-model.projection';
import { collectionOf, ReadModelCollections, ReadModelStore } from './read-model.store';
import { READ_MODEL_KINDS } from './read-model.types';
import {
  DEFAULT_READ_DEADLINE_MS,
  markOf,
  PRODUCER_STREAMS,
  readStream,
  StreamReadTimeout,
  type StreamItem,
  type StreamMark,
} from './stream-reader';

/** The consumer name under which a rebuild dead-letters what it cannot read (`dlq.reporting-rebuild.<stream>`). */
export const REBUILD_DEAD_LETTER_CONSUMER = 'reporting-rebuild';
/** Skipped events listed per stream in the report (all of them are counted and dead-lettered). */
export const LISTED_SKIPPED_EVENTS = 100;
/** Events applied at the same time during a rebuild. */
const APPLY_CONCURRENCY = 16;
/** Progress is reported at most this often (and at every step and stream boundary). */
const PROGRESS_EVERY_MS = 1000;

export interface SkippedEvent {
  sequence: number;
  subject: string;
  reason: string;
}

/** One stream's account: every message up to `lastSequence` is read, then applied, ignored or skipped. */
export interface StreamReport {
  stream: string;
  /** The stream's last sequence when the rebuild started. */
  lastSequence: number;
  /** Messages the stream held up to that sequence. */
  expected: number;
  read: number;
  /** Events the read models follow, applied to the rebuilt collections. */
  applied: number;
  /** Valid events the read models do not follow (users, KLE, …): nothing to apply. */
  ignored: number;
  /** Messages that are no valid event: counted, listed (the first 100) and dead-lettered. */
  skipped: number;
  skippedEvents: SkippedEvent[];
  /** Expected messages that were not read (deadline, or removed from the stream meanwhile). */
  missing: number;
  /** Events that arrived during the rebuild and were applied to the live read models after the switch. */
  caughtUp: number;
}

export interface RebuildProgress {
  step: RebuildStep;
  streams: StreamReport[];
}

export interface RebuildOptions {
  /** Switch in a rebuild whose only shortfall are skipped (counted, listed, dead-lettered) invalid events. */
  acceptInvalid?: boolean;
  /** Time to read every stream to its recorded end (default 30 minutes); a run that needs longer fails without switching. */
  deadlineMs?: number;
  onProgress?: (progress: RebuildProgress) => void | Promise<void>;
}

export interface RebuildResult {
  outcome: 'succeeded' | 'failed';
  /** Whether the rebuilt collections replaced the live ones. */
  switched: boolean;
  error: string | null;
  streams: StreamReport[];
  /** Messages read from the streams, events applied, messages skipped. */
  events: number;
  applied: number;
  skipped: number;
  caughtUp: number;
  /** Documents per read model after the rebuild. */
  documents: Record<string, number>;
  tookMs: number;
}

const SHADOW = '__rebuild';

const emptyReport = (mark: StreamMark): StreamReport => ({
  stream: mark.stream,
  lastSequence: mark.lastSeq,
  expected: mark.messages,
  read: 0,
  applied: 0,
  ignored: 0,
  skipped: 0,
  skippedEvents: [],
  missing: mark.messages,
  caughtUp: 0,
});

const sum = (reports: readonly StreamReport[], field: 'read' | 'applied' | 'skipped' | 'missing' | 'caughtUp') =>
  reports.reduce((total, r) => total + r[field], 0);

/**
 * The full rebuild: records each producer stream's last sequence, replays every stream up to it into shadow
 * collections and accounts for every message (applied, ignored, or skipped: invalid, dead-lettered), then switches the
 * shadow collections in for the live ones and applies what arrived meanwhile. A stream that cannot be read to its
 * recorded end within the deadline, or (unless `acceptInvalid`) an invalid message, fails the run before the switch:
 * the live read models stay as they were. Readers see the old read models until the switch (a moment per collection),
 * and the live projector keeps writing throughout (its version-guarded writes and the catch-up make the order harmless).
 */
@Injectable()
export class ReadModelRebuild {
  private readonly logger = new Logger(ReadModelRebuild.name);
  private running: Promise<RebuildResult> | null = null;

  constructor(
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    private readonly mongo: MongoConnection,
    private readonly live: ReadModelStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly changes: ReadModelChanges,
  ) {}

  /** One rebuild at a time per process; a second call joins the running one. */
  rebuild(options: RebuildOptions = {}): Promise<RebuildResult> {
    this.running ??= this.run(options).finally(() => (this.running = null));
    return this.running;
  }

  private now(): number {
    return this.clock.now().getTime();
  }

  private async run(options: RebuildOptions): Promise<RebuildResult> {
    const started = this.now();
    const deadline = started + (options.deadlineMs ?? DEFAULT_READ_DEADLINE_MS);
    let lastReported = 0;
    let step: RebuildStep = 'preparing';
    let reports: StreamReport[] = [];
    const report = async (force: boolean): Promise<void> => {
      if (!options.onProgress || (!force && this.now() - lastReported < PROGRESS_EVERY_MS)) return;
      lastReported = this.now();
      const progress: RebuildProgress = { step, streams: reports.map((r) => ({ ...r, skippedEvents: [...r.skippedEvents] })) };
      await Promise.resolve()
        .then(() => options.onProgress?.(progress))
        .catch((error: unknown) => this.logger.warn(`Recording the rebuild's progress failed: ${String(error)}`));
    };
    const finish = (outcome: RebuildResult['outcome'], switched: boolean, error: string | null, documents: Record<string, number> = {}) => {
      const result: RebuildResult = {
        outcome,
        switched,
        error,
        streams: reports,
        events: sum(reports, 'read'),
        applied: sum(reports, 'applied'),
        skipped: sum(reports, 'skipped'),
        caughtUp: sum(reports, 'caughtUp'),
        documents,
        tookMs: this.now() - started,
      };
      const line = `Read-model rebuild ${outcome} after ${result.tookMs} ms: ${result.events} read, ${result.applied} applied, ${result.skipped} skipped, ${sum(reports, 'missing')} missing`;
      if (outcome === 'succeeded') this.logger.log(`${line}; ${JSON.stringify(documents)}`);
      else this.logger.error(`${line}: ${error}`);
      return result;
    };

    await report(true);
    const shadow = new ReadModelCollections(this.mongo, SHADOW);
    await shadow.drop();
    for (const kind of READ_MODEL_KINDS)
      await shadow
        .model(kind)
        .createCollection()
        .catch(() => undefined);
    await Promise.all(READ_MODEL_KINDS.map((kind) => shadow.model(kind).syncIndexes()));

    const marks: StreamMark[] = [];
    for (const stream of PRODUCER_STREAMS) marks.push(await markOf(this.nc, stream, deadline));
    reports = marks.map(emptyReport);
    step = 'reading';
    await report(true);

    for (const entry of reports) {
      // Events are applied several at a time: every write is guarded by the version of its document (and one write
      // per document runs at a time), so the order of application does not change the result.
      let applying: Promise<void>[] = [];
      const settle = async () => {
        await Promise.all(applying);
        applying = [];
      };
      try {
        for await (const item of readStream(this.nc, entry.stream, 1, entry.lastSequence, { deadline })) {
          entry.read++;
          entry.missing--;
          if (item.invalid !== undefined) await this.skip(entry, item, deadline);
          else applying.push(projectEvent(item.event, shadow).then((applied) => void (applied ? entry.applied++ : entry.ignored++)));
          if (applying.length >= APPLY_CONCURRENCY) {
            await settle();
            await report(false);
          }
        }
      } catch (error) {
        if (!(error instanceof StreamReadTimeout)) throw error;
      } finally {
        await settle();
      }
      await report(true);
    }

    const missing = reports.filter((r) => r.missing > 0);
    const invalid = reports.filter((r) => r.skipped > 0);
    const refusal =
      missing.length > 0
        ? `Not every event was read: ${missing.map((r) => `${r.stream} ${r.missing} of ${r.expected} missing`).join(', ')}`
        : invalid.length > 0 && !options.acceptInvalid
          ? `Invalid events were skipped (dead-lettered): ${invalid.map((r) => `${r.stream} ${r.skipped}`).join(', ')}; ` +
            'rebuild with acceptInvalid to switch in without them'
          : null;
    if (refusal) {
      await shadow.drop();
      step = 'finished';
      await report(true);
      return finish('failed', false, `${refusal}. The live read models were left unchanged.`);
    }

    step = 'switching';
    await report(true);
    await this.switchIn();
    this.changes.changed();

    step = 'catching-up';
    await report(true);
    const behind: string[] = [];
    for (const entry of reports) {
      const now = await markOf(this.nc, entry.stream, deadline).catch(() => null);
      if (!now) {
        behind.push(`${entry.stream} (its state could not be read)`);
        continue;
      }
      try {
        for await (const item of readStream(this.nc, entry.stream, entry.lastSequence + 1, now.lastSeq, { deadline })) {
          if (item.invalid !== undefined) await this.skip(entry, item, deadline);
          else if (await projectEvent(item.event, this.live)) entry.caughtUp++;
        }
      } catch (error) {
        if (!(error instanceof StreamReadTimeout)) throw error;
        behind.push(`${entry.stream} up to ${error.lastSeen} of ${error.until}`);
      }
    }

    this.changes.changed();
    const documents: Record<string, number> = {};
    for (const kind of READ_MODEL_KINDS) documents[kind] = await this.live.count(kind, {});
    step = 'finished';
    await report(true);
    if (behind.length > 0)
      return finish(
        'failed',
        true,
        `Switched in, but the events that arrived meanwhile were read only partly (${behind.join(', ')}): rebuild again`,
        documents,
      );
    return finish('succeeded', true, null, documents);
  }

  /** An invalid message: counted, listed, and dead-lettered (retried until the deadline: a skip must leave a trace). */
  private async skip(entry: StreamReport, item: Extract<StreamItem, { invalid: string }>, deadline: number): Promise<void> {
    entry.skipped++;
    if (entry.skippedEvents.length < LISTED_SKIPPED_EVENTS)
      entry.skippedEvents.push({ sequence: item.seq, subject: item.subject, reason: item.invalid });
    const headers = natsHeaders();
    headers.set(DeadLetterHeader.OriginalSubject, item.subject);
    headers.set(DeadLetterHeader.StreamSequence, String(item.seq));
    headers.set(DeadLetterHeader.Error, item.invalid);
    const msgID = deadLetterMsgId(REBUILD_DEAD_LETTER_CONSUMER, entry.stream, item.seq);
    for (;;) {
      try {
        await createStreamIfMissing(await this.nc.jetstreamManager({ checkAPI: false }), DEAD_LETTER_STREAM);
        await this.nc.jetstream().publish(deadLetterSubject(REBUILD_DEAD_LETTER_CONSUMER, entry.stream), item.data, { msgID, headers });
        return;
      } catch (error) {
        if (this.now() > deadline)
          throw new Error(`Could not dead-letter ${entry.stream} sequence ${item.seq}: ${String(error)}`, { cause: error });
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    }
  }

  /**
   * Puts each shadow collection in place of its live one: drop, then rename (FerretDB has no `dropTarget`). Should the
   * live projector recreate the collection in between, drop and rename again: whatever it wrote there is either in the
   * shadow already or comes again with the catch-up.
   */
  private async switchIn(): Promise<void> {
    const db = this.mongo.connection.db;
    if (!db) throw new Error('the database is not connected');
    for (const kind of READ_MODEL_KINDS) {
      for (let attempt = 1; ; attempt++) {
        await db.dropCollection(collectionOf(kind)).catch(() => undefined); // absent: nothing to drop
        try {
          await db.renameCollection(collectionOf(kind, SHADOW), collectionOf(kind));
          break;
        } catch (error) {
          if (attempt >= 5) throw error;
        }
      }
    }
  }
}
