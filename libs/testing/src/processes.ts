import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, chownSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve, sep } from 'node:path';
import { promisify } from 'node:util';
import { PROJECT_ROOT, postgresAvailable, postgresBinDir, toolPath } from './binaries';

const run = promisify(execFile);

export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

export async function waitForPort(port: number, timeoutMs = 15000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const open = await new Promise<boolean>((res) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        res(true);
      });
      socket.once('error', () => res(false));
    });
    if (open) return;
    if (Date.now() > deadline) throw new Error(`port ${port} did not open within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function stopProcess(child: ChildProcess, timeoutMs = 5000, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((res) => child.once('exit', () => res()));
  child.kill(signal);
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  await exited;
  clearTimeout(timer);
}

export interface ManagedServer {
  readonly port: number;
  readonly pid: number | undefined;
  stop(): Promise<void>;
  /** Starts the server again on the same port with the same data. */
  start(): Promise<void>;
}

function managed(
  port: number,
  launch: () => ChildProcess,
  options: { ready?: () => Promise<void>; stopSignal?: NodeJS.Signals; onStop?: () => Promise<void> } = {},
): ManagedServer {
  let child: ChildProcess | undefined;
  const server: ManagedServer = {
    port,
    get pid() {
      return child?.pid;
    },
    async start() {
      child = launch();
      child.stdout?.resume();
      child.stderr?.resume();
      await (options.ready ? options.ready() : waitForPort(port));
    },
    async stop() {
      if (child) await stopProcess(child, 5000, options.stopSignal);
      await options.onStop?.();
    },
  };
  return server;
}

export interface NatsAccount {
  readonly user: string;
  readonly password: string;
}

/** Accounts W1..Wn isolate Jest workers from each other on one server (subjects and JetStream are per account). */
export function workerAccounts(count: number): NatsAccount[] {
  return Array.from({ length: count }, (_, i) => ({ user: `w${i + 1}`, password: `w${i + 1}-secret` }));
}

export async function startNats(options: { dir: string; port?: number; accounts?: NatsAccount[] }): Promise<ManagedServer> {
  const port = options.port ?? (await freePort());
  const storeDir = join(options.dir, 'jetstream');
  mkdirSync(storeDir, { recursive: true });
  const lines = [
    `listen: 127.0.0.1:${port}`,
    `jetstream { store_dir: ${JSON.stringify(storeDir)}, max_memory_store: 268435456, max_file_store: 4294967296 }`,
  ];
  if (options.accounts?.length) {
    lines.push('accounts {');
    for (const a of options.accounts) {
      lines.push(
        `  ${a.user.toUpperCase()} { jetstream: enabled, users: [ { user: ${a.user}, password: ${JSON.stringify(a.password)} } ] }`,
      );
    }
    lines.push('}');
  }
  const configFile = join(options.dir, 'nats.conf');
  writeFileSync(configFile, lines.join('\n') + '\n');
  const server = managed(port, () => spawn(toolPath('nats-server'), ['-c', configFile], { stdio: ['ignore', 'pipe', 'pipe'] }));
  await server.start();
  return server;
}

/**
 * The store behind FerretDB: `postgresql` (the default) or `sqlite`, chosen by KITOS_FERRETDB_BACKEND; unset, and
 * PostgreSQL neither installed nor installable here, `sqlite`.
 */
export type StoreBackend = 'postgresql' | 'sqlite';

export function storeBackend(env: Record<string, string | undefined> = process.env): StoreBackend {
  // like deploy/embedded-infra.sh: the default falls back to SQLite where PostgreSQL is missing and cannot be installed
  const value = env.KITOS_FERRETDB_BACKEND || (postgresAvailable() ? 'postgresql' : 'sqlite');
  if (value !== 'postgresql' && value !== 'sqlite') {
    throw new Error(`KITOS_FERRETDB_BACKEND must be postgresql or sqlite (got '${value}')`);
  }
  return value;
}

export interface PostgresServer extends ManagedServer {
  /** Connection URL of one database of this server (user postgres, trust authentication, loopback only). */
  url(database: string): string;
  /** Creates a database (fails when it exists). */
  createDatabase(name: string): Promise<void>;
  /** Runs one SQL statement with psql in `database` and returns its unaligned output. */
  sql(database: string, statement: string): Promise<string>;
}

/** uid/gid of the unprivileged user PostgreSQL runs as when we are root (initdb and postgres refuse root). */
function postgresUser(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const name = process.env.KITOS_POSTGRESQL_USER || 'postgres';
  const entry = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .map((line) => line.split(':'))
    .find((fields) => fields[0] === name);
  if (!entry)
    throw new Error(
      `user '${name}' does not exist: PostgreSQL must not run as root (install Debian's postgresql package, or set KITOS_POSTGRESQL_USER)`,
    );
  return { uid: Number(entry[2]), gid: Number(entry[3]) };
}

