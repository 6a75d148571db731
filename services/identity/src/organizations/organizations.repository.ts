import { escapeRegex } from '@kitos/common';
import { Injectable } from '@nestjs/common';
import { AggregateRepository, MongoConnection, OutboxRelay, registerAggregateModel, type Stored } from '@kitos/persistence';
import type { Organization } from './organization';
import { ORGANIZATION_MODEL, organizationSchema } from './organization.schema';

@Injectable()
export class OrganizationsRepository extends AggregateRepository<Organization> {
  constructor(mongo: MongoConnection, relay: OutboxRelay) {
    super(registerAggregateModel(mongo, relay, ORGANIZATION_MODEL, organizationSchema), mongo.writeLocks, () => relay.nudge());
  }

  protected toState(d: Record<string, unknown>): Organization {
    const { _id, version, pendingEvents, hasPendingEvents, deleted, deletedAt, ...state } = d;
    return state as Organization;
  }

  async findByCvr(cvr: string): Promise<Stored<Organization> | null> {
    const document = await this.model.findOne({ cvrKey: cvr, deleted: false }).lean<Record<string, unknown>>().exec();
    return document ? this.stored(document) : null;
  }

  async findMany(uuids: readonly string[]): Promise<Stored<Organization>[]> {
    const documents = await this.model
      .find({ _id: { $in: uuids }, deleted: false })
      .lean<Record<string, unknown>[]>()
      .exec();
    return documents.map((d) => this.stored(d));
  }

  async list(filter: { nameContent?: string; cvrContent?: string; page: number; pageSize: number }): Promise<Stored<Organization>[]> {
    const query: Record<string, unknown> = { deleted: false };
    if (filter.nameContent) query.nameKey = { $regex: escapeRegex(filter.nameContent.toLocaleLowerCase('da')) };
    if (filter.cvrContent) query.cvr = { $regex: `^${escapeRegex(filter.cvrContent)}` };
    const documents = await this.model
      .find(query)
      .sort({ nameKey: 1, _id: 1 })
      .skip(filter.page * filter.pageSize)
      .limit(filter.pageSize)
      .lean<Record<string, unknown>[]>()
      .exec();
    return documents.map((d) => this.stored(d));
  }

  async countAll(): Promise<number> {
    return this.model.countDocuments({ deleted: false }).exec();
  }
}
