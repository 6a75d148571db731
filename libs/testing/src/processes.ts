import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { join } from 'node:path';
import { toolPath } from './binaries';

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

async function stopProcess(child: ChildProcess, timeoutMs = 5000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((res) => child.once('exit', () => res()));
  child.kill('SIGTERM');
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

function managed(port: number, launch: () => ChildProcess): ManagedServer {
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
      await waitForPort(port);
    },
    async stop() {
      if (child) await stopProcess(child);
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

export async function startFerretDb(options: { dir: string; port?: number }): Promise<ManagedServer> {
  const port = options.port ?? (await freePort());
  mkdirSync(options.dir, { recursive: true });
  const args = [
    '--handler=sqlite',
    `--sqlite-url=file:${options.dir}/`,
    `--listen-addr=127.0.0.1:${port}`,
    '--telemetry=disable',
    '--state-dir=-',
    '--debug-addr=-',
    '--log-level=error',
  ];
  const server = managed(port, () =>
    spawn(toolPath('ferretdb'), args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, DO_NOT_TRACK: '1' } }),
  );
  await server.start();
  return server;
}
