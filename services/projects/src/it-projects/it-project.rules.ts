import type { FieldError } from '@kitos/common';
import type { ProjectPhase } from '@kitos/contracts';
import type { EconomyAmounts, EconomyYear } from './it-project';

/** Field errors for every value that appears more than once in a list (`field[i]` names the repeat). */
export function duplicateErrors(field: string, values: readonly unknown[], what: string): FieldError[] {
  const seen = new Set<string>();
  const errors: FieldError[] = [];
  values.forEach((value, i) => {
    const key = JSON.stringify(value);
    if (seen.has(key)) errors.push({ field: `${field}[${i}]`, message: `${what} ${String(value)} is listed more than once` });
    seen.add(key);
  });
  return errors;
}

/** Each phase at most once; a phase's end date is not before its start date. */
export function phaseDateErrors(
  dates: ReadonlyArray<{ phase: ProjectPhase; startDate?: string | null; endDate?: string | null }>,
): FieldError[] {
  const errors = duplicateErrors(
    'phases.dates',
    dates.map((d) => d.phase),
    'Phase',
  ).map((e) => ({ ...e, field: `${e.field}.phase` }));
  dates.forEach((d, i) => {
    if (d.startDate && d.endDate && d.endDate < d.startDate)
      errors.push({ field: `phases.dates[${i}].endDate`, message: 'endDate must not be before startDate' });
  });
  return errors;
}

/**
 * Whether making `parentUuid` the parent of `projectUuid` would close a cycle: the project itself or one of its
 * descendants would become its own ancestor. `parentOf` walks up from the proposed parent.
 */
export async function wouldCycle(
  projectUuid: string,
  parentUuid: string,
  parentOf: (uuid: string) => Promise<string | null>,
  maxDepth = 1000,
): Promise<boolean> {
  let current: string | null = parentUuid;
  for (let depth = 0; current !== null && depth < maxDepth; depth++) {
    if (current === projectUuid) return true;
    current = await parentOf(current);
  }
  return current !== null;
}

/** Benefit values: one row per year; economic benefits count in whole øre. */
export function benefitErrors(benefit: {
  type: string;
  baseline: number;
  targetValue: number | null;
  values: ReadonlyArray<{ year: number; planned: number; realised: number | null }>;
}): FieldError[] {
  const errors = duplicateErrors(
    'values',
    benefit.values.map((v) => v.year),
    'Year',
  ).map((e) => ({ ...e, field: `${e.field}.year` }));
  if (benefit.type === 'Economic') {
    const whole = (value: number | null) => value === null || Number.isInteger(value);
    if (!whole(benefit.baseline)) errors.push({ field: 'baseline', message: 'Economic benefits are counted in whole øre' });
    if (!whole(benefit.targetValue)) errors.push({ field: 'targetValue', message: 'Economic benefits are counted in whole øre' });
    benefit.values.forEach((v, i) => {
      if (!whole(v.planned)) errors.push({ field: `values[${i}].planned`, message: 'Economic benefits are counted in whole øre' });
      if (!whole(v.realised)) errors.push({ field: `values[${i}].realised`, message: 'Economic benefits are counted in whole øre' });
    });
  }
  return errors;
}

export interface OreTotals {
  acquisition: { internal: number; external: number; total: number };
  operation: { internal: number; external: number; total: number };
  total: { internal: number; external: number; total: number };
}

/** Amounts with their totals: internal + external per kind, acquisition + operation overall. */
export function withTotals(amounts: EconomyAmounts): OreTotals {
  const split = (s: { internal: number; external: number }) => ({
    internal: s.internal,
    external: s.external,
    total: s.internal + s.external,
  });
  return {
    acquisition: split(amounts.acquisition),
    operation: split(amounts.operation),
    total: split({
      internal: amounts.acquisition.internal + amounts.operation.internal,
      external: amounts.acquisition.external + amounts.operation.external,
    }),
  };
}

/** The sum of several years' amounts (budget or actual). */
export function sumAmounts(years: readonly EconomyYear[], which: 'budget' | 'actual'): EconomyAmounts {
  const zero = () => ({ internal: 0, external: 0 });
  const sum: EconomyAmounts = { acquisition: zero(), operation: zero() };
  for (const year of years) {
    for (const kind of ['acquisition', 'operation'] as const) {
      sum[kind].internal += year[which][kind].internal;
      sum[kind].external += year[which][kind].external;
    }
  }
  return sum;
}
