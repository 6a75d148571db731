import type { OrganizationRoleName } from '@kitos/contracts';
import type { PrivilegeGroup } from './oio-bpp';

/**
 * The role part of our privilege URIs, `<SAML_SP_ENTITY_ID>/roles/usersystemrole/<slug>/1` (KITOS uses
 * `readaccess` for the plain user role). Rights-holder access is never granted by this scheme: KITOS lets only
 * global administrators grant it, so an operator must map a privilege to it explicitly (SAML_PRIVILEGE_ROLE_MAP).
 */
const ROLE_SLUGS: Readonly<Record<OrganizationRoleName, string | null>> = {
  User: 'readaccess',
  LocalAdmin: 'localadmin',
  OrganizationModuleAdmin: 'organizationmoduleadmin',
  SystemModuleAdmin: 'systemmoduleadmin',
  ContractModuleAdmin: 'contractmoduleadmin',
  RightsHolderAccess: null,
};

export function privilegeUri(spEntityId: string, role: OrganizationRoleName): string | null {
  const slug = ROLE_SLUGS[role];
  return slug ? `${spEntityId.replace(/\/+$/, '')}/roles/usersystemrole/${slug}/1` : null;
}

export function defaultPrivilegeRoles(spEntityId: string): Map<string, OrganizationRoleName> {
  const roles = new Map<string, OrganizationRoleName>();
  for (const role of Object.keys(ROLE_SLUGS) as OrganizationRoleName[]) {
    const uri = privilegeUri(spEntityId, role);
    if (uri) roles.set(uri, role);
  }
  return roles;
}

export interface ScopedRole {
  readonly cvr: string;
  readonly role: OrganizationRoleName;
}

/** Our roles among the privileges, per CVR; privileges of other systems and groups without a CVR scope are ignored. */
export function rolesFromPrivileges(
  groups: readonly PrivilegeGroup[],
  privilegeRoles: ReadonlyMap<string, OrganizationRoleName>,
): ScopedRole[] {
  const roles: ScopedRole[] = [];
  for (const group of groups) {
    if (!group.cvr) continue;
    for (const privilege of group.privileges) {
      const role = privilegeRoles.get(privilege);
      if (role && !roles.some((r) => r.cvr === group.cvr && r.role === role)) roles.push({ cvr: group.cvr, role });
    }
  }
  return roles;
}