/**
 * Makes `dir` reachable by PostgreSQL's user: every parent directory that lacks search permission for others and lies
 * in the system temporary directory or the project (temporary directories from mkdtemp are 0700) gets o+x (search,
 * not listing). Anything else is reported instead of changed.
 */
function ensureSearchable(dir: string): void {
  const roots = [resolve(tmpdir()), PROJECT_ROOT];
  for (let d = dirname(resolve(dir)); d !== dirname(d); d = dirname(d)) {
    const mode = statSync(d).mode;
    if (mode & 0o001) continue;
    if (!roots.some((root) => d.startsWith(root + sep))) {
      throw new Error(`PostgreSQL's user cannot reach ${dir}: ${d} is not searchable by others (chmod o+x it, or use another directory)`);
    }
    chmodSync(d, (mode & 0o7777) | 0o011);
  }
}

/**
 * A PostgreSQL server of its own: `initdb` into `<dir>` (once), `postgres` on 127.0.0.1:`port` (free when not given),
 * no Unix socket, trust authentication for `postgres`. As root it runs as the `postgres` user with the data directory
 * chown'ed to it. `durable: false` (tests) turns off fsync, synchronous commit and full page writes: the data is
 * thrown away anyway. Readiness by `pg_isready`, shutdown by SIGINT (PostgreSQL's fast shutdown).
 */
export async function startPostgres(options: { dir: string; port?: number; durable?: boolean }): Promise<PostgresServer> {
  const port = options.port ?? (await freePort());
  const bin = postgresBinDir();
  const user = postgresUser();
  const dataDir = resolve(options.dir);
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  if (user) {
    ensureSearchable(dataDir);
    chownSync(dataDir, user.uid, user.gid);
  }
  const asUser = user ? { uid: user.uid, gid: user.gid } : {};
  if (!existsSync(join(dataDir, 'PG_VERSION'))) {
    await run(
      join(bin, 'initdb'),
      ['-D', dataDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8', '--no-instructions'],
      {
        ...asUser,
        env: { PATH: process.env.PATH ?? '', LC_ALL: 'C.UTF-8' },
      },
    );
  }
  const args = ['-D', dataDir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='];
  if (options.durable === false) args.push('-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off');
  const client = (program: string, extra: string[]) =>
    run(join(bin, program), ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', ...extra], { encoding: 'utf8' });
  let child: ChildProcess | undefined;
  const ready = async () => {
    const deadline = Date.now() + 30000;
    for (;;) {
      if (child && child.exitCode !== null)
        throw new Error(`postgres exited with code ${child.exitCode} during start-up (data ${dataDir})`);
      try {
        await client('pg_isready', ['-q', '-d', 'postgres']);
        return;
      } catch {
        if (Date.now() > deadline) throw new Error(`PostgreSQL on port ${port} was not ready within 30 s`);
        await new Promise((r) => setTimeout(r, 50));
      }
    }
  };
  const server = managed(
    port,
    () =>
      (child = spawn(join(bin, 'postgres'), args, { ...asUser, stdio: ['ignore', 'pipe', 'pipe'], env: { PATH: process.env.PATH ?? '' } })),
    { ready, stopSignal: 'SIGINT' },
  );
  await server.start();
  return Object.assign(server, {
    url: (database: string) => `postgres://postgres@127.0.0.1:${port}/${database}`,
    createDatabase: async (name: string) => void (await client('createdb', [name])),
    sql: async (database: string, statement: string) => (await client('psql', ['-d', database, '-tAqc', statement])).stdout,
  });
}

/**
 * A FerretDB on `backend` (default: storeBackend()). SQLite keeps its files in `dir`; PostgreSQL uses `postgresqlUrl`,
 * or else a new database of the test run's PostgreSQL server (KITOS_TEST_POSTGRESQL_URL, set by the global setup).
 */
export async function startFerretDb(options: {
  dir: string;
  port?: number;
  backend?: StoreBackend;
  postgresqlUrl?: string;
}): Promise<ManagedServer> {
  const port = options.port ?? (await freePort());
  const backend = options.backend ?? storeBackend();
  mkdirSync(options.dir, { recursive: true });
  const store =
    backend === 'sqlite'
      ? ['--handler=sqlite', `--sqlite-url=file:${options.dir}/`]
      : ['--handler=postgresql', `--postgresql-url=${options.postgresqlUrl ?? (await newTestRunDatabase())}`];
  const args = [...store, `--listen-addr=127.0.0.1:${port}`, '--telemetry=disable', '--state-dir=-', '--debug-addr=-', '--log-level=error'];
  const server = managed(port, () =>
    spawn(toolPath('ferretdb'), args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, DO_NOT_TRACK: '1' } }),
  );
  await server.start();
  return server;
}

/**
 * Whether FerretDB's databases in PostgreSQL get GIN counterparts of its indexes (KITOS_PG_GIN_INDEXES, default on):
 * FerretDB 1.24 filters equality as `_jsonb->'f' @> value`, which its own btree indexes cannot serve.
 */
export function ginIndexesEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  const value = env.KITOS_PG_GIN_INDEXES || '1';
  if (value !== '0' && value !== '1') throw new Error(`KITOS_PG_GIN_INDEXES must be 0 or 1 (got '${value}')`);
  return value === '1';
}

