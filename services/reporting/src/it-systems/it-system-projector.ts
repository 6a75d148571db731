import { Injectable } from '@nestjs/common';
import {
  CatalogEvents,
  type EventEnvelope,
  type ItSystemCreatedV1,
  type ItSystemDeletedV1,
  type ItSystemUpdatedV1,
} from '@kitos/contracts';
import { OnEvent } from '@kitos/messaging';
import { ItSystemReportRepository } from './it-system-report.repository';

/** Keeps the IT-system read model in step with the catalogue's events. */
@Injectable()
export class ItSystemProjector {
  constructor(private readonly rows: ItSystemReportRepository) {}

  @OnEvent(CatalogEvents.itSystemCreated)
  async onCreated(event: EventEnvelope<ItSystemCreatedV1>): Promise<void> {
    await this.rows.applySnapshot(event.data.system, event.aggregate.version);
  }

  @OnEvent(CatalogEvents.itSystemUpdated)
  async onUpdated(event: EventEnvelope<ItSystemUpdatedV1>): Promise<void> {
    await this.rows.applySnapshot(event.data.system, event.aggregate.version);
  }

  @OnEvent(CatalogEvents.itSystemDeleted)
  async onDeleted(event: EventEnvelope<ItSystemDeletedV1>): Promise<void> {
    const d = event.data;
    await this.rows.applyDeletion(d.uuid, d.organizationUuid, d.name, event.aggregate.version, new Date(d.deletedAt));
  }
}
