import { Injectable } from '@nestjs/common';
import { OrganizationDirectoryLookup } from '@kitos/directory';
import type { RoleObjectType } from '@kitos/contracts';
import type { FieldRef, NamedRef } from '../shared/ports';

const OBJECT_TYPE: RoleObjectType = 'ItProject';

/**
 * The project service's view of its copy of identity's organisations, units, users and role types
 * (`@kitos/directory`), with role types fixed to ItProject. Deleted objects stay unknown.
 */
@Injectable()
export class OrganizationDirectory {
  constructor(private readonly lookup: OrganizationDirectoryLookup) {}

  /** The organisation, or null when unknown or deleted. */
  async organization(uuid: string): Promise<NamedRef | null> {
    const o = (await this.lookup.organizations([uuid])).get(uuid);
    return o ? { uuid: o.uuid, name: o.name } : null;
  }

  organizationNames(uuids: readonly string[]): Promise<Map<string, string>> {
    return this.lookup.organizationNames(uuids);
  }

  /** Units of exactly this organisation. */
  requireUnits(organizationUuid: string, refs: readonly FieldRef[]): Promise<NamedRef[]> {
    return this.lookup.requireUnits(organizationUuid, refs);
  }

  /** Users holding any right in the organisation. */
  requireMembers(organizationUuid: string, refs: readonly FieldRef[]): Promise<NamedRef[]> {
    return this.lookup.requireMembers(organizationUuid, refs);
  }

  /** Enabled ItProject role types, not switched off by the organisation. */
  requireRoleTypes(refs: readonly FieldRef[], organizationUuid: string): Promise<NamedRef[]> {
    return this.lookup.requireRoleTypes(OBJECT_TYPE, refs, organizationUuid);
  }

  /** Of the given role types, the enabled ItProject roles with write access. */
  writeRoles(roleUuids: readonly string[]): Promise<Set<string>> {
    return this.lookup.writeRoleTypesReadThrough(OBJECT_TYPE, roleUuids);
  }

  userNames(uuids: readonly string[]): Promise<Map<string, string>> {
    return this.lookup.userNames(uuids);
  }
}
