import type { DprYesNo, OversightInterval } from '@kitos/contracts';
import { addMonths } from '@kitos/common';

/** Months between two oversights for the intervals that have a length; Undecided and Other have none. */
export const INTERVAL_MONTHS: Readonly<Record<OversightInterval, number | null>> = {
  Undecided: null,
  BiYearly: 6,
  Yearly: 12,
  EveryOtherYear: 24,
  Other: null,
};

export interface OversightState {
  readonly oversightInterval: OversightInterval | null;
  readonly isOversightCompleted: DprYesNo | null;
  /** `YYYY-MM-DD` days of the completed oversights, in any order. */
  readonly completedDates: readonly string[];
  readonly scheduledInspectionDate: string | null;
}

/** The most recent completed oversight (only completed = Yes has any), or null. */
export function lastCompletedOversight(state: Pick<OversightState, 'isOversightCompleted' | 'completedDates'>): string | null {
  if (state.isOversightCompleted !== 'Yes' || !state.completedDates.length) return null;
  return [...state.completedDates].sort().at(-1)!;
}

/**
 * When the next oversight [tilsyn] is due:
 * - from the interval: the last completed oversight plus the interval's months (none without a completed oversight,
 *   and none for Undecided, Other or no interval);
 * - the scheduled inspection date, unless it is on or before the last completed oversight (then it has taken place);
 * - the earlier of the two; null when neither exists.
 */
export function nextOversightDate(state: OversightState): string | null {
  const last = lastCompletedOversight(state);
  const months = state.oversightInterval ? INTERVAL_MONTHS[state.oversightInterval] : null;
  const fromInterval = last !== null && months !== null ? addMonths(last, months) : null;
  const scheduled =
    state.scheduledInspectionDate !== null && (last === null || state.scheduledInspectionDate > last)
      ? state.scheduledInspectionDate
      : null;
  const candidates = [fromInterval, scheduled].filter((d): d is string => d !== null).sort();
  return candidates[0] ?? null;
}
