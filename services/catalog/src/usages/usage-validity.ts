import type { LifeCycleStatus, UsageValidityError } from '@kitos/contracts';
import { contractValidOn, danishDayOf, type ContractValidityInput } from '@kitos/common';

export interface UsageValidityInput {
  readonly lifeCycleStatus: LifeCycleStatus | null;
  /** `YYYY-MM-DD`, first day in use. */
  readonly validFrom: string | null;
  /** `YYYY-MM-DD`, last day in use. */
  readonly validTo: string | null;
  readonly mainContractUuid?: string | null;
}

export interface UsageValidity {
  readonly valid: boolean;
  readonly validAccordingToValidityPeriod: boolean;
  readonly validAccordingToLifeCycle: boolean;
  readonly validAccordingToMainContract: boolean;
  readonly invalidReasons: UsageValidityError[];
}

/**
 * Whether a usage is in use on the day of `now` in Denmark (KITOS `ItSystemUsage.CheckSystemValidity`): not before its
 * first day, not after its last day (both inclusive, compared as Danish calendar days), not `NotInUse`, and its main
 * contract, when it has one, valid that day (`mainContract` as the catalogue knows it; null = unknown or deleted, which
 * counts as not valid).
 */
export function computeValidity(input: UsageValidityInput, now: Date, mainContract: ContractValidityInput | null = null): UsageValidity {
  const today = danishDayOf(now);
  const invalidReasons: UsageValidityError[] = [];
  if (input.validFrom !== null && today < input.validFrom) invalidReasons.push('StartDateNotPassed');
  if (input.validTo !== null && today > input.validTo) invalidReasons.push('EndDatePassed');
  const validAccordingToValidityPeriod = invalidReasons.length === 0;
  const validAccordingToLifeCycle = input.lifeCycleStatus !== 'NotInUse';
  if (!validAccordingToLifeCycle) invalidReasons.push('NotOperationalAccordingToLifeCycle');
  const validAccordingToMainContract = !input.mainContractUuid || (mainContract !== null && contractValidOn(mainContract, today));
  if (!validAccordingToMainContract) invalidReasons.push('MainContractNotActive');
  return {
    valid: invalidReasons.length === 0,
    validAccordingToValidityPeriod,
    validAccordingToLifeCycle,
    validAccordingToMainContract,
    invalidReasons,
  };
}
