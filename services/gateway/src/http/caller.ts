import type { CallerContext } from '@kitos/common';
import { sanitizeCorrelationId } from '@kitos/observability';
import type { FastifyRequest } from 'fastify';

const CALLER = Symbol('caller');
type WithCaller = FastifyRequest & { [CALLER]?: CallerContext };

/**
 * The verified caller of an HTTP request, made once per request. Until the identity service issues tokens
 * every caller is anonymous; token verification slots in here.
 */
export function callerOf(request: FastifyRequest): CallerContext {
  const r = request as WithCaller;
  r[CALLER] ??= {
    kind: 'anonymous',
    userUuid: null,
    isGlobalAdmin: false,
    organizationRoles: [],
    correlationId: correlationIdOf(request),
  };
  return r[CALLER];
}

const CORRELATION = Symbol('correlationId');
type WithCorrelation = FastifyRequest & { [CORRELATION]?: string };

export function correlationIdOf(request: FastifyRequest): string {
  const r = request as WithCorrelation;
  r[CORRELATION] ??= sanitizeCorrelationId(request.headers['x-correlation-id']);
  return r[CORRELATION];
}
