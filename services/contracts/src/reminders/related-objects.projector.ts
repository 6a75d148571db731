import { Injectable } from '@nestjs/common';
import {
  ArchivingEvents,
  CatalogUsageEvents,
  ContractEvents,
  GdprEvents,
  type DataProcessingRegistrationCreatedV1,
  type DataProcessingRegistrationDeletedV1,
  type DataProcessingRegistrationUpdatedV1,
  type EventEnvelope,
  type ItContractCreatedV1,
  type ItContractDeletedV1,
  type ItContractSnapshot,
  type ItContractUpdatedV1,
  type ItSystemUsageCreatedV1,
  type ItSystemUsageDeletedV1,
  type ItSystemUsageUpdatedV1,
  type UsageArchiveChangedV1,
  type UsageArchiveDeletedV1,
} from '@kitos/contracts';
import { OnEvent } from '@kitos/messaging';
import { ReminderScheduler } from './reminder-scheduler';
import { RelatedObjectsRepository, type Deadlines } from './related-objects.repository';

function contractDeadlines(contract: ItContractSnapshot): Deadlines | undefined {
  // absent until the contracts module publishes them; then every kind, null where the terms give none
  if (contract.deadlines === undefined) return undefined;
  const d = contract.deadlines ?? {};
  return {
    ContractNoticeDeadline: d.noticeDeadline ?? null,
    ContractIrrevocableUntil: d.irrevocableUntil ?? null,
    ContractExtensionOption: d.nextExtensionOptionDate ?? null,
  };
}

/**
 * Keeps the reminders' copy of contracts, usages and DPRs (name, organisation, deadlines) in step with their owners'
 * events. A changed deadline needs nothing else: the automatic reminders are computed from the copy on every pass of
 * the scheduler, which is woken here so that a deadline already due is announced at once.
 */
@Injectable()
export class RelatedObjectsProjector {
  constructor(
    private readonly objects: RelatedObjectsRepository,
    private readonly scheduler: ReminderScheduler,
  ) {}

  @OnEvent(ContractEvents.contractCreated)
  @OnEvent(ContractEvents.contractUpdated)
  async onContract(event: EventEnvelope<ItContractCreatedV1 | ItContractUpdatedV1>): Promise<void> {
    const c = event.data.contract;
    const deadlines = contractDeadlines(c);
    await this.objects.applySnapshot(c.uuid, event.aggregate.version, {
      type: 'ItContract',
      organizationUuid: c.organizationUuid,
      name: c.name,
      deadlines,
    });
    if (deadlines) this.scheduler.wake();
  }

  @OnEvent(ContractEvents.contractDeleted)
  async onContractDeleted(event: EventEnvelope<ItContractDeletedV1>): Promise<void> {
    await this.objects.applyDeletion(event.data.uuid, 'ItContract', event.data.organizationUuid, event.aggregate.version);
  }

  @OnEvent(CatalogUsageEvents.itSystemUsageCreated)
  @OnEvent(CatalogUsageEvents.itSystemUsageUpdated)
  async onUsage(event: EventEnvelope<ItSystemUsageCreatedV1 | ItSystemUsageUpdatedV1>): Promise<void> {
    const u = event.data.usage;
    await this.objects.applySnapshot(u.uuid, event.aggregate.version, {
      type: 'ItSystemUsage',
      organizationUuid: u.organizationUuid,
      name: u.localCallName ?? u.systemName ?? null,
    });
  }

  @OnEvent(CatalogUsageEvents.itSystemUsageDeleted)
  async onUsageDeleted(event: EventEnvelope<ItSystemUsageDeletedV1>): Promise<void> {
    await this.objects.applyDeletion(event.data.uuid, 'ItSystemUsage', event.data.organizationUuid, event.aggregate.version);
  }

  @OnEvent(GdprEvents.dataProcessingRegistrationCreated)
  @OnEvent(GdprEvents.dataProcessingRegistrationUpdated)
  async onRegistration(event: EventEnvelope<DataProcessingRegistrationCreatedV1 | DataProcessingRegistrationUpdatedV1>): Promise<void> {
    const r = event.data.registration;
    await this.objects.applySnapshot(r.uuid, event.aggregate.version, {
      type: 'DataProcessingRegistration',
      organizationUuid: r.organizationUuid,
      name: r.name,
      deadlines: { DataProcessingOversight: r.nextOversightDate ?? null },
    });
    this.scheduler.wake();
  }

  @OnEvent(GdprEvents.dataProcessingRegistrationDeleted)
  async onRegistrationDeleted(event: EventEnvelope<DataProcessingRegistrationDeletedV1>): Promise<void> {
    const d = event.data;
    await this.objects.applyDeletion(d.uuid, 'DataProcessingRegistration', d.organizationUuid, event.aggregate.version);
  }

  @OnEvent(ArchivingEvents.usageArchiveChanged)
  async onArchive(event: EventEnvelope<UsageArchiveChangedV1>): Promise<void> {
    const a = event.data.archive;
    await this.objects.applyArchiveDeadline(a.usageUuid, a.organizationUuid, a.nextDeliveryDue ?? null, event.aggregate.version);
    this.scheduler.wake();
  }

  @OnEvent(ArchivingEvents.usageArchiveDeleted)
  async onArchiveDeleted(event: EventEnvelope<UsageArchiveDeletedV1>): Promise<void> {
    await this.objects.applyArchiveDeadline(event.data.usageUuid, event.data.organizationUuid, null, event.aggregate.version);
  }
}
