import { Injectable } from '@nestjs/common';
import type { OptionTypeKind } from '@kitos/contracts';
import { AggregateRepository, MongoConnection, OutboxRelay, registerAggregateModel, type Stored } from '@kitos/persistence';
import { OPTION_MODEL, optionSchema } from './option.schema';
import type { OptionValue } from './option';

/** Global values of the option types; values are never deleted (disabling is how one goes away). */
@Injectable()
export class OptionsRepository extends AggregateRepository<OptionValue> {
  constructor(mongo: MongoConnection, relay: OutboxRelay) {
    super(registerAggregateModel(mongo, relay, OPTION_MODEL, optionSchema), mongo.writeLocks, relay.nudge);
  }

  protected toState(d: Record<string, unknown>): OptionValue {
    return {
      kind: d.kind as OptionTypeKind,
      name: d.name as string,
      nameKey: d.nameKey as string,
      description: (d.description as string | null) ?? null,
      isObligatory: d.isObligatory as boolean,
      isEnabled: d.isEnabled as boolean,
      priority: d.priority as number,
      createdAt: d.createdAt as Date,
      lastModified: d.lastModified as Date,
      lastModifiedByUserUuid: (d.lastModifiedByUserUuid as string | null) ?? null,
    };
  }

  /** Every value of a kind, highest priority first, then by name. */
  async listByKind(kind: OptionTypeKind): Promise<Stored<OptionValue>[]> {
    const documents = await this.model
      .find({ kind, deleted: false })
      .sort({ priority: -1, nameKey: 1, _id: 1 })
      .lean<Record<string, unknown>[]>()
      .exec();
    return documents.map((d) => this.stored(d));
  }

  async findByName(kind: OptionTypeKind, nameKey: string): Promise<Stored<OptionValue> | null> {
    const document = await this.model.findOne({ kind, nameKey, deleted: false }).lean<Record<string, unknown>>().exec();
    return document ? this.stored(document) : null;
  }

  /**
   * Live ones by uuid: one `_id` read each, in parallel — FerretDB pushes `{ _id }` down to its store but answers
   * `{ _id: { $in } }` by reading the whole collection (every option check of every write asks).
   */
  async findMany(uuids: readonly string[]): Promise<Stored<OptionValue>[]> {
    const found = await Promise.all([...new Set(uuids)].map((uuid) => this.findByUuid(uuid)));
    return found.filter((o): o is Stored<OptionValue> => o !== null);
  }

  async hasAny(kind: OptionTypeKind): Promise<boolean> {
    return (await this.model.exists({ kind }).exec()) !== null;
  }
}
