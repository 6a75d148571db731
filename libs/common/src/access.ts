import type { CallerContext } from './caller-context';

/** Plain questions about a caller that every service's authorisation rules are made of. */
export function isMember(caller: CallerContext, organizationUuid: string): boolean {
  return caller.isGlobalAdmin || caller.organizationRoles.some((r) => r.organizationUuid === organizationUuid);
}

export function hasRole(caller: CallerContext, organizationUuid: string, ...roles: readonly string[]): boolean {
  return caller.isGlobalAdmin || caller.organizationRoles.some((r) => r.organizationUuid === organizationUuid && roles.includes(r.role));
}
