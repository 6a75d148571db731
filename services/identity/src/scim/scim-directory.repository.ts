import { Injectable } from '@nestjs/common';
import { MongoConnection, isDuplicateKey, storedVersion, versionFilter } from '@kitos/persistence';
import { Schema, type Model } from 'mongoose';
import type { ScimGroupMapping } from '@kitos/contracts';

/** A user as one organisation's identity management knows them; the user itself is identity's user aggregate. */
export interface ScimUserLink {
  readonly organizationUuid: string;
  readonly userUuid: string;
  readonly userName: string;
  readonly externalId: string | null;
  readonly displayName: string;
  readonly active: boolean;
  /** Deleted through SCIM: invisible to SCIM, kept so that the same person can be provisioned again. */
  readonly removed: boolean;
  /** The organisation roles provisioning granted (and may therefore take away again). */
  readonly grantedRoles: readonly string[];
  readonly createdAt: Date;
  readonly lastModified: Date;
}

export interface ScimGroup {
  readonly uuid: string;
  readonly organizationUuid: string;
  readonly displayName: string;
  readonly externalId: string | null;
  /** Users' uuids. */
  readonly members: readonly string[];
  readonly createdAt: Date;
  readonly lastModified: Date;
}

export interface ScimPage<T> {
  readonly total: number;
  readonly items: T[];
}

export interface ScimQuery {
  /** Exact matches on stored fields (keys already normalised). */
  readonly match: Record<string, string | boolean | null>;
  /** 0-based offset and page size. */
  readonly skip: number;
  readonly limit: number;
}

const linkSchema = new Schema(
  {
    _id: { type: String, required: true },
    organizationUuid: { type: String, required: true },
    userUuid: { type: String, required: true },
    userName: { type: String, required: true },
    userNameKey: { type: String, required: true },
    externalId: { type: String, default: null },
    displayName: { type: String, required: true },
    displayNameKey: { type: String, required: true },
    active: { type: Boolean, required: true },
    removed: { type: Boolean, required: true },
    grantedRoles: { type: [String], default: [] },
    createdAt: { type: Date, required: true },
    lastModified: { type: Date, required: true },
  },
  { collection: 'scim_users', versionKey: false },
);
linkSchema.index({ organizationUuid: 1, userNameKey: 1 }, { unique: true });
linkSchema.index({ organizationUuid: 1, removed: 1, externalId: 1 });
linkSchema.index({ organizationUuid: 1, removed: 1, displayNameKey: 1 });
linkSchema.index({ organizationUuid: 1, removed: 1, createdAt: 1, _id: 1 });

const groupSchema = new Schema(
  {
    _id: { type: String, required: true },
    organizationUuid: { type: String, required: true },
    displayName: { type: String, required: true },
    displayNameKey: { type: String, required: true },
    externalId: { type: String, default: null },
    members: { type: [String], default: [] },
    createdAt: { type: Date, required: true },
    lastModified: { type: Date, required: true },
  },
  { collection: 'scim_groups', versionKey: false },
);
groupSchema.index({ organizationUuid: 1, displayNameKey: 1 }, { unique: true });
groupSchema.index({ organizationUuid: 1, members: 1 });
groupSchema.index({ organizationUuid: 1, createdAt: 1, _id: 1 });

const settingsSchema = new Schema(
  {
    _id: { type: String, required: true },
    groupMappings: { type: [new Schema({ displayName: String, role: String }, { _id: false })], default: [] },
    /** Incremented by every write of the mappings (the ETag); absent on settings written before it: version 0. */
    version: { type: Number },
  },
  { collection: 'scim_settings', versionKey: false },
);

export const keyOf = (text: string) => text.trim().toLowerCase();
const linkId = (organizationUuid: string, userUuid: string) => `${organizationUuid}:${userUuid}`;

/**
 * What SCIM provisioning keeps besides the user aggregates: per organisation, the provisioned users' SCIM
 * attributes, the groups and the group → role mappings. Every query is scoped by the organisation.
 */
@Injectable()
export class ScimDirectoryRepository {
  private readonly links: Model<Record<string, unknown>>;
  private readonly groups: Model<Record<string, unknown>>;
  private readonly settings: Model<Record<string, unknown>>;

  constructor(mongo: MongoConnection) {
    this.links = mongo.model<Record<string, unknown>>('ScimUser', linkSchema);
    this.groups = mongo.model<Record<string, unknown>>('ScimGroup', groupSchema);
    this.settings = mongo.model<Record<string, unknown>>('ScimSettings', settingsSchema);
  }

  async findLink(organizationUuid: string, userUuid: string): Promise<ScimUserLink | null> {
    const document = await this.links
      .findOne({ _id: linkId(organizationUuid, userUuid) })
      .lean<Record<string, unknown>>()
      .exec();
    return document ? toLink(document) : null;
  }

  async findLinkByUserName(organizationUuid: string, userName: string): Promise<ScimUserLink | null> {
    const document = await this.links
      .findOne({ organizationUuid, userNameKey: keyOf(userName) })
      .lean<Record<string, unknown>>()
      .exec();
    return document ? toLink(document) : null;
  }

