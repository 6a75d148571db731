import { Injectable } from '@nestjs/common';
import { escapeRegex, type CatalogVisibility } from '@kitos/common';
import type { ItSystemOrder, Page } from '@kitos/contracts';
import { AggregateRepository, MongoConnection, OutboxRelay, andFilter, registerAggregateModel, type Stored } from '@kitos/persistence';
import { IT_SYSTEM_MODEL, itSystemSchema } from './it-system.schema';
import type { ItSystem, ItSystemExternalReference } from './it-system';

export interface ItSystemFilter {
  visibility: CatalogVisibility;
  /** Organisations where the caller holds rights-holder access: their systems are readable too. */
  rightsHolderOf: readonly string[];
  /** Only systems whose rights holder is one of these (the rights-holder endpoints). */
  rightsHolderIn?: readonly string[];
  /** Only systems that have a rights holder. */
  withRightsHolder?: boolean;
  rightsHolderUuid?: string;
  businessTypeUuid?: string;
  /** Only systems with at least one of these KLE references. */
  kleUuidsAny?: readonly string[];
  /** Only these systems (from usage-based filters). */
  uuidIn?: readonly string[];
  nameContains?: string;
  nameEquals?: string;
  changedSinceGtEq?: Date;
  includeDeactivated: boolean;
  organizationUuid?: string;
  orderBy: ItSystemOrder;
  page: number;
  pageSize: number;
}

const SORT: Record<ItSystemOrder, Record<string, 1>> = {
  CreationOrder: { createdAt: 1, _id: 1 },
  Name: { nameKey: 1, _id: 1 },
  LastChanged: { lastModified: 1, _id: 1 },
};

/** What of the catalogue a caller may read: the KITOS visibility plus the systems of the organisations they are rights holder for. */
export function readableFilter(visibility: CatalogVisibility, rightsHolderOf: readonly string[]): Record<string, unknown> {
  if (visibility.all) return {};
  const alternatives: Record<string, unknown>[] = [{ organizationUuid: { $in: [...visibility.organizationUuids] } }];
  if (visibility.includeGlobal) alternatives.push({ scope: 'Global' });
  if (rightsHolderOf.length) alternatives.push({ rightsHolderUuid: { $in: [...rightsHolderOf] } });
  return alternatives.length === 1 ? alternatives[0] : { $or: alternatives };
}

@Injectable()
export class ItSystemsRepository extends AggregateRepository<ItSystem> {
  constructor(mongo: MongoConnection, relay: OutboxRelay) {
    super(registerAggregateModel(mongo, relay, IT_SYSTEM_MODEL, itSystemSchema), mongo.writeLocks, relay.nudge);
  }

  protected toState(d: Record<string, unknown>): ItSystem {
    return {
      organizationUuid: d.organizationUuid as string,
      name: d.name as string,
      nameKey: d.nameKey as string,
      formerName: (d.formerName as string | null) ?? null,
      description: (d.description as string | null) ?? null,
      externalUuid: (d.externalUuid as string | null) ?? null,
      parentUuid: (d.parentUuid as string | null) ?? null,
      rightsHolderUuid: (d.rightsHolderUuid as string | null) ?? null,
      businessTypeUuid: (d.businessTypeUuid as string | null) ?? null,
      kleUuids: [...((d.kleUuids as string[] | undefined) ?? [])],
      scope: d.scope as ItSystem['scope'],
      deactivated: d.deactivated as boolean,
      deactivationReason: (d.deactivationReason as string | null) ?? null,
      recommendedArchiveDuty: (d.recommendedArchiveDuty as ItSystem['recommendedArchiveDuty'] | undefined) ?? 'Undecided',
      recommendedArchiveDutyComment: (d.recommendedArchiveDutyComment as string | null) ?? null,
      externalReferences: ((d.externalReferences as ItSystemExternalReference[] | undefined) ?? []).map((r) => ({
        uuid: r.uuid,
        title: r.title,
        documentId: r.documentId ?? null,
        url: r.url ?? null,
        masterReference: r.masterReference,
      })),
      legalName: (d.legalName as string | null | undefined) ?? null,
      legalDataProcessorName: (d.legalDataProcessorName as string | null | undefined) ?? null,
      createdAt: d.createdAt as Date,
      createdByUserUuid: (d.createdByUserUuid as string | null) ?? null,
      lastModified: d.lastModified as Date,
      lastModifiedByUserUuid: (d.lastModifiedByUserUuid as string | null) ?? null,
    };
  }

