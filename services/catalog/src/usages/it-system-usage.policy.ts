import { DomainError, hasRole, isMember, requireUser, type CallerContext } from '@kitos/common';

interface Owned {
  readonly uuid: string;
  readonly organizationUuid: string;
  readonly roles: ReadonlyArray<{ readonly roleUuid: string; readonly userUuid: string }>;
}

const MODULE_ROLES = ['LocalAdmin', 'SystemModuleAdmin'] as const;

/**
 * Who may do what with a system usage (KITOS §4): usages are private to their organisation. Members read them (others
 * are refused with 403, as in KITOS, and do not find them in lists); global admins, local admins and system-module admins of the organisation create, change and
 * delete them, and so does a member holding a per-usage role with write access on that usage.
 */
export const ItSystemUsagePolicy = {
  assertCanCreate(caller: CallerContext, organizationUuid: string): void {
    requireUser(caller);
    if (!hasRole(caller, organizationUuid, ...MODULE_ROLES))
      throw DomainError.forbidden('Only global, local and system-module administrators of the organisation take systems into use');
  },

  canRead(caller: CallerContext, usage: Pick<Owned, 'organizationUuid'>): boolean {
    return isMember(caller, usage.organizationUuid);
  },

  assertCanRead(caller: CallerContext, usage: Owned): void {
    requireUser(caller);
    if (!ItSystemUsagePolicy.canRead(caller, usage)) throw DomainError.forbidden('You may not read this IT system usage');
  },

  /** `writeRoleUuids`: the per-usage role types whose holders may change a usage. */
  assertCanModify(caller: CallerContext, usage: Owned, writeRoleUuids: ReadonlySet<string>): void {
    ItSystemUsagePolicy.assertCanRead(caller, usage);
    if (hasRole(caller, usage.organizationUuid, ...MODULE_ROLES)) return;
    const holdsWriteRole = usage.roles.some((r) => r.userUuid === caller.userUuid && writeRoleUuids.has(r.roleUuid));
    if (!holdsWriteRole) throw DomainError.forbidden('You may not change this IT system usage');
  },

  /** Whether the caller's right to change the usage rests on per-usage roles (no module-admin role in its organisation). */
  needsRoleAccess(caller: CallerContext, usage: Owned): boolean {
    return !hasRole(caller, usage.organizationUuid, ...MODULE_ROLES);
  },

  /** The per-usage roles the caller holds on the usage: the only ones whose write access matters to `assertCanModify`. */
  rolesHeldBy(caller: CallerContext, usage: Owned): string[] {
    return [...new Set(usage.roles.filter((r) => r.userUuid === caller.userUuid).map((r) => r.roleUuid))];
  },
};
