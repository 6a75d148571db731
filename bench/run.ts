/**
 * KITOS next benchmarks: one bounded run on loopback that starts its own NATS and FerretDB, the whole system as one
 * process per service (compiled, like `npm start`), drives it with autocannon from this process, prints a table and
 * the ratios against the goals of TECH-NOTES G, and writes bench/results/latest.json. Not a Jest suite.
 *
 *   npm run bench                       (bench/run.sh: compiles bench/ into dist/bench, then runs this file)
 *
 * Settings (environment):
 *   BENCH_DURATION_S (5)        measured seconds of the read and write runs (2, 3); BENCH_WARMUP_S (2) before each
 *   BENCH_TRIVIAL_S (4)         measured seconds of each run of benchmark 1; BENCH_RPC_S (2) of benchmark 5
 *   BENCH_ROUNDS (2)            interleaved rounds of benchmarks 1 and 5; the best round of each variant counts
 *   BENCH_CONNECTIONS (50), BENCH_WRITE_CONNECTIONS (20), BENCH_RPC_IN_FLIGHT (64)
 *   BENCH_EVENTS (200)          sequential creations of benchmark 4 (it stops early after 30 s)
 *   BENCH_DRAIN_LIMIT_S (30)    longest wait for the outbox relay and reporting after the write burst
 *   BENCH_ONLY=1,2,…            runs only those benchmarks
 *   BENCH_OUT                   result file (bench/results/latest.json)
 *   BENCH_LOG_LEVEL (warn)      the services' log level; BENCH_KEEP=1 keeps the temporary directory (data, logs)
 *   BENCH_WAIT_QUIET_S (0)      waits up to that long for other processes to leave the CPU alone before starting
 *   BENCH_NODE_ARGS             passed to node for every started process (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof")
 *   KITOS_FERRETDB_BACKEND      postgresql (default) or sqlite: the store under FerretDB, as for `npm start`
 *   Benchmark 7 (store floor and growth):
 *   BENCH_GROWTH_SIZES (1000,10000,100000)   objects of each kind (IT systems, usages, contracts) loaded in turn
 *   BENCH_GROWTH_S (3), BENCH_GROWTH_WARMUP_S (1), BENCH_GROWTH_CONNECTIONS (4)   per measured read or write
 *   BENCH_GROWTH_SKIP_MS (2000)              a read whose p50 exceeded this at one size is not measured at the next
 *   BENCH_RPC_TIMEOUT_MS (30000)             the gateway's RPC_TIMEOUT_MS in this run (default 5000 would turn slow reads into 504s)
 *   BENCH_GROWTH_ORGANIZATIONS (10)          organisations the objects are spread over (the first is measured)
 *   BENCH_WATCHDOG_S (300, 1800 with benchmark 7)   the whole run stops after this long
 *   BENCH_READY_TIMEOUT_S (120)  how long each started process may take to answer /health/ready
 *   OUTBOX_PUBLISH_CONCURRENCY   passed to the services when set (the outbox relay's width; 1 = one aggregate after the other)
 *   EVENT_BATCH_SIZE             passed to the services when set (events per pull of their durable consumers; 1 = one at a time)
 */
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';
import mongoose from 'mongoose';
import { connect, type NatsConnection } from 'nats';
import { anonymousCaller } from '@kitos/common';
import { loadServiceConfig } from '@kitos/config';
import { Rpc } from '@kitos/contracts';
import { NatsHealth } from '@kitos/messaging';
import { Metrics } from '@kitos/observability';
import { freePort, storeBackend } from '@kitos/testing';
import { RpcClient } from '../services/gateway/src/rpc/rpc-client';
import { machineMeter, withChildren } from './lib/cpu';
import { closedLoad, type ClosedLoadResult } from './lib/closed-load';
import { GrowthLoader, type GrowthLoad } from './lib/growth';
import { dbFloor, type DbFloorResult } from './lib/db-floor';
import { drainAfterBurst, eventPath, EventWatch, streamLastSeq, type DrainResult, type EventPathResult } from './lib/event-path';
import { httpLoad, type HttpLoadResult } from './lib/load';
import { checksTable, check, fmt, resultsTable, type Check, type Row } from './lib/report';
import { rpcLoad, type RpcLoadResult } from './lib/rpc-load';
import { round, sleep, wallMs } from './lib/stats';
import {
  ROOT,
  startInfra,
  startNodeProcess,
  startSystem,
  stopStartedProcesses,
  type ChildServer,
  type Infra,
  type RunningSystem,
} from './lib/system';

const num = (name: string, fallback: number) => {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value > 0 ? value : fallback;
};

