import type { ContractValidityError, NoticeByEndOf } from '@kitos/contracts';
import { addDays, addMonths, endOfMonth, endOfQuarter, endOfYear, maxDay, minDay, periodEnd, type Day } from '@kitos/common';

/** What validity and deadlines are computed from: the dates and terms of a contract, as Danish calendar days. */
export interface ContractTerms {
  readonly validFrom: Day | null;
  readonly validTo: Day | null;
  readonly enforcedValid: boolean;
  readonly requireValidParent: boolean;
  readonly terminatedAt: Day | null;
  /** The notice period in months (the number named by the notice-period option), null when none is chosen. */
  readonly noticePeriodMonths: number | null;
  readonly noticeByEndOf: NoticeByEndOf | null;
  readonly irrevocableUntil: Day | null;
  readonly isContinuous: boolean;
  readonly durationYears: number | null;
  readonly durationMonths: number | null;
  /** How many extension options the agreement has and how long each is (from the option's name), null when unknown. */
  readonly extensionOptionCount: number | null;
  readonly extensionOptionMonths: number | null;
  readonly extensionOptionsUsed: number;
}

export interface ContractValidity {
  readonly valid: boolean;
  readonly enforcedValid: boolean;
  readonly validationErrors: ContractValidityError[];
}

export interface ContractDeadlines {
  readonly noticeDeadline: Day | null;
  readonly endIfNoticeToday: Day | null;
  readonly irrevocableUntil: Day | null;
  readonly nextExtensionOptionDate: Day | null;
  readonly terminationEffectiveDate: Day | null;
}

/** The last day of the month, quarter or calendar year that `day` lies in. */
export function endOfSegment(day: Day, segment: NoticeByEndOf): Day {
  switch (segment) {
    case 'EndOfMonth':
      return endOfMonth(day);
    case 'EndOfQuarter':
      return endOfQuarter(day);
    case 'EndOfCalendarYear':
      return endOfYear(day);
  }
}

/**
 * The day a contract ends when notice is given on `noticeDay`: at least the notice period later (calendar months,
 * 31 Jan + 1 month = 28/29 Feb), not before the irrevocable period ends, and then at the end of the month, quarter or
 * year when the terms say so [løbende måned/kvartal/år]. Null when the contract has no termination terms.
 */
export function endIfNoticeGivenOn(
  noticeDay: Day,
  terms: Pick<ContractTerms, 'noticePeriodMonths' | 'noticeByEndOf' | 'irrevocableUntil'>,
): Day | null {
  if (terms.noticePeriodMonths === null && terms.noticeByEndOf === null) return null;
  const earliest = maxDay(addMonths(noticeDay, terms.noticePeriodMonths ?? 0), terms.irrevocableUntil);
  return terms.noticeByEndOf ? endOfSegment(earliest, terms.noticeByEndOf) : earliest;
}

/**
 * The last day, not before `from`, on which notice still ends the contract on `end`: the latest day D with
 * D + notice months ≤ end. Null when even `from` is too late.
 */
export function lastNoticeDayFor(end: Day, noticePeriodMonths: number, from: Day): Day | null {
  let day = addMonths(end, -noticePeriodMonths);
  // D + n months never exceeds `end` here; step forward while the next day still does not (at most a few days: 31 Jan, 28/29 Feb …)
  for (let i = 0; i < 40; i++) {
    const next = addDays(day, 1);
    if (addMonths(next, noticePeriodMonths) > end) break;
    day = next;
  }
  return day >= from ? day : null;
}

/** The day the contract ends after the notice already given (terminatedAt), by the same rule; never after validTo. */
export function terminationEffectiveDate(terms: ContractTerms): Day | null {
  if (terms.terminatedAt === null) return null;
  return minDay(endIfNoticeGivenOn(terms.terminatedAt, terms) ?? terms.terminatedAt, terms.validTo);
}

/**
 * The last day of the current agreement period: validTo when given (it is kept up to date as options are used),
 * else the start plus the duration and the extension options used; null for ongoing contracts or without a start.
 */
export function agreementPeriodEnd(terms: ContractTerms): Day | null {
  if (terms.validTo !== null) return terms.validTo;
  if (terms.isContinuous || terms.validFrom === null) return null;
  const months = (terms.durationYears ?? 0) * 12 + (terms.durationMonths ?? 0);
  if (months === 0) return null;
  return periodEnd(terms.validFrom, months + terms.extensionOptionsUsed * (terms.extensionOptionMonths ?? 0));
}

