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
import { BusClient } from '../shared/bus-client';
import type { FieldRef, NamedRef } from '../shared/ports';
import { DirectoryRepository, type RoleTypeRow, type RowState, type UserRow } from './directory.repository';

type Row = { _id: string; version: number; deleted: boolean };
type Fetched<T extends Row> = { state: RowState<T>; version: number } | null;

const OBJECT_TYPE: RoleObjectType = 'ItProject';

/**
 * The project service's copy of identity's organisations, units, users and ItProject role types. The copy follows
 * identity's events and so lags a moment behind; a uuid it has never seen is read through from identity and
 * remembered. Deleted objects stay unknown.
 */
@Injectable()
export class OrganizationDirectory {
  constructor(
    private readonly rows: DirectoryRepository,
    private readonly bus: BusClient,
  ) {}

  /** The organisation, or null when unknown or deleted. */
  async organization(uuid: string): Promise<NamedRef | null> {
    return (await this.organizations([uuid])).get(uuid) ?? null;
  }

  async organizationNames(uuids: readonly string[]): Promise<Map<string, string>> {
    return new Map([...(await this.organizations(uuids))].map(([uuid, o]) => [uuid, o.name]));
  }

  private async organizations(uuids: readonly string[]): Promise<Map<string, NamedRef>> {
    const found = await this.readThrough(this.rows.organizations, uuids, async (uuid) => {
      const o = await this.bus.find<OrganizationResponse>('identity', Rpc.identity.getOrganization, { uuid });
      return o ? { state: { name: o.name, cvr: o.cvr, organizationType: o.organizationType, deleted: false }, version: o.version } : null;
    });
    return new Map([...found].map(([uuid, o]) => [uuid, { uuid, name: o.name }]));
  }

  /** Units of exactly this organisation. */
  async requireUnits(organizationUuid: string, refs: readonly FieldRef[]): Promise<NamedRef[]> {
    const units = await this.readThrough(
      this.rows.units,
      refs.map((r) => r.uuid),
      async (uuid) => {
        const unit = await this.bus.find<OrganizationUnitResponse>('identity', Rpc.identity.getUnit, { organizationUuid, uuid });
        return unit
          ? {
              state: { organizationUuid, name: unit.name, parentUuid: unit.parentOrganizationUnit?.uuid ?? null, deleted: false },
              version: 0,
            }
          : null;
      },
    );
    return refs.map((ref) => {
      const unit = units.get(ref.uuid);
      if (!unit || unit.organizationUuid !== organizationUuid) throw unknown(ref, 'unit of the organisation');
      return { uuid: ref.uuid, name: unit.name };
    });
  }

  /** Users holding any right in the organisation. */
  async requireMembers(organizationUuid: string, refs: readonly FieldRef[]): Promise<NamedRef[]> {
    const users = await this.users(refs.map((r) => r.uuid));
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

  /** Enabled ItProject role types. */
  async requireRoleTypes(refs: readonly FieldRef[]): Promise<NamedRef[]> {
    const known = await this.roleTypes(refs.map((r) => r.uuid));
    return refs.map((ref) => {
      const role = known.get(ref.uuid);
      if (!role || role.deleted || role.objectType !== OBJECT_TYPE || !role.isEnabled) throw unknown(ref, `enabled ${OBJECT_TYPE} role`);
      return { uuid: ref.uuid, name: role.name };
    });
  }

  /** Of the given role types, the enabled ItProject roles with write access. */
  async writeRoles(roleUuids: readonly string[]): Promise<Set<string>> {
    const known = await this.roleTypes(roleUuids);
    return new Set(
      [...known.values()].filter((r) => !r.deleted && r.objectType === OBJECT_TYPE && r.isEnabled && r.hasWriteAccess).map((r) => r._id),
    );
  }

  async userNames(uuids: readonly string[]): Promise<Map<string, string>> {
    return new Map([...(await this.users(uuids))].map(([uuid, u]) => [uuid, u.name]));
  }

  private async roleTypes(uuids: readonly string[]): Promise<Map<string, RoleTypeRow>> {
    let known = await this.rows.find(this.rows.roleTypes, uuids);
    if (uuids.some((uuid) => !known.has(uuid))) {
      const listed = (await this.bus.find<RoleTypeResponse[]>('identity', Rpc.identity.listRoleTypes, { objectType: OBJECT_TYPE })) ?? [];
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
      known = await this.rows.find(this.rows.roleTypes, uuids);
    }
    return known;
  }

  private users(uuids: readonly string[]): Promise<Map<string, UserRow>> {
    return this.readThrough(this.rows.users, uuids, (uuid) => this.fetchUser(uuid));
  }

  private async fetchUser(uuid: string): Promise<Fetched<UserRow>> {
    const u = await this.bus.find<UserResponse>('identity', Rpc.identity.getUser, { uuid });
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

function unknown(ref: FieldRef, what: string): DomainError {
  return DomainError.badInput(`${ref.field} is not a known ${what}`, [
    { field: ref.field, message: `${ref.field} must be a known ${what}` },
  ]);
}
