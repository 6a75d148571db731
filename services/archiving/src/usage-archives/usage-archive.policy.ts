import { DomainError, hasRole, isMember, requireUser, type CallerContext } from '@kitos/common';

const WRITE_ROLES = ['LocalAdmin', 'SystemModuleAdmin'] as const;

/**
 * Who may do what with the archiving profile of a usage (KITOS §4): it is private to the usage's organisation. Members
 * read it (other organisations are refused with 403, as KITOS and the usage itself answer); global admins, local admins and system-module admins of the organisation
 * change it and its journal periods (403 for other members).
 */
export const UsageArchivePolicy = {
  canRead(caller: CallerContext, organizationUuid: string): boolean {
    return caller.kind !== 'anonymous' && isMember(caller, organizationUuid);
  },

  assertCanRead(caller: CallerContext, usage: { uuid: string; organizationUuid: string }): void {
    requireUser(caller);
    if (!isMember(caller, usage.organizationUuid)) throw DomainError.forbidden('You may not read the archiving of this IT system usage');
  },

  canModify(caller: CallerContext, organizationUuid: string): boolean {
    return caller.kind !== 'anonymous' && hasRole(caller, organizationUuid, ...WRITE_ROLES);
  },

  assertCanModify(caller: CallerContext, usage: { uuid: string; organizationUuid: string }): void {
    UsageArchivePolicy.assertCanRead(caller, usage);
    if (!UsageArchivePolicy.canModify(caller, usage.organizationUuid))
      throw DomainError.forbidden('Only global, local and system-module administrators of the organisation change its archiving');
  },

  /** Organisation-wide lists (overview, overdue deliveries): members only, 403 for others as KITOS's member lists. */
  assertCanReadOrganization(caller: CallerContext, organizationUuid: string): void {
    requireUser(caller);
    if (!isMember(caller, organizationUuid)) throw DomainError.forbidden('Only members of the organisation read its archiving');
  },
};
