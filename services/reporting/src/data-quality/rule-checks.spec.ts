import type { DataQualityRule } from '@kitos/contracts';
import {
  applies,
  evaluateObject,
  failureOf,
  mean,
  median,
  monthsBefore,
  ModuleAccumulator,
  overallOf,
  rulesOf,
  type EvaluationContext,
} from './rule-checks';
import { REGISTRATION_PRACTICE_V1 } from './registration-practice.v1';

const context = (over: Partial<EvaluationContext> = {}): EvaluationContext => ({
  today: '2026-03-15',
  usagesWithAgreedDpr: new Set(),
  usagesWithDpr: new Set(),
  usagesWithContract: new Set(),
  ...over,
});

const rule = (
  type: DataQualityRule['check']['type'],
  params: Record<string, unknown>,
  over: Partial<DataQualityRule> = {},
): DataQualityRule => ({
  id: 'r',
  module: 'usages',
  level: 'minimum',
  title: 'T',
  description: '',
  enabled: true,
  check: { type, params },
  ...over,
});

const usage = (
  data: Record<string, unknown> = {},
  gdpr: Record<string, unknown> | null = null,
  archive: Record<string, unknown> | null = null,
) => ({
  _id: 'u1',
  organizationUuid: 'o1',
  data,
  gdpr: gdpr && { version: 1, deleted: false, data: gdpr },
  archive: archive && { version: 1, deleted: false, data: archive },
});

