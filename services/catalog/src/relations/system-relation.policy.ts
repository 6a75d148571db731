import { DomainError, hasRole, isMember, requireUser, type CallerContext } from '@kitos/common';
import type { UsageRef } from '../shared/ports';

/**
 * Who may do what with system relations (KITOS §4): they are part of the source usage, which belongs to one
 * organisation. Reading needs read access to the usage (any role in its organisation); changing needs write access
 * (global admins, local and system-module admins of the organisation). Another organisation's usage is refused with
 * 403, as KITOS does (and as the usage itself answers).
 */
export const SystemRelationPolicy = {
  assertCanRead(caller: CallerContext, usage: UsageRef): void {
    requireUser(caller);
    if (!isMember(caller, usage.organizationUuid)) throw DomainError.forbidden('You may not read this IT system usage');
  },

  assertCanModify(caller: CallerContext, usage: UsageRef): void {
    SystemRelationPolicy.assertCanRead(caller, usage);
    if (!hasRole(caller, usage.organizationUuid, 'LocalAdmin', 'SystemModuleAdmin'))
      throw DomainError.forbidden('Only local and system-module administrators of the organisation change its system relations');
  },

  /** The relation graph of an organisation is for its members (KITOS: organisation data is members only, 403). */
  assertCanReadGraph(caller: CallerContext, organizationUuid: string): void {
    requireUser(caller);
    if (!isMember(caller, organizationUuid)) throw DomainError.forbidden('Only members of the organisation see its system relations');
  },
};
