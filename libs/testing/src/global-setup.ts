import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startNats, startStore, workerAccounts, type ManagedServer, type Store } from './processes';

export const WORKER_ACCOUNTS = 8;

declare global {
  var __KITOS_TEST_SERVERS__: { nats: ManagedServer; store: Store; dir: string } | undefined;
}

/**
 * Starts the one store (FerretDB, on PostgreSQL unless KITOS_FERRETDB_BACKEND=sqlite) and the one NATS server that
 * every suite of this Jest run shares, on free ports, with their data in a temporary directory.
 */
export default async function globalSetup(globalConfig?: { maxWorkers?: number }): Promise<void> {
  // a worker beyond the accounts would share another worker's account (libs/testing/src/infra.ts, testNatsUrl)
  if ((globalConfig?.maxWorkers ?? 1) > WORKER_ACCOUNTS)
    throw new Error(
      `at most ${WORKER_ACCOUNTS} Jest workers: each needs a NATS account of its own (asked for ${globalConfig?.maxWorkers})`,
    );
  process.env.TZ = 'UTC';
  const dir = mkdtempSync(join(tmpdir(), 'kitos-test-'));
  const [natsOutcome, storeOutcome] = await Promise.allSettled([
    startNats({ dir: join(dir, 'nats'), accounts: workerAccounts(WORKER_ACCOUNTS) }),
    startStore({ dir, durable: false }),
  ]);
  if (natsOutcome.status === 'rejected' || storeOutcome.status === 'rejected') {
    // Jest does not run the global teardown when the setup fails: stop whatever did start
    await Promise.all([
      natsOutcome.status === 'fulfilled' && natsOutcome.value.stop(),
      storeOutcome.status === 'fulfilled' && storeOutcome.value.stop(),
    ]);
    rmSync(dir, { recursive: true, force: true });
    throw natsOutcome.status === 'rejected' ? natsOutcome.reason : (storeOutcome as PromiseRejectedResult).reason;
  }
  const nats = natsOutcome.value;
  const store = storeOutcome.value;
  globalThis.__KITOS_TEST_SERVERS__ = { nats, store, dir };
  process.env.KITOS_TEST_NATS_PORT = String(nats.port);
  process.env.KITOS_TEST_MONGODB_URI = store.mongoUri;
  process.env.KITOS_TEST_DIR = dir;
  process.env.KITOS_FERRETDB_BACKEND = store.backend;
  if (store.postgres) process.env.KITOS_TEST_POSTGRESQL_URL = store.postgres.url('postgres');
}
