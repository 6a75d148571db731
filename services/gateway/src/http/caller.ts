import { anonymousCaller, type CallerContext } from '@kitos/common';
import { sanitizeCorrelationId } from '@kitos/observability';
import type { FastifyRequest } from 'fastify';

const CALLER = Symbol('caller');
const CORRELATION = Symbol('correlationId');
type Decorated = FastifyRequest & { [CALLER]?: CallerContext; [CORRELATION]?: string };

/** The caller of an HTTP request: as the authentication guard verified it, or anonymous when no token was sent. */
export function callerOf(request: FastifyRequest): CallerContext {
  const r = request as Decorated;
  r[CALLER] ??= anonymousCaller(correlationIdOf(request));
  return r[CALLER];
}

export function attachCaller(request: FastifyRequest, caller: CallerContext): void {
  (request as Decorated)[CALLER] = { ...caller, correlationId: correlationIdOf(request) };
}

export function correlationIdOf(request: FastifyRequest): string {
  const r = request as Decorated;
  r[CORRELATION] ??= sanitizeCorrelationId(request.headers['x-correlation-id']);
  return r[CORRELATION];
}
