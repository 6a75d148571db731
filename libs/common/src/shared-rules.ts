import { DomainError, ErrorCode, type FieldError } from './errors';

/** No (role, user) pair twice in an object's role assignments (`roles[i]` names the repeat). */
export function roleAssignmentErrors(assignments: ReadonlyArray<{ roleUuid: string; userUuid: string }>): FieldError[] {
  const seen = new Set<string>();
  const errors: FieldError[] = [];
  assignments.forEach((a, i) => {
    const key = `${a.roleUuid}:${a.userUuid}`;
    if (seen.has(key)) errors.push({ field: `roles[${i}]`, message: 'The same role is assigned to the same user more than once' });
    seen.add(key);
  });
  return errors;
}

/**
 * External references of an object (`owner`: "usage", "project", …) keep their uuid only when it is one of the object's
 * (`existingUuids`); no uuid twice; at most one master reference.
 */
export function externalReferenceErrors(
  references: ReadonlyArray<{ uuid?: string; masterReference?: boolean }>,
  existingUuids: ReadonlySet<string>,
  owner: string,
): FieldError[] {
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  references.forEach((r, i) => {
    if (r.uuid === undefined) return;
    if (seen.has(r.uuid)) errors.push({ field: `externalReferences[${i}].uuid`, message: `Reference ${r.uuid} is listed more than once` });
    else if (!existingUuids.has(r.uuid))
      errors.push({ field: `externalReferences[${i}].uuid`, message: `Reference ${r.uuid} is not a reference of this ${owner}` });
    seen.add(r.uuid);
  });
  if (references.filter((r) => r.masterReference).length > 1)
    errors.push({ field: 'externalReferences', message: 'At most one reference can be the master reference' });
  return errors;
}

/**
 * Runs independent checks of a write's input together and gathers the field errors of those that refuse it (BAD_INPUT),
 * so that one 400 lists every problem; any other failure is thrown as it is.
 */
export async function collectErrors(checks: ReadonlyArray<() => Promise<unknown>>): Promise<FieldError[]> {
  const outcomes = await Promise.allSettled(checks.map((check) => check()));
  const errors: FieldError[] = [];
  for (const outcome of outcomes) {
    if (outcome.status === 'fulfilled') continue;
    const error = outcome.reason as unknown;
    if (!(error instanceof DomainError) || error.code !== ErrorCode.BadInput) throw error;
    errors.push(...(error.errors.length ? error.errors : [{ field: '', message: error.message }]));
  }
  return errors;
}

/**
 * One external reference added or replaced (by uuid) in an object's list, the others kept in order; when it is the
 * master reference, the others stop being it (KITOS keeps one master pointer per object).
 */
export function withReference<T extends { uuid: string; masterReference: boolean }>(references: readonly T[], reference: T): T[] {
  const others = reference.masterReference
    ? references.map((r) => (r.masterReference ? { ...r, masterReference: false } : r))
    : [...references];
  const at = others.findIndex((r) => r.uuid === reference.uuid);
  if (at < 0) return [...others, reference];
  others[at] = reference;
  return others;
}
