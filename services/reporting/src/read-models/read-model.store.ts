import { Injectable } from '@nestjs/common';
import { MongoConnection, isDuplicateKey } from '@kitos/persistence';
import { Schema, type Model } from 'mongoose';
import { LIVE, READ_MODEL_KINDS, type Attachment, type DocOf, type ReadModelKind } from './read-model.types';

/** Collection of a read model: `rm_it_system_usages`; a rebuild writes to the same names with a suffix first. */
export function collectionOf(kind: ReadModelKind, suffix = ''): string {
  return `rm_${kind.replace(/-/g, '_')}${suffix}`;
}

function readModelSchema(collection: string): Schema {
  const schema = new Schema(
    {
      _id: { type: String, required: true },
      organizationUuid: { type: String, default: null },
      version: { type: Number, required: true },
      deleted: { type: Boolean, required: true },
      deletedAt: { type: Date, default: null },
      lastEventAt: { type: Date, default: null },
      data: { type: Schema.Types.Mixed, default: null },
      gdpr: { type: Schema.Types.Mixed, default: null },
      archive: { type: Schema.Types.Mixed, default: null },
    },
    { collection, versionKey: false, minimize: false, strict: false },
  );
  schema.index({ organizationUuid: 1, deleted: 1 });
  schema.index({ deleted: 1, deletedAt: 1, _id: 1 });
  return schema;
}

/**
 * Writes and reads the read models of one set of collections (the live ones, or a rebuild's shadow ones). Every
 * write applies only when its event is newer than what is stored, so repeated and reordered events are harmless and
 * a replay of the streams gives the same documents as the incremental path.
 */
export class ReadModelCollections {
  private readonly models = new Map<ReadModelKind, Model<DocOf<ReadModelKind>>>();

  constructor(
    private readonly mongo: MongoConnection,
    readonly suffix = '',
  ) {}

  model<K extends ReadModelKind>(kind: K): Model<DocOf<K>> {
    let model = this.models.get(kind);
    if (!model) {
      const collection = collectionOf(kind, this.suffix);
      const name = `ReadModel_${collection}`;
      model =
        (this.mongo.connection.models[name] as Model<DocOf<ReadModelKind>> | undefined) ??
        this.mongo.connection.model<DocOf<ReadModelKind>>(name, readModelSchema(collection));
      this.models.set(kind, model);
    }
    return model as unknown as Model<DocOf<K>>;
  }

  /** The newest snapshot of an object, from its created/updated/changed event. */
  applySnapshot(
    kind: ReadModelKind,
    uuid: string,
    organizationUuid: string | null,
    version: number,
    at: Date,
    data: object,
  ): Promise<boolean> {
    return this.applyIfNewer(kind, uuid, 'version', version, {
      organizationUuid,
      version,
      deleted: false,
      deletedAt: null,
      lastEventAt: at,
      data,
    });
  }

  /** A deletion: the tombstone keeps the last snapshot (or none when the object was never seen). */
  applyDeletion(kind: ReadModelKind, uuid: string, organizationUuid: string | null, version: number, at: Date): Promise<boolean> {
    return this.applyIfNewer(kind, uuid, 'version', version, {
      organizationUuid,
      version,
      deleted: true,
      deletedAt: at,
      lastEventAt: at,
    });
  }

  /** A usage's GDPR or archiving profile (null data = the profile was deleted), versioned on its own. */
  applyAttachment(
    name: 'gdpr' | 'archive',
    usageUuid: string,
    organizationUuid: string,
    version: number,
    data: object | null,
  ): Promise<boolean> {
    const attachment: Attachment<object> = { version, deleted: data === null, data };
    return this.applyIfNewer(
      'it-system-usages',
      usageUuid,
      `${name}.version`,
      version,
      { [name]: attachment },
      {
        organizationUuid,
        version: 0,
        deleted: false,
        deletedAt: null,
        lastEventAt: null,
        data: null,
        gdpr: null,
        archive: null,
      },
    );
  }

  /** Objects and tombstones per read model. */
  counts(): Promise<Array<{ kind: ReadModelKind; live: number; deleted: number }>> {
    return Promise.all(
      READ_MODEL_KINDS.map(async (kind) => ({
        kind,
        live: await this.model(kind)
          .countDocuments({ deleted: false, data: { $ne: null } })
          .exec(),
        deleted: await this.model(kind).countDocuments({ deleted: true }).exec(),
      })),
    );
  }

