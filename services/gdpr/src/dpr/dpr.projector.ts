import { Injectable } from '@nestjs/common';
import {
  CatalogUsageEvents,
  ContractEvents,
  type EventEnvelope,
  type ItContractCreatedV1,
  type ItContractDeletedV1,
  type ItContractUpdatedV1,
  type ItSystemUsageDeletedV1,
} from '@kitos/contracts';
import { OnEvent } from '@kitos/messaging';
import { ContractCopies } from './contract-copies';
import { DprService } from './dpr.service';

/**
 * What the registrations learn from other services' events: contracts (associations, main contract, validity), the
 * deletion of usages (a deleted usage leaves every registration). Identity's directory is kept by `@kitos/directory`.
 */
@Injectable()
export class DprProjector {
  constructor(
    private readonly contracts: ContractCopies,
    private readonly service: DprService,
  ) {}

  @OnEvent(ContractEvents.contractCreated)
  @OnEvent(ContractEvents.contractUpdated)
  async onContract(event: EventEnvelope<ItContractCreatedV1 | ItContractUpdatedV1>): Promise<void> {
    await this.contracts.applySnapshot(event.data.contract, event.aggregate.version);
    await this.service.contractChanged(event.data.contract.uuid, event.id);
  }

  @OnEvent(ContractEvents.contractDeleted)
  async onContractDeleted(event: EventEnvelope<ItContractDeletedV1>): Promise<void> {
    const d = event.data;
    await this.contracts.applyDeletion(d.uuid, d.organizationUuid, d.name, event.aggregate.version);
    await this.service.contractChanged(d.uuid, event.id);
  }

  @OnEvent(CatalogUsageEvents.itSystemUsageDeleted)
  async onUsageDeleted(event: EventEnvelope<ItSystemUsageDeletedV1>): Promise<void> {
    await this.service.removeUsage(event.data.uuid, event.id);
  }
}
