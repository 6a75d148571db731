/**
 * Store contract: a version-checked update of one document (`{ _id, version: n }` in the filter) has exactly one
 * winner when several clients race for it. Every aggregate write relies on this across processes.
 *
 * Runs against MONGODB_URI when it is set (e.g. a MongoDB 7, as in production), else against the test run's FerretDB.
 * - MongoDB guarantees single-document atomicity: the test demands exactly one winner in every round.
 * - FerretDB 1.24 evaluates the filter and writes the document back in separate steps, so several clients can win a
 *   round and all but one write are lost. That is a known, documented limit (docs/operations.md, "One process per
 *   service on the embedded store"); here it is measured, logged, and asserted to still hold, so that the day a
 *   FerretDB release fixes it this test fails and the single-writer lease can be reconsidered.
 */
import { detectStore, type StoreKind } from '@kitos/persistence';
import { testMongoUri, uniqueName } from '@kitos/testing';
import { mongo } from 'mongoose';

const CLIENTS = 8;
const ROUNDS = Number(process.env.STORE_CONTRACT_ROUNDS ?? 100);
const uri = process.env.MONGODB_URI || testMongoUri();

interface RaceDoc {
  _id: string;
  version: number;
  writers: number[];
}

interface RaceResult {
  /** Clients told they won (matched and modified), per round. */
  readonly winners: number[];
  /** Winners whose write is not in the document afterwards, per round. */
  readonly lost: number[];
}

describe('store contract: version-checked updates race on one document', () => {
  const database = uniqueName('storecontract');
  let clients: mongo.MongoClient[];
  let store: StoreKind;

  beforeAll(async () => {
    clients = await Promise.all(Array.from({ length: CLIENTS }, () => new mongo.MongoClient(uri, { maxPoolSize: 1 }).connect()));
    store = await detectStore(clients[0].db(database));
  });

  afterAll(async () => {
    await clients[0]
      ?.db(database)
      .dropDatabase()
      .catch(() => undefined);
    await Promise.all((clients ?? []).map((c) => c.close()));
  });

  /** Each round: a fresh document at version 1; every client tries to move it to version 2 and record itself. */
  async function race(operation: 'updateOne' | 'findOneAndUpdate'): Promise<RaceResult> {
    const winners: number[] = [];
    const lost: number[] = [];
    const collectionOf = (client: mongo.MongoClient) => client.db(database).collection<RaceDoc>(`race_${operation}`);
    for (let round = 0; round < ROUNDS; round++) {
      const _id = `round-${round}`;
      await collectionOf(clients[0]).insertOne({ _id, version: 1, writers: [] });
      const outcomes = await Promise.all(
        clients.map(async (client, writer) => {
          const filter = { _id, version: 1 };
          const update = { $set: { version: 2 }, $push: { writers: writer } };
          if (operation === 'updateOne') return (await collectionOf(client).updateOne(filter, update)).modifiedCount === 1;
          return (await collectionOf(client).findOneAndUpdate(filter, update, { returnDocument: 'after' })) !== null;
        }),
      );
      const won = outcomes.filter(Boolean).length;
      const after = await collectionOf(clients[0]).findOne({ _id });
      winners.push(won);
      lost.push(won - (after?.writers.length ?? 0));
      expect(after?.version).toBe(2);
    }
    return { winners, lost };
  }

  it.each(['updateOne', 'findOneAndUpdate'] as const)(
    '%s({ _id, version }): one winner per round, or the documented FerretDB limit',
    async (operation) => {
      const { winners, lost } = await race(operation);
      const contested = winners.filter((w) => w > 1).length;
      const lostWrites = lost.reduce((a, b) => a + b, 0);
      // someone always wins: the update itself works on every store
      expect(winners.filter((w) => w === 0)).toEqual([]);
      if (store.kind === 'mongodb') {
        expect({ contested, lostWrites }).toEqual({ contested: 0, lostWrites: 0 });
        return;
      }
      // FerretDB: report the known limit instead of hiding it
      process.stdout.write(
        `store contract (${operation}): FerretDB ${store.version} is not atomic for version-checked updates — ` +
          `${contested} of ${ROUNDS} rounds had more than one winner (at most ${Math.max(...winners)}), ` +
          `${lostWrites} acknowledged writes were lost. Known limit; one process per service is enforced on this store.\n`,
      );
      expect(contested).toBeGreaterThan(0);
      // and the document kept fewer writes than were acknowledged
      expect(lostWrites).toBeGreaterThan(0);
    },
  );
});
