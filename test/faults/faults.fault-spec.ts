/**
 * The fault suite (`npm run faults`; needs `npm run build`): the whole system as production runs it — a three-server
 * NATS cluster with streams of three replicas, FerretDB, every service and the gateway as its own process — under a
 * write load across the catalogue, contracts and GDPR, while FerretDB, one NATS server, a domain service, reporting
 * and the gateway are killed with SIGKILL in turn and started again. Every write carries an Idempotency-Key and is
 * retried with it after an outage's answer (none, 503, 504, 409 "still being processed"). Afterwards every write
 * answered 2xx must be readable through the API, and no write — acknowledged or not — may appear more than once in
 * reporting's read models; no request may wait past its time; an outage must be answered 503/504 (never 500);
 * every process must recover by itself.
 *
 * Prints the table and writes it to dist/faults/latest.md; with KITOS_UPDATE_RELIABILITY=1 also into the "Faults"
 * section of docs/reliability.md.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { KINDS, WriteLoad, retryable, type Kind, type WriteRecord } from './load';
import { SERVICES, Supervised, ferretDb, natsCluster, serviceProcess, sleep, waitUntil, type NatsCluster } from './supervisor';
import type { PostgresServer } from '@kitos/testing';

const ROOT = resolve(__dirname, '../..');
const RPC_TIMEOUT_MS = 5000;
/** What "waited past its timeout" means: the gateway's RPC timeout plus headroom for a busy 2-core machine. */
const ANSWER_LIMIT_MS = RPC_TIMEOUT_MS + 2500;
const STEADY_MS = Number(process.env.FAULTS_STEADY_MS ?? 3000);
const DOWN_MS = Number(process.env.FAULTS_DOWN_MS ?? 5000);
const START_TIMEOUT_MS = 150_000;

interface Row {
  fault: string;
  from: number;
  to: number;
  recoverySeconds: number;
  lost: number;
  duplicated: number;
  storedWithout2xx: number;
}

/** One object the load tried to create: every attempt with its Idempotency-Key. */
interface LogicalWrite {
  readonly kind: Kind;
  readonly name: string;
  readonly attempts: WriteRecord[];
  /** The attempt answered 2xx, if any. */
  readonly acknowledged?: WriteRecord;
}

const ok = (r: WriteRecord) => r.status >= 200 && r.status < 300;
/** No answer because the gateway itself was down: refused connections, and requests in flight when it was killed. */
const GATEWAY_GONE = new Set(['ECONNREFUSED', 'ECONNRESET', 'UND_ERR_SOCKET']);
const noAnswer = (r: WriteRecord) => r.status === 0 && GATEWAY_GONE.has(r.error ?? '');

