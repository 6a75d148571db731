import type { FieldError } from '@kitos/common';
import type { ArchiveDuty, ArchiveDutyRecommendation, ArchiveFinding, JournalPeriodStatus } from '@kitos/contracts';
import { addMonths } from '@kitos/common';

export interface PeriodDays {
  readonly uuid: string;
  readonly archiveId: string;
  /** `YYYY-MM-DD`, both inclusive. */
  readonly startDate: string;
  readonly endDate: string;
  readonly status: JournalPeriodStatus;
  readonly approvalDate: string | null;
}

/**
 * Duties whose data goes to the archive: B [bevares] and "preserve data, documents may be discarded". K [kasseres]
 * data is discarded with the archive's authorisation and is never delivered; Unknown and Undecided are no decision yet.
 */
export const DELIVERED_DUTIES: readonly ArchiveDuty[] = ['B', 'PreserveDataCanDiscardDocuments'];

/** Recommendations that name a duty (Undecided and NoRecommendation name none). */
const DEFINITE_RECOMMENDATIONS: readonly ArchiveDutyRecommendation[] = ['B', 'K', 'PreserveDataCanDiscardDocuments'];
/** Decisions that are decisions (Undecided and Unknown are not). */
const DEFINITE_DECISIONS: readonly ArchiveDuty[] = ['B', 'K', 'PreserveDataCanDiscardDocuments'];

export function latestApprovedPeriodEnd(periods: readonly PeriodDays[]): string | null {
  return periods
    .filter((p) => p.status === 'Approved')
    .reduce<string | null>((latest, p) => (!latest || p.endDate > latest ? p.endDate : latest), null);
}

/**
 * When the next delivery to the archive is due: the end of the latest approved period plus the frequency; while no
 * period is approved, the start of the first period plus the frequency (the first delivery is due one interval after
 * the data it covers began). Null without a frequency, without periods, or for a duty that is not delivered.
 */
export function nextDeliveryDue(input: {
  archiveDuty: ArchiveDuty | null;
  frequencyInMonths: number | null;
  periods: readonly PeriodDays[];
}): string | null {
  const { archiveDuty, frequencyInMonths, periods } = input;
  if (!archiveDuty || !DELIVERED_DUTIES.includes(archiveDuty) || !frequencyInMonths || !periods.length) return null;
  const approvedEnd = latestApprovedPeriodEnd(periods);
  if (approvedEnd) return addMonths(approvedEnd, frequencyInMonths);
  const firstStart = periods.reduce((first, p) => (p.startDate < first ? p.startDate : first), periods[0].startDate);
  return addMonths(firstStart, frequencyInMonths);
}

/** The usage decided a duty (B, K or preserve-data) other than the definite one Rigsarkivet recommends for the system. */
export function disagreesWithRecommendation(duty: ArchiveDuty | null, recommendation: ArchiveDutyRecommendation | null): boolean {
  return (
    !!duty &&
    !!recommendation &&
    DEFINITE_DECISIONS.includes(duty) &&
    DEFINITE_RECOMMENDATIONS.includes(recommendation) &&
    duty !== recommendation
  );
}

/**
 * The archive-before-deletion guard: data of a delivered duty (B, preserve-data) is due for deletion on a day that no
 * approved journal period reaches (the latest approved period ends before it, or none is approved). "Data skal
 * arkiveres før der foretages sletningskørsler": the deletion may only run over data an approved delivery holds.
 */
export function deletionBeforeApprovedArchiving(input: {
  archiveDuty: ArchiveDuty | null;
  deletionDueDate: string | null;
  latestApprovedPeriodEnd: string | null;
}): boolean {
  const { archiveDuty, deletionDueDate, latestApprovedPeriodEnd: approvedEnd } = input;
  if (!archiveDuty || !DELIVERED_DUTIES.includes(archiveDuty) || !deletionDueDate) return false;
  return approvedEnd === null || approvedEnd < deletionDueDate;
}

/** Every finding of a profile on `today` (a Danish day), in the order of ARCHIVE_FINDINGS. */
export function archiveFindings(input: {
  archiveDuty: ArchiveDuty | null;
  recommendedArchiveDuty: ArchiveDutyRecommendation | null;
  nextDeliveryDue: string | null;
  latestApprovedPeriodEnd: string | null;
  deletionDueDate: string | null;
  today: string;
}): ArchiveFinding[] {
  const findings: ArchiveFinding[] = [];
  if (disagreesWithRecommendation(input.archiveDuty, input.recommendedArchiveDuty)) findings.push('DisagreesWithRecommendation');
  if (input.nextDeliveryDue !== null && input.nextDeliveryDue < input.today) findings.push('DeliveryOverdue');
  if (deletionBeforeApprovedArchiving(input)) findings.push('DeletionBeforeApprovedArchiving');
  return findings;
}

/** Status from the request: `status` wins; KITOS clients send only `approved`. Both sent and disagreeing → error. */
export function periodStatusOf(status: JournalPeriodStatus | undefined, approved: boolean | undefined): JournalPeriodStatus | FieldError {
  if (status !== undefined && approved !== undefined && (status === 'Approved') !== approved)
    return { field: 'approved', message: `approved must be ${status === 'Approved'} when status is ${status}` };
  return status ?? (approved ? 'Approved' : 'Planned');
}

/**
 * A period's own rules and its place among the usage's other periods: the end not before the start, an approval date
 * only on an approved period (not before its start), and no day shared with another period (both ends inclusive).
 */
export function journalPeriodErrors(period: PeriodDays, others: readonly PeriodDays[]): FieldError[] {
  const errors: FieldError[] = [];
  if (period.endDate < period.startDate) errors.push({ field: 'endDate', message: 'endDate must not be before startDate' });
  if (period.approvalDate !== null && period.status !== 'Approved')
    errors.push({ field: 'approvalDate', message: 'approvalDate may only be set on an Approved period' });
  else if (period.approvalDate !== null && period.approvalDate < period.startDate)
    errors.push({ field: 'approvalDate', message: 'approvalDate must not be before startDate' });
  if (!errors.some((e) => e.field === 'endDate'))
    for (const other of others)
      if (other.uuid !== period.uuid && period.startDate <= other.endDate && other.startDate <= period.endDate)
        errors.push({
          field: 'startDate',
          message: `The period overlaps journal period ${other.uuid} (${other.archiveId}, ${other.startDate} – ${other.endDate})`,
        });
  return errors;
}
