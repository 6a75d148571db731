import { Injectable } from '@nestjs/common';
import { MongoConnection, applyIfNewer } from '@kitos/persistence';
import { Schema, type Model } from 'mongoose';

/** What the contracts service keeps of an object it links to but does not own: whose it is and what it is called. */
export interface LinkedCopy {
  _id: string;
  organizationUuid: string;
  /** Usages: the system used; DPRs: null. */
  systemUuid: string | null;
  /** Usages: the system's name; DPRs: the registration's name. */
  name: string | null;
  /** Aggregate version of the owner's last event (or read-through) applied: older and repeated ones are ignored. */
  version: number;
  deleted: boolean;
}

const options = { versionKey: false, minimize: false, id: false } as const;

function copySchema(collection: string): Schema {
  const schema = new Schema(
    {
      _id: { type: String, required: true },
      organizationUuid: { type: String, required: true },
      systemUuid: { type: String, default: null },
      name: { type: String, default: null },
      version: { type: Number, required: true },
      deleted: { type: Boolean, required: true },
    },
    { ...options, collection },
  );
  schema.index({ systemUuid: 1 });
  return schema;
}

/**
 * Local copies of the catalogue's system usages and of gdpr's data processing registrations, fed by their events
 * (`usage_copies`, `dpr_copies`). A write applies only when newer; a deletion leaves a tombstone, so a late event
 * cannot bring a deleted object back.
 */
@Injectable()
export class LinkedCopiesRepository {
  readonly usages: Model<LinkedCopy>;
  readonly registrations: Model<LinkedCopy>;

  constructor(mongo: MongoConnection) {
    this.usages = mongo.model<LinkedCopy>('UsageCopy', copySchema('usage_copies'));
    this.registrations = mongo.model<LinkedCopy>('DataProcessingRegistrationCopy', copySchema('dpr_copies'));
  }

  /** Rows by uuid, tombstones included. */
  async find(model: Model<LinkedCopy>, uuids: readonly string[]): Promise<Map<string, LinkedCopy>> {
    const unique = [...new Set(uuids)];
    if (!unique.length) return new Map();
    const rows =
      unique.length === 1
        ? await model.find({ _id: unique[0] }).lean<LinkedCopy[]>().exec()
        : await model
            .find({ _id: { $in: unique } })
            .lean<LinkedCopy[]>()
            .exec();
    return new Map(rows.map((r) => [r._id, r]));
  }

  /** Uuids of the live usages of a system. */
  async usagesOfSystem(systemUuid: string): Promise<string[]> {
    const rows = await this.usages.find({ systemUuid, deleted: false }, { _id: 1 }).lean<Array<{ _id: string }>>().exec();
    return rows.map((r) => r._id);
  }

  async apply(model: Model<LinkedCopy>, uuid: string, version: number, state: Omit<LinkedCopy, '_id' | 'version'>): Promise<boolean> {
    return applyIfNewer(model, uuid, version, state);
  }

  /** A renamed system renames the copies of its usages. */
  async renameSystem(systemUuid: string, name: string): Promise<void> {
    await this.usages.updateMany({ systemUuid, deleted: false }, { $set: { name } }).exec();
  }
}
