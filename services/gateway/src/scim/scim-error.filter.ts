import { Catch, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { DomainError, ErrorCode } from '@kitos/common';
import { SCIM_SCHEMAS } from '@kitos/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { toProblem } from '../http/problem.filter';

export const SCIM_CONTENT_TYPE = 'application/scim+json';

/** A failure of a SCIM request as a SCIM error (RFC 7644 §3.12), with the status computed as for every other route. */
export function toScimError(exception: unknown, request: FastifyRequest): Record<string, unknown> {
  const problem = toProblem(exception, request);
  const scimType = scimTypeOf(exception, problem.status);
  const fields = (problem.errors ?? []).filter((e) => e.message !== problem.detail).map((e) => `${e.field || 'body'}: ${e.message}`);
  return {
    schemas: [SCIM_SCHEMAS.error],
    status: String(problem.status),
    ...(scimType ? { scimType } : {}),
    detail: fields.length ? `${problem.detail} (${fields.join('; ')})` : problem.detail,
  };
}

function scimTypeOf(exception: unknown, status: number): string | undefined {
  if (exception instanceof DomainError) {
    const declared = exception.extra.scimType;
    if (typeof declared === 'string') return declared;
    if (exception.code === ErrorCode.Conflict) return 'uniqueness';
  }
  if (status === 400) return 'invalidValue';
  return undefined;
}

@Catch()
export class ScimErrorFilter implements ExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const body = toScimError(exception, request);
    if (body.status === '401') void reply.header('www-authenticate', 'Bearer realm="SCIM"');
    void reply.status(Number(body.status)).header('content-type', SCIM_CONTENT_TYPE).send(body);
  }
}
