import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { DomainError, hasRole, isUuid } from '@kitos/common';
import { AuditLogQuery, Rpc, validateInto, type AuditEntryResponse } from '@kitos/contracts';
import { callerOf, type RpcRequest } from '@kitos/platform';
import { AuditRepository } from './audit.repository';

/** The audit log: global admins read all of it, local admins what concerns their organisation. */
@Controller()
export class AuditHandlers {
  constructor(private readonly audit: AuditRepository) {}

  @MessagePattern(Rpc.identity.auditLog)
  async list(@Payload() request: RpcRequest<{ organizationUuid?: unknown; query?: unknown }>): Promise<AuditEntryResponse[]> {
    const caller = callerOf(request);
    const organizationUuid = request.data?.organizationUuid;
    const { limit, page, actorUserUuid, action, objectType, since, until } = validateInto(AuditLogQuery, request.data?.query ?? {});
    if (organizationUuid === undefined || organizationUuid === null) {
      if (!caller.isGlobalAdmin) throw DomainError.forbidden('Only global administrators read the whole audit log');
    } else if (!isUuid(organizationUuid) || !hasRole(caller, organizationUuid, 'LocalAdmin')) {
      throw DomainError.forbidden('Only local administrators read the audit log of their organisation');
    }
    const entries = await this.audit.recent({
      organizationUuid: (organizationUuid as string | undefined) ?? undefined,
      actorUserUuid,
      action,
      objectType,
      since: since ? new Date(since) : undefined,
      until: until ? new Date(until) : undefined,
      page,
      limit: limit ?? 100,
    });
    return entries.map((e) => ({ ...e, at: e.at.toISOString(), organizationUuids: [...e.organizationUuids] }));
  }
}
