import { randomUUID } from 'node:crypto';
import type { ServiceApp } from '@kitos/platform';
import { startGateway } from '../../services/gateway/src/bootstrap';
import { CallerCache } from '../../services/gateway/src/auth/caller-cache';
import { adminToken, bearer, createOrganization, createUser, sessionOf } from '../support/identity';
import { http, startSystem, type RunningSystem } from '../support/system';

jest.setTimeout(180_000);

/**
 * The gateway caches resolved callers; identity's notices evict them. Two gateway processes' worth (two Nest
 * applications with their own bus connections) run against the same NATS: a change made through one is in force on the
 * very next request through either.
 */
describe('caller cache in the gateway (two gateways, one bus)', () => {
  let system: RunningSystem;
  let second: ServiceApp;
  let one: ReturnType<typeof http>;
  let two: ReturnType<typeof http>;
  let admin: string;
  let org: string;
  let systemUuid: string;

  const cacheOf = (gateway: 'one' | 'two') => (gateway === 'one' ? system.gateway : second).app.get(CallerCache);

  beforeAll(async () => {
    system = await startSystem({ services: ['identity', 'catalog'] });
    second = await startGateway(system.env);
    one = http(system.gatewayUrl);
    two = http(second.url);
    admin = await adminToken(one);
    org = await createOrganization(one, admin);
    const created = await one.post<{ uuid: string }>(
      '/api/v2/it-systems',
      { organizationUuid: org, name: `Cached ${randomUUID().slice(0, 8)}` },
      bearer(admin),
    );
    expect(created.status).toBe(201);
    systemUuid = created.body.uuid;
  });

  afterAll(async () => {
    await second?.close();
    await system?.close();
  });

  it('serves repeated requests from the cache', async () => {
    const user = await createUser(one, admin, [{ organizationUuid: org, role: 'User' }]);
    const token = await sessionOf(one, user);
    const before = { one: cacheOf('one').hits, two: cacheOf('two').hits };
    for (let i = 0; i < 3; i++) {
      expect((await one.get(`/api/v2/it-systems/${systemUuid}`, bearer(token))).status).toBe(200);
      expect((await two.get(`/api/v2/it-systems/${systemUuid}`, bearer(token))).status).toBe(200);
    }
    expect(cacheOf('one').hits - before.one).toBeGreaterThanOrEqual(2);
    expect(cacheOf('two').hits - before.two).toBeGreaterThanOrEqual(2);
  });

  it('refuses an API token on the very next request, through both gateways, once its API access is revoked', async () => {
    const user = await createUser(one, admin, [{ organizationUuid: org, role: 'User' }], { hasApiAccess: true });
    const granted = await one.post<{ access_token: string }>('/api/v2/token', {
      grant_type: 'password',
      username: user.email,
      password: user.password,
    });
    expect(granted.status).toBe(200);
    const token = granted.body.access_token;
    for (const gateway of [one, two, one, two])
      expect((await gateway.get(`/api/v2/it-systems/${systemUuid}`, bearer(token))).status).toBe(200);
    const hits = cacheOf('two').hits;

    expect((await one.patch(`/api/v2/users/${user.uuid}`, { hasApiAccess: false }, bearer(admin))).status).toBe(200);
    expect((await two.get(`/api/v2/it-systems/${systemUuid}`, bearer(token))).status).toBe(403);
    expect((await one.get(`/api/v2/it-systems/${systemUuid}`, bearer(token))).status).toBe(403);
    expect(cacheOf('two').hits).toBe(hits); // resolved again, not served from the cache
  });

  it('refuses a change on the very next request, through both gateways, once the role that allowed it is removed', async () => {
    const user = await createUser(one, admin, [
      { organizationUuid: org, role: 'User' },
      { organizationUuid: org, role: 'SystemModuleAdmin' },
    ]);
    const token = await sessionOf(one, user);
    const change = (gateway: ReturnType<typeof http>, description: string) =>
      gateway.patch(`/api/v2/it-systems/${systemUuid}`, { description }, bearer(token));
    expect((await change(one, 'first')).status).toBe(200);
    expect((await change(two, 'second')).status).toBe(200);
    expect((await change(one, 'third')).status).toBe(200);

    const removed = await two.delete(`/api/v2/organizations/${org}/users/${user.uuid}/roles/SystemModuleAdmin`, bearer(admin));
    expect(removed.status).toBe(200);
    expect((await change(one, 'refused')).status).toBe(403);
    expect((await change(two, 'refused')).status).toBe(403);
    // still a member: reading goes on
    expect((await one.get(`/api/v2/it-systems/${systemUuid}`, bearer(token))).status).toBe(200);
  });

  it('refuses a deleted user on the very next request, through both gateways', async () => {
    const user = await createUser(one, admin, [{ organizationUuid: org, role: 'User' }]);
    const token = await sessionOf(one, user);
    for (const gateway of [one, two, one, two])
      expect((await gateway.get(`/api/v2/it-systems/${systemUuid}`, bearer(token))).status).toBe(200);
    expect((await two.delete(`/api/v2/users/${user.uuid}`, bearer(admin))).status).toBe(204);
    expect((await one.get(`/api/v2/it-systems/${systemUuid}`, bearer(token))).status).toBe(401);
    expect((await two.get(`/api/v2/it-systems/${systemUuid}`, bearer(token))).status).toBe(401);
  });
});
