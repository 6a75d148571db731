import { DomainError, isUuid, type CallerContext } from '@kitos/common';

/** What the gateway sends on the bus: the verified caller and the request data. */
export interface RpcRequest<TData = unknown> {
  readonly caller: CallerContext;
  readonly data: TData;
}

/** Checks the envelope of a request from the bus; the data itself is validated by the handler's DTO. */
export function callerOf(request: unknown): CallerContext {
  const caller = (request as RpcRequest | undefined)?.caller;
  if (!caller || typeof caller !== 'object' || !['anonymous', 'user', 'system'].includes(caller.kind)) {
    throw DomainError.badInput('The request carries no caller context');
  }
  return caller;
}

/** The `uuid` of a request's data, or a BAD_INPUT error naming the field. */
export function uuidOf(data: unknown): string {
  return uuidField(data, 'uuid');
}

/** The `organizationUuid` of a request's data, or a BAD_INPUT error naming the field. */
export function organizationUuidOf(data: unknown): string {
  return uuidField(data, 'organizationUuid');
}

/**
 * The `expectedVersion` of a write (the If-Match the gateway read), or undefined when none was sent; a BAD_INPUT
 * error when it is not an integer ≥ `minimum` (0 where an unwritten resource answers version 0).
 */
export function expectedVersionOf(data: unknown, minimum: 0 | 1 = 1): number | undefined {
  const version = (data as { expectedVersion?: unknown } | null)?.expectedVersion;
  if (version === undefined || version === null) return undefined;
  if (!Number.isInteger(version) || (version as number) < minimum) {
    throw DomainError.badInput(`expectedVersion must be a ${minimum === 1 ? 'positive' : 'non-negative'} integer`);
  }
  return version as number;
}

function uuidField(data: unknown, field: string): string {
  const value = (data as Record<string, unknown> | null)?.[field];
  if (!isUuid(value)) throw DomainError.badInput(`${field} must be a UUID`, [{ field, message: `${field} must be a UUID` }]);
  return value;
}
