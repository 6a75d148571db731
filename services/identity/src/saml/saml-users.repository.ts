import { Injectable } from '@nestjs/common';
import { MongoConnection, type Stored } from '@kitos/persistence';
import type { Model } from 'mongoose';
import type { User } from '../users/user';
import { USER_MODEL } from '../users/user.schema';
import { UsersRepository } from '../users/users.repository';

/** Looks users up by the identity an identity provider knows them by; reads and writes go through UsersRepository. */
@Injectable()
export class SamlUsersRepository {
  private readonly model: Model<Record<string, unknown>>;

  constructor(
    private readonly users: UsersRepository,
    mongo: MongoConnection,
  ) {
    // compiled by UsersRepository, which is constructed first (it is a dependency)
    this.model = mongo.connection.model<Record<string, unknown>>(USER_MODEL);
  }

  async findBySsoIdentity(idp: string, nameId: string): Promise<Stored<User> | null> {
    // FerretDB 1.24 has no field equality inside $elemMatch: match the fields, then the pair in code
    const documents = await this.model
      .find({ deleted: false, 'ssoIdentities.idp': idp, 'ssoIdentities.nameId': nameId })
      .lean<Array<{ _id: string; ssoIdentities?: Array<{ idp: string; nameId: string }> }>>()
      .exec();
    const match = documents.find((d) => d.ssoIdentities?.some((i) => i.idp === idp && i.nameId === nameId));
    return match ? this.users.findByUuid(match._id) : null;
  }
}