/**
 * Installs deploy/postgresql-gin-indexes.sql (an event trigger that adds a GIN index next to each FerretDB index, and
 * one on every new table's `_id`) into the database of `url`, as deploy/embedded-infra.sh does; nothing when
 * KITOS_PG_GIN_INDEXES=0. Run it after createdb and before FerretDB uses the database.
 */
export async function installGinIndexes(url: string): Promise<void> {
  if (!ginIndexesEnabled()) return;
  // compiled into dist/bench (npm run bench), PROJECT_ROOT is not the repository: bench runs from the repository root
  const file = [PROJECT_ROOT, process.cwd()]
    .map((root) => join(root, 'deploy', 'postgresql-gin-indexes.sql'))
    .find((path) => existsSync(path));
  if (!file) throw new Error(`deploy/postgresql-gin-indexes.sql not found under ${PROJECT_ROOT} or ${process.cwd()}`);
  const u = new URL(url);
  await run(join(postgresBinDir(), 'psql'), [
    ...['-h', u.hostname, '-p', u.port, '-U', u.username || 'postgres', '-d', u.pathname.slice(1)],
    ...['-v', 'ON_ERROR_STOP=1', '-qX', '-o', '/dev/null', '-f', file],
  ]);
}

/** A fresh database in the test run's PostgreSQL (for a FerretDB of a suite's own, e.g. to take it down). */
async function newTestRunDatabase(): Promise<string> {
  const base = process.env.KITOS_TEST_POSTGRESQL_URL;
  if (!base) throw new Error('FerretDB on PostgreSQL needs postgresqlUrl, or KITOS_TEST_POSTGRESQL_URL from the global test setup');
  const url = new URL(base);
  const name = `ferretdb_${randomBytes(5).toString('hex')}`;
  await run(join(postgresBinDir(), 'createdb'), ['-h', url.hostname, '-p', url.port, '-U', url.username || 'postgres', name]);
  url.pathname = `/${name}`;
  await installGinIndexes(url.toString());
  return url.toString();
}

/** The store of a test run or a benchmark: FerretDB on `backend`, and for PostgreSQL the PostgreSQL server under it. */
export interface Store {
  readonly backend: StoreBackend;
  readonly ferret: ManagedServer;
  readonly postgres?: PostgresServer;
  readonly mongoUri: string;
  /** Stops FerretDB, then PostgreSQL. */
  stop(): Promise<void>;
}

/** Starts FerretDB on `backend` with data under `dir` (PostgreSQL in `<dir>/postgres`, SQLite in `<dir>/ferretdb`). */
export async function startStore(options: { dir: string; backend?: StoreBackend; durable?: boolean }): Promise<Store> {
  const backend = options.backend ?? storeBackend();
  let postgres: PostgresServer | undefined;
  let postgresqlUrl: string | undefined;
  if (backend === 'postgresql') {
    postgres = await startPostgres({ dir: join(options.dir, 'postgres'), durable: options.durable });
    try {
      await postgres.createDatabase('ferretdb');
      await installGinIndexes(postgres.url('ferretdb'));
    } catch (error) {
      await postgres.stop();
      throw error;
    }
    postgresqlUrl = postgres.url('ferretdb');
  }
  let ferret: ManagedServer;
  try {
    ferret = await startFerretDb({ dir: join(options.dir, 'ferretdb'), backend, postgresqlUrl });
  } catch (error) {
    await postgres?.stop();
    throw error;
  }
  return {
    backend,
    ferret,
    postgres,
    mongoUri: `mongodb://127.0.0.1:${ferret.port}/`,
    async stop() {
      await ferret.stop();
      await postgres?.stop();
    },
  };
}
