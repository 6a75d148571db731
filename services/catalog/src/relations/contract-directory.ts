import { Injectable } from '@nestjs/common';
import { DomainError } from '@kitos/common';
import { MongoConnection, applyIfNewer } from '@kitos/persistence';
import type { Model } from 'mongoose';
import { ContractDirectory, type FieldRef, type NamedRef } from '../shared/ports';
import { KNOWN_CONTRACT_MODEL, knownContractSchema } from './contract-directory.schema';

interface KnownContract {
  _id: string;
  organizationUuid: string;
  name: string;
  version: number;
  deleted: boolean;
}

/** The contracts the catalogue knows from the contracts service's events (ContractDirectory). */
@Injectable()
export class KnownContracts extends ContractDirectory {
  private readonly model: Model<KnownContract>;

  constructor(mongo: MongoConnection) {
    super();
    this.model = mongo.model<KnownContract>(KNOWN_CONTRACT_MODEL, knownContractSchema);
  }

  async requireContract(organizationUuid: string, ref: FieldRef): Promise<NamedRef> {
    const contract = await this.model.findOne({ _id: ref.uuid }).lean<KnownContract>().exec();
    if (!contract || contract.deleted)
      throw DomainError.badInput('Unknown IT contract', [{ field: ref.field, message: `${ref.field} is not a known IT contract` }]);
    if (contract.organizationUuid !== organizationUuid)
      throw DomainError.badInput('The IT contract belongs to another organisation', [
        { field: ref.field, message: `${ref.field} must be a contract of the same organisation` },
      ]);
    return { uuid: contract._id, name: contract.name };
  }

  /** Names of contracts by uuid, deleted ones included. */
  async names(uuids: readonly string[]): Promise<Map<string, string>> {
    if (!uuids.length) return new Map();
    const contracts = await this.model
      .find({ _id: { $in: [...new Set(uuids)] } })
      .lean<KnownContract[]>()
      .exec();
    return new Map(contracts.map((c) => [c._id, c.name]));
  }

  apply(uuid: string, version: number, state: { organizationUuid: string; name: string; deleted: boolean }): Promise<boolean> {
    return applyIfNewer(this.model, uuid, version, state);
  }
}
