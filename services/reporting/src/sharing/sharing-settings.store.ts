import { Injectable } from '@nestjs/common';
import { MongoConnection, isDuplicateKey, versionFilter } from '@kitos/persistence';
import { Schema, type Model } from 'mongoose';

export interface SharingSettingsDoc {
  /** The organisation. */
  _id: string;
  shareContractEconomy: boolean;
  changedAt: Date;
  changedByUserUuid: string | null;
  /** Incremented by every write (the ETag); absent on settings written before it: version 0. */
  version?: number;
}

const schema = new Schema<SharingSettingsDoc>(
  {
    _id: { type: String, required: true },
    shareContractEconomy: { type: Boolean, required: true },
    changedAt: { type: Date, required: true },
    changedByUserUuid: { type: String, default: null },
    version: { type: Number },
  },
  { collection: 'sharing_settings', versionKey: false },
);

/** Each organisation's sharing settings (reporting owns them); without a document the defaults apply: everything shared. */
@Injectable()
export class SharingSettingsStore {
  private readonly model: Model<SharingSettingsDoc>;

  constructor(mongo: MongoConnection) {
    this.model = mongo.model<SharingSettingsDoc>('SharingSettings', schema);
  }

  async get(organizationUuid: string): Promise<SharingSettingsDoc | null> {
    return this.model.findById(organizationUuid).lean<SharingSettingsDoc>().exec();
  }

  async sharesContractEconomy(organizationUuid: string): Promise<boolean> {
    return (await this.get(organizationUuid))?.shareContractEconomy ?? true;
  }

  async organizationsNotSharingEconomy(): Promise<ReadonlySet<string>> {
    const docs = await this.model.find({ shareContractEconomy: false }, { _id: 1 }).lean<Pick<SharingSettingsDoc, '_id'>[]>().exec();
    return new Set(docs.map((d) => d._id));
  }

  /**
   * Writes the settings, with `expectedVersion` (If-Match) only if they are still at that version (one conditional
   * update); null when they are not.
   */
  async set(
    organizationUuid: string,
    shareContractEconomy: boolean,
    byUserUuid: string | null,
    at: Date,
    expectedVersion?: number,
  ): Promise<SharingSettingsDoc | null> {
    const filter = { _id: organizationUuid, ...(expectedVersion === undefined ? {} : versionFilter(expectedVersion)) };
    try {
      return await this.model
        .findOneAndUpdate(
          filter,
          { $set: { shareContractEconomy, changedAt: at, changedByUserUuid: byUserUuid }, $inc: { version: 1 } },
          { upsert: !expectedVersion, returnDocument: 'after' },
        )
        .lean<SharingSettingsDoc>()
        .exec();
    } catch (error) {
      if (isDuplicateKey(error)) return null; // expected no settings yet, but someone wrote them first
      throw error;
    }
  }
}
