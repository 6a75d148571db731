import { Injectable } from '@nestjs/common';
import type { ItSystemUsageOrder } from '@kitos/contracts';
import { AggregateRepository, MongoConnection, OutboxRelay, registerAggregateModel, type Stored } from '@kitos/persistence';
import { IT_SYSTEM_USAGE_MODEL, itSystemUsageSchema } from './it-system-usage.schema';
import { identityKeyOf, type ItSystemUsage, type UsageReference, type UsageRole, type UsageUnit } from './it-system-usage';

export interface ItSystemUsageFilter {
  /** Organisations whose usages the caller may see; undefined = all (global admins). */
  visibleOrganizationUuids?: readonly string[];
  organizationUuid?: string;
  /** Only usages of these systems (already resolved from systemUuid and systemNameContent). */
  systemUuids?: readonly string[];
  changedSinceGtEq?: Date;
  /** Only these usages (already resolved from the related-to filters). */
  uuids?: readonly string[];
}

export interface UsageKey {
  uuid: string;
  organizationUuid: string;
  systemUuid: string;
  createdAt: Date;
  lastModified: Date;
}

const SORT: Record<Exclude<ItSystemUsageOrder, 'Name'>, Record<string, 1>> = {
  CreationOrder: { createdAt: 1, _id: 1 },
  LastChanged: { lastModified: 1, _id: 1 },
};

@Injectable()
export class ItSystemUsagesRepository extends AggregateRepository<ItSystemUsage> {
  constructor(mongo: MongoConnection, relay: OutboxRelay) {
    super(registerAggregateModel(mongo, relay, IT_SYSTEM_USAGE_MODEL, itSystemUsageSchema), mongo.writeLocks, relay.nudge);
  }

  protected toState(d: Record<string, unknown>): ItSystemUsage {
    const text = (key: string) => (d[key] as string | null | undefined) ?? null;
    const num = (key: string) => (d[key] as number | null | undefined) ?? null;
    return {
      organizationUuid: d.organizationUuid as string,
      systemUuid: d.systemUuid as string,
      identityKey: d.identityKey as string,
      localSystemId: text('localSystemId'),
      localCallName: text('localCallName'),
      systemVersion: text('systemVersion'),
      notes: text('notes'),
      dataClassificationUuid: text('dataClassificationUuid'),
      expectedUsersLowerBound: num('expectedUsersLowerBound'),
      expectedUsersUpperBound: num('expectedUsersUpperBound'),
      lifeCycleStatus: text('lifeCycleStatus') as ItSystemUsage['lifeCycleStatus'],
      validFrom: text('validFrom'),
      validTo: text('validTo'),
      containsAITechnology: text('containsAITechnology') as ItSystemUsage['containsAITechnology'],
      webAccessibilityCompliance: text('webAccessibilityCompliance') as ItSystemUsage['webAccessibilityCompliance'],
      lastWebAccessibilityCheck: text('lastWebAccessibilityCheck'),
      webAccessibilityNotes: text('webAccessibilityNotes'),
      mainContractUuid: text('mainContractUuid'),
      usingUnits: ((d.usingUnits as UsageUnit[] | undefined) ?? []).map((u) => ({ uuid: u.uuid, name: u.name })),
      responsibleUnitUuid: text('responsibleUnitUuid'),
      addedKleUuids: [...((d.addedKleUuids as string[] | undefined) ?? [])],
      removedKleUuids: [...((d.removedKleUuids as string[] | undefined) ?? [])],
      roles: ((d.roles as UsageRole[] | undefined) ?? []).map((r) => ({
        roleUuid: r.roleUuid,
        roleName: r.roleName,
        userUuid: r.userUuid,
      })),
      externalReferences: ((d.externalReferences as UsageReference[] | undefined) ?? []).map((r) => ({
        uuid: r.uuid,
        title: r.title,
        documentId: r.documentId ?? null,
        url: r.url ?? null,
        masterReference: r.masterReference === true,
      })),
      createdAt: d.createdAt as Date,
      createdByUserUuid: text('createdByUserUuid'),
      lastModified: d.lastModified as Date,
      lastModifiedByUserUuid: text('lastModifiedByUserUuid'),
    };
  }

  async findByOrganizationAndSystem(organizationUuid: string, systemUuid: string): Promise<Stored<ItSystemUsage> | null> {
    const document = await this.model
      .findOne({ identityKey: identityKeyOf(organizationUuid, systemUuid), deleted: false })
      .lean<Record<string, unknown>>()
      .exec();
    return document ? this.stored(document) : null;
  }