  async drop(): Promise<void> {
    for (const kind of READ_MODEL_KINDS) {
      await this.model(kind)
        .collection.drop()
        .catch(() => undefined); // absent: nothing to drop
    }
  }

  /**
   * Upsert guarded by a version field. An older or repeated event matches nothing and its insert collides with the
   * existing document's `_id`. The insert also collides when another replica created the document a moment earlier
   * (a usage's created event and its GDPR profile, handled at the same time): then the same update is tried again on
   * the document that now exists, so that neither write is lost. `onInsert` fills the fields a
   * first attachment leaves unset.
   */
  private async applyIfNewer(
    kind: ReadModelKind,
    uuid: string,
    versionField: string,
    version: number,
    set: Record<string, unknown>,
    onInsert: Record<string, unknown> = { gdpr: null, archive: null },
  ): Promise<boolean> {
    const insertOnly = Object.fromEntries(Object.entries(onInsert).filter(([key]) => !(key in set)));
    const guard =
      versionField === 'version'
        ? { version: { $lt: version } }
        : { $or: [{ [versionField]: { $exists: false } }, { [versionField]: { $lt: version } }, { [versionField.split('.')[0]]: null }] };
    const filter = { _id: uuid, ...guard };
    const model = this.model(kind);
    // One write per document at a time in this process: FerretDB writes an updated document back whole, so two
    // overlapping updates of different fields (the usage and its GDPR profile) would lose one (see KeyedMutex).
    return this.mongo.writeLocks.run(`${model.collection.collectionName}:${uuid}`, async () => {
      try {
        const update = Object.keys(insertOnly).length > 0 ? { $set: set, $setOnInsert: insertOnly } : { $set: set };
        const result = await model.updateOne(filter, update, { upsert: true }).exec();
        return result.modifiedCount + result.upsertedCount > 0;
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
        // The document exists: apply to it if this event is newer than what it holds, otherwise nothing to do.
        const result = await model.updateOne(filter, { $set: set }).exec();
        return result.modifiedCount > 0;
      }
    });
  }
}

export interface ReadModelQuery {
  readonly projection?: Record<string, 0 | 1>;
  readonly sort?: Record<string, 1 | -1>;
  readonly skip?: number;
  readonly limit?: number;
}

/** A cursor over documents as plain objects, read a batch at a time. */
export interface ReadModelCursor<T> extends AsyncIterable<T> {
  next(): Promise<T | null>;
  close(): Promise<void>;
}

/**
 * The live read models: what the reports, benchmarks and data-quality scores read. Readers get plain objects through
 * these queries; the mongoose models stay in here.
 */
@Injectable()
export class ReadModelStore extends ReadModelCollections {
  constructor(mongo: MongoConnection) {
    super(mongo);
  }

  /** Documents of a read model matching the filter, as plain objects. */
  find<T>(kind: ReadModelKind, filter: Record<string, unknown>, query: ReadModelQuery = {}): Promise<T[]> {
    let found = this.model(kind).find(filter, query.projection);
    if (query.sort) found = found.sort(query.sort);
    if (query.skip) found = found.skip(query.skip);
    if (query.limit !== undefined) found = found.limit(query.limit);
    return found.lean<T[]>().exec();
  }

  count(kind: ReadModelKind, filter: Record<string, unknown>): Promise<number> {
    return this.model(kind).countDocuments(filter).exec();
  }

  /** One database cursor over the matching documents in the given order (exports, full passes); `projection`: only these fields. */
  cursor<T>(
    kind: ReadModelKind,
    filter: Record<string, unknown>,
    sort: Record<string, 1 | -1> = {},
    batchSize?: number,
    projection?: Record<string, 0 | 1>,
  ): ReadModelCursor<T> {
    return this.model(kind)
      .find(filter, projection)
      .sort(sort)
      .lean<T>()
      .cursor(batchSize ? { batchSize } : {}) as unknown as ReadModelCursor<T>;
  }

  /** Whether reporting knows the organisation and it is not deleted (`withSnapshot`: and its snapshot is there). */
  async organizationExists(uuid: string, withSnapshot = false): Promise<boolean> {
    const filter = withSnapshot ? { _id: uuid, ...LIVE } : { _id: uuid, deleted: false };
    return (await this.model('organizations').exists(filter).exec()) !== null;
  }
}
