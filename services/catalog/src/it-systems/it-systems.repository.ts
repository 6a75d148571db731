import { Injectable } from '@nestjs/common';
import { catalogVisibilityFilter, escapeRegex, type CatalogVisibility } from '@kitos/common';
import type { ItSystemOrder, Page } from '@kitos/contracts';
import { AggregateRepository, MongoConnection, OutboxRelay, registerAggregateModel, type Stored } from '@kitos/persistence';
import { IT_SYSTEM_MODEL, itSystemSchema } from './it-system.schema';
import type { ItSystem } from './it-system';

export interface ItSystemFilter {
  visibility: CatalogVisibility;
  nameContains?: string;
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

@Injectable()
export class ItSystemsRepository extends AggregateRepository<ItSystem> {
  constructor(mongo: MongoConnection, relay: OutboxRelay) {
    super(registerAggregateModel(mongo, relay, IT_SYSTEM_MODEL, itSystemSchema), mongo.writeLocks, () => relay.nudge());
  }

  protected toState(d: Record<string, unknown>): ItSystem {
    return {
      organizationUuid: d.organizationUuid as string,
      name: d.name as string,
      nameKey: d.nameKey as string,
      formerName: (d.formerName as string | null) ?? null,
      description: (d.description as string | null) ?? null,
      scope: d.scope as ItSystem['scope'],
      deactivated: d.deactivated as boolean,
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

  async list(filter: ItSystemFilter): Promise<Page<Stored<ItSystem>>> {
    const query: Record<string, unknown> = { deleted: false, ...catalogVisibilityFilter(filter.visibility) };
    if (!filter.includeDeactivated) query.deactivated = false;
    if (filter.organizationUuid) query.organizationUuid = filter.organizationUuid;
    if (filter.nameContains) query.nameKey = { $regex: escapeRegex(filter.nameContains.trim().toLocaleLowerCase('da')) };
    if (filter.changedSinceGtEq) query.lastModified = { $gte: filter.changedSinceGtEq };
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
