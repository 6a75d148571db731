import { Injectable } from '@nestjs/common';
import { MongoConnection, applyIfNewer } from '@kitos/persistence';
import { Schema, type Model } from 'mongoose';

/** What the record, the report and the dashboard need of a data processing registration (from the gdpr stream). */
export interface DprCopy {
  uuid: string;
  organizationUuid: string;
  name: string;
  systemUsageUuids: string[];
  agreementConcluded: string | null;
  agreementConcludedDate: string | null;
  /** Processors and sub-processors: uuid and name. */
  dataProcessors: Array<{ uuid: string; name: string }>;
  subDataProcessors: Array<{ uuid: string; name: string; country: string | null }>;
  /** Every organisation acting as (sub-)processor, for the Art. 30(2) view: a plain list (FerretDB-friendly filter). */
  processorUuids: string[];
  transferToInsecureThirdCountries: string | null;
  insecureThirdCountries: string[];
  basisForTransfer: string | null;
  nextOversightDate: string | null;
}

type Row = Omit<DprCopy, 'uuid'> & { _id: string; version: number; deleted: boolean };

const schema = new Schema(
  {
    _id: { type: String, required: true },
    organizationUuid: { type: String, required: true },
    name: { type: String, required: true },
    systemUsageUuids: { type: [String], default: [] },
    agreementConcluded: { type: String, default: null },
    agreementConcludedDate: { type: String, default: null },
    dataProcessors: { type: [Schema.Types.Mixed], default: [] },
    subDataProcessors: { type: [Schema.Types.Mixed], default: [] },
    processorUuids: { type: [String], default: [] },
    transferToInsecureThirdCountries: { type: String, default: null },
    insecureThirdCountries: { type: [String], default: [] },
    basisForTransfer: { type: String, default: null },
    nextOversightDate: { type: String, default: null },
    version: { type: Number, required: true },
    deleted: { type: Boolean, required: true },
  },
  { collection: 'dpr_copies', versionKey: false, minimize: false },
);
schema.index({ organizationUuid: 1 });

/**
 * The records' view of the data processing registrations, kept from the registrations' own events (the same service
 * publishes them): the record depends on the published contract, not on the registrations' storage.
 */
@Injectable()
export class DprCopiesRepository {
  private readonly model: Model<Row>;

  constructor(mongo: MongoConnection) {
    this.model = mongo.model<Row>('DprCopy', schema as unknown as Schema<Row>);
  }

  async byOrganization(organizationUuid: string): Promise<DprCopy[]> {
    return (await this.model.find({ organizationUuid, deleted: false }).lean<Row[]>().exec()).map(toCopy);
  }

  /** Registrations of other organisations naming this one as processor or sub-processor (Art. 30(2)). */
  async whereProcessor(organizationUuid: string): Promise<DprCopy[]> {
    const rows = await this.model.find({ processorUuids: organizationUuid, deleted: false }).lean<Row[]>().exec();
    return rows.map(toCopy).sort((a, b) => a.name.localeCompare(b.name, 'da') || a.uuid.localeCompare(b.uuid));
  }

  apply(uuid: string, version: number, state: Omit<Row, '_id' | 'version'>): Promise<boolean> {
    return applyIfNewer(this.model, uuid, version, state);
  }
}

function toCopy(row: Row): DprCopy {
  const { _id, version: _v, deleted: _d, ...rest } = row;
  return {
    uuid: _id,
    ...rest,
    systemUsageUuids: rest.systemUsageUuids ?? [],
    dataProcessors: rest.dataProcessors ?? [],
    subDataProcessors: rest.subDataProcessors ?? [],
    processorUuids: rest.processorUuids ?? [],
    insecureThirdCountries: rest.insecureThirdCountries ?? [],
  };
}