describe('data-quality checks', () => {
  describe('failureOf: each check type passes or fails', () => {
    it.each<[string, DataQualityRule, ReturnType<typeof usage>, EvaluationContext, boolean]>([
      [
        'required: set',
        rule('required', { field: 'data.responsibleOrganizationUnitUuid' }),
        usage({ responsibleOrganizationUnitUuid: 'x' }),
        context(),
        true,
      ],
      [
        'required: null',
        rule('required', { field: 'data.responsibleOrganizationUnitUuid' }),
        usage({ responsibleOrganizationUnitUuid: null }),
        context(),
        false,
      ],
      ['required: absent', rule('required', { field: 'data.responsibleOrganizationUnitUuid' }), usage({}), context(), false],
      ['required: blank text', rule('required', { field: 'data.localCallName' }), usage({ localCallName: '  ' }), context(), false],
      [
        'required: empty list',
        rule('required', { field: 'data.usingOrganizationUnitUuids' }),
        usage({ usingOrganizationUnitUuids: [] }),
        context(),
        false,
      ],
      [
        'required: 0 counts',
        rule('required', { field: 'data.expectedUsersLowerBound' }),
        usage({ expectedUsersLowerBound: 0 }),
        context(),
        true,
      ],
      [
        'required: false counts',
        rule('required', { field: 'data.validity.valid' }),
        usage({ validity: { valid: false } }),
        context(),
        true,
      ],
      [
        'oneOf: decided',
        rule('oneOf', { field: 'archive.data.archiveDuty', values: ['B', 'K'] }),
        usage({}, null, { archiveDuty: 'K' }),
        context(),
        true,
      ],
      [
        'oneOf: undecided',
        rule('oneOf', { field: 'archive.data.archiveDuty', values: ['B', 'K'] }),
        usage({}, null, { archiveDuty: 'Undecided' }),
        context(),
        false,
      ],
      ['oneOf: no profile', rule('oneOf', { field: 'archive.data.archiveDuty', values: ['B', 'K'] }), usage(), context(), false],
      ['oneOf: null allowed', rule('oneOf', { field: 'archive.data.archiveDuty', values: [null] }), usage(), context(), true],
      [
        'maxAgeMonths: exactly 36 months',
        rule('maxAgeMonths', { field: 'gdpr.data.riskAssessmentDate', months: 36 }),
        usage({}, { riskAssessmentDate: '2023-03-15' }),
        context(),
        true,
      ],
      [
        'maxAgeMonths: a day older',
        rule('maxAgeMonths', { field: 'gdpr.data.riskAssessmentDate', months: 36 }),
        usage({}, { riskAssessmentDate: '2023-03-14' }),
        context(),
        false,
      ],
      [
        'maxAgeMonths: recent',
        rule('maxAgeMonths', { field: 'gdpr.data.riskAssessmentDate', months: 36 }),
        usage({}, { riskAssessmentDate: '2025-12-01' }),
        context(),
        true,
      ],
      [
        'maxAgeMonths: missing',
        rule('maxAgeMonths', { field: 'gdpr.data.riskAssessmentDate', months: 36 }),
        usage({}, { riskAssessmentDate: null }),
        context(),
        false,
      ],
      [
        'maxAgeMonths: 12 months',
        rule('maxAgeMonths', { field: 'gdpr.data.riskAssessmentDate', months: 12 }),
        usage({}, { riskAssessmentDate: '2025-01-01' }),
        context(),
        false,
      ],
      [
        'hasLinked dpr-with-agreement: linked',
        rule('hasLinked', { link: 'dpr-with-agreement' }),
        usage(),
        context({ usagesWithAgreedDpr: new Set(['u1']) }),
        true,
      ],
      [
        'hasLinked dpr-with-agreement: only a DPR without agreement',
        rule('hasLinked', { link: 'dpr-with-agreement' }),
        usage(),
        context({ usagesWithDpr: new Set(['u1']) }),
        false,
      ],
      ['hasLinked dpr: linked', rule('hasLinked', { link: 'dpr' }), usage(), context({ usagesWithDpr: new Set(['u1']) }), true],
      [
        'hasLinked contract: another usage covered',
        rule('hasLinked', { link: 'contract' }),
        usage(),
        context({ usagesWithContract: new Set(['u2']) }),
        false,
      ],
      [
        'hasLinked contract: covered',
        rule('hasLinked', { link: 'contract' }),
        usage(),
        context({ usagesWithContract: new Set(['u1']) }),
        true,
      ],
    ])('%s', (_name, r, doc, ctx, passes) => {
      const failure = failureOf(r, doc, ctx);
      expect(failure === null).toBe(passes);
      if (!passes) expect(failure).toEqual(expect.any(String));
    });
  });

  describe('applies: when', () => {
    const withWhen = rule('hasLinked', { link: 'dpr-with-agreement', when: { field: 'gdpr.data.processesPersonalData', equals: true } });
    it.each([
      ['personal data', usage({}, { processesPersonalData: true }), true],
      ['no personal data', usage({}, { processesPersonalData: false }), false],
      ['no GDPR profile', usage(), false],
    ])('%s', (_name, doc, expected) => expect(applies(withWhen, doc)).toBe(expected));

    it('equals null matches an absent value', () => {
      expect(applies(rule('required', { field: 'data.localCallName', when: { field: 'data.localSystemId', equals: null } }), usage())).toBe(
        true,
      );
    });
  });

  describe('monthsBefore', () => {
    it.each([
      ['2026-03-15', 36, '2023-03-15'],
      ['2026-03-31', 1, '2026-02-28'],
      ['2024-03-31', 1, '2024-02-29'],
      ['2026-01-10', 1, '2025-12-10'],
      ['2026-01-10', 13, '2024-12-10'],
    ])('%s minus %i months = %s', (today, months, expected) => expect(monthsBefore(today, months)).toBe(expected));
  });

  describe('evaluateObject: score = passed / applicable', () => {
    const pack = rulesOf(REGISTRATION_PRACTICE_V1, 'usages');

    it('a usage with personal data but no DPA gets the DPA finding', () => {
      const evaluation = evaluateObject(
        pack,
        usage(
          { responsibleOrganizationUnitUuid: 'unit', validity: { lifeCycleStatus: 'Operational' } },
          { processesPersonalData: true, retentionPeriodDefined: 'Yes', riskAssessmentDate: '2025-06-01', dpiaConducted: 'No' },
          { archiveDuty: 'B' },
        ),
        context(),
      );
      // responsible unit, life cycle, DPA, risk assessment, retention, archive duty apply; DPIA date does not (no DPIA)
      expect(evaluation).toMatchObject({ applicable: 6, passed: 5, meetsMinimum: false });
      expect(evaluation.score).toBeCloseTo(5 / 6);
      expect(evaluation.findings.map((f) => [f.ruleId, f.level])).toEqual([['usage-personal-data-has-dpa', 'minimum']]);
    });

    it('with the DPA linked the finding disappears', () => {
      const evaluation = evaluateObject(
        pack,
        usage(
          { responsibleOrganizationUnitUuid: 'unit', validity: { lifeCycleStatus: 'Operational' } },
          { processesPersonalData: true, retentionPeriodDefined: 'Yes', riskAssessmentDate: '2025-06-01' },
          { archiveDuty: 'B' },
        ),
        context({ usagesWithAgreedDpr: new Set(['u1']) }),
      );
      expect(evaluation).toMatchObject({ applicable: 6, passed: 6, score: 1, meetsMinimum: true, findings: [] });
    });

    it('a usage without profiles: only the rules without when apply', () => {
      const evaluation = evaluateObject(pack, usage({}), context());
      expect(evaluation.applicable).toBe(3);
      expect(evaluation.score).toBe(0);
      expect(evaluation.findings.map((f) => f.ruleId)).toEqual([
        'usage-responsible-unit',
        'usage-lifecycle-status',
        'usage-archive-duty-decided',
      ]);
    });

    it('disabled rules are not evaluated', () => {
      const disabled = REGISTRATION_PRACTICE_V1.map((r) => (r.id === 'usage-archive-duty-decided' ? { ...r, enabled: false } : r));
      expect(rulesOf(disabled, 'usages').map((r) => r.id)).not.toContain('usage-archive-duty-decided');
      expect(evaluateObject(rulesOf(disabled, 'usages'), usage({}), context()).applicable).toBe(2);
    });

    it('no applicable rule → score null (left out of the means)', () => {
      const onlyWhen = [rule('required', { field: 'gdpr.data.dpiaDate', when: { field: 'gdpr.data.dpiaConducted', equals: 'Yes' } })];
      expect(evaluateObject(onlyWhen, usage(), context())).toMatchObject({ applicable: 0, score: null, meetsMinimum: true });
    });
  });

  describe('aggregation', () => {
    it.each<[(number | null)[], number | null, number | null]>([
      [[], null, null],
      [[null], null, null],
      [[1], 1, 1],
      [[0, 1, 0.5], 0.5, 0.5],
      [[0.2, 0.4, 0.9, 1], 0.625, 0.65],
      [[0.3, null, 0.5], 0.4, 0.4],
    ])('mean and median of %j', (scores, expectedMean, expectedMedian) => {
      expectedMean === null ? expect(mean(scores)).toBeNull() : expect(mean(scores)).toBeCloseTo(expectedMean);
      expectedMedian === null ? expect(median(scores)).toBeNull() : expect(median(scores)).toBeCloseTo(expectedMedian);
    });

    it('module score = mean of object scores; unscored objects are left out; overall = mean of module scores', () => {
      const usages = new ModuleAccumulator();
      usages.add({
        applicable: 2,
        passed: 1,
        score: 0.5,
        meetsMinimum: false,
        findings: [{ ruleId: 'a', level: 'minimum', title: '', message: '' }],
      });
      usages.add({ applicable: 1, passed: 1, score: 1, meetsMinimum: true, findings: [] });
      usages.add({ applicable: 0, passed: 0, score: null, meetsMinimum: true, findings: [] });
      expect(usages).toMatchObject({ objects: 2, objectsMeetingMinimum: 1, findings: 1, minimumFindings: 1, score: 0.75 });
      const contracts = new ModuleAccumulator();
      contracts.add({ applicable: 4, passed: 1, score: 0.25, meetsMinimum: true, findings: [] });
      expect(
        overallOf(
          new Map([
            ['usages', usages],
            ['contracts', contracts],
            ['dprs', new ModuleAccumulator()],
          ]),
        ),
      ).toBeCloseTo(0.5);
    });
  });
});
