import { Injectable } from '@nestjs/common';
import { MongoConnection } from '@kitos/persistence';
import { Schema, type Model } from 'mongoose';

interface RequestDocument {
  _id: string;
  idp: string;
  returnTo: string | null;
  expiresAt: Date;
}

const requestSchema = new Schema<RequestDocument>(
  {
    _id: { type: String, required: true },
    idp: { type: String, required: true },
    returnTo: { type: String, default: null },
    expiresAt: { type: Date, required: true },
  },
  { collection: 'saml_requests', versionKey: false },
);
requestSchema.index({ expiresAt: 1 });

export interface IssuedRequest {
  readonly id: string;
  readonly idp: string;
  readonly returnTo: string | null;
  readonly expiresAt: Date;
}

/**
 * The AuthnRequests this system issued and that have not been answered yet, in identity's database: every gateway
 * and identity replica sees the same ones. A response must answer one of them (InResponseTo), and only once.
 */
@Injectable()
export class SamlRequestsRepository {
  private readonly model: Model<RequestDocument>;

  constructor(mongo: MongoConnection) {
    this.model = mongo.model<RequestDocument>('SamlRequest', requestSchema);
  }

  /** Stores a new request and drops expired ones (no TTL indexes on FerretDB). */
  async save(request: IssuedRequest, now: Date): Promise<void> {
    await this.model.deleteMany({ expiresAt: { $lt: now } }).exec();
    await this.model.create([{ _id: request.id, idp: request.idp, returnTo: request.returnTo, expiresAt: request.expiresAt }]);
  }

  /** Takes the request away (it can be answered once) and returns it, or `null` when it is unknown or was answered. */
  async consume(id: string, idp: string): Promise<IssuedRequest | null> {
    const document = await this.model.findOneAndDelete({ _id: id, idp }).lean<RequestDocument>().exec();
    return document ? { id: document._id, idp: document.idp, returnTo: document.returnTo, expiresAt: document.expiresAt } : null;
  }
}
