import { isDuplicateKey } from '@kitos/persistence';
import type { Model } from 'mongoose';

/** Upsert guarded by the source aggregate's version: an older or repeated event matches nothing and its insert collides. */
export async function applyIfNewer<T>(model: Model<T>, uuid: string, version: number, set: Record<string, unknown>): Promise<boolean> {
  try {
    const result = await model.updateOne({ _id: uuid, version: { $lt: version } }, { $set: { ...set, version } }, { upsert: true }).exec();
    return result.modifiedCount + result.upsertedCount > 0;
  } catch (error) {
    if (isDuplicateKey(error)) return false;
    throw error;
  }
}
