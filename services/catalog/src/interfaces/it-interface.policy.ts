import { DomainError, canReadCatalogEntry, hasRole, requireUser, type CallerContext } from '@kitos/common';
import type { RegistrationScope } from '@kitos/contracts';

interface Owned {
  readonly uuid: string;
  readonly organizationUuid: string;
  readonly scope: RegistrationScope;
}

const WRITERS = ['LocalAdmin', 'SystemModuleAdmin', 'RightsHolderAccess'] as const;

/**
 * Who may do what with an IT interface (KITOS §2.4, §4): create and change — global admins, and local admins,
 * system-module admins and rights holders of the owning organisation; sharing (scope Global) — global admins only;
 * delete — global admins and local admins of the owner. An interface the caller may not read is "not found".
 */
export const ItInterfacePolicy = {
  assertCanCreate(caller: CallerContext, organizationUuid: string, scope: RegistrationScope): void {
    requireUser(caller);
    if (!hasRole(caller, organizationUuid, ...WRITERS)) {
      throw DomainError.forbidden(
        'Only global administrators, and local administrators, system-module administrators and rights holders of the organisation register interfaces',
      );
    }
    if (scope === 'Global' && !caller.isGlobalAdmin) throw DomainError.forbidden('Only global administrators register Global interfaces');
  },

  assertCanRead(caller: CallerContext, entry: Owned): void {
    requireUser(caller);
    if (!canReadCatalogEntry(caller, entry)) throw DomainError.notFound('IT interface', entry.uuid);
  },

  assertCanModify(caller: CallerContext, entry: Owned, newScope: RegistrationScope): void {
    ItInterfacePolicy.assertCanRead(caller, entry);
    if (!hasRole(caller, entry.organizationUuid, ...WRITERS)) throw DomainError.forbidden('You may not change this IT interface');
    if (newScope === 'Global' && entry.scope !== 'Global' && !caller.isGlobalAdmin)
      throw DomainError.forbidden('Only global administrators make an interface Global');
  },

  assertCanDelete(caller: CallerContext, entry: Owned): void {
    ItInterfacePolicy.assertCanRead(caller, entry);
    if (!hasRole(caller, entry.organizationUuid, 'LocalAdmin'))
      throw DomainError.forbidden('Only global administrators and local administrators of the owner delete IT interfaces');
  },
};
