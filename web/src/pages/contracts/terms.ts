import type { Schemas } from '../../api/client';

/** How near a deadline is: passed, within NEAR_DAYS (highlighted), or later. */
export type Urgency = 'overdue' | 'soon' | 'later';
export const NEAR_DAYS = 90;

/** Today as a Danish calendar day (`YYYY-MM-DD`), the unit every contract date is in. */
export function danishToday(now = new Date()): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Copenhagen' }).format(now);
}

export function daysUntil(day: string, today: string): number {
  return Math.round((Date.parse(`${day}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
}

export function urgencyOf(day: string | null | undefined, today: string): Urgency | undefined {
  if (!day) return undefined;
  const days = daysUntil(day, today);
  if (days < 0) return 'overdue';
  return days <= NEAR_DAYS ? 'soon' : 'later';
}

type NoticeByEndOf = NonNullable<Schemas['ContractTerminationTermsWrite']['noticeByEndOf']>;

/** The agreement period and termination terms as the form edits them (strings for inputs; '' = not set). */
export interface TermsValues {
  validFrom: string;
  validTo: string;
  isContinuous: boolean;
  durationYears: string;
  durationMonths: string;
  extensionOptionsUuid: string;
  extensionOptionsUsed: string;
  irrevocableUntil: string;
  noticePeriodMonthsUuid: string;
  noticePeriodExtendsCurrent: boolean;
  noticeByEndOf: NoticeByEndOf | '';
  terminatedAt: string;
}

export const emptyTerms: TermsValues = {
  validFrom: '',
  validTo: '',
  isContinuous: false,
  durationYears: '',
  durationMonths: '',
  extensionOptionsUuid: '',
  extensionOptionsUsed: '',
  irrevocableUntil: '',
  noticePeriodMonthsUuid: '',
  noticePeriodExtendsCurrent: false,
  noticeByEndOf: '',
  terminatedAt: '',
};

export function termsOf(contract: Schemas['ItContractResponse']): TermsValues {
  const { agreementPeriod: period, termination, general } = contract;
  const text = (n: number | null) => (n == null ? '' : String(n));
  return {
    validFrom: general.validity.validFrom ?? '',
    validTo: general.validity.validTo ?? '',
    isContinuous: period.isContinuous,
    durationYears: text(period.durationYears),
    durationMonths: text(period.durationMonths),
    extensionOptionsUuid: period.extensionOptions?.uuid ?? '',
    extensionOptionsUsed: period.extensionOptionsUsed ? String(period.extensionOptionsUsed) : '',
    irrevocableUntil: period.irrevocableUntil ?? '',
    noticePeriodMonthsUuid: termination.terms.noticePeriodMonths?.uuid ?? '',
    noticePeriodExtendsCurrent: termination.terms.noticePeriodExtendsCurrent ?? false,
    noticeByEndOf: termination.terms.noticeByEndOf ?? '',
    terminatedAt: termination.terminatedAt ?? '',
  };
}

const wholeNumber = /^\d+$/;

/**
 * The rules the server states in its API, checked early so that the user sees them at the field before saving
 * (the server checks them again; its problem response is the truth). Keys are the API's field paths.
 */
export function validateTerms(v: TermsValues): Record<string, string> {
  const errors: Record<string, string> = {};
  if (v.durationYears && !wholeNumber.test(v.durationYears)) errors['agreementPeriod.durationYears'] = 'durationYears';
  if (v.durationMonths && (!wholeNumber.test(v.durationMonths) || Number(v.durationMonths) > 11))
    errors['agreementPeriod.durationMonths'] = 'durationMonths';
  if (v.isContinuous && (v.durationYears || v.durationMonths)) errors['agreementPeriod.isContinuous'] = 'durationWithContinuous';
  if (v.extensionOptionsUsed && !wholeNumber.test(v.extensionOptionsUsed)) errors['agreementPeriod.extensionOptionsUsed'] = 'optionsUsed';
  if (v.validFrom && v.validTo && v.validTo < v.validFrom) errors['general.validity.validTo'] = 'validTo';
  return errors;
}

/** The write body of the terms: every field sent, null where not set (so clearing a field clears it). */
export function termsToWrite(v: TermsValues): Pick<Schemas['UpdateItContractRequest'], 'general' | 'agreementPeriod' | 'termination'> {
  const orNull = (s: string) => (s === '' ? null : s);
  const number = (s: string) => (s === '' ? null : Number(s));
  return {
    general: { validity: { validFrom: orNull(v.validFrom), validTo: orNull(v.validTo) } },
    agreementPeriod: {
      isContinuous: v.isContinuous,
      durationYears: v.isContinuous ? null : number(v.durationYears),
      durationMonths: v.isContinuous ? null : number(v.durationMonths),
      extensionOptionsUuid: orNull(v.extensionOptionsUuid),
      extensionOptionsUsed: number(v.extensionOptionsUsed) ?? 0,
      irrevocableUntil: orNull(v.irrevocableUntil),
    },
    termination: {
      terminatedAt: orNull(v.terminatedAt),
      terms: {
        noticePeriodMonthsUuid: orNull(v.noticePeriodMonthsUuid),
        noticePeriodExtendsCurrent: v.noticePeriodExtendsCurrent,
        noticeByEndOf: v.noticeByEndOf === '' ? null : v.noticeByEndOf,
      },
    },
  };
}
