import { Injectable } from '@nestjs/common';
import { DomainError, type FieldError } from '@kitos/common';
import { Rpc, type OrganizationResponse, type OrganizationUnitResponse, type RoleTypeResponse, type UserResponse } from '@kitos/contracts';
import { MongoConnection, isDuplicateKey } from '@kitos/persistence';
import { Schema, type Model } from 'mongoose';
import { DprBusClient } from './bus-client';

interface Row {
  _id: string;
  /** identity's aggregate version (0 when read through without one): newer events win. */
  version: number;
  deleted: boolean;
}
export interface OrganizationRow extends Row {
  name: string;
  cvr: string | null;
}
export interface UnitRow extends Row {
  organizationUuid: string;
  name: string;
}
export interface UserRow extends Row {
  name: string;
  organizationUuids: string[];
}
export interface RoleTypeRow extends Row {
  objectType: string;
  name: string;
  hasWriteAccess: boolean;
  isEnabled: boolean;
}
type State<T extends Row> = Omit<T, '_id' | 'version'>;
type Fetched<T extends Row> = { state: State<T>; version: number } | null;

export interface FieldRef {
  field: string;
  uuid: string;
}

const base = {
  _id: { type: String, required: true },
  version: { type: Number, required: true },
  deleted: { type: Boolean, required: true },
};
const options = { versionKey: false, minimize: false, id: false } as const;
const text = { type: String, required: true };

/**
 * The gdpr service's copy of identity's organisations (data processors), units (responsible unit), users (role
 * holders) and DataProcessingRegistration role types, kept from identity's events; a uuid never seen is read through
 * from identity and remembered, so something created a moment ago can be referenced at once.
 */
@Injectable()
export class DprDirectory {
  readonly organizations: Model<OrganizationRow>;
  readonly units: Model<UnitRow>;
  readonly users: Model<UserRow>;
  readonly roleTypes: Model<RoleTypeRow>;

  constructor(
    mongo: MongoConnection,
    private readonly bus: DprBusClient,
  ) {
    this.organizations = mongo.model<OrganizationRow>(
      'DprDirectoryOrganization',
      new Schema({ ...base, name: text, cvr: { type: String, default: null } }, { ...options, collection: 'dpr_directory_organizations' }),
    );
    this.units = mongo.model<UnitRow>(
      'DprDirectoryUnit',
      new Schema(
        { ...base, organizationUuid: text, name: { type: String, default: '' } },
        { ...options, collection: 'dpr_directory_units' },
      ),
    );
    this.users = mongo.model<UserRow>(
      'DprDirectoryUser',
      new Schema(
        { ...base, name: { type: String, default: '' }, organizationUuids: { type: [String], default: [] } },
        { ...options, collection: 'dpr_directory_users' },
      ),
    );
    this.roleTypes = mongo.model<RoleTypeRow>(
      'DprDirectoryRoleType',
      new Schema(
        {
          ...base,
          objectType: text,
          name: text,
          hasWriteAccess: { type: Boolean, required: true },
          isEnabled: { type: Boolean, required: true },
        },
        { ...options, collection: 'dpr_directory_role_types' },
      ),
    );
  }

  /** Upsert guarded by the aggregate version: an older or repeated event matches nothing and its insert collides. */
  async apply<T extends Row>(model: Model<T>, uuid: string, version: number, state: State<T>): Promise<boolean> {
    try {
      const result = await model
        .updateOne({ _id: uuid, version: { $lt: version } } as never, { $set: { ...state, version } } as never, { upsert: true })
        .exec();
      return result.modifiedCount + result.upsertedCount > 0;
    } catch (error) {
      if (isDuplicateKey(error)) return false;
      throw error;
    }
  }

  async organizationsByUuid(uuids: readonly string[]): Promise<Map<string, OrganizationRow>> {
    return this.readThrough(this.organizations, uuids, async (uuid) => {
      const o = await this.bus.find<OrganizationResponse>('identity', Rpc.identity.getOrganization, { uuid });
      return o ? { state: { name: o.name, cvr: o.cvr, deleted: false }, version: o.version } : null;
    });
  }

  /** Every ref an existing organisation; one field error per unknown one. */
  async organizationErrors(refs: readonly FieldRef[]): Promise<FieldError[]> {
    const found = await this.organizationsByUuid(refs.map((r) => r.uuid));
    return refs.filter((r) => !found.has(r.uuid)).map((r) => ({ field: r.field, message: `${r.field} must be a known organisation` }));
  }

  async requireUnit(organizationUuid: string, ref: FieldRef): Promise<string> {
    const units = await this.readThrough(this.units, [ref.uuid], async (uuid) => {
      const unit = await this.bus.find<OrganizationUnitResponse>('identity', Rpc.identity.getUnit, { organizationUuid, uuid });
      return unit ? { state: { organizationUuid, name: unit.name, deleted: false }, version: 0 } : null;
    });
    const unit = units.get(ref.uuid);
    if (!unit || unit.organizationUuid !== organizationUuid)
      throw DomainError.badInput(`${ref.field} is not a unit of the organisation`, [
        { field: ref.field, message: `${ref.field} must be a unit of the registration's organisation` },
      ]);
    return unit.name;
  }

