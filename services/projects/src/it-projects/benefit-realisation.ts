import type { BenefitRealisationResponse, BenefitType, ProjectBenefitsSummaryResponse } from '@kitos/contracts';

export interface BenefitFigures {
  readonly type: BenefitType;
  readonly baseline: number;
  readonly targetValue: number | null;
  readonly targetDate: string | null;
  readonly values: ReadonlyArray<{ readonly year: number; readonly planned: number; readonly realised: number | null }>;
}

export type BenefitRealisation = BenefitRealisationResponse;

const round = (ratio: number) => Math.round(ratio * 10_000) / 10_000;

/**
 * How far a benefit has come, on the Danish calendar day `today` (`YYYY-MM-DD`). Year values are levels of the
 * measure (planned and realised in that year); gains are measured from the baseline, so zero and negative baselines
 * and falling targets (fewer days, fewer errors) need no special case.
 *
 * - The years "to date" are the completed years before today's year, plus today's year once it has a realised value.
 *   A counted year without a realised value has realised nothing (gain 0): a missing measurement shows as below plan.
 * - planRate = Σ(realised − baseline) / Σ(planned − baseline) over those years; null when none is counted or the
 *   planned gain is 0. For economic benefits (values in øre, baseline usually 0) it is realised øre / planned øre.
 * - targetRate = (latest realised − baseline) / (target − baseline), latest realised = the latest measured year up to
 *   today's year (none: the baseline, rate 0); null without a target or when target = baseline.
 * - targetReached: targetRate ≥ 1 (target = baseline: reached once anything is measured). overdue: the target date has
 *   passed and the target is not reached. belowPlan: planRate < 1. Rates are rounded to 4 decimals, comparisons are exact.
 */
export function benefitRealisation(benefit: BenefitFigures, today: string): BenefitRealisation {
  const asOfYear = Number(today.slice(0, 4));
  const b = benefit.baseline;
  const counted = benefit.values.filter((v) => v.year < asOfYear || (v.year === asOfYear && v.realised !== null));
  const plannedGainToDate = counted.reduce((sum, v) => sum + (v.planned - b), 0);
  const realisedGainToDate = counted.reduce((sum, v) => sum + (v.realised === null ? 0 : v.realised - b), 0);
  const planRatio = counted.length && plannedGainToDate !== 0 ? realisedGainToDate / plannedGainToDate : null;

  const measured = benefit.values.filter((v) => v.year <= asOfYear && v.realised !== null).sort((x, y) => y.year - x.year);
  const latestRealised = measured.length ? (measured[0].realised as number) : null;
  const target = benefit.targetValue;
  const targetRatio = target === null || target === b ? null : ((latestRealised ?? b) - b) / (target - b);
  const targetReached = target === null ? false : target === b ? latestRealised !== null : (targetRatio as number) >= 1;
  const overdue = target !== null && benefit.targetDate !== null && benefit.targetDate < today && !targetReached;

  return {
    asOfYear,
    plannedGainToDate,
    realisedGainToDate,
    planRate: planRatio === null ? null : round(planRatio),
    latestRealised,
    targetRate: targetRatio === null ? null : round(targetRatio),
    targetReached,
    overdue,
    belowPlan: planRatio !== null && planRatio < 1,
  };
}

/**
 * The project's realisation: its economic benefits pooled in øre, so each weighs by its value — planned gain to date
 * for the plan rate, target gain for the target rate. Qualitative and quality-of-service benefits have units that do
 * not add up; they count only in `benefitsNeedingAttention`.
 */
export function projectRealisation(benefits: readonly BenefitFigures[], today: string): ProjectBenefitsSummaryResponse {
  let planned = 0;
  let realised = 0;
  let targetGain = 0;
  let reachedGain = 0;
  let attention = 0;
  for (const benefit of benefits) {
    const r = benefitRealisation(benefit, today);
    if (r.overdue || r.belowPlan) attention++;
    if (benefit.type !== 'Economic') continue;
    planned += r.plannedGainToDate;
    realised += r.realisedGainToDate;
    if (benefit.targetValue !== null && benefit.targetValue !== benefit.baseline) {
      targetGain += benefit.targetValue - benefit.baseline;
      reachedGain += (r.latestRealised ?? benefit.baseline) - benefit.baseline;
    }
  }
  return {
    economicPlannedGainToDate: planned,
    economicRealisedGainToDate: realised,
    economicPlanRate: planned === 0 ? null : round(realised / planned),
    economicTargetRate: targetGain === 0 ? null : round(reachedGain / targetGain),
    benefitsNeedingAttention: attention,
  };
}
