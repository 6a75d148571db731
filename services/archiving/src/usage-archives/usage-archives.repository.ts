import { Injectable } from '@nestjs/common';
import { AggregateRepository, MongoConnection, OutboxRelay, registerAggregateModel, type Stored } from '@kitos/persistence';
import { USAGE_ARCHIVE_MODEL, usageArchiveSchema } from './usage-archive.schema';
import type { ArchiveNotification, JournalPeriod, LegalBasis, ReceivingArchive, UsageArchive } from './usage-archive';

@Injectable()
export class UsageArchivesRepository extends AggregateRepository<UsageArchive> {
  constructor(mongo: MongoConnection, relay: OutboxRelay) {
    super(registerAggregateModel(mongo, relay, USAGE_ARCHIVE_MODEL, usageArchiveSchema), mongo.writeLocks, relay.nudge);
  }

  protected toState(d: Record<string, unknown>): UsageArchive {
    const text = (key: string) => (d[key] as string | null | undefined) ?? null;
    const bool = (key: string) => (d[key] as boolean | null | undefined) ?? null;
    const legalBasis = d.legalBasis as LegalBasis | null | undefined;
    const receivingArchive = d.receivingArchive as ReceivingArchive | null | undefined;
    const notification = d.notification as ArchiveNotification | null | undefined;
    return {
      organizationUuid: d.organizationUuid as string,
      systemUuid: d.systemUuid as string,
      archiveDuty: text('archiveDuty') as UsageArchive['archiveDuty'],
      archiveTypeUuid: text('archiveTypeUuid'),
      locationUuid: text('locationUuid'),
      testLocationUuid: text('testLocationUuid'),
      supplierOrganizationUuid: text('supplierOrganizationUuid'),
      active: bool('active'),
      notes: text('notes'),
      frequencyInMonths: (d.frequencyInMonths as number | null | undefined) ?? null,
      documentBearing: bool('documentBearing'),
      legalBasis: legalBasis
        ? { text: legalBasis.text, reference: legalBasis.reference ?? null, decisionDate: legalBasis.decisionDate ?? null }
        : null,
      receivingArchive: receivingArchive ? { kind: receivingArchive.kind, name: receivingArchive.name ?? null } : null,
      kleBasedDocumentDisposalAllowed: bool('kleBasedDocumentDisposalAllowed'),
      kleBasedDocumentDisposalDecisionDate: text('kleBasedDocumentDisposalDecisionDate'),
      notification: notification
        ? {
            notifiedAt: notification.notifiedAt,
            reference: notification.reference ?? null,
            approved: notification.approved === true,
            approvedAt: notification.approvedAt ?? null,
          }
        : null,
      journalPeriods: ((d.journalPeriods as JournalPeriod[] | undefined) ?? []).map((p) => ({
        uuid: p.uuid,
        archiveId: p.archiveId,
        startDate: p.startDate,
        endDate: p.endDate,
        status: p.status,
        approvalDate: p.approvalDate ?? null,
      })),
      recommendedArchiveDuty: text('recommendedArchiveDuty') as UsageArchive['recommendedArchiveDuty'],
      deletionDueDate: text('deletionDueDate'),
      latestApprovedPeriodEnd: text('latestApprovedPeriodEnd'),
      nextDeliveryDue: text('nextDeliveryDue'),
      findings: [...((d.findings as UsageArchive['findings'] | undefined) ?? [])],
      createdAt: d.createdAt as Date,
      lastModified: d.lastModified as Date,
      lastModifiedByUserUuid: text('lastModifiedByUserUuid'),
    };
  }

  /** Live profiles of an organisation (the overview, the overdue list). */
  async ofOrganization(organizationUuid: string): Promise<Stored<UsageArchive>[]> {
    const documents = await this.model.find({ deleted: false, organizationUuid }).lean<Record<string, unknown>[]>().exec();
    return documents.map((d) => this.stored(d));
  }

  /** Uuids of live profiles with a delivery date: the ones a new day can make overdue. */
  async withDeliveryDates(): Promise<string[]> {
    const documents = await this.model
      .find({ deleted: false, nextDeliveryDue: { $ne: null } }, { _id: 1 })
      .lean<Array<{ _id: string }>>()
      .exec();
    return documents.map((d) => d._id);
  }
}
