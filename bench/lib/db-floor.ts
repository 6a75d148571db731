import { randomUUID } from 'node:crypto';
import mongoose from 'mongoose';
import { machineMeter, type CpuUsage } from './cpu';
import { round, summarize, type LatencySummary } from './stats';

export interface QueryFloor {
  readonly query: string;
  /** Where the services issue it. */
  readonly usedBy: string;
  readonly documents: number;
  readonly opsPerSecond: number;
  readonly latency: LatencySummary;
}

export interface DbFloorResult {
  readonly queries: QueryFloor[];
  readonly cpu: CpuUsage;
}

/** Documents shaped like the catalogue's it_systems documents (aggregate with embedded outbox). */
function document(i: number, organizationUuid: string) {
  const now = new Date();
  return {
    _id: randomUUID() as string,
    version: 1,
    pendingEvents: [],
    hasPendingEvents: false,
    deleted: false,
    deletedAt: null,
    organizationUuid,
    name: `System ${i}`,
    nameKey: `system ${i}`,
    formerName: null,
    description: 'A system used to measure the database alone',
    scope: 'Global',
    deactivated: false,
    createdAt: now,
    createdByUserUuid: null,
    lastModified: now,
    lastModifiedByUserUuid: null,
  };
}

/**
 * The database's own cost for the single-document operations the services issue, one at a time (no concurrency),
 * on collections of different sizes, with the catalogue's indexes. Shows which filters the embedded FerretDB answers
 * from an index and which make it read the whole collection.
 */
export async function dbFloor(options: {
  mongoUri: string;
  sizes: readonly number[];
  secondsPerQuery: number;
  cpu: Readonly<Record<string, number | undefined>>;
}): Promise<DbFloorResult> {
  const connection = await mongoose.createConnection(options.mongoUri, { dbName: 'bench_db_floor' }).asPromise();
  const queries: QueryFloor[] = [];
  const cpu = machineMeter(options.cpu);
  try {
    for (const size of options.sizes) {
      const collection = connection.db!.collection<{ _id: string } & Record<string, unknown>>(`it_systems_${size}`);
      await collection.createIndex({ hasPendingEvents: 1 });
      await collection.createIndex({ organizationUuid: 1, nameKey: 1 }, { unique: true });
      const organizationUuid = randomUUID();
      const docs = Array.from({ length: size }, (_, i) => document(i, organizationUuid));
      for (let i = 0; i < docs.length; i += 500) await collection.insertMany(docs.slice(i, i + 500));
      const pick = (n: number) => docs[(n * 7919) % docs.length];
      const cases: [string, string, (n: number) => Promise<unknown>][] = [
        ['findOne({ _id })', 'FerretDB pushes only this exact filter down', (n) => collection.findOne({ _id: pick(n)._id })],
        [
          'findOne({ _id, deleted: false })',
          'catalog: every read, patch and delete (findByUuid)',
          (n) => collection.findOne({ _id: pick(n)._id, deleted: false }),
        ],
        [
          'findOne({ organizationUuid, nameKey, deleted: false })',
          'catalog: every create and rename (name check)',
          (n) => collection.findOne({ organizationUuid, nameKey: pick(n).nameKey, deleted: false }),
        ],
        [
          'find({ hasPendingEvents: true }).sort({ _id: 1 }).limit(100)',
          'outbox relay: every pass, i.e. after every write',
          () =>
            collection
              .find({ hasPendingEvents: true }, { projection: { pendingEvents: 1 } })
              .sort({ _id: 1 })
              .limit(100)
              .toArray(),
        ],
        [
          'updateOne({ _id }, { $set })',
          'outbox relay: $pullAll of published events',
          (n) => collection.updateOne({ _id: pick(n)._id }, { $set: { version: n } }),
        ],
        [
          'updateOne({ _id, pendingEvents: { $size: 0 } }, { $set })',
          'outbox relay: clearing hasPendingEvents',
          (n) => collection.updateOne({ _id: pick(n)._id, pendingEvents: { $size: 0 } }, { $set: { hasPendingEvents: false } }),
        ],
      ];
      for (const [query, usedBy, run] of cases) {
        const samples: number[] = [];
        const end = performance.now() + options.secondsPerQuery * 1000;
        let n = 0;
        const began = performance.now();
        while (performance.now() < end) {
          const t = performance.now();
          await run(n++);
          samples.push(performance.now() - t);
        }
        const seconds = (performance.now() - began) / 1000;
        queries.push({ query, usedBy, documents: size, opsPerSecond: round(samples.length / seconds, 0), latency: summarize(samples) });
      }
    }
  } finally {
    await connection.dropDatabase().catch(() => undefined);
    await connection.close();
  }
  return { queries, cpu: cpu() };
}
