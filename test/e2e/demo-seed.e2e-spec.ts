import { resetJetStream } from '@kitos/testing';
import { LOCAL_ADMIN, adminToken, bearer } from '../support/identity';
import { http, startSystem, type RunningSystem } from '../support/system';

// plain CommonJS so that operators run it with node alone
const { seedDemo, DEMO_PASSWORD } = require('../../deploy/seed/seed-demo.js') as {
  seedDemo: (o: { baseUrl: string; email: string; password: string }) => Promise<Record<string, number>>;
  DEMO_PASSWORD: string;
};
const municipalities = require('../../deploy/seed/municipalities.json') as Array<{ name: string; cvr: string; municipalityCode: number }>;

describe('the demo seed', () => {
  let system: RunningSystem;

  beforeAll(async () => {
    await resetJetStream();
    system = await startSystem({ services: ['identity', 'catalog'] });
  });
  afterAll(() => system?.close());

  it('loads the 98 municipalities with their CVR numbers, suppliers, units, users and systems, and is safe to run again', async () => {
    const api = http(system.gatewayUrl);
    await adminToken(api);
    const first = await seedDemo({ baseUrl: system.gatewayUrl, ...LOCAL_ADMIN });
    expect(first).toEqual({ organizations: 98 + 5, units: 3 * 7, users: 3 * 3, systems: 6 });
    const again = await seedDemo({ baseUrl: system.gatewayUrl, ...LOCAL_ADMIN });
    expect(again).toEqual({ organizations: 0, units: 0, users: 0, systems: 0 });

    const token = await adminToken(api);
    const organizations = (
      await api.get<Array<{ name: string; cvr: string | null; organizationType: string }>>(
        '/api/v2/organizations?pageSize=250',
        bearer(token),
      )
    ).body;
    const seeded = organizations.filter((o) => o.organizationType === 'Municipality').map((o) => [o.name, o.cvr]);
    expect(seeded.sort()).toEqual(municipalities.map((m) => [m.name, m.cvr]).sort());

    const demoUser = await api.post<{ token: string }>('/api/v2/auth/login', {
      email: 'admin.101@demo.kitos.local',
      password: DEMO_PASSWORD,
    });
    expect(demoUser.status).toBe(200);
    const copenhagen = organizations.find((o) => o.cvr === '64942212') as unknown as { uuid: string };
    const units = await api.get<unknown[]>(`/api/v2/organizations/${copenhagen.uuid}/organization-units`, bearer(demoUser.body.token));
    expect(units.body).toHaveLength(8);
  });
});
