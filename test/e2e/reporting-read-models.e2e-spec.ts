import { randomUUID } from 'node:crypto';
import { eventually, resetJetStream, testNatsUrl } from '@kitos/testing';
import type { ServiceApp } from '@kitos/platform';
import { ReadModelStore } from '../../services/reporting/src/read-models/read-model.store';
import { rebuildCommand } from '../../services/reporting/src/rebuild-cli';
import { READ_MODEL_KINDS, type ReadModelKind } from '../../services/reporting/src/read-models/read-model.types';
import { adminToken, bearer, createOrganization, createUser, sessionOf } from '../support/identity';
import { http, startSystem, type RunningSystem } from '../support/system';

type StreamAccount = { stream: string; expected: number; read: number; applied: number; ignored: number; skipped: number; missing: number };
type Run = { uuid: string; state: string; switched: boolean; events: number | null; caughtUp: number | null; streams: StreamAccount[] };
type Status = { readModels: Array<{ kind: string; live: number; deleted: number }>; lastRebuild: Run | null };
type Deleted = { entityType: string; entityUuid: string; occurredAtUtc: string };

/** Every document of every read model, sorted: what the reports read. */
async function dump(reporting: ServiceApp): Promise<Record<string, unknown[]>> {
  const store = reporting.app.get(ReadModelStore);
  const all: Record<string, unknown[]> = {};
  for (const kind of READ_MODEL_KINDS) all[kind] = await store.model(kind).find().sort({ _id: 1 }).lean().exec();
  return all;
}