const settings = {
  durationS: num('BENCH_DURATION_S', 5),
  trivialDurationS: num('BENCH_TRIVIAL_S', 4),
  rpcDurationS: num('BENCH_RPC_S', 2),
  warmupS: num('BENCH_WARMUP_S', 2),
  rounds: num('BENCH_ROUNDS', 2),
  connections: num('BENCH_CONNECTIONS', 50),
  writeConnections: num('BENCH_WRITE_CONNECTIONS', 20),
  events: num('BENCH_EVENTS', 200),
  rpcInFlight: num('BENCH_RPC_IN_FLIGHT', 64),
  drainLimitS: num('BENCH_DRAIN_LIMIT_S', 30),
  dbFloorSizes: [100, 1000],
  backend: storeBackend(),
  growthSizes: (process.env.BENCH_GROWTH_SIZES ?? '1000,10000,100000')
    .split(',')
    .map(Number)
    .filter((n) => Number.isInteger(n) && n > 0),
  growthS: num('BENCH_GROWTH_S', 3),
  growthWarmupS: num('BENCH_GROWTH_WARMUP_S', 1),
  growthConnections: num('BENCH_GROWTH_CONNECTIONS', 4),
  growthSkipMs: num('BENCH_GROWTH_SKIP_MS', 2000),
  rpcTimeoutMs: num('BENCH_RPC_TIMEOUT_MS', 30000),
  growthOrganizations: num('BENCH_GROWTH_ORGANIZATIONS', 10),
  only: (process.env.BENCH_ONLY ?? '1,2,3,4,5,6,7')
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean),
};
const enabled = (id: string) => settings.only.includes(id);
const OUT_FILE = process.env.BENCH_OUT ?? join(ROOT, 'bench', 'results', 'latest.json');
/** Safety net: the whole run stops after this long whatever happens. */
const WATCHDOG_MS = num('BENCH_WATCHDOG_S', enabled('7') ? 1800 : 300) * 1000;

function log(message: string): void {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}

function version(command: string, args: string[]): string {
  try {
    return execFileSync(command, args, { encoding: 'utf8' }).split('\n')[0].trim();
  } catch {
    return 'unknown';
  }
}

function machine() {
  return {
    nproc: os.availableParallelism(),
    cpu: os.cpus()[0]?.model ?? 'unknown',
    memoryGiB: round(os.totalmem() / 2 ** 30, 1),
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    natsServer: version(join(ROOT, '.tools', 'bin', 'nats-server'), ['--version']),
    ferretdb: version(join(ROOT, '.tools', 'bin', 'ferretdb'), ['--version']),
    loadavgAtStart: os.loadavg().map((l) => round(l, 2)),
  };
}

