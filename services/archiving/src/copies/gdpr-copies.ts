import { Injectable } from '@nestjs/common';
import { MongoConnection, applyIfNewer } from '@kitos/persistence';
import { Schema, type Model } from 'mongoose';

/** What archiving needs of a usage's GDPR profile (gdpr service): when its data is due for deletion. */
export interface GdprCopy {
  usageUuid: string;
  organizationUuid: string;
  deletionDueDate: string | null;
}

type Row = { _id: string; organizationUuid: string; deletionDueDate: string | null; version: number; deleted: boolean };

const schema = new Schema<Row>(
  {
    _id: { type: String, required: true },
    organizationUuid: { type: String, required: true },
    deletionDueDate: { type: String, default: null },
    version: { type: Number, required: true },
    deleted: { type: Boolean, required: true },
  },
  { collection: 'gdpr_copies', versionKey: false, minimize: false },
);

/**
 * The local copy of gdpr's usage profiles, kept from `gdpr.usage-gdpr.*` events only (no read-through: a usage whose
 * GDPR profile archiving has not heard of has no deletion due, and the guard re-runs when the event arrives).
 */
@Injectable()
export class GdprCopies {
  private readonly model: Model<Row>;

  constructor(mongo: MongoConnection) {
    this.model = mongo.model<Row>('GdprCopy', schema);
  }

  async deletionDueDate(usageUuid: string): Promise<string | null> {
    const row = await this.model.findOne({ _id: usageUuid }).lean<Row>().exec();
    return row && !row.deleted ? (row.deletionDueDate ?? null) : null;
  }

  async deletionDueDates(usageUuids: readonly string[]): Promise<Map<string, string>> {
    if (!usageUuids.length) return new Map();
    const rows = await this.model
      .find({ _id: { $in: [...new Set(usageUuids)] } })
      .lean<Row[]>()
      .exec();
    return new Map(rows.filter((r) => !r.deleted && r.deletionDueDate).map((r) => [r._id, r.deletionDueDate as string]));
  }

  apply(copy: GdprCopy, version: number): Promise<boolean> {
    return applyIfNewer(this.model, copy.usageUuid, version, {
      organizationUuid: copy.organizationUuid,
      deletionDueDate: copy.deletionDueDate,
      deleted: false,
    });
  }

  applyDeletion(usageUuid: string, organizationUuid: string, version: number): Promise<boolean> {
    return applyIfNewer(this.model, usageUuid, version, { organizationUuid, deletionDueDate: null, deleted: true });
  }
}
