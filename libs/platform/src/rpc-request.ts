import { DomainError, type CallerContext } from '@kitos/common';

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
