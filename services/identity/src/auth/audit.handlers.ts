import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { DomainError, hasRole, isUuid } from '@kitos/common';
import { AuditLogQuery, Rpc, validateInto, type AuditLogRpcResponse } from '@kitos/contracts';
import { callerOf, type RpcRequest } from '@kitos/platform';
import { AuditRepository } from './audit.repository';

/** The audit log: global admins read all of it, local admins what concerns their organisation. */
@Controller()
export class AuditHandlers {
  constructor(private readonly audit: AuditRepository) {}

  @MessagePattern(Rpc.identity.auditLog)
  async list(@Payload() request: RpcRequest<{ organizationUuid?: unknown; query?: unknown }>): Promise<AuditLogRpcResponse> {
    const caller = callerOf(request);
    const organizationUuid = request.data?.organizationUuid;
    const { limit, page, actorUserUuid, action, objectType, since, until } = validateInto(AuditLogQuery, request.data?.query ?? {});
    if (organizationUuid === undefined || organizationUuid === null) {
      if (!caller.isGlobalAdmin) throw DomainError.forbidden('Only global administrators read the whole audit log');
    } else if (!isUuid(organizationUuid) || !hasRole(caller, organizationUuid, 'LocalAdmin')) {
      throw DomainError.forbidden('Only local administrators read the audit log of their organisation');
    }
    const filter = {
      organizationUuid: (organizationUuid as string | undefined) ?? undefined,
      actorUserUuid,
      action,
      objectType,
      since: since ? new Date(since) : undefined,
      until: until ? new Date(until) : undefined,
    };
    const [entries, total] = await Promise.all([this.audit.recent({ ...filter, page, limit: limit ?? 100 }), this.audit.count(filter)]);
    return { items: entries.map((e) => ({ ...e, at: e.at.toISOString(), organizationUuids: [...e.organizationUuids] })), total };
  }
}
