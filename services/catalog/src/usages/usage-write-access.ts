import { Inject, Injectable } from '@nestjs/common';
import { DomainError, ErrorCode, fromErrorPayload, isErrorPayload, systemCaller } from '@kitos/common';
import { SERVICE_CONFIG, type ServiceConfig } from '@kitos/config';
import { CORRELATION_HEADER, Rpc, type RoleTypeResponse } from '@kitos/contracts';
import { NATS_CONNECTION } from '@kitos/messaging';
import { randomUUID } from 'node:crypto';
import { ErrorCode as NatsErrorCode, headers, type NatsConnection, type NatsError } from 'nats';

/**
 * Which per-usage role types give their holders write access. The OrganizationDirectory port names role types but
 * does not tell their access, so this asks identity, the owner of role types, as the catalogue itself. Asked only
 * when a caller without a module-admin role holds roles on the usage.
 */
@Injectable()
export class UsageWriteAccess {
  constructor(
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
  ) {}

  /** The given role types that are enabled ItSystemUsage roles with write access. */
  async writeRoles(roleUuids: readonly string[]): Promise<Set<string>> {
    const roles = await this.request<RoleTypeResponse[]>(Rpc.identity.listRoleTypes, { objectType: 'ItSystemUsage' });
    return new Set(roles.filter((r) => r.isEnabled && r.hasWriteAccess && roleUuids.includes(r.uuid)).map((r) => r.uuid));
  }

  private async request<T>(subject: string, data: unknown): Promise<T> {
    const correlationId = randomUUID();
    const h = headers();
    h.set(CORRELATION_HEADER, correlationId);
    const packet = JSON.stringify({ pattern: subject, data: { caller: systemCaller(correlationId), data }, id: randomUUID() });
    let raw: Uint8Array;
    try {
      raw = (await this.nc.request(subject, new TextEncoder().encode(packet), { timeout: this.config.rpcTimeoutMs, headers: h })).data;
    } catch (error) {
      if ((error as NatsError).code === NatsErrorCode.Timeout)
        throw new DomainError(ErrorCode.Timeout, 'The identity service did not answer in time');
      throw DomainError.unavailable('The identity service is not available; try again shortly');
    }
    const reply = JSON.parse(new TextDecoder().decode(raw)) as { response?: unknown; err?: unknown };
    if (reply.err !== undefined && reply.err !== null) {
      const code = isErrorPayload(reply.err) ? fromErrorPayload(reply.err).code : 'unknown error';
      throw DomainError.unavailable(`The identity service could not answer (${code})`);
    }
    return reply.response as T;
  }
}