async function postJson(url: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** Logs in as the bootstrap administrator once identity has created it; returns the token and the user's id. */
async function login(gatewayUrl: string, admin: { email: string; password: string }): Promise<{ token: string; userUuid: string }> {
  const deadline = Date.now() + 30000;
  for (;;) {
    const result = await postJson(`${gatewayUrl}/api/v2/auth/login`, admin).catch(() => undefined);
    if (result?.status === 200 && typeof result.body.token === 'string') {
      const token = result.body.token;
      const claims = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as { sub?: string };
      return { token, userUuid: String(claims.sub) };
    }
    if (Date.now() > deadline) throw new Error(`logging in as the bootstrap administrator failed: ${JSON.stringify(result)}`);
    await sleep(250);
  }
}

/** Runs `variants` in interleaved rounds (a burst of foreign load then hurts one round, not one variant); best round per variant. */
async function bestOfRounds<T extends { rps: number }>(
  rounds: number,
  variants: readonly { key: string; run: (round: number) => Promise<T> }[],
): Promise<{ best: Record<string, T>; roundsRps: Record<string, number[]> }> {
  const all: Record<string, T[]> = Object.fromEntries(variants.map((v) => [v.key, []]));
  for (let round = 1; round <= rounds; round++) for (const v of variants) all[v.key].push(await v.run(round));
  const best = Object.fromEntries(Object.entries(all).map(([k, list]) => [k, list.reduce((a, b) => (b.rps > a.rps ? b : a))]));
  const roundsRps = Object.fromEntries(Object.entries(all).map(([k, list]) => [k, list.map((r) => r.rps)]));
  return { best, roundsRps };
}

interface Results {
  baseline?: {
    fastify: HttpLoadResult;
    nestFastify: HttpLoadResult;
    gateway: HttpLoadResult;
    gatewayAuthenticated: HttpLoadResult;
    roundsRps: Record<string, number[]>;
  };
  rpc?: { raw: RpcLoadResult; rpcClient: RpcLoadResult; resolveCaller: RpcLoadResult; roundsRps: Record<string, number[]> };
  eventPath?: EventPathResult;
  read?: HttpLoadResult & { catalogDocuments?: number };
  write?: HttpLoadResult & { drain?: DrainResult };
  dbFloor?: DbFloorResult;
  growth?: GrowthStep[];
  errors: Record<string, string>;
}

async function main(): Promise<void> {
  const startedAt = new Date();
  const results: Results = { errors: {} };
  let infra: Infra | undefined;
  let system: RunningSystem | undefined;
  let nc: NatsConnection | undefined;
  let watch: EventWatch | undefined;
  const extra: ChildServer[] = [];
  /** Keeps the temporary directory (with the services' logs) when the system did not start. */
  let startFailed = false;
  const cleanup = async () => {
    await watch?.stop().catch(() => undefined);
    await nc?.close().catch(() => undefined);
    await Promise.all(extra.map((s) => s.stop()));
    await system?.stop().catch(() => undefined);
    await stopStartedProcesses();
    await infra?.stop().catch(() => undefined);
    if (infra && !process.env.BENCH_KEEP && !startFailed) rmSync(infra.dir, { recursive: true, force: true });
  };
  const watchdog = setTimeout(() => {
    log(`watchdog: the run took longer than ${WATCHDOG_MS / 1000} s; stopping everything`);
    void cleanup().finally(() => process.exit(2));
  }, WATCHDOG_MS);
  watchdog.unref();
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void cleanup().finally(() => process.exit(130)));

  const otherCpu = async (ms: number) => {
    const meter = machineMeter({ 'load generator': process.pid });
    await sleep(ms);
    return meter().other;
  };
  let otherBefore = await otherCpu(1000);
  // on a shared machine: wait (at most BENCH_WAIT_QUIET_S) until others leave the CPU alone for 2 s
  const quietDeadline = Date.now() + num('BENCH_WAIT_QUIET_S', 0) * 1000;
  while (otherBefore > 15 && Date.now() < quietDeadline) {
    log(`waiting for a quiet machine: other processes use ${otherBefore}% of one core`);
    otherBefore = await otherCpu(2000);
  }
  const info = { ...machine(), otherCpuBeforeStartPct: otherBefore };
  if (info.otherCpuBeforeStartPct > 15) {
    log(`WARNING: other processes use ${info.otherCpuBeforeStartPct}% of one core right now; the results will not be comparable`);
  }
  try {
    log(`machine: ${info.nproc} cores (${info.cpu}), Node ${info.node}; settings ${JSON.stringify(settings)}`);
    const servers = await startInfra();
    infra = servers;
    const logDir = join(servers.dir, 'logs');
    mkdirSync(logDir, { recursive: true });
    log(`NATS ${servers.natsUrl}, FerretDB ${servers.mongoUri}, data and logs in ${servers.dir}`);
    const serviceEnv: Record<string, string> = { RPC_TIMEOUT_MS: String(settings.rpcTimeoutMs) };
    // the outbox relay's width (issue 14: 1 = one aggregate after the other, as before 2026-12-07), for before/after runs
    if (process.env.OUTBOX_PUBLISH_CONCURRENCY) serviceEnv.OUTBOX_PUBLISH_CONCURRENCY = process.env.OUTBOX_PUBLISH_CONCURRENCY;
    // the durable consumers' pull size (1 = one event per pull, as before the batches), for before/after runs
    if (process.env.EVENT_BATCH_SIZE) serviceEnv.EVENT_BATCH_SIZE = process.env.EVENT_BATCH_SIZE;
    const running = await startSystem(servers, logDir, serviceEnv).catch((error: Error) => {
      startFailed = true;
      throw error;
    });
    system = running;
    const gatewayUrl = running.gateway.url;
    const admin = await login(gatewayUrl, running.admin);
    const auth = { authorization: `Bearer ${admin.token}` };
    // IT systems are registered in an existing organisation (the catalogue checks it)
    const organization = await postJson(
      `${gatewayUrl}/api/v2/organizations`,
      { name: `Bench ${randomUUID()}`, organizationType: 'Municipality' },
      auth,
    );
    if (organization.status !== 201) throw new Error(`creating the benchmark organisation answered ${organization.status}`);
    const organizationUuid = String((organization.body as { uuid: string }).uuid);
    log(
      `system up: gateway ${gatewayUrl} and ${running.services.size} services, one process each; logged in as the bootstrap administrator`,
    );

    withChildren(servers.store.postgres?.pid);
    const svc = (name: string) => running.services.get(name)?.pid;
    const systemPids = {
      'load generator': process.pid,
      gateway: running.gateway.pid,
      catalog: svc('catalog'),
      reporting: svc('reporting'),
      identity: svc('identity'),
      nats: servers.nats.pid,
      ferretdb: servers.ferret.pid,
      ...(servers.store.postgres ? { postgres: servers.store.postgres.pid } : {}),
      ...Object.fromEntries(['contracts', 'projects', 'gdpr', 'archiving'].map((s) => [s, svc(s)])),
    };
    const base = { connections: settings.connections, durationS: settings.durationS, warmupS: settings.warmupS };
    /** Runs benchmark `id` when selected; a failure is recorded under `name` and the run goes on. */
    const step = async (id: string, name: string, work: () => Promise<void>) => {
      if (!enabled(id)) return;
      try {
        await work();
      } catch (error) {
        results.errors[name] = (error as Error).message;
        log(`${id}. failed: ${(error as Error).message}`);
      }
    };

    // 1. a trivial route: bare Fastify, Nest+Fastify and the gateway, each in its own process; and the gateway's
    //    authentication alone (valid token, then the route's parameter check refuses the request before any service call)
    await step('1', 'baseline', async () => {
      const startBaseline = async (name: string, script: string) => {
        const port = await freePort();
        const server = await startNodeProcess({ name, script, env: { PORT: String(port) }, port, readyPath: '/health/live', logDir });
        extra.push(server);
        return server;
      };
      const fastify = await startBaseline('bare-fastify', 'bench/servers/bare-fastify.js');
      const nest = await startBaseline('nest-fastify', 'bench/servers/nest-fastify.js');
      const variant = (
        key: string,
        label: string,
        url: string,
        cpu: Record<string, number | undefined>,
        expectStatus = 200,
        headers = {},
      ) => ({
        key,
        run: (round: number) => {
          log(`1. trivial route, round ${round}/${settings.rounds}: ${label}`);
          const warmupS = round === 1 ? settings.warmupS : 1;
          return httpLoad({ ...base, durationS: settings.trivialDurationS, warmupS, label, url, headers, expectStatus, cpu });
        },
      });
      const { best, roundsRps } = await bestOfRounds(settings.rounds, [
        variant('fastify', 'bare Fastify GET /health/live', `${fastify.url}/health/live`, { ...systemPids, 'bare-fastify': fastify.pid }),
        variant('nestFastify', 'Nest+Fastify GET /health/live', `${nest.url}/health/live`, { ...systemPids, 'nest-fastify': nest.pid }),
        variant('gateway', 'gateway GET /health/live', `${gatewayUrl}/health/live`, systemPids),
        variant(
          'gatewayAuthenticated',
          'gateway with token, auth only: GET /api/v2/it-systems/not-a-uuid → 400',
          `${gatewayUrl}/api/v2/it-systems/not-a-uuid`,
          systemPids,
          400,
          auth,
        ),
      ]);
      await Promise.all(extra.splice(0).map((s) => s.stop()));
      results.baseline = {
        fastify: best.fastify,
        nestFastify: best.nestFastify,
        gateway: best.gateway,
        gatewayAuthenticated: best.gatewayAuthenticated,
        roundsRps,
      };
    });

    const bus = await connect({ servers: servers.natsUrl, name: 'bench' });
    nc = bus;

    // 5. request/reply from this process, 64 in flight: raw nc.request and the gateway's RpcClient to rpc.catalog.ping,
    //    and RpcClient to identity's resolveCaller, which the gateway's authentication calls on every request
    await step('5', 'rpc', async () => {
      const caller = anonymousCaller('bench');
      const ping = Rpc.ping('catalog');
      const packet = new TextEncoder().encode(JSON.stringify({ pattern: ping, data: { caller, data: {} }, id: randomUUID() }));
      const decoder = new TextDecoder();
      const raw = async () => {
        const reply = JSON.parse(decoder.decode((await bus.request(ping, packet, { timeout: 5000 })).data)) as { err?: unknown };
        if (reply.err) throw new Error(JSON.stringify(reply.err));
      };
      const config = loadServiceConfig('gateway', { NATS_URL: servers.natsUrl, LOG_LEVEL: 'silent' });
      const client = new RpcClient(bus, new NatsHealth(bus), config, new Metrics('bench'));
      const variant = (key: string, label: string, call: () => Promise<unknown>) => ({
        key,
        run: (round: number) => {
          log(`5. RPC, ${settings.rpcInFlight} in flight, round ${round}/${settings.rounds}: ${label}`);
          const warmupS = round === 1 ? 1 : 0.5;
          return rpcLoad({ label, call, inFlight: settings.rpcInFlight, durationS: settings.rpcDurationS, warmupS, cpu: systemPids });
        },
      });
      const { best, roundsRps } = await bestOfRounds(settings.rounds, [
        variant('raw', 'raw nc.request rpc.catalog.ping', raw),
        variant('rpcClient', 'RpcClient.request rpc.catalog.ping', () => client.request(ping, caller, {})),
        variant('resolveCaller', 'RpcClient.request rpc.identity.resolveCaller', () =>
          client.request(Rpc.identity.resolveCaller, caller, { userUuid: admin.userUuid, tokenType: 'session' }),
        ),
      ]);
      results.rpc = { raw: best.raw, rpcClient: best.rpcClient, resolveCaller: best.resolveCaller, roundsRps };
    });

    const events = new EventWatch(bus);
    watch = events;
    await events.start();

    // 4. event path: sequential creations, each followed to reporting's acknowledgement
    await step('4', 'eventPath', async () => {
      log(`4. event path: ${settings.events} sequential creations`);
      results.eventPath = await eventPath({
        gatewayUrl,
        organizationUuid,
        headers: auth,
        watch: events,
        count: settings.events,
        timeoutMs: 5000,
        maxMs: 30000,
        cpu: systemPids,
      });
    });

    // 2. reads: GET one system through gateway (authentication: identity) → NATS → catalog → FerretDB findOne
    await step('2', 'read', async () => {
      const target = { organizationUuid, name: 'Benchmark read target' };
      const created = await postJson(`${gatewayUrl}/api/v2/it-systems`, target, auth);
      if (created.status !== 201) throw new Error(`creating the read target answered ${created.status}: ${JSON.stringify(created.body)}`);
      const catalogDocuments = await countDocuments(servers.mongoUri, 'catalog', 'it_systems');
      log(`2. reads: GET /api/v2/it-systems/{uuid} (catalog holds ${catalogDocuments} systems)`);
      const read = await httpLoad({
        ...base,
        label: 'gateway GET /api/v2/it-systems/{uuid}',
        url: `${gatewayUrl}/api/v2/it-systems/${String(created.body.uuid)}`,
        headers: auth,
        expectStatus: 200,
        cpu: systemPids,
      });
      results.read = { ...read, catalogDocuments };
    });

    // 3. writes: POST with unique names, then how long the outbox relay and reporting take to catch up
    await step('3', 'write', async () => {
      let n = 0;
      const seqBefore = await streamLastSeq(bus);
      const burstStart = wallMs();
      log(`3. writes: POST /api/v2/it-systems, ${settings.writeConnections} connections`);
      const write = await httpLoad({
        ...base,
        connections: settings.writeConnections,
        label: 'gateway POST /api/v2/it-systems',
        url: `${gatewayUrl}/api/v2/it-systems`,
        method: 'POST',
        headers: { 'content-type': 'application/json', ...auth },
        body: () => JSON.stringify({ organizationUuid, name: `bench write ${n++}` }),
        expectStatus: 201,
        cpu: systemPids,
      });
      const burstEnd = wallMs();
      // every 201 of the warm-up and of the measured run made one event
      const created = write.warmupOk + write.ok;
      log(
        `3. writes done (${created} systems created); waiting for the relay and reporting to catch up (at most ${settings.drainLimitS} s)`,
      );
      const drain = await drainAfterBurst({
        nc: bus,
        watch: events,
        seqBefore,
        events: created,
        burstStart,
        burstEnd,
        limitMs: settings.drainLimitS * 1000,
      });
      results.write = { ...write, drain };
    });

    // 6. the database alone: the services' single-document operations on FerretDB, one at a time, by collection size
    await step('6', 'dbFloor', async () => {
      log(`6. FerretDB alone: the services' queries on ${settings.dbFloorSizes.join(' and ')} documents`);
      results.dbFloor = await dbFloor({ mongoUri: servers.mongoUri, sizes: settings.dbFloorSizes, secondsPerQuery: 0.75, cpu: systemPids });
    });

    // 7. the store floor and growth: the gateway's reads and writes next to a bare Fastify + mongodb driver server
    //    answering the same from the same FerretDB, at 1 000, 10 000 and 100 000 objects of each kind
    await step('7', 'growth', async () => {
      const port = await freePort();
      const floor = await startNodeProcess({
        name: 'store-floor',
        script: 'bench/servers/store-floor.js',
        env: { PORT: String(port), MONGODB_URI: servers.mongoUri },
        port,
        readyPath: '/health/live',
        logDir,
      });
      extra.push(floor);
      const pids = { ...systemPids, 'store-floor': floor.pid };
      const templates = await createTemplates(gatewayUrl, auth, organizationUuid);
      const loader = await GrowthLoader.create(servers.mongoUri, templates, { organizations: settings.growthOrganizations });
      results.growth = [];
      try {
        for (const size of settings.growthSizes) {
          if (size <= loader.objects) continue;
          log(`7. loading up to ${size} objects of each kind (IT systems, usages, contracts and their read models) ...`);
          const load = await loader.loadTo(size, (m) => log(`7.   ${m}`));
          if (servers.store.postgres) await servers.store.postgres.sql('ferretdb', 'ANALYZE'); // fresh statistics for the planner
          const target = await loader.someSystemUuid();
          const q = `organizationUuid=${organizationUuid}&pageSize=100`;
          const measure = (label: string, url: string, extra: Partial<Parameters<typeof closedLoad>[0]> = {}) => {
            log(`7. ${size}: ${label}`);
            return closedLoad({
              label,
              url,
              connections: settings.growthConnections,
              durationS: settings.growthS,
              warmupS: settings.growthWarmupS,
              expectStatus: 200,
              cpu: pids,
              ...extra,
            });
          };
          let n = 0;
          const post = (name: string) => ({
            method: 'POST' as const,
            headers: { 'content-type': 'application/json', ...(name === 'gateway' ? auth : {}) },
            body: () => JSON.stringify({ organizationUuid, name: `growth ${name} write ${size} ${n++}` }),
            expectStatus: 201,
          });
          const pairs: GrowthStep['pairs'] = [];
          const skipped: GrowthStep['skipped'] = [];
          const previous = results.growth!.at(-1);
          // each side is measured at this size unless its own p50 at the size before exceeded the limit: the floor's
          // growth stays in the table at 100 000 objects even where the gateway's read was already too slow
          const pair = async (key: string, gateway: () => Promise<ClosedLoadResult>, floorRun: () => Promise<ClosedLoadResult>) => {
            const before = previous?.pairs.find((p) => p.key === key);
            if (previous && !before) return void skipped.push({ key, reason: `skipped at ${previous.size} objects already` });
            const tooSlow = (side: 'gateway' | 'floor') => {
              if (!previous) return false;
              const p50 = before?.[side]?.latency.p50;
              if (p50 === undefined) {
                skipped.push({ key: `${key} (${side})`, reason: `skipped at ${previous.size} objects already` });
                return true;
              }
              if (p50 <= settings.growthSkipMs) return false;
              log(`7. ${size}: skipping the ${side}'s ${key}: p50 was ${Math.round(p50)} ms at ${previous.size} objects`);
              skipped.push({
                key: `${key} (${side})`,
                reason: `not measured: p50 ${Math.round(p50)} ms at ${previous.size} objects (> ${settings.growthSkipMs} ms)`,
              });
              return true;
            };
            const skipGateway = tooSlow('gateway');
            const skipFloor = tooSlow('floor');
            if (skipGateway && skipFloor) return;
            const g = skipGateway ? null : await gateway();
            const f = skipFloor ? null : await floorRun();
            pairs.push({ key, gateway: g, floor: f, ratio: g && f ? ratio(g.rps, f.rps) : null });
          };
          await pair(
            'read by uuid',
            () => measure('gateway GET /api/v2/it-systems/{uuid}', `${gatewayUrl}/api/v2/it-systems/${target}`, { headers: auth }),
            () => measure('floor GET /it-systems/{uuid}', `${floor.url}/it-systems/${target}`),
          );
          await pair(
            'organisation page of 100',
            () =>
              measure('gateway GET /api/v2/it-systems?organizationUuid&pageSize=100', `${gatewayUrl}/api/v2/it-systems?${q}`, {
                headers: auth,
              }),
            () => measure('floor GET /it-systems?organizationUuid&pageSize=100', `${floor.url}/it-systems?${q}`),
          );
          await pair(
            'report page of 100',
            () =>
              measure(
                'gateway GET /api/v2/reports/it-systems?organizationUuid&pageSize=100',
                `${gatewayUrl}/api/v2/reports/it-systems?${q}`,
                {
                  headers: auth,
                },
              ),
            () => measure('floor GET /reports/it-systems?organizationUuid&pageSize=100', `${floor.url}/reports/it-systems?${q}`),
          );
          await pair(
            'create',
            () => measure('gateway POST /api/v2/it-systems', `${gatewayUrl}/api/v2/it-systems`, post('gateway')),
            () => measure('floor POST /it-systems (insertOne)', `${floor.url}/it-systems`, post('floor')),
          );
          results.growth.push({ size, load, inOrganization: load.inOrganization, pairs, skipped });
        }
      } finally {
        await loader.close();
      }
    });
  } finally {
    clearTimeout(watchdog);
    await cleanup();
  }

  const finishedAt = new Date();
  const { rows, checks, ratios } = summarizeResults(results);
  const output = {
    date: startedAt.toISOString(),
    runSeconds: round((finishedAt.getTime() - startedAt.getTime()) / 1000, 1),
    machine: info,
    settings,
    setup:
      `loopback; own nats-server (JetStream, file store) and FerretDB (${settings.backend === 'postgresql' ? 'on PostgreSQL' : 'SQLite'}) in a temporary directory; every service and the gateway ` +
      'as its own Node process from dist/bench (NODE_ENV=production, default settings); autocannon and the NATS clients run in the ' +
      'runner process; API calls as the bootstrap global administrator (bearer token)',
    ratios,
    checks,
    rows,
    results,
  };
  mkdirSync(dirname(OUT_FILE), { recursive: true });
  writeFileSync(OUT_FILE, JSON.stringify(output, null, 2) + '\n');

  const print = (text: string) => process.stdout.write(text + '\n');
  print('');
  print(
    `KITOS next benchmarks — ${startedAt.toISOString()} — ${info.nproc} cores, ${info.cpu}, Node ${info.node}, ${info.natsServer}, FerretDB ${info.ferretdb} on ${settings.backend}`,
  );
  print(
    `loopback; ${settings.connections} connections (writes ${settings.writeConnections}); ${settings.trivialDurationS} s per run of 1 (best of ` +
      `${settings.rounds} rounds), ${settings.durationS} s for 2 and 3, after warm-up; the load generator shares the CPU; ` +
      `"other" = CPU of processes outside the benchmark`,
  );
  print('');
  print(resultsTable(rows));
  print('');
  print('ratios (same run):');
  for (const [name, value] of Object.entries(ratios)) print(`  ${name}: ${value === null ? '–' : fmt(value) + '×'}`);
  print('');
  print(checksTable(checks));
  if (results.write?.drain) {
    const d = results.write.drain;
    print('');
    print(
      `after the write burst: ${d.events} events; unpublished at its end ${d.unpublishedAtEnd}, unacknowledged by reporting ${d.unackedAtEnd}; ` +
        `all published ${d.publishedAfterMs === null ? 'NOT within the limit' : `${d.publishedAfterMs} ms`} and all acknowledged ` +
        `${d.ackedAfterMs === null ? 'NOT within the limit' : `${d.ackedAfterMs} ms`} after it; relay ${d.publishRate} events/s, ` +
        `reporting ${d.ackRate} events/s; max relay lag ${d.maxRelayLagMs ?? '–'} ms`,
    );
  }
  if (results.growth?.length) {
    print('');
    print(
      `7. the store floor and growth (${settings.growthConnections} connections, ${settings.growthS} s each; ratio = gateway / floor req/s):`,
    );
    print(growthTable(results.growth));
  }
  for (const [name, message] of Object.entries(results.errors)) print(`ERROR in ${name}: ${message}`);
  print('');
  print(`written ${OUT_FILE} (${output.runSeconds} s)`);
  if (Object.keys(results.errors).length) process.exitCode = 1;
}

