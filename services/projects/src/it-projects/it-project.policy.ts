import { DomainError, hasRole, isMember, requireUser, type CallerContext } from '@kitos/common';

interface Owned {
  readonly uuid: string;
  readonly organizationUuid: string;
  readonly roles: ReadonlyArray<{ readonly roleUuid: string; readonly userUuid: string }>;
}

/** The organisation roles that administer projects (KITOS dropped its project-module admin role with the module). */
const ADMIN_ROLES = ['LocalAdmin'] as const;

/**
 * Who may do what with an IT project. Project data is private to its organisation: members (any role) read it,
 * everybody else gets 404 — also global administrators' cross-organisation reads go only through this service.
 * Global administrators and local administrators of the organisation create, change and delete projects; a member
 * holding a per-project role with write access changes that project (and its parts) but neither creates nor deletes.
 */
export const ItProjectPolicy = {
  assertCanCreate(caller: CallerContext, organizationUuid: string): void {
    requireUser(caller);
    if (!hasRole(caller, organizationUuid, ...ADMIN_ROLES))
      throw DomainError.forbidden('Only global and local administrators of the organisation create IT projects');
  },

  canRead(caller: CallerContext, organizationUuid: string): boolean {
    return isMember(caller, organizationUuid);
  },

  assertCanRead(caller: CallerContext, project: Pick<Owned, 'uuid' | 'organizationUuid'>): void {
    requireUser(caller);
    if (!ItProjectPolicy.canRead(caller, project.organizationUuid)) throw DomainError.notFound('IT project', project.uuid);
  },

  isAdministrator(caller: CallerContext, organizationUuid: string): boolean {
    return hasRole(caller, organizationUuid, ...ADMIN_ROLES);
  },

  /** `writeRoleUuids`: the role types (of those the caller holds on the project) that give write access. */
  assertCanModify(caller: CallerContext, project: Owned, writeRoleUuids: ReadonlySet<string>): void {
    ItProjectPolicy.assertCanRead(caller, project);
    if (ItProjectPolicy.isAdministrator(caller, project.organizationUuid)) return;
    if (!ItProjectPolicy.rolesHeldBy(caller, project).some((role) => writeRoleUuids.has(role)))
      throw DomainError.forbidden('You may not change this IT project');
  },

  assertCanDelete(caller: CallerContext, project: Owned): void {
    ItProjectPolicy.assertCanRead(caller, project);
    if (!ItProjectPolicy.isAdministrator(caller, project.organizationUuid))
      throw DomainError.forbidden('Only global and local administrators of the organisation delete IT projects');
  },

  rolesHeldBy(caller: CallerContext, project: Owned): string[] {
    return [...new Set(project.roles.filter((r) => r.userUuid === caller.userUuid).map((r) => r.roleUuid))];
  },

  /** The organisation's phase names: members read, global and local administrators rename. */
  assertCanReadOrganization(caller: CallerContext, organizationUuid: string): void {
    requireUser(caller);
    if (!isMember(caller, organizationUuid)) throw DomainError.notFound('Organisation', organizationUuid);
  },

  assertCanAdministerOrganization(caller: CallerContext, organizationUuid: string): void {
    ItProjectPolicy.assertCanReadOrganization(caller, organizationUuid);
    if (!ItProjectPolicy.isAdministrator(caller, organizationUuid))
      throw DomainError.forbidden('Only global and local administrators of the organisation rename project phases');
  },
};
