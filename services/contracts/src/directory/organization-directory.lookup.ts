import { Injectable } from '@nestjs/common';
import { DomainError } from '@kitos/common';
import {
  Rpc,
  type OrganizationResponse,
  type OrganizationUnitResponse,
  type RoleObjectType,
  type RoleTypeResponse,
  type UserResponse,
} from '@kitos/contracts';
import type { Model } from 'mongoose';
import { OrganizationDirectory, type FieldRef, type NamedRef } from '../shared/ports';
import { DirectoryRepository, type RoleTypeRow, type RowState, type UserRow } from './directory.repository';
import { IdentityClient } from './identity.client';

type Row = { _id: string; version: number; deleted: boolean };
/** What identity answered, with its aggregate version (0 when it gives none). */
type Fetched<T extends Row> = { state: RowState<T>; version: number } | null;

/**
 * The OrganizationDirectory port over the contracts service's copy of identity's directory. The copy follows identity's events
 * and so lags a moment behind; a uuid it has never seen is read through from identity and remembered, so an
 * organisation created a moment ago can be referenced at once. Deleted objects stay unknown.
 */
@Injectable()
export class OrganizationDirectoryLookup extends OrganizationDirectory {
  constructor(
    private readonly rows: DirectoryRepository,
    private readonly identity: IdentityClient,
  ) {
    super();
  }

  async requireOrganization(ref: FieldRef): Promise<NamedRef & { cvr: string | null }> {
    const organization = (await this.organizations([ref.uuid])).get(ref.uuid);
    if (!organization) throw unknown(ref, 'organisation');
    return organization;
  }

  async organizationNames(uuids: readonly string[]): Promise<Map<string, string>> {
    const organizations = await this.organizations(uuids);
    return new Map([...organizations].map(([uuid, o]) => [uuid, o.name]));
  }

  /** Organisations by uuid with name and CVR; unknown and deleted ones are left out. */
  async organizations(uuids: readonly string[]): Promise<Map<string, NamedRef & { cvr: string | null }>> {
    const found = await this.readThrough(this.rows.organizations, uuids, async (uuid) => {
      const o = await this.identity.find<OrganizationResponse>(Rpc.identity.getOrganization, { uuid });
      return o ? { state: { name: o.name, cvr: o.cvr, organizationType: o.organizationType, deleted: false }, version: o.version } : null;
    });
    return new Map([...found].map(([uuid, o]) => [uuid, { uuid, name: o.name, cvr: o.cvr }]));
  }

  async requireUnits(organizationUuid: string, refs: readonly FieldRef[]): Promise<NamedRef[]> {
    const units = await this.readThrough(this.rows.units, uuidsOf(refs), async (uuid) => {
      const unit = await this.identity.find<OrganizationUnitResponse>(Rpc.identity.getUnit, { organizationUuid, uuid });
      return unit
        ? {
            state: { organizationUuid, name: unit.name, parentUuid: unit.parentOrganizationUnit?.uuid ?? null, deleted: false },
            version: 0,
          }
        : null;
    });
    return refs.map((ref) => {
      const unit = units.get(ref.uuid);
      if (!unit || unit.organizationUuid !== organizationUuid) throw unknown(ref, 'unit of the organisation');
      return { uuid: ref.uuid, name: unit.name };
    });
  }

  async requireMembers(organizationUuid: string, refs: readonly FieldRef[]): Promise<NamedRef[]> {
    const users = await this.users(uuidsOf(refs));
    // a right granted a moment ago may not have reached the copy yet: ask again about those not (yet) members
    const stale = [...users.values()].filter((u) => !u.organizationUuids.includes(organizationUuid));
    await Promise.all(
      stale.map(async (u) => {
        const fetched = await this.fetchUser(u._id);
        if (!fetched) return;
        await this.rows.apply(this.rows.users, u._id, fetched.version, fetched.state);
        users.set(u._id, { ...fetched.state, _id: u._id, version: fetched.version });
      }),
    );
    return refs.map((ref) => {
      const user = users.get(ref.uuid);
      if (!user || !user.organizationUuids.includes(organizationUuid)) throw unknown(ref, 'member of the organisation');
      return { uuid: ref.uuid, name: user.name };
    });
  }

