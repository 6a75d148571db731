import { catalogVisibility, memberOrganizations, type CallerContext } from '@kitos/common';
import type { CatalogDeletedEntityType } from '@kitos/contracts';

/** Where the tombstones of each kind of catalogue entity live, and whether the kind is shared (has a scope). */
export const TOMBSTONE_COLLECTIONS: Record<CatalogDeletedEntityType, { collection: string; shared: boolean }> = {
  ItSystem: { collection: 'it_systems', shared: true },
  ItInterface: { collection: 'it_interfaces', shared: true },
  ItSystemUsage: { collection: 'it_system_usages', shared: false },
};

/**
 * The tombstones a caller may see (KITOS §5): global admins see all; others see the deletions of their own
 * organisations, of shared (Global) catalogue entries when they may read other organisations' shared entries, and of
 * systems whose rights holder is an organisation where they hold rights-holder access. Usages are organisation data.
 */
export function deletedEntityFilter(caller: CallerContext, shared: boolean): Record<string, unknown> | null {
  const visibility = catalogVisibility(caller);
  if (caller.isGlobalAdmin) return {};
  if (shared && visibility.all) return {};
  const own = memberOrganizations(caller);
  const alternatives: Record<string, unknown>[] = [];
  if (own.length) alternatives.push({ organizationUuid: { $in: own } });
  if (shared && !visibility.all && visibility.includeGlobal) alternatives.push({ scope: 'Global' });
  const rightsHolderOf = caller.organizationRoles.filter((r) => r.role === 'RightsHolderAccess').map((r) => r.organizationUuid);
  if (shared && rightsHolderOf.length) alternatives.push({ rightsHolderUuid: { $in: rightsHolderOf } });
  if (!alternatives.length) return null;
  return alternatives.length === 1 ? alternatives[0] : { $or: alternatives };
}
