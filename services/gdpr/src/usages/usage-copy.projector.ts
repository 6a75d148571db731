import { Injectable } from '@nestjs/common';
import {
  CatalogEvents,
  CatalogUsageEvents,
  type EventEnvelope,
  type ItSystemUpdatedV1,
  type ItSystemUsageCreatedV1,
  type ItSystemUsageDeletedV1,
  type ItSystemUsageUpdatedV1,
} from '@kitos/contracts';
import { OnEvent } from '@kitos/messaging';
import { UsageCopyRepository } from './usage-copy.repository';

/** Keeps the GDPR service's copy of usages (and the names of their systems) in step with the catalogue. */
@Injectable()
export class UsageCopyProjector {
  constructor(private readonly copies: UsageCopyRepository) {}

  @OnEvent(CatalogUsageEvents.itSystemUsageCreated)
  async onCreated(event: EventEnvelope<ItSystemUsageCreatedV1>): Promise<void> {
    await this.copies.applySnapshot(event.data.usage, event.aggregate.version);
  }

  @OnEvent(CatalogUsageEvents.itSystemUsageUpdated)
  async onUpdated(event: EventEnvelope<ItSystemUsageUpdatedV1>): Promise<void> {
    await this.copies.applySnapshot(event.data.usage, event.aggregate.version);
  }

  @OnEvent(CatalogUsageEvents.itSystemUsageDeleted)
  async onDeleted(event: EventEnvelope<ItSystemUsageDeletedV1>): Promise<void> {
    const d = event.data;
    await this.copies.applyDeletion(d.uuid, d.organizationUuid, d.systemUuid, event.aggregate.version);
  }

  @OnEvent(CatalogEvents.itSystemUpdated)
  async onSystemUpdated(event: EventEnvelope<ItSystemUpdatedV1>): Promise<void> {
    if (event.data.changes.some((c) => c.field === 'name')) await this.copies.renameSystem(event.data.system.uuid, event.data.system.name);
  }
}