describe('fault suite: kill -9 under write load', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kitos-faults-'));
  const logDir = join(dir, 'logs');
  mkdirSync(logDir, { recursive: true });
  const admin = { email: 'faults-admin@kitos.local', password: randomBytes(18).toString('base64url') };
  let nats: NatsCluster;
  let ferret: Supervised;
  let postgres: PostgresServer | undefined;
  let backend = 'SQLite';
  let env: Record<string, string>;
  const processes = new Map<string, Supervised>();
  let gatewayUrl: string;
  let token: string;
  let adminToken: string;
  let org: string;
  /** IT systems are the global administrator's; contracts and DPRs the organisation's local administrator's. */
  const tokenOf = (kind: Kind) => (kind === 'it-systems' ? adminToken : token);

  const api = async <T>(method: string, path: string, body?: unknown, bearer = token): Promise<{ status: number; body: T }> => {
    const response = await fetch(`${gatewayUrl}${path}`, {
      method,
      headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) },
      body: body ? JSON.stringify(body) : undefined,
      signal: AbortSignal.timeout(15000),
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
  };
  const everyProcess = () => [...processes.values(), ferret, ...nats.servers];
  const allReady = async () => (await Promise.all(everyProcess().map((p) => p.check()))).every(Boolean);
  /** Processes that were not ready at some check since the restart, with the last reason seen (for the notes). */
  const slowToRecover = new Map<string, string>();

  beforeAll(async () => {
    if (!existsSync(join(ROOT, 'dist', 'services', 'gateway', 'src', 'main.js')))
      throw new Error('dist/ is missing: run `npm run build` before `npm run faults`');
    nats = await natsCluster(dir, logDir);
    const db = await ferretDb(dir, logDir);
    ferret = db.server;
    postgres = db.postgres;
    backend = db.backend === 'postgresql' ? 'PostgreSQL' : 'SQLite';
    await Promise.all([...nats.servers.map((s) => s.start(START_TIMEOUT_MS)), ferret.start(START_TIMEOUT_MS)]);
    env = {
      NODE_ENV: 'production',
      KITOS_BOOTSTRAP_ADMIN_EMAIL: admin.email,
      KITOS_BOOTSTRAP_ADMIN_PASSWORD: admin.password,
      NATS_URL: nats.url,
      MONGODB_URI: db.uri,
      EVENT_STREAM_REPLICAS: '3',
      EVENT_ACK_WAIT_MS: '10000',
      RPC_TIMEOUT_MS: String(RPC_TIMEOUT_MS),
      LOG_LEVEL: process.env.FAULTS_LOG_LEVEL ?? 'warn',
    };
    const started = await Promise.all(
      [...SERVICES, 'gateway'].map(async (name) => {
        const child = await serviceProcess(ROOT, name, env, logDir);
        processes.set(name, child.process);
        return child;
      }),
    );
    await Promise.all([...processes.entries()].filter(([n]) => n !== 'gateway').map(([, p]) => p.start(START_TIMEOUT_MS)));
    await processes.get('gateway')!.start(START_TIMEOUT_MS);
    gatewayUrl = started[started.length - 1].url;

    const login = async (who: { email: string; password: string }) => {
      const result = await api<{ token: string }>('POST', '/api/v2/auth/login', who, '');
      if (result.status !== 200) throw new Error(`login answered ${result.status}`);
      return result.body.token;
    };
    await waitUntil('admin login', async () => !!(token = await login(admin)), 60000);
    const created = await api<{ uuid: string }>('POST', '/api/v2/organizations', {
      name: `Fejlkommune ${randomBytes(3).toString('hex')}`,
      organizationType: 'Municipality',
    });
    if (created.status !== 201) throw new Error(`creating the organisation answered ${created.status}`);
    org = created.body.uuid;
    const localAdmin = { email: `la-${randomBytes(4).toString('hex')}@faults.example`, password: 'correct horse battery staple' };
    const user = await api('POST', '/api/v2/users', {
      firstName: 'Fejl',
      lastName: 'Admin',
      ...localAdmin,
      rights: [{ organizationUuid: org, role: 'LocalAdmin' }],
    });
    if (user.status !== 201) throw new Error(`creating the local admin answered ${user.status}`);
    adminToken = token;
    token = await login(localAdmin);
  }, 240_000);

  afterAll(async () => {
    await Promise.all([...processes.values()].map((p) => p.stop()));
    await Promise.all([ferret, ...(nats?.servers ?? [])].map((p) => p?.stop()));
    await postgres?.stop();
    if (process.env.FAULTS_KEEP_DIR) process.stdout.write(`fault suite: logs and data kept in ${dir}\n`);
    else rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it('refuses a second catalog process on the embedded store, with a clear message, while the first keeps serving', async () => {
    const second = (await serviceProcess(ROOT, 'catalog', env, logDir, 'catalog-second')).process;
    const code = await Promise.race([second.spawn(), sleep(60000).then(() => 'still running')]);
    await second.stop();
    expect(code).toBe(1);
    expect(second.output).toMatch(/refusing to start: another process of this service already writes to database "catalog" \(pid \d+/);
    expect(await processes.get('catalog')!.probe()).toBe(true);
    const write = await api<{ name: string }>(
      'POST',
      KINDS['it-systems'].path,
      { organizationUuid: org, name: 'Efter afvisningen' },
      adminToken,
    );
    expect(write.status).toBe(201);
  }, 90_000);

  it('loses no acknowledged write, stores no write twice, answers outages with 503/504 in time, and every process recovers by itself', async () => {
    const kinds = Object.keys(KINDS) as Kind[];
    const load = new WriteLoad(gatewayUrl, Object.fromEntries(kinds.map((k) => [k, tokenOf(k)])) as Record<Kind, string>, org, 20000);
    const faults: Array<{ fault: string; target: () => Supervised }> = [
      { fault: 'FerretDB', target: () => ferret },
      { fault: 'NATS server 2 of 3', target: () => nats.servers[1] },
      { fault: 'catalog (domain service)', target: () => processes.get('catalog')! },
      { fault: 'reporting', target: () => processes.get('reporting')! },
      { fault: 'gateway', target: () => processes.get('gateway')! },
    ];
    const rows: Row[] = [];
    load.start([...kinds, 'it-systems']);
    try {
      for (const { fault, target } of faults) {
        const from = Date.now();
        await sleep(STEADY_MS);
        const victim = target();
        await victim.kill9();
        await sleep(DOWN_MS); // the outage itself
        const restartAt = Date.now();
        await victim.start(START_TIMEOUT_MS);
        // recovered: every kind of write succeeds again and every process (killed or not) reports ready on its own
        await waitUntil(
          `writes after ${fault}`,
          async () => kinds.every((k) => load.records.some((r) => r.kind === k && ok(r) && r.startedAt >= restartAt)),
          90_000,
        );
        const readySince = Date.now();
        await waitUntil(
          `every process ready after ${fault}`,
          async () => {
            const ready = await allReady();
            for (const p of everyProcess())
              if (p.notReady && Date.now() - readySince > 10_000) slowToRecover.set(`${fault}: ${p.name}`, p.notReady.slice(0, 300));
            return ready;
          },
          90_000,
        );
        rows.push({ fault, from, to: 0, recoverySeconds: (Date.now() - restartAt) / 1000, lost: 0, duplicated: 0, storedWithout2xx: 0 });
      }
      await sleep(STEADY_MS);
    } finally {
      await load.stop();
    }
    rows.forEach((row, i) => (row.to = rows[i + 1]?.from ?? Number.MAX_SAFE_INTEGER));
    const rowAt = (startedAt: number) => rows.find((row) => startedAt >= row.from && startedAt < row.to)!;
    const rowOf = (r: WriteRecord) => rowAt(r.startedAt);
    const byKey = new Map<string, WriteRecord[]>();
    for (const record of load.records) byKey.set(record.key, [...(byKey.get(record.key) ?? []), record]);
    const writes: LogicalWrite[] = [...byKey.values()].map((attempts) => ({
      kind: attempts[0].kind,
      name: attempts[0].name,
      attempts,
      acknowledged: attempts.find(ok),
    }));
    /** A logical write belongs to the fault during which it was first tried. */
    const rowOfWrite = (w: LogicalWrite) => rowAt(w.attempts[0].startedAt);
    // every acknowledged write is readable through the API
    const acknowledged = writes.filter((w) => w.acknowledged).map((w) => w.acknowledged!);
    const unreadable: WriteRecord[] = [];
    for (const record of acknowledged) {
      const read = await api<{ name: string }>('GET', `${KINDS[record.kind].path}/${record.uuid}`, undefined, tokenOf(record.kind));
      if (read.status !== 200 || read.body.name !== record.name) unreadable.push(record);
    }
    // … and appears exactly once in the read models (reporting catches up by itself)
    const readModel = async () => {
      const rowsOf = new Map<string, Array<{ uuid: string; name: string }>>();
      for (const kind of kinds) {
        const all: Array<{ uuid: string; name: string }> = [];
        for (let page = 0; ; page++) {
          const path =
            kind === 'it-systems'
              ? `/api/v2/reports/it-systems?organizationUuid=${org}&page=${page}&pageSize=250`
              : `/api/v2/reports/organizations/${org}/${kind}?columns=name&page=${page}&pageSize=250`;
          const result = await api<{ items?: Array<{ uuid: string; name: string }>; rows?: Array<{ uuid: string; name: string }> }>(
            'GET',
            path,
            undefined,
            tokenOf(kind),
          );
          if (result.status !== 200) throw new Error(`${path} answered ${result.status}`);
          const items = result.body.items ?? result.body.rows ?? [];
          all.push(...items);
          if (items.length < 250) break;
        }
        rowsOf.set(kind, all);
      }
      return rowsOf;
    };
    const occurrences = (model: Map<string, Array<{ uuid: string; name: string }>>, w: { kind: Kind; name: string; uuid?: string }) =>
      model.get(w.kind)!.filter((row) => row.uuid === w.uuid || row.name === w.name).length;
    let model = await readModel();
    await waitUntil(
      'read models caught up',
      async () => {
        model = await readModel();
        return acknowledged.every((r) => occurrences(model, r) >= 1);
      },
      90_000,
    ).catch(() => undefined);
    for (const write of writes) {
      const seen = occurrences(model, { kind: write.kind, name: write.name, uuid: write.acknowledged?.uuid });
      const row = rowOfWrite(write);
      if (write.acknowledged && (seen === 0 || unreadable.includes(write.acknowledged))) row.lost++;
      // not only acknowledged writes: a retry with the same key must never make a second object
      if (seen > 1) row.duplicated++;
      if (!write.acknowledged && seen > 0) row.storedWithout2xx++;
    }
    // the table
    const inRow = (row: Row) => load.records.filter((r) => rowOf(r) === row);
    const writesIn = (row: Row) => writes.filter((w) => rowOfWrite(w) === row);
    const unexpected = (row: Row, r: WriteRecord) =>
      !ok(r) && !(retryable(r) && r.status !== 0) && !(row.fault === 'gateway' && noAnswer(r));
    const lines = [
      '| fault (kill -9, down ' +
        DOWN_MS / 1000 +
        ' s) | writes acknowledged | lost | duplicated | recovery (s) | writes retried | 503 / 504 | no answer (gateway down) | other answers | stored without a 2xx | slowest answer (s) |',
      '|---|---|---|---|---|---|---|---|---|---|---|',
      ...rows
        .map((row) => {
          const records = inRow(row);
          return [
            row.fault,
            writesIn(row).filter((w) => w.acknowledged).length,
            row.lost,
            row.duplicated,
            row.recoverySeconds.toFixed(1),
            writesIn(row).filter((w) => w.attempts.length > 1).length,
            `${records.filter((r) => r.status === 503).length} / ${records.filter((r) => r.status === 504).length}`,
            records.filter(noAnswer).length,
            records.filter((r) => unexpected(row, r)).length,
            row.storedWithout2xx,
            (Math.max(0, ...records.filter((r) => r.status !== 0).map((r) => r.ms)) / 1000).toFixed(1),
          ].join(' | ');
        })
        .map((line) => `| ${line} |`),
    ];
    const unanswered = writes.filter((w) => !w.acknowledged && retryable(w.attempts[w.attempts.length - 1])).length;
    const summary =
      `${writes.length} writes (${load.records.length} requests with the retries) by 4 concurrent writers (2 catalogue, 1 contracts, 1 GDPR) in ` +
      `${((Date.now() - rows[0].from) / 1000).toFixed(0)} s; NATS: 3 servers, streams R3; FerretDB 1.24 (${backend}); ` +
      `every service its own process; ${new Date().toISOString().slice(0, 16)}Z. Every write carries an Idempotency-Key ` +
      `and is retried with it after no answer, 503, 504 or 409 "still being processed"; duplicated counts every write, ` +
      `acknowledged or not; ${unanswered} still without an answer when the writers stopped retrying.`;
    const notes = [...slowToRecover].map(([who, why]) => `- still not ready 10 s after writes resumed: ${who} (${why})`);
    const table = `${lines.join('\n')}\n\n${summary}\n${notes.length ? `\n${notes.join('\n')}\n` : ''}`;
    process.stdout.write(`\n${table}\n`);
    mkdirSync(join(ROOT, 'dist', 'faults'), { recursive: true });
    writeFileSync(join(ROOT, 'dist', 'faults', 'latest.md'), table);
    writeFileSync(join(ROOT, 'dist', 'faults', 'records.json'), JSON.stringify({ rows, records: load.records }, null, 1));
    if (process.env.KITOS_UPDATE_RELIABILITY === '1') updateReliabilityDoc(table);

    const problems = rows.flatMap((row) => [
      ...inRow(row)
        .filter((r) => unexpected(row, r))
        .slice(0, 5)
        .map((r) => `${row.fault}: ${r.kind} "${r.name}" answered ${r.status || r.error}: ${r.error ?? ''}`),
      ...inRow(row)
        .filter((r) => r.status !== 0 && r.ms > ANSWER_LIMIT_MS)
        .slice(0, 5)
        .map((r) => `${row.fault}: ${r.kind} "${r.name}" took ${r.ms} ms (limit ${ANSWER_LIMIT_MS})`),
      ...(row.lost ? [`${row.fault}: ${row.lost} acknowledged writes lost`] : []),
      ...(row.duplicated ? [`${row.fault}: ${row.duplicated} writes stored more than once`] : []),
    ]);
    expect(problems).toEqual([]);
    // the load really ran through every fault
    for (const row of rows) expect([row.fault, inRow(row).filter(ok).length > 0]).toEqual([row.fault, true]);
  }, 330_000);
});

const BEGIN = '<!-- faults:begin (written by npm run faults with KITOS_UPDATE_RELIABILITY=1) -->';
const END = '<!-- faults:end -->';

/** Replaces the table between the markers of the "Faults" section of docs/reliability.md, leaving the rest alone. */
function updateReliabilityDoc(table: string): void {
  const file = join(ROOT, 'docs', 'reliability.md');
  const text = readFileSync(file, 'utf8');
  const start = text.indexOf(BEGIN);
  const end = text.indexOf(END);
  if (start < 0 || end < start) throw new Error(`docs/reliability.md has no ${BEGIN} … ${END} markers`);
  writeFileSync(file, `${text.slice(0, start + BEGIN.length)}\n${table}${text.slice(end)}`);
}