  async findByName(organizationUuid: string, nameKey: string): Promise<Stored<ItSystem> | null> {
    const document = await this.model.findOne({ organizationUuid, nameKey, deleted: false }).lean<Record<string, unknown>>().exec();
    return document ? this.stored(document) : null;
  }

  /** Whether the uuid was ever used, by a live or a deleted system. */
  async exists(uuid: string): Promise<boolean> {
    return (await this.model.findOne({ _id: uuid }).lean<Record<string, unknown>>().exec()) !== null;
  }

  /**
   * Live systems by uuid (unknown and deleted ones left out): one `_id` read each, in parallel — FerretDB pushes
   * `{ _id }` down to its store but answers `{ _id: { $in } }` by reading the whole collection.
   */
  async findMany(uuids: readonly string[]): Promise<Map<string, Stored<ItSystem>>> {
    const found = await Promise.all([...new Set(uuids)].map((uuid) => this.findByUuid(uuid)));
    return new Map(found.filter((s): s is Stored<ItSystem> => s !== null).map((s) => [s.uuid, s]));
  }

  /** The live systems whose parent is this one. */
  /** Uuids of the live systems whose rights holder is one of these organisations (null: any rights holder). */
  async uuidsWithRightsHolderIn(rightsHolderUuids: readonly string[] | null): Promise<string[]> {
    if (rightsHolderUuids && !rightsHolderUuids.length) return [];
    const rightsHolderUuid = rightsHolderUuids ? { $in: [...rightsHolderUuids] } : { $ne: null };
    const documents = await this.model.find({ deleted: false, rightsHolderUuid }, { _id: 1 }).lean<Array<{ _id: string }>>().exec();
    return documents.map((d) => d._id);
  }

  async children(parentUuid: string): Promise<Stored<ItSystem>[]> {
    const documents = await this.model
      .find({ parentUuid, deleted: false })
      .sort({ nameKey: 1, _id: 1 })
      .lean<Record<string, unknown>[]>()
      .exec();
    return documents.map((d) => this.stored(d));
  }

  async list(filter: ItSystemFilter): Promise<Page<Stored<ItSystem>>> {
    const empty = { items: [], page: filter.page, pageSize: filter.pageSize };
    if (filter.uuidIn && !filter.uuidIn.length) return empty;
    if (filter.kleUuidsAny && !filter.kleUuidsAny.length) return empty;
    if (filter.rightsHolderIn && !filter.rightsHolderIn.length) return empty;
    const conditions: Record<string, unknown>[] = [{ deleted: false }];
    const readable = readableFilter(filter.visibility, filter.rightsHolderOf);
    if (Object.keys(readable).length) conditions.push(readable);
    if (!filter.includeDeactivated) conditions.push({ deactivated: false });
    if (filter.organizationUuid) conditions.push({ organizationUuid: filter.organizationUuid });
    if (filter.rightsHolderIn) conditions.push({ rightsHolderUuid: { $in: [...filter.rightsHolderIn] } });
    if (filter.withRightsHolder) conditions.push({ rightsHolderUuid: { $ne: null } });
    if (filter.rightsHolderUuid) conditions.push({ rightsHolderUuid: filter.rightsHolderUuid });
    if (filter.businessTypeUuid) conditions.push({ businessTypeUuid: filter.businessTypeUuid });
    if (filter.kleUuidsAny) conditions.push({ kleUuids: { $in: [...filter.kleUuidsAny] } });
    if (filter.uuidIn) conditions.push({ _id: { $in: [...filter.uuidIn] } });
    if (filter.nameContains) conditions.push({ nameKey: { $regex: escapeRegex(filter.nameContains.trim().toLocaleLowerCase('da')) } });
    if (filter.nameEquals) conditions.push({ nameKey: filter.nameEquals.trim().toLocaleLowerCase('da') });
    if (filter.changedSinceGtEq) conditions.push({ lastModified: { $gte: filter.changedSinceGtEq } });
    const documents = await this.model
      .find(andFilter(conditions))
      .sort(SORT[filter.orderBy])
      .skip(filter.page * filter.pageSize)
      .limit(filter.pageSize)
      .lean<Record<string, unknown>[]>()
      .exec();
    return { items: documents.map((d) => this.stored(d)), page: filter.page, pageSize: filter.pageSize };
  }
}
