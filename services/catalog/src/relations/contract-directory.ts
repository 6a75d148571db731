import { Injectable } from '@nestjs/common';
import { DomainError } from '@kitos/common';
import type { ItContractSnapshot } from '@kitos/contracts';
import { MongoConnection, applyIfNewer } from '@kitos/persistence';
import type { Model } from 'mongoose';
import { ContractDirectory, type FieldRef, type KnownContract, type NamedRef } from '../shared/ports';
import { KNOWN_CONTRACT_MODEL, knownContractSchema } from './contract-directory.schema';

interface Row {
  _id: string;
  organizationUuid: string;
  name: string;
  systemUsageUuids?: string[];
  supplierUuid?: string | null;
  valid?: boolean | null;
  validFrom?: string | null;
  validTo?: string | null;
  enforcedValid?: boolean;
  version: number;
  deleted: boolean;
}

/** What a contract event tells the catalogue (a deletion keeps a tombstone so a late "updated" cannot bring it back). */
export type KnownContractState = Omit<KnownContract, 'uuid'> & { deleted: boolean };

/** The contracts the catalogue knows from the contracts service's events (ContractDirectory). */
@Injectable()
export class KnownContracts extends ContractDirectory {
  private readonly model: Model<Row>;

  constructor(mongo: MongoConnection) {
    super();
    this.model = mongo.model<Row>(KNOWN_CONTRACT_MODEL, knownContractSchema);
  }

  async requireContract(organizationUuid: string, ref: FieldRef): Promise<NamedRef> {
    const contract = await this.find(ref.uuid);
    if (!contract)
      throw DomainError.badInput('Unknown IT contract', [{ field: ref.field, message: `${ref.field} is not a known IT contract` }]);
    if (contract.organizationUuid !== organizationUuid)
      throw DomainError.badInput('The IT contract belongs to another organisation', [
        { field: ref.field, message: `${ref.field} must be a contract of the same organisation` },
      ]);
    return { uuid: contract.uuid, name: contract.name };
  }

  /** A live contract. */
  async find(uuid: string): Promise<KnownContract | null> {
    const row = await this.model.findOne({ _id: uuid }).lean<Row>().exec();
    return row && !row.deleted ? toContract(row) : null;
  }

  /** Live contracts by uuid. */
  async findMany(uuids: readonly string[]): Promise<Map<string, KnownContract>> {
    if (!uuids.length) return new Map();
    const rows = await this.model
      .find({ _id: { $in: [...new Set(uuids)] }, deleted: false })
      .lean<Row[]>()
      .exec();
    return new Map(rows.map((r) => [r._id, toContract(r)]));
  }

  /** Names of contracts by uuid, deleted ones included. */
  async names(uuids: readonly string[]): Promise<Map<string, string>> {
    if (!uuids.length) return new Map();
    const contracts = await this.model
      .find({ _id: { $in: [...new Set(uuids)] } })
      .lean<Row[]>()
      .exec();
    return new Map(contracts.map((c) => [c._id, c.name]));
  }

  /** The live contracts that cover any of the usages. */
  async covering(usageUuids: readonly string[]): Promise<KnownContract[]> {
    if (!usageUuids.length) return [];
    const rows = await this.model
      .find({ systemUsageUuids: { $in: [...new Set(usageUuids)] }, deleted: false })
      .lean<Row[]>()
      .exec();
    return rows.map(toContract);
  }

  applySnapshot(contract: ItContractSnapshot, version: number): Promise<boolean> {
    return this.apply(contract.uuid, version, {
      organizationUuid: contract.organizationUuid,
      name: contract.name,
      systemUsageUuids: [...(contract.systemUsageUuids ?? [])],
      supplierUuid: contract.supplierUuid ?? null,
      valid: contract.valid ?? null,
      validFrom: contract.validFrom ?? null,
      validTo: contract.validTo ?? null,
      enforcedValid: contract.enforcedValid ?? false,
      deleted: false,
    });
  }

  applyDeletion(uuid: string, version: number, organizationUuid: string, name: string): Promise<boolean> {
    return this.apply(uuid, version, { organizationUuid, name, deleted: true });
  }

  private apply(uuid: string, version: number, state: Partial<KnownContractState>): Promise<boolean> {
    return applyIfNewer(this.model, uuid, version, state);
  }
}

function toContract(row: Row): KnownContract {
  return {
    uuid: row._id,
    organizationUuid: row.organizationUuid,
    name: row.name,
    systemUsageUuids: [...(row.systemUsageUuids ?? [])],
    supplierUuid: row.supplierUuid ?? null,
    valid: row.valid ?? null,
    validFrom: row.validFrom ?? null,
    validTo: row.validTo ?? null,
    enforcedValid: row.enforcedValid ?? false,
  };
}
