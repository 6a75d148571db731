import { Injectable } from '@nestjs/common';
import { MongoConnection } from '@kitos/persistence';
import type { PublicJwk, SigningKey } from '@kitos/security';
import { Schema, type Model } from 'mongoose';

interface KeyDocument {
  _id: string;
  privateKeyPem: string;
  publicJwk: PublicJwk;
  createdAt: Date;
}

const keySchema = new Schema<KeyDocument>(
  {
    _id: { type: String, required: true },
    privateKeyPem: { type: String, required: true },
    publicJwk: { type: Schema.Types.Mixed, required: true },
    createdAt: { type: Date, required: true },
  },
  { collection: 'signing_keys', versionKey: false },
);
keySchema.index({ createdAt: -1 });

export interface StoredKey extends SigningKey {
  readonly createdAt: Date;
}

/** The token signing keys; only identity holds the private parts. */
@Injectable()
export class SigningKeysRepository {
  private readonly model: Model<KeyDocument>;

  constructor(mongo: MongoConnection) {
    this.model = mongo.model<KeyDocument>('SigningKey', keySchema);
  }

  async insert(key: SigningKey, createdAt: Date): Promise<void> {
    await this.model.create([{ _id: key.kid, privateKeyPem: key.privateKeyPem, publicJwk: key.publicJwk, createdAt }]);
  }

  /** Keys created at or after `since`, newest first. */
  async since(since: Date): Promise<StoredKey[]> {
    const documents = await this.model
      .find({ createdAt: { $gte: since } })
      .sort({ createdAt: -1 })
      .lean<KeyDocument[]>()
      .exec();
    return documents.map((d) => ({ kid: d._id, privateKeyPem: d.privateKeyPem, publicJwk: d.publicJwk, createdAt: d.createdAt }));
  }
}
