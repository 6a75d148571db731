import { DomainError, ErrorCode } from '@kitos/common';

/** RFC 7644 §3.12 `scimType` values this service answers with. */
export type ScimType = 'invalidFilter' | 'invalidSyntax' | 'invalidPath' | 'invalidValue' | 'noTarget' | 'uniqueness' | 'mutability';

/** A domain error that the gateway renders as a SCIM error with this `scimType`. */
export function scimError(code: ErrorCode, scimType: ScimType, message: string, field = ''): DomainError {
  return new DomainError(code, message, field ? [{ field, message }] : [], { scimType });
}

export const invalidFilter = (message: string) => scimError(ErrorCode.BadInput, 'invalidFilter', message, 'filter');
export const invalidValue = (message: string, field = '') => scimError(ErrorCode.BadInput, 'invalidValue', message, field);
export const invalidPath = (message: string) => scimError(ErrorCode.BadInput, 'invalidPath', message, 'path');
