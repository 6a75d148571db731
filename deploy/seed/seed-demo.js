#!/usr/bin/env node
// Loads a demo data set through the public API of a running system: the 98 Danish municipalities (real names and
// CVR numbers), the suppliers, unit trees and users, and the demo catalogue (seed-catalog.js: a few hundred IT systems
// with interfaces and KLE, used by several municipalities, with relations), contracts with realistic terms, data
// processing registrations, GDPR profiles and processing activities, archiving decisions and journal periods, and
// projects with benefits (seed-<area>.js). Safe to run again: what exists is left alone.
//
// Usage: npm run seed:demo          (KITOS_URL, default http://localhost:8080; the bootstrap administrator's
//                                     KITOS_BOOTSTRAP_ADMIN_EMAIL / KITOS_BOOTSTRAP_ADMIN_PASSWORD, local defaults otherwise;
//                                     KITOS_SEED_IN_FLIGHT, requests in flight at most, default 12)
// At the end it prints the seconds and requests of each step and the request kinds that took the most time.
'use strict';

const { randomUUID } = require('node:crypto');
const { performance } = require('node:perf_hooks');
const municipalities = require('./municipalities.json');
const catalog = require('./catalog.json');
const { seedCatalog, inParallel, PARALLEL } = require('./seed-catalog');
const { seedContracts } = require('./seed-contracts');
const { seedDpr } = require('./seed-dpr');
const { seedGdpr } = require('./seed-gdpr');
const { seedArchiving } = require('./seed-archiving');
const { seedProjects } = require('./seed-projects');

const SUPPLIERS = catalog.suppliers;
/**
 * POSTs not to retry after a 504: every create's service derives the new uuid from the Idempotency-Key and answers a
 * retry with what the first attempt made (docs/architecture.md), except a project's economy row, which is one per year
 * (a retry would be refused as a second row for the year).
 */
const NOT_RETRIED = /\/economy-years$/;
const MAX_ATTEMPTS = 5;
const UNIT_TREE = [
  { unitId: 'ADM', name: 'Administration' },
  { unitId: 'DIGI', name: 'Digitalisering og IT', parentUnitId: 'ADM' },
  { unitId: 'BSV', name: 'Borgerservice' },
  { unitId: 'BSV-PAS', name: 'Pas og kørekort', parentUnitId: 'BSV' },
  { unitId: 'SKOLE', name: 'Børn og unge' },
  { unitId: 'SKOLE-IT', name: 'Skole-IT', parentUnitId: 'SKOLE' },
  { unitId: 'AELDRE', name: 'Sundhed og ældre' },
];
/** The municipalities that get units, users and demo logins (municipality codes). */
const DEMO_MUNICIPALITIES = [101, 147, 751];
const DEMO_PASSWORD = 'demo-password-local-only';

/**
 * Requests in flight at most, over all steps together: enough to overlap the hops (gateway, caller, bus, service,
 * store) and the services with each other, few enough that a busy service's queue stays far below the gateway's RPC
 * timeout.
 */
const IN_FLIGHT = Math.max(1, Number(process.env.KITOS_SEED_IN_FLIGHT) || 12);

/** A progress line: `seed organisations: 98 organizations, 22 suppliers; 123 requests in 14.2 s (8.7/s)`. */
function progressLine(step, created, made, seconds) {
  const what = Object.entries(created ?? {})
    .map(([name, count]) => `${count} ${name}`)
    .join(', ');
  return `seed ${step}: ${what || 'nothing new'}; ${made} requests in ${seconds.toFixed(1)} s (${(made / Math.max(seconds, 0.001)).toFixed(1)}/s)`;
}

/**
 * A progress line per step: what the step created, how many API requests it made, how long it took and the rate
 * (`seed organisations: 98 organizations, 22 suppliers; 123 requests in 14.2 s (8.7/s)`).
 */
function progressOf(log, requests) {
  let since = { at: Date.now(), requests: requests() };
  return (step, created) => {
    log(progressLine(step, created, requests() - since.requests, (Date.now() - since.at) / 1000));
    since = { at: Date.now(), requests: requests() };
  };
}

/** The kind of a request for the timing summary: method and path with the uuids and the query left out. */
function requestKind(method, path) {
  return `${method} ${path.split('?')[0].replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, '{uuid}')}`;
}

/**
 * At most `limit` callers at a time inside `work`; the others wait their turn in order, those marked `first` before
 * all others (a step that writes one request after the other must not wait behind every queued request of a step
 * that writes many at once).
 */
function limiter(limit) {
  let active = 0;
  const waiting = { first: [], other: [] };
  return async (work, first = false) => {
    if (active >= limit) await new Promise((resolve) => waiting[first ? 'first' : 'other'].push(resolve));
    else active++;
    try {
      return await work();
    } finally {
      const next = waiting.first.shift() ?? waiting.other.shift();
      if (next) next();
      else active--;
    }
  };
}
/** Steps whose requests mostly depend on the one before (a project's parts, a municipality's contracts). */
const CHAINED_STEPS = new Set(['contracts', 'projects']);

