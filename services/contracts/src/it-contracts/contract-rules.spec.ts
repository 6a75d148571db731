import {
  agreementPeriodErrors,
  duplicateErrors,
  keptUuidErrors,
  masterReferenceErrors,
  parentCycleError,
  validityPeriodErrors,
} from './contract-rules';
import { roleAssignmentErrors } from '@kitos/common';

describe('contract rules', () => {
  it('names each repeated agreement element by its position', () => {
    expect(duplicateErrors('general.agreementElementUuids', ['a', 'b', 'a', 'a'], 'Agreement element').map((e) => e.field)).toEqual([
      'general.agreementElementUuids[2]',
      'general.agreementElementUuids[3]',
    ]);
    expect(duplicateErrors('x', ['a', 'b'], 'X')).toEqual([]);
  });

  it('refuses the same role for the same user twice, not the same role for two users', () => {
    expect(
      roleAssignmentErrors([
        { roleUuid: 'r', userUuid: 'u' },
        { roleUuid: 'r', userUuid: 'v' },
      ]),
    ).toEqual([]);
    expect(
      roleAssignmentErrors([
        { roleUuid: 'r', userUuid: 'u' },
        { roleUuid: 'r', userUuid: 'u' },
      ]).map((e) => e.field),
    ).toEqual(['roles[1]']);
  });

  it.each([
    [[{ uuid: 'a' }, {}], ['a'], []],
    [[{ uuid: 'x' }], ['a'], ['payments.internal[0].uuid']],
    [[{ uuid: 'a' }, { uuid: 'a' }], ['a'], ['payments.internal[1].uuid']],
  ])('kept uuids %j of %j → errors %j', (items, existing, fields) => {
    expect(keptUuidErrors('payments.internal', items, new Set(existing), 'Payment').map((e) => e.field)).toEqual(fields);
  });

  it('allows at most one master reference', () => {
    expect(masterReferenceErrors([{ masterReference: true }, { masterReference: false }])).toEqual([]);
    expect(masterReferenceErrors([{ masterReference: true }, { masterReference: true }])).toHaveLength(1);
  });

  it.each([
    ['2024-01-01', '2023-12-31', ['general.validity.validTo']],
    ['2024-01-01', '2024-01-01', []],
    [null, '2023-12-31', []],
  ])('validity from %s to %s → %j', (from, to, fields) => {
    expect(validityPeriodErrors(from, to).map((e) => e.field)).toEqual(fields);
  });

  it.each([
    [
      { isContinuous: true, durationYears: 2, durationMonths: null, extensionOptionsUsed: 0, extensionOptionCount: null },
      ['agreementPeriod.isContinuous'],
    ],
    [{ isContinuous: true, durationYears: null, durationMonths: null, extensionOptionsUsed: 0, extensionOptionCount: null }, []],
    [
      { isContinuous: false, durationYears: 2, durationMonths: 6, extensionOptionsUsed: 3, extensionOptionCount: 2 },
      ['agreementPeriod.extensionOptionsUsed'],
    ],
    [{ isContinuous: false, durationYears: 2, durationMonths: 6, extensionOptionsUsed: 2, extensionOptionCount: 2 }, []],
  ])('agreement period %j → %j', (period, fields) => {
    expect(agreementPeriodErrors(period).map((e) => e.field)).toEqual(fields);
  });

  it.each([
    ['c', 'c', [], 'itself'],
    ['c', 'child', ['c', 'top'], 'a sub-contract'],
    ['c', 'grandchild', ['child', 'c'], 'a sub-sub-contract'],
  ])('%s cannot get %s as parent (%s)', (contract, parent, ancestors) => {
    expect(parentCycleError(contract, parent, ancestors, 'parentContractUuid')).toMatchObject({ field: 'parentContractUuid' });
  });

  it('accepts a parent outside its own subtree', () => {
    expect(parentCycleError('c', 'other', ['top'], 'parentContractUuid')).toBeNull();
  });
});
