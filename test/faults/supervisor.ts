/**
 * Processes of the fault suite: a three-server NATS cluster, FerretDB and every compiled service, each its own OS
 * process that can be killed with SIGKILL and started again; readiness is always probed, never slept for.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync, writeFileSync, type WriteStream } from 'node:fs';
import { join } from 'node:path';
import { freePort, startPostgres, storeBackend, toolPath, type PostgresServer, type StoreBackend } from '@kitos/testing';
import { mongo } from 'mongoose';

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls `probe` until it answers true; fails after `timeoutMs` or as soon as the process exited. */
export async function waitUntil(
  what: string,
  probe: () => Promise<boolean>,
  timeoutMs: number,
  exited?: () => string | undefined,
): Promise<number> {
  const started = Date.now();
  for (;;) {
    const gone = exited?.();
    if (gone) throw new Error(`${what}: ${gone}`);
    if (await probe().catch(() => false)) return Date.now() - started;
    if (Date.now() - started > timeoutMs) throw new Error(`${what} not ready within ${timeoutMs} ms`);
    await sleep(100);
  }
}

/** True when `url` answers 200; otherwise throws with the status and the start of the body (the reason it is not ready). */
export async function httpOk(url: string, timeoutMs = 5000): Promise<boolean> {
  const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
  const body = await response.text();
  if (response.status !== 200) throw new Error(`${response.status} ${body.slice(0, 400)}`);
  return true;
}

/** One OS process that the suite starts, kills (-9) and starts again with the same command, environment and data. */
export class Supervised {
  private child: ChildProcess | undefined;
  private log: WriteStream;
  private exitNote: string | undefined;
  /** Output of the current run (for checks on messages). */
  output = '';

  constructor(
    readonly name: string,
    private readonly command: string,
    private readonly args: string[],
    private readonly env: Record<string, string>,
    logDir: string,
    readonly probe: () => Promise<boolean>,
  ) {
    this.log = createWriteStream(join(logDir, `${name}.log`), { flags: 'a' });
  }

  /** Why the last check() found it not ready (undefined when it was ready). */
  notReady: string | undefined;

