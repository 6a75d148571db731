/**
 * The writer lease that keeps a second process of a service away from its database on FerretDB (one writer per
 * service database; docs/operations.md, "One process per service on the embedded store"). Against the test run's store.
 */
import {
  MongoConnection,
  WriterLease,
  WriterLeaseLostError,
  WriterLeaseRefusedError,
  detectStore,
  type LeaseOwner,
  type WriterLeaseDocument,
} from '@kitos/persistence';
import { eventually, testMongoUri, uniqueName } from '@kitos/testing';
import { mongo } from 'mongoose';

const uri = process.env.MONGODB_URI || testMongoUri();
const owner = (pid: number, host = 'host-a'): LeaseOwner => ({ id: `owner-${host}-${pid}`, host, pid });

describe('WriterLease', () => {
  const database = uniqueName('writerlease');
  let clients: mongo.MongoClient[];
  const collection = (name: string, client = clients[0]) => client.db(database).collection<WriterLeaseDocument>(name);
  const leases: WriterLease[] = [];
  const lease = (name: string, who: LeaseOwner, options: ConstructorParameters<typeof WriterLease>[2] = {}, client = clients[0]) => {
    const created = new WriterLease(collection(name, client), database, { owner: who, isAlive: () => true, ...options });
    leases.push(created);
    return created;
  };

  beforeAll(async () => {
    clients = await Promise.all(Array.from({ length: 8 }, () => new mongo.MongoClient(uri, { maxPoolSize: 1 }).connect()));
  });

  afterAll(async () => {
    await Promise.all(leases.map((l) => l.release()));
    await clients[0]
      .db(database)
      .dropDatabase()
      .catch(() => undefined);
    await Promise.all(clients.map((c) => c.close()));
  });

  it('has exactly one holder when eight processes start at once, round after round (insert on a unique _id is atomic)', async () => {
    const rounds = 40;
    const holders: number[] = [];
    for (let round = 0; round < rounds; round++) {
      const outcomes = await Promise.allSettled(
        clients.map((client, i) => lease(`race_${round}`, owner(1000 + i), { heartbeatMs: 60000 }, client).acquire()),
      );
      holders.push(outcomes.filter((o) => o.status === 'fulfilled' && o.value === 'held').length);
      const refused = outcomes.filter((o) => o.status === 'rejected').map((o) => (o as PromiseRejectedResult).reason);
      expect(refused.every((e) => e instanceof WriterLeaseRefusedError)).toBe(true);
      expect(await collection(`race_${round}`).countDocuments({})).toBe(1);
    }
    expect(holders).toEqual(Array(rounds).fill(1));
  });

  it('refuses a second process with a message that names the holder and the reason', async () => {
    await lease('refuse', owner(2001)).acquire();
    const refusal = await lease('refuse', owner(2002))
      .acquire()
      .catch((e: Error) => e);
    expect(refusal).toBeInstanceOf(WriterLeaseRefusedError);
    expect((refusal as Error).message).toMatch(
      /refusing to start: another process of this service already writes to database ".+" \(pid 2001 on host-a/,
    );
    expect((refusal as Error).message).toContain('docs/operations.md');
  });

  it('is taken over at once from a process of this host that died, and the old holder learns that it lost it', async () => {
    const lost: WriterLeaseLostError[] = [];
    const first = lease('crash', owner(3001), { heartbeatMs: 60000, onLost: (e) => lost.push(e) });
    await first.acquire();
    const second = lease('crash', owner(3002), { isAlive: (pid) => pid !== 3001 });
    expect(await second.acquire()).toBe('held');
    expect(second.generation).toBe(2);
    // a holder that was only frozen finds the newer generation on its next renewal and must stop
    await first.renew();
    expect(lost.map((e) => e.holder.pid)).toEqual([3002]);
    expect(await collection('crash').countDocuments({})).toBe(1);
  });

  it('is taken at once after a release (graceful stop)', async () => {
    const first = lease('release', owner(4001));
    await first.acquire();
    await first.release();
    expect(await lease('release', owner(4002)).acquire()).toBe('held');
  });

  it('on another host: refused while the holder renews, taken over once it stops renewing', async () => {
    const renewing = lease('remote', owner(5001, 'host-b'), { heartbeatMs: 100 });
    await renewing.acquire();
    const watcher = lease('remote', owner(5002), { heartbeatMs: 100, staleAfterMs: 1500 });
    await expect(watcher.acquire()).rejects.toBeInstanceOf(WriterLeaseRefusedError);

    const silent = lease('remote2', owner(5003, 'host-b'), { heartbeatMs: 60000 });
    await silent.acquire();
    const started = Date.now();
    expect(await lease('remote2', owner(5004), { heartbeatMs: 100, staleAfterMs: 800 }).acquire()).toBe('held');
    expect(Date.now() - started).toBeGreaterThanOrEqual(700);
  });
});

describe('MongoConnection with the writer lease', () => {
  const database = uniqueName('leasedconn');
  const connections: MongoConnection[] = [];
  const connect = (who: LeaseOwner) => {
    const connection = new MongoConnection({
      uri,
      database,
      serverSelectionTimeoutMs: 2000,
      writerLease: { owner: who, isAlive: () => true },
    });
    connections.push(connection);
    return connection;
  };

  afterAll(async () => {
    await connections[0]?.connection.dropDatabase().catch(() => undefined);
    await Promise.all(connections.map((c) => c.close()));
  });

  it('on FerretDB refuses the second process before it opens its connection; on MongoDB takes no lease at all', async () => {
    const first = connect(owner(6001));
    await first.connect();
    const store = await detectStore(first.connection.db!);
    const second = connect(owner(6002));
    const fatal: Error[] = [];
    second.onFatal((e) => fatal.push(e));
    void second.connect();
    if (store.kind === 'mongodb') {
      await second.ready();
      expect([fatal, second.health().up]).toEqual([[], true]);
      return;
    }
    await eventually(() => expect(fatal).toHaveLength(1));
    expect(fatal[0]).toBeInstanceOf(WriterLeaseRefusedError);
    expect(second.health()).toEqual({ up: false, detail: fatal[0].message });
    expect(second.connection.readyState).not.toBe(1);
    expect(first.health().up).toBe(true);

    // once the first stops gracefully, the next process starts at once
    await first.close();
    const third = connect(owner(6003));
    await third.connect();
    expect(third.health().up).toBe(true);
  });
});
