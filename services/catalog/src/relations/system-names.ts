import { Injectable } from '@nestjs/common';
import { MongoConnection, applyIfNewer } from '@kitos/persistence';
import { Schema, type Model } from 'mongoose';

interface SystemName {
  _id: string;
  name: string;
  version: number;
  deleted: boolean;
}

const systemNameSchema = new Schema(
  {
    _id: { type: String, required: true },
    name: { type: String, required: true },
    version: { type: Number, required: true },
    deleted: { type: Boolean, required: true },
  },
  { collection: 'relation_system_names', versionKey: false, minimize: false, id: false },
);

/**
 * Names of IT systems, kept from the catalogue's own it-system events: a usage is shown by the name of the system it
 * uses, and the ports give relations a usage's system but not its name.
 */
@Injectable()
export class SystemNames {
  private readonly model: Model<SystemName>;

  constructor(mongo: MongoConnection) {
    this.model = mongo.model<SystemName>('RelationSystemName', systemNameSchema);
  }

  async of(systemUuids: readonly string[]): Promise<Map<string, string>> {
    if (!systemUuids.length) return new Map();
    const rows = await this.model
      .find({ _id: { $in: [...new Set(systemUuids)] } })
      .lean<SystemName[]>()
      .exec();
    return new Map(rows.map((r) => [r._id, r.name]));
  }

  apply(uuid: string, version: number, name: string, deleted: boolean): Promise<boolean> {
    return applyIfNewer(this.model, uuid, version, { name, deleted });
  }
}
