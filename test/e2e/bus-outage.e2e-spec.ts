import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventually, startNats, type ManagedServer } from '@kitos/testing';
import { adminToken, createOrganization } from '../support/identity';
import { http, startSystem, type RunningSystem } from '../support/system';

const RPC_TIMEOUT_MS = 1500;

describe('a NATS outage while IT systems are being created', () => {
  let dir: string;
  let nats: ManagedServer;
  let system: RunningSystem;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kitos-outage-'));
    nats = await startNats({ dir });
    system = await startSystem({
      natsUrl: `nats://127.0.0.1:${nats.port}`,
      services: ['identity', 'catalog', 'reporting'],
      // an event whose delivery the outage cut is redelivered after the ack wait
      env: { RPC_TIMEOUT_MS: String(RPC_TIMEOUT_MS), EVENT_ACK_WAIT_MS: '3000' },
    });
  });

  afterAll(async () => {
    await system?.close();
    await nats?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers 503 during the outage without hanging, and every created system reaches the read model exactly once', async () => {
    const token = await adminToken(http(system.gatewayUrl));
    const api = http(system.gatewayUrl, token);
    const org = await createOrganization(api, token);
    const outcomes: Array<{ phase: string; status: number; ms: number; uuid?: string }> = [];
    let phase = 'before';
    let n = 0;
    const create = async () => {
      // the phase in which the request started: one sent just before the server stopped may still succeed after
      const startedIn = phase;
      const started = Date.now();
      const result = await api.post<{ uuid: string }>('/api/v2/it-systems', { organizationUuid: org, name: `System ${n++}` });
      outcomes.push({
        phase: startedIn,
        status: result.status,
        ms: Date.now() - started,
        uuid: result.status === 201 ? result.body.uuid : undefined,
      });
    };

    for (let i = 0; i < 10; i++) await create();
    phase = 'stopping';
    const writer = (async () => {
      while (phase !== 'done') await create();
    })();
    await nats.stop();
    phase = 'outage';
    await eventually(() => expect(outcomes.filter((o) => o.phase === 'outage' && o.status === 503).length).toBeGreaterThanOrEqual(5), {
      timeoutMs: 15000,
    });
    phase = 'restarting';
    await nats.start();
    phase = 'after';
    await eventually(() => expect(outcomes.filter((o) => o.phase === 'after' && o.status === 201).length).toBeGreaterThanOrEqual(10), {
      timeoutMs: 20000,
    });
    phase = 'done';
    await writer;

    expect(outcomes.filter((o) => o.phase === 'before').every((o) => o.status === 201)).toBe(true);
    expect(outcomes.filter((o) => o.phase === 'outage').every((o) => o.status === 503 || o.status === 504)).toBe(true);
    expect(outcomes.every((o) => [201, 503, 504].includes(o.status))).toBe(true);
    expect(Math.max(...outcomes.map((o) => o.ms))).toBeLessThan(RPC_TIMEOUT_MS + 1000);

    // the catalogue holds every system that was written, including any whose reply was lost in the outage
    const inCatalog = (await api.get<Array<{ uuid: string }>>(`/api/v2/it-systems?organizationUuid=${org}&pageSize=250`)).body.map(
      (s) => s.uuid,
    );
    const created = outcomes.filter((o) => o.uuid).map((o) => o.uuid as string);
    expect(inCatalog).toEqual(expect.arrayContaining(created));

    await eventually(
      async () => {
        const report = (
          await api.get<{ total: number; items: Array<{ uuid: string }> }>(
            `/api/v2/reports/it-systems?organizationUuid=${org}&pageSize=250`,
          )
        ).body;
        const reported = report.items.map((i) => i.uuid);
        expect(report.total).toBe(inCatalog.length);
        expect(new Set(reported).size).toBe(reported.length);
        expect([...reported].sort()).toEqual([...inCatalog].sort());
      },
      { timeoutMs: 20000, intervalMs: 200 },
    );
  });
});
