import { Injectable } from '@nestjs/common';
import { Rpc, type RoleTypeResponse } from '@kitos/contracts';
import { NatsRpcClient } from '@kitos/messaging';

/**
 * Which per-usage role types give their holders write access. The OrganizationDirectory port names role types but
 * does not tell their access, so this asks identity, the owner of role types, as the catalogue itself. Asked only
 * when a caller without a module-admin role holds roles on the usage.
 */
@Injectable()
export class UsageWriteAccess {
  constructor(private readonly rpc: NatsRpcClient) {}

  /** The given role types that are enabled ItSystemUsage roles with write access. */
  async writeRoles(roleUuids: readonly string[]): Promise<Set<string>> {
    const roles = await this.rpc.systemRequest<RoleTypeResponse[]>(
      Rpc.identity.listRoleTypes,
      { objectType: 'ItSystemUsage' },
      { passOn: [] },
    );
    return new Set(roles.filter((r) => r.isEnabled && r.hasWriteAccess && roleUuids.includes(r.uuid)).map((r) => r.uuid));
  }
}
