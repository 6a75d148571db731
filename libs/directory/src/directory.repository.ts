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

/** How long a row read from the copy is answered from memory (rows written in this process are forgotten at once). */
export const DIRECTORY_CACHE_MS = 5000;
const CACHE_MAX_ROWS = 20_000;

/**
 * The directory copies; rows are read by `_id` (the only filter FerretDB pushes down) and written only when newer.
 * Rows read are kept in memory for `DIRECTORY_CACHE_MS`: every answer that names organisations or users (a system, a
 * usage, a contract …) reads them, and the copy changes rarely. Every write of the copy goes through `apply` and
 * `deleteUnitsOf` here, which forget the rows they touch, so this process never answers from a row older than its own
 * last write; another replica's write (MongoDB, several processes) shows here within the cache time.
 */
@Injectable()
export class DirectoryRepository {
  readonly organizations: Model<OrganizationRow>;
  readonly units: Model<UnitRow>;
  readonly users: Model<UserRow>;
  readonly roleTypes: Model<RoleTypeRow>;

  private readonly cache = new Map<Model<Row>, Map<string, { row: Row; until: number }>>();

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
    const now = Date.now();
    const cached = this.cacheOf(model);
    const found = new Map<string, T>();
    const missing: string[] = [];
    for (const uuid of unique) {
      const hit = cached.get(uuid);
      if (hit && hit.until > now) found.set(uuid, { ...(hit.row as T) });
      else missing.push(uuid);
    }
    if (!missing.length) return found;
    const rows =
      missing.length === 1
        ? await model.find({ _id: missing[0] }).lean<T[]>().exec()
        : await model
            .find({ _id: { $in: missing } })
            .lean<T[]>()
            .exec();
    if (cached.size + rows.length > CACHE_MAX_ROWS) cached.clear();
    for (const row of rows) {
      cached.set(row._id, { row: { ...row }, until: now + DIRECTORY_CACHE_MS });
      found.set(row._id, row);
    }
    return found;
  }

  private cacheOf<T extends Row>(model: Model<T>): Map<string, { row: Row; until: number }> {
    const key = model as unknown as Model<Row>;
    let cached = this.cache.get(key);
    if (!cached) this.cache.set(key, (cached = new Map()));
    return cached;
  }

  /**
   * Upsert guarded by identity's aggregate version: an older or repeated event matches nothing and its insert
   * collides with the row. Units read through from identity come without a version (0) and give way to any event.
   */
  async apply<T extends Row>(model: Model<T>, uuid: string, version: number, state: RowState<T>): Promise<boolean> {
    try {
      return await applyIfNewer(model, uuid, version, state);
    } finally {
      this.cacheOf(model).delete(uuid);
    }
  }

  /** The units of an organisation disappear with it. */
  async deleteUnitsOf(organizationUuid: string): Promise<void> {
    try {
      await this.units.updateMany({ organizationUuid, deleted: false }, { $set: { deleted: true } }).exec();
    } finally {
      this.cacheOf(this.units).clear();
    }
  }
}
