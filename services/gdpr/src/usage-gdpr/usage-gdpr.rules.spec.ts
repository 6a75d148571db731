import { EMPTY_GDPR, deletionDueDate, processesPersonalData, processesSensitiveData, type GdprFields } from './usage-gdpr';
import { GDPR_YES_GATES } from '@kitos/contracts';
import { changedGdprFields, resolveGdprWrite } from './usage-gdpr.rules';

const LINK = { name: 'Dokumentation', url: 'https://intranet.example/doc' };
const VALUE: Record<string, unknown> = {
  technicalPrecautionsApplied: ['Encryption'],
  technicalPrecautionsDocumentation: LINK,
  userSupervisionDate: '2025-01-02',
  userSupervisionDocumentation: LINK,
  riskAssessmentConductedDate: '2025-01-02',
  riskAssessmentResult: 'Low',
  riskAssessmentDocumentation: LINK,
  riskAssessmentNotes: 'Lav risiko',
  dpiaDate: '2025-01-02',
  dpiaDocumentation: LINK,
  nextDataRetentionEvaluationDate: '2027-01-01',
  dataRetentionEvaluationFrequencyInMonths: 12,
};
const PAIRS = Object.entries(GDPR_YES_GATES).flatMap(([parent, dependents]) => dependents.map((d) => [parent, d] as const));

describe('resolveGdprWrite (KITOS: dependent fields only when the parent is Yes)', () => {
  it.each(PAIRS)('accepts %s = Yes with %s set', (parent, dependent) => {
    const { next, errors } = resolveGdprWrite(EMPTY_GDPR, { [parent]: 'Yes', [dependent]: VALUE[dependent] }, 'patch');
    expect(errors).toEqual([]);
    expect(next[dependent]).toEqual(VALUE[dependent]);
  });

  it.each(PAIRS.flatMap(([p, d]) => ['No', 'DontKnow', 'Undecided', null].map((answer) => [p, d, answer] as const)))(
    'refuses %s set while %s is %s, naming the field',
    (parent, dependent, answer) => {
      const { errors } = resolveGdprWrite(EMPTY_GDPR, { [parent]: answer, [dependent]: VALUE[dependent] }, 'patch');
      expect(errors).toEqual([{ field: dependent, message: `${dependent} may only be set when ${parent} is Yes` }]);
    },
  );

  it.each(PAIRS)('answering %s with No clears %s', (parent, dependent) => {
    const current = { ...EMPTY_GDPR, [parent]: 'Yes', [dependent]: VALUE[dependent] } as GdprFields;
    const { next, errors } = resolveGdprWrite(current, { [parent]: 'No' }, 'patch');
    expect(errors).toEqual([]);
    expect(next[dependent]).toEqual(EMPTY_GDPR[dependent]);
  });

  it('refuses a dependent sent in a PATCH when the stored parent is not Yes', () => {
    expect(resolveGdprWrite(EMPTY_GDPR, { dpiaDate: '2025-01-01' }, 'patch').errors).toEqual([
      { field: 'dpiaDate', message: 'dpiaDate may only be set when dpiaConducted is Yes' },
    ]);
  });

  it('accepts a dependent in a PATCH when the stored parent is Yes, and clearing a dependent with null', () => {
    const current = { ...EMPTY_GDPR, dpiaConducted: 'Yes' } as GdprFields;
    expect(resolveGdprWrite(current, { dpiaDate: '2025-01-01' }, 'patch').next.dpiaDate).toBe('2025-01-01');
    expect(resolveGdprWrite(EMPTY_GDPR, { dpiaDate: null }, 'patch').errors).toEqual([]);
  });

  it('keeps the planned risk assessment date whatever the answer', () => {
    const { next, errors } = resolveGdprWrite(
      EMPTY_GDPR,
      { riskAssessmentConducted: 'No', plannedRiskAssessmentDate: '2026-06-01' },
      'patch',
    );
    expect(errors).toEqual([]);
    expect(next.plannedRiskAssessmentDate).toBe('2026-06-01');
  });

  it.each(['dataSensitivityLevels', 'specificPersonalData', 'technicalPrecautionsApplied'] as const)(
    'refuses duplicates in %s',
    (field) => {
      const value = { dataSensitivityLevels: 'PersonData', specificPersonalData: 'CprNumber', technicalPrecautionsApplied: 'Logging' }[
        field
      ];
      const { errors } = resolveGdprWrite(EMPTY_GDPR, { technicalPrecautionsInPlace: 'Yes', [field]: [value, value] }, 'patch');
      expect(errors.map((e) => e.field)).toEqual([field]);
    },
  );

  it('PUT resets what is not sent; PATCH keeps it', () => {
    const current = { ...EMPTY_GDPR, purpose: 'Løn', hostedAt: 'External' } as GdprFields;
    expect(resolveGdprWrite(current, { purpose: 'Sager' }, 'put').next).toMatchObject({ purpose: 'Sager', hostedAt: null });
    expect(resolveGdprWrite(current, { purpose: 'Sager' }, 'patch').next).toMatchObject({ purpose: 'Sager', hostedAt: 'External' });
  });

  it('takes a date-time as its Danish day', () => {
    const { next } = resolveGdprWrite(EMPTY_GDPR, { dpiaConducted: 'Yes', dpiaDate: '2024-12-31T23:30:00Z' }, 'patch');
    expect(next.dpiaDate).toBe('2025-01-01');
  });

  it('lists the changed fields', () => {
    const after = { ...EMPTY_GDPR, purpose: 'x', dataSensitivityLevels: ['PersonData'] } as GdprFields;
    expect(changedGdprFields(EMPTY_GDPR, after)).toEqual(['purpose', 'dataSensitivityLevels']);
  });
});

describe('derived GDPR facts', () => {
  it.each([
    [[], false],
    [['None'], false],
    [['PersonData'], true],
    [['None', 'LegalData'], true],
  ])('levels %j → processes personal data %s', (levels, expected) => {
    expect(processesPersonalData({ dataSensitivityLevels: levels as GdprFields['dataSensitivityLevels'] })).toBe(expected);
  });

  it.each([
    [['PersonData'], [], false],
    [['SensitiveData'], [], true],
    [['LegalData'], [], true],
    [['PersonData'], ['CprNumber'], true],
  ])('levels %j and %j → sensitive %s', (levels, specific, expected) => {
    expect(
      processesSensitiveData({
        dataSensitivityLevels: levels as GdprFields['dataSensitivityLevels'],
        specificPersonalData: specific as GdprFields['specificPersonalData'],
      }),
    ).toBe(expected);
  });

  it('is due for deletion on the next evaluation only when a retention period is defined', () => {
    expect(deletionDueDate({ retentionPeriodDefined: 'Yes', nextDataRetentionEvaluationDate: '2027-01-01' })).toBe('2027-01-01');
    expect(deletionDueDate({ retentionPeriodDefined: 'No', nextDataRetentionEvaluationDate: '2027-01-01' })).toBeNull();
  });
});
