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
      services: ['identity', 'catalog'],
      env: { KITOS_BOOTSTRAP_ADMIN_EMAIL: ADMIN.email, KITOS_BOOTSTRAP_ADMIN_PASSWORD: ADMIN.password, LOGIN_MAX_FAILURES: '3' },
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
    expect((await api.post('/api/v2/organizations', body)).status).toBe(403);
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
    expect((await api.get<{ masterData: unknown; name: string }>(`/api/v2/organizations/${org}`)).body).toMatchObject({ masterData: null });
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

  it('answers an unknown e-mail exactly like a wrong password, and locks the account after repeated failures', async () => {
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
    const locked = await api.post<Problem>('/api/v2/auth/login', { email: user.email, password: user.password });
    expect(locked.status).toBe(401);
    expect(locked.body.detail).toBe(wrong.body.detail);
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
});
