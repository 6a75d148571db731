import type { FieldError } from '@kitos/common';

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

/** Items keep their uuid only when it is one of the contract's (`existing`); no uuid twice. */
export function keptUuidErrors(
  field: string,
  items: ReadonlyArray<{ uuid?: string }>,
  existing: ReadonlySet<string>,
  what: string,
): FieldError[] {
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  items.forEach((item, i) => {
    if (item.uuid === undefined) return;
    if (seen.has(item.uuid)) errors.push({ field: `${field}[${i}].uuid`, message: `${what} ${item.uuid} is listed more than once` });
    else if (!existing.has(item.uuid))
      errors.push({ field: `${field}[${i}].uuid`, message: `${what} ${item.uuid} is not one of this contract's` });
    seen.add(item.uuid);
  });
  return errors;
}

export function masterReferenceErrors(references: ReadonlyArray<{ masterReference?: boolean }>): FieldError[] {
  return references.filter((r) => r.masterReference).length > 1
    ? [{ field: 'externalReferences', message: 'At most one reference can be the master reference' }]
    : [];
}

/** validTo must not be before validFrom. */
export function validityPeriodErrors(validFrom: string | null, validTo: string | null): FieldError[] {
  return validFrom !== null && validTo !== null && validTo < validFrom
    ? [{ field: 'general.validity.validTo', message: 'validTo must not be before validFrom' }]
    : [];
}

/** An ongoing [løbende] agreement has no duration; options used cannot exceed the options the agreement has. */
export function agreementPeriodErrors(period: {
  isContinuous: boolean;
  durationYears: number | null;
  durationMonths: number | null;
  extensionOptionsUsed: number;
  extensionOptionCount: number | null;
}): FieldError[] {
  const errors: FieldError[] = [];
  if (period.isContinuous && (period.durationYears !== null || period.durationMonths !== null))
    errors.push({ field: 'agreementPeriod.isContinuous', message: 'An ongoing agreement cannot also have a duration' });
  if (period.extensionOptionCount !== null && period.extensionOptionsUsed > period.extensionOptionCount)
    errors.push({
      field: 'agreementPeriod.extensionOptionsUsed',
      message: `The agreement has ${period.extensionOptionCount} extension option(s); more cannot have been used`,
    });
  return errors;
}

/**
 * Whether `candidateParent` may become the parent of `contract`: not the contract itself, and not one of its
 * descendants — i.e. the contract is not among the candidate's ancestors (`ancestorsOfCandidate`, nearest first).
 */
export function parentCycleError(
  contractUuid: string,
  candidateParent: string,
  ancestorsOfCandidate: readonly string[],
  field: string,
): FieldError | null {
  if (candidateParent === contractUuid) return { field, message: 'A contract cannot be its own parent' };
  if (ancestorsOfCandidate.includes(contractUuid))
    return { field, message: 'A contract cannot have one of its own sub-contracts as parent' };
  return null;
}
