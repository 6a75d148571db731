import { benefitErrors, phaseDateErrors, sumAmounts, withTotals, wouldCycle } from './it-project.rules';
import { externalReferenceErrors, roleAssignmentErrors } from '@kitos/common';

const amounts = (a: number, b: number, c: number, d: number) => ({
  acquisition: { internal: a, external: b },
  operation: { internal: c, external: d },
});

describe('project rules', () => {
  it.each([
    ['no dates', [], []],
    ['start only', [{ phase: 'Phase1', startDate: '2025-01-01', endDate: null }], []],
    ['end on the start day', [{ phase: 'Phase1', startDate: '2025-01-01', endDate: '2025-01-01' }], []],
    ['end before start', [{ phase: 'Phase2', startDate: '2025-02-01', endDate: '2025-01-31' }], ['phases.dates[0].endDate']],
    [
      'a phase twice',
      [
        { phase: 'Phase1', startDate: null, endDate: null },
        { phase: 'Phase1', startDate: null, endDate: null },
      ],
      ['phases.dates[1].phase'],
    ],
  ] as const)('phase dates: %s', (_, dates, fields) => {
    expect(phaseDateErrors(dates as never).map((e) => e.field)).toEqual(fields);
  });

  describe('cycles', () => {
    const parents = new Map<string, string | null>([
      ['a', null],
      ['b', 'a'],
      ['c', 'b'],
    ]);
    const parentOf = async (uuid: string) => parents.get(uuid) ?? null;

    it.each([
      ['itself', 'a', 'a', true],
      ['a descendant', 'a', 'c', true],
      ['a child', 'b', 'c', true],
      ['an unrelated root', 'd', 'a', false],
      ['its own ancestor again', 'c', 'a', false],
    ])('%s as parent', async (_, project, parent, cycles) => {
      expect(await wouldCycle(project, parent, parentOf)).toBe(cycles);
    });

    it('treats a chain longer than the limit as a cycle (defensive)', async () => {
      expect(await wouldCycle('x', 'y', async () => 'z', 5)).toBe(true);
    });
  });

  it('refuses a (role, user) pair twice', () => {
    expect(
      roleAssignmentErrors([
        { roleUuid: 'r', userUuid: 'u' },
        { roleUuid: 'r', userUuid: 'v' },
        { roleUuid: 'r', userUuid: 'u' },
      ]),
    ).toEqual([expect.objectContaining({ field: 'roles[2]' })]);
  });

  it('refuses unknown and repeated reference uuids and two master references', () => {
    const fields = externalReferenceErrors(
      [{ uuid: 'known', masterReference: true }, { uuid: 'known' }, { uuid: 'other' }, { masterReference: true }],
      new Set(['known']),
      'project',
    ).map((e) => e.field);
    expect(fields).toEqual(['externalReferences[1].uuid', 'externalReferences[2].uuid', 'externalReferences']);
  });

  it('benefits: one row per year, economic values in whole øre', () => {
    const values = [
      { year: 2025, planned: 1.5, realised: null },
      { year: 2025, planned: 2, realised: 0.25 },
    ];
    expect(benefitErrors({ type: 'Economic', baseline: 0.5, targetValue: 10, values }).map((e) => e.field)).toEqual([
      'values[1].year',
      'baseline',
      'values[0].planned',
      'values[1].realised',
    ]);
    expect(benefitErrors({ type: 'Qualitative', baseline: 0.5, targetValue: 1.5, values: [values[0]] })).toEqual([]);
  });

  it('totals internal + external and acquisition + operation, and sums years', () => {
    expect(withTotals(amounts(1, 2, 3, 4))).toEqual({
      acquisition: { internal: 1, external: 2, total: 3 },
      operation: { internal: 3, external: 4, total: 7 },
      total: { internal: 4, external: 6, total: 10 },
    });
    const years = [
      { year: 2025, budget: amounts(1, 2, 3, 4), actual: amounts(0, 0, 0, 0) },
      { year: 2026, budget: amounts(10, 20, 30, 40), actual: amounts(5, 5, 5, 5) },
    ];
    expect(sumAmounts(years, 'budget')).toEqual(amounts(11, 22, 33, 44));
    expect(sumAmounts(years, 'actual')).toEqual(amounts(5, 5, 5, 5));
  });
});
