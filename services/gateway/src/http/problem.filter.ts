import { Catch, HttpException, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { DomainError, ErrorCode } from '@kitos/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { correlationIdOf } from './caller';
import { PROBLEM_CONTENT_TYPE, problem, statusOf, type ProblemDetails } from './problem';

/** Fastify's own errors (body parsing, size, media type) carry a status code and an FST_ code. */
interface FrameworkError {
  statusCode?: number;
  code?: string;
  message?: string;
}

const logger = new Logger('Http');

/** Every failure of an HTTP request as problem+json; the one place where errors become HTTP statuses. */
export function toProblem(exception: unknown, request: FastifyRequest): ProblemDetails {
  const instance = request.url.split('?')[0];
  const correlationId = correlationIdOf(request);
  if (exception instanceof DomainError) {
    if (exception.code === ErrorCode.Internal) logger.error(`internal error behind ${instance}: ${exception.message}`);
    return problem(statusOf(exception.code), exception.code, exception.message, instance, correlationId, exception.errors, exception.extra);
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    return problem(status, `http-${status}`, exception.message, instance, correlationId);
  }
  const framework = exception as FrameworkError;
  if (typeof framework?.statusCode === 'number' && framework.statusCode >= 400 && framework.statusCode < 500) {
    const detail = framework.code === 'FST_ERR_CTP_BODY_TOO_LARGE' ? 'The request body is too large' : (framework.message ?? 'Bad request');
    return problem(framework.statusCode, framework.code ?? `http-${framework.statusCode}`, detail, instance, correlationId);
  }
  logger.error((exception as Error)?.stack ?? String(exception));
  return problem(500, ErrorCode.Internal, 'An unexpected error occurred', instance, correlationId);
}

export function sendProblem(reply: FastifyReply, body: ProblemDetails): void {
  if (body.status === 429 && typeof body.retryAfterSeconds === 'number') void reply.header('retry-after', String(body.retryAfterSeconds));
  void reply.status(body.status).header('content-type', PROBLEM_CONTENT_TYPE).send(body);
}

@Catch()
export class ProblemFilter implements ExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    sendProblem(http.getResponse<FastifyReply>(), toProblem(exception, request));
  }
}
