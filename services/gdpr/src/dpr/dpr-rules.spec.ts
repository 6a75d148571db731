import { contractValidOn, dependentOnYes, isEmptyList, isNull, registrationValid, subProcessorErrors } from './dpr-rules';
import { externalReferenceErrors, roleAssignmentErrors } from '@kitos/common';

describe('a value that depends on a Yes answer', () => {
  const countries = (answer: string | null, value: string[], sent: boolean) =>
    dependentOnYes({
      field: 'general.countries',
      parentField: 'general.transfer',
      answer,
      value,
      sent,
      isEmpty: isEmptyList,
      empty: [] as string[],
    });

  it.each<[string | null, string[], boolean, string[], boolean]>([
    ['Yes', ['dk'], true, ['dk'], false],
    ['Yes', [], true, [], false],
    ['Yes', ['dk'], false, ['dk'], false],
    ['No', ['dk'], true, [], true],
    ['No', [], true, [], false],
    ['No', ['dk'], false, [], false],
    [null, ['dk'], true, [], true],
    [null, ['dk'], false, [], false],
    ['Undecided', ['dk'], true, [], true],
  ])('answer %s, value %j, sent %s → %j, error %s', (answer, value, sent, expected, error) => {
    const result = countries(answer, value, sent);
    expect(result.value).toEqual(expected);
    expect(result.error !== null).toBe(error);
    if (error) expect(result.error?.field).toBe('general.countries');
  });

  it('works for single values (a date)', () => {
    const date = (answer: string, value: string | null, sent: boolean) =>
      dependentOnYes({ field: 'd', parentField: 'p', answer, value, sent, isEmpty: isNull, empty: null });
    expect(date('Yes', '2024-01-01', true)).toEqual({ value: '2024-01-01', error: null });
    expect(date('DontKnow', '2024-01-01', true).error?.field).toBe('d');
    expect(date('Irrelevant', '2024-01-01', false)).toEqual({ value: null, error: null });
    expect(date('No', null, true)).toEqual({ value: null, error: null });
  });
});

describe('sub-processors', () => {
  const a = '11111111-1111-4111-8111-111111111111';
  const b = '22222222-2222-4222-8222-222222222222';
  it('refuses the same organisation twice and a country without a Yes', () => {
    const errors = subProcessorErrors([
      { dataProcessorOrganizationUuid: a },
      { dataProcessorOrganizationUuid: a },
      { dataProcessorOrganizationUuid: b, transferToInsecureThirdCountry: 'No', insecureThirdCountrySubjectToDataProcessingUuid: a },
    ]);
    expect(errors.map((e) => e.field)).toEqual([
      'general.subDataProcessors[1]',
      'general.subDataProcessors[2].insecureThirdCountrySubjectToDataProcessingUuid',
    ]);
  });

  it('accepts a country with a Yes', () => {
    expect(
      subProcessorErrors([
        { dataProcessorOrganizationUuid: a, transferToInsecureThirdCountry: 'Yes', insecureThirdCountrySubjectToDataProcessingUuid: b },
      ]),
    ).toEqual([]);
  });
});

describe('roles and references', () => {
  it('refuses a (role, user) pair twice', () => {
    expect(
      roleAssignmentErrors([
        { roleUuid: 'r', userUuid: 'u' },
        { roleUuid: 'r', userUuid: 'u' },
      ]).map((e) => e.field),
    ).toEqual(['roles[1]']);
  });

  it('refuses unknown reference uuids and two master references', () => {
    const errors = externalReferenceErrors(
      [{ uuid: 'x' }, { masterReference: true }, { masterReference: true }],
      new Set(),
      'registration',
    );
    expect(errors.map((e) => e.field)).toEqual(['externalReferences[0].uuid', 'externalReferences']);
  });
});

describe('validity that follows the main contract', () => {
  it.each<[string, Parameters<typeof contractValidOn>[0], string, boolean]>([
    ['forced valid', { enforcedValid: true, validTo: '2020-01-01', valid: false }, '2025-01-01', true],
    ['inside the dates', { validFrom: '2024-01-01', validTo: '2025-12-31' }, '2025-12-31', true],
    ['before the first day', { validFrom: '2025-01-02' }, '2025-01-01', false],
    ['after the last day', { validTo: '2024-12-31', valid: true }, '2025-01-01', false],
    ['no dates: as the event said', { valid: false }, '2025-01-01', false],
    ['no dates and no word: valid', {}, '2025-01-01', true],
  ])('%s', (_name, contract, today, expected) => {
    expect(contractValidOn(contract, today)).toBe(expected);
  });

  it('a registration without a main contract is valid; one whose main contract is unknown is not', () => {
    expect(registrationValid(null, false, '2025-01-01')).toBe(true);
    expect(registrationValid(null, true, '2025-01-01')).toBe(false);
    expect(registrationValid({ validTo: '2024-01-01' }, true, '2025-01-01')).toBe(false);
  });
});
