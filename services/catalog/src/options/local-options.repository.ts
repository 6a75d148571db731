import { Injectable } from '@nestjs/common';
import type { OptionTypeKind } from '@kitos/contracts';
import { AggregateRepository, MongoConnection, OutboxRelay, registerAggregateModel, type Stored } from '@kitos/persistence';
import { LOCAL_OPTION_MODEL, localOptionSchema } from './option.schema';
import type { LocalOptionSetting } from './option';

/** Organisations' settings of option values, one document per (organisation, value) under a derived `_id`. */
@Injectable()
export class LocalOptionsRepository extends AggregateRepository<LocalOptionSetting> {
  constructor(mongo: MongoConnection, relay: OutboxRelay) {
    super(registerAggregateModel(mongo, relay, LOCAL_OPTION_MODEL, localOptionSchema), mongo.writeLocks, relay.nudge);
  }

  protected toState(d: Record<string, unknown>): LocalOptionSetting {
    return {
      organizationUuid: d.organizationUuid as string,
      kind: d.kind as OptionTypeKind,
      optionUuid: d.optionUuid as string,
      isActive: d.isActive as boolean,
      description: (d.description as string | null) ?? null,
      lastModified: d.lastModified as Date,
      lastModifiedByUserUuid: (d.lastModifiedByUserUuid as string | null) ?? null,
    };
  }

  /** Settings by id; the ones never made are simply absent. */
  async findMany(uuids: readonly string[]): Promise<Stored<LocalOptionSetting>[]> {
    if (!uuids.length) return [];
    const documents = await this.model
      .find({ _id: { $in: [...new Set(uuids)] }, deleted: false })
      .lean<Record<string, unknown>[]>()
      .exec();
    return documents.map((d) => this.stored(d));
  }
}
