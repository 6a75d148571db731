import { Inject, Injectable } from '@nestjs/common';
import { DomainError, ErrorCode, fromErrorPayload, isErrorPayload, type CallerContext } from '@kitos/common';
import { SERVICE_CONFIG, type ServiceConfig } from '@kitos/config';
import { CORRELATION_HEADER } from '@kitos/contracts';
import { NATS_CONNECTION, NatsHealth } from '@kitos/messaging';
import { Metrics } from '@kitos/observability';
import { randomUUID } from 'node:crypto';
import { ErrorCode as NatsErrorCode, headers, type NatsConnection, type NatsError } from 'nats';

/** A reply in the wire format of Nest's NATS transport (the services' side). */
interface NestReply {
  response?: unknown;
  err?: unknown;
}

/**
 * Request/reply to the services over NATS. Speaks the wire format of Nest's NATS transport but uses the client's
 * own request, which knows when no service is subscribed (503 at once) and when none answered in time (504).
 */
@Injectable()
export class RpcClient {
  constructor(
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    private readonly bus: NatsHealth,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
    private readonly metrics: Metrics,
  ) {}

  async request<T>(subject: string, caller: CallerContext, data: unknown): Promise<T> {
    const stop = this.metrics.rpcRequests.startTimer({ subject });
    try {
      const result = await this.send<T>(subject, caller, data);
      stop({ outcome: 'ok' });
      return result;
    } catch (error) {
      stop({ outcome: error instanceof DomainError ? error.code : 'ERROR' });
      throw error;
    }
  }

  private async send<T>(subject: string, caller: CallerContext, data: unknown): Promise<T> {
    if (!this.bus.check().up) throw DomainError.unavailable('The message bus is not reachable; try again shortly');
    const h = headers();
    h.set(CORRELATION_HEADER, caller.correlationId);
    const packet = JSON.stringify({ pattern: subject, data: { caller, data }, id: randomUUID() });
    let raw: Uint8Array;
    try {
      const message = await this.nc.request(subject, new TextEncoder().encode(packet), { timeout: this.config.rpcTimeoutMs, headers: h });
      raw = message.data;
    } catch (error) {
      throw this.busError(subject, error as NatsError);
    }
    const reply = JSON.parse(new TextDecoder().decode(raw)) as NestReply;
    if (reply.err !== undefined && reply.err !== null) {
      if (isErrorPayload(reply.err)) throw fromErrorPayload(reply.err);
      throw new DomainError(ErrorCode.Internal, `The service behind ${serviceOf(subject)} failed`);
    }
    return reply.response as T;
  }

  private busError(subject: string, error: NatsError): DomainError {
    const service = serviceOf(subject);
    switch (error.code) {
      case NatsErrorCode.NoResponders:
        return DomainError.unavailable(`The ${service} service is not available; try again shortly`);
      case NatsErrorCode.Timeout:
        return new DomainError(ErrorCode.Timeout, `The ${service} service did not answer within ${this.config.rpcTimeoutMs} ms`);
      default:
        return DomainError.unavailable(`The ${service} service could not be reached (${error.message})`);
    }
  }
}

function serviceOf(subject: string): string {
  return subject.split('.')[1] ?? subject;
}