async function seedDemo({ baseUrl, email, password, log = () => undefined, inFlight = IN_FLIGHT }) {
  const started = Date.now();
  let requests = 0;
  const progress = progressOf(log, () => requests);
  const slot = limiter(inFlight);
  /** Per request kind: how many and their summed time in ms (waiting for a slot not included). */
  const kinds = new Map();
  const once = (method, path, body, token, headers = {}, first = false) =>
    slot(async () => {
      requests++;
      const at = performance.now();
      const response = await fetch(`${baseUrl}${path}`, {
        method,
        headers: {
          ...(body ? { 'content-type': 'application/json' } : {}),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...headers,
        },
        body: body ? JSON.stringify(body) : undefined,
      });
      const text = await response.text();
      const kind = kinds.get(requestKind(method, path)) ?? { count: 0, ms: 0, retried: {} };
      kinds.set(requestKind(method, path), { ...kind, count: kind.count + 1, ms: kind.ms + performance.now() - at });
      return { status: response.status, body: text ? JSON.parse(text) : undefined };
    }, first);
  // On a busy machine a service may not answer within the gateway's timeout (504) or be briefly unavailable (503).
  // Reads and PUT/PATCH are retried as they are; a create with its Idempotency-Key, whose service recognises a repeat
  // after a 504 (docs/architecture.md), and after a 503 (nothing was done).
  const call = async (method, path, body, token, { first = false } = {}) => {
    const post = method === 'POST' && !!token;
    const headers = post ? { 'idempotency-key': randomUUID() } : {};
    const deduplicated = !post || !NOT_RETRIED.test(path);
    for (let attempt = 1; ; attempt++) {
      const result = await once(method, path, body, token, headers, first);
      const retry =
        result.status === 503 ||
        (result.status === 504 && deduplicated) ||
        (result.status === 409 && post && /still being processed/.test(result.body?.detail ?? ''));
      if (!retry || attempt >= MAX_ATTEMPTS) return result;
      const retried = kinds.get(requestKind(method, path)).retried;
      retried[result.status] = (retried[result.status] ?? 0) + 1;
      await new Promise((resolve) => setTimeout(resolve, 250 * attempt));
    }
  };
  const expect = (result, statuses, what) => {
    if (!statuses.includes(result.status)) throw new Error(`${what}: HTTP ${result.status} ${JSON.stringify(result.body)}`);
    return result;
  };

  const login = expect(await call('POST', '/api/v2/auth/login', { email, password }), [200], 'logging in as the administrator');
  const token = login.body.token;
  const counts = { organizations: 0, units: 0, users: 0 };

  const existing = [];
  for (let page = 0; ; page++) {
    const batch = expect(
      await call('GET', `/api/v2/organizations?page=${page}&pageSize=250`, undefined, token),
      [200],
      'listing organisations',
    ).body;
    existing.push(...batch);
    if (batch.length < 250) break;
  }
  const byCvr = new Map(existing.filter((o) => o.cvr).map((o) => [o.cvr, o]));
  const byName = new Map(existing.map((o) => [o.name, o]));

  // independent creations: a few requests in flight at a time
  const organizationOf = new Map();
  await inParallel(municipalities, PARALLEL, async (m) => {
    let org = byCvr.get(m.cvr);
    if (!org) {
      org = expect(
        await call('POST', '/api/v2/organizations', { name: m.name, cvr: m.cvr, organizationType: 'Municipality' }, token),
        [201],
        `creating ${m.name}`,
      ).body;
      counts.organizations++;
    }
    organizationOf.set(m.municipalityCode, org);
  });
  const supplierOf = new Map();
  await inParallel(SUPPLIERS, PARALLEL, async (name) => {
    let org = byName.get(name);
    if (!org) {
      org = expect(
        await call('POST', '/api/v2/organizations', { name, organizationType: 'Company' }, token),
        [201],
        `creating ${name}`,
      ).body;
      counts.organizations++;
    }
    supplierOf.set(name, org);
  });
  progress('organisations', { organizations: counts.organizations });

  await inParallel(DEMO_MUNICIPALITIES, PARALLEL, async (code) => {
    const org = organizationOf.get(code);
    const imported = expect(
      await call('POST', `/api/v2/organizations/${org.uuid}/organization-units/import`, { format: 'json', units: UNIT_TREE }, token),
      [200],
      'importing units',
    ).body;
    counts.units += imported.created;
    const roles = [
      ['LocalAdmin', 'admin'],
      ['SystemModuleAdmin', 'it'],
      ['User', 'bruger'],
    ];
    await inParallel(roles, roles.length, async ([role, local]) => {
      const user = {
        firstName: local === 'admin' ? 'Lokal' : local === 'it' ? 'IT' : 'Almindelig',
        lastName: `${role === 'User' ? 'Bruger' : 'Administrator'} ${code}`,
        email: `${local}.${code}@demo.kitos.local`,
        password: DEMO_PASSWORD,
        rights: [{ organizationUuid: org.uuid, role }],
      };
      const created = expect(await call('POST', '/api/v2/users', user, token), [201, 409], `creating ${user.email}`);
      if (created.status === 201) counts.users++;
    });
  });

  progress('units and users', { units: counts.units, users: counts.users });
  log(`demo data: ${counts.organizations} organisations, ${counts.units} units, ${counts.users} users created`);
  const steps = [{ step: 'organisations, units and users', seconds: (Date.now() - started) / 1000, requests, created: {} }];
  /** Runs one area's seed with its own request count (the areas after the catalogue run at the same time). */
  const run = async (seed, shared) => {
    let made = 0;
    const at = Date.now();
    const step = seed.name.replace(/^seed/, '').toLowerCase();
    const counted = (method, path, body, bearer) => {
      made++;
      return call(method, path, body, bearer, { first: CHAINED_STEPS.has(step) });
    };
    const created = await seed({ call: counted, expect, token, organizationOf, supplierOf, log, ...shared });
    steps.push({ step, seconds: (Date.now() - at) / 1000, requests: made, created });
    log(progressLine(step, created, made, (Date.now() - at) / 1000));
    Object.assign(counts, created);
  };
  // the catalogue first (it creates the usages); it hands on the seed's usages and which of them it created, so the
  // areas after it need not list or read them again (a usage made by hand in a demo municipality is left out)
  const catalogue = {};
  await run(seedCatalog, { catalogue });
  // contracts, DPRs, GDPR, archiving and projects only refer to usages, units and users: they run at the same time,
  // each in its own order (a service that has not seen a new usage's event yet reads it through, docs/architecture.md)
  const usages = new Map();
  const usagesOf = (organizationUuid) => {
    // the seed's own usages, as the catalogue step found or created them (listing them at once in five municipalities
    // took longer than the gateway's timeout on a busy machine)
    const known = catalogue.usagesIn?.get(organizationUuid);
    if (known) return Promise.resolve(known);
    if (!usages.has(organizationUuid)) {
      usages.set(
        organizationUuid,
        (async () => {
          const all = [];
          for (let page = 0; ; page++) {
            const batch = expect(
              await call(
                'GET',
                `/api/v2/it-system-usages?organizationUuid=${organizationUuid}&page=${page}&pageSize=250`,
                undefined,
                token,
              ),
              [200],
              'listing usages',
            ).body;
            all.push(...batch);
            if (batch.length < 250) return all;
          }
        })(),
      );
    }
    return usages.get(organizationUuid);
  };
  const shared = { usagesOf, createdUsages: catalogue.createdUsages ?? new Set() };
  await Promise.all([seedContracts, seedDpr, seedGdpr, seedArchiving, seedProjects].map((seed) => run(seed, shared)));
  steps.push({ step: 'all', seconds: (Date.now() - started) / 1000, requests, created: {} });
  log(timingSummary(steps, kinds, inFlight));
  return counts;
}

