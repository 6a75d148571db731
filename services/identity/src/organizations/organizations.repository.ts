import { escapeRegex } from '@kitos/common';
import { Injectable } from '@nestjs/common';
import { AggregateRepository, MongoConnection, OutboxRelay, registerAggregateModel, type Stored } from '@kitos/persistence';
import { CallerChanges } from '../auth/caller-changes';
import type { Organization } from './organization';
import { ORGANIZATION_MODEL, organizationSchema } from './organization.schema';

/** Up to this many organisations are read one by one by `_id`. */
const FEW = 8;

@Injectable()
export class OrganizationsRepository extends AggregateRepository<Organization> {
  /** A changed or deleted organisation changes its members' callers (their rights there, cross-organisation reading). */
  constructor(mongo: MongoConnection, relay: OutboxRelay, callers: CallerChanges) {
    super(registerAggregateModel(mongo, relay, ORGANIZATION_MODEL, organizationSchema), mongo.writeLocks, async (model, uuid, written) => {
      relay.nudge(model, uuid, written);
      await callers.everyone();
    });
  }

  protected toState(d: Record<string, unknown>): Organization {
    const { _id, version, pendingEvents, hasPendingEvents, deleted, deletedAt, ...state } = d;
    return state as Organization;
  }

  async findByCvr(cvr: string): Promise<Stored<Organization> | null> {
    const document = await this.model.findOne({ cvrKey: cvr, deleted: false }).lean<Record<string, unknown>>().exec();
    return document ? this.stored(document) : null;
  }

  /**
   * The live ones among `uuids`. A few (a caller's organisations, on every cache miss of the gateway) are read by `_id`
   * each, the one filter FerretDB on SQLite pushes down; many in one scan.
   */
  async findMany(uuids: readonly string[]): Promise<Stored<Organization>[]> {
    const distinct = [...new Set(uuids)];
    if (distinct.length <= FEW) {
      const found = await Promise.all(distinct.map((uuid) => this.findByUuid(uuid)));
      return found.filter((o): o is Stored<Organization> => o !== null);
    }
    const documents = await this.model
      .find({ _id: { $in: distinct }, deleted: false })
      .lean<Record<string, unknown>[]>()
      .exec();
    return documents.map((d) => this.stored(d));
  }

  async list(filter: OrganizationListFilter): Promise<Stored<Organization>[]> {
    const query: Record<string, unknown> = { deleted: false };
    if (filter.nameContent) query.nameKey = { $regex: escapeRegex(filter.nameContent.toLocaleLowerCase('da')) };
    if (filter.cvrContent) query.cvr = { $regex: `^${escapeRegex(filter.cvrContent)}` };
    if (filter.nameOrCvrContent) {
      const text = escapeRegex(filter.nameOrCvrContent.trim());
      query.$or = [{ nameKey: { $regex: escapeRegex(filter.nameOrCvrContent.trim().toLocaleLowerCase('da')) } }, { cvr: { $regex: text } }];
    }
    const uuids = [filter.uuid ? [filter.uuid] : undefined, filter.uuidIn].filter((u): u is string[] => !!u);
    if (uuids.length) query._id = { $in: uuids.reduce((a, b) => a.filter((u) => b.includes(u))) };
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

export interface OrganizationListFilter {
  nameContent?: string;
  cvrContent?: string;
  /** Part of the name or of the CVR number (KITOS `nameOrCvrContent`). */
  nameOrCvrContent?: string;
  uuid?: string;
  /** Only these organisations (the caller's memberships). */
  uuidIn?: string[];
  page: number;
  pageSize: number;
}