  async memberErrors(organizationUuid: string, refs: readonly FieldRef[]): Promise<FieldError[]> {
    const users = await this.usersByUuid(refs.map((r) => r.uuid));
    // a right granted a moment ago may not have reached the copy yet: ask again about those not (yet) members
    for (const user of [...users.values()].filter((u) => !u.organizationUuids.includes(organizationUuid))) {
      const fetched = await this.fetchUser(user._id);
      if (!fetched) continue;
      await this.apply(this.users, user._id, fetched.version, fetched.state);
      users.set(user._id, { ...fetched.state, _id: user._id, version: fetched.version });
    }
    return refs
      .filter((r) => !users.get(r.uuid)?.organizationUuids.includes(organizationUuid))
      .map((r) => ({ field: r.field, message: `${r.field} must be a member of the organisation` }));
  }

  async userNames(uuids: readonly string[]): Promise<Map<string, string>> {
    const users = await this.usersByUuid(uuids);
    return new Map([...users].map(([uuid, u]) => [uuid, u.name]));
  }

  /** Enabled DataProcessingRegistration role types among the refs, by uuid → name; field errors for the others. */
  async requireRoleTypes(refs: readonly FieldRef[]): Promise<{ names: Map<string, string>; errors: FieldError[] }> {
    let known = await this.find(
      this.roleTypes,
      refs.map((r) => r.uuid),
    );
    if (refs.some((r) => !known.has(r.uuid))) {
      await this.refreshRoleTypes();
      known = await this.find(
        this.roleTypes,
        refs.map((r) => r.uuid),
      );
    }
    const names = new Map<string, string>();
    const errors: FieldError[] = [];
    for (const ref of refs) {
      const role = known.get(ref.uuid);
      if (!role || role.deleted || role.objectType !== 'DataProcessingRegistration' || !role.isEnabled)
        errors.push({ field: ref.field, message: `${ref.field} must be an enabled DataProcessingRegistration role` });
      else names.set(ref.uuid, role.name);
    }
    return { names, errors };
  }

  /** Which of these role types give write access to a registration. */
  async writeRoles(roleUuids: readonly string[]): Promise<Set<string>> {
    let known = await this.find(this.roleTypes, roleUuids);
    if (roleUuids.some((uuid) => !known.has(uuid))) {
      await this.refreshRoleTypes();
      known = await this.find(this.roleTypes, roleUuids);
    }
    return new Set(
      [...known.values()]
        .filter((r) => !r.deleted && r.isEnabled && r.hasWriteAccess && r.objectType === 'DataProcessingRegistration')
        .map((r) => r._id),
    );
  }

  private async refreshRoleTypes(): Promise<void> {
    const listed =
      (await this.bus.find<RoleTypeResponse[]>('identity', Rpc.identity.listRoleTypes, { objectType: 'DataProcessingRegistration' })) ?? [];
    await Promise.all(
      listed.map((r) =>
        this.apply<RoleTypeRow>(this.roleTypes, r.uuid, r.version, {
          objectType: r.objectType,
          name: r.name,
          hasWriteAccess: r.hasWriteAccess,
          isEnabled: r.isEnabled,
          deleted: false,
        }),
      ),
    );
  }

  private usersByUuid(uuids: readonly string[]): Promise<Map<string, UserRow>> {
    return this.readThrough(this.users, uuids, (uuid) => this.fetchUser(uuid));
  }

  private async fetchUser(uuid: string): Promise<Fetched<UserRow>> {
    const u = await this.bus.find<UserResponse>('identity', Rpc.identity.getUser, { uuid });
    if (!u) return null;
    return {
      state: { name: u.name, organizationUuids: [...new Set(u.rights.map((r) => r.organizationUuid))], deleted: false },
      version: u.version,
    };
  }

  /** Rows by uuid, tombstones included. */
  private async find<T extends Row>(model: Model<T>, uuids: readonly string[]): Promise<Map<string, T>> {
    const unique = [...new Set(uuids)];
    if (!unique.length) return new Map();
    const rows = (await Promise.all(
      unique.map((uuid) =>
        model
          .findOne({ _id: uuid } as never)
          .lean()
          .exec(),
      ),
    )) as Array<T | null>;
    return new Map(rows.filter((r): r is T => r !== null).map((r) => [r._id, r]));
  }

  /** Live rows by uuid; uuids never seen are asked of identity and remembered; deleted ones are left out. */
  private async readThrough<T extends Row>(
    model: Model<T>,
    uuids: readonly string[],
    fetch: (uuid: string) => Promise<Fetched<T>>,
  ): Promise<Map<string, T>> {
    const found = await this.find(model, uuids);
    const misses = [...new Set(uuids)].filter((uuid) => !found.has(uuid));
    await Promise.all(
      misses.map(async (uuid) => {
        const fetched = await fetch(uuid);
        if (!fetched) return;
        await this.apply(model, uuid, fetched.version, fetched.state);
        found.set(uuid, { ...fetched.state, _id: uuid, version: fetched.version } as unknown as T);
      }),
    );
    for (const [uuid, row] of found) if (row.deleted) found.delete(uuid);
    return found;
  }
}