/**
 * The closing summary: seconds and requests per step, and the request kinds that took the most time (every attempt
 * counted; the statuses that were retried after each kind).
 */
function timingSummary(steps, kinds, inFlight) {
  const lines = [`seed timing (at most ${inFlight} requests in flight; the steps after the catalogue overlap):`];
  for (const { step, seconds, requests } of steps)
    lines.push(`  ${step.padEnd(32)} ${seconds.toFixed(1).padStart(7)} s ${String(requests).padStart(6)} requests`);
  lines.push('  request kinds by summed time (count, mean ms, summed s):');
  const top = [...kinds.entries()].sort((a, b) => b[1].ms - a[1].ms).slice(0, 15);
  for (const [kind, { count, ms, retried = {} }] of top) {
    const retries = Object.entries(retried).map(([status, times]) => `${times}× ${status}`);
    lines.push(
      `    ${kind.padEnd(72)} ${String(count).padStart(5)} ${(ms / count).toFixed(0).padStart(6)} ${(ms / 1000).toFixed(1).padStart(7)}` +
        (retries.length ? `  retried after ${retries.join(', ')}` : ''),
    );
  }
  return lines.join('\n');
}

module.exports = { seedDemo, progressOf, timingSummary, requestKind, limiter, DEMO_PASSWORD, DEMO_MUNICIPALITIES };

if (require.main === module) {
  seedDemo({
    baseUrl: (process.env.KITOS_URL || 'http://localhost:8080').replace(/\/$/, ''),
    email: process.env.KITOS_BOOTSTRAP_ADMIN_EMAIL || 'admin@kitos.local',
    password: process.env.KITOS_BOOTSTRAP_ADMIN_PASSWORD || 'kitos-local-admin-only',
    log: (line) => console.log(line),
  }).then(
    () => console.log(`demo logins: admin.101@demo.kitos.local, it.101@…, bruger.101@… (also 147, 751) with password ${DEMO_PASSWORD}`),
    (error) => {
      console.error(`seeding failed: ${error.message}`);
      process.exit(1);
    },
  );
}