  /** Probes readiness and remembers the reason when it is not ready. */
  async check(): Promise<boolean> {
    try {
      const ready = await this.probe();
      this.notReady = ready ? undefined : 'not ready';
      return ready;
    } catch (error) {
      this.notReady = (error as Error).message || (error as Error).name;
      return false;
    }
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get running(): boolean {
    return !!this.child && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Spawns the process; resolves once it exits (for processes expected to refuse), with its exit code. */
  spawn(): Promise<number | null> {
    this.output = '';
    this.exitNote = undefined;
    const child = spawn(this.command, this.args, { env: this.env, stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    const keep = (chunk: Buffer) => {
      this.log.write(chunk);
      if (this.output.length < 200_000) this.output += chunk.toString();
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    return new Promise((resolve) =>
      child.once('exit', (code, signal) => {
        this.exitNote = `exited (code ${code}, signal ${signal})`;
        resolve(code);
      }),
    );
  }

  /** Starts the process and waits for its readiness probe; the milliseconds it took. */
  async start(timeoutMs: number): Promise<number> {
    void this.spawn();
    return waitUntil(this.name, this.probe, timeoutMs, () => (this.child && !this.running ? this.exitNote : undefined));
  }

  /** kill -9, and wait until the OS has reaped it. */
  async kill9(): Promise<void> {
    const child = this.child;
    if (!child || !this.running) return;
    const exited = new Promise<void>((r) => child.once('exit', () => r()));
    child.kill('SIGKILL');
    await exited;
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child || !this.running) return;
    const exited = new Promise<void>((r) => child.once('exit', () => r()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
    this.log.end();
  }
}

export interface NatsCluster {
  readonly servers: Supervised[];
  /** Client URL listing every server (services reconnect to whichever is up). */
  readonly url: string;
}

/** Three nats-servers with JetStream, routed to each other on loopback (cluster `kitos-faults`). */
export async function natsCluster(dir: string, logDir: string): Promise<NatsCluster> {
  const ports = await Promise.all(
    [0, 1, 2].map(async () => ({ client: await freePort(), cluster: await freePort(), monitor: await freePort() })),
  );
  const servers = ports.map((port, i) => {
    const store = join(dir, `nats-${i + 1}`);
    mkdirSync(store, { recursive: true });
    const routes = ports.filter((_, j) => j !== i).map((p) => `nats-route://127.0.0.1:${p.cluster}`);
    const config = join(dir, `nats-${i + 1}.conf`);
    writeFileSync(
      config,
      [
        `server_name: n${i + 1}`,
        `listen: 127.0.0.1:${port.client}`,
        `http: 127.0.0.1:${port.monitor}`,
        `jetstream { store_dir: ${JSON.stringify(store)}, max_memory_store: 268435456, max_file_store: 2147483648 }`,
        `cluster { name: kitos-faults, listen: 127.0.0.1:${port.cluster}, routes: [${routes.join(', ')}] }`,
      ].join('\n') + '\n',
    );
    // /healthz answers 200 once this server's JetStream is up, has a meta leader and its streams are current
    return new Supervised(`nats-${i + 1}`, toolPath('nats-server'), ['-c', config], {}, logDir, () =>
      httpOk(`http://127.0.0.1:${port.monitor}/healthz`),
    );
  });
  return { servers, url: ports.map((p) => `nats://127.0.0.1:${p.client}`).join(',') };
}

/**
 * FerretDB on the embedded default backend (storeBackend(): PostgreSQL where it is installed, else SQLite). On
 * PostgreSQL the database server runs beside it and stays up: the fault is FerretDB's death, as on SQLite.
 */
export async function ferretDb(
  dir: string,
  logDir: string,
): Promise<{ server: Supervised; uri: string; backend: StoreBackend; postgres?: PostgresServer }> {
  const port = await freePort();
  const backend = storeBackend();
  let postgres: PostgresServer | undefined;
  let handler: string[];
  if (backend === 'postgresql') {
    postgres = await startPostgres({ dir: join(dir, 'postgres'), durable: true });
    await postgres.createDatabase('ferretdb');
    handler = ['--handler=postgresql', `--postgresql-url=${postgres.url('ferretdb')}`];
  } else {
    const data = join(dir, 'ferretdb');
    mkdirSync(data, { recursive: true });
    handler = ['--handler=sqlite', `--sqlite-url=file:${data}/`];
  }
  const uri = `mongodb://127.0.0.1:${port}/`;
  const server = new Supervised(
    'ferretdb',
    toolPath('ferretdb'),
    [...handler, `--listen-addr=127.0.0.1:${port}`, '--telemetry=disable', '--state-dir=-', '--debug-addr=-', '--log-level=error'],
    { DO_NOT_TRACK: '1' },
    logDir,
    async () => {
      const client = new mongo.MongoClient(uri, { serverSelectionTimeoutMS: 1000, connectTimeoutMS: 1000 });
      try {
        await client.connect();
        return (await client.db('admin').command({ ping: 1 })).ok === 1;
      } finally {
        await client.close().catch(() => undefined);
      }
    },
  );
  return { server, uri, backend, postgres };
}

export const SERVICES = ['identity', 'catalog', 'contracts', 'projects', 'gdpr', 'archiving', 'reporting'] as const;

/** A compiled service (npm run build → dist/services/<name>/src/main.js) as its own Node process. */
export async function serviceProcess(
  root: string,
  name: string,
  env: Record<string, string>,
  logDir: string,
  logName = name,
): Promise<{ process: Supervised; url: string }> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const portEnv: Record<string, string> = name === 'gateway' ? { PORT: String(port) } : { HTTP_PORT: String(port) };
  const process = new Supervised(
    logName,
    globalThis.process.execPath,
    [join(root, 'dist', 'services', name, 'src', 'main.js')],
    { PATH: globalThis.process.env.PATH ?? '', ...env, ...portEnv },
    logDir,
    () => httpOk(`${url}/health/ready`),
  );
  return { process, url };
}
