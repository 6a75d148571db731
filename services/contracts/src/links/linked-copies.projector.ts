import { Injectable } from '@nestjs/common';
import {
  CatalogEvents,
  CatalogUsageEvents,
  GdprEvents,
  type DataProcessingRegistrationCreatedV1,
  type DataProcessingRegistrationUpdatedV1,
  type EventEnvelope,
  type ItSystemUpdatedV1,
  type ItSystemUsageCreatedV1,
  type ItSystemUsageUpdatedV1,
} from '@kitos/contracts';
import { OnEvent } from '@kitos/messaging';
import { LinkedCopiesRepository } from './linked-copies.repository';

/**
 * Keeps the copies of usages (catalogue) and data processing registrations (gdpr) in step with their owners' events.
 * Deletions are handled by `ContractLinkCascade`, which also removes the links from the contracts.
 */
@Injectable()
export class LinkedCopiesProjector {
  constructor(private readonly copies: LinkedCopiesRepository) {}

  @OnEvent(CatalogUsageEvents.itSystemUsageCreated)
  @OnEvent(CatalogUsageEvents.itSystemUsageUpdated)
  async onUsage(event: EventEnvelope<ItSystemUsageCreatedV1 | ItSystemUsageUpdatedV1>): Promise<void> {
    const u = event.data.usage;
    await this.copies.apply(this.copies.usages, u.uuid, event.aggregate.version, {
      organizationUuid: u.organizationUuid,
      systemUuid: u.systemUuid,
      name: u.systemName,
      deleted: false,
    });
  }

  @OnEvent(CatalogEvents.itSystemUpdated)
  async onSystemUpdated(event: EventEnvelope<ItSystemUpdatedV1>): Promise<void> {
    if (event.data.changes.some((c) => c.field === 'name')) await this.copies.renameSystem(event.data.system.uuid, event.data.system.name);
  }

  @OnEvent(GdprEvents.dataProcessingRegistrationCreated)
  @OnEvent(GdprEvents.dataProcessingRegistrationUpdated)
  async onRegistration(event: EventEnvelope<DataProcessingRegistrationCreatedV1 | DataProcessingRegistrationUpdatedV1>): Promise<void> {
    const r = event.data.registration;
    await this.copies.apply(this.copies.registrations, r.uuid, event.aggregate.version, {
      organizationUuid: r.organizationUuid,
      systemUuid: null,
      name: r.name,
      deleted: false,
    });
  }
}
