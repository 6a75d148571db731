import { Inject, Injectable } from '@nestjs/common';
import { DomainError, ErrorCode, fromErrorPayload, isErrorPayload, systemCaller } from '@kitos/common';
import { SERVICE_CONFIG, type ServiceConfig } from '@kitos/config';
import { CORRELATION_HEADER } from '@kitos/contracts';
import { NATS_CONNECTION } from '@kitos/messaging';
import { randomUUID } from 'node:crypto';
import { ErrorCode as NatsErrorCode, headers, type NatsConnection, type NatsError } from 'nats';

/**
 * Request/reply to identity as the service itself (a system caller), in the wire format of Nest's NATS transport.
 * Used only to read through the directory copy when an event has not arrived yet.
 */
@Injectable()
export class IdentityClient {
  constructor(
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
  ) {}

  /** The answer, or null when identity does not know the object. */
  async find<T>(subject: string, data: unknown): Promise<T | null> {
    const correlationId = randomUUID();
    const h = headers();
    h.set(CORRELATION_HEADER, correlationId);
    const packet = JSON.stringify({ pattern: subject, data: { caller: systemCaller(correlationId), data }, id: randomUUID() });
    let raw: Uint8Array;
    try {
      raw = (await this.nc.request(subject, new TextEncoder().encode(packet), { timeout: this.config.rpcTimeoutMs, headers: h })).data;
    } catch (error) {
      const code = (error as NatsError).code;
      if (code === NatsErrorCode.Timeout) throw new DomainError(ErrorCode.Timeout, 'The identity service did not answer in time');
      throw DomainError.unavailable('The identity service is not available; try again shortly');
    }
    const reply = JSON.parse(new TextDecoder().decode(raw)) as { response?: unknown; err?: unknown };
    if (reply.err !== undefined && reply.err !== null) {
      const failure = isErrorPayload(reply.err) ? fromErrorPayload(reply.err) : null;
      if (failure?.code === ErrorCode.NotFound) return null;
      throw DomainError.unavailable(`The identity service could not answer (${failure?.code ?? 'unknown error'})`);
    }
    return reply.response as T;
  }
}
