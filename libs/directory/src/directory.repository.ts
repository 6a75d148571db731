import { Inject, Injectable } from '@nestjs/common';
import { MongoConnection, applyIfNewer } from '@kitos/persistence';
import type { Model } from 'mongoose';
import { DIRECTORY_OPTIONS, type ResolvedDirectoryOptions } from './directory.options';
import { directoryOrganizationSchema, directoryRoleTypeSchema, directoryUnitSchema, directoryUserSchema } from './directory.schema';

export interface Row {
  _id: string;
  version: number;
  deleted: boolean;
}

export interface OrganizationRow extends Row {
  name: string;
  cvr: string | null;
  organizationType: string;
}

export interface UnitRow extends Row {
  organizationUuid: string;
  name: string;
  parentUuid: string | null;
}

export interface UserRow extends Row {
  name: string;
  isGlobalAdmin: boolean;
  organizationUuids: string[];
}

export interface RoleTypeRow extends Row {
  objectType: string;
  name: string;
  hasReadAccess: boolean;
  hasWriteAccess: boolean;
  isEnabled: boolean;
  /** Organisations that switched the role off (rows copied before it existed lack it: none). */
  disabledInOrganizationUuids?: string[];
}

export type RowState<T extends Row> = Omit<T, '_id' | 'version'>;

/** The directory copies; rows are read by `_id` (the only filter FerretDB pushes down) and written only when newer. */
@Injectable()
export class DirectoryRepository {
  readonly organizations: Model<OrganizationRow>;
  readonly units: Model<UnitRow>;
  readonly users: Model<UserRow>;
  readonly roleTypes: Model<RoleTypeRow>;

  constructor(mongo: MongoConnection, @Inject(DIRECTORY_OPTIONS) { modelPrefix, collectionPrefix }: ResolvedDirectoryOptions) {
    this.organizations = mongo.model<OrganizationRow>(`${modelPrefix}Organization`, directoryOrganizationSchema(collectionPrefix));
    this.units = mongo.model<UnitRow>(`${modelPrefix}Unit`, directoryUnitSchema(collectionPrefix));
    this.users = mongo.model<UserRow>(`${modelPrefix}User`, directoryUserSchema(collectionPrefix));
    this.roleTypes = mongo.model<RoleTypeRow>(`${modelPrefix}RoleType`, directoryRoleTypeSchema(collectionPrefix));
  }

  /** Rows by uuid, tombstones included (a tombstone is an answer, not a miss). */
  async find<T extends Row>(model: Model<T>, uuids: readonly string[]): Promise<Map<string, T>> {
    const unique = [...new Set(uuids)];
    if (!unique.length) return new Map();
    const rows =
      unique.length === 1
        ? await model.find({ _id: unique[0] }).lean<T[]>().exec()
        : await model
            .find({ _id: { $in: unique } })
            .lean<T[]>()
            .exec();
    return new Map(rows.map((r) => [r._id, r]));
  }

  /**
   * Upsert guarded by identity's aggregate version: an older or repeated event matches nothing and its insert
   * collides with the row. Units read through from identity come without a version (0) and give way to any event.
   */
  async apply<T extends Row>(model: Model<T>, uuid: string, version: number, state: RowState<T>): Promise<boolean> {
    return applyIfNewer(model, uuid, version, state);
  }

  /** The units of an organisation disappear with it. */
  async deleteUnitsOf(organizationUuid: string): Promise<void> {
    await this.units.updateMany({ organizationUuid, deleted: false }, { $set: { deleted: true } }).exec();
  }
}
