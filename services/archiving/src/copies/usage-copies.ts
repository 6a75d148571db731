import { Injectable } from '@nestjs/common';
import { Rpc, type ItSystemUsageResponse } from '@kitos/contracts';
import { MongoConnection, applyIfNewer } from '@kitos/persistence';
import { Schema, type Model } from 'mongoose';
import { NatsRpcClient } from '@kitos/messaging';

/** What archiving knows of a catalogue usage: whose it is, of which system, under which names. */
export interface UsageCopy {
  uuid: string;
  organizationUuid: string;
  systemUuid: string;
  systemName: string | null;
  localCallName: string | null;
}

type Row = Omit<UsageCopy, 'uuid'> & { _id: string; version: number; deleted: boolean };

const schema = new Schema<Row>(
  {
    _id: { type: String, required: true },
    organizationUuid: { type: String, required: true },
    systemUuid: { type: String, required: true },
    systemName: { type: String, default: null },
    localCallName: { type: String, default: null },
    version: { type: Number, required: true },
    deleted: { type: Boolean, required: true },
  },
  { collection: 'usage_copies', versionKey: false, minimize: false },
);
schema.index({ organizationUuid: 1, deleted: 1 });
schema.index({ systemUuid: 1 });

/**
 * The local copy of the catalogue's usages, kept from its events (newer versions only; deletions leave tombstones).
 * A usage the copy has never seen is read through from the catalogue, so a profile can be written right after the
 * usage was created; a tombstone is never read through again.
 */
@Injectable()
export class UsageCopies {
  private readonly model: Model<Row>;

  constructor(
    mongo: MongoConnection,
    private readonly bus: NatsRpcClient,
  ) {
    this.model = mongo.model<Row>('UsageCopy', schema);
  }

  async find(uuid: string): Promise<UsageCopy | null> {
    const row = await this.model.findOne({ _id: uuid }).lean<Row>().exec();
    if (row) return row.deleted ? null : toCopy(row);
    const usage = await this.bus.systemFind<ItSystemUsageResponse>(Rpc.catalog.usages.get, { uuid });
    if (!usage) return null;
    const copy: UsageCopy = {
      uuid,
      organizationUuid: usage.organizationContext.uuid,
      systemUuid: usage.systemContext.uuid,
      systemName: usage.systemContext.name,
      localCallName: usage.general.localCallName,
    };
    await this.apply(copy, usage.version);
    return (await this.model.findOne({ _id: uuid }).lean<Row>().exec())?.deleted ? null : copy;
  }

  async ofOrganization(organizationUuid: string): Promise<UsageCopy[]> {
    const rows = await this.model.find({ organizationUuid, deleted: false }).lean<Row[]>().exec();
    return rows.map(toCopy);
  }

  async uuidsOfSystem(systemUuid: string): Promise<string[]> {
    const rows = await this.model.find({ systemUuid, deleted: false }, { _id: 1 }).lean<Array<{ _id: string }>>().exec();
    return rows.map((r) => r._id);
  }

  apply(copy: UsageCopy, version: number): Promise<boolean> {
    const { uuid, ...state } = copy;
    return applyIfNewer(this.model, uuid, version, { ...state, deleted: false });
  }

  applyDeletion(uuid: string, organizationUuid: string, systemUuid: string, version: number): Promise<boolean> {
    return applyIfNewer(this.model, uuid, version, { organizationUuid, systemUuid, systemName: null, localCallName: null, deleted: true });
  }

  async renameSystem(systemUuid: string, name: string): Promise<void> {
    await this.model.updateMany({ systemUuid, deleted: false }, { $set: { systemName: name } }).exec();
  }
}

function toCopy(row: Row): UsageCopy {
  return {
    uuid: row._id,
    organizationUuid: row.organizationUuid,
    systemUuid: row.systemUuid,
    systemName: row.systemName ?? null,
    localCallName: row.localCallName ?? null,
  };
}
