import { Injectable } from '@nestjs/common';
import { MongoConnection, applyIfNewer } from '@kitos/persistence';
import { Schema, type Model } from 'mongoose';

/** What the gdpr service keeps of an IT contract: whose it is, which usages it covers, its supplier and validity. */
export interface ContractCopy {
  uuid: string;
  organizationUuid: string;
  name: string;
  supplierUuid: string | null;
  systemUsageUuids: string[];
  valid: boolean | null;
}

type Row = Omit<ContractCopy, 'uuid'> & { _id: string; version: number; deleted: boolean };

const schema = new Schema<Row>(
  {
    _id: { type: String, required: true },
    organizationUuid: { type: String, required: true },
    name: { type: String, required: true },
    supplierUuid: { type: String, default: null },
    systemUsageUuids: { type: [String], default: [] },
    valid: { type: Boolean, default: null },
    version: { type: Number, required: true },
    deleted: { type: Boolean, required: true },
  },
  { collection: 'contract_copies', versionKey: false, minimize: false },
);
schema.index({ organizationUuid: 1 });

/** The gdpr service's copy of the contracts service's IT contracts, kept from its events. */
@Injectable()
export class ContractCopiesRepository {
  private readonly model: Model<Row>;

  constructor(mongo: MongoConnection) {
    this.model = mongo.model<Row>('ContractCopy', schema);
  }

  async byOrganization(organizationUuid: string): Promise<ContractCopy[]> {
    const rows = await this.model.find({ organizationUuid, deleted: false }).lean<Row[]>().exec();
    return rows.map(({ _id, version: _v, deleted: _d, ...rest }) => ({
      uuid: _id,
      ...rest,
      systemUsageUuids: rest.systemUsageUuids ?? [],
    }));
  }

  apply(uuid: string, version: number, state: Omit<Row, '_id' | 'version'>): Promise<boolean> {
    return applyIfNewer(this.model, uuid, version, state);
  }
}
