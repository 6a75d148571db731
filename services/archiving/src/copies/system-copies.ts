import { Injectable } from '@nestjs/common';
import { Rpc, type ArchiveDutyRecommendation, type ItSystemResponse } from '@kitos/contracts';
import { MongoConnection, applyIfNewer } from '@kitos/persistence';
import { Schema, type Model } from 'mongoose';
import { NatsRpcClient } from '@kitos/messaging';

/** What archiving knows of a catalogue system: its name and Rigsarkivet's recommended archive duty. */
export interface SystemCopy {
  uuid: string;
  name: string;
  recommendedArchiveDuty: ArchiveDutyRecommendation | null;
  recommendedArchiveDutyComment: string | null;
}

type Row = Omit<SystemCopy, 'uuid'> & { _id: string; version: number; deleted: boolean };

const schema = new Schema<Row>(
  {
    _id: { type: String, required: true },
    name: { type: String, required: true },
    recommendedArchiveDuty: { type: String, default: null },
    recommendedArchiveDutyComment: { type: String, default: null },
    version: { type: Number, required: true },
    deleted: { type: Boolean, required: true },
  },
  { collection: 'system_copies', versionKey: false, minimize: false },
);

/** The local copy of the catalogue's IT systems (from `catalog.it-system.*` events), read through on a miss. */
@Injectable()
export class SystemCopies {
  private readonly model: Model<Row>;

  constructor(
    mongo: MongoConnection,
    private readonly bus: NatsRpcClient,
  ) {
    this.model = mongo.model<Row>('SystemCopy', schema);
  }

  async find(uuid: string): Promise<SystemCopy | null> {
    const row = await this.model.findOne({ _id: uuid }).lean<Row>().exec();
    if (row) return row.deleted ? null : toCopy(row);
    const system = await this.bus.systemFind<ItSystemResponse>(Rpc.catalog.getItSystem, { uuid });
    if (!system) return null;
    const copy: SystemCopy = {
      uuid,
      name: system.name,
      recommendedArchiveDuty: system.recommendedArchiveDuty?.id ?? null,
      recommendedArchiveDutyComment: system.recommendedArchiveDuty?.comment ?? null,
    };
    await this.apply(copy, system.version);
    return copy;
  }

  /** Known systems by uuid, without reading through (for lists). */
  async known(uuids: readonly string[]): Promise<Map<string, SystemCopy>> {
    if (!uuids.length) return new Map();
    const rows = await this.model
      .find({ _id: { $in: [...new Set(uuids)] } })
      .lean<Row[]>()
      .exec();
    return new Map(rows.filter((r) => !r.deleted).map((r) => [r._id, toCopy(r)]));
  }

  apply(copy: SystemCopy, version: number): Promise<boolean> {
    const { uuid, ...state } = copy;
    return applyIfNewer(this.model, uuid, version, { ...state, deleted: false });
  }

  applyDeletion(uuid: string, name: string, version: number): Promise<boolean> {
    return applyIfNewer(this.model, uuid, version, {
      name,
      recommendedArchiveDuty: null,
      recommendedArchiveDutyComment: null,
      deleted: true,
    });
  }
}

function toCopy(row: Row): SystemCopy {
  return {
    uuid: row._id,
    name: row.name,
    recommendedArchiveDuty: row.recommendedArchiveDuty ?? null,
    recommendedArchiveDutyComment: row.recommendedArchiveDutyComment ?? null,
  };
}
