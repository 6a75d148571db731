import { randomUUID } from 'node:crypto';
import { connect, type NatsConnection } from 'nats';
import { natsConnectionOptions } from '@kitos/messaging';
import { eventually, resetJetStream } from '@kitos/testing';
import { adminToken, bearer, createOrganization, createUser, sessionOf, type TestUser } from '../support/identity';
import { http, startSystem, type HttpResult, type RunningSystem } from '../support/system';

jest.setTimeout(300_000);

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error';
const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
const GROUP_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Group';

/**
 * SCIM 2.0 provisioning through the gateway, as an identity management system (Entra ID, OS2rollekatalog) drives it:
 * users and groups created, changed, deactivated and deleted with one organisation's credential; the rights that follow
 * from group membership seen through the normal API and in the users' own tokens; credentials of other organisations,
 * wrong and revoked ones refused.
 */
describe('SCIM provisioning at /scim/v2', () => {
  let system: RunningSystem;
  let api: ReturnType<typeof http>;
  let admin: string;
  let orgA: string;
  let orgB: string;
  let adminA: string;
  let adminB: string;
  let secretA: string;
  let secretB: string;
  let nc: NatsConnection;

  /** The identity events about one user, in stream order. */
  const userEvents = async (uuid: string): Promise<Json[]> => {
    const jsm = await nc.jetstreamManager();
    const info = await jsm.streams.info('IDENTITY');
    const events: Json[] = [];
    for (let seq = info.state.first_seq; seq <= info.state.last_seq; seq++) {
      const message = await jsm.streams.getMessage('IDENTITY', { seq }).catch(() => null);
      if (!message) continue;
      const event = JSON.parse(new TextDecoder().decode(message.data)) as Json;
      if (event.aggregate.uuid === uuid) events.push(event);
    }
    return events;
  };

  /** A SCIM client: application/scim+json, the credential as bearer token. */
  const scim = async (method: string, path: string, secret: string | null, body?: unknown): Promise<HttpResult<Json>> => {
    const response = await fetch(`${system.gatewayUrl}${path}`, {
      method,
      headers: {
        accept: 'application/scim+json',
        ...(body !== undefined ? { 'content-type': 'application/scim+json' } : {}),
        ...(secret ? { authorization: `Bearer ${secret}` } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: text ? (JSON.parse(text) as Json) : {} };
  };
  const patchOp = (...Operations: Json[]) => ({ schemas: [PATCH_OP], Operations });
  const newUser = (extra: Json = {}) => {
    const id = randomUUID().slice(0, 8);
    return {
      schemas: [USER_SCHEMA],
      userName: `anna.${id}@kommune.example`,
      externalId: `ext-${id}`,
      name: { givenName: 'Anna', familyName: `Berg ${id}` },
      emails: [{ value: `anna.${id}@kommune.example`, type: 'work', primary: true }],
      active: true,
      ...extra,
    };
  };
  const userViaApi = async (uuid: string) => (await api.get<Json>(`/api/v2/users/${uuid}`, bearer(admin))).body;
  const rightsIn = async (uuid: string, org: string) =>
    ((await userViaApi(uuid)).rights as Json[])
      .filter((r) => r.organizationUuid === org)
      .map((r) => r.role)
      .sort();
  const expectScimError = (result: HttpResult<Json>, status: number, scimType?: string) => {
    expect(result.status).toBe(status);
    expect(result.headers.get('content-type')).toContain('application/scim+json');
    expect(result.body).toMatchObject({ schemas: [ERROR], status: String(status), ...(scimType ? { scimType } : {}) });
    expect(typeof result.body.detail).toBe('string');
  };

  beforeAll(async () => {
    await resetJetStream();
    system = await startSystem({ services: ['identity'] });
    nc = await connect(natsConnectionOptions(system.env.NATS_URL as string));
    api = http(system.gatewayUrl);
    admin = await adminToken(api);
    orgA = await createOrganization(api, admin);
    orgB = await createOrganization(api, admin);
    adminA = await sessionOf(api, await createUser(api, admin, [{ organizationUuid: orgA, role: 'LocalAdmin' }]));
    adminB = await sessionOf(api, await createUser(api, admin, [{ organizationUuid: orgB, role: 'LocalAdmin' }]));
  });
  afterAll(async () => {
    await nc?.close();
    await system?.close();
  });

  describe('credentials', () => {
    it('are created by the local administrator, shown once, listed without secret, one at a time', async () => {
      const created = await api.post<Json>(`/api/v2/organizations/${orgA}/scim-credentials`, { description: 'Entra ID' }, bearer(adminA));
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ organizationUuid: orgA, description: 'Entra ID', revokedAt: null });
      expect(created.body.secret).toMatch(/^kitos-scim_[\w-]{43}$/);
      secretA = created.body.secret;
      const listed = await api.get<Json[]>(`/api/v2/organizations/${orgA}/scim-credentials`, bearer(adminA));
      expect(listed.status).toBe(200);
      expect(listed.body).toHaveLength(1);
      expect(listed.body[0].uuid).toBe(created.body.uuid);
      expect(listed.body[0]).not.toHaveProperty('secret');
      expect(JSON.stringify(listed.body)).not.toContain(secretA);
      expect((await api.post(`/api/v2/organizations/${orgA}/scim-credentials`, {}, bearer(adminA))).status).toBe(409);
      secretB = (await api.post<Json>(`/api/v2/organizations/${orgB}/scim-credentials`, {}, bearer(adminB))).body.secret;
      expect(secretB).toBeDefined();
    });

    it("refuses to let anyone but the organisation's local administrators manage them", async () => {
      expect((await api.post(`/api/v2/organizations/${orgA}/scim-credentials`, {}, bearer(adminB))).status).toBe(403);
      expect((await api.get(`/api/v2/organizations/${orgB}/scim-credentials`, bearer(adminA))).status).toBe(403);
      const member = await sessionOf(api, await createUser(api, admin, [{ organizationUuid: orgA, role: 'User' }]));
      expect((await api.get(`/api/v2/organizations/${orgA}/scim-group-mappings`, bearer(member))).status).toBe(403);
    });

    it('refuses SCIM requests without, with a wrong or with a KITOS token instead of a credential (401, SCIM error)', async () => {
      expectScimError(await scim('GET', '/scim/v2/Users', null), 401);
      expectScimError(await scim('GET', '/scim/v2/Users', `kitos-scim_${'x'.repeat(43)}`), 401);
      expectScimError(await scim('GET', '/scim/v2/Users', adminA), 401);
    });

    it("refuses a credential on another organisation's base URL with 403", async () => {
      expectScimError(await scim('GET', `/scim/v2/organizations/${orgA}/Users`, secretB), 403);
      expect((await scim('GET', `/scim/v2/organizations/${orgA}/Users`, secretA)).status).toBe(200);
    });
  });

  describe('discovery', () => {
    it('answers ServiceProviderConfig, ResourceTypes and Schemas as application/scim+json', async () => {
      const config = await scim('GET', '/scim/v2/ServiceProviderConfig', null);
      expect(config.status).toBe(200);
      expect(config.headers.get('content-type')).toContain('application/scim+json');
      expect(config.body).toMatchObject({
        patch: { supported: true },
        filter: { supported: true, maxResults: 200 },
        bulk: { supported: false },
      });
      const types = await scim('GET', '/scim/v2/ResourceTypes', null);
      expect(types.body.Resources.map((r: Json) => r.endpoint)).toEqual(['/Users', '/Groups']);
      const schemas = await scim('GET', '/scim/v2/Schemas', null);
      expect(schemas.body.Resources.map((r: Json) => r.id)).toEqual([USER_SCHEMA, GROUP_SCHEMA]);
      expect((await scim('GET', `/scim/v2/Schemas/${USER_SCHEMA}`, null)).body.name).toBe('User');
      expectScimError(await scim('GET', '/scim/v2/Schemas/urn:nothing', null), 404);
    });
  });

  describe('the provisioning flow of an identity management system', () => {
    let user: TestUser;
    let userId: string;
    let groupId: string;
    let token: string;
    const password = 'provisioned password 1';

    it('maps a group to an organisation role (local administrator, normal API)', async () => {
      const put = await api.put<Json>(
        `/api/v2/organizations/${orgA}/scim-group-mappings`,
        { mappings: [{ displayName: 'KITOS Lokaladministratorer', role: 'LocalAdmin' }] },
        bearer(adminA),
      );
      expect(put.status).toBe(200);
      expect((await api.get<Json>(`/api/v2/organizations/${orgA}/scim-group-mappings`, bearer(adminA))).body.mappings).toEqual([
        { displayName: 'KITOS Lokaladministratorer', role: 'LocalAdmin' },
      ]);
      const bad = await api.put<Json>(
        `/api/v2/organizations/${orgA}/scim-group-mappings`,
        { mappings: [{ displayName: 'x', role: 'RightsHolderAccess' }] },
        bearer(adminA),
      );
      expect(bad.status).toBe(400);
    });

    it('creates a user, who then holds User in the organisation and can sign in', async () => {
      const body = newUser({ password });
      const created = await scim('POST', '/scim/v2/Users', secretA, body);
      expect(created.status).toBe(201);
      expect(created.headers.get('content-type')).toContain('application/scim+json');
      userId = created.body.id;
      expect(created.headers.get('location')).toBe(`${system.gatewayUrl}/scim/v2/Users/${userId}`);
      expect(created.body).toMatchObject({
        schemas: [USER_SCHEMA],
        userName: body.userName,
        externalId: body.externalId,
        active: true,
        name: { givenName: 'Anna', familyName: body.name.familyName },
        emails: [{ value: body.userName, primary: true }],
        groups: [],
        meta: { resourceType: 'User', location: `${system.gatewayUrl}/scim/v2/Users/${userId}` },
      });
      expect(created.body).not.toHaveProperty('password');
      expect(await rightsIn(userId, orgA)).toEqual(['User']);
      user = { uuid: userId, email: body.userName, password };
      token = await sessionOf(api, user);
      expect((await api.get(`/api/v2/organizations/${orgA}/audit-log`, bearer(token))).status).toBe(403);
      expectScimError(
        await scim('POST', '/scim/v2/Users', secretA, { ...newUser(), userName: body.userName.toUpperCase() }),
        409,
        'uniqueness',
      );
    });

    it('gives the members of a mapped group its role: in the API and in their token on the next request', async () => {
      const created = await scim('POST', '/scim/v2/Groups', secretA, {
        schemas: [GROUP_SCHEMA],
        displayName: 'KITOS Lokaladministratorer',
      });
      expect(created.status).toBe(201);
      groupId = created.body.id;
      expect(created.body).toMatchObject({ displayName: 'KITOS Lokaladministratorer', members: [] });
      const added = await scim(
        'PATCH',
        `/scim/v2/Groups/${groupId}`,
        secretA,
        patchOp({ op: 'Add', path: 'members', value: [{ value: userId }] }),
      );
      expect(added.status).toBe(200);
      expect(added.body.members).toEqual([{ value: userId, type: 'User' }]);
      expect(await rightsIn(userId, orgA)).toEqual(['LocalAdmin', 'User']);
      expect((await api.get(`/api/v2/organizations/${orgA}/audit-log`, bearer(token))).status).toBe(200);
      expect((await scim('GET', `/scim/v2/Users/${userId}`, secretA)).body.groups).toEqual([
        { value: groupId, display: 'KITOS Lokaladministratorer', type: 'direct' },
      ]);
    });

    it('takes the role away when the user leaves the group', async () => {
      const removed = await scim(
        'PATCH',
        `/scim/v2/Groups/${groupId}`,
        secretA,
        patchOp({ op: 'remove', path: `members[value eq "${userId}"]` }),
      );
      expect(removed.status).toBe(200);
      expect(await rightsIn(userId, orgA)).toEqual(['User']);
      expect((await api.get(`/api/v2/organizations/${orgA}/audit-log`, bearer(token))).status).toBe(403);
      const back = await scim('PUT', `/scim/v2/Groups/${groupId}`, secretA, {
        schemas: [GROUP_SCHEMA],
        displayName: 'KITOS Lokaladministratorer',
        members: [{ value: userId }],
      });
      expect(back.status).toBe(200);
      expect(await rightsIn(userId, orgA)).toEqual(['LocalAdmin', 'User']);
    });

    it('patches attributes, which the normal API shows', async () => {
      const patched = await scim(
        'PATCH',
        `/scim/v2/Users/${userId}`,
        secretA,
        patchOp(
          { op: 'replace', path: 'name.familyName', value: 'Holm' },
          { op: 'replace', value: { externalId: 'ext-new', displayName: 'Anna Holm' } },
          { op: 'add', path: 'phoneNumbers[type eq "work"].value', value: '+45 12345678' },
        ),
      );
      expect(patched.status).toBe(200);
      expect(patched.body).toMatchObject({ name: { familyName: 'Holm' }, externalId: 'ext-new', displayName: 'Anna Holm' });
      expect(await userViaApi(userId)).toMatchObject({ lastName: 'Holm', firstName: 'Anna', phoneNumber: '+45 12345678' });
      expectScimError(
        await scim(
          'PATCH',
          `/scim/v2/Users/${userId}`,
          secretA,
          patchOp({ op: 'replace', path: 'emails[type eq "work"].value', value: 'other@x.dk' }),
        ),
        400,
        'mutability',
      );
      expectScimError(await scim('PATCH', `/scim/v2/Users/${userId}`, secretA, { Operations: [] }), 400, 'invalidSyntax');
    });

    it('deactivates the user: every right in the organisation goes, and their token stops working on the next request', async () => {
      const deactivated = await scim(
        'PATCH',
        `/scim/v2/Users/${userId}`,
        secretA,
        patchOp({ op: 'Replace', path: 'active', value: 'False' }),
      );
      expect(deactivated.status).toBe(200);
      expect(deactivated.body.active).toBe(false);
      expect(await rightsIn(userId, orgA)).toEqual([]);
      expect((await api.get(`/api/v2/organizations/${orgA}/audit-log`, bearer(token))).status).toBe(401);
      // back again: the group still holds the user, so the mapped role returns with the base role
      const activated = await scim('PATCH', `/scim/v2/Users/${userId}`, secretA, patchOp({ op: 'replace', value: { active: true } }));
      expect(activated.body.active).toBe(true);
      expect(await rightsIn(userId, orgA)).toEqual(['LocalAdmin', 'User']);
    });

    it('deletes the user: gone from SCIM and from the groups, rights removed, the user and its history kept', async () => {
      expect((await scim('DELETE', `/scim/v2/Users/${userId}`, secretA)).status).toBe(204);
      expectScimError(await scim('GET', `/scim/v2/Users/${userId}`, secretA), 404);
      expect((await scim('GET', `/scim/v2/Groups/${groupId}`, secretA)).body.members).toEqual([]);
      const kept = await api.get<Json>(`/api/v2/users/${userId}`, bearer(admin));
      expect(kept.status).toBe(200);
      expect(kept.body.rights).toEqual([]);
      const audit = await api.get<Json[]>(`/api/v2/organizations/${orgA}/audit-log?limit=200`, bearer(adminA));
      const about = audit.body.filter((e) => e.subjectUuid === userId).map((e) => `${e.action} ${e.detail}`);
      expect(about).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/^scim\.user\.changed SCIM: user provisioned/),
          expect.stringMatching(/^rights\.changed granted LocalAdmin/),
          expect.stringMatching(/^scim\.user\.changed SCIM: user deactivated/),
          expect.stringMatching(/^scim\.user\.changed SCIM: user deleted/),
        ]),
      );
    });

    it('emits the same user events as the API, through the outbox', async () => {
      const events = await eventually(async () => {
        const found = await userEvents(userId);
        expect(found.filter((e) => e.type === 'identity.user.updated').length).toBeGreaterThanOrEqual(8);
        return found;
      });
      expect(events[0]).toMatchObject({ type: 'identity.user.created', actor: { kind: 'system' }, aggregate: { version: 1 } });
      expect(events[0].data.user.rights).toEqual([{ organizationUuid: orgA, role: 'User' }]);
      const rights = events.filter((e) => e.data.changes?.some((c: Json) => c.field === 'rights')).map((e) => e.data.user.rights.length);
      // granted LocalAdmin, removed, granted again, all removed (deactivated), User and LocalAdmin back, all removed (deleted)
      expect(rights).toEqual([2, 1, 2, 0, 1, 2, 0]);
      expect(events.map((e) => e.aggregate.version)).toEqual(events.map((_, i) => i + 1));
    });

    it('provisions the same person again after the delete', async () => {
      const again = await scim('POST', '/scim/v2/Users', secretA, newUser({ userName: user.email, emails: [{ value: user.email }] }));
      expect(again.status).toBe(201);
      expect(again.body.id).toBe(userId);
      expect(await rightsIn(userId, orgA)).toEqual(['User']);
    });
  });

  describe('filters and paging', () => {
    const made: Json[] = [];

    beforeAll(async () => {
      for (let i = 0; i < 3; i++) made.push((await scim('POST', '/scim/v2/Users', secretB, newUser({ displayName: `Pager ${i}` }))).body);
      await scim('POST', '/scim/v2/Groups', secretB, {
        schemas: [GROUP_SCHEMA],
        displayName: 'Systemadministratorer',
        externalId: 'g-ext',
      });
    });

    it('finds users by userName (case-insensitively), externalId and displayName', async () => {
      const byName = await scim(
        'GET',
        `/scim/v2/Users?filter=${encodeURIComponent(`userName eq "${made[1].userName.toUpperCase()}"`)}`,
        secretB,
      );
      expect(byName.status).toBe(200);
      expect(byName.body).toMatchObject({ totalResults: 1, startIndex: 1, itemsPerPage: 1 });
      expect(byName.body.Resources[0].id).toBe(made[1].id);
      const byExternal = await scim('GET', `/scim/v2/Users?filter=${encodeURIComponent(`externalId eq "${made[2].externalId}"`)}`, secretB);
      expect(byExternal.body.Resources.map((r: Json) => r.id)).toEqual([made[2].id]);
      const byDisplay = await scim('GET', `/scim/v2/Users?filter=${encodeURIComponent('displayName eq "pager 0"')}`, secretB);
      expect(byDisplay.body.Resources.map((r: Json) => r.id)).toEqual([made[0].id]);
      const none = await scim('GET', `/scim/v2/Users?filter=${encodeURIComponent('userName eq "nobody@x.dk"')}`, secretB);
      expect(none.body).toMatchObject({ totalResults: 0, itemsPerPage: 0, Resources: [] });
    });

    it('finds groups by displayName, and leaves members out when asked', async () => {
      const found = await scim(
        'GET',
        `/scim/v2/Groups?filter=${encodeURIComponent('displayName eq "systemadministratorer"')}&excludedAttributes=members`,
        secretB,
      );
      expect(found.body.totalResults).toBe(1);
      expect(found.body.Resources[0]).toMatchObject({ displayName: 'Systemadministratorer', externalId: 'g-ext' });
      expect(found.body.Resources[0]).not.toHaveProperty('members');
    });

    it('refuses filters it does not support with 400 invalidFilter', async () => {
      expectScimError(
        await scim('GET', `/scim/v2/Users?filter=${encodeURIComponent('userName co "anna"')}`, secretB),
        400,
        'invalidFilter',
      );
      expectScimError(await scim('GET', `/scim/v2/Users?filter=${encodeURIComponent('title eq "x"')}`, secretB), 400, 'invalidFilter');
      expectScimError(
        await scim('GET', `/scim/v2/Groups?filter=${encodeURIComponent('displayName eq "a" or displayName eq "b"')}`, secretB),
        400,
        'invalidFilter',
      );
    });

    it('pages with startIndex and count', async () => {
      const all = await scim('GET', '/scim/v2/Users', secretB);
      expect(all.body.totalResults).toBe(3);
      const first = await scim('GET', '/scim/v2/Users?startIndex=1&count=2', secretB);
      expect(first.body).toMatchObject({ totalResults: 3, startIndex: 1, itemsPerPage: 2 });
      const second = await scim('GET', '/scim/v2/Users?startIndex=3&count=2', secretB);
      expect(second.body).toMatchObject({ totalResults: 3, startIndex: 3, itemsPerPage: 1 });
      expect([...first.body.Resources, ...second.body.Resources].map((r: Json) => r.id)).toEqual(made.map((m) => m.id));
      expect((await scim('GET', '/scim/v2/Users?count=0', secretB)).body).toMatchObject({ totalResults: 3, itemsPerPage: 0 });
      expectScimError(await scim('GET', '/scim/v2/Users?count=many', secretB), 400);
    });
  });

  describe('tenant isolation', () => {
    it("keeps one organisation's credential away from another's users and groups", async () => {
      const userOfA = (await scim('POST', '/scim/v2/Users', secretA, newUser())).body;
      const groupOfA = (
        await scim('POST', '/scim/v2/Groups', secretA, { schemas: [GROUP_SCHEMA], displayName: `Isolated ${randomUUID()}` })
      ).body;
      expectScimError(await scim('GET', `/scim/v2/Users/${userOfA.id}`, secretB), 404);
      expectScimError(await scim('PUT', `/scim/v2/Users/${userOfA.id}`, secretB, newUser()), 404);
      expectScimError(
        await scim('PATCH', `/scim/v2/Users/${userOfA.id}`, secretB, patchOp({ op: 'replace', path: 'active', value: false })),
        404,
      );
      expectScimError(await scim('DELETE', `/scim/v2/Users/${userOfA.id}`, secretB), 404);
      expectScimError(await scim('GET', `/scim/v2/Groups/${groupOfA.id}`, secretB), 404);
      expectScimError(await scim('DELETE', `/scim/v2/Groups/${groupOfA.id}`, secretB), 404);
      const listed = await scim('GET', `/scim/v2/Users?filter=${encodeURIComponent(`userName eq "${userOfA.userName}"`)}`, secretB);
      expect(listed.body.totalResults).toBe(0);
      // B cannot pull A's user into its group, nor take over A's user by e-mail
      const groupOfB = (await scim('POST', '/scim/v2/Groups', secretB, { schemas: [GROUP_SCHEMA], displayName: `B ${randomUUID()}` })).body;
      expectScimError(
        await scim(
          'PATCH',
          `/scim/v2/Groups/${groupOfB.id}`,
          secretB,
          patchOp({ op: 'add', path: 'members', value: [{ value: userOfA.id }] }),
        ),
        400,
      );
      expectScimError(
        await scim('POST', '/scim/v2/Users', secretB, newUser({ userName: userOfA.userName, emails: undefined })),
        409,
        'uniqueness',
      );
      expect((await scim('GET', `/scim/v2/Users/${userOfA.id}`, secretA)).body.active).toBe(true);
      expect(await rightsIn(userOfA.id, orgB)).toEqual([]);
    });
  });

  describe('revocation and media types', () => {
    it('refuses a revoked credential from the next request on', async () => {
      const listed = await api.get<Json[]>(`/api/v2/organizations/${orgA}/scim-credentials`, bearer(adminA));
      const current = listed.body.find((c) => c.revokedAt === null)!;
      expect(current.lastUsedAt).not.toBeNull();
      expect((await api.delete(`/api/v2/organizations/${orgA}/scim-credentials/${current.uuid}`, bearer(adminA))).status).toBe(204);
      expectScimError(await scim('GET', '/scim/v2/Users', secretA), 401);
      expect((await api.delete(`/api/v2/organizations/${orgA}/scim-credentials/${current.uuid}`, bearer(adminA))).status).toBe(404);
      const renewed = await api.post<Json>(`/api/v2/organizations/${orgA}/scim-credentials`, {}, bearer(adminA));
      expect(renewed.status).toBe(201);
      expect((await scim('GET', '/scim/v2/Users', renewed.body.secret)).status).toBe(200);
    });

    it('accepts application/scim+json only on /scim routes and keeps the JSON hardening there', async () => {
      const elsewhere = await fetch(`${system.gatewayUrl}/api/v2/organizations`, {
        method: 'POST',
        headers: { 'content-type': 'application/scim+json', authorization: `Bearer ${admin}` },
        body: JSON.stringify({ name: 'x', organizationType: 'Municipality' }),
      });
      expect(elsewhere.status).toBe(415);
      const polluted = await fetch(`${system.gatewayUrl}/scim/v2/Users`, {
        method: 'POST',
        headers: { 'content-type': 'application/scim+json', authorization: `Bearer ${secretB}` },
        body: '{"userName":"a@b.dk","__proto__":{"x":1}}',
      });
      expect(polluted.status).toBe(400);
      const deep = await fetch(`${system.gatewayUrl}/scim/v2/Users`, {
        method: 'POST',
        headers: { 'content-type': 'application/scim+json', authorization: `Bearer ${secretB}` },
        body: `{"userName":${'['.repeat(40)}${']'.repeat(40)}}`,
      });
      expect(deep.status).toBe(400);
    });
  });
});
