import { Injectable } from '@nestjs/common';
import { systemCaller } from '@kitos/common';
import {
  CatalogEvents,
  CatalogInterfaceEvents,
  CatalogUsageEvents,
  ContractEvents,
  type EventEnvelope,
  type ItContractCreatedV1,
  type ItContractDeletedV1,
  type ItContractUpdatedV1,
  type ItSystemCreatedV1,
  type ItSystemDeletedV1,
  type ItSystemUpdatedV1,
} from '@kitos/contracts';
import { OnEvent } from '@kitos/messaging';
import { UsageMainContracts } from '../shared/ports';
import { KnownContracts } from './contract-directory';
import { SystemNames } from './system-names';
import { SystemRelationsService } from './system-relations.service';

const callerOf = (event: EventEnvelope<object>) => systemCaller(event.correlationId ?? event.id);

/**
 * Keeps relations consistent with what they refer to, from events (there are no transactions across aggregates):
 * a deleted usage takes its relations with it, a deleted or moved interface and a deleted contract are cleared
 * from the relations that named them, and a usage loses a main contract that no longer covers it. Also keeps the
 * local copies of contracts and system names. Every handler is idempotent: a repeated event finds nothing left to
 * do, copies apply only newer versions.
 */
@Injectable()
export class RelationCascade {
  constructor(
    private readonly relations: SystemRelationsService,
    private readonly contracts: KnownContracts,
    private readonly systems: SystemNames,
    private readonly mainContracts: UsageMainContracts,
  ) {}

  @OnEvent(CatalogUsageEvents.itSystemUsageDeleted)
  async onUsageDeleted(event: EventEnvelope<object>): Promise<void> {
    await this.relations.removeRelationsOfUsage(callerOf(event), event.aggregate.uuid);
  }

  @OnEvent(CatalogInterfaceEvents.itInterfaceUpdated)
  @OnEvent(CatalogInterfaceEvents.itInterfaceDeleted)
  async onInterfaceChanged(event: EventEnvelope<object>): Promise<void> {
    await this.relations.dropInterfaceWhereNotExposed(callerOf(event), event.aggregate.uuid);
  }

  /**
   * The copy applies only a newer contract; the usages are then checked against the copy as stored (not the event),
   * so a repeated or late event changes nothing.
   */
  @OnEvent(ContractEvents.contractCreated)
  @OnEvent(ContractEvents.contractUpdated)
  async onContract(event: EventEnvelope<ItContractCreatedV1 | ItContractUpdatedV1>): Promise<void> {
    const { contract } = event.data;
    await this.contracts.applySnapshot(contract, event.aggregate.version);
    const current = await this.contracts.find(contract.uuid);
    if (current) await this.mainContracts.dropMainContractWhereNotCovered(callerOf(event), current);
  }

  @OnEvent(ContractEvents.contractDeleted)
  async onContractDeleted(event: EventEnvelope<ItContractDeletedV1>): Promise<void> {
    const { uuid, organizationUuid, name } = event.data;
    await this.contracts.applyDeletion(uuid, event.aggregate.version, organizationUuid, name);
    await this.relations.dropContract(callerOf(event), uuid);
    await this.mainContracts.dropMainContractWhereNotCovered(callerOf(event), { uuid, systemUsageUuids: [] });
  }

  @OnEvent(CatalogEvents.itSystemCreated)
  @OnEvent(CatalogEvents.itSystemUpdated)
  async onSystem(event: EventEnvelope<ItSystemCreatedV1 | ItSystemUpdatedV1>): Promise<void> {
    await this.systems.apply(event.data.system.uuid, event.aggregate.version, event.data.system.name, false);
  }

  @OnEvent(CatalogEvents.itSystemDeleted)
  async onSystemDeleted(event: EventEnvelope<ItSystemDeletedV1>): Promise<void> {
    await this.systems.apply(event.data.uuid, event.aggregate.version, event.data.name, true);
  }
}
