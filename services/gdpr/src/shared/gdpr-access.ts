import { DomainError, hasRole, isMember, requireUser, type CallerContext } from '@kitos/common';

const WRITE_ROLES = ['LocalAdmin', 'SystemModuleAdmin'] as const;

/**
 * Who may read and change an organisation's GDPR data (usage profiles, processing activities, records): members read
 * it; global, local and system-module administrators change it (KITOS §4: usages are SystemModuleAdmin's module).
 * Callers outside the organisation do not see it at all (404).
 */
export const GdprAccess = {
  canRead(caller: CallerContext, organizationUuid: string): boolean {
    return isMember(caller, organizationUuid);
  },

  assertCanRead(caller: CallerContext, organizationUuid: string, what: string, uuid: string): void {
    requireUser(caller);
    if (!isMember(caller, organizationUuid)) throw DomainError.notFound(what, uuid);
  },

  assertCanModify(caller: CallerContext, organizationUuid: string, what: string, uuid: string): void {
    GdprAccess.assertCanRead(caller, organizationUuid, what, uuid);
    if (!hasRole(caller, organizationUuid, ...WRITE_ROLES)) throw DomainError.forbidden(`You may not change this ${what}`);
  },

  /** Creating in an organisation: non-members and members without an administrator role → 403. */
  assertCanCreate(caller: CallerContext, organizationUuid: string, what: string): void {
    requireUser(caller);
    if (!hasRole(caller, organizationUuid, ...WRITE_ROLES))
      throw DomainError.forbidden(`Only global, local and system-module administrators of the organisation create a ${what}`);
  },

  /** Organisation-wide views (record, report, dashboard): members only; organisations are public, so others get 403. */
  assertMember(caller: CallerContext, organizationUuid: string): void {
    requireUser(caller);
    if (!isMember(caller, organizationUuid)) throw DomainError.forbidden('Only members of the organisation read its GDPR records');
  },
};
