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
import { DirectoryRepository, type Row, type RoleTypeRow, type RowState, type UnitRow, type UserRow } from './directory.repository';
import { NatsRpcClient } from '@kitos/messaging';
import type { FieldRef } from '@kitos/common';

export interface NamedRef {
  uuid: string;
  name: string;
}

export type { FieldRef };

/** Identity is read through only to fill the copy: a refusal other than "not found" means it cannot answer now (503). */
const READ_THROUGH = { passOn: [] } as const;

/** What identity answered, with its aggregate version (0 when it gives none). */
type Fetched<T extends Row> = { state: RowState<T>; version: number } | null;

/**
 * A service's OrganizationDirectory over its copy of identity's directory. The copy follows identity's events and so
 * lags a moment behind; a uuid it has never seen is read through from identity and remembered, so an organisation
 * created a moment ago can be referenced at once. Deleted objects stay unknown. Every `require…` method throws
 * `DomainError.badInput` with a field-level error (the `field` it was given) when a reference is unknown or not allowed.
 */
@Injectable()
export class OrganizationDirectoryLookup {
  constructor(
    private readonly rows: DirectoryRepository,
    private readonly identity: NatsRpcClient,
  ) {}

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
      const o = await this.identity.systemFind<OrganizationResponse>(Rpc.identity.getOrganization, { uuid }, READ_THROUGH);
      return o ? { state: { name: o.name, cvr: o.cvr, organizationType: o.organizationType, deleted: false }, version: o.version } : null;
    });
    return new Map([...found].map(([uuid, o]) => [uuid, { uuid, name: o.name, cvr: o.cvr }]));
  }

  /** Units of exactly this organisation. */
  async requireUnits(organizationUuid: string, refs: readonly FieldRef[]): Promise<NamedRef[]> {
    const units = await this.units(organizationUuid, uuidsOf(refs));
    return refs.map((ref) => {
      const unit = units.get(ref.uuid);
      if (!unit || unit.organizationUuid !== organizationUuid) throw unknown(ref, 'unit of the organisation');
      return { uuid: ref.uuid, name: unit.name };
    });
  }

  /** Live units by uuid (of any organisation: check `organizationUuid`); misses are read through within this organisation. */
  units(organizationUuid: string, uuids: readonly string[]): Promise<Map<string, UnitRow>> {
    return this.readThrough(this.rows.units, uuids, async (uuid) => {
      const unit = await this.identity.systemFind<OrganizationUnitResponse>(Rpc.identity.getUnit, { organizationUuid, uuid }, READ_THROUGH);
      return unit
        ? {
            state: { organizationUuid, name: unit.name, parentUuid: unit.parentOrganizationUnit?.uuid ?? null, deleted: false },
            version: 0,
          }
        : null;
    });
  }

  /** Users holding any right in the organisation. */
  async requireMembers(organizationUuid: string, refs: readonly FieldRef[]): Promise<NamedRef[]> {
    const users = await this.members(organizationUuid, uuidsOf(refs));
    return refs.map((ref) => {
      const user = users.get(ref.uuid);
      if (!user || !user.organizationUuids.includes(organizationUuid)) throw unknown(ref, 'member of the organisation');
      return { uuid: ref.uuid, name: user.name };
    });
  }

  /**
   * Live users by uuid, as for `users`, but a known user who is not (yet) a member of the organisation is asked of
   * identity again: a right granted a moment ago may not have reached the copy yet.
   */
  async members(organizationUuid: string, uuids: readonly string[]): Promise<Map<string, UserRow>> {
    const users = await this.users(uuids);
    const stale = [...users.values()].filter((u) => !u.organizationUuids.includes(organizationUuid));
    await Promise.all(
      stale.map(async (u) => {
        const fetched = await this.fetchUser(u._id);
        if (!fetched) return;
        await this.rows.apply(this.rows.users, u._id, fetched.version, fetched.state);
        users.set(u._id, { ...fetched.state, _id: u._id, version: fetched.version });
      }),
    );
    return users;
  }

  /**
   * Enabled role types for this kind of object; with `organizationUuid`, also not switched off by that organisation
   * (then identity's current list is read first, so a role switched off a moment ago is refused at once).
   */
  async requireRoleTypes(objectType: RoleObjectType, refs: readonly FieldRef[], organizationUuid?: string): Promise<NamedRef[]> {
    const known = await this.roleTypes(objectType, uuidsOf(refs), organizationUuid !== undefined);
    return refs.map((ref) => {
      const role = known.get(ref.uuid);
      if (!role || role.deleted || role.objectType !== objectType || !role.isEnabled) throw unknown(ref, `enabled ${objectType} role`);
      if (organizationUuid !== undefined && switchedOff(role, organizationUuid))
        throw DomainError.badInput(`${ref.field} is switched off in the organisation`, [
          { field: ref.field, message: `${ref.field} must be a role the organisation has not switched off` },
        ]);
      return { uuid: ref.uuid, name: role.name };
    });
  }

  /** Which of the given role types are enabled, of this kind and give write access (from the copy only). */
  async writeRoleTypes(objectType: RoleObjectType, roleUuids: readonly string[]): Promise<Set<string>> {
    return writeRolesAmong(objectType, await this.rows.find(this.rows.roleTypes, roleUuids));
  }

  /** As `writeRoleTypes`, but unknown role types are first read through (identity's list of this kind). */
  async writeRoleTypesReadThrough(objectType: RoleObjectType, roleUuids: readonly string[]): Promise<Set<string>> {
    return writeRolesAmong(objectType, await this.roleTypes(objectType, roleUuids));
  }

  /**
   * Role types by uuid, tombstones and other kinds included; when any is unknown, identity's list of role types for
   * this kind of object is read into the copy first.
   */
  async roleTypes(objectType: RoleObjectType, uuids: readonly string[], fresh = false): Promise<Map<string, RoleTypeRow>> {
    const known = await this.rows.find(this.rows.roleTypes, uuids);
    if (!fresh && uuids.every((uuid) => known.has(uuid))) return known;
    let listed: RoleTypeResponse[];
    try {
      listed = (await this.identity.systemFind<RoleTypeResponse[]>(Rpc.identity.listRoleTypes, { objectType }, READ_THROUGH)) ?? [];
    } catch (error) {
      // a fresh read is a courtesy when the copy knows every role: identity down → the copy answers
      if (fresh && uuids.every((uuid) => known.has(uuid))) return known;
      throw error;
    }
    await Promise.all(
      listed.map((r) =>
        this.rows.apply<RoleTypeRow>(this.rows.roleTypes, r.uuid, r.version, {
          objectType: r.objectType,
          name: r.name,
          hasReadAccess: r.hasReadAccess,
          hasWriteAccess: r.hasWriteAccess,
          isEnabled: r.isEnabled,
          disabledInOrganizationUuids: r.disabledInOrganizationUuids ?? [],
          deleted: false,
        }),
      ),
    );
    return this.rows.find(this.rows.roleTypes, uuids);
  }

  async userNames(uuids: readonly string[]): Promise<Map<string, string>> {
    const users = await this.users(uuids);
    return new Map([...users].map(([uuid, u]) => [uuid, u.name]));
  }

  /** Live users by uuid; misses are read through. */
  users(uuids: readonly string[]): Promise<Map<string, UserRow>> {
    return this.readThrough(this.rows.users, uuids, (uuid) => this.fetchUser(uuid));
  }

  private async fetchUser(uuid: string): Promise<Fetched<UserRow>> {
    const u = await this.identity.systemFind<UserResponse>(Rpc.identity.getUser, { uuid }, READ_THROUGH);
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

function writeRolesAmong(objectType: RoleObjectType, rows: Map<string, RoleTypeRow>): Set<string> {
  return new Set(
    [...rows.values()].filter((r) => !r.deleted && r.isEnabled && r.hasWriteAccess && r.objectType === objectType).map((r) => r._id),
  );
}

function switchedOff(role: RoleTypeRow, organizationUuid: string): boolean {
  return (role.disabledInOrganizationUuids ?? []).includes(organizationUuid);
}

function uuidsOf(refs: readonly FieldRef[]): string[] {
  return refs.map((r) => r.uuid);
}

function unknown(ref: FieldRef, what: string): DomainError {
  return DomainError.badInput(`${ref.field} is not a known ${what}`, [
    { field: ref.field, message: `${ref.field} must be a known ${what}` },
  ]);
}
