import { randomBytes } from 'node:crypto';
import { connect } from 'nats';
import { natsConnectionOptions } from '@kitos/messaging';
import { WORKER_ACCOUNTS } from './global-setup';
import { workerAccounts } from './processes';

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the tests through Jest so that libs/testing/src/global-setup.ts starts the servers`);
  return value;
}

/** The shared FerretDB of this test run (a MongoDB wire-protocol server). */
export function testMongoUri(): string {
  return required('KITOS_TEST_MONGODB_URI');
}

/** The shared NATS server, logged in to this Jest worker's own account so that parallel suites never see each other's subjects or streams. */
export function testNatsUrl(): string {
  const port = required('KITOS_TEST_NATS_PORT');
  const worker = Number(process.env.JEST_WORKER_ID ?? '1');
  const account = workerAccounts(WORKER_ACCOUNTS)[(worker - 1) % WORKER_ACCOUNTS];
  return `nats://${account.user}:${account.password}@127.0.0.1:${port}`;
}

/** A lower-case name unique to this call, for database names and the like. */
export function uniqueName(prefix: string): string {
  return `${prefix}_${randomBytes(5).toString('hex')}`;
}

/** Deletes every stream of this worker's NATS account, so that a suite starts from an empty bus. */
export async function resetJetStream(natsUrl = testNatsUrl()): Promise<void> {
  const nc = await connect(natsConnectionOptions(natsUrl));
  try {
    const jsm = await nc.jetstreamManager();
    for await (const stream of jsm.streams.list()) {
      await jsm.streams.delete(stream.config.name);
    }
  } finally {
    await nc.close();
  }
}

/**
 * How long `eventually` waits unless told: enough for an event to reach a read model on a loaded 2-core machine with two
 * Jest workers (10 s was not: reporting's findings and gdpr's copies took longer there). It costs nothing when the
 * assertion passes early; only a failing assertion takes this long to report.
 */
export const EVENTUALLY_TIMEOUT_MS = 30_000;

/** Polls until the assertion passes or the deadline is reached (no sleeps in tests). */
export async function eventually<T>(
  assertion: () => Promise<T> | T,
  options: { timeoutMs?: number; intervalMs?: number } = {},
): Promise<T> {
  const deadline = Date.now() + (options.timeoutMs ?? EVENTUALLY_TIMEOUT_MS);
  for (;;) {
    try {
      return await assertion();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, options.intervalMs ?? 50));
    }
  }
}
