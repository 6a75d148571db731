import { escapeRegex } from '@kitos/common';
import { Injectable } from '@nestjs/common';
import { AggregateRepository, MongoConnection, OutboxRelay, registerAggregateModel, type Stored } from '@kitos/persistence';
import { CallerChanges } from '../auth/caller-changes';
import { emailKeyOf, type User } from './user';
import { USER_MODEL, userSchema } from './user.schema';

@Injectable()
export class UsersRepository extends AggregateRepository<User> {
  /** Every write of a user may change what the user may do: the gateways hear of it before the write returns. */
  constructor(mongo: MongoConnection, relay: OutboxRelay, callers: CallerChanges) {
    super(registerAggregateModel(mongo, relay, USER_MODEL, userSchema), mongo.writeLocks, async (model, uuid, written) => {
      relay.nudge(model, uuid, written);
      await callers.user(uuid);
    });
  }

  protected toState(d: Record<string, unknown>): User {
    const { _id, version, pendingEvents, hasPendingEvents, deleted, deletedAt, ...state } = d;
    return {
      ...(state as User),
      rights: ((state.rights as User['rights']) ?? []).map((r) => ({ organizationUuid: r.organizationUuid, role: r.role })),
    };
  }

  async findByEmail(emailKey: string): Promise<Stored<User> | null> {
    const document = await this.model.findOne({ emailKey, deleted: false }).lean<Record<string, unknown>>().exec();
    return document ? this.stored(document) : null;
  }

  async anyGlobalAdmin(): Promise<boolean> {
    return (await this.model.countDocuments({ deleted: false, isGlobalAdmin: true }).exec()) > 0;
  }

  async listByOrganization(filter: {
    organizationUuid: string;
    nameOrEmail?: string;
    /** The whole address, case-insensitive. */
    email?: string;
    role?: string;
    page: number;
    pageSize: number;
  }): Promise<Stored<User>[]> {
    const query: Record<string, unknown> = { deleted: false, 'rights.organizationUuid': filter.organizationUuid };
    if (filter.nameOrEmail) {
      const pattern = { $regex: escapeRegex(filter.nameOrEmail.trim()), $options: 'i' };
      query.$or = [{ firstName: pattern }, { lastName: pattern }, { email: pattern }];
    }
    if (filter.email) query.emailKey = emailKeyOf(filter.email);
    const documents = await this.model.find(query).sort({ lastName: 1, firstName: 1, _id: 1 }).lean<Record<string, unknown>[]>().exec();
    const users = documents.map((d) => this.stored(d));
    const filtered = filter.role
      ? users.filter((u) => u.rights.some((r) => r.organizationUuid === filter.organizationUuid && r.role === filter.role))
      : users;
    return filtered.slice(filter.page * filter.pageSize, (filter.page + 1) * filter.pageSize);
  }
}
