import { Catch, Logger, type ArgumentsHost, type RpcExceptionFilter } from '@nestjs/common';
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

/** Maps any failure of a request handler to the error payload the gateway understands; never leaks internals. */
export function toRpcErrorPayload(exception: unknown, logger: Logger): ErrorPayload {
  if (exception instanceof DomainError) return toErrorPayload(exception);
  const error = exception as Error;
  if (UNAVAILABLE_ERRORS.has(error?.name) || /buffering timed out|before initial connection/i.test(error?.message ?? '')) {
    logger.warn(`database unavailable: ${error.message}`);
    return toErrorPayload(DomainError.unavailable('The database is not available; try again shortly'));
  }
  logger.error(error?.message ?? String(exception), error?.stack);
  return toErrorPayload(new DomainError(ErrorCode.Internal, 'An unexpected error occurred'));
}

@Catch()
export class RpcErrorFilter implements RpcExceptionFilter<unknown> {
  private readonly logger = new Logger('Rpc');

  catch(exception: unknown, _host: ArgumentsHost): Observable<never> {
    return throwError(() => toRpcErrorPayload(exception, this.logger));
  }
}
