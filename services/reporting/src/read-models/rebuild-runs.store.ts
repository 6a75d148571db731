import { Injectable } from '@nestjs/common';
import { MongoConnection, isDuplicateKey } from '@kitos/persistence';
import { Schema, type Model } from 'mongoose';
import type { ReadModelRebuildRun, RebuildStep } from '@kitos/contracts';
import type { RebuildProgress, RebuildResult, StreamReport } from './read-model.rebuild';

interface RunDoc {
  _id: string;
  state: ReadModelRebuildRun['state'];
  step: RebuildStep;
  acceptInvalid: boolean;
  switched: boolean;
  streams: StreamReport[];
  startedAt: Date;
  finishedAt: Date | null;
  events: number | null;
  applied: number | null;
  skipped: number | null;
  caughtUp: number | null;
  tookMs: number | null;
  error: string | null;
}

interface LockDoc {
  _id: string;
  runUuid: string;
  takenAt: Date;
}

const runSchema = new Schema<RunDoc>(
  {
    _id: { type: String, required: true },
    state: { type: String, required: true },
    step: { type: String, default: 'preparing' },
    acceptInvalid: { type: Boolean, default: false },
    switched: { type: Boolean, default: false },
    streams: { type: Schema.Types.Mixed, default: [] },
    startedAt: { type: Date, required: true },
    finishedAt: { type: Date, default: null },
    events: { type: Number, default: null },
    applied: { type: Number, default: null },
    skipped: { type: Number, default: null },
    caughtUp: { type: Number, default: null },
    tookMs: { type: Number, default: null },
    error: { type: String, default: null },
  },
  { collection: 'read_model_rebuilds', versionKey: false, minimize: false },
);

const lockSchema = new Schema<LockDoc>(
  { _id: { type: String, required: true }, runUuid: { type: String, required: true }, takenAt: { type: Date, required: true } },
  { collection: 'read_model_rebuild_lock', versionKey: false },
);

const LOCK = 'rebuild';
/** A lock older than this belongs to a rebuild whose process died; it may be taken over. */
const LOCK_STALE_MS = 2 * 60 * 60 * 1000;

/** The record of rebuilds, and the lock that lets only one run at a time across replicas. */
@Injectable()
export class RebuildRunsStore {
  private readonly runs: Model<RunDoc>;
  private readonly locks: Model<LockDoc>;

  constructor(mongo: MongoConnection) {
    this.runs = mongo.model<RunDoc>('ReadModelRebuildRun', runSchema);
    this.locks = mongo.model<LockDoc>('ReadModelRebuildLock', lockSchema);
  }

  /** Takes the lock for a new run (inserting the fixed `_id` is atomic); the running run's uuid when it is taken. */
  async claim(runUuid: string, now: Date): Promise<{ claimed: true } | { claimed: false; runningUuid: string }> {
    try {
      await this.locks.create({ _id: LOCK, runUuid, takenAt: now });
      return { claimed: true };
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      const held = await this.locks.findById(LOCK).lean<LockDoc>().exec();
      if (held && now.getTime() - held.takenAt.getTime() > LOCK_STALE_MS) {
        await this.locks.deleteOne({ _id: LOCK, runUuid: held.runUuid }).exec();
        return this.claim(runUuid, now);
      }
      return { claimed: false, runningUuid: held?.runUuid ?? runUuid };
    }
  }

  async release(runUuid: string): Promise<void> {
    await this.locks.deleteOne({ _id: LOCK, runUuid }).exec();
  }

  async started(runUuid: string, at: Date, acceptInvalid: boolean): Promise<void> {
    await this.runs.create({
      _id: runUuid,
      state: 'running',
      step: 'preparing',
      acceptInvalid,
      switched: false,
      streams: [],
      startedAt: at,
    });
  }

  /** The running run's step and per-stream counts (only while it is still running). */
  async progress(runUuid: string, progress: RebuildProgress): Promise<void> {
    await this.runs
      .updateOne(
        { _id: runUuid, state: 'running' },
        { $set: { step: progress.step, streams: progress.streams, ...(progress.step === 'catching-up' ? { switched: true } : {}) } },
      )
      .exec();
  }

  async finished(runUuid: string, at: Date, result: RebuildResult): Promise<void> {
    await this.runs
      .updateOne(
        { _id: runUuid },
        {
          $set: {
            state: result.outcome,
            step: 'finished',
            switched: result.switched,
            streams: result.streams,
            finishedAt: at,
            events: result.events,
            applied: result.applied,
            skipped: result.skipped,
            caughtUp: result.caughtUp,
            tookMs: result.tookMs,
            error: result.error,
          },
        },
      )
      .exec();
  }

  /** A run that broke off (an error, not a refusal): the live read models were switched only if `switched` says so. */
  async failed(runUuid: string, at: Date, error: string): Promise<void> {
    await this.runs.updateOne({ _id: runUuid }, { $set: { state: 'failed', step: 'finished', finishedAt: at, error } }).exec();
  }

  async get(runUuid: string): Promise<ReadModelRebuildRun | null> {
    const doc = await this.runs.findById(runUuid).lean<RunDoc>().exec();
    return doc ? toRun(doc) : null;
  }

  async latest(): Promise<ReadModelRebuildRun | null> {
    const [doc] = await this.runs.find().sort({ startedAt: -1 }).limit(1).lean<RunDoc[]>().exec();
    return doc ? toRun(doc) : null;
  }
}

function toRun(doc: RunDoc): ReadModelRebuildRun {
  return {
    uuid: doc._id,
    state: doc.state,
    step: doc.step ?? (doc.state === 'running' ? 'preparing' : 'finished'),
    acceptInvalid: doc.acceptInvalid ?? false,
    switched: doc.switched ?? doc.state === 'succeeded',
    streams: doc.streams ?? [],
    startedAt: doc.startedAt.toISOString(),
    finishedAt: doc.finishedAt ? doc.finishedAt.toISOString() : null,
    events: doc.events,
    applied: doc.applied ?? null,
    skipped: doc.skipped ?? null,
    caughtUp: doc.caughtUp,
    tookMs: doc.tookMs,
    error: doc.error,
  };
}
