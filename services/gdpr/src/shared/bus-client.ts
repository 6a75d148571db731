import { Inject, Injectable } from '@nestjs/common';
import { DomainError, ErrorCode, fromErrorPayload, isErrorPayload, systemCaller } from '@kitos/common';
import { SERVICE_CONFIG, type ServiceConfig } from '@kitos/config';
import { CORRELATION_HEADER } from '@kitos/contracts';
import { NATS_CONNECTION } from '@kitos/messaging';
import { randomUUID } from 'node:crypto';
import { ErrorCode as NatsErrorCode, headers, type NatsConnection, type NatsError } from 'nats';

/**
 * Request/reply to another service as the gdpr service itself (a system caller), in the wire format of Nest's NATS
 * transport. BAD_INPUT and NOT_FOUND answers come back as they are (they carry field errors for the client); anything
 * else from the other side means it cannot answer now (503).
 */
@Injectable()
export class BusClient {
  constructor(
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
  ) {}

  async request<T>(subject: string, data: unknown): Promise<T> {
    const service = subject.split('.')[1] ?? subject;
    const correlationId = randomUUID();
    const h = headers();
    h.set(CORRELATION_HEADER, correlationId);
    const packet = JSON.stringify({ pattern: subject, data: { caller: systemCaller(correlationId), data }, id: randomUUID() });
    let raw: Uint8Array;
    try {
      raw = (await this.nc.request(subject, new TextEncoder().encode(packet), { timeout: this.config.rpcTimeoutMs, headers: h })).data;
    } catch (error) {
      if ((error as NatsError).code === NatsErrorCode.Timeout)
        throw new DomainError(ErrorCode.Timeout, `The ${service} service did not answer in time`);
      throw DomainError.unavailable(`The ${service} service is not available; try again shortly`);
    }
    const reply = JSON.parse(new TextDecoder().decode(raw)) as { response?: unknown; err?: unknown };
    if (reply.err !== undefined && reply.err !== null) {
      const failure = isErrorPayload(reply.err) ? fromErrorPayload(reply.err) : null;
      if (failure && (failure.code === ErrorCode.BadInput || failure.code === ErrorCode.NotFound)) throw failure;
      throw DomainError.unavailable(`The ${service} service could not answer (${failure?.code ?? 'unknown error'})`);
    }
    return reply.response as T;
  }
}
