import { contractValidOn, type ContractValidityInput, type FieldError } from '@kitos/common';

export { contractValidOn, type ContractValidityInput };

/**
 * The KITOS rule of a value that depends on a Yes answer (agreement date, insecure countries, sub-processors,
 * oversight dates): sent together with any other answer → a field error; otherwise any answer but Yes clears it.
 * `sent` tells whether this request carried the value (a PATCH that only changes the answer to No clears silently).
 */
export function dependentOnYes<T>(args: {
  field: string;
  parentField: string;
  answer: string | null;
  value: T;
  sent: boolean;
  isEmpty: (value: T) => boolean;
  empty: T;
}): { value: T; error: FieldError | null } {
  if (args.answer === 'Yes') return { value: args.value, error: null };
  if (args.sent && !args.isEmpty(args.value))
    return {
      value: args.empty,
      error: { field: args.field, message: `${args.field} may only be given when ${args.parentField} is Yes` },
    };
  return { value: args.empty, error: null };
}

export const isEmptyList = (value: readonly unknown[]): boolean => value.length === 0;
export const isNull = (value: unknown): boolean => value === null || value === undefined;

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

/** A sub-processor's country only when it transfers to an insecure third country. */
export function subProcessorErrors(
  subProcessors: ReadonlyArray<{
    dataProcessorOrganizationUuid: string;
    transferToInsecureThirdCountry?: string | null;
    insecureThirdCountrySubjectToDataProcessingUuid?: string | null;
  }>,
): FieldError[] {
  const field = 'general.subDataProcessors';
  const errors = duplicateErrors(
    field,
    subProcessors.map((s) => s.dataProcessorOrganizationUuid),
    'Sub-processor',
  );
  subProcessors.forEach((s, i) => {
    if (s.insecureThirdCountrySubjectToDataProcessingUuid && s.transferToInsecureThirdCountry !== 'Yes')
      errors.push({
        field: `${field}[${i}].insecureThirdCountrySubjectToDataProcessingUuid`,
        message: 'The country may only be given when transferToInsecureThirdCountry is Yes',
      });
  });
  return errors;
}

/** A registration is valid when it has no main contract, or its main contract is valid (KITOS `IsActiveAccordingToMainContract`). */
export function registrationValid(
  mainContract: ContractValidityInput | null | undefined,
  hasMainContract: boolean,
  today: string,
): boolean {
  if (!hasMainContract) return true;
  if (!mainContract) return false;
  return contractValidOn(mainContract, today);
}
