import { DomainError, canReadCatalogEntry, hasRole, requireUser, type CallerContext } from '@kitos/common';
import type { RegistrationScope } from '@kitos/contracts';

interface Owned {
  readonly uuid: string;
  readonly organizationUuid: string;
  readonly scope: RegistrationScope;
  readonly rightsHolderUuid: string | null;
}

const RIGHTS_HOLDER = 'RightsHolderAccess';

/** The organisations in which the caller holds rights-holder access (KITOS `RightsHolderAccess`). */
export function rightsHolderOrganizations(caller: CallerContext): string[] {
  return [...new Set(caller.organizationRoles.filter((r) => r.role === RIGHTS_HOLDER).map((r) => r.organizationUuid))];
}

function isRightsHolderOf(caller: CallerContext, system: Owned): boolean {
  return system.rightsHolderUuid !== null && hasRole(caller, system.rightsHolderUuid, RIGHTS_HOLDER);
}

/**
 * Who may do what with an IT system (KITOS §4): create — global admins and rights holders in the owning organisation;
 * read — the catalogue visibility, plus rights holders of the system's rights-holder organisation; change — global
 * admins, local/system-module admins and rights holders of the owner, and rights holders of the system's rights holder;
 * delete — global admins and local admins of the owner; scope — global admins only. A system the caller may not read
 * is "not found".
 */
export const ItSystemPolicy = {
  assertCanCreate(caller: CallerContext, organizationUuid: string, scope: RegistrationScope | null | undefined): void {
    requireUser(caller);
    if (!hasRole(caller, organizationUuid, RIGHTS_HOLDER)) {
      throw DomainError.forbidden('Only global administrators and rights holders of the organisation register IT systems');
    }
    if (scope && scope !== 'Global' && !caller.isGlobalAdmin)
      throw DomainError.forbidden('Only global administrators change the scope of a system');
  },

  canRead(caller: CallerContext, system: Owned): boolean {
    return canReadCatalogEntry(caller, system) || isRightsHolderOf(caller, system);
  },

  assertCanRead(caller: CallerContext, system: Owned): void {
    requireUser(caller);
    if (!ItSystemPolicy.canRead(caller, system)) throw DomainError.notFound('IT system', system.uuid);
  },

  assertCanModify(caller: CallerContext, system: Owned, changesScope: boolean): void {
    ItSystemPolicy.assertCanRead(caller, system);
    if (!hasRole(caller, system.organizationUuid, 'LocalAdmin', 'SystemModuleAdmin', RIGHTS_HOLDER) && !isRightsHolderOf(caller, system)) {
      throw DomainError.forbidden('You may not change this IT system');
    }
    if (changesScope && !caller.isGlobalAdmin) throw DomainError.forbidden('Only global administrators change the scope of a system');
  },

  assertCanDelete(caller: CallerContext, system: Owned): void {
    ItSystemPolicy.assertCanRead(caller, system);
    if (!hasRole(caller, system.organizationUuid, 'LocalAdmin'))
      throw DomainError.forbidden('Only global administrators and local administrators of the owner delete IT systems');
  },

  /** The rights-holder endpoints: only for callers holding rights-holder access somewhere. */
  assertIsRightsHolder(caller: CallerContext): void {
    requireUser(caller);
    if (!caller.isGlobalAdmin && !rightsHolderOrganizations(caller).length)
      throw DomainError.forbidden('Only users with rights-holder access use the rights-holder endpoints');
  },

  /** A rights holder manages the systems whose rights holder is an organisation where they hold that access. */
  assertIsRightsHolderOf(caller: CallerContext, system: Owned): void {
    ItSystemPolicy.assertIsRightsHolder(caller);
    if (!isRightsHolderOf(caller, system)) throw DomainError.forbidden('You are not rights holder of this IT system');
  },

  assertCanActAsRightsHolderFor(caller: CallerContext, organizationUuid: string): void {
    ItSystemPolicy.assertIsRightsHolder(caller);
    if (!hasRole(caller, organizationUuid, RIGHTS_HOLDER))
      throw DomainError.forbidden('You do not hold rights-holder access in that organisation');
  },
};
