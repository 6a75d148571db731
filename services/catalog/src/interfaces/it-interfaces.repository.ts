import { Injectable } from '@nestjs/common';
import { catalogVisibilityFilter, escapeRegex, type CatalogVisibility } from '@kitos/common';
import type { ItInterfaceOrder, Page } from '@kitos/contracts';
import { AggregateRepository, MongoConnection, OutboxRelay, andFilter, registerAggregateModel, type Stored } from '@kitos/persistence';
import { IT_INTERFACE_MODEL, itInterfaceSchema } from './it-interface.schema';
import type { ItInterface, ItInterfaceDataRow } from './it-interface';

export interface ItInterfaceFilter {
  visibility: CatalogVisibility;
  exposedBySystemUuids?: readonly string[];
  includeDeactivated: boolean;
  changedSinceGtEq?: Date;
  nameKeyEquals?: string;
  nameKeyContains?: string;
  interfaceIdKey?: string;
  organizationUuid?: string;
  availableInOrganizationUuid?: string;
  orderBy: ItInterfaceOrder;
  page: number;
  pageSize: number;
}

const SORT: Record<ItInterfaceOrder, Record<string, 1>> = {
  CreationOrder: { createdAt: 1, _id: 1 },
  Name: { nameKey: 1, _id: 1 },
  LastChanged: { lastModified: 1, _id: 1 },
};

@Injectable()
export class ItInterfacesRepository extends AggregateRepository<ItInterface> {
  constructor(mongo: MongoConnection, relay: OutboxRelay) {
    super(registerAggregateModel(mongo, relay, IT_INTERFACE_MODEL, itInterfaceSchema), mongo.writeLocks, relay.nudge);
  }

  protected toState(d: Record<string, unknown>): ItInterface {
    const text = (key: string) => (d[key] as string | null | undefined) ?? null;
    return {
      organizationUuid: d.organizationUuid as string,
      name: d.name as string,
      nameKey: d.nameKey as string,
      interfaceId: text('interfaceId'),
      interfaceIdKey: (d.interfaceIdKey as string | undefined) ?? '',
      uniqueKey: d.uniqueKey as string,
      interfaceVersion: text('interfaceVersion'),
      description: text('description'),
      urlReference: text('urlReference'),
      note: text('note'),
      itInterfaceTypeUuid: text('itInterfaceTypeUuid'),
      scope: d.scope as ItInterface['scope'],
      deactivated: d.deactivated as boolean,
      exposedBySystemUuid: text('exposedBySystemUuid'),
      data: ((d.data as ItInterfaceDataRow[] | undefined) ?? []).map((row) => ({
        uuid: row.uuid,
        description: row.description ?? null,
        dataTypeUuid: row.dataTypeUuid ?? null,
      })),
      createdAt: d.createdAt as Date,
      createdByUserUuid: text('createdByUserUuid'),
      lastModified: d.lastModified as Date,
      lastModifiedByUserUuid: text('lastModifiedByUserUuid'),
    };
  }

  async findByUniqueKey(organizationUuid: string, uniqueKey: string): Promise<Stored<ItInterface> | null> {
    const document = await this.model.findOne({ organizationUuid, uniqueKey, deleted: false }).lean<Record<string, unknown>>().exec();
    return document ? this.stored(document) : null;
  }

  /** The live interfaces a system exposes, by name. */
  async exposedBy(systemUuid: string): Promise<Stored<ItInterface>[]> {
    const documents = await this.model
      .find({ exposedBySystemUuid: systemUuid, deleted: false })
      .sort({ nameKey: 1, _id: 1 })
      .lean<Record<string, unknown>[]>()
      .exec();
    return documents.map((d) => this.stored(d));
  }

  async list(filter: ItInterfaceFilter): Promise<Page<Stored<ItInterface>>> {
    const clauses: Record<string, unknown>[] = [{ deleted: false }, catalogVisibilityFilter(filter.visibility)];
    if (!filter.includeDeactivated) clauses.push({ deactivated: false });
    if (filter.exposedBySystemUuids) clauses.push({ exposedBySystemUuid: { $in: [...filter.exposedBySystemUuids] } });
    if (filter.organizationUuid) clauses.push({ organizationUuid: filter.organizationUuid });
    if (filter.availableInOrganizationUuid)
      clauses.push({ $or: [{ organizationUuid: filter.availableInOrganizationUuid }, { scope: 'Global' }] });
    if (filter.nameKeyEquals !== undefined) clauses.push({ nameKey: filter.nameKeyEquals });
    if (filter.nameKeyContains) clauses.push({ nameKey: { $regex: escapeRegex(filter.nameKeyContains) } });
    if (filter.interfaceIdKey !== undefined) clauses.push({ interfaceIdKey: filter.interfaceIdKey });
    if (filter.changedSinceGtEq) clauses.push({ lastModified: { $gte: filter.changedSinceGtEq } });
    const query = andFilter(clauses);
    const documents = await this.model
      .find(query)
      .sort(SORT[filter.orderBy])
      .skip(filter.page * filter.pageSize)
      .limit(filter.pageSize)
      .lean<Record<string, unknown>[]>()
      .exec();
    return { items: documents.map((d) => this.stored(d)), page: filter.page, pageSize: filter.pageSize };
  }
}
