import { Catch, HttpException, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { DomainError, ErrorCode, toErrorPayload, type ErrorPayload } from '@kitos/common';
import { type Observable, throwError } from 'rxjs';

const UNAVAILABLE_ERRORS = new Set([
  'MongoServerSelectionError',
  'MongooseServerSelectionError',
  'MongoNetworkError',
  'MongoNetworkTimeoutError',
  'MongoNotConnectedError',
  'MongoTopologyClosedError',
  'MongoPoolClearedError',
]);

/** Socket errors the driver lets through unwrapped, e.g. EPIPE "This socket has been ended by the other party" when it
 *  writes to a connection the database closed (kill -9 of FerretDB in the fault suite): the database went away. */
const SOCKET_ERROR_CODES = new Set(['EPIPE', 'ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'ENOTCONN']);
const fromDriver = (error: Error) => /[\\/]node_modules[\\/](mongodb|mongoose)[\\/]/.test(error.stack ?? '');

function databaseUnavailable(error: Error | undefined): boolean {
  if (!error) return false;
  if (UNAVAILABLE_ERRORS.has(error.name) || /buffering timed out|before initial connection/i.test(error.message ?? '')) return true;
  const code = (error as NodeJS.ErrnoException).code;
  return typeof code === 'string' && SOCKET_ERROR_CODES.has(code) && fromDriver(error);
}

/** Maps any failure of a request handler to the error payload the gateway understands; never leaks internals. */
export function toRpcErrorPayload(exception: unknown, logger: Logger): ErrorPayload {
  if (exception instanceof DomainError) return toErrorPayload(exception);
  const error = exception as Error;
  if (databaseUnavailable(error)) {
    logger.warn(`database unavailable: ${error.message}`);
    return toErrorPayload(DomainError.unavailable('The database is not available; try again shortly'));
  }
  logger.error(error?.message ?? String(exception), error?.stack);
  return toErrorPayload(new DomainError(ErrorCode.Internal, 'An unexpected error occurred'));
}

/**
 * The error filter of a domain service (registered as APP_FILTER, so it is bound before the bus handlers are):
 * on the bus every failure becomes an error payload; on the service's own small HTTP server (health, metrics)
 * a plain status.
 */
@Catch()
export class ServiceErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('Rpc');

  catch(exception: unknown, host: ArgumentsHost): Observable<never> | void {
    if (host.getType() === 'rpc') return throwError(() => toRpcErrorPayload(exception, this.logger));
    const status = exception instanceof HttpException ? exception.getStatus() : 500;
    if (status === 500) this.logger.error((exception as Error)?.stack ?? String(exception));
    void host
      .switchToHttp()
      .getResponse<FastifyReply>()
      .status(status)
      .send({ status, message: status === 500 ? 'Internal error' : (exception as Error).message });
  }
}
