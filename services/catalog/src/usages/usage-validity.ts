import type { LifeCycleStatus, UsageValidityError } from '@kitos/contracts';
import { danishDayOf } from '@kitos/common';

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
