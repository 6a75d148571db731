import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFerretDb, startNats, workerAccounts, type ManagedServer } from './processes';

export const WORKER_ACCOUNTS = 8;

declare global {
  var __KITOS_TEST_SERVERS__: { nats: ManagedServer; ferret: ManagedServer; dir: string } | undefined;
}

/** Starts the one FerretDB and the one NATS server that every suite of this Jest run shares. */
export default async function globalSetup(): Promise<void> {
  process.env.TZ = 'UTC';
  const dir = mkdtempSync(join(tmpdir(), 'kitos-test-'));
  const [nats, ferret] = await Promise.all([
    startNats({ dir: join(dir, 'nats'), accounts: workerAccounts(WORKER_ACCOUNTS) }),
    startFerretDb({ dir: join(dir, 'ferretdb') }),
  ]);
  globalThis.__KITOS_TEST_SERVERS__ = { nats, ferret, dir };
  process.env.KITOS_TEST_NATS_PORT = String(nats.port);
  process.env.KITOS_TEST_MONGODB_URI = `mongodb://127.0.0.1:${ferret.port}/`;
  process.env.KITOS_TEST_DIR = dir;
}
