import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort, startNats, startStore, storeBackend, type ManagedServer, type Store } from '@kitos/testing';
import { sleep } from './stats';

/** The repository root: `npm run bench` runs from there (bench/run.sh sets BENCH_ROOT). */
export const ROOT = resolve(process.env.BENCH_ROOT ?? process.cwd());
/** Compiled benchmark output (bench/tsconfig.json): the services' entry points and the baseline servers. */
export const OUT = join(ROOT, 'dist', 'bench');

export interface ChildServer {
  readonly name: string;
  readonly url: string;
  readonly pid: number | undefined;
  stop(): Promise<void>;
}

export interface Infra {
  readonly dir: string;
  readonly nats: ManagedServer;
  readonly ferret: ManagedServer;
  /** FerretDB and, on the PostgreSQL backend, the PostgreSQL under it. */
  readonly store: Store;
  readonly natsUrl: string;
  readonly mongoUri: string;
  stop(): Promise<void>;
}

/**
 * Starts a NATS server (JetStream) and the store of its own on free loopback ports, data in a temporary directory:
 * FerretDB on KITOS_FERRETDB_BACKEND (postgresql, the default, or sqlite), with PostgreSQL's settings as
 * deploy/embedded-infra.sh runs it for `npm start` (durable: fsync and synchronous commit on).
 */
export async function startInfra(): Promise<Infra> {
  // the project's binaries (deploy/embedded-infra.sh installs them into .tools/bin); libs/testing also looks on PATH
  process.env.PATH = `${join(ROOT, '.tools', 'bin')}:${process.env.PATH ?? ''}`;
  const dir = mkdtempSync(join(tmpdir(), 'kitos-bench-'));
  const [nats, store] = await Promise.all([
    startNats({ dir: join(dir, 'nats') }),
    startStore({ dir, backend: storeBackend(), durable: true }),
  ]);
  return {
    dir,
    nats,
    ferret: store.ferret,
    store,
    natsUrl: `nats://127.0.0.1:${nats.port}`,
    mongoUri: store.mongoUri,
    async stop() {
      await Promise.all([nats.stop(), store.stop()]);
    },
  };
}

/** Every process started here and not yet stopped, so that an interrupted run can stop them at any phase. */
const started = new Set<ChildServer>();

export async function stopStartedProcesses(): Promise<void> {
  await Promise.all([...started].map((server) => server.stop()));
}

async function stopChild(child: ChildProcess, timeoutMs = 5000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((res) => child.once('exit', () => res()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  await exited;
  clearTimeout(timer);
}

/** Waits until GET `url` answers 200 (a readiness endpoint), or fails after `timeoutMs` or when the process exits. */
/** How long a started process may take to become ready (BENCH_READY_TIMEOUT_S; a busy shared machine needs more). */
const READY_TIMEOUT_MS = (Number(process.env.BENCH_READY_TIMEOUT_S) || 120) * 1000;

export async function waitForHttp(url: string, child: ChildProcess, timeoutMs = READY_TIMEOUT_MS): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${url}: the process exited with code ${child.exitCode}`);
    try {
      const response = await fetch(url);
      await response.arrayBuffer();
      if (response.status === 200) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${url} did not answer 200 within ${timeoutMs} ms`);
    await sleep(100);
  }
}

/**
 * Starts a compiled entry point (relative to dist/bench) as its own Node process with `env`, its output in
 * `<logDir>/<name>.log`, and waits for `readyPath` on its HTTP port to answer 200.
 */
export async function startNodeProcess(options: {
  name: string;
  script: string;
  env: Record<string, string>;
  port: number;
  readyPath: string;
  logDir: string;
}): Promise<ChildServer> {
  const script = join(OUT, options.script);
  if (!existsSync(script)) throw new Error(`${script} is missing: run the benchmarks with npm run bench (it compiles them first)`);
  const log = createWriteStream(join(options.logDir, `${options.name}.log`));
  // e.g. BENCH_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles every process of a run
  const nodeArgs = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, script], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  const url = `http://127.0.0.1:${options.port}`;
  const server: ChildServer = {
    name: options.name,
    url,
    pid: child.pid,
    stop: async () => {
      await stopChild(child);
      started.delete(server);
    },
  };
  started.add(server);
  try {
    await waitForHttp(`${url}${options.readyPath}`, child);
  } catch (error) {
    await server.stop();
    throw new Error(`${options.name} did not start (log: ${join(options.logDir, `${options.name}.log`)}): ${(error as Error).message}`, {
      cause: error,
    });
  }
  return server;
}

export const SERVICES = ['identity', 'catalog', 'contracts', 'projects', 'gdpr', 'archiving', 'reporting'] as const;

export interface RunningSystem {
  readonly gateway: ChildServer;
  /** The global administrator identity creates on its first start (a fresh password per run). */
  readonly admin: { readonly email: string; readonly password: string };
  readonly services: ReadonlyMap<string, ChildServer>;
  stop(): Promise<void>;
}

/**
 * The whole system as in production, one Node process per service plus the gateway (like `npm start`), on the
 * benchmark's own NATS and FerretDB. Settings are the defaults (outbox poll 250 ms, ack wait 30 s) except logging.
 */
export async function startSystem(infra: Infra, logDir: string, extraEnv: Record<string, string> = {}): Promise<RunningSystem> {
  const admin = { email: 'bench-admin@kitos.local', password: randomBytes(18).toString('base64url') };
  const common = {
    NODE_ENV: 'production',
    // production refuses the local default administrator: identity creates this one on its first start
    KITOS_BOOTSTRAP_ADMIN_EMAIL: admin.email,
    KITOS_BOOTSTRAP_ADMIN_PASSWORD: admin.password,
    NATS_URL: infra.natsUrl,
    MONGODB_URI: infra.mongoUri,
    LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'warn',
    ...extraEnv,
  };
  const services = new Map<string, ChildServer>();
  const stopAll = () => Promise.all([...services.values()].map((s) => s.stop()));
  const outcomes = await Promise.allSettled(
    SERVICES.map(async (service) => {
      const port = await freePort();
      return startNodeProcess({
        name: service,
        script: `services/${service}/src/main.js`,
        env: { ...common, HTTP_PORT: String(port) },
        port,
        readyPath: '/health/ready',
        logDir,
      });
    }),
  );
  for (const outcome of outcomes) if (outcome.status === 'fulfilled') services.set(outcome.value.name, outcome.value);
  const failed = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected');
  if (failed) {
    await stopAll();
    throw failed.reason;
  }
  let gateway: ChildServer;
  try {
    const port = await freePort();
    gateway = await startNodeProcess({
      name: 'gateway',
      script: 'services/gateway/src/main.js',
      env: { ...common, PORT: String(port) },
      port,
      readyPath: '/health/ready',
      logDir,
    });
  } catch (error) {
    await stopAll();
    throw error;
  }
  return {
    gateway,
    admin,
    services,
    async stop() {
      await gateway.stop();
      await stopAll();
    },
  };
}
