import { Injectable } from '@nestjs/common';
import { AggregateRepository, MongoConnection, OutboxRelay, registerAggregateModel, type Stored } from '@kitos/persistence';
import { SYSTEM_RELATION_MODEL, systemRelationSchema } from './system-relation.schema';
import type { SystemRelation } from './system-relation';

const ORDER = { createdAt: 1, _id: 1 } as const;

/** System relations, one document each; tombstones keep their deletion event until the relay has published it. */
@Injectable()
export class SystemRelationsRepository extends AggregateRepository<SystemRelation> {
  constructor(mongo: MongoConnection, relay: OutboxRelay) {
    super(registerAggregateModel(mongo, relay, SYSTEM_RELATION_MODEL, systemRelationSchema), mongo.writeLocks, relay.nudge);
  }

  protected toState(d: Record<string, unknown>): SystemRelation {
    return {
      organizationUuid: d.organizationUuid as string,
      fromSystemUsageUuid: d.fromSystemUsageUuid as string,
      toSystemUsageUuid: d.toSystemUsageUuid as string,
      relationInterfaceUuid: (d.relationInterfaceUuid as string | null) ?? null,
      associatedContractUuid: (d.associatedContractUuid as string | null) ?? null,
      relationFrequencyUuid: (d.relationFrequencyUuid as string | null) ?? null,
      description: (d.description as string | null) ?? null,
      urlReference: (d.urlReference as string | null) ?? null,
      createdAt: d.createdAt as Date,
      createdByUserUuid: (d.createdByUserUuid as string | null) ?? null,
      lastModified: d.lastModified as Date,
      lastModifiedByUserUuid: (d.lastModifiedByUserUuid as string | null) ?? null,
    };
  }

  outgoing(usageUuid: string): Promise<Stored<SystemRelation>[]> {
    return this.live({ fromSystemUsageUuid: usageUuid });
  }

  incoming(usageUuid: string): Promise<Stored<SystemRelation>[]> {
    return this.live({ toSystemUsageUuid: usageUuid });
  }

  /** Relations in either direction. */
  touching(usageUuid: string): Promise<Stored<SystemRelation>[]> {
    return this.live({ $or: [{ fromSystemUsageUuid: usageUuid }, { toSystemUsageUuid: usageUuid }] });
  }

  ofOrganization(organizationUuid: string): Promise<Stored<SystemRelation>[]> {
    return this.live({ organizationUuid });
  }

  throughInterface(interfaceUuid: string): Promise<Stored<SystemRelation>[]> {
    return this.live({ relationInterfaceUuid: interfaceUuid });
  }

  underContract(contractUuid: string): Promise<Stored<SystemRelation>[]> {
    return this.live({ associatedContractUuid: contractUuid });
  }

  /** Live relations going out of any of the usages. */
  outgoingOfMany(usageUuids: readonly string[]): Promise<Stored<SystemRelation>[]> {
    return usageUuids.length ? this.live({ fromSystemUsageUuid: { $in: [...new Set(usageUuids)] } }) : Promise.resolve([]);
  }

  /** Uuids of the usages with a live outgoing relation matching the criteria (to one of these usages, with this contract). */
  async sourcesOf(criteria: { toSystemUsageUuids?: readonly string[]; contractUuid?: string }): Promise<string[]> {
    const filter: Record<string, unknown> = { deleted: false };
    if (criteria.toSystemUsageUuids) filter.toSystemUsageUuid = { $in: [...new Set(criteria.toSystemUsageUuids)] };
    if (criteria.contractUuid) filter.associatedContractUuid = criteria.contractUuid;
    const documents = await this.model
      .find(filter, { _id: 0, fromSystemUsageUuid: 1 })
      .lean<Array<{ fromSystemUsageUuid: string }>>()
      .exec();
    return [...new Set(documents.map((d) => d.fromSystemUsageUuid))];
  }

  private async live(filter: Record<string, unknown>): Promise<Stored<SystemRelation>[]> {
    const documents = await this.model
      .find({ ...filter, deleted: false })
      .sort(ORDER)
      .lean<Record<string, unknown>[]>()
      .exec();
    return documents.map((d) => this.stored(d));
  }
}
