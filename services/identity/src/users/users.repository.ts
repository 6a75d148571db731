import { Injectable } from '@nestjs/common';
import { AggregateRepository, MongoConnection, OutboxRelay, registerAggregateModel, type Stored } from '@kitos/persistence';
import type { User } from './user';
import { USER_MODEL, userSchema } from './user.schema';

@Injectable()
export class UsersRepository extends AggregateRepository<User> {
  constructor(mongo: MongoConnection, relay: OutboxRelay) {
    super(registerAggregateModel(mongo, relay, USER_MODEL, userSchema), mongo.writeLocks, () => relay.nudge());
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
}
