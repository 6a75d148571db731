import { Injectable } from '@nestjs/common';
import {
  CatalogEvents,
  CatalogUsageEvents,
  GdprEvents,
  IdentityEvents,
  type EventEnvelope,
  type ItSystemCreatedV1,
  type ItSystemDeletedV1,
  type ItSystemUpdatedV1,
  type ItSystemUsageCreatedV1,
  type ItSystemUsageDeletedV1,
  type ItSystemUsageUpdatedV1,
  type OrganizationCreatedV1,
  type OrganizationDeletedV1,
  type OrganizationUpdatedV1,
  type UsageGdprChangedV1,
  type UsageGdprDeletedV1,
} from '@kitos/contracts';
import { OnEvent } from '@kitos/messaging';
import { UsageArchivesService } from '../usage-archives/usage-archives.service';
import { GdprCopies } from './gdpr-copies';
import { OrganizationCopies } from './organization-copies';
import { SystemCopies } from './system-copies';
import { UsageCopies } from './usage-copies';

/**
 * Keeps archiving's copies of other services' data in step with their events, and re-judges the profiles an event
 * concerns: a new recommendation on a system, a new deletion date from gdpr, a deleted usage (its profile goes).
 */
@Injectable()
export class CopiesProjector {
  constructor(
    private readonly usages: UsageCopies,
    private readonly systems: SystemCopies,
    private readonly gdpr: GdprCopies,
    private readonly organizations: OrganizationCopies,
    private readonly archives: UsageArchivesService,
  ) {}

  @OnEvent(IdentityEvents.organizationCreated)
  @OnEvent(IdentityEvents.organizationUpdated)
  async onOrganization(event: EventEnvelope<OrganizationCreatedV1 | OrganizationUpdatedV1>): Promise<void> {
    const o = event.data.organization;
    await this.organizations.apply({ uuid: o.uuid, name: o.name, cvr: o.cvr ?? null }, event.aggregate.version);
  }

  @OnEvent(IdentityEvents.organizationDeleted)
  async onOrganizationDeleted(event: EventEnvelope<OrganizationDeletedV1>): Promise<void> {
    await this.organizations.applyDeletion(event.data.uuid, event.data.name, event.aggregate.version);
  }

  @OnEvent(CatalogUsageEvents.itSystemUsageCreated)
  @OnEvent(CatalogUsageEvents.itSystemUsageUpdated)
  async onUsage(event: EventEnvelope<ItSystemUsageCreatedV1 | ItSystemUsageUpdatedV1>): Promise<void> {
    const u = event.data.usage;
    await this.usages.apply(
      {
        uuid: u.uuid,
        organizationUuid: u.organizationUuid,
        systemUuid: u.systemUuid,
        systemName: u.systemName,
        localCallName: u.localCallName,
      },
      event.aggregate.version,
    );
  }

  @OnEvent(CatalogUsageEvents.itSystemUsageDeleted)
  async onUsageDeleted(event: EventEnvelope<ItSystemUsageDeletedV1>): Promise<void> {
    const d = event.data;
    await this.usages.applyDeletion(d.uuid, d.organizationUuid, d.systemUuid, event.aggregate.version);
    await this.archives.removeForUsage(d.uuid, event.correlationId ?? event.id);
  }

  @OnEvent(CatalogEvents.itSystemCreated)
  @OnEvent(CatalogEvents.itSystemUpdated)
  async onSystem(event: EventEnvelope<ItSystemCreatedV1 | ItSystemUpdatedV1>): Promise<void> {
    const s = event.data.system;
    const applied = await this.systems.apply(
      {
        uuid: s.uuid,
        name: s.name,
        recommendedArchiveDuty: s.recommendedArchiveDuty ?? null,
        recommendedArchiveDutyComment: s.recommendedArchiveDutyComment ?? null,
      },
      event.aggregate.version,
    );
    if (!applied || !('changes' in event.data)) return;
    const fields = new Set(event.data.changes.map((c) => c.field));
    if (fields.has('name')) await this.usages.renameSystem(s.uuid, s.name);
    if ([...fields].some((f) => f.startsWith('recommendedArchiveDuty')))
      for (const usageUuid of await this.usages.uuidsOfSystem(s.uuid))
        await this.archives.refresh(usageUuid, event.correlationId ?? event.id);
  }

  @OnEvent(CatalogEvents.itSystemDeleted)
  async onSystemDeleted(event: EventEnvelope<ItSystemDeletedV1>): Promise<void> {
    await this.systems.applyDeletion(event.data.uuid, event.data.name, event.aggregate.version);
  }

  @OnEvent(GdprEvents.usageGdprChanged)
  async onGdpr(event: EventEnvelope<UsageGdprChangedV1>): Promise<void> {
    const p = event.data.profile;
    await this.gdpr.apply(
      { usageUuid: p.usageUuid, organizationUuid: p.organizationUuid, deletionDueDate: p.deletionDueDate ?? null },
      event.aggregate.version,
    );
    await this.archives.refresh(p.usageUuid, event.correlationId ?? event.id);
  }

  @OnEvent(GdprEvents.usageGdprDeleted)
  async onGdprDeleted(event: EventEnvelope<UsageGdprDeletedV1>): Promise<void> {
    const d = event.data;
    await this.gdpr.applyDeletion(d.usageUuid, d.organizationUuid, event.aggregate.version);
    await this.archives.refresh(d.usageUuid, event.correlationId ?? event.id);
  }
}
