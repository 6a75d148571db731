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
  /**
   * Live ones by uuid: one `_id` read each, in parallel — FerretDB pushes `{ _id }` down to its store but answers
   * `{ _id: { $in } }` by reading the whole collection (every option check of every write asks).
   */
  async findMany(uuids: readonly string[]): Promise<Stored<LocalOptionSetting>[]> {
    const found = await Promise.all([...new Set(uuids)].map((uuid) => this.findByUuid(uuid)));
    return found.filter((o): o is Stored<LocalOptionSetting> => o !== null);
  }
}
