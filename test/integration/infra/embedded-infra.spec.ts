/**
 * deploy/embedded-infra.sh, the store `npm start` runs on: FerretDB on PostgreSQL (the default) or on SQLite, chosen by
 * KITOS_FERRETDB_BACKEND, started, probed and stopped for real in a temporary data directory on free ports.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mongoose from 'mongoose';
import { freePort, postgresBinDir, PROJECT_ROOT } from '@kitos/testing';

const SCRIPT = join(PROJECT_ROOT, 'deploy', 'embedded-infra.sh');

function infra(args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  const base = { ...process.env };
  delete base.MONGODB_URI;
  delete base.NATS_URL;
  delete base.KITOS_FERRETDB_BACKEND; // the global setup sets it to the test run's backend; the first case checks the default
  return new Promise((resolve) => {
    execFile('bash', [SCRIPT, ...args], { env: { ...base, ...env }, timeout: 120_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return !/^\S+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
};

/** One SQL statement in the script's PostgreSQL (database ferretdb), unaligned output. */
function ferretSql(dir: string, statement: string): Promise<string> {
  const port = readFileSync(join(dir, 'run', 'postgres.port'), 'utf8').trim();
  const args = ['-h', '127.0.0.1', '-p', port, '-U', 'postgres', '-d', 'ferretdb', '-tAqXc', statement];
  return new Promise((resolve, reject) =>
    execFile(join(postgresBinDir(), 'psql'), args, { encoding: 'utf8' }, (error, stdout) =>
      error ? reject(error) : resolve(stdout.trim()),
    ),
  );
}

async function countThings(uri: string): Promise<number> {
  const client = await mongoose.mongo.MongoClient.connect(uri, { serverSelectionTimeoutMS: 5000 });
  try {
    return await client.db('infra_check').collection('things').countDocuments();
  } finally {
    await client.close();
  }
}

async function insertThing(uri: string): Promise<void> {
  const client = await mongoose.mongo.MongoClient.connect(uri, { serverSelectionTimeoutMS: 5000 });
  try {
    await client.db('infra_check').collection('things').insertOne({ at: new Date() });
  } finally {
    await client.close();
  }
}

describe('deploy/embedded-infra.sh: the embedded store', () => {
  let dir: string;
  let env: Record<string, string>;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kitos-infra-spec-'));
    env = { KITOS_DATA_DIR: dir, KITOS_FERRETDB_PORT: String(await freePort()) };
  });
  afterEach(async () => {
    await infra(['stop', 'ferretdb'], env);
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs FerretDB on its own PostgreSQL by default, keeps the data across a restart and stops both', async () => {
    const started = await infra(['start', 'ferretdb'], env);
    expect(started.stderr).toContain('initdb');
    expect(started.code).toBe(0);
    const status = await infra(['status', 'ferretdb'], env);
    expect(status.code).toBe(0);
    expect(status.stdout).toMatch(/ferretdb: running \(pid \d+\) on postgresql/);
    const pids = [...status.stdout.matchAll(/running \(pid (\d+)\)/g)].map((m) => Number(m[1]));
    expect(pids).toHaveLength(2); // FerretDB and PostgreSQL
    const uri = `mongodb://127.0.0.1:${env.KITOS_FERRETDB_PORT}/`;
    await insertThing(uri);
    // deploy/postgresql-gin-indexes.sql: a GIN index on the new collection's _id, made by the event trigger
    expect(await ferretSql(dir, `SELECT indexdef FROM pg_indexes WHERE schemaname = 'infra_check' AND indexname LIKE '%\\_kgin'`)).toMatch(
      /USING gin \(\(\(_jsonb -> '_id'::text\)\) jsonb_path_ops\)$/,
    );
    expect(await ferretSql(dir, `SELECT string_agg(evtname, ' ' ORDER BY evtname) FROM pg_event_trigger`)).toBe(
      'kitos_gin_index_drops kitos_gin_indexes',
    );
    // the documents live in PostgreSQL's data directory, which belongs to the unprivileged user when run as root
    expect(existsSync(join(dir, 'postgres', 'PG_VERSION'))).toBe(true);
    expect(existsSync(join(dir, 'ferretdb'))).toBe(false);

    expect((await infra(['stop', 'ferretdb'], env)).code).toBe(0);
    expect(pids.filter(alive)).toEqual([]);
    expect((await infra(['status', 'ferretdb'], env)).code).toBe(3);

    // KITOS_PG_GIN_INDEXES=0: the trigger is dropped at the next start
    const again = await infra(['start', 'ferretdb'], { ...env, KITOS_PG_GIN_INDEXES: '0' });
    expect(again.code).toBe(0);
    expect(again.stderr).not.toContain('initdb');
    expect(await countThings(uri)).toBe(1);
    // both: the one that adds GIN indexes and the one that drops them with FerretDB's
    expect(await ferretSql(dir, `SELECT count(*) FROM pg_event_trigger WHERE evtname LIKE 'kitos\\_gin%'`)).toBe('0');
  }, 120_000);

  it('runs FerretDB on SQLite with KITOS_FERRETDB_BACKEND=sqlite, without PostgreSQL', async () => {
    const sqlite = { ...env, KITOS_FERRETDB_BACKEND: 'sqlite' };
    expect((await infra(['start', 'ferretdb'], sqlite)).code).toBe(0);
    const status = await infra(['status', 'ferretdb'], sqlite);
    expect(status.stdout).toMatch(/ferretdb: running \(pid \d+\) on sqlite/);
    expect(status.stdout).not.toContain('postgres');
    await insertThing(`mongodb://127.0.0.1:${env.KITOS_FERRETDB_PORT}/`);
    expect(existsSync(join(dir, 'ferretdb', 'infra_check.sqlite'))).toBe(true);
    expect(existsSync(join(dir, 'postgres'))).toBe(false);
  }, 120_000);

  it('installs and starts nothing when MONGODB_URI is set, and refuses an unknown backend', async () => {
    const external = await infra(['start', 'ferretdb'], { ...env, MONGODB_URI: 'mongodb://db.example:27017/' });
    expect(external.code).toBe(0);
    expect(external.stderr).toContain('using the external server');
    expect(existsSync(join(dir, 'run', 'ferretdb.pid'))).toBe(false);
    expect(existsSync(join(dir, 'postgres'))).toBe(false);

    const unknown = await infra(['status'], { ...env, KITOS_FERRETDB_BACKEND: 'mysql' });
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toContain('KITOS_FERRETDB_BACKEND must be postgresql or sqlite');
  });
});
