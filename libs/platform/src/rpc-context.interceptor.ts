import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { NatsContext } from '@nestjs/microservices';
import { DomainError } from '@kitos/common';
import { CORRELATION_HEADER } from '@kitos/contracts';
import { Metrics, runWithCorrelation } from '@kitos/observability';
import { Observable, tap } from 'rxjs';

/** Runs each request handler with the caller's correlation id and records its duration and outcome. */
@Injectable()
export class RpcContextInterceptor implements NestInterceptor {
  constructor(private readonly metrics: Metrics) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'rpc') return next.handle();
    const nats = context.switchToRpc().getContext<NatsContext>();
    const subject = nats.getSubject();
    const correlationId = nats.getHeaders()?.get(CORRELATION_HEADER);
    const stop = this.metrics.rpcRequests.startTimer({ subject });
    return new Observable((subscriber) =>
      runWithCorrelation(correlationId, () =>
        next
          .handle()
          .pipe(
            tap({
              next: () => stop({ outcome: 'ok' }),
              error: (error: unknown) => stop({ outcome: error instanceof DomainError ? error.code : 'ERROR' }),
            }),
          )
          .subscribe(subscriber),
      ),
    );
  }
}
