import { DomainError, canReadCatalogEntry, hasRole, requireUser, type CallerContext } from '@kitos/common';
import type { RegistrationScope } from '@kitos/contracts';

interface Owned {
  readonly uuid: string;
  readonly organizationUuid: string;
  readonly scope: RegistrationScope;
}

/**
 * Who may do what with an IT system (KITOS §4): create — global admins and rights holders in the owning organisation;
 * change — global admins, and local/system-module admins and rights holders of the owner; delete — global admins and
 * local admins of the owner; scope — global admins only. A system the caller may not read is "not found".
 */
export const ItSystemPolicy = {
  assertCanCreate(caller: CallerContext, organizationUuid: string, scope: RegistrationScope | undefined): void {
    requireUser(caller);
    if (!hasRole(caller, organizationUuid, 'RightsHolderAccess')) {
      throw DomainError.forbidden('Only global administrators and rights holders of the organisation register IT systems');
    }
    if (scope !== undefined && scope !== 'Global' && !caller.isGlobalAdmin)
      throw DomainError.forbidden('Only global administrators change the scope of a system');
  },

  assertCanRead(caller: CallerContext, system: Owned): void {
    requireUser(caller);
    if (!canReadCatalogEntry(caller, system)) throw DomainError.notFound('IT system', system.uuid);
  },

  assertCanModify(caller: CallerContext, system: Owned, changesScope: boolean): void {
    ItSystemPolicy.assertCanRead(caller, system);
    if (!hasRole(caller, system.organizationUuid, 'LocalAdmin', 'SystemModuleAdmin', 'RightsHolderAccess')) {
      throw DomainError.forbidden('You may not change this IT system');
    }
    if (changesScope && !caller.isGlobalAdmin) throw DomainError.forbidden('Only global administrators change the scope of a system');
  },

  assertCanDelete(caller: CallerContext, system: Owned): void {
    ItSystemPolicy.assertCanRead(caller, system);
    if (!hasRole(caller, system.organizationUuid, 'LocalAdmin'))
      throw DomainError.forbidden('Only global administrators and local administrators of the owner delete IT systems');
  },
};
