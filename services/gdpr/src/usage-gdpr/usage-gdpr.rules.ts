import type { FieldError } from '@kitos/common';
import { GDPR_YES_GATES, type SimpleLink, type UsageGdprWriteRequest } from '@kitos/contracts';
import { EMPTY_GDPR, GDPR_FIELDS, type GdprField, type GdprFields, type Link } from './usage-gdpr';
import { danishDayOfInput } from '@kitos/common';

const LIST_FIELDS: readonly GdprField[] = [
  'dataSensitivityLevels',
  'sensitivePersonDataUuids',
  'specificPersonalData',
  'registeredDataCategoryUuids',
  'technicalPrecautionsApplied',
];
const LINK_FIELDS: readonly GdprField[] = [
  'directoryDocumentation',
  'technicalPrecautionsDocumentation',
  'userSupervisionDocumentation',
  'riskAssessmentDocumentation',
  'dpiaDocumentation',
];
const DAY_FIELDS: readonly GdprField[] = [
  'userSupervisionDate',
  'riskAssessmentConductedDate',
  'plannedRiskAssessmentDate',
  'dpiaDate',
  'nextDataRetentionEvaluationDate',
];

export interface GdprResolution {
  readonly next: GdprFields;
  readonly errors: FieldError[];
}

/**
 * The profile after a write, by the KITOS rules. PUT replaces every field (absent = empty); PATCH changes the fields
 * sent. A dependent field sent with a value while its parent (as it will be after the write) is not `Yes` → an error
 * naming the field; a parent that is not `Yes` clears its dependents. Lists must not hold duplicates.
 */
export function resolveGdprWrite(current: GdprFields, sent: Partial<UsageGdprWriteRequest>, mode: 'put' | 'patch'): GdprResolution {
  const errors: FieldError[] = [];
  const base: GdprFields = mode === 'put' ? { ...EMPTY_GDPR } : { ...current };
  const next = { ...base } as Record<GdprField, unknown>;
  const sentFields = GDPR_FIELDS.filter((f) => f in sent);
  for (const field of sentFields) next[field] = normalise(field, (sent as Record<string, unknown>)[field]);

  for (const field of LIST_FIELDS) {
    const values = next[field] as string[];
    const duplicates = values.filter((v, i) => values.indexOf(v) !== i);
    if (duplicates.length && sentFields.includes(field))
      errors.push({ field, message: `${field} must not contain duplicates (${[...new Set(duplicates)].join(', ')})` });
  }

  for (const [parent, dependents] of Object.entries(GDPR_YES_GATES) as Array<[GdprField, readonly GdprField[]]>) {
    if (next[parent] === 'Yes') continue;
    for (const dependent of dependents) {
      if (sentFields.includes(dependent) && hasValue(next[dependent]))
        errors.push({ field: dependent, message: `${dependent} may only be set when ${parent} is Yes` });
      next[dependent] = EMPTY_GDPR[dependent];
    }
  }
  return { next: next as unknown as GdprFields, errors };
}

/** The fields whose values differ, for the event's field changes. */
export function changedGdprFields(before: GdprFields, after: GdprFields): GdprField[] {
  return GDPR_FIELDS.filter((f) => JSON.stringify(before[f]) !== JSON.stringify(after[f]));
}

function normalise(field: GdprField, value: unknown): unknown {
  if (LIST_FIELDS.includes(field)) return Array.isArray(value) ? [...(value as string[])] : [];
  if (LINK_FIELDS.includes(field)) return linkOf(value as SimpleLink | null | undefined);
  if (DAY_FIELDS.includes(field)) return typeof value === 'string' && value ? danishDayOfInput(value) : null;
  if (typeof value === 'string' && field === 'purpose') return value.length ? value : null;
  return value ?? null;
}

function linkOf(value: SimpleLink | null | undefined): Link | null {
  if (!value) return null;
  const link = { name: value.name?.trim() || null, url: value.url?.trim() || null };
  return link.name || link.url ? link : null;
}

function hasValue(value: unknown): boolean {
  if (value === null || value === undefined) return false;
  if (Array.isArray(value)) return value.length > 0;
  return true;
}
