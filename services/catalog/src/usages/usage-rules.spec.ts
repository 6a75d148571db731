import { isExpectedUsersBucket, kleDeviationErrors, organizationUsageErrors } from './usage-rules';

const K1 = '11111111-1111-4111-8111-111111111111';
const K2 = '22222222-2222-4222-8222-222222222222';
const K3 = '33333333-3333-4333-8333-333333333333';

describe('isExpectedUsersBucket', () => {
  it.each([
    [0, 9],
    [10, 50],
    [50, 100],
    [100, null],
  ])('accepts %i–%s', (lowerBound, upperBound) => {
    expect(isExpectedUsersBucket({ lowerBound, upperBound })).toBe(true);
  });

  it('accepts 100+ with the upper bound left out', () => {
    expect(isExpectedUsersBucket({ lowerBound: 100 })).toBe(true);
  });

  it.each([
    [0, 10],
    [1, 9],
    [10, 49],
    [9, 50],
    [50, null],
    [100, 200],
    [0, null],
    [200, null],
  ])('refuses %i–%s', (lowerBound, upperBound) => {
    expect(isExpectedUsersBucket({ lowerBound, upperBound })).toBe(false);
  });
});

describe('kleDeviationErrors', () => {
  const system = new Set([K1, K2]);
  const fields = (errors: ReturnType<typeof kleDeviationErrors>) => errors.map((e) => e.field);

  it('accepts adding KLE the system lacks and removing KLE it has', () => {
    expect(kleDeviationErrors([K3], [K1], system)).toEqual([]);
  });

  it('accepts no deviations', () => {
    expect(kleDeviationErrors([], [], new Set())).toEqual([]);
  });

  it('refuses a duplicate in the added list', () => {
    expect(fields(kleDeviationErrors([K3, K3], [], system))).toEqual(['localKleDeviations.addedKLEUuids[1]']);
  });

  it('refuses a duplicate in the removed list', () => {
    expect(fields(kleDeviationErrors([], [K1, K2, K1], system))).toEqual(['localKleDeviations.removedKLEUuids[2]']);
  });

  it('refuses a KLE both added and removed', () => {
    const errors = kleDeviationErrors([K3], [K3], new Set([K3]));
    expect(errors).toEqual([
      expect.objectContaining({ field: 'localKleDeviations.addedKLEUuids[0]', message: expect.stringMatching(/both/) }),
    ]);
  });

  it('refuses adding a KLE the system already has', () => {
    const errors = kleDeviationErrors([K3, K1], [], system);
    expect(errors).toEqual([
      expect.objectContaining({ field: 'localKleDeviations.addedKLEUuids[1]', message: expect.stringMatching(/already on the system/) }),
    ]);
  });

  it('refuses removing a KLE the system does not have', () => {
    const errors = kleDeviationErrors([], [K2, K3], system);
    expect(errors).toEqual([
      expect.objectContaining({ field: 'localKleDeviations.removedKLEUuids[1]', message: expect.stringMatching(/not on the system/) }),
    ]);
  });

  it('reports every problem at once', () => {
    expect(fields(kleDeviationErrors([K1, K1], [K3], system))).toEqual([
      'localKleDeviations.addedKLEUuids[1]',
      'localKleDeviations.addedKLEUuids[0]',
      'localKleDeviations.addedKLEUuids[1]',
      'localKleDeviations.removedKLEUuids[0]',
    ]);
  });
});

describe('organizationUsageErrors', () => {
  it('accepts a responsible unit among the using units', () => {
    expect(organizationUsageErrors([K1, K2], K2)).toEqual([]);
  });

  it('accepts using units without a responsible unit', () => {
    expect(organizationUsageErrors([K1], null)).toEqual([]);
  });

  it('refuses a responsible unit that is not a using unit', () => {
    expect(organizationUsageErrors([K1], K2).map((e) => e.field)).toEqual(['organizationUsage.responsibleOrganizationUnitUuid']);
  });

  it('refuses a responsible unit without using units', () => {
    expect(organizationUsageErrors([], K1).map((e) => e.field)).toEqual(['organizationUsage.responsibleOrganizationUnitUuid']);
  });

  it('refuses a duplicate using unit', () => {
    expect(organizationUsageErrors([K1, K1], K1).map((e) => e.field)).toEqual(['organizationUsage.usingOrganizationUnitUuids[1]']);
  });
});