  /** A page of usages in a stable database order. */
  async list(
    filter: ItSystemUsageFilter,
    orderBy: Exclude<ItSystemUsageOrder, 'Name'>,
    page: number,
    pageSize: number,
  ): Promise<Stored<ItSystemUsage>[]> {
    const query = this.query(filter);
    if (!query) return [];
    const documents = await this.model
      .find(query)
      .sort(SORT[orderBy])
      .skip(page * pageSize)
      .limit(pageSize)
      .lean<Record<string, unknown>[]>()
      .exec();
    return documents.map((d) => this.stored(d));
  }

  /** Identity and times of every matching usage, for orderings the database cannot do (by system name). */
  async keys(filter: ItSystemUsageFilter): Promise<UsageKey[]> {
    const query = this.query(filter);
    if (!query) return [];
    const documents = await this.model
      .find(query, { _id: 1, organizationUuid: 1, systemUuid: 1, createdAt: 1, lastModified: 1 })
      .lean<Array<{ _id: string; organizationUuid: string; systemUuid: string; createdAt: Date; lastModified: Date }>>()
      .exec();
    return documents.map((d) => ({
      uuid: d._id,
      organizationUuid: d.organizationUuid,
      systemUuid: d.systemUuid,
      createdAt: d.createdAt,
      lastModified: d.lastModified,
    }));
  }

  /** Every live usage of an organisation (a leaver's handover looks for their roles among them). */
  async ofOrganization(organizationUuid: string): Promise<Stored<ItSystemUsage>[]> {
    const documents = await this.model.find({ deleted: false, organizationUuid }).lean<Record<string, unknown>[]>().exec();
    return documents.map((d) => this.stored(d));
  }

  async findManyByUuid(uuids: readonly string[]): Promise<Stored<ItSystemUsage>[]> {
    const found = await Promise.all(uuids.map((uuid) => this.findByUuid(uuid)));
    return found.filter((u): u is Stored<ItSystemUsage> => u !== null);
  }

  /** (system, organisation) of every live usage of the given systems, or of all systems. */
  async pairs(criteria: {
    systemUuids?: readonly string[];
    organizationUuid?: string;
  }): Promise<Array<{ systemUuid: string; organizationUuid: string; mainContractUuid?: string | null }>> {
    const query: Record<string, unknown> = { deleted: false };
    if (criteria.systemUuids) query.systemUuid = { $in: [...criteria.systemUuids] };
    if (criteria.organizationUuid) query.organizationUuid = criteria.organizationUuid;
    return this.model
      .find(query, { _id: 0, systemUuid: 1, organizationUuid: 1, mainContractUuid: 1 })
      .lean<Array<{ systemUuid: string; organizationUuid: string; mainContractUuid?: string | null }>>()
      .exec();
  }

  /** Uuids of the live usages whose main contract is this contract. */
  async withMainContract(contractUuid: string): Promise<string[]> {
    const documents = await this.model
      .find({ mainContractUuid: contractUuid, deleted: false }, { _id: 1 })
      .lean<Array<{ _id: string }>>()
      .exec();
    return documents.map((d) => d._id);
  }

  async countBySystem(systemUuid: string): Promise<number> {
    return this.model.countDocuments({ deleted: false, systemUuid }).exec();
  }

  /** null when the filter can match nothing (no visible organisation). */
  private query(filter: ItSystemUsageFilter): Record<string, unknown> | null {
    const query: Record<string, unknown> = { deleted: false };
    const organizations = filter.visibleOrganizationUuids;
    if (filter.organizationUuid) {
      if (organizations && !organizations.includes(filter.organizationUuid)) return null;
      query.organizationUuid = filter.organizationUuid;
    } else if (organizations) {
      if (!organizations.length) return null;
      query.organizationUuid = { $in: [...organizations] };
    }
    if (filter.systemUuids) {
      if (!filter.systemUuids.length) return null;
      query.systemUuid = { $in: [...filter.systemUuids] };
    }
    if (filter.changedSinceGtEq) query.lastModified = { $gte: filter.changedSinceGtEq };
    if (filter.uuids) {
      if (!filter.uuids.length) return null;
      query._id = { $in: [...filter.uuids] };
    }
    return query;
  }
}
