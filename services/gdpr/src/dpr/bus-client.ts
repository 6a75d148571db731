import { Inject, Injectable } from '@nestjs/common';
import { DomainError, ErrorCode, fromErrorPayload, isErrorPayload, systemCaller } from '@kitos/common';
import { SERVICE_CONFIG, type ServiceConfig } from '@kitos/config';
import { CORRELATION_HEADER } from '@kitos/contracts';
import { NATS_CONNECTION } from '@kitos/messaging';
import { randomUUID } from 'node:crypto';
import { ErrorCode as NatsErrorCode, headers, type NatsConnection, type NatsError } from 'nats';

/**
 * Request/reply to another service as the gdpr service itself (a system caller), in the wire format of Nest's NATS
 * transport: option checks in the catalogue, and reading through the local copies when an event has not arrived yet.
 */
@Injectable()
export class DprBusClient {
  constructor(
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
  ) {}

  /** The answer, or null when the other service does not know the object. */
  async find<T>(service: string, subject: string, data: unknown): Promise<T | null> {
    try {
      return await this.ask<T>(service, subject, data);
    } catch (error) {
      if (error instanceof DomainError && error.code === ErrorCode.NotFound) return null;
      throw error;
    }
  }

  /** The answer; a refusal of bad input (with its field errors) or an unknown object is passed on, anything else is 503/504. */
  async ask<T>(service: string, subject: string, data: unknown): Promise<T> {
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