async function countDocuments(mongoUri: string, database: string, collection: string): Promise<number | undefined> {
  const connection = await mongoose.createConnection(mongoUri, { dbName: database }).asPromise();
  try {
    return await connection.db!.collection(collection).countDocuments({});
  } catch {
    return undefined;
  } finally {
    await connection.close();
  }
}

function ratio(a: number | undefined, b: number | undefined): number | null {
  return a === undefined || b === undefined || !b ? null : round(a / b, 4);
}

function loadRow(id: string, result: HttpLoadResult | RpcLoadResult | ClosedLoadResult, name = result.label): Row {
  return { id, name, rps: result.rps, latency: result.latency, failed: result.failed, cpu: result.cpu };
}

function summarizeResults(results: Results): { rows: Row[]; checks: Check[]; ratios: Record<string, number | null> } {
  const rows: Row[] = [];
  const b = results.baseline;
  if (b) {
    rows.push(loadRow('1a', b.fastify), loadRow('1b', b.nestFastify), loadRow('1c', b.gateway), loadRow('1d', b.gatewayAuthenticated));
  }
  const r = results.read;
  if (r) rows.push(loadRow('2', r, `${r.label} (${r.catalogDocuments ?? '?'} systems)`));
  const w = results.write;
  if (w) rows.push(loadRow('3', w, `${w.label} (${w.connections} conn.)`));
  if (w?.drain) {
    const d = w.drain;
    rows.push({
      id: '3b',
      name: 'write burst: occurredAt → in JetStream (relay lag)',
      latency: d.relayLag,
      note: `(${d.relayLag.count} events)`,
    });
    rows.push({
      id: '3c',
      name: 'write burst: in JetStream → reporting ack',
      latency: d.consumerLag,
      note: `(${d.consumerLag.count} events)`,
    });
  }
  const e = results.eventPath;
  if (e) {
    rows.push({ id: '4a', name: 'event: POST → 201', latency: e.post, cpu: e.cpu, note: `(${e.completed}/${e.creations} sequential)` });
    rows.push({ id: '4b', name: 'event: occurredAt → in JetStream (relay lag)', latency: e.relayLag });
    rows.push({ id: '4c', name: 'event: in JetStream → reporting ack (consumer lag)', latency: e.consumerLag });
    rows.push({ id: '4d', name: 'event: 201 → read model written', latency: e.createdToReadModel });
  }
  const rpc = results.rpc;
  if (rpc) {
    for (const [id, result] of [
      ['5a', rpc.raw],
      ['5b', rpc.rpcClient],
      ['5c', rpc.resolveCaller],
    ] as const)
      rows.push(loadRow(id, result, `${result.label} (${result.inFlight} in flight)`));
  }
  for (const q of results.dbFloor?.queries ?? []) {
    rows.push({ id: '6', name: `FerretDB ${q.query} (${q.documents} docs)`, rps: q.opsPerSecond, latency: q.latency });
  }
  const growth = results.growth ?? [];
  const first = growth[0];
  const last = growth[growth.length - 1];
  const pairOf = (step: GrowthStep | undefined, key: string) => step?.pairs.find((p) => p.key === key);
  const growthRatios: Record<string, number | null> = {};
  for (const step of growth) for (const p of step.pairs) growthRatios[`${p.key} / floor (${step.size} objects)`] = p.ratio;
  // growth: p50 at the largest size measured ÷ p50 at the first, for the gateway and the floor separately
  if (first)
    for (const { key } of first.pairs)
      for (const side of ['gateway', 'floor'] as const) {
        const lastMeasured = [...growth].reverse().find((step) => step !== first && pairOf(step, key)?.[side]);
        if (lastMeasured)
          growthRatios[`${side} ${key} p50, ${lastMeasured.size} ÷ ${first.size} objects`] = ratio(
            pairOf(lastMeasured, key)?.[side]?.latency.p50,
            pairOf(first, key)?.[side]?.latency.p50,
          );
      }
  const ratios = {
    ...growthRatios,
    'gateway trivial / bare Fastify': ratio(b?.gateway.rps, b?.fastify.rps),
    'Nest+Fastify / bare Fastify': ratio(b?.nestFastify.rps, b?.fastify.rps),
    'gateway trivial / Nest+Fastify': ratio(b?.gateway.rps, b?.nestFastify.rps),
    'gateway authentication only / bare Fastify': ratio(b?.gatewayAuthenticated.rps, b?.fastify.rps),
    'read by id / gateway trivial': ratio(r?.rps, b?.gateway.rps),
    'write / read by id': ratio(w?.rps, r?.rps),
    'RpcClient / raw nc.request': ratio(rpc?.rpcClient.rps, rpc?.raw.rps),
    'resolveCaller / ping (RpcClient)': ratio(rpc?.resolveCaller.rps, rpc?.rpcClient.rps),
  };
  const checks = [
    check('1. gateway trivial route ≥ 0.6× bare Fastify', ratios['gateway trivial / bare Fastify'], 'min', 0.6, '×'),
    check('1. authenticated route (auth only) ≥ 0.4× bare Fastify', ratios['gateway authentication only / bare Fastify'], 'min', 0.4, '×'),
    check('2. read by id p50 at 50 concurrent', r?.latency.p50, 'max', 3, ' ms'),
    check('2. read by id p99 at 50 concurrent', r?.latency.p99, 'max', 20, ' ms'),
    check('2. read by id throughput ≥ 0.25× gateway trivial', ratios['read by id / gateway trivial'], 'min', 0.25, '×'),
    check('3. outbox relay lag p99 during the write burst', w?.drain?.relayLag.p99, 'max', 1000, ' ms'),
    check('4. outbox relay lag p99 (sequential)', e?.relayLag.p99, 'max', 1000, ' ms'),
    check('4. stream → reporting ack p99 (sequential)', e?.consumerLag.p99, 'max', 50, ' ms'),
    check('5. RpcClient ≥ 0.8× raw nc.request (64 in flight)', ratios['RpcClient / raw nc.request'], 'min', 0.8, '×'),
    ...growth.flatMap((step) =>
      step.pairs.map((p) =>
        check(
          `7. ${p.key} ≥ ${p.key === 'create' ? 0.3 : 0.5}× the floor (${step.size} objects)`,
          p.ratio,
          'min',
          p.key === 'create' ? 0.3 : 0.5,
          '×',
        ),
      ),
    ),
    ...(first && last && last !== first
      ? (first.pairs.map((p) => p.key).filter((k) => k !== 'create') as string[]).map((key) =>
          check(
            `7. gateway ${key}: p50 at ${last.size} ≤ 2× p50 at ${first.size} objects`,
            ratio(pairOf(last, key)?.gateway?.latency.p50, pairOf(first, key)?.gateway?.latency.p50),
            'max',
            2,
            '×',
          ),
        )
      : []),
  ];
  return { rows, checks, ratios };
}

