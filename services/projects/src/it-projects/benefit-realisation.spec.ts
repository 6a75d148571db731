import { benefitRealisation, projectRealisation, type BenefitFigures } from './benefit-realisation';

const TODAY = '2026-03-15';
const benefit = (fields: Partial<BenefitFigures>): BenefitFigures => ({
  type: 'Economic',
  baseline: 0,
  targetValue: null,
  targetDate: null,
  values: [],
  ...fields,
});

describe('benefitRealisation', () => {
  it.each<
    [string, Partial<BenefitFigures>, { planRate: number | null; targetRate: number | null; belowPlan: boolean; targetReached: boolean }]
  >([
    [
      'economic, zero baseline, on plan',
      { values: [{ year: 2025, planned: 100_000, realised: 100_000 }], targetValue: 200_000 },
      { planRate: 1, targetRate: 0.5, belowPlan: false, targetReached: false },
    ],
    [
      'economic, zero baseline, below plan over two years',
      {
        values: [
          { year: 2024, planned: 100_000, realised: 80_000 },
          { year: 2025, planned: 200_000, realised: 160_000 },
        ],
        targetValue: 160_000,
      },
      { planRate: 0.8, targetRate: 1, belowPlan: true, targetReached: true },
    ],
    [
      'positive baseline: gains are measured from it',
      { baseline: 50, values: [{ year: 2025, planned: 70, realised: 65 }], targetValue: 90, type: 'Qualitative' },
      { planRate: 0.75, targetRate: 0.375, belowPlan: true, targetReached: false },
    ],
    [
      'negative baseline (a deficit turned around)',
      { baseline: -100, values: [{ year: 2025, planned: 0, realised: 50 }], targetValue: 100 },
      { planRate: 1.5, targetRate: 0.75, belowPlan: false, targetReached: false },
    ],
    [
      'falling target (fewer days of processing)',
      { baseline: 30, values: [{ year: 2025, planned: 20, realised: 25 }], targetValue: 10, type: 'QualityOfService' },
      { planRate: 0.5, targetRate: 0.25, belowPlan: true, targetReached: false },
    ],
    [
      'realised in the wrong direction gives a negative rate',
      { baseline: 10, values: [{ year: 2025, planned: 20, realised: 5 }], targetValue: 30 },
      { planRate: -0.5, targetRate: -0.25, belowPlan: true, targetReached: false },
    ],
    [
      'a past year without a measurement has realised nothing',
      { values: [{ year: 2025, planned: 100, realised: null }], targetValue: 100 },
      { planRate: 0, targetRate: 0, belowPlan: true, targetReached: false },
    ],
    [
      'the current year counts only once measured; future years never',
      {
        values: [
          { year: 2026, planned: 100, realised: null },
          { year: 2027, planned: 100, realised: 100 },
        ],
      },
      { planRate: null, targetRate: null, belowPlan: false, targetReached: false },
    ],
    [
      'the current year counts once measured',
      { values: [{ year: 2026, planned: 100, realised: 120 }], targetValue: 120 },
      { planRate: 1.2, targetRate: 1, belowPlan: false, targetReached: true },
    ],
    [
      'no planned gain: no plan rate',
      { baseline: 5, values: [{ year: 2025, planned: 5, realised: 7 }] },
      { planRate: null, targetRate: null, belowPlan: false, targetReached: false },
    ],
    [
      'target equal to the baseline is reached once measured',
      { baseline: 0, targetValue: 0, values: [{ year: 2025, planned: 0, realised: 0 }] },
      { planRate: null, targetRate: null, belowPlan: false, targetReached: true },
    ],
    [
      'rates are rounded to 4 decimals',
      { values: [{ year: 2025, planned: 3, realised: 1 }], targetValue: 3 },
      { planRate: 0.3333, targetRate: 0.3333, belowPlan: true, targetReached: false },
    ],
  ])('%s', (_, fields, expected) => {
    expect(benefitRealisation(benefit(fields), TODAY)).toMatchObject(expected);
  });

  it('sums the gains to date and names the latest measured value', () => {
    const result = benefitRealisation(
      benefit({
        baseline: 10,
        values: [
          { year: 2023, planned: 20, realised: 15 },
          { year: 2024, planned: 30, realised: null },
          { year: 2025, planned: 40, realised: 35 },
        ],
      }),
      TODAY,
    );
    expect(result).toMatchObject({ asOfYear: 2026, plannedGainToDate: 60, realisedGainToDate: 30, latestRealised: 35, planRate: 0.5 });
  });

  it('is overdue when the target date has passed without the target reached, not before and not once reached', () => {
    const base = { targetValue: 100, values: [{ year: 2025, planned: 100, realised: 60 }] };
    expect(benefitRealisation(benefit({ ...base, targetDate: '2026-03-14' }), TODAY).overdue).toBe(true);
    expect(benefitRealisation(benefit({ ...base, targetDate: '2026-03-15' }), TODAY).overdue).toBe(false);
    expect(
      benefitRealisation(benefit({ ...base, targetDate: '2025-12-31', values: [{ year: 2025, planned: 100, realised: 100 }] }), TODAY)
        .overdue,
    ).toBe(false);
    expect(benefitRealisation(benefit({ targetDate: '2020-01-01' }), TODAY).overdue).toBe(false);
  });
});

describe('projectRealisation', () => {
  it('pools the economic benefits in øre, so a large benefit weighs more than a small one', () => {
    const summary = projectRealisation(
      [
        benefit({ values: [{ year: 2025, planned: 900_000, realised: 900_000 }], targetValue: 1_800_000 }),
        benefit({ values: [{ year: 2025, planned: 100_000, realised: 0 }], targetValue: 200_000 }),
        benefit({ type: 'Qualitative', baseline: 3, values: [{ year: 2025, planned: 4, realised: 5 }] }),
      ],
      TODAY,
    );
    expect(summary).toEqual({
      economicPlannedGainToDate: 1_000_000,
      economicRealisedGainToDate: 900_000,
      economicPlanRate: 0.9,
      economicTargetRate: 0.45,
      benefitsNeedingAttention: 1,
    });
  });

  it('has no rates without economic benefits', () => {
    expect(projectRealisation([], TODAY)).toEqual({
      economicPlannedGainToDate: 0,
      economicRealisedGainToDate: 0,
      economicPlanRate: null,
      economicTargetRate: null,
      benefitsNeedingAttention: 0,
    });
  });
});
