import { Injectable } from '@nestjs/common';
import type { ItSystemUsageSnapshot } from '@kitos/contracts';
import { MongoConnection, applyIfNewer } from '@kitos/persistence';
import { Schema, type Model } from 'mongoose';

/** What the GDPR service needs to know of a usage it does not own: whose it is, of which system, under which names. */
export interface UsageCopy {
  uuid: string;
  organizationUuid: string;
  systemUuid: string;
  systemName: string | null;
  localCallName: string | null;
  version: number;
  deleted: boolean;
}

type Row = Omit<UsageCopy, 'uuid'> & { _id: string };

const usageCopySchema = new Schema<Row>(
  {
    _id: { type: String, required: true },
    organizationUuid: { type: String, required: true },
    systemUuid: { type: String, required: true },
    systemName: { type: String, default: null },
    localCallName: { type: String, default: null },
    version: { type: Number, required: true },
    deleted: { type: Boolean, required: true },
  },
  { collection: 'usage_copies', versionKey: false },
);
usageCopySchema.index({ systemUuid: 1 });
usageCopySchema.index({ organizationUuid: 1, deleted: 1 });

/**
 * The local copy of the catalogue's usages, kept from its events. A write applies only when the event is newer than
 * the copy, so a repeated or late event changes nothing; a deletion keeps a tombstone so a late "updated" cannot
 * bring the usage back.
 */
@Injectable()
export class UsageCopyRepository {
  private readonly model: Model<Row>;

  constructor(mongo: MongoConnection) {
    this.model = mongo.model<Row>('UsageCopy', usageCopySchema);
  }

  async find(uuid: string): Promise<UsageCopy | null> {
    const row = await this.model.findOne({ _id: uuid }).lean<Row>().exec();
    return row && !row.deleted ? toCopy(row) : null;
  }

  /** The live usages of an organisation, in a stable order (system name, then uuid). */
  async listByOrganization(organizationUuid: string): Promise<UsageCopy[]> {
    const rows = await this.model.find({ organizationUuid, deleted: false }).lean<Row[]>().exec();
    return rows.map(toCopy).sort((a, b) => (a.systemName ?? '').localeCompare(b.systemName ?? '', 'da') || a.uuid.localeCompare(b.uuid));
  }

  /** Several usages by uuid (live ones only). */
  async findMany(uuids: readonly string[]): Promise<Map<string, UsageCopy>> {
    if (!uuids.length) return new Map();
    const rows = await this.model
      .find({ _id: { $in: [...new Set(uuids)] } })
      .lean<Row[]>()
      .exec();
    return new Map(rows.filter((r) => !r.deleted).map((r) => [r._id, toCopy(r)]));
  }

  /** Whether the copy ever saw the usage (a tombstone counts: a deleted usage must not be read through again). */
  async known(uuid: string): Promise<boolean> {
    return (await this.model.countDocuments({ _id: uuid }).exec()) > 0;
  }

  async applySnapshot(usage: ItSystemUsageSnapshot, version: number): Promise<boolean> {
    return this.applyIfNewer(usage.uuid, version, {
      organizationUuid: usage.organizationUuid,
      systemUuid: usage.systemUuid,
      systemName: usage.systemName,
      localCallName: usage.localCallName,
      deleted: false,
    });
  }

  async applyDeletion(uuid: string, organizationUuid: string, systemUuid: string, version: number): Promise<boolean> {
    return this.applyIfNewer(uuid, version, { organizationUuid, systemUuid, systemName: null, localCallName: null, deleted: true });
  }

  /** A renamed system renames every copy of its usages. */
  async renameSystem(systemUuid: string, name: string): Promise<void> {
    await this.model.updateMany({ systemUuid, deleted: false }, { $set: { systemName: name } }).exec();
  }

  private async applyIfNewer(uuid: string, version: number, set: Omit<Row, '_id' | 'version'>): Promise<boolean> {
    return applyIfNewer(this.model, uuid, version, set);
  }
}

function toCopy(row: Row): UsageCopy {
  const { _id, ...rest } = row;
  return { uuid: _id, ...rest };
}
