import { Injectable } from '@nestjs/common';
import type { ArchiveFinding } from '@kitos/contracts';
import { MongoConnection, applyIfNewer } from '@kitos/persistence';
import { Schema, type Model } from 'mongoose';

type Row = { _id: string; organizationUuid: string; findings: ArchiveFinding[]; version: number; deleted: boolean };

const schema = new Schema<Row>(
  {
    _id: { type: String, required: true },
    organizationUuid: { type: String, required: true },
    findings: { type: [String], default: [] },
    version: { type: Number, required: true },
    deleted: { type: Boolean, required: true },
  },
  { collection: 'archive_flags', versionKey: false, minimize: false },
);
schema.index({ organizationUuid: 1 });

/** The archiving service's findings per usage (from its events), for the archive-before-deletion flag on the dashboard. */
@Injectable()
export class ArchiveFlagsRepository {
  private readonly model: Model<Row>;

  constructor(mongo: MongoConnection) {
    this.model = mongo.model<Row>('ArchiveFlag', schema);
  }

  /** Usage uuid → findings, for the live usages of an organisation. */
  async byOrganization(organizationUuid: string): Promise<Map<string, ArchiveFinding[]>> {
    const rows = await this.model.find({ organizationUuid, deleted: false }).lean<Row[]>().exec();
    return new Map(rows.map((r) => [r._id, r.findings ?? []]));
  }

  apply(
    usageUuid: string,
    version: number,
    state: { organizationUuid: string; findings: ArchiveFinding[]; deleted: boolean },
  ): Promise<boolean> {
    return applyIfNewer(this.model, usageUuid, version, state);
  }
}
