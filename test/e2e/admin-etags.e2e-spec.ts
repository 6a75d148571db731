/**
 * Optimistic concurrency on the settings and administration resources (issue #18): each read answers an ETag, a write
 * with it succeeds and answers the next one, a write with the old one is refused with 412 and changes nothing, and a
 * write without If-Match (as KITOS clients send) still goes through. Also the audit log's total.
 */
import { eventually } from '@kitos/testing';
import { adminToken, bearer, createOrganization, createUser, sessionOf } from '../support/identity';
import { http, startSystem, type RunningSystem } from '../support/system';

type Api = ReturnType<typeof http>;
type Body = Record<string, unknown>;

describe('ETag / If-Match on the administration resources', () => {
  let system: RunningSystem;
  let api: Api;
  let admin: string;
  let org: string;
  let localAdmin: string;
  let localAdminUuid: string;

  const ga = () => bearer(admin);
  const la = () => bearer(localAdmin);
  const etagOf = (headers: Headers): string => {
    const etag = headers.get('etag');
    expect(etag).toMatch(/^"\d+"$/);
    return etag as string;
  };
  const next = (etag: string) => `"${Number(etag.replaceAll('"', '')) + 1}"`;

  /**
   * The round trip every resource passes: read → write with its ETag (200, the next ETag) → write again with the old
   * ETag (412, the resource as it was) → write without If-Match (200).
   */
  async function roundTrip(options: {
    read: () => Promise<{ etag: string; body: Body }>;
    write: (body: Body, headers: Record<string, string>) => Promise<{ status: number; headers: Headers; body: unknown }>;
    first: Body;
    second: Body;
    headers: () => Record<string, string>;
    shows: (body: Body) => unknown;
  }): Promise<void> {
    const before = await options.read();
    const written = await options.write(options.first, { ...options.headers(), 'if-match': before.etag });
    expect([written.status, written.headers.get('etag')]).toEqual([200, next(before.etag)]);
    const afterFirst = await options.read();
    expect(afterFirst.etag).toBe(next(before.etag));

    const stale = await options.write(options.second, { ...options.headers(), 'if-match': before.etag });
    expect(stale.status).toBe(412);
    expect(stale.headers.get('content-type')).toContain('application/problem+json');
    const unchanged = await options.read();
    expect(unchanged.etag).toBe(afterFirst.etag);
    expect(options.shows(unchanged.body)).toEqual(options.shows(afterFirst.body));

    const blind = await options.write(options.second, options.headers());
    expect(blind.status).toBe(200);
    const last = await options.read();
    expect(last.etag).toBe(next(afterFirst.etag));
    expect(options.shows(last.body)).not.toEqual(options.shows(afterFirst.body));
  }

  const reader = (path: string, headers: () => Record<string, string>) => async () => {
    const read = await api.get<Body>(path, headers());
    expect(read.status).toBe(200);
    return { etag: etagOf(read.headers), body: read.body };
  };

  beforeAll(async () => {
    system = await startSystem({ services: ['identity', 'catalog', 'contracts', 'reporting'] });
    api = http(system.gatewayUrl);
    admin = await adminToken(api);
    org = await createOrganization(api, admin);
    const user = await createUser(api, admin, [{ organizationUuid: org, role: 'LocalAdmin' }]);
    localAdminUuid = user.uuid;
    localAdmin = await sessionOf(api, user);
  });

  afterAll(async () => {
    await system?.close();
  });

  it('organisation units: PATCH with the unit tree’s ETag', async () => {
    const base = `/api/v2/organizations/${org}/organization-units`;
    const root = (await api.get<Array<{ uuid: string; parentOrganizationUnit: unknown }>>(base, la())).body.find(
      (u) => u.parentOrganizationUnit === null,
    );
    const created = await api.post<{ uuid: string }>(base, { name: 'Økonomi', parentUuid: root?.uuid }, la());
    expect(created.status).toBe(201);
    const path = `${base}/${created.body.uuid}`;
    await roundTrip({
      read: reader(path, la),
      write: (body, headers) => api.patch(path, body, headers),
      first: { name: 'Økonomi og løn' },
      second: { name: 'Løn' },
      headers: la,
      shows: (b) => b.name,
    });
  });

  it('organisation units: DELETE with a stale ETag is refused and the unit stays', async () => {
    const base = `/api/v2/organizations/${org}/organization-units`;
    const root = (await api.get<Array<{ uuid: string; parentOrganizationUnit: unknown }>>(base, la())).body.find(
      (u) => u.parentOrganizationUnit === null,
    );
    const created = await api.post<{ uuid: string }>(base, { name: 'Midlertidig', parentUuid: root?.uuid }, la());
    const path = `${base}/${created.body.uuid}`;
    const { etag } = await reader(path, la)();
    expect((await api.patch(path, { name: 'Midlertidig 2' }, la())).status).toBe(200);
    expect((await api.delete(path, { ...la(), 'if-match': etag })).status).toBe(412);
    expect((await api.get(path, la())).status).toBe(200);
    const current = (await reader(path, la)()).etag;
    expect((await api.delete(path, { ...la(), 'if-match': current })).status).toBe(204);
    expect((await api.get(path, la())).status).toBe(404);
  });

  it('users: PATCH, and DELETE and removal from the organisation refused when stale', async () => {
    const member = await createUser(api, admin, [{ organizationUuid: org, role: 'User' }]);
    const path = `/api/v2/users/${member.uuid}`;
    await roundTrip({
      read: reader(path, ga),
      write: (body, headers) => api.patch(path, body, headers),
      first: { firstName: 'Anna' },
      second: { firstName: 'Berit' },
      headers: ga,
      shows: (b) => b.firstName,
    });
    const inOrg = `/api/v2/organizations/${org}/users/${member.uuid}`;
    const { etag } = await reader(inOrg, la)();
    expect((await api.patch(path, { lastName: 'Jensen' }, ga())).status).toBe(200);
    expect((await api.delete(inOrg, { ...la(), 'if-match': etag })).status).toBe(412);
    expect((await api.get(inOrg, la())).status).toBe(200);
    expect((await api.delete(path, { ...ga(), 'if-match': etag })).status).toBe(412);
    const current = (await reader(inOrg, la)()).etag;
    expect((await api.delete(inOrg, { ...la(), 'if-match': current })).status).toBe(204);
    expect((await api.get(inOrg, la())).status).toBe(404);
    expect((await api.delete(path, ga())).status).toBe(204);
  });

  it('organisations: DELETE refused when stale, then with the current ETag', async () => {
    const doomed = await createOrganization(api, admin);
    const path = `/api/v2/organizations/${doomed}`;
    const { etag } = await reader(path, ga)();
    expect((await api.patch(path, { phone: '12345678' }, ga())).status).toBe(200);
    expect((await api.delete(path, { ...ga(), 'if-match': etag })).status).toBe(412);
    expect((await api.get(path, ga())).status).toBe(200);
    expect((await api.delete(path, { ...ga(), 'if-match': next(etag) })).status).toBe(204);
    expect((await api.get(path, ga())).status).toBe(404);
  });

  it('role types: PATCH globally and locally, with the role’s version as ETag', async () => {
    const roles = await api.get<Array<{ uuid: string; version: number }>>('/api/v2/role-types?objectType=ItContract', ga());
    const role = roles.body[0];
    const byUuid = async (path: string, headers: Record<string, string>) =>
      (await api.get<Array<Body & { uuid: string; version: number }>>(path, headers)).body.find((r) => r.uuid === role.uuid) as Body & {
        version: number;
      };
    await roundTrip({
      read: async () => {
        const found = await byUuid('/api/v2/role-types?objectType=ItContract', ga());
        return { etag: `"${found.version}"`, body: found };
      },
      write: (body, headers) => api.patch(`/api/v2/role-types/${role.uuid}`, body, headers),
      first: { description: 'Første beskrivelse' },
      second: { description: 'Anden beskrivelse' },
      headers: ga,
      shows: (b) => b.description,
    });
    const local = `/api/v2/organizations/${org}/role-types`;
    await roundTrip({
      read: async () => {
        const found = await byUuid(`${local}?objectType=ItContract`, la());
        return { etag: `"${found.version}"`, body: found };
      },
      write: (body, headers) => api.patch(`${local}/${role.uuid}`, body, headers),
      first: { isLocallyEnabled: false },
      second: { isLocallyEnabled: true },
      headers: la,
      shows: (b) => b.isLocallyEnabled,
    });
  });

  it('local option types: PATCH from "0" (no setting yet) on', async () => {
    const options = await api.get<Array<{ uuid: string; isObligatory: boolean }>>(
      `/api/v2/organizations/${org}/option-types/business-types`,
      la(),
    );
    const option = options.body.find((o) => !o.isObligatory) as { uuid: string };
    const path = `/api/v2/organizations/${org}/option-types/business-types/${option.uuid}`;
    expect((await reader(path, la)()).etag).toBe('"0"');
    await roundTrip({
      read: reader(path, la),
      write: (body, headers) => api.patch(path, body, headers),
      first: { description: 'Lokal 1' },
      second: { description: 'Lokal 2' },
      headers: la,
      shows: (b) => b.localDescription,
    });
  });

  it('sharing settings and reminder settings: PUT from "0" (never saved) on', async () => {
    const sharing = `/api/v2/organizations/${org}/sharing-settings`;
    expect((await reader(sharing, la)()).etag).toBe('"0"');
    await roundTrip({
      read: reader(sharing, la),
      write: (body, headers) => api.put(sharing, body, headers),
      first: { shareContractEconomy: false },
      second: { shareContractEconomy: true },
      headers: la,
      shows: (b) => b.shareContractEconomy,
    });
    const reminders = `/api/v2/organizations/${org}/reminder-settings`;
    expect((await reader(reminders, la)()).etag).toBe('"0"');
    await roundTrip({
      read: reader(reminders, la),
      write: (body, headers) => api.put(reminders, body, headers),
      first: { to: { emails: ['a@kommune.dk'] } },
      second: { to: { emails: ['b@kommune.dk'] } },
      headers: la,
      shows: (b) => b.to,
    });
  });

  it('SCIM group mappings: PUT from "0" (never written) on', async () => {
    const path = `/api/v2/organizations/${org}/scim-group-mappings`;
    expect((await reader(path, la)()).etag).toBe('"0"');
    await roundTrip({
      read: reader(path, la),
      write: (body, headers) => api.put(path, body, headers),
      first: { mappings: [{ displayName: 'KITOS Brugere', role: 'User' }] },
      second: { mappings: [{ displayName: 'KITOS Lokaladministratorer', role: 'LocalAdmin' }] },
      headers: la,
      shows: (b) => b.mappings,
    });
    // a stale "0" after the first write: the conditional insert finds the document there and refuses
    const stale = await api.put(path, { mappings: [] }, { ...la(), 'if-match': '"0"' });
    expect(stale.status).toBe(412);
    expect(((await reader(path, la)()).body.mappings as unknown[]).length).toBe(1);
  });

  it('webhooks: PATCH, and DELETE refused when stale', async () => {
    const created = await api.post<{ uuid: string }>(
      '/api/v2/webhooks',
      { organizationUuid: org, url: 'http://127.0.0.1:9/hook', topics: ['catalog.it-system.*'], active: false },
      la(),
    );
    expect(created.status).toBe(201);
    const path = `/api/v2/webhooks/${created.body.uuid}`;
    expect((await reader(path, la)()).etag).toBe('"1"');
    await roundTrip({
      read: reader(path, la),
      write: (body, headers) => api.patch(path, body, headers),
      first: { topics: ['catalog.it-system.created'] },
      second: { topics: ['catalog.it-system.updated'] },
      headers: la,
      shows: (b) => b.topics,
    });
    expect((await api.delete(path, { ...la(), 'if-match': '"1"' })).status).toBe(412);
    expect((await api.get(path, la())).status).toBe(200);
    expect((await api.delete(path, { ...la(), 'if-match': (await reader(path, la)()).etag })).status).toBe(204);
    expect((await api.get(path, la())).status).toBe(404);
  });

  it('report views: PATCH, and DELETE refused when stale', async () => {
    const created = await eventually(async () => {
      const answer = await api.post<{ uuid: string }>(
        '/api/v2/report-views',
        { organizationUuid: org, report: 'it-system-usages', name: 'Min visning' },
        la(),
      );
      expect(answer.status).toBe(201); // reporting knows the organisation once its event arrived
      return answer.body;
    });
    const path = `/api/v2/report-views/${created.uuid}`;
    await roundTrip({
      read: reader(path, la),
      write: (body, headers) => api.patch(path, body, headers),
      first: { name: 'Første navn' },
      second: { name: 'Andet navn' },
      headers: la,
      shows: (b) => b.name,
    });
    expect((await api.delete(path, { ...la(), 'if-match': '"1"' })).status).toBe(412);
    expect((await api.get(path, la())).status).toBe(200);
    expect((await api.delete(path, { ...la(), 'if-match': (await reader(path, la)()).etag })).status).toBe(204);
  });

  it('the data-quality rule pack: PUT with If-Match next to the body’s version', async () => {
    const path = '/api/v2/data-quality/rule-pack';
    const read = reader(path, ga);
    const withRules = async (disabled: boolean) => {
      const { body } = await read();
      const rules = (body.rules as Body[]).map((r, i) => (i === 0 ? { ...r, enabled: !disabled } : r));
      return { version: body.version, rules };
    };
    const before = await read();
    const first = await withRules(true);
    const written = await api.put(path, first, { ...ga(), 'if-match': before.etag });
    expect([written.status, written.headers.get('etag')]).toEqual([200, next(before.etag)]);
    const stale = await api.put(path, { ...(await withRules(false)), version: first.version }, { ...ga(), 'if-match': before.etag });
    expect(stale.status).toBe(412);
    expect((await read()).etag).toBe(next(before.etag));
    const blind = await api.put(path, await withRules(false), ga());
    expect([blind.status, blind.headers.get('etag')]).toEqual([200, next(next(before.etag))]);
  });

  it('the audit log answers how many entries match in all, whatever the page', async () => {
    const member = await createUser(api, admin, [{ organizationUuid: org, role: 'User' }]);
    for (let i = 0; i < 5; i++) await sessionOf(api, member);
    const path = `/api/v2/organizations/${org}/audit-log?action=login.succeeded&actorUserUuid=${member.uuid}&limit=2`;
    const first = await api.get<unknown[]>(path, la());
    expect([first.status, first.headers.get('x-total-count'), first.body.length]).toEqual([200, '5', 2]);
    const last = await api.get<unknown[]>(`${path}&page=2`, la());
    expect([last.headers.get('x-total-count'), last.body.length]).toEqual(['5', 1]);
    const all = await api.get<unknown[]>(path.replace('&limit=2', ''), la());
    expect([all.headers.get('x-total-count'), all.body.length]).toEqual(['5', 5]);
    const other = await api.get<unknown[]>(
      `/api/v2/organizations/${org}/audit-log?action=login.succeeded&actorUserUuid=${localAdminUuid}`,
      la(),
    );
    expect([other.headers.get('x-total-count'), other.body.length]).toEqual(['1', 1]);
  });
});
