import type { ArchiveDuty, ArchiveDutyRecommendation, ArchiveFinding, ReceivingArchiveKind } from '@kitos/contracts';
import { archiveFindings, latestApprovedPeriodEnd, nextDeliveryDue, type PeriodDays } from './archive-rules';

export type JournalPeriod = PeriodDays;

export interface LegalBasis {
  text: string;
  reference: string | null;
  decisionDate: string | null;
}

export interface ReceivingArchive {
  kind: ReceivingArchiveKind;
  name: string | null;
}

export interface ArchiveNotification {
  notifiedAt: string;
  reference: string | null;
  approved: boolean;
  approvedAt: string | null;
}

/** What a client writes of a usage's archiving profile. */
export interface UsageArchiveFields {
  archiveDuty: ArchiveDuty | null;
  archiveTypeUuid: string | null;
  locationUuid: string | null;
  testLocationUuid: string | null;
  supplierOrganizationUuid: string | null;
  active: boolean | null;
  notes: string | null;
  frequencyInMonths: number | null;
  documentBearing: boolean | null;
  legalBasis: LegalBasis | null;
  receivingArchive: ReceivingArchive | null;
  kleBasedDocumentDisposalAllowed: boolean | null;
  kleBasedDocumentDisposalDecisionDate: string | null;
  notification: ArchiveNotification | null;
}

/** What archiving derives from the profile and from what other services tell it; kept so that a change is published. */
export interface UsageArchiveDerived {
  /** Rigsarkivet's recommendation on the usage's system (catalogue). */
  recommendedArchiveDuty: ArchiveDutyRecommendation | null;
  /** When the usage's data is due for deletion (gdpr). */
  deletionDueDate: string | null;
  latestApprovedPeriodEnd: string | null;
  nextDeliveryDue: string | null;
  /** As of the day of the last write (the sweep rewrites them when a day makes a delivery overdue). */
  findings: ArchiveFinding[];
}

/**
 * The archiving profile of one usage (aggregate `usage-archive`, keyed by the usage's uuid): the decision on archive
 * duty, where and how the system is archived, and its journal periods. The periods live inside the profile so that
 * "no two periods of a usage overlap" is checked and written in one document.
 */
export interface UsageArchive extends UsageArchiveFields, UsageArchiveDerived, Record<string, unknown> {
  organizationUuid: string;
  systemUuid: string;
  journalPeriods: JournalPeriod[];
  createdAt: Date;
  lastModified: Date;
  lastModifiedByUserUuid: string | null;
}

export const WRITABLE_FIELDS = [
  'archiveDuty',
  'archiveTypeUuid',
  'locationUuid',
  'testLocationUuid',
  'supplierOrganizationUuid',
  'active',
  'notes',
  'frequencyInMonths',
  'documentBearing',
  'legalBasis',
  'receivingArchive',
  'kleBasedDocumentDisposalAllowed',
  'kleBasedDocumentDisposalDecisionDate',
  'notification',
] as const satisfies ReadonlyArray<keyof UsageArchiveFields>;

export function emptyFields(): UsageArchiveFields {
  return {
    archiveDuty: null,
    archiveTypeUuid: null,
    locationUuid: null,
    testLocationUuid: null,
    supplierOrganizationUuid: null,
    active: null,
    notes: null,
    frequencyInMonths: null,
    documentBearing: null,
    legalBasis: null,
    receivingArchive: null,
    kleBasedDocumentDisposalAllowed: null,
    kleBasedDocumentDisposalDecisionDate: null,
    notification: null,
  };
}

export function emptyArchive(organizationUuid: string, systemUuid: string, now: Date): UsageArchive {
  return {
    organizationUuid,
    systemUuid,
    ...emptyFields(),
    journalPeriods: [],
    recommendedArchiveDuty: null,
    deletionDueDate: null,
    latestApprovedPeriodEnd: null,
    nextDeliveryDue: null,
    findings: [],
    createdAt: now,
    lastModified: now,
    lastModifiedByUserUuid: null,
  };
}

/** Periods in a stable order: by start, then archive id. */
export function sortPeriods(periods: readonly JournalPeriod[]): JournalPeriod[] {
  return [...periods].sort((a, b) => a.startDate.localeCompare(b.startDate) || a.archiveId.localeCompare(b.archiveId));
}

/** The derived part recomputed from the profile, the recommendation and the deletion due date, on `today`. */
export function derive(archive: UsageArchive, today: string): UsageArchive {
  const approvedEnd = latestApprovedPeriodEnd(archive.journalPeriods);
  const due = nextDeliveryDue({
    archiveDuty: archive.archiveDuty,
    frequencyInMonths: archive.frequencyInMonths,
    periods: archive.journalPeriods,
  });
  return {
    ...archive,
    journalPeriods: sortPeriods(archive.journalPeriods),
    latestApprovedPeriodEnd: approvedEnd,
    nextDeliveryDue: due,
    findings: archiveFindings({
      archiveDuty: archive.archiveDuty,
      recommendedArchiveDuty: archive.recommendedArchiveDuty,
      nextDeliveryDue: due,
      latestApprovedPeriodEnd: approvedEnd,
      deletionDueDate: archive.deletionDueDate,
      today,
    }),
  };
}

/** The profile as field → value: what the field-level changes of events are made of. */
export function archiveFields(a: UsageArchive): Record<string, unknown> {
  return {
    ...Object.fromEntries(WRITABLE_FIELDS.map((field) => [field, a[field]])),
    journalPeriods: a.journalPeriods,
    recommendedArchiveDuty: a.recommendedArchiveDuty,
    deletionDueDate: a.deletionDueDate,
    latestApprovedPeriodEnd: a.latestApprovedPeriodEnd,
    nextDeliveryDue: a.nextDeliveryDue,
    findings: a.findings,
  };
}
