import { Injectable } from '@nestjs/common';
import { MongoConnection, isDuplicateKey } from '@kitos/persistence';
import { Schema, type Model } from 'mongoose';

interface AssertionDocument {
  _id: string;
  expiresAt: Date;
}

const assertionSchema = new Schema<AssertionDocument>(
  {
    _id: { type: String, required: true },
    expiresAt: { type: Date, required: true },
  },
  { collection: 'saml_assertions', versionKey: false },
);
assertionSchema.index({ expiresAt: 1 });

/**
 * IDs of the assertions already used, until they expire: the unique `_id` makes a second use fail even when two
 * replicas receive the same response at the same moment.
 */
@Injectable()
export class SamlAssertionsRepository {
  private readonly model: Model<AssertionDocument>;

  constructor(mongo: MongoConnection) {
    this.model = mongo.model<AssertionDocument>('SamlAssertion', assertionSchema);
  }

  /** Records the first use of an assertion; `false` when it was used before (a replay). */
  async recordFirstUse(idp: string, assertionId: string, expiresAt: Date, now: Date): Promise<boolean> {
    await this.model.deleteMany({ expiresAt: { $lt: now } }).exec();
    try {
      await this.model.create([{ _id: `${idp}:${assertionId}`, expiresAt }]);
      return true;
    } catch (error) {
      if (isDuplicateKey(error)) return false;
      throw error;
    }
  }
}
