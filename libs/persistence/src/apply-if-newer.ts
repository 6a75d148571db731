import type { Model } from 'mongoose';
import { isDuplicateKey } from './stale-version.error';

/**
 * Upsert of a local copy guarded by the producer's aggregate version: an older or repeated event matches nothing and
 * its insert collides on `_id`. True when the copy changed.
 */
export async function applyIfNewer<T>(model: Model<T>, uuid: string, version: number, set: object): Promise<boolean> {
  try {
    const result = await model
      .updateOne({ _id: uuid, version: { $lt: version } } as never, { $set: { ...set, version } } as never, { upsert: true })
      .exec();
    return result.modifiedCount + result.upsertedCount > 0;
  } catch (error) {
    if (isDuplicateKey(error)) return false;
    throw error;
  }
}
