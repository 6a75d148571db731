import { Injectable } from '@nestjs/common';
import { MongoConnection } from '@kitos/persistence';
import { Schema, type Model } from 'mongoose';

export interface ScimCredential {
  readonly uuid: string;
  readonly organizationUuid: string;
  readonly description: string;
  /** SHA-256 of the secret (hex); the secret itself is never stored. */
  readonly secretHash: string;
  readonly createdAt: Date;
  readonly createdByUserUuid: string | null;
  readonly revokedAt: Date | null;
  readonly lastUsedAt: Date | null;
}

const credentialSchema = new Schema(
  {
    _id: { type: String, required: true },
    organizationUuid: { type: String, required: true },
    description: { type: String, default: '' },
    secretHash: { type: String, required: true },
    createdAt: { type: Date, required: true },
    createdByUserUuid: { type: String, default: null },
    revokedAt: { type: Date, default: null },
    lastUsedAt: { type: Date, default: null },
  },
  { collection: 'scim_credentials', versionKey: false },
);
credentialSchema.index({ secretHash: 1 }, { unique: true });
credentialSchema.index({ organizationUuid: 1, createdAt: 1 });

/** The SCIM bearer credentials of organisations, by the hash of their secret. */
@Injectable()
export class ScimCredentialsRepository {
  private readonly model: Model<Record<string, unknown>>;

  constructor(mongo: MongoConnection) {
    this.model = mongo.model<Record<string, unknown>>('ScimCredential', credentialSchema);
  }

  async insert(credential: ScimCredential): Promise<void> {
    const { uuid, ...rest } = credential;
    await this.model.create([{ _id: uuid, ...rest }]);
  }

  async findBySecretHash(secretHash: string): Promise<ScimCredential | null> {
    const document = await this.model.findOne({ secretHash }).lean<Record<string, unknown>>().exec();
    return document ? toCredential(document) : null;
  }

  async listByOrganization(organizationUuid: string): Promise<ScimCredential[]> {
    const documents = await this.model.find({ organizationUuid }).sort({ createdAt: 1, _id: 1 }).lean<Record<string, unknown>[]>().exec();
    return documents.map(toCredential);
  }

  /** Revokes the credential of the organisation; false when there is no such unrevoked credential. */
  async revoke(organizationUuid: string, uuid: string, at: Date): Promise<boolean> {
    const result = await this.model.updateOne({ _id: uuid, organizationUuid, revokedAt: null }, { $set: { revokedAt: at } }).exec();
    return result.matchedCount > 0;
  }

  async touch(uuid: string, at: Date): Promise<void> {
    await this.model.updateOne({ _id: uuid }, { $set: { lastUsedAt: at } }).exec();
  }
}

function toCredential({ _id, ...rest }: Record<string, unknown>): ScimCredential {
  return { uuid: _id as string, ...(rest as Omit<ScimCredential, 'uuid'>) };
}
