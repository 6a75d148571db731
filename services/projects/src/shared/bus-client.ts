import { Inject, Injectable } from '@nestjs/common';
import { DomainError, ErrorCode, fromErrorPayload, isErrorPayload, systemCaller } from '@kitos/common';
import { SERVICE_CONFIG, type ServiceConfig } from '@kitos/config';
import { CORRELATION_HEADER } from '@kitos/contracts';
import { NATS_CONNECTION } from '@kitos/messaging';
import { randomUUID } from 'node:crypto';
import { ErrorCode as NatsErrorCode, headers, type NatsConnection, type NatsError } from 'nats';

/**
 * Request/reply to another service as the project service itself (a system caller), in the wire format of Nest's
 * NATS transport: reading through a local copy when an event has not arrived yet, and checking option values.
 */
@Injectable()
export class BusClient {
  constructor(
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
  ) {}

  /** The answer, or null when the other service does not know the object (NOT_FOUND). */
  async find<T>(service: string, subject: string, data: unknown): Promise<T | null> {
    try {
      return await this.request<T>(service, subject, data);
    } catch (error) {
      if (error instanceof DomainError && error.code === ErrorCode.NotFound) return null;
      throw error;
    }
  }

  /** The answer; a BAD_INPUT or NOT_FOUND answer is rethrown as it is, other failures become 503/504. */
  async request<T>(service: string, subject: string, data: unknown): Promise<T> {
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
      if (failure && (failure.code === ErrorCode.NotFound || failure.code === ErrorCode.BadInput)) throw failure;
      throw DomainError.unavailable(`The ${service} service could not answer (${failure?.code ?? 'unknown error'})`);
    }
    return reply.response as T;
  }
}
