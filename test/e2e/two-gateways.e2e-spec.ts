/**
 * The gateway is stateless and may run as several processes on any store (docs/operations.md, "One process per
 * service on the embedded store"). Two gateways on two ports in front of the same services: a token from one works on
 * the other, and concurrent PATCHes with the same If-Match through different gateways still give one 200 and one 412,
 * with the winner's change — and only it — in the aggregate and in reporting's read model; writes through both at once
 * appear exactly once in the read models. The event consumers stay single here: on FerretDB (the embedded store) a
 * second process of a service that writes documents is refused (docs/operations.md).
 */
import { randomUUID } from 'node:crypto';
import { eventually, resetJetStream } from '@kitos/testing';
import type { ServiceApp } from '@kitos/platform';
import { startGateway } from '../../services/gateway/src/bootstrap';
import { adminToken, bearer, createOrganization, createUser, sessionOf } from '../support/identity';
import { http, startSystem, type RunningSystem } from '../support/system';

type Named = { uuid: string; name: string };
type Report = { items?: Array<{ uuid: string; name: string }> } | Array<{ uuid: string; name: string }>;

describe('Two gateway processes in front of one system', () => {
  let system: RunningSystem;
  let second: ServiceApp;
  let a: ReturnType<typeof http>;
  let b: ReturnType<typeof http>;
  let admin: string;
  let org: string;
  let la: string;

  beforeAll(async () => {
    await resetJetStream();
    // about concurrency, not latency: a generous RPC timeout keeps a busy machine's slowness from turning into 504s
    system = await startSystem({ services: ['identity', 'catalog', 'contracts', 'reporting'], env: { RPC_TIMEOUT_MS: '20000' } });
    second = await startGateway(system.env);
    a = http(system.gatewayUrl);
    b = http(second.url);
    admin = await adminToken(a);
    org = await createOrganization(a, admin);
    la = await sessionOf(b, await createUser(b, admin, [{ organizationUuid: org, role: 'LocalAdmin' }]));
  });

  afterAll(async () => {
    await second?.close();
    await system?.close();
  });

  it('run on two ports, and a token from one is accepted by the other', async () => {
    expect(second.url).not.toBe(system.gatewayUrl);
    const token = (
      await b.post<{ token: string }>('/api/v2/auth/login', { email: 'admin@kitos.local', password: 'kitos-local-admin-only' })
    ).body.token;
    expect((await a.get(`/api/v2/organizations/${org}`, bearer(token))).status).toBe(200);
    expect((await b.get(`/api/v2/organizations/${org}`, bearer(admin))).status).toBe(200);
  });

  const ROUNDS = 12;

  it(`IT systems: the same If-Match through both gateways at once gives one 200 and one 412, ${ROUNDS} times`, async () => {
    const outcomes: string[] = [];
    const systems: Array<{ uuid: string; winner: string }> = [];
    for (let round = 0; round < ROUNDS; round++) {
      const created = await a.post<Named>(
        '/api/v2/it-systems',
        { organizationUuid: org, name: `Tvilling ${randomUUID().slice(0, 8)}` },
        bearer(admin),
      );
      expect(created.status).toBe(201);
      const uuid = created.body.uuid;
      const names = [`Via A ${round} ${randomUUID().slice(0, 4)}`, `Via B ${round} ${randomUUID().slice(0, 4)}`];
      const [viaA, viaB] = await Promise.all([
        a.patch(`/api/v2/it-systems/${uuid}`, { name: names[0] }, { ...bearer(admin), 'if-match': '"1"' }),
        b.patch(`/api/v2/it-systems/${uuid}`, { name: names[1] }, { ...bearer(admin), 'if-match': '"1"' }),
      ]);
      outcomes.push([viaA.status, viaB.status].sort().join('/'));
      const winner = viaA.status === 200 ? names[0] : names[1];
      const read = await b.get<Named>(`/api/v2/it-systems/${uuid}`, bearer(admin));
      expect([read.status, read.body.name, read.headers.get('etag')]).toEqual([200, winner, '"2"']);
      systems.push({ uuid, winner });
    }
    expect(outcomes).toEqual(Array(ROUNDS).fill('200/412'));

    // reporting's read model has every system exactly once, with the winner's name
    await eventually(
      async () => {
        const report = await a.get<Report>(`/api/v2/reports/it-systems?organizationUuid=${org}&pageSize=250`, bearer(admin));
        expect(report.status).toBe(200);
        const items = Array.isArray(report.body) ? report.body : (report.body.items ?? []);
        for (const { uuid, winner } of systems)
          expect([uuid, items.filter((i) => i.uuid === uuid).map((i) => i.name)]).toEqual([uuid, [winner]]);
      },
      { timeoutMs: 30000, intervalMs: 250 },
    );
  });

  it('IT contracts: the same If-Match through both gateways at once gives one 200 and one 412', async () => {
    const outcomes: string[] = [];
    for (let round = 0; round < ROUNDS / 2; round++) {
      const created = await b.post<Named>(
        '/api/v2/it-contracts',
        { organizationUuid: org, name: `Kontrakt ${randomUUID().slice(0, 8)}` },
        bearer(la),
      );
      expect(created.status).toBe(201);
      const uuid = created.body.uuid;
      const [viaA, viaB] = await Promise.all([
        a.patch(`/api/v2/it-contracts/${uuid}`, { name: `A ${round}` }, { ...bearer(la), 'if-match': '"1"' }),
        b.patch(`/api/v2/it-contracts/${uuid}`, { name: `B ${round}` }, { ...bearer(la), 'if-match': '"1"' }),
      ]);
      outcomes.push([viaA.status, viaB.status].sort().join('/'));
      const read = await a.get<Named>(`/api/v2/it-contracts/${uuid}`, bearer(la));
      expect([read.status, read.body.name]).toEqual([200, viaA.status === 200 ? `A ${round}` : `B ${round}`]);
    }
    expect(outcomes).toEqual(Array(ROUNDS / 2).fill('200/412'));
  });
  it('writes through both gateways at once appear exactly once in the read models; one Idempotency-Key through both creates one object', async () => {
    const tag = randomUUID().slice(0, 8);
    const gateways = [a, b];
    // 2 × 8 concurrent creates of each kind, alternating between the gateways
    const creates = await Promise.all(
      Array.from({ length: 16 }, (_, i) =>
        Promise.all([
          gateways[i % 2].post<Named>('/api/v2/it-systems', { organizationUuid: org, name: `Burst ${tag} ${i}` }, bearer(admin)),
          gateways[i % 2].post<Named>('/api/v2/it-contracts', { organizationUuid: org, name: `Burst ${tag} ${i}` }, bearer(la)),
        ]),
      ),
    );
    expect(creates.flat().map((c) => c.status)).toEqual(Array(32).fill(201));
    // the same key and body through both gateways at once: one object (the other answer is the first, or 409 while in flight)
    const key = { 'idempotency-key': randomUUID() };
    const twice = await Promise.all(
      gateways.map((g) =>
        g.post<Named>('/api/v2/it-systems', { organizationUuid: org, name: `Keyed ${tag}` }, { ...bearer(admin), ...key }),
      ),
    );
    expect(twice.map((r) => r.status).sort()).toEqual(expect.arrayContaining([201]));
    expect(twice.every((r) => r.status === 201 || r.status === 409)).toBe(true);
    const systems = [...creates.map(([s]) => s.body), twice.find((r) => r.status === 201)!.body];
    const contracts = creates.map(([, c]) => c.body);

    await eventually(
      async () => {
        const report = await a.get<Report>(`/api/v2/reports/it-systems?organizationUuid=${org}&pageSize=250`, bearer(admin));
        const items = Array.isArray(report.body) ? report.body : (report.body.items ?? []);
        const ours = items.filter((i) => i.name.includes(tag));
        expect(ours.map((i) => i.uuid).sort()).toEqual(systems.map((s) => s.uuid).sort());
        const rows = await b.get<{ rows?: Array<{ uuid: string; name: string }> }>(
          `/api/v2/reports/organizations/${org}/it-contracts?columns=name&pageSize=250`,
          bearer(la),
        );
        const contractRows = (rows.body.rows ?? []).filter((r) => r.name.includes(tag));
        expect(contractRows.map((r) => r.uuid).sort()).toEqual(contracts.map((c) => c.uuid).sort());
      },
      { timeoutMs: 30000, intervalMs: 250 },
    );
  });
});
