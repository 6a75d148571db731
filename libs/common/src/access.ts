import { DomainError, ErrorCode } from './errors';
import type { CallerContext } from './caller-context';

/** Plain questions about a caller that every service's authorisation rules are made of. */
export function isMember(caller: CallerContext, organizationUuid: string): boolean {
  return caller.isGlobalAdmin || caller.organizationRoles.some((r) => r.organizationUuid === organizationUuid);
}

export function hasRole(caller: CallerContext, organizationUuid: string, ...roles: readonly string[]): boolean {
  return caller.isGlobalAdmin || caller.organizationRoles.some((r) => r.organizationUuid === organizationUuid && roles.includes(r.role));
}

export function requireUser(caller: CallerContext): void {
  if (caller.kind === 'anonymous') throw new DomainError(ErrorCode.Unauthenticated, 'Log in or send a token to do this');
}

/** The organisations in which the caller has any role. */
export function memberOrganizations(caller: CallerContext): string[] {
  return [...new Set(caller.organizationRoles.map((r) => r.organizationUuid))];
}

/**
 * What of the shared catalogue (IT systems, interfaces) a caller may read, by the KITOS rules: everything for global
 * admins and stakeholders; their own organisations' entries; other organisations' Global entries when their
 * cross-organisation read level is Public (members of a municipality) or All.
 */
export type CatalogVisibility =
  { readonly all: true } | { readonly all: false; readonly organizationUuids: readonly string[]; readonly includeGlobal: boolean };

export function catalogVisibility(caller: CallerContext): CatalogVisibility {
  if (caller.isGlobalAdmin || caller.isStakeholder || caller.crossOrganizationRead === 'All') return { all: true };
  return { all: false, organizationUuids: memberOrganizations(caller), includeGlobal: caller.crossOrganizationRead === 'Public' };
}

export function canReadCatalogEntry(caller: CallerContext, entry: { organizationUuid: string; scope: string }): boolean {
  const visibility = catalogVisibility(caller);
  return (
    visibility.all ||
    visibility.organizationUuids.includes(entry.organizationUuid) ||
    (visibility.includeGlobal && entry.scope === 'Global')
  );
}

/** The MongoDB filter of a catalog visibility over documents with `organizationUuid` and `scope`. */
export function catalogVisibilityFilter(visibility: CatalogVisibility): Record<string, unknown> {
  if (visibility.all) return {};
  const own = { organizationUuid: { $in: [...visibility.organizationUuids] } };
  return visibility.includeGlobal ? { $or: [own, { scope: 'Global' }] } : own;
}

/**
 * The uuid of a new object: the caller's own choice when it gave one (an import keeps the uuids of the system it comes
 * from, so a second run updates instead of duplicating), else a fresh one. Only global administrators and local
 * administrators of the object's organisation may choose (403); the choice is lower-cased.
 */
export function chosenUuid(
  caller: CallerContext,
  organizationUuid: string | null,
  requested: string | null | undefined,
  generate: () => string,
): string {
  if (!requested) return generate();
  const allowed = caller.isGlobalAdmin || (organizationUuid !== null && hasRole(caller, organizationUuid, 'LocalAdmin'));
  if (!allowed) throw DomainError.forbidden('Only global administrators and local administrators choose the uuid of a new object');
  return requested.toLowerCase();
}

/** 409 for a chosen uuid that is already taken. */
export function uuidTaken(kind: string, uuid: string): DomainError {
  return DomainError.conflict(`${kind} with uuid ${uuid} already exists`, { existingUuid: uuid });
}

/**
 * Whether an authorisation check lets the caller through: the permission endpoints ask the same `assert…` rules the
 * write paths enforce, so what they answer cannot drift from what is enforced. Only a refusal (403) counts as "no";
 * any other failure is passed on.
 */
export function permits(check: () => void): boolean {
  try {
    check();
    return true;
  } catch (error) {
    return passOnUnlessRefusal(error);
  }
}

/** `permits` for checks that read something first (asynchronous): the same answer for the same outcome. */
export async function isAllowed(check: () => unknown): Promise<boolean> {
  try {
    await check();
    return true;
  } catch (error) {
    return passOnUnlessRefusal(error);
  }
}

function passOnUnlessRefusal(error: unknown): false {
  if (error instanceof DomainError && error.code === ErrorCode.Forbidden) return false;
  throw error;
}
