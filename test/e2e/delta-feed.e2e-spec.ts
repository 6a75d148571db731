import { resetJetStream } from '@kitos/testing';
import { adminToken, bearer, createOrganization, createUser, sessionOf } from '../support/identity';
import { http, startSystem, type RunningSystem } from '../support/system';

type Deleted = { entityType: string; entityUuid: string; occurredAtUtc: string };

describe('Delta feed of deleted catalogue entities', () => {
  let system: RunningSystem;
  let api: ReturnType<typeof http>;
  let admin: string;
  let orgA: string;
  let globalSystem: string;
  let localSystem: string;
  let before: string;

  beforeAll(async () => {
    await resetJetStream();
    system = await startSystem({ services: ['identity', 'catalog'] });
    api = http(system.gatewayUrl);
    admin = await adminToken(api);
    orgA = await createOrganization(api, admin);
    const register = async (name: string, scope: string) => {
      const created = await api.post<{ uuid: string }>('/api/v2/it-systems', { organizationUuid: orgA, name, scope }, bearer(admin));
      expect(created.status).toBe(201);
      return created.body.uuid;
    };
    globalSystem = await register('Delt system', 'Global');
    localSystem = await register('Lokalt system', 'Local');
    before = new Date().toISOString();
    for (const uuid of [globalSystem, localSystem])
      expect((await api.delete(`/api/v2/it-systems/${uuid}`, bearer(admin))).status).toBe(204);
  });

  afterAll(async () => {
    await system?.close();
  });

  const feed = async (token: string, query: string) => {
    const answer = await api.get<Deleted[]>(`/api/v2/delta-feed/deleted-entities?${query}`, bearer(token));
    expect(answer.status).toBe(200);
    return answer.body.map((d) => d.entityUuid).filter((u) => u === globalSystem || u === localSystem);
  };

  it('lists deletions in the order they happened, from deletedSinceUTC inclusive', async () => {
    const answer = await api.get<Deleted[]>(
      `/api/v2/delta-feed/deleted-entities?entityType=ItSystem&deletedSinceUTC=${encodeURIComponent(before)}`,
      bearer(admin),
    );
    expect(answer.status).toBe(200);
    const ours = answer.body.filter((d) => d.entityUuid === globalSystem || d.entityUuid === localSystem);
    expect(ours.map((d) => d.entityUuid)).toEqual([globalSystem, localSystem]);
    expect(ours.every((d) => d.entityType === 'ItSystem' && d.occurredAtUtc >= before)).toBe(true);

    const exactly = ours[1].occurredAtUtc;
    expect(await feed(admin, `entityType=ItSystem&deletedSinceUTC=${encodeURIComponent(exactly)}`)).toEqual([localSystem]);
    const later = new Date(Date.parse(exactly) + 1).toISOString();
    expect(await feed(admin, `entityType=ItSystem&deletedSinceUTC=${encodeURIComponent(later)}`)).toEqual([]);
  });

  it('pages through the feed', async () => {
    const first = await api.get<Deleted[]>(
      `/api/v2/delta-feed/deleted-entities?entityType=ItSystem&deletedSinceUTC=${encodeURIComponent(before)}&pageSize=1&page=0`,
      bearer(admin),
    );
    const second = await api.get<Deleted[]>(
      `/api/v2/delta-feed/deleted-entities?entityType=ItSystem&deletedSinceUTC=${encodeURIComponent(before)}&pageSize=1&page=1`,
      bearer(admin),
    );
    expect([...first.body, ...second.body].map((d) => d.entityUuid)).toEqual([globalSystem, localSystem]);
  });

  it('shows members of the owner both, another municipality only the shared one, a company member neither', async () => {
    const member = await sessionOf(api, await createUser(api, admin, [{ organizationUuid: orgA, role: 'User' }]));
    const otherMunicipality = await sessionOf(
      api,
      await createUser(api, admin, [{ organizationUuid: await createOrganization(api, admin), role: 'User' }]),
    );
    const company = await createOrganization(api, admin, { organizationType: 'Company' });
    const companyUser = await sessionOf(api, await createUser(api, admin, [{ organizationUuid: company, role: 'User' }]));

    expect(await feed(member, 'entityType=ItSystem')).toEqual([globalSystem, localSystem]);
    expect(await feed(otherMunicipality, 'entityType=ItSystem')).toEqual([globalSystem]);
    expect(await feed(companyUser, 'entityType=ItSystem')).toEqual([]);
    expect(await feed(otherMunicipality, 'entityType=ItSystemUsage')).toEqual([]);
  });

  it('reports deleted usages to their organisation only, and deleted shared interfaces to other municipalities too', async () => {
    const holder = await createOrganization(api, admin);
    const system = await api.post<{ uuid: string }>(
      '/api/v2/it-systems',
      { organizationUuid: holder, name: 'Journalsystem' },
      bearer(admin),
    );
    const usage = await api.post<{ uuid: string }>(
      '/api/v2/it-system-usages',
      { organizationUuid: holder, systemUuid: system.body.uuid },
      bearer(admin),
    );
    expect(usage.status).toBe(201);
    const shared = await api.post<{ uuid: string }>(
      '/api/v2/it-interfaces',
      { organizationUuid: holder, name: 'Journalopslag', interfaceId: 'J-1', scope: 'Global' },
      bearer(admin),
    );
    expect(shared.status).toBe(201);
    expect((await api.delete(`/api/v2/it-system-usages/${usage.body.uuid}`, bearer(admin))).status).toBe(204);
    expect((await api.delete(`/api/v2/it-interfaces/${shared.body.uuid}`, bearer(admin))).status).toBe(204);

    const member = await sessionOf(api, await createUser(api, admin, [{ organizationUuid: holder, role: 'User' }]));
    const outsider = await sessionOf(api, await createUser(api, admin, [{ organizationUuid: orgA, role: 'User' }]));
    const uuidsOf = async (token: string, type: string) =>
      (
        await api.get<Deleted[]>(
          `/api/v2/delta-feed/deleted-entities?entityType=${type}&deletedSinceUTC=${encodeURIComponent(before)}`,
          bearer(token),
        )
      ).body.map((d) => d.entityUuid);
    expect(await uuidsOf(member, 'ItSystemUsage')).toEqual([usage.body.uuid]);
    expect(await uuidsOf(outsider, 'ItSystemUsage')).not.toContain(usage.body.uuid);
    expect(await uuidsOf(member, 'ItInterface')).toContain(shared.body.uuid);
    expect(await uuidsOf(outsider, 'ItInterface')).toContain(shared.body.uuid);
  });

  it('refuses an unknown entity type, a malformed time and anonymous callers', async () => {
    const unknown = await api.get<{ errors: Array<{ field: string }> }>(
      '/api/v2/delta-feed/deleted-entities?entityType=Foo',
      bearer(admin),
    );
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors.map((e) => e.field)).toContain('entityType');
    const badTime = await api.get<{ errors: Array<{ field: string }> }>(
      '/api/v2/delta-feed/deleted-entities?entityType=ItSystem&deletedSinceUTC=yesterday',
      bearer(admin),
    );
    expect(badTime.status).toBe(400);
    expect(badTime.body.errors.map((e) => e.field)).toContain('deletedSinceUTC');
    expect((await api.get('/api/v2/delta-feed/deleted-entities?entityType=ItSystem')).status).toBe(401);
  });
});
