import { Injectable } from '@nestjs/common';
import { MongoConnection, isDuplicateKey } from '@kitos/persistence';
import { Schema, type Model } from 'mongoose';
import type { ReadModelRebuildRun } from '@kitos/contracts';
import type { RebuildResult } from './read-model.rebuild';

interface RunDoc {
  _id: string;
  state: ReadModelRebuildRun['state'];
  startedAt: Date;
  finishedAt: Date | null;
  events: number | null;
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
    startedAt: { type: Date, required: true },
    finishedAt: { type: Date, default: null },
    events: { type: Number, default: null },
    caughtUp: { type: Number, default: null },
    tookMs: { type: Number, default: null },
    error: { type: String, default: null },
  },
  { collection: 'read_model_rebuilds', versionKey: false },
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

  async started(runUuid: string, at: Date): Promise<void> {
    await this.runs.create({ _id: runUuid, state: 'running', startedAt: at });
  }

  async finished(runUuid: string, at: Date, result: RebuildResult): Promise<void> {
    await this.runs
      .updateOne(
        { _id: runUuid },
        { $set: { state: 'succeeded', finishedAt: at, events: result.events, caughtUp: result.caughtUp, tookMs: result.tookMs } },
      )
      .exec();
  }

  async failed(runUuid: string, at: Date, error: string): Promise<void> {
    await this.runs.updateOne({ _id: runUuid }, { $set: { state: 'failed', finishedAt: at, error } }).exec();
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
    startedAt: doc.startedAt.toISOString(),
    finishedAt: doc.finishedAt ? doc.finishedAt.toISOString() : null,
    events: doc.events,
    caughtUp: doc.caughtUp,
    tookMs: doc.tookMs,
    error: doc.error,
  };
}
