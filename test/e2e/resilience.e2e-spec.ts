import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventually, resetJetStream, startFerretDb, type ManagedServer } from '@kitos/testing';
import { adminToken, createOrganization } from '../support/identity';
import { http, startSystem, type RunningSystem } from '../support/system';

type Report = { total: number; items: Array<{ uuid: string; name: string }> };

describe('services that go away and come back', () => {
  describe('the reporting service', () => {
    let system: RunningSystem;

    beforeAll(async () => {
      await resetJetStream();
      system = await startSystem({ services: ['identity', 'catalog', 'reporting'] });
    });
    afterAll(() => system?.close());

    it('answers 503 while it is down, and catches up on the events it missed once it is back', async () => {
      const token = await adminToken(http(system.gatewayUrl));
      const api = http(system.gatewayUrl, token);
      const org = await createOrganization(api, token);
      const first = await api.post<{ uuid: string }>('/api/v2/it-systems', { organizationUuid: org, name: 'Before' });
      await eventually(async () =>
        expect((await api.get<Report>(`/api/v2/reports/it-systems?organizationUuid=${org}`)).body.total).toBe(1),
      );

      await system.stop('reporting');
      const down = await api.get<{ status: number; detail: string }>(`/api/v2/reports/it-systems?organizationUuid=${org}`);
      expect(down.status).toBe(503);
      expect(down.body.detail).toMatch(/reporting service is not available/);
      const missed = await api.post<{ uuid: string }>('/api/v2/it-systems', { organizationUuid: org, name: 'While reporting was down' });
      expect((await api.patch(`/api/v2/it-systems/${first.body.uuid}`, { name: 'Renamed while down' })).status).toBe(200);

      await system.start('reporting');
      await eventually(async () => {
        const report = (await api.get<Report>(`/api/v2/reports/it-systems?organizationUuid=${org}`)).body;
        expect(report.items.map((i) => [i.uuid, i.name]).sort()).toEqual(
          [
            [first.body.uuid, 'Renamed while down'],
            [missed.body.uuid, 'While reporting was down'],
          ].sort(),
        );
      });
    });

    it('answers 404 problem+json for a path that does not exist', async () => {
      const result = await http(system.gatewayUrl).get<{ status: number }>('/api/v2/no-such-resource');
      expect(result.status).toBe(404);
      expect(result.headers.get('content-type')).toMatch(/application\/problem\+json/);
    });
  });

  describe('a database outage', () => {
    let dir: string;
    let ferret: ManagedServer;
    let system: RunningSystem;

    beforeAll(async () => {
      await resetJetStream();
      dir = mkdtempSync(join(tmpdir(), 'kitos-db-outage-'));
      ferret = await startFerretDb({ dir });
      system = await startSystem({
        services: ['identity', 'catalog', 'reporting'],
        env: { MONGODB_URI: `mongodb://127.0.0.1:${ferret.port}/`, DB_SERVER_SELECTION_TIMEOUT_MS: '800', RPC_TIMEOUT_MS: '3000' },
      });
    });
    afterAll(async () => {
      await system?.close();
      await ferret?.stop();
      rmSync(dir, { recursive: true, force: true });
    });

    it('answers 503 in time while the database is down, reports not ready, and works again once it is back', async () => {
      const token = await adminToken(http(system.gatewayUrl));
      const api = http(system.gatewayUrl, token);
      const org = await createOrganization(api, token);
      expect((await api.post('/api/v2/it-systems', { organizationUuid: org, name: 'Before the outage' })).status).toBe(201);

      await ferret.stop();
      const started = Date.now();
      const during = await api.post<{ status: number; detail: string }>('/api/v2/it-systems', {
        organizationUuid: org,
        name: 'During the outage',
      });
      expect(during.status).toBe(503);
      expect(during.body.detail).toMatch(/database is not available/);
      expect(Date.now() - started).toBeLessThan(3000);
      await eventually(async () => expect((await fetch(`${system.services.get('catalog')!.url}/health/ready`)).status).toBe(503));

      await ferret.start();
      await eventually(
        async () => expect((await api.post('/api/v2/it-systems', { organizationUuid: org, name: 'After the outage' })).status).toBe(201),
        { timeoutMs: 40000, intervalMs: 250 },
      );
      const names = (await api.get<Array<{ name: string }>>(`/api/v2/it-systems?organizationUuid=${org}`)).body.map((s) => s.name);
      expect(names).toEqual(['Before the outage', 'After the outage']);
      await eventually(
        async () => expect((await api.get<Report>(`/api/v2/reports/it-systems?organizationUuid=${org}`)).body.total).toBe(2),
        { timeoutMs: 20000 },
      );
      await eventually(async () => expect((await fetch(`${system.services.get('catalog')!.url}/health/ready`)).status).toBe(200));
    }, 120_000);
  });
});
