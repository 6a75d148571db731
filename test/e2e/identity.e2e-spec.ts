import { randomUUID } from 'node:crypto';
import { eventually, resetJetStream } from '@kitos/testing';
import { http, startSystem, type RunningSystem } from '../support/system';

const ADMIN = { email: 'root@kommune.example', password: 'a-long-bootstrap-password' };
type Problem = { status: number; detail: string; errors?: Array<{ field: string }> };

describe('identity: organisations, users, login and tokens through the gateway', () => {
  let system: RunningSystem;
  let api: ReturnType<typeof http>;
  let adminToken: string;
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

  beforeAll(async () => {
    await resetJetStream();
    system = await startSystem({
      // copying and transferring roles also asks every service that holds per-object roles
      services: ['identity', 'catalog', 'contracts', 'gdpr', 'projects'],
      env: { KITOS_BOOTSTRAP_ADMIN_EMAIL: ADMIN.email, KITOS_BOOTSTRAP_ADMIN_PASSWORD: ADMIN.password, LOGIN_FREE_FAILURES: '3' },
    });
    api = http(system.gatewayUrl);
    adminToken = await eventually(async () => {
      const login = await api.post<{ token: string }>('/api/v2/auth/login', ADMIN);
      expect(login.status).toBe(200);
      return login.body.token;
    });
  });
  afterAll(() => system?.close());

  async function createOrganization(cvr?: string) {
    const result = await api.post<{ uuid: string }>(
      '/api/v2/organizations',
      { name: `Kommune ${randomUUID().slice(0, 8)}`, organizationType: 'Municipality', ...(cvr ? { cvr } : {}) },
      bearer(adminToken),
    );
    expect(result.status).toBe(201);
    return result.body.uuid;
  }

  async function createUser(organizationUuid: string, options: { api?: boolean; role?: string } = {}) {
    const email = `u-${randomUUID()}@kommune.example`;
    const password = 'correct horse battery';
    const result = await api.post<{ uuid: string }>(
      '/api/v2/users',
      {
        firstName: 'Test',
        lastName: 'Bruger',
        email,
        password,
        hasApiAccess: options.api ?? false,
        rights: [{ organizationUuid, role: options.role ?? 'User' }],
      },
      bearer(adminToken),
    );
    expect(result.status).toBe(201);
    return { uuid: result.body.uuid, email, password };
  }

  it('the bootstrap global admin logs in and the token validates against the published keys', async () => {
    const validation = await api.post<{ active: boolean; claims: Array<{ type: string; value: string }> }>('/api/v2/token/validate', {
      token: adminToken,
    });
    expect(validation.status).toBe(200);
    expect(validation.body.active).toBe(true);
    expect(validation.body.claims).toEqual(expect.arrayContaining([{ type: 'CanPublish', value: 'true' }]));
    const jwks = await api.get<{ keys: Array<{ kid: string; kty: string; d?: string }> }>('/api/v2/auth/jwks');
    const kid = JSON.parse(Buffer.from(adminToken.split('.')[0], 'base64url').toString()).kid;
    expect(jwks.body.keys.map((k) => k.kid)).toContain(kid);
    expect(jwks.body.keys.every((k) => k.kty === 'EC' && k.d === undefined)).toBe(true);
  });

  it('only a global admin creates organisations; the CVR must be valid and unique', async () => {
    const body = { name: 'Aarhus Kommune', cvr: '55133018', organizationType: 'Municipality' };
    expect((await api.post('/api/v2/organizations', body)).status).toBe(401);
    const someOrg = await createOrganization();
    const localAdmin = await createUser(someOrg, { role: 'LocalAdmin' });
    const localAdminToken = (
      await api.post<{ token: string }>('/api/v2/auth/login', { email: localAdmin.email, password: localAdmin.password })
    ).body.token;
    expect((await api.post('/api/v2/organizations', body, bearer(localAdminToken))).status).toBe(403);
    const created = await api.post<{ uuid: string; cvr: string }>('/api/v2/organizations', body, bearer(adminToken));
    expect(created.status).toBe(201);
    expect(created.body.cvr).toBe('55133018');
    expect((await api.post('/api/v2/organizations', { ...body, name: 'Another' }, bearer(adminToken))).status).toBe(409);
    const invalid = await api.post<Problem>('/api/v2/organizations', { ...body, cvr: '55133019' }, bearer(adminToken));
    expect(invalid.status).toBe(400);
    expect(invalid.body.errors?.map((e) => e.field)).toEqual(['cvr']);
  });

  it('master data is shown to members only; name, CVR and type to everyone', async () => {
    const org = await createOrganization();
    const member = await createUser(org);
    const session = (await api.post<{ token: string }>('/api/v2/auth/login', { email: member.email, password: member.password })).body
      .token;
    expect((await api.get<{ masterData: unknown }>(`/api/v2/organizations/${org}`, bearer(session))).body.masterData).not.toBeNull();
    const outsider = await createUser(await createOrganization());
    const outsiderSession = (
      await api.post<{ token: string }>('/api/v2/auth/login', { email: outsider.email, password: outsider.password })
    ).body.token;
    expect(
      (await api.get<{ masterData: unknown; name: string }>(`/api/v2/organizations/${org}`, bearer(outsiderSession))).body,
    ).toMatchObject({ masterData: null });
  });

  it('API tokens go to API users only, and API users get no session', async () => {
    const org = await createOrganization();
    const apiUser = await createUser(org, { api: true });
    const plainUser = await createUser(org);
    const token = await api.post<{ token: string; loginSuccessful: boolean; email: string; expires: string }>('/api/authorize/GetToken', {
      email: apiUser.email,
      password: apiUser.password,
    });
    expect(token.status).toBe(200);
    expect(token.body).toMatchObject({ loginSuccessful: true, email: apiUser.email });
    expect(new Date(token.body.expires).getTime()).toBeGreaterThan(Date.now());
    expect((await api.post('/api/authorize/GetToken', { email: plainUser.email, password: plainUser.password })).status).toBe(401);
    expect((await api.post('/api/v2/auth/login', { email: apiUser.email, password: apiUser.password })).status).toBe(401);
    expect((await api.get(`/api/v2/users/${apiUser.uuid}`, bearer(token.body.token))).status).toBe(200);
  });

  it('answers an unknown e-mail exactly like a wrong password, and slows down repeated failures without locking the account', async () => {
    const org = await createOrganization();
    const user = await createUser(org);
    const unknown = await api.post<Problem>('/api/v2/auth/login', {
      email: `nobody-${randomUUID()}@kommune.example`,
      password: 'whatever it is',
    });
    const wrong = await api.post<Problem>('/api/v2/auth/login', { email: user.email, password: 'not the password' });
    expect([unknown.status, wrong.status]).toEqual([401, 401]);
    expect(unknown.body.detail).toBe(wrong.body.detail);
    await api.post('/api/v2/auth/login', { email: user.email, password: 'not the password' });
    await api.post('/api/v2/auth/login', { email: user.email, password: 'not the password' });
    const held = await api.post<Problem>('/api/v2/auth/login', { email: user.email, password: user.password });
    expect(held.status).toBe(429);
    const retryAfter = Number(held.headers.get('retry-after'));
    expect(retryAfter).toBe(1);
    // not locked: after the short delay the right password signs in, from the same address
    await new Promise((r) => setTimeout(r, retryAfter * 1000 + 100));
    expect((await api.post('/api/v2/auth/login', { email: user.email, password: user.password })).status).toBe(200);
  });

  it('refuses a tampered, malformed or foreign token with 401, and validate answers 403', async () => {
    const [header, payload, signature] = adminToken.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const tampered = `${header}.${Buffer.from(JSON.stringify({ ...claims, sub: randomUUID() })).toString('base64url')}.${signature}`;
    expect((await api.get('/api/v2/it-systems', bearer(tampered))).status).toBe(401);
    expect((await api.get('/api/v2/it-systems', bearer('garbage'))).status).toBe(401);
    expect((await api.get('/api/v2/it-systems', { authorization: 'Basic abc' })).status).toBe(401);
    expect((await api.post('/api/v2/token/validate', { token: tampered })).status).toBe(403);
  });

  async function tokenOf(user: { email: string; password: string }, asApiUser = false) {
    const result = asApiUser
      ? await api.post<{ token: string }>('/api/authorize/GetToken', { email: user.email, password: user.password })
      : await api.post<{ token: string }>('/api/v2/auth/login', { email: user.email, password: user.password });
    expect(result.status).toBe(200);
    return result.body.token;
  }

  it('revoking API access makes an existing API token fail with 403 at once; deleting the user makes it 401', async () => {
    const org = await createOrganization();
    const apiUser = await createUser(org, { api: true });
    const token = await tokenOf(apiUser, true);
    expect((await api.get(`/api/v2/organizations/${org}/users`, bearer(token))).status).toBe(200);
    expect((await api.patch(`/api/v2/users/${apiUser.uuid}`, { hasApiAccess: false }, bearer(adminToken))).status).toBe(200);
    const revoked = await api.get<Problem>(`/api/v2/organizations/${org}/users`, bearer(token));
    expect(revoked.status).toBe(403);
    expect(revoked.body.detail).toMatch(/no longer have access to the API/);
    expect((await api.post('/api/v2/token/validate', { token })).status).toBe(403);
    expect((await api.delete(`/api/v2/users/${apiUser.uuid}`, bearer(adminToken))).status).toBe(204);
    expect((await api.get(`/api/v2/organizations/${org}`, bearer(token))).status).toBe(401);
  });

  it('applies the KITOS rules for granting and removing roles', async () => {
    const org = await createOrganization();
    const localAdmin = await createUser(org, { role: 'LocalAdmin' });
    const orgAdmin = await createUser(org, { role: 'OrganizationModuleAdmin' });
    const target = await createUser(org);
    const la = await tokenOf(localAdmin);
    const oa = await tokenOf(orgAdmin);
    const roles = (user: string) => `/api/v2/organizations/${org}/users/${user}/roles`;

    expect((await api.post(roles(target.uuid), { role: 'SystemModuleAdmin' }, bearer(la))).status).toBe(200);
    expect((await api.post(roles(target.uuid), { role: 'SystemModuleAdmin' }, bearer(la))).status).toBe(409);
    expect((await api.post(roles(target.uuid), { role: 'RightsHolderAccess' }, bearer(la))).status).toBe(403);
    expect((await api.post(roles(target.uuid), { role: 'LocalAdmin' }, bearer(oa))).status).toBe(403);
    expect((await api.post(roles(target.uuid), { role: 'OrganizationModuleAdmin' }, bearer(oa))).status).toBe(200);
    expect((await api.post(roles(target.uuid), { role: 'Emperor' }, bearer(la))).status).toBe(400);
    expect((await api.delete(`${roles(target.uuid)}/ContractModuleAdmin`, bearer(la))).status).toBe(400);
    const removed = await api.delete<{ rights: Array<{ role: string }> }>(`${roles(target.uuid)}/SystemModuleAdmin`, bearer(la));
    expect(removed.status).toBe(200);
    expect(removed.body.rights.map((r) => r.role).sort()).toEqual(['OrganizationModuleAdmin', 'User']);

    const otherOrg = await createOrganization();
    const outsider = await createUser(otherOrg, { role: 'LocalAdmin' });
    const outsiderToken = await tokenOf(outsider);
    expect((await api.post(roles(target.uuid), { role: 'User' }, bearer(outsiderToken))).status).toBe(403);
    expect((await api.get(`/api/v2/organizations/${org}/users`, bearer(outsiderToken))).status).toBe(403);
    expect((await api.get(`/api/v2/users/${target.uuid}`, bearer(outsiderToken))).status).toBe(404);
  });

  it("copies and transfers a departing employee's roles in one call", async () => {
    const org = await createOrganization();
    const localAdmin = await tokenOf(await createUser(org, { role: 'LocalAdmin' }));
    const leaving = await createUser(org, { role: 'SystemModuleAdmin' });
    await api.post(`/api/v2/organizations/${org}/users/${leaving.uuid}/roles`, { role: 'User' }, bearer(localAdmin));
    const successor = await createUser(org);
    const copied = await api.post<{ uuid: string; rights: Array<{ role: string }> }>(
      `/api/v2/organizations/${org}/users/${leaving.uuid}/roles/copy`,
      { toUserUuid: successor.uuid },
      bearer(localAdmin),
    );
    expect(copied.status).toBe(200);
    expect(copied.body.rights.map((r) => r.role).sort()).toEqual(['SystemModuleAdmin', 'User']);
    const third = await createUser(org);
    const moved = await api.post(
      `/api/v2/organizations/${org}/users/${leaving.uuid}/roles/transfer`,
      { toUserUuid: third.uuid },
      bearer(localAdmin),
    );
    expect(moved.status).toBe(200);
    expect((await api.get<{ rights: unknown[] }>(`/api/v2/users/${leaving.uuid}`, bearer(adminToken))).body.rights).toEqual([]);
    expect(
      (await api.post(`/api/v2/organizations/${org}/users/${third.uuid}/roles/copy`, { toUserUuid: third.uuid }, bearer(localAdmin)))
        .status,
    ).toBe(409);
  });

  it('records logins, failures and role changes in an audit log that local admins of the organisation can read', async () => {
    const org = await createOrganization();
    const localAdmin = await createUser(org, { role: 'LocalAdmin' });
    const member = await createUser(org);
    const la = await tokenOf(localAdmin);
    await api.post('/api/v2/auth/login', { email: member.email, password: 'wrong wrong wrong' });
    await api.post(`/api/v2/organizations/${org}/users/${member.uuid}/roles`, { role: 'ContractModuleAdmin' }, bearer(la));
    const log = await api.get<Array<{ action: string; subjectUuid: string; detail: string }>>(
      `/api/v2/organizations/${org}/audit-log`,
      bearer(la),
    );
    expect(log.status).toBe(200);
    expect(log.body).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ action: 'login.succeeded', subjectUuid: localAdmin.uuid }),
        expect.objectContaining({
          action: 'login.failed',
          subjectUuid: member.uuid,
          detail: expect.stringMatching(/^wrong password \(from \S+\)$/),
        }),
        expect.objectContaining({ action: 'rights.changed', subjectUuid: member.uuid, detail: 'granted ContractModuleAdmin' }),
      ]),
    );
    expect(JSON.stringify(log.body)).not.toContain('wrong wrong wrong');
    expect((await api.get(`/api/v2/organizations/${org}/audit-log`, bearer(await tokenOf(member)))).status).toBe(403);
  });

  it('filters the audit log by actor, action, object type and time, in pages, and refuses bad filters at the field', async () => {
    const org = await createOrganization();
    const localAdmin = await createUser(org, { role: 'LocalAdmin' });
    const member = await createUser(org);
    const la = await tokenOf(localAdmin);
    const before = new Date().toISOString();
    for (const role of ['ContractModuleAdmin', 'SystemModuleAdmin', 'OrganizationModuleAdmin'])
      expect((await api.post(`/api/v2/organizations/${org}/users/${member.uuid}/roles`, { role }, bearer(la))).status).toBe(200);
    await api.post('/api/v2/auth/login', { email: member.email, password: 'wrong wrong wrong' });
    type Entry = { action: string; actorUserUuid: string | null; subjectUuid: string; detail: string; at: string };
    const read = (query: string) => api.get<Entry[]>(`/api/v2/organizations/${org}/audit-log?${query}`, bearer(la));

    const byActor = await read(`actorUserUuid=${localAdmin.uuid}&action=rights.changed`);
    expect(byActor.status).toBe(200);
    expect(byActor.body.map((e) => e.detail)).toEqual([
      'granted OrganizationModuleAdmin',
      'granted SystemModuleAdmin',
      'granted ContractModuleAdmin',
    ]);
    expect(byActor.body.every((e) => e.actorUserUuid === localAdmin.uuid && e.at >= before)).toBe(true);

    const pageTwo = await read(`actorUserUuid=${localAdmin.uuid}&action=rights.changed&limit=2&page=1`);
    expect(pageTwo.body.map((e) => e.detail)).toEqual(['granted ContractModuleAdmin']);

    const sessions = await read(`objectType=session&since=${encodeURIComponent(before)}`);
    expect(sessions.body.length).toBeGreaterThan(0);
    expect(sessions.body.every((e) => e.action.startsWith('login.') || e.action.startsWith('token.'))).toBe(true);
    expect(sessions.body).toEqual(expect.arrayContaining([expect.objectContaining({ action: 'login.failed', subjectUuid: member.uuid })]));
    expect((await read(`until=${encodeURIComponent(before)}&action=rights.changed&actorUserUuid=${localAdmin.uuid}`)).body).toEqual([]);

    const bad = await api.get<Problem>(
      `/api/v2/organizations/${org}/audit-log?action=nothing&objectType=thing&since=yesterday`,
      bearer(la),
    );
    expect(bad.status).toBe(400);
    expect(bad.body.errors?.map((e) => e.field).sort()).toEqual(['action', 'objectType', 'since']);
  });

  it('lets global admins define per-object roles with read and write access, unique per object type', async () => {
    const body = {
      objectType: 'ItSystemUsage',
      name: `Systemejer ${randomUUID().slice(0, 6)}`,
      description: 'Ejer af systemet',
      hasWriteAccess: true,
    };
    const created = await api.post<{ uuid: string; hasReadAccess: boolean; hasWriteAccess: boolean; isEnabled: boolean }>(
      '/api/v2/role-types',
      body,
      bearer(adminToken),
    );
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ hasReadAccess: true, hasWriteAccess: true, isEnabled: true });
    expect((await api.post('/api/v2/role-types', { ...body, name: body.name.toUpperCase() }, bearer(adminToken))).status).toBe(409);
    expect((await api.post('/api/v2/role-types', { ...body, objectType: 'ItContract' }, bearer(adminToken))).status).toBe(201);
    expect((await api.post('/api/v2/role-types', { ...body, objectType: 'Spaceship' }, bearer(adminToken))).status).toBe(400);
    const org = await createOrganization();
    const user = await createUser(org, { role: 'LocalAdmin' });
    const userToken = (await api.post<{ token: string }>('/api/v2/auth/login', { email: user.email, password: user.password })).body.token;
    expect((await api.post('/api/v2/role-types', { ...body, name: 'Other' }, bearer(userToken))).status).toBe(403);
    expect((await api.patch(`/api/v2/role-types/${created.body.uuid}`, { isEnabled: false }, bearer(adminToken))).status).toBe(200);
    const usageRoles = await api.get<Array<{ uuid: string; isEnabled: boolean; objectType: string }>>(
      '/api/v2/role-types?objectType=ItSystemUsage',
      bearer(userToken),
    );
    expect(usageRoles.body.find((r) => r.uuid === created.body.uuid)).toMatchObject({ isEnabled: false, objectType: 'ItSystemUsage' });
    expect(usageRoles.body.every((r) => r.objectType === 'ItSystemUsage')).toBe(true);
  });
});
