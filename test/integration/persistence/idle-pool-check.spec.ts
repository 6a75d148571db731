/**
 * slowIdlePoolChecks (libs/persistence/src/idle-pool-check.ts): an idle connection pool of the mongodb driver no longer
 * wakes every 100 ms. Against the test run's store; it reads the driver's pool internals on purpose, so that a driver
 * upgrade that changes them fails here instead of silently bringing the 100 ms timer back.
 */
import { IDLE_POOL_CHECK_MS, MongoConnection, slowIdlePoolChecks } from '@kitos/persistence';
import { eventually, testMongoUri, uniqueName } from '@kitos/testing';
import { mongo } from 'mongoose';

const uri = process.env.MONGODB_URI || testMongoUri();

interface Pool {
  readonly totalConnectionCount: number;
  readonly minPoolSizeTimer: { _idleTimeout: number } | undefined;
}
/** The connection pool of the one server the client talks to. */
const poolOf = (client: mongo.MongoClient): Pool => {
  const topology = (client as unknown as { topology: { s: { servers: Map<string, { pool: Pool }> } } }).topology;
  const [server] = [...topology.s.servers.values()];
  return server.pool;
};

describe('slowIdlePoolChecks', () => {
  const clients: mongo.MongoClient[] = [];
  const database = uniqueName('idlepool');

  beforeAll(() => {
    expect(slowIdlePoolChecks()).toBe(true);
  });

  afterAll(async () => {
    await clients[0]
      ?.db(database)
      .dropDatabase()
      .catch(() => undefined);
    await Promise.all(clients.map((c) => c.close()));
  });

  const connect = async (options: mongo.MongoClientOptions = {}) => {
    const client = await new mongo.MongoClient(uri, options).connect();
    clients.push(client);
    await client.db(database).collection('probe').insertOne({ at: new Date() });
    return client;
  };

  it('makes a pool without a minimum size check every IDLE_POOL_CHECK_MS instead of every 100 ms, and it keeps working', async () => {
    const client = await connect();
    const pool = poolOf(client);
    expect(pool.minPoolSizeTimer?._idleTimeout).toBe(IDLE_POOL_CHECK_MS);
    // the pool still serves work after the first check was scheduled (several connections at once)
    const counts = await Promise.all(Array.from({ length: 5 }, () => client.db(database).collection('probe').countDocuments({})));
    expect(counts).toEqual([1, 1, 1, 1, 1]);
    expect(pool.minPoolSizeTimer?._idleTimeout).toBe(IDLE_POOL_CHECK_MS);
  });

  it('leaves a pool with a minimum size to the driver: it fills up to the minimum and keeps checking every 100 ms', async () => {
    const client = await connect({ minPoolSize: 3, maxPoolSize: 5 });
    const pool = poolOf(client);
    await eventually(() => expect(pool.totalConnectionCount).toBeGreaterThanOrEqual(3), { timeoutMs: 10_000 });
    expect(pool.minPoolSizeTimer?._idleTimeout).toBe(100);
  });

  it('is installed by every MongoConnection (the services and the writer lease connect through it)', async () => {
    const connection = new MongoConnection({ uri, database, serverSelectionTimeoutMs: 5000 });
    try {
      await connection.connect();
      const pool = poolOf(connection.connection.getClient() as unknown as mongo.MongoClient);
      expect(pool.minPoolSizeTimer?._idleTimeout).toBe(IDLE_POOL_CHECK_MS);
    } finally {
      await connection.close();
    }
  });
});
