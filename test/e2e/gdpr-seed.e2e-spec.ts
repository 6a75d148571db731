import { eventually, resetJetStream } from '@kitos/testing';
import { createUsage } from '../support/gdpr';
import { adminToken, bearer, createOrganization } from '../support/identity';
import { http, startSystem, type RunningSystem } from '../support/system';

// plain CommonJS so that operators run it with node alone
const { seedGdpr } = require('../../deploy/seed/seed-gdpr.js') as {
  seedGdpr: (o: Record<string, unknown>) => Promise<{ usageGdprProfiles: number; processingActivities: number }>;
};

describe('the GDPR demo seed', () => {
  let system: RunningSystem;

  beforeAll(async () => {
    await resetJetStream();
    system = await startSystem({ services: ['identity', 'catalog', 'gdpr'] });
  });
  afterAll(() => system?.close());

  it('registers GDPR data and processing activities of the demo municipalities, and is safe to run again', async () => {
    const api = http(system.gatewayUrl);
    const token = await adminToken(api);
    const organizationOf = new Map<number, { uuid: string }>();
    for (const code of [101, 147]) {
      const uuid = await createOrganization(api, token);
      organizationOf.set(code, { uuid });
      for (const name of ['Sag', 'Løn', 'Journal', 'Net', 'Portal', 'Skole']) await createUsage(api, token, uuid, `${name} ${code}`);
    }
    const call = async (method: string, path: string, body: unknown, bearerToken: string) => {
      const response = await fetch(`${system.gatewayUrl}${path}`, {
        method,
        headers: { ...bearer(bearerToken), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      return { status: response.status, body: text ? JSON.parse(text) : undefined };
    };
    const expectStatus = (result: { status: number; body: unknown }, statuses: number[], what: string) => {
      if (!statuses.includes(result.status)) throw new Error(`${what}: ${result.status} ${JSON.stringify(result.body)}`);
      return result;
    };
    const options = { call, expect: expectStatus, token, organizationOf, supplierOf: new Map(), log: () => undefined };
    const first = await seedGdpr(options);
    expect(first).toEqual({ usageGdprProfiles: 12, processingActivities: 6 });
    expect(await seedGdpr(options)).toEqual({ usageGdprProfiles: 0, processingActivities: 0 });
    const org = organizationOf.get(101)!.uuid;
    const record = await api.get<{ controllerRecord: unknown[] }>(`/api/v2/organizations/${org}/gdpr/article-30`, bearer(token));
    expect(record.status).toBe(200);
    expect(record.body.controllerRecord.length).toBeGreaterThan(3);
    // the dashboard counts gdpr's copies of the usages, which follow the catalogue's events
    await eventually(async () => {
      const dashboard = await api.get<{ usageCount: number }>(`/api/v2/organizations/${org}/gdpr/dashboard`, bearer(token));
      expect(dashboard.body.usageCount).toBe(6);
    });
  });
});