/**
 * Deadlines on `today` (a Danish calendar day):
 * - endIfNoticeToday: the day the contract ends if notice is given today (validTo when the contract runs out first);
 * - noticeDeadline: the last day notice can be given to end at that same day (null when the contract runs out by
 *   itself first, or has no termination terms);
 * - irrevocableUntil: the end of the irrevocable period, while it lies ahead or is today;
 * - nextExtensionOptionDate: while an extension option is left, the last day of the current period (use it by then);
 * - terminationEffectiveDate: once notice has been given, the day the contract ends.
 * After the contract has ended (validTo or the termination passed) nothing is ahead and all but the last are null.
 */
export function computeDeadlines(terms: ContractTerms, today: Day): ContractDeadlines {
  const effective = terminationEffectiveDate(terms);
  const ended = (terms.validTo !== null && terms.validTo < today) || (effective !== null && effective < today);
  const none: ContractDeadlines = {
    noticeDeadline: null,
    endIfNoticeToday: null,
    irrevocableUntil: null,
    nextExtensionOptionDate: null,
    terminationEffectiveDate: effective,
  };
  if (ended) return none;
  const irrevocableUntil = terms.irrevocableUntil !== null && terms.irrevocableUntil >= today ? terms.irrevocableUntil : null;
  const periodEnd = agreementPeriodEnd(terms);
  const optionsLeft = terms.extensionOptionCount !== null && terms.extensionOptionsUsed < terms.extensionOptionCount;
  const nextExtensionOptionDate = optionsLeft && periodEnd !== null && periodEnd >= today ? periodEnd : null;
  if (effective !== null) return { ...none, irrevocableUntil, nextExtensionOptionDate };
  const end = endIfNoticeGivenOn(today, terms);
  if (end === null) return { ...none, irrevocableUntil, nextExtensionOptionDate };
  if (terms.validTo !== null && terms.validTo < end)
    return { ...none, endIfNoticeToday: terms.validTo, irrevocableUntil, nextExtensionOptionDate };
  return {
    noticeDeadline: lastNoticeDayFor(end, terms.noticePeriodMonths ?? 0, today),
    endIfNoticeToday: end,
    irrevocableUntil,
    nextExtensionOptionDate,
    terminationEffectiveDate: null,
  };
}

/**
 * Validity on `today` (KITOS `ItContract.Validate`): StartDateNotPassed before validFrom, EndDatePassed after validTo,
 * TerminationPeriodExceeded after the day the notice given takes effect, InvalidParentContract when a valid parent is
 * required and the parent is not valid (`parentValid` null: no parent). Valid when forced, or without errors.
 */
export function computeValidity(terms: ContractTerms, today: Day, parentValid: boolean | null): ContractValidity {
  const validationErrors: ContractValidityError[] = [];
  if (terms.validFrom !== null && today < terms.validFrom) validationErrors.push('StartDateNotPassed');
  if (terms.validTo !== null && today > terms.validTo) validationErrors.push('EndDatePassed');
  const effective = terminationEffectiveDate(terms);
  if (effective !== null && today > effective) validationErrors.push('TerminationPeriodExceeded');
  if (terms.requireValidParent && parentValid === false) validationErrors.push('InvalidParentContract');
  return { valid: terms.enforcedValid || validationErrors.length === 0, enforcedValid: terms.enforcedValid, validationErrors };
}

/** Validity of the first contract of a chain [contract, parent, grandparent, …], each judged with its own parent. */
export function computeChainValidity(chain: readonly ContractTerms[], today: Day): ContractValidity {
  let parentValid: boolean | null = null;
  let validity: ContractValidity | null = null;
  for (let i = chain.length - 1; i >= 0; i--) {
    validity = computeValidity(chain[i], today, parentValid);
    parentValid = validity.valid;
  }
  if (!validity) throw new Error('An empty contract chain has no validity');
  return validity;
}

/** "2 x 1 år", "1 x 6 måneder", "3x1 år": the number of extension options and the months each adds; null otherwise. */
export function parseExtensionOption(name: string): { count: number; months: number } | null {
  const match = /^\s*(\d{1,2})\s*[x×]\s*(\d{1,3})\s*(år|aar|years?|måned(?:er)?|maaned(?:er)?|months?|mdr\.?)\s*$/i.exec(name);
  if (!match) return null;
  const unit = match[3].toLowerCase();
  const months = /^(år|aar|year)/.test(unit) ? Number(match[2]) * 12 : Number(match[2]);
  return { count: Number(match[1]), months };
}

/** The notice-period option's name is a number of months (KITOS); null when it is not one. */
export function parseNoticeMonths(name: string): number | null {
  const match = /^\s*(\d{1,3})(\s*(måned(er)?|mdr\.?|months?))?\s*$/i.exec(name);
  return match ? Number(match[1]) : null;
}
