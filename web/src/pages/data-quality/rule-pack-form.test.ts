import { describe, expect, it } from 'vitest';
import { errorAt, fromDrafts, ruleErrors, toDraft, type Rule } from './rule-pack-form';

const rule: Rule = {
  id: 'contract-has-notice',
  module: 'contracts',
  level: 'quality',
  title: 'Kontrakten har en opsigelsesfrist',
  description: 'Opsigelsesfristen er registreret.',
  check: { type: 'required', params: { field: 'data.noticePeriodMonths' } },
};

describe('rule pack form', () => {
  it('round-trips a rule through the draft (parameters as JSON text, enabled by default)', () => {
    const draft = toDraft(rule);
    expect(draft).toMatchObject({ checkType: 'required', enabled: true });
    expect(fromDrafts([draft])).toEqual({ rules: [{ ...rule, enabled: true }] });
  });

  it('names the parameters that are no JSON object at the path the server uses', () => {
    const drafts = [toDraft(rule), { ...toDraft(rule), params: '[1' }, { ...toDraft(rule), params: '[]' }];
    expect(fromDrafts(drafts)).toEqual({ errors: { 'rules[1].check.params': 'invalid', 'rules[2].check.params': 'invalid' } });
  });

  it('puts the server’s field errors at the rule and control they name', () => {
    const errors = ruleErrors(
      { 'rules[3].check.params.months': 'months must be 1–600', 'rules[3].title': 'empty', 'rules[4].id': 'dup' },
      3,
    );
    expect(errors).toEqual({ 'check.params.months': 'months must be 1–600', title: 'empty' });
    expect(errorAt(errors, 'check.params')).toBe('months must be 1–600');
    expect(errorAt(errors, 'title')).toBe('empty');
    expect(errorAt(errors, 'id')).toBeUndefined();
  });
});
