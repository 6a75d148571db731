import type { FieldError } from '@kitos/common';

/** The expected-users buckets KITOS accepts: 0–9, 10–50, 50–100 and 100+ (no upper bound). */
export const EXPECTED_USERS_BUCKETS: ReadonlyArray<{ lowerBound: number; upperBound: number | null }> = [
  { lowerBound: 0, upperBound: 9 },
  { lowerBound: 10, upperBound: 50 },
  { lowerBound: 50, upperBound: 100 },
  { lowerBound: 100, upperBound: null },
];

export function isExpectedUsersBucket(interval: { lowerBound: number; upperBound?: number | null }): boolean {
  const upperBound = interval.upperBound ?? null;
  return EXPECTED_USERS_BUCKETS.some((b) => b.lowerBound === interval.lowerBound && b.upperBound === upperBound);
}

/** Field errors for every uuid that appears more than once in a list (`field[i]` names the repeat). */
export function duplicateErrors(field: string, uuids: readonly string[], what: string): FieldError[] {
  const seen = new Set<string>();
  const errors: FieldError[] = [];
  uuids.forEach((uuid, i) => {
    if (seen.has(uuid)) errors.push({ field: `${field}[${i}]`, message: `${what} ${uuid} is listed more than once` });
    seen.add(uuid);
  });
  return errors;
}

export const ADDED_KLE_FIELD = 'localKleDeviations.addedKLEUuids';
export const REMOVED_KLE_FIELD = 'localKleDeviations.removedKLEUuids';

/**
 * The KITOS rules of local KLE deviations: no duplicates, no KLE both added and removed, an added KLE must not already
 * be on the system, and a removed KLE must be one the system has.
 */
export function kleDeviationErrors(added: readonly string[], removed: readonly string[], systemKle: ReadonlySet<string>): FieldError[] {
  const errors = [...duplicateErrors(ADDED_KLE_FIELD, added, 'KLE'), ...duplicateErrors(REMOVED_KLE_FIELD, removed, 'KLE')];
  const removedSet = new Set(removed);
  added.forEach((uuid, i) => {
    if (removedSet.has(uuid)) errors.push({ field: `${ADDED_KLE_FIELD}[${i}]`, message: `KLE ${uuid} cannot be both added and removed` });
    else if (systemKle.has(uuid))
      errors.push({ field: `${ADDED_KLE_FIELD}[${i}]`, message: `KLE ${uuid} is already on the system and cannot be added locally` });
  });
  removed.forEach((uuid, i) => {
    if (!systemKle.has(uuid))
      errors.push({ field: `${REMOVED_KLE_FIELD}[${i}]`, message: `KLE ${uuid} is not on the system and cannot be removed locally` });
  });
  return errors;
}

export const USING_UNITS_FIELD = 'organizationUsage.usingOrganizationUnitUuids';
export const RESPONSIBLE_UNIT_FIELD = 'organizationUsage.responsibleOrganizationUnitUuid';

/** Using units have no duplicates; the responsible unit, when set, is one of them. */
export function organizationUsageErrors(usingUnitUuids: readonly string[], responsibleUnitUuid: string | null): FieldError[] {
  const errors = duplicateErrors(USING_UNITS_FIELD, usingUnitUuids, 'Unit');
  if (responsibleUnitUuid !== null && !usingUnitUuids.includes(responsibleUnitUuid))
    errors.push({ field: RESPONSIBLE_UNIT_FIELD, message: 'The responsible unit must be one of the using units' });
  return errors;
}
