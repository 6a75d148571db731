import { Injectable } from '@nestjs/common';
import { DomainError, type FieldError } from '@kitos/common';
import type { RoleObjectType } from '@kitos/contracts';
import { OrganizationDirectoryLookup } from '@kitos/directory';
import type { FieldRef } from '@kitos/common';

export type { FieldRef };

const OBJECT_TYPE: RoleObjectType = 'DataProcessingRegistration';

/**
 * The gdpr service's view of its copy of identity's organisations (data processors), units (responsible unit), users
 * (role holders) and DataProcessingRegistration role types (`@kitos/directory`, collections `dpr_directory_*`),
 * answering with field errors to collect rather than throwing at the first unknown reference.
 */
@Injectable()
export class DprDirectory {
  constructor(private readonly lookup: OrganizationDirectoryLookup) {}

  /** Live organisations by uuid with name and CVR; unknown and deleted ones are left out. */
  organizationsByUuid(uuids: readonly string[]): Promise<Map<string, { uuid: string; name: string; cvr: string | null }>> {
    return this.lookup.organizations(uuids);
  }

  /** Every ref an existing organisation; one field error per unknown one. */
  async organizationErrors(refs: readonly FieldRef[]): Promise<FieldError[]> {
    const found = await this.organizationsByUuid(refs.map((r) => r.uuid));
    return refs.filter((r) => !found.has(r.uuid)).map((r) => ({ field: r.field, message: `${r.field} must be a known organisation` }));
  }

  async requireUnit(organizationUuid: string, ref: FieldRef): Promise<string> {
    const unit = (await this.lookup.units(organizationUuid, [ref.uuid])).get(ref.uuid);
    if (!unit || unit.organizationUuid !== organizationUuid)
      throw DomainError.badInput(`${ref.field} is not a unit of the organisation`, [
        { field: ref.field, message: `${ref.field} must be a unit of the registration's organisation` },
      ]);
    return unit.name;
  }

  async memberErrors(organizationUuid: string, refs: readonly FieldRef[]): Promise<FieldError[]> {
    const users = await this.lookup.members(
      organizationUuid,
      refs.map((r) => r.uuid),
    );
    return refs
      .filter((r) => !users.get(r.uuid)?.organizationUuids.includes(organizationUuid))
      .map((r) => ({ field: r.field, message: `${r.field} must be a member of the organisation` }));
  }

  userNames(uuids: readonly string[]): Promise<Map<string, string>> {
    return this.lookup.userNames(uuids);
  }

  /**
   * Enabled DataProcessingRegistration role types among the refs, not switched off by the organisation, by uuid → name;
   * field errors for the others. Identity's current list is read first, so a role switched off a moment ago is refused.
   */
  async requireRoleTypes(
    refs: readonly FieldRef[],
    organizationUuid: string,
  ): Promise<{ names: Map<string, string>; errors: FieldError[] }> {
    const known = await this.lookup.roleTypes(
      OBJECT_TYPE,
      refs.map((r) => r.uuid),
      true,
    );
    const names = new Map<string, string>();
    const errors: FieldError[] = [];
    for (const ref of refs) {
      const role = known.get(ref.uuid);
      if (!role || role.deleted || role.objectType !== OBJECT_TYPE || !role.isEnabled)
        errors.push({ field: ref.field, message: `${ref.field} must be an enabled ${OBJECT_TYPE} role` });
      else if ((role.disabledInOrganizationUuids ?? []).includes(organizationUuid))
        errors.push({ field: ref.field, message: `${ref.field} must be a role the organisation has not switched off` });
      else names.set(ref.uuid, role.name);
    }
    return { names, errors };
  }

  /** Which of these role types give write access to a registration. */
  writeRoles(roleUuids: readonly string[]): Promise<Set<string>> {
    return this.lookup.writeRoleTypesReadThrough(OBJECT_TYPE, roleUuids);
  }
}
