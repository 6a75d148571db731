import type { Schemas } from '../../api/client';

export type Rule = Schemas['DataQualityRule'];

/** A rule as the editor holds it: the check's parameters as JSON text, parsed when saving. */
export interface RuleDraft extends Omit<Rule, 'check'> {
  checkType: Rule['check']['type'];
  params: string;
}

export function toDraft(rule: Rule): RuleDraft {
  const { check, ...rest } = rule;
  return { ...rest, enabled: rule.enabled ?? true, checkType: check.type, params: JSON.stringify(check.params, null, 2) };
}

/**
 * The rules to send, or the field errors of parameters that are no JSON object (`rules[i].check.params`, the path the
 * server uses too), so that both kinds of error show at the same field.
 */
export function fromDrafts(drafts: readonly RuleDraft[]): { rules: Rule[] } | { errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const rules = drafts.map((draft, i): Rule => {
    const { checkType, params: text, ...rest } = draft;
    let params: Record<string, unknown> = {};
    try {
      const parsed: unknown = JSON.parse(text);
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not an object');
      params = parsed as Record<string, unknown>;
    } catch {
      errors[`rules[${i}].check.params`] = 'invalid';
    }
    return { ...rest, check: { type: checkType, params } };
  });
  return Object.keys(errors).length > 0 ? { errors } : { rules };
}

/** The server's field errors of one rule, by what follows `rules[i].` (`title`, `check.params.months`, …). */
export function ruleErrors(fieldErrors: Record<string, string>, index: number): Record<string, string> {
  const prefix = `rules[${index}].`;
  return Object.fromEntries(
    Object.entries(fieldErrors)
      .filter(([field]) => field.startsWith(prefix))
      .map(([field, message]) => [field.slice(prefix.length), message]),
  );
}

/** The error of a control: its own path, or for the parameters anything below `check.params`. */
export function errorAt(errors: Record<string, string>, path: string): string | undefined {
  if (errors[path]) return errors[path];
  if (path === 'check.params') return Object.entries(errors).find(([field]) => field.startsWith('check.params'))?.[1];
  return undefined;
}
