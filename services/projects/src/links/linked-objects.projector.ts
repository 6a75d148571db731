import { Injectable } from '@nestjs/common';
import {
  CatalogEvents,
  CatalogUsageEvents,
  ContractEvents,
  type EventEnvelope,
  type ItContractCreatedV1,
  type ItContractDeletedV1,
  type ItContractUpdatedV1,
  type ItSystemUpdatedV1,
  type ItSystemUsageCreatedV1,
  type ItSystemUsageDeletedV1,
  type ItSystemUsageUpdatedV1,
} from '@kitos/contracts';
import { OnEvent } from '@kitos/messaging';
import { ItProjectsService } from '../it-projects/it-projects.service';
import { LinkedObjects } from './linked-objects';

/**
 * Keeps the copies of usages and contracts in step with their owners' events, and removes a deleted usage or
 * contract from the projects that linked it. Idempotent: copies apply only newer versions, a repeated deletion finds
 * no project left to change.
 */
@Injectable()
export class LinkedObjectsProjector {
  constructor(
    private readonly linked: LinkedObjects,
    private readonly projects: ItProjectsService,
  ) {}

  @OnEvent(CatalogUsageEvents.itSystemUsageCreated)
  @OnEvent(CatalogUsageEvents.itSystemUsageUpdated)
  async onUsage(event: EventEnvelope<ItSystemUsageCreatedV1 | ItSystemUsageUpdatedV1>): Promise<void> {
    const u = event.data.usage;
    await this.linked.apply('usage', u.uuid, event.aggregate.version, {
      organizationUuid: u.organizationUuid,
      name: u.systemName ?? '',
      systemUuid: u.systemUuid,
      deleted: false,
    });
  }

  @OnEvent(CatalogUsageEvents.itSystemUsageDeleted)
  async onUsageDeleted(event: EventEnvelope<ItSystemUsageDeletedV1>): Promise<void> {
    const d = event.data;
    await this.linked.apply('usage', d.uuid, event.aggregate.version, {
      organizationUuid: d.organizationUuid,
      name: '',
      systemUuid: d.systemUuid,
      deleted: true,
    });
    await this.projects.dropLink('systemUsageUuids', d.uuid, event.correlationId ?? event.id);
  }

  @OnEvent(CatalogEvents.itSystemUpdated)
  async onSystemUpdated(event: EventEnvelope<ItSystemUpdatedV1>): Promise<void> {
    if (event.data.changes.some((c) => c.field === 'name')) await this.linked.renameSystem(event.data.system.uuid, event.data.system.name);
  }

  @OnEvent(ContractEvents.contractCreated)
  @OnEvent(ContractEvents.contractUpdated)
  async onContract(event: EventEnvelope<ItContractCreatedV1 | ItContractUpdatedV1>): Promise<void> {
    const c = event.data.contract;
    await this.linked.apply('contract', c.uuid, event.aggregate.version, {
      organizationUuid: c.organizationUuid,
      name: c.name,
      systemUuid: null,
      deleted: false,
    });
  }

  @OnEvent(ContractEvents.contractDeleted)
  async onContractDeleted(event: EventEnvelope<ItContractDeletedV1>): Promise<void> {
    const d = event.data;
    await this.linked.apply('contract', d.uuid, event.aggregate.version, {
      organizationUuid: d.organizationUuid,
      name: d.name,
      systemUuid: null,
      deleted: true,
    });
    await this.projects.dropLink('contractUuids', d.uuid, event.correlationId ?? event.id);
  }
}