  /** Inserts or replaces the link (a user provisioned again after a DELETE gets a fresh one). */
  async saveLink(link: ScimUserLink): Promise<void> {
    const _id = linkId(link.organizationUuid, link.userUuid);
    await this.links
      .replaceOne({ _id }, { _id, ...link, userNameKey: keyOf(link.userName), displayNameKey: keyOf(link.displayName) }, { upsert: true })
      .exec();
  }

  async listLinks(organizationUuid: string, query: ScimQuery): Promise<ScimPage<ScimUserLink>> {
    const { total, documents } = await page(this.links, { organizationUuid, removed: false, ...query.match }, query);
    return { total, items: documents.map(toLink) };
  }

  async findGroup(organizationUuid: string, uuid: string): Promise<ScimGroup | null> {
    const document = await this.groups.findOne({ _id: uuid, organizationUuid }).lean<Record<string, unknown>>().exec();
    return document ? toGroup(document) : null;
  }

  async findGroupByDisplayName(organizationUuid: string, displayName: string): Promise<ScimGroup | null> {
    const document = await this.groups
      .findOne({ organizationUuid, displayNameKey: keyOf(displayName) })
      .lean<Record<string, unknown>>()
      .exec();
    return document ? toGroup(document) : null;
  }

  async saveGroup(group: ScimGroup): Promise<void> {
    const { uuid, ...rest } = group;
    await this.groups.replaceOne({ _id: uuid }, { _id: uuid, ...rest, displayNameKey: keyOf(group.displayName) }, { upsert: true }).exec();
  }

  async deleteGroup(organizationUuid: string, uuid: string): Promise<void> {
    await this.groups.deleteOne({ _id: uuid, organizationUuid }).exec();
  }

  async listGroups(organizationUuid: string, query: ScimQuery): Promise<ScimPage<ScimGroup>> {
    const { total, documents } = await page(this.groups, { organizationUuid, ...query.match }, query);
    return { total, items: documents.map(toGroup) };
  }

  async groupsOfUser(organizationUuid: string, userUuid: string): Promise<ScimGroup[]> {
    const documents = await this.groups
      .find({ organizationUuid, members: userUuid })
      .sort({ _id: 1 })
      .lean<Record<string, unknown>[]>()
      .exec();
    return documents.map(toGroup);
  }

  /** The mappings and their version (0 while never written, or written before they carried one). */
  async mappings(organizationUuid: string): Promise<{ mappings: ScimGroupMapping[]; version: number }> {
    const document = await this.settings.findOne({ _id: organizationUuid }).lean<Record<string, unknown>>().exec();
    return mappingsOf(document);
  }

  /**
   * Replaces the mappings; with `expectedVersion` (If-Match) only if they are still at that version (one conditional
   * update filtered by _id and version). Null when they are not.
   */
  async saveMappings(
    organizationUuid: string,
    mappings: readonly ScimGroupMapping[],
    expectedVersion?: number,
  ): Promise<{ mappings: ScimGroupMapping[]; version: number } | null> {
    const filter = { _id: organizationUuid, ...(expectedVersion === undefined ? {} : versionFilter(expectedVersion)) };
    try {
      const document = await this.settings
        .findOneAndUpdate(
          filter,
          { $set: { groupMappings: mappings }, $inc: { version: 1 } },
          { upsert: !expectedVersion, returnDocument: 'after' },
        )
        .lean<Record<string, unknown>>()
        .exec();
      return document ? mappingsOf(document) : null;
    } catch (error) {
      if (isDuplicateKey(error)) return null; // expected no mappings yet, but someone wrote them first
      throw error;
    }
  }
}

function mappingsOf(document: Record<string, unknown> | null): { mappings: ScimGroupMapping[]; version: number } {
  return {
    mappings: ((document?.groupMappings as ScimGroupMapping[] | undefined) ?? []).map((m) => ({
      displayName: m.displayName,
      role: m.role,
    })),
    version: storedVersion(document as { version?: number } | null),
  };
}

/** One page in creation order with the total; a page of 0 asks only for the total (limit(0) would mean no limit). */
async function page(model: Model<Record<string, unknown>>, filter: Record<string, unknown>, query: ScimQuery) {
  const [total, documents] = await Promise.all([
    model.countDocuments(filter).exec(),
    query.limit === 0
      ? []
      : model.find(filter).sort({ createdAt: 1, _id: 1 }).skip(query.skip).limit(query.limit).lean<Record<string, unknown>[]>().exec(),
  ]);
  return { total, documents };
}

function toLink({ _id, userNameKey, displayNameKey, ...rest }: Record<string, unknown>): ScimUserLink {
  return { ...(rest as unknown as ScimUserLink), grantedRoles: [...((rest.grantedRoles as string[]) ?? [])] };
}

function toGroup({ _id, displayNameKey, ...rest }: Record<string, unknown>): ScimGroup {
  return { uuid: _id as string, ...(rest as Omit<ScimGroup, 'uuid'>), members: [...((rest.members as string[]) ?? [])] };
}
