import type { EventEnvelope } from '@kitos/contracts';
import { Schema, type Model, type SchemaDefinition } from 'mongoose';
import { lockKey, type KeyedMutex } from './keyed-mutex';
import type { OutboxWrite } from './outbox-relay';
import type { MongoConnection } from './mongo-connection';
import type { PendingEvent } from './pending-event';
import { DuplicateKeyError, StaleVersionError, isDuplicateKey } from './stale-version.error';

/** Fields every aggregate document carries besides its own state (the embedded outbox). */
export interface AggregateDocument {
  _id: string;
  version: number;
  pendingEvents: EventEnvelope[];
  hasPendingEvents: boolean;
  deleted: boolean;
  deletedAt: Date | null;
}

/** A mongoose schema for an aggregate: its own fields plus id, version, pending events and the tombstone flag. */
export function aggregateSchema(definition: SchemaDefinition, collection: string): Schema {
  const schema = new Schema(
    {
      _id: { type: String, required: true },
      version: { type: Number, required: true },
      pendingEvents: { type: [Schema.Types.Mixed], default: [] },
      hasPendingEvents: { type: Boolean, default: false },
      deleted: { type: Boolean, default: false },
      deletedAt: { type: Date, default: null },
      ...definition,
    },
    { collection, versionKey: false, minimize: false, id: false, strict: 'throw' },
  );
  schema.index({ hasPendingEvents: 1 });
  return schema;
}

/**
 * Called after every successful write with the written document and what the write appended to its outbox: nudges the
 * outbox relay (`relay.nudge`, which publishes those events without reading the document when they are all it holds),
 * and may do more (identity announces caller changes). Awaited before the write returns.
 */
export type AfterWrite = (model: Model<Plain>, uuid: string, written: OutboxWrite) => void | Promise<void>;

export type Stored<TState> = TState & { uuid: string; version: number };

type Plain = Record<string, unknown>;

/**
 * Base repository of an aggregate stored as one document. Every write is one single-document update that
 * changes the state, increments `version` (refusing a stale expected version) and appends the events that
 * record the change: there is no moment where the state changed and its event could still be lost.
 * Deletion leaves a tombstone (state cleared of unique keys, `deleted: true`) that carries the deletion event.
 */
export abstract class AggregateRepository<TState extends Plain> {
  protected constructor(
    protected readonly model: Model<Plain>,
    private readonly locks: KeyedMutex,
    private readonly afterWrite: AfterWrite = () => undefined,
  ) {}

  /** Maps a stored document to the aggregate's plain state; mongoose documents never leave the repository. */
  protected abstract toState(document: Plain): TState;

  protected liveFilter(uuid: string): Plain {
    return { _id: uuid, deleted: false };
  }

  /** By `_id` alone, the tombstone checked here: FerretDB 1.24 pushes only a bare `{ _id }` filter down to SQLite. */
  async findByUuid(uuid: string): Promise<Stored<TState> | null> {
    const document = await this.model.findOne({ _id: uuid }).lean<Plain>().exec();
    return document && !document.deleted ? this.stored(document) : null;
  }

  protected stored(document: Plain): Stored<TState> {
    return { ...this.toState(document), uuid: document._id as string, version: document.version as number };
  }

  /** Inserts a new aggregate at version 1 with the events of its creation. */
  async insert(uuid: string, state: Plain, events: readonly PendingEvent[]): Promise<void> {
    try {
      await this.model.create([
        { ...state, _id: uuid, version: 1, pendingEvents: events, hasPendingEvents: events.length > 0, deleted: false, deletedAt: null },
      ]);
    } catch (error) {
      if (isDuplicateKey(error)) throw new DuplicateKeyError(error.keyPattern ?? { _id: 1 });
      throw error;
    }
    await this.afterWrite(this.model, uuid, { version: 1, previousVersion: null, events });
  }

  /** Sets fields and appends events, provided the aggregate is still at `expectedVersion`. */
  async update(uuid: string, expectedVersion: number, set: Plain, events: readonly PendingEvent[]): Promise<void> {
    await this.write(uuid, expectedVersion, set, events);
  }

  /** Turns the aggregate into a tombstone carrying its deletion event. */
  async markDeleted(uuid: string, expectedVersion: number, set: Plain, events: readonly PendingEvent[], at: Date): Promise<void> {
    await this.write(uuid, expectedVersion, { ...set, deleted: true, deletedAt: at }, events);
  }

  private async write(uuid: string, expectedVersion: number, set: Plain, events: readonly PendingEvent[]): Promise<void> {
    let result;
    try {
      result = await this.locks.run(lockKey(this.model, uuid), () =>
        this.model
          .updateOne(
            { ...this.liveFilter(uuid), version: expectedVersion },
            {
              $set: { ...set, ...(events.length ? { hasPendingEvents: true } : {}) },
              $inc: { version: 1 },
              ...(events.length ? { $push: { pendingEvents: { $each: [...events] } } } : {}),
            },
          )
          .exec(),
      );
    } catch (error) {
      if (isDuplicateKey(error)) throw new DuplicateKeyError(error.keyPattern ?? {});
      throw error;
    }
    if (result.matchedCount === 0) throw new StaleVersionError(uuid, expectedVersion);
    await this.afterWrite(this.model, uuid, { version: expectedVersion + 1, previousVersion: expectedVersion, events });
  }
}

/** Compiles an aggregate's model on the service's connection, has its indexes built before the service reports ready, and lets the outbox relay watch it. */
export function registerAggregateModel(
  mongo: MongoConnection,
  relay: { watch(model: Model<Plain>): void },
  name: string,
  schema: Schema,
): Model<Record<string, unknown>> {
  const model = mongo.model<Record<string, unknown>>(name, schema);
  relay.watch(model);
  return model;
}
