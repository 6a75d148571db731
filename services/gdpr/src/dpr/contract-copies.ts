import { Injectable } from '@nestjs/common';
import type { ItContractSnapshot } from '@kitos/contracts';
import { MongoConnection, applyIfNewer } from '@kitos/persistence';
import { Schema, type Model } from 'mongoose';

/** What the gdpr service knows of a contract from the contracts service's events. */
export interface ContractCopy {
  uuid: string;
  organizationUuid: string;
  name: string;
  /** The registrations the contract names: these are its associated registrations. */
  dataProcessingRegistrationUuids: string[];
  valid: boolean | null;
  validFrom: string | null;
  validTo: string | null;
  enforcedValid: boolean;
  version: number;
  deleted: boolean;
}

type Row = Omit<ContractCopy, 'uuid'> & { _id: string };

const contractCopySchema = new Schema<Row>(
  {
    _id: { type: String, required: true },
    organizationUuid: { type: String, required: true },
    name: { type: String, required: true },
    dataProcessingRegistrationUuids: { type: [String], default: [] },
    valid: { type: Boolean, default: null },
    validFrom: { type: String, default: null },
    validTo: { type: String, default: null },
    enforcedValid: { type: Boolean, default: false },
    version: { type: Number, required: true },
    deleted: { type: Boolean, required: true },
  },
  { collection: 'dpr_contract_copies', versionKey: false, minimize: false },
);
contractCopySchema.index({ dataProcessingRegistrationUuids: 1 });

/**
 * The local copy of the contracts service's IT contracts, kept from its events (ContractEvents). A write applies only
 * when the event is newer than the copy; a deletion keeps a tombstone so a late "updated" cannot bring it back.
 */
@Injectable()
export class ContractCopies {
  private readonly model: Model<Row>;

  constructor(mongo: MongoConnection) {
    this.model = mongo.model<Row>('DprContractCopy', contractCopySchema);
  }

  async find(uuid: string): Promise<ContractCopy | null> {
    const row = await this.model.findOne({ _id: uuid }).lean<Row>().exec();
    return row && !row.deleted ? toCopy(row) : null;
  }

  /** The live contracts that name the registration (its associated contracts), by name. */
  async associatedWith(registrationUuid: string): Promise<ContractCopy[]> {
    const rows = await this.model.find({ dataProcessingRegistrationUuids: registrationUuid, deleted: false }).lean<Row[]>().exec();
    return rows.map(toCopy).sort((a, b) => a.name.localeCompare(b.name, 'da') || a.uuid.localeCompare(b.uuid));
  }

  async findMany(uuids: readonly string[]): Promise<Map<string, ContractCopy>> {
    const rows = await Promise.all([...new Set(uuids)].map((uuid) => this.find(uuid)));
    return new Map(rows.filter((r): r is ContractCopy => r !== null).map((r) => [r.uuid, r]));
  }

  applySnapshot(contract: ItContractSnapshot, version: number): Promise<boolean> {
    return this.applyIfNewer(contract.uuid, version, {
      organizationUuid: contract.organizationUuid,
      name: contract.name,
      dataProcessingRegistrationUuids: [...(contract.dataProcessingRegistrationUuids ?? [])],
      valid: contract.valid ?? null,
      validFrom: contract.validFrom ?? null,
      validTo: contract.validTo ?? null,
      enforcedValid: contract.enforcedValid ?? false,
      deleted: false,
    });
  }

  applyDeletion(uuid: string, organizationUuid: string, name: string, version: number): Promise<boolean> {
    return this.applyIfNewer(uuid, version, {
      organizationUuid,
      name,
      dataProcessingRegistrationUuids: [],
      valid: false,
      validFrom: null,
      validTo: null,
      enforcedValid: false,
      deleted: true,
    });
  }

  private async applyIfNewer(uuid: string, version: number, set: Omit<Row, '_id' | 'version'>): Promise<boolean> {
    return applyIfNewer(this.model, uuid, version, set);
  }
}

function toCopy(row: Row): ContractCopy {
  const { _id, ...rest } = row;
  return { uuid: _id, ...rest };
}