interface GrowthStep {
  size: number;
  load: GrowthLoad;
  inOrganization: number;
  /** A side is null where it was not measured at this size (see `skipped`). */
  pairs: { key: string; gateway: ClosedLoadResult | null; floor: ClosedLoadResult | null; ratio: number | null }[];
  /** Reads not measured at this size because they were already too slow at the size before. */
  skipped: { key: string; reason: string }[];
}

/** One object of each kind through the API; the growth load clones them. */
async function createTemplates(gatewayUrl: string, auth: Record<string, string>, organizationUuid: string) {
  const created = async (path: string, body: Record<string, unknown>) => {
    const result = await postJson(`${gatewayUrl}${path}`, body, auth);
    if (result.status !== 201) throw new Error(`POST ${path} answered ${result.status}: ${JSON.stringify(result.body)}`);
    return String(result.body.uuid);
  };
  const systemName = `Growth template system ${randomUUID()}`;
  const contractName = `Growth template contract ${randomUUID()}`;
  const systemUuid = await created('/api/v2/it-systems', { organizationUuid, name: systemName });
  const usageUuid = await created('/api/v2/it-system-usages', { organizationUuid, systemUuid });
  const contractUuid = await created('/api/v2/it-contracts', { organizationUuid, name: contractName });
  return { organizationUuid, systemUuid, systemName, usageUuid, contractUuid, contractName };
}

function growthTable(steps: readonly GrowthStep[]): string {
  const rows: Row[] = [];
  for (const step of steps) {
    rows.push({
      id: `7 ${step.size}`,
      name: `loaded ${step.load.insertedDocuments} documents in ${step.load.seconds} s (${step.load.documentsPerSecond}/s); ${step.inOrganization} per kind in the measured organisation`,
    });
    for (const p of step.pairs) {
      if (p.gateway) rows.push(loadRow(`7 ${step.size}`, p.gateway, `${p.gateway.label}`));
      if (p.floor)
        rows.push({ ...loadRow(`7 ${step.size}`, p.floor, `${p.floor.label}`), note: `ratio ${p.ratio === null ? '–' : fmt(p.ratio)}×` });
    }
    for (const s of step.skipped) rows.push({ id: `7 ${step.size}`, name: `${s.key}: ${s.reason}` });
  }
  return resultsTable(rows);
}

main().catch((error: Error) => {
  process.stderr.write(`bench failed: ${error.stack ?? error.message}\n`);
  process.exit(1);
});
