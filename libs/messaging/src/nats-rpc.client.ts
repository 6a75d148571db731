import { Inject, Injectable } from '@nestjs/common';
import { DomainError, ErrorCode, fromErrorPayload, isErrorPayload, systemCaller, type CallerContext } from '@kitos/common';
import { SERVICE_CONFIG, type ServiceConfig } from '@kitos/config';
import { CORRELATION_HEADER } from '@kitos/contracts';
import { randomUUID } from 'node:crypto';
import { ErrorCode as NatsErrorCode, headers, type NatsConnection, type NatsError } from 'nats';
import { NATS_CONNECTION } from './nats.tokens';

/** What the other service answered: its response, or the error it answered with. */
export type RpcReply<T> = { readonly ok: true; readonly response: T } | { readonly ok: false; readonly error: DomainError };

export interface SystemRequestOptions {
  /** Refusals of the other service passed on as they are (they carry field errors for the client); any other is 503. */
  readonly passOn?: readonly ErrorCode[];
}

const PASS_ON_BY_DEFAULT: readonly ErrorCode[] = [ErrorCode.BadInput, ErrorCode.NotFound];

/** The service that answers a subject: `rpc.catalog.it-system.get` → `catalog`. */
export function serviceOfSubject(subject: string): string {
  return subject.split('.')[1] ?? subject;
}

/**
 * The one request/reply client over NATS, for the gateway and for every service talking to another. It speaks the wire
 * format of Nest's NATS transport (`{ pattern, data: { caller, data }, id }` → `{ response }` or `{ err }`), sets the
 * correlation header, and uses the NATS client's own request, which knows when no service is subscribed (503 at once)
 * and when none answered in time (504).
 */
@Injectable()
export class NatsRpcClient {
  constructor(
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    @Inject(SERVICE_CONFIG) private readonly config: Pick<ServiceConfig, 'rpcTimeoutMs'>,
  ) {}

  /**
   * One request as `caller`. Failures of the bus are thrown as a DomainError (503 when no service answers or the bus
   * cannot be reached, 504 after `timeoutMs`); what the other service answered, error or not, is returned.
   */
  async exchange<T>(subject: string, caller: CallerContext, data: unknown, timeoutMs = this.config.rpcTimeoutMs): Promise<RpcReply<T>> {
    const h = headers();
    h.set(CORRELATION_HEADER, caller.correlationId);
    const packet = JSON.stringify({ pattern: subject, data: { caller, data }, id: randomUUID() });
    let raw: Uint8Array;
    try {
      raw = (await this.nc.request(subject, new TextEncoder().encode(packet), { timeout: timeoutMs, headers: h })).data;
    } catch (error) {
      throw busError(subject, error as NatsError, timeoutMs);
    }
    const reply = JSON.parse(new TextDecoder().decode(raw)) as { response?: unknown; err?: unknown };
    if (reply.err === undefined || reply.err === null) return { ok: true, response: reply.response as T };
    if (isErrorPayload(reply.err)) return { ok: false, error: fromErrorPayload(reply.err) };
    return { ok: false, error: new DomainError(ErrorCode.Internal, `The service behind ${serviceOfSubject(subject)} failed`) };
  }

  /** The answer to `caller`'s request; the error the other service answered with is thrown as it is. */
  async request<T>(subject: string, caller: CallerContext, data: unknown, timeoutMs?: number): Promise<T> {
    const reply = await this.exchange<T>(subject, caller, data, timeoutMs);
    if (!reply.ok) throw reply.error;
    return reply.response;
  }

  /**
   * The answer to a request by this service itself (a system caller with a fresh correlation id). BAD_INPUT and
   * NOT_FOUND refusals are passed on unless `passOn` says otherwise; any other failure of the other service means it
   * cannot answer now (503).
   */
  async systemRequest<T>(subject: string, data: unknown, options: SystemRequestOptions = {}): Promise<T> {
    const reply = await this.exchange<T>(subject, systemCaller(randomUUID()), data);
    if (reply.ok) return reply.response;
    if ((options.passOn ?? PASS_ON_BY_DEFAULT).includes(reply.error.code)) throw reply.error;
    throw DomainError.unavailable(`The ${serviceOfSubject(subject)} service could not answer (${reply.error.code})`);
  }

  /** Like systemRequest, but null when the other service does not know the object (BAD_INPUT is passed on by default). */
  async systemFind<T>(subject: string, data: unknown, options: SystemRequestOptions = {}): Promise<T | null> {
    const passOn = options.passOn ?? [ErrorCode.BadInput];
    try {
      return await this.systemRequest<T>(subject, data, { passOn: [...passOn, ErrorCode.NotFound] });
    } catch (error) {
      if (error instanceof DomainError && error.code === ErrorCode.NotFound) return null;
      throw error;
    }
  }
}

function busError(subject: string, error: NatsError, timeoutMs: number): DomainError {
  const service = serviceOfSubject(subject);
  switch (error.code) {
    case NatsErrorCode.NoResponders:
      return DomainError.unavailable(`The ${service} service is not available; try again shortly`);
    case NatsErrorCode.Timeout:
      return new DomainError(ErrorCode.Timeout, `The ${service} service did not answer within ${timeoutMs} ms`);
    default:
      return DomainError.unavailable(`The ${service} service could not be reached (${error.message})`);
  }
}