describe('Read models (reporting): built from the events, rebuilt from the streams to the same result', () => {
  let system: RunningSystem;
  let api: ReturnType<typeof http>;
  let admin: string;
  let org: string;
  let la: string;
  let user: string;
  const uuids: Record<string, string> = {};

  const created = async (path: string, body: Record<string, unknown>, token = la): Promise<string> => {
    const result = await api.post<{ uuid: string }>(path, body, bearer(token));
    if (result.status !== 201) throw new Error(`POST ${path} answered ${result.status}: ${JSON.stringify(result.body)}`);
    return result.body.uuid;
  };
  const ok = async (promise: Promise<{ status: number; body: unknown }>, status = 200): Promise<void> => {
    const result = await promise;
    if (result.status !== status) throw new Error(`answered ${result.status}: ${JSON.stringify(result.body)}`);
  };
  const status = async (): Promise<Status> => {
    const result = await api.get<Status>('/api/v2/reporting/read-models', bearer(admin));
    if (result.status !== 200) throw new Error(`status answered ${result.status}: ${JSON.stringify(result.body)}`);
    return result.body;
  };
  const count = (s: Status, kind: ReadModelKind) => s.readModels.find((r) => r.kind === kind) ?? { live: -1, deleted: -1 };

  beforeAll(async () => {
    await resetJetStream();
    system = await startSystem({ services: ['identity', 'catalog', 'contracts', 'gdpr', 'archiving', 'projects', 'reporting'] });
    api = http(system.gatewayUrl);
    admin = await adminToken(api);
    org = await createOrganization(api, admin, { name: 'Ærø Kommune' });
    la = await sessionOf(api, await createUser(api, admin, [{ organizationUuid: org, role: 'LocalAdmin' }]));
    user = await sessionOf(api, await createUser(api, admin, [{ organizationUuid: org, role: 'User' }]));

    // A little of everything, through the public API: the events are what the read models are built from.
    const units = `/api/v2/organizations/${org}/organization-units`;
    const [root] = (await api.get<Array<{ uuid: string }>>(units, bearer(la))).body;
    uuids.unit = await created(units, { name: 'Digitalisering', parentUuid: root.uuid });
    uuids.doomedUnit = await created(units, { name: 'Nedlægges', parentUuid: root.uuid });
    uuids.system = await created('/api/v2/it-systems', { organizationUuid: org, name: `ESDH ${randomUUID().slice(0, 6)}` }, admin);
    uuids.system2 = await created('/api/v2/it-systems', { organizationUuid: org, name: `Løn ${randomUUID().slice(0, 6)}` }, admin);
    uuids.interface = await created('/api/v2/it-interfaces', { organizationUuid: org, name: 'Sag-API', interfaceId: 'sag-1' }, admin);
    uuids.usage = await created('/api/v2/it-system-usages', { organizationUuid: org, systemUuid: uuids.system });
    uuids.usage2 = await created('/api/v2/it-system-usages', { organizationUuid: org, systemUuid: uuids.system2 });
    await ok(api.patch(`/api/v2/it-system-usages/${uuids.usage}`, { general: { localCallName: 'Sag', notes: 'Intern note' } }, bearer(la)));
    await eventually(() => ok(api.get(`/api/v2/it-system-usages/${uuids.usage}/gdpr`, bearer(la))));
    await ok(api.patch(`/api/v2/it-system-usages/${uuids.usage}/gdpr`, { purpose: 'Sagsbehandling' }, bearer(la)));
    await eventually(() => ok(api.get(`/api/v2/it-system-usage-archives/${uuids.usage}`, bearer(la))));
    await ok(api.patch(`/api/v2/it-system-usage-archives/${uuids.usage}`, { archiveDuty: 'B' }, bearer(la)));
    uuids.relation = await created(`/api/v2/it-system-usages/${uuids.usage}/system-relations`, { toSystemUsageUuid: uuids.usage2 });
    uuids.contract = await created('/api/v2/it-contracts', {
      organizationUuid: org,
      name: 'Driftsaftale',
      systemUsageUuids: [uuids.usage],
    });
    uuids.doomedContract = await created('/api/v2/it-contracts', { organizationUuid: org, name: 'Udløbet aftale' });
    uuids.dpr = await created('/api/v2/data-processing-registrations', { organizationUuid: org, name: 'Databehandleraftale ESDH' });
    uuids.project = await created('/api/v2/it-projects', { organizationUuid: org, name: 'Nyt ESDH' });
    await ok(api.delete(`/api/v2/it-contracts/${uuids.doomedContract}`, bearer(la)), 204);
    await ok(api.delete(`${units}/${uuids.doomedUnit}`, bearer(la)), 204);
    await ok(api.delete(`/api/v2/it-system-usages/${uuids.usage}/system-relations/${uuids.relation}`, bearer(la)), 204);

    // The incremental path has caught up when every object is there and the three deletions are tombstones.
    await eventually(
      async () => {
        const s = await status();
        expect(count(s, 'it-contracts')).toEqual({ kind: 'it-contracts', live: 1, deleted: 1 });
        expect(count(s, 'organization-units')).toMatchObject({ deleted: 1 });
        expect(count(s, 'system-relations')).toMatchObject({ live: 0, deleted: 1 });
        expect(count(s, 'it-projects')).toMatchObject({ live: 1 });
        expect(count(s, 'data-processing-registrations')).toMatchObject({ live: 1 });
        const usage = await system.services
          .get('reporting')!
          .app.get(ReadModelStore)
          .model('it-system-usages')
          .findById(uuids.usage)
          .lean()
          .exec();
        expect(usage?.data?.localCallName).toBe('Sag');
        expect(usage?.gdpr?.data).not.toBeNull();
        expect(usage?.archive?.data?.archiveDuty).toBe('B');
      },
      { timeoutMs: 30_000 },
    );
  }, 180_000);

  afterAll(async () => {
    await system?.close();
  });

  it('holds the newest snapshot of each object with its attachments, and tombstones for deletions', async () => {
    const all = await dump(system.services.get('reporting')!);
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const usage = all['it-system-usages'].find((d) => (d as { _id: string })._id === uuids.usage) as Record<string, any>;
    expect(usage).toMatchObject({
      organizationUuid: org,
      deleted: false,
      data: { systemUuid: uuids.system, localCallName: 'Sag', notes: 'Intern note' },
    });
    expect(usage.gdpr).toMatchObject({ deleted: false, data: { usageUuid: uuids.usage, organizationUuid: org } });
    expect(usage.archive).toMatchObject({ deleted: false, data: { archiveDuty: 'B' } });
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const contract = all['it-contracts'].find((d) => (d as { _id: string })._id === uuids.doomedContract) as Record<string, any>;
    expect(contract).toMatchObject({ deleted: true, organizationUuid: org, data: { name: 'Udløbet aftale' } });
    expect(contract.deletedAt).toBeInstanceOf(Date);
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const organization = all.organizations.find((d) => (d as { _id: string })._id === org) as Record<string, any>;
    expect(organization).toMatchObject({ organizationUuid: org, data: { name: 'Ærø Kommune' } });
  });

  it('a full rebuild from the JetStream streams gives exactly the documents of the incremental path', async () => {
    const reporting = system.services.get('reporting')!;
    const before = await dump(reporting);
    expect(Object.values(before).reduce((n, docs) => n + docs.length, 0)).toBeGreaterThan(10);

    const started = await api.post<Run>('/api/v2/reporting/read-models/rebuild', {}, bearer(admin));
    expect(started.status).toBe(202);
    expect(started.body.state).toBe('running');
    const finished = await eventually(
      async () => {
        const s = await status();
        if (s.lastRebuild?.uuid !== started.body.uuid || s.lastRebuild.state === 'running') throw new Error('still running');
        return s.lastRebuild;
      },
      { timeoutMs: 60_000 },
    );
    expect(finished).toMatchObject({ state: 'succeeded', switched: true, error: null });
    expect(finished.events).toBeGreaterThan(20);
    // every message of every stream up to its end at the start is accounted for
    for (const s of finished.streams) {
      expect([s.stream, s.read, s.missing, s.skipped]).toEqual([s.stream, s.expected, 0, 0]);
      expect(s.applied + s.ignored).toBe(s.read);
    }
    expect(finished.streams.find((s) => s.stream === 'CATALOG')?.applied).toBeGreaterThan(0);

    expect(await dump(reporting)).toEqual(before);
  });

  it('keeps following the events after a rebuild', async () => {
    const usage3 = await created('/api/v2/it-system-usages', {
      organizationUuid: org,
      systemUuid: await created('/api/v2/it-systems', { organizationUuid: org, name: `Efter ${randomUUID().slice(0, 6)}` }, admin),
    });
    await eventually(async () => {
      const doc = await system.services.get('reporting')!.app.get(ReadModelStore).model('it-system-usages').findById(usage3).lean().exec();
      expect(doc?.data?.organizationUuid).toBe(org);
    });
  });

  it('the rebuild command follows the run with a line per step and stream, prints every stream’s account and exits 0', async () => {
    const lines: string[] = [];
    const code = await rebuildCommand({ natsUrl: testNatsUrl(), argv: ['--deadline-seconds', '600'], write: (line) => lines.push(line) });
    expect(code).toBe(0);
    expect(lines[0]).toMatch(/^Rebuilding the read models from the event streams \(run [0-9a-f-]{36}\)$/);
    expect(lines).toEqual(expect.arrayContaining([expect.stringMatching(/^\[ +[0-9.]+ s\] (reading|finished)$/)]));
    expect(lines.some((l) => /CATALOG +[0-9,]+ \/ +[0-9,]+ read, +[0-9,]+ applied, +0 skipped +[0-9,]+ events\/s$/.test(l))).toBe(true);
    expect(lines).toContainEqual(expect.stringMatching(/^CATALOG +\d+ +(\d+) +\1 +\d+ +\d+ +0 +0 +\d+$/)); // read = expected
    expect(lines[lines.length - 1]).toMatch(/^Rebuild succeeded \(switched in\) in [0-9.]+ s$/);
  });

  it('only global administrators see the state or start a rebuild (403), anonymous 401', async () => {
    expect((await api.get('/api/v2/reporting/read-models', bearer(la))).status).toBe(403);
    expect((await api.post('/api/v2/reporting/read-models/rebuild', {}, bearer(user))).status).toBe(403);
    expect((await api.post('/api/v2/reporting/read-models/rebuild', {})).status).toBe(401);
  });

  it('the delta feed reports deleted contracts, units and relations of the own organisation', async () => {
    const feed = async (entityType: string, token = la) => {
      const result = await api.get<Deleted[]>(`/api/v2/delta-feed/deleted-entities?entityType=${entityType}`, bearer(token));
      expect(result.status).toBe(200);
      return result.body.map((d) => d.entityUuid);
    };
    expect(await feed('ItContract')).toEqual([uuids.doomedContract]);
    expect(await feed('OrganizationUnit')).toEqual([uuids.doomedUnit]);
    expect(await feed('SystemRelation')).toEqual([uuids.relation]);
    expect(await feed('DataProcessingRegistration')).toEqual([]);
    const outsider = await sessionOf(
      api,
      await createUser(api, admin, [{ organizationUuid: await createOrganization(api, admin), role: 'User' }]),
    );
    expect(await feed('ItContract', outsider)).toEqual([]);
    const since = new Date(Date.now() + 60_000).toISOString();
    const later = await api.get<Deleted[]>(
      `/api/v2/delta-feed/deleted-entities?entityType=ItContract&deletedSinceUTC=${since}`,
      bearer(la),
    );
    expect(later.body).toEqual([]);
    expect((await api.get('/api/v2/delta-feed/deleted-entities?entityType=Nothing', bearer(la))).status).toBe(400);
  });
});
