import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '@kitos/common';
import { MongoConnection, isDuplicateKey } from '@kitos/persistence';
import type { DataQualityModule, DataQualityRule } from '@kitos/contracts';
import { Schema, type Model } from 'mongoose';
import { REGISTRATION_PRACTICE_V1, REGISTRATION_PRACTICE_V1_NAME } from './registration-practice.v1';

/** One version of the rule pack; versions are never changed, an edit inserts the next one. */
export interface RulePackDoc {
  /** The version number: the unique `_id` makes "insert version n+1" an atomic claim across replicas. */
  _id: number;
  basedOn: string;
  rules: DataQualityRule[];
  createdAt: Date;
  createdByUserUuid: string | null;
}

export interface SnapshotModule {
  module: DataQualityModule;
  score: number | null;
  objects: number;
  findings: number;
  nationalMedian: number | null;
}

/** An organisation's scores on one Danish calendar day. */
export interface ScoreSnapshotDoc {
  /** `${organizationUuid}:${day}`: at most one snapshot per organisation and day, whatever the number of replicas. */
  _id: string;
  organizationUuid: string;
  day: string;
  takenAt: Date;
  rulePackVersion: number;
  overall: number | null;
  nationalMedian: number | null;
  modules: SnapshotModule[];
}

const packSchema = new Schema<RulePackDoc>(
  {
    _id: { type: Number, required: true },
    basedOn: { type: String, required: true },
    rules: { type: Schema.Types.Mixed, required: true },
    createdAt: { type: Date, required: true },
    createdByUserUuid: { type: String, default: null },
  },
  { collection: 'dq_rule_packs', versionKey: false, minimize: false },
);

const snapshotSchema = new Schema<ScoreSnapshotDoc>(
  {
    _id: { type: String, required: true },
    organizationUuid: { type: String, required: true },
    day: { type: String, required: true },
    takenAt: { type: Date, required: true },
    rulePackVersion: { type: Number, required: true },
    overall: { type: Number, default: null },
    nationalMedian: { type: Number, default: null },
    modules: { type: Schema.Types.Mixed, required: true },
  },
  { collection: 'dq_score_snapshots', versionKey: false, minimize: false },
);
snapshotSchema.index({ organizationUuid: 1, day: 1 });

/** The timer's claim of a day: the first replica to insert `_id: day` takes the day's snapshots. */
const runSchema = new Schema<{ _id: string; startedAt: Date }>(
  { _id: { type: String, required: true }, startedAt: { type: Date, required: true } },
  { collection: 'dq_snapshot_runs', versionKey: false },
);

export const snapshotIdOf = (organizationUuid: string, day: string): string => `${organizationUuid}:${day}`;

/** The rule pack's versions and the score history (reporting's own data, not read models). */
@Injectable()
export class DataQualityStore {
  private readonly packs: Model<RulePackDoc>;
  private readonly snapshots: Model<ScoreSnapshotDoc>;
  private readonly runs: Model<{ _id: string; startedAt: Date }>;

  constructor(
    mongo: MongoConnection,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.packs = mongo.model<RulePackDoc>('DataQualityRulePack', packSchema);
    this.snapshots = mongo.model<ScoreSnapshotDoc>('DataQualityScoreSnapshot', snapshotSchema);
    this.runs = mongo.model<{ _id: string; startedAt: Date }>('DataQualitySnapshotRun', runSchema);
  }

  /** Stores the shipped pack as version 1 unless a pack exists (a second replica's insert collides harmlessly). */
  async ensureShippedPack(): Promise<void> {
    if (await this.packs.exists({})) return;
    await this.insertPack({
      _id: 1,
      basedOn: REGISTRATION_PRACTICE_V1_NAME,
      rules: structuredClone(REGISTRATION_PRACTICE_V1) as DataQualityRule[],
      createdAt: this.clock.now(),
      createdByUserUuid: null,
    });
  }

  async current(): Promise<RulePackDoc> {
    let found = await this.packs.findOne({}).sort({ _id: -1 }).lean<RulePackDoc>().exec();
    if (!found) {
      await this.ensureShippedPack();
      found = await this.packs.findOne({}).sort({ _id: -1 }).lean<RulePackDoc>().exec();
    }
    return found!;
  }

  async version(version: number): Promise<RulePackDoc | null> {
    return this.packs.findById(version).lean<RulePackDoc>().exec();
  }

  /** Inserts a version; false when that version exists already (someone else wrote it first). */
  async insertPack(doc: RulePackDoc): Promise<boolean> {
    try {
      await this.packs.create(doc);
      return true;
    } catch (error) {
      if (isDuplicateKey(error)) return false;
      throw error;
    }
  }

  /** Claims the timer's snapshot run of a day; false when this or another replica has taken it already. */
  async claimRun(day: string, at: Date): Promise<boolean> {
    try {
      await this.runs.create({ _id: day, startedAt: at });
      return true;
    } catch (error) {
      if (isDuplicateKey(error)) return false;
      throw error;
    }
  }

  /** Whether the snapshot of the day exists. */
  async hasSnapshot(organizationUuid: string, day: string): Promise<boolean> {
    return (await this.snapshots.exists({ _id: snapshotIdOf(organizationUuid, day) })) !== null;
  }

  /** Writes the day's snapshot only if it is missing (the timer). */
  async insertSnapshot(doc: ScoreSnapshotDoc): Promise<boolean> {
    try {
      await this.snapshots.create(doc);
      return true;
    } catch (error) {
      if (isDuplicateKey(error)) return false;
      throw error;
    }
  }

  /** Writes the day's snapshot, replacing an earlier one of the same day (on demand: the newest of a day wins). */
  async replaceSnapshot(doc: ScoreSnapshotDoc): Promise<void> {
    try {
      await this.snapshots.replaceOne({ _id: doc._id }, doc, { upsert: true }).exec();
    } catch (error) {
      // two upserts of the same new _id at once: one inserts, the other collides; replace again
      if (!isDuplicateKey(error)) throw error;
      await this.snapshots.replaceOne({ _id: doc._id }, doc).exec();
    }
  }

  async history(organizationUuid: string, from?: string, to?: string): Promise<ScoreSnapshotDoc[]> {
    const docs = await this.snapshots.find({ organizationUuid }).lean<ScoreSnapshotDoc[]>().exec();
    return docs
      .filter((d) => (!from || d.day >= from) && (!to || d.day <= to))
      .sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
  }
}
