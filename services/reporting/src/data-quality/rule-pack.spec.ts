import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { DomainError } from '@kitos/common';
import { DATA_QUALITY_CHECK_TYPES, DATA_QUALITY_MODULES, PutRulePackRequest, validateInto, type DataQualityRule } from '@kitos/contracts';
import { REGISTRATION_PRACTICE_V1, REGISTRATION_PRACTICE_V1_NAME } from './registration-practice.v1';
import { RULE_FIELDS, rulePackProblems } from './rule-checks';

const JSON_FILE = resolve(__dirname, '../../rule-packs/registration-practice.v1.json');

/** The published JSON form of the shipped pack (derived from the TypeScript module). */
const published = () => ({ name: REGISTRATION_PRACTICE_V1_NAME, rules: REGISTRATION_PRACTICE_V1 });

const clone = (): DataQualityRule[] => structuredClone(REGISTRATION_PRACTICE_V1) as DataQualityRule[];

function problemsOf(body: unknown): Array<{ field: string; message: string }> {
  try {
    const request = validateInto(PutRulePackRequest, body);
    return rulePackProblems(request.rules);
  } catch (error) {
    if (error instanceof DomainError) return [...error.errors];
    throw error;
  }
}

describe('the rule pack', () => {
  describe('the shipped registration practice v1', () => {
    it('is a valid pack (shape and parameters of every check)', () => {
      expect(problemsOf({ version: 1, rules: clone() })).toEqual([]);
    });

    it('covers every module, both levels and every check type, with Danish titles', () => {
      expect(new Set(REGISTRATION_PRACTICE_V1.map((r) => r.module))).toEqual(new Set(DATA_QUALITY_MODULES));
      expect(new Set(REGISTRATION_PRACTICE_V1.map((r) => r.level))).toEqual(new Set(['minimum', 'quality']));
      expect(new Set(REGISTRATION_PRACTICE_V1.map((r) => r.check.type))).toEqual(new Set(DATA_QUALITY_CHECK_TYPES));
      expect(REGISTRATION_PRACTICE_V1.map((r) => r.id)).toEqual(
        expect.arrayContaining([
          'usage-personal-data-has-dpa',
          'usage-risk-assessment-recent',
          'usage-archive-duty-decided',
          'contract-responsible-unit',
          'contract-notice-period',
        ]),
      );
      for (const r of REGISTRATION_PRACTICE_V1) expect(r.title).toMatch(/^[A-ZÆØÅ]/);
    });

    it('is published as services/reporting/rule-packs/registration-practice.v1.json, equal to the module (WRITE_RULE_PACK=1 rewrites it)', () => {
      const expected = `${JSON.stringify(published(), null, 2)}\n`;
      if (process.env.WRITE_RULE_PACK === '1') writeFileSync(JSON_FILE, expected);
      expect(JSON.parse(readFileSync(JSON_FILE, 'utf8'))).toEqual(published());
    });
  });

  describe('validation of an edited pack: field-level problems', () => {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const edit = (index: number, change: (rule: Record<string, any>) => void) => {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      const rules = clone() as unknown as Record<string, any>[];
      change(rules[index]);
      return { version: 1, rules };
    };

    it.each<[string, unknown, string]>([
      ['unknown check type', edit(0, (r) => (r.check.type = 'regex')), 'rules[0].check.type'],
      ['unknown module', edit(0, (r) => (r.module = 'projects')), 'rules[0].module'],
      ['unknown level', edit(0, (r) => (r.level = 'nice')), 'rules[0].level'],
      ['bad id', edit(0, (r) => (r.id = 'Has Spaces')), 'rules[0].id'],
      ['empty title', edit(0, (r) => (r.title = '')), 'rules[0].title'],
      ['unknown rule property', edit(0, (r) => (r.weight = 2)), 'rules[0].weight'],
      ['params not an object', edit(0, (r) => (r.check.params = 'x')), 'rules[0].check.params'],
      ['unknown field', edit(0, (r) => (r.check.params.field = 'data.colour')), 'rules[0].check.params.field'],
      ['private field (note)', edit(0, (r) => (r.check.params.field = 'data.notes')), 'rules[0].check.params.field'],
      [
        'private field (risk notes)',
        edit(0, (r) => (r.check.params.field = 'gdpr.data.riskAssessmentNotes')),
        'rules[0].check.params.field',
      ],
      ['missing field', edit(0, (r) => delete r.check.params.field), 'rules[0].check.params.field'],
      ['unknown parameter', edit(0, (r) => (r.check.params.colour = 'blue')), 'rules[0].check.params.colour'],
      ['requiredWhen without when', edit(4, (r) => delete r.check.params.when), 'rules[4].check.params.when'],
      ['when on an unknown field', edit(2, (r) => (r.check.params.when.field = 'gdpr.data.colour')), 'rules[2].check.params.when.field'],
      ['when without equals', edit(2, (r) => delete r.check.params.when.equals), 'rules[2].check.params.when.equals'],
      ['when with an object', edit(2, (r) => (r.check.params.when.equals = { a: 1 })), 'rules[2].check.params.when.equals'],
      ['months not a number', edit(3, (r) => (r.check.params.months = 'three years')), 'rules[3].check.params.months'],
      ['months zero', edit(3, (r) => (r.check.params.months = 0)), 'rules[3].check.params.months'],
      ['oneOf without values', edit(6, (r) => (r.check.params.values = [])), 'rules[6].check.params.values'],
      ['unknown link', edit(2, (r) => (r.check.params.link = 'project')), 'rules[2].check.params.link'],
      [
        'link on a module without links',
        edit(7, (r) => (r.check = { type: 'hasLinked', params: { link: 'dpr' } })),
        'rules[7].check.params.link',
      ],
      ['duplicate id', edit(1, (r) => (r.id = 'usage-responsible-unit')), 'rules[1].id'],
      ['contract economy is private', edit(7, (r) => (r.check.params.field = 'data.economy')), 'rules[7].check.params.field'],
    ])('%s → %s', (_name, body, field) => {
      const problems = problemsOf(body);
      expect(problems.map((p) => p.field)).toContain(field);
    });

    it('refuses an empty pack and a missing version', () => {
      expect(problemsOf({ version: 1, rules: [] }).map((p) => p.field)).toContain('rules');
      expect(problemsOf({ rules: clone() }).map((p) => p.field)).toContain('version');
    });

    it('accepts a disabled rule and changed months', () => {
      const body = edit(3, (r) => (r.check.params.months = 24));
      (body.rules[0] as Record<string, unknown>).enabled = false;
      expect(problemsOf(body)).toEqual([]);
    });

    it('lists no private field as usable', () => {
      expect(RULE_FIELDS.usages).not.toContain('data.notes');
      expect(RULE_FIELDS.contracts.some((f) => f.startsWith('data.economy') || f === 'data.notes')).toBe(false);
    });
  });
});
