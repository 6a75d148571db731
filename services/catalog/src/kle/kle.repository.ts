import { Injectable } from '@nestjs/common';
import { AggregateRepository, MongoConnection, OutboxRelay, registerAggregateModel, type PendingEvent } from '@kitos/persistence';
import { KLE_MODEL, kleSchema } from './kle.schema';
import { KLE_AGGREGATE_UUID } from './kle-number';
import type { KleEntry, KleState } from './kle';

/** The classification as read: entries in number order, indexed by uuid and number. */
export interface KleSnapshot {
  /** Number of imports applied; 0 while there is no KLE. */
  readonly version: number;
  readonly publishedDate: string | null;
  readonly entries: readonly KleEntry[];
  readonly byUuid: ReadonlyMap<string, KleEntry>;
  readonly byNumber: ReadonlyMap<string, KleEntry>;
}

const EMPTY: KleSnapshot = { version: 0, publishedDate: null, entries: [], byUuid: new Map(), byNumber: new Map() };

/**
 * The KLE aggregate (one document). Reads are served from a copy that is refreshed whenever the stored version
 * differs (checked on every read, so every replica sees an import at once).
 */
@Injectable()
export class KleRepository extends AggregateRepository<KleState> {
  private cached: KleSnapshot = EMPTY;

  constructor(mongo: MongoConnection, relay: OutboxRelay) {
    super(registerAggregateModel(mongo, relay, KLE_MODEL, kleSchema), mongo.writeLocks, relay.nudge);
  }

  protected toState(d: Record<string, unknown>): KleState {
    return {
      publishedDate: (d.publishedDate as string | null) ?? null,
      importedAt: d.importedAt as Date,
      entries: ((d.entries as Record<string, unknown>[]) ?? []).map((e) => ({
        uuid: e.uuid as string,
        kleNumber: e.kleNumber as string,
        description: e.description as string,
        guidance: (e.guidance as string | null) ?? null,
        parentUuid: (e.parentUuid as string | null) ?? null,
        validFrom: (e.validFrom as string | null) ?? null,
        removed: (e.removed as string | null) ?? null,
        lastModified: e.lastModified as Date,
      })),
    };
  }

  async snapshot(): Promise<KleSnapshot> {
    const head = await this.model.findOne({ _id: KLE_AGGREGATE_UUID }).select({ version: 1 }).lean<{ version: number }>().exec();
    const version = head?.version ?? 0;
    if (version === this.cached.version) return this.cached;
    const stored = await this.findByUuid(KLE_AGGREGATE_UUID);
    if (!stored) return EMPTY;
    const snapshot: KleSnapshot = {
      version: stored.version,
      publishedDate: stored.publishedDate,
      entries: stored.entries,
      byUuid: new Map(stored.entries.map((e) => [e.uuid, e])),
      byNumber: new Map(stored.entries.map((e) => [e.kleNumber, e])),
    };
    if (snapshot.version >= this.cached.version) this.cached = snapshot;
    return snapshot;
  }

  /** Stores the classification after an import over `expectedVersion` (0: the first import) with its event. */
  async save(expectedVersion: number, state: KleState, event: PendingEvent): Promise<void> {
    if (expectedVersion === 0) await this.insert(KLE_AGGREGATE_UUID, state, [event]);
    else await this.update(KLE_AGGREGATE_UUID, expectedVersion, state, [event]);
  }
}
