import { Injectable } from '@nestjs/common';
import { MongoConnection } from '@kitos/persistence';
import { Schema, type Model } from 'mongoose';

export interface SharingSettingsDoc {
  /** The organisation. */
  _id: string;
  shareContractEconomy: boolean;
  changedAt: Date;
  changedByUserUuid: string | null;
}

const schema = new Schema<SharingSettingsDoc>(
  {
    _id: { type: String, required: true },
    shareContractEconomy: { type: Boolean, required: true },
    changedAt: { type: Date, required: true },
    changedByUserUuid: { type: String, default: null },
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

  async set(organizationUuid: string, shareContractEconomy: boolean, byUserUuid: string | null, at: Date): Promise<SharingSettingsDoc> {
    const doc: SharingSettingsDoc = { _id: organizationUuid, shareContractEconomy, changedAt: at, changedByUserUuid: byUserUuid };
    await this.model.replaceOne({ _id: organizationUuid }, doc, { upsert: true }).exec();
    return doc;
  }
}