  async requireRoleTypes(objectType: RoleObjectType, refs: readonly FieldRef[]): Promise<NamedRef[]> {
    let known = await this.rows.find(this.rows.roleTypes, uuidsOf(refs));
    if (refs.some((ref) => !known.has(ref.uuid))) {
      const listed = (await this.identity.find<RoleTypeResponse[]>(Rpc.identity.listRoleTypes, { objectType })) ?? [];
      await Promise.all(
        listed.map((r) =>
          this.rows.apply<RoleTypeRow>(this.rows.roleTypes, r.uuid, r.version, {
            objectType: r.objectType,
            name: r.name,
            hasReadAccess: r.hasReadAccess,
            hasWriteAccess: r.hasWriteAccess,
            isEnabled: r.isEnabled,
            deleted: false,
          }),
        ),
      );
      known = await this.rows.find(this.rows.roleTypes, uuidsOf(refs));
    }
    return refs.map((ref) => {
      const role = known.get(ref.uuid);
      if (!role || role.deleted || role.objectType !== objectType || !role.isEnabled) throw unknown(ref, `enabled ${objectType} role`);
      return { uuid: ref.uuid, name: role.name };
    });
  }

  /** The given role types that are enabled role types of this kind with write access (from the copy). */
  async writeRoleTypes(objectType: RoleObjectType, roleUuids: readonly string[]): Promise<Set<string>> {
    const rows = await this.rows.find(this.rows.roleTypes, roleUuids);
    return new Set(
      [...rows.values()].filter((r) => !r.deleted && r.isEnabled && r.hasWriteAccess && r.objectType === objectType).map((r) => r._id),
    );
  }

  async userNames(uuids: readonly string[]): Promise<Map<string, string>> {
    const users = await this.users(uuids);
    return new Map([...users].map(([uuid, u]) => [uuid, u.name]));
  }

  private users(uuids: readonly string[]): Promise<Map<string, UserRow>> {
    return this.readThrough(this.rows.users, uuids, (uuid) => this.fetchUser(uuid));
  }

  private async fetchUser(uuid: string): Promise<Fetched<UserRow>> {
    const u = await this.identity.find<UserResponse>(Rpc.identity.getUser, { uuid });
    if (!u) return null;
    const organizationUuids = [...new Set(u.rights.map((r) => r.organizationUuid))];
    return { state: { name: u.name, isGlobalAdmin: u.isGlobalAdmin, organizationUuids, deleted: false }, version: u.version };
  }

  /** Live rows by uuid; uuids the copy has never seen are asked of identity and remembered. */
  private async readThrough<T extends Row>(
    model: Model<T>,
    uuids: readonly string[],
    fetch: (uuid: string) => Promise<Fetched<T>>,
  ): Promise<Map<string, T>> {
    const found = await this.rows.find(model, uuids);
    const misses = [...new Set(uuids)].filter((uuid) => !found.has(uuid));
    await Promise.all(
      misses.map(async (uuid) => {
        const fetched = await fetch(uuid);
        if (!fetched) return;
        await this.rows.apply(model, uuid, fetched.version, fetched.state);
        found.set(uuid, { ...fetched.state, _id: uuid, version: fetched.version } as unknown as T);
      }),
    );
    for (const [uuid, row] of found) if (row.deleted) found.delete(uuid);
    return found;
  }
}

function uuidsOf(refs: readonly FieldRef[]): string[] {
  return refs.map((r) => r.uuid);
}

function unknown(ref: FieldRef, what: string): DomainError {
  return DomainError.badInput(`${ref.field} is not a known ${what}`, [
    { field: ref.field, message: `${ref.field} must be a known ${what}` },
  ]);
}
