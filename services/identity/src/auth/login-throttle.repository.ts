import { Injectable } from '@nestjs/common';
import { MongoConnection } from '@kitos/persistence';
import { Schema, type Model } from 'mongoose';
import type { FailureCount } from './login-throttle';

interface ThrottleDocument {
  _id: string;
  failures: number;
  lastFailureAt: Date;
  /** Attempts refused (429) since the last failure; the first one of a series is audited. */
  refused: number;
}

const throttleSchema = new Schema<ThrottleDocument>(
  {
    _id: { type: String, required: true },
    failures: { type: Number, required: true },
    lastFailureAt: { type: Date, required: true },
    refused: { type: Number, default: 0 },
  },
  { collection: 'login_throttles', versionKey: false },
);
throttleSchema.index({ lastFailureAt: 1 });

/**
 * Failed sign-in counters in identity's database, shared by every identity replica. Single-document updates only;
 * on a store that does not make `$inc` atomic under a race (FerretDB), a concurrent failure may go uncounted, which
 * makes the throttle at most one step more lenient.
 */
@Injectable()
export class LoginThrottleRepository {
  private readonly model: Model<ThrottleDocument>;

  constructor(mongo: MongoConnection) {
    this.model = mongo.model<ThrottleDocument>('LoginThrottle', throttleSchema);
  }

  async counts(keys: readonly string[]): Promise<Map<string, FailureCount & { refused: number }>> {
    const documents = await this.model
      .find({ _id: { $in: [...keys] } })
      .lean<ThrottleDocument[]>()
      .exec();
    return new Map(documents.map((d) => [d._id, { failures: d.failures, lastFailureAt: d.lastFailureAt, refused: d.refused ?? 0 }]));
  }

  /** One more failure under each key; a key whose last failure is older than `forgetBefore` starts again at 1. */
  async recordFailure(keys: readonly string[], now: Date, forgetBefore: Date): Promise<void> {
    for (const key of keys) {
      const counted = await this.model
        .updateOne({ _id: key, lastFailureAt: { $gte: forgetBefore } }, { $inc: { failures: 1 }, $set: { lastFailureAt: now, refused: 0 } })
        .exec();
      if (counted.matchedCount === 0) {
        await this.model.updateOne({ _id: key }, { $set: { failures: 1, lastFailureAt: now, refused: 0 } }, { upsert: true }).exec();
      }
    }
  }

  /** Counts a refused attempt; true for the first refusal since the key's last failure. */
  async recordRefused(key: string): Promise<boolean> {
    const before = await this.model
      .findOneAndUpdate({ _id: key }, { $inc: { refused: 1 } }, { returnDocument: 'before' })
      .lean<ThrottleDocument>()
      .exec();
    return (before?.refused ?? 0) === 0;
  }

  async clear(keys: readonly string[]): Promise<void> {
    await this.model.deleteMany({ _id: { $in: [...keys] } }).exec();
  }

  /** Drops counters nobody has failed under since `before` (they no longer count anyway). */
  async forget(before: Date): Promise<void> {
    await this.model.deleteMany({ lastFailureAt: { $lt: before } }).exec();
  }
}
