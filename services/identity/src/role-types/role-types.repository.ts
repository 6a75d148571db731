import { Injectable } from '@nestjs/common';
import type { RoleObjectType } from '@kitos/contracts';
import { AggregateRepository, MongoConnection, OutboxRelay, registerAggregateModel, type Stored } from '@kitos/persistence';
import { ROLE_TYPE_MODEL, roleTypeSchema } from './role-type.schema';

export interface RoleType extends Record<string, unknown> {
  objectType: RoleObjectType;
  name: string;
  nameKey: string;
  description: string | null;
  descriptionEn: string | null;
  practiceRuleIds: string[];
  builtIn: boolean;
  disabledInOrganizationUuids: string[];
  hasReadAccess: boolean;
  hasWriteAccess: boolean;
  isEnabled: boolean;
  lastModified: Date;
}

@Injectable()
export class RoleTypesRepository extends AggregateRepository<RoleType> {
  constructor(mongo: MongoConnection, relay: OutboxRelay) {
    super(registerAggregateModel(mongo, relay, ROLE_TYPE_MODEL, roleTypeSchema), mongo.writeLocks, relay.nudge);
  }

  protected toState(d: Record<string, unknown>): RoleType {
    return {
      objectType: d.objectType as RoleObjectType,
      name: d.name as string,
      nameKey: d.nameKey as string,
      description: (d.description as string | null) ?? null,
      descriptionEn: (d.descriptionEn as string | null) ?? null,
      practiceRuleIds: (d.practiceRuleIds as string[] | undefined) ?? [],
      builtIn: (d.builtIn as boolean | undefined) ?? false,
      disabledInOrganizationUuids: (d.disabledInOrganizationUuids as string[] | undefined) ?? [],
      hasReadAccess: d.hasReadAccess as boolean,
      hasWriteAccess: d.hasWriteAccess as boolean,
      isEnabled: d.isEnabled as boolean,
      lastModified: d.lastModified as Date,
    };
  }

  async list(objectType?: RoleObjectType): Promise<Stored<RoleType>[]> {
    const documents = await this.model
      .find({ deleted: false, ...(objectType ? { objectType } : {}) })
      .sort({ objectType: 1, nameKey: 1, _id: 1 })
      .lean<Record<string, unknown>[]>()
      .exec();
    return documents.map((d) => this.stored(d));
  }
}
