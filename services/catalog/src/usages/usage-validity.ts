import type { LifeCycleStatus, UsageValidityError } from '@kitos/contracts';

const DANISH_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Copenhagen', year: 'numeric', month: '2-digit', day: '2-digit' });

/** The Danish calendar day (Europe/Copenhagen) of an instant, as `YYYY-MM-DD`. */
export function danishDayOf(instant: Date): string {
  return DANISH_DAY.format(instant);
}

/**
 * The Danish calendar day a client meant: a plain date (`2024-01-01`) is that day; a date-time is the day it falls on
 * in Copenhagen (`2023-12-31T23:00:00Z` is midnight of 1 January there).
 */
export function danishDayOfInput(value: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : danishDayOf(new Date(value));
}

export interface UsageValidityInput {
  readonly lifeCycleStatus: LifeCycleStatus | null;
  /** `YYYY-MM-DD`, first day in use. */
  readonly validFrom: string | null;
  /** `YYYY-MM-DD`, last day in use. */
  readonly validTo: string | null;
}

export interface UsageValidity {
  readonly valid: boolean;
  readonly validAccordingToValidityPeriod: boolean;
  readonly validAccordingToLifeCycle: boolean;
  readonly invalidReasons: UsageValidityError[];
}

/**
 * Whether a usage is in use on the day of `now` in Denmark (KITOS `ItSystemUsage.CheckSystemValidity`): not before its
 * first day, not after its last day (both inclusive, compared as Danish calendar days) and not `NotInUse`.
 */
export function computeValidity(input: UsageValidityInput, now: Date): UsageValidity {
  const today = danishDayOf(now);
  const invalidReasons: UsageValidityError[] = [];
  if (input.validFrom !== null && today < input.validFrom) invalidReasons.push('StartDateNotPassed');
  if (input.validTo !== null && today > input.validTo) invalidReasons.push('EndDatePassed');
  const validAccordingToValidityPeriod = invalidReasons.length === 0;
  const validAccordingToLifeCycle = input.lifeCycleStatus !== 'NotInUse';
  if (!validAccordingToLifeCycle) invalidReasons.push('NotOperationalAccordingToLifeCycle');
  return { valid: invalidReasons.length === 0, validAccordingToValidityPeriod, validAccordingToLifeCycle, invalidReasons };
}
