import { DomainError, hasRole, isMember, requireUser, type CallerContext } from '@kitos/common';

interface Owned {
  readonly uuid: string;
  readonly organizationUuid: string;
  readonly roles: ReadonlyArray<{ readonly roleUuid: string; readonly userUuid: string }>;
}

/** KITOS §4: DPRs are written by local admins and by system- or contract-module admins of the organisation. */
const MODULE_ROLES = ['LocalAdmin', 'SystemModuleAdmin', 'ContractModuleAdmin'] as const;

/**
 * Who may do what with a data processing registration (KITOS §2.7, §3.1, §4): registrations are private to their
 * organisation. Members read them; others get 403 (KITOS answers 403 for another organisation's private entity and
 * leaves it out of lists). Global admins, local admins and system/contract-module admins of the organisation create,
 * change and delete them, and so does a member holding a per-registration role with write access.
 */
export const DprPolicy = {
  assertCanCreate(caller: CallerContext, organizationUuid: string): void {
    requireUser(caller);
    if (!isMember(caller, organizationUuid)) throw DomainError.forbidden('You are not a member of the organisation');
    if (!hasRole(caller, organizationUuid, ...MODULE_ROLES))
      throw DomainError.forbidden(
        'Only global, local, system-module and contract-module administrators of the organisation create data processing registrations',
      );
  },

  assertCanRead(caller: CallerContext, registration: Pick<Owned, 'organizationUuid'>): void {
    requireUser(caller);
    if (!isMember(caller, registration.organizationUuid))
      throw DomainError.forbidden('The data processing registration belongs to another organisation');
  },

  assertCanReadOrganization(caller: CallerContext, organizationUuid: string): void {
    requireUser(caller);
    if (!isMember(caller, organizationUuid))
      throw DomainError.forbidden('Only members of the organisation read its data processing registrations');
  },

  /** `writeRoleUuids`: the per-registration role types whose holders may change a registration. */
  assertCanModify(caller: CallerContext, registration: Owned, writeRoleUuids: ReadonlySet<string>): void {
    DprPolicy.assertCanRead(caller, registration);
    if (hasRole(caller, registration.organizationUuid, ...MODULE_ROLES)) return;
    if (!registration.roles.some((r) => r.userUuid === caller.userUuid && writeRoleUuids.has(r.roleUuid)))
      throw DomainError.forbidden('You may not change this data processing registration');
  },

  /** The per-registration roles the caller holds, when its right to change rests on them (no module-admin role). */
  rolesToCheck(caller: CallerContext, registration: Owned): string[] {
    if (hasRole(caller, registration.organizationUuid, ...MODULE_ROLES)) return [];
    return [...new Set(registration.roles.filter((r) => r.userUuid === caller.userUuid).map((r) => r.roleUuid))];
  },
};
