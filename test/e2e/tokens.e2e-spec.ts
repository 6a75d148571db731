import { randomUUID } from 'node:crypto';
import { MongoConnection } from '@kitos/persistence';
import { generateSigningKey, signToken, type SigningKey, type TokenClaims } from '@kitos/security';
import { resetJetStream } from '@kitos/testing';
import { adminToken, bearer, createOrganization, createUser } from '../support/identity';
import { http, startSystem, type RunningSystem } from '../support/system';

type Problem = { status: number; detail: string; reason?: string; error?: string };

describe('tokens at the gateway', () => {
  let system: RunningSystem;
  let api: ReturnType<typeof http>;
  let admin: string;
  let adminUuid: string;
  let identityKey: SigningKey;

  beforeAll(async () => {
    await resetJetStream();
    system = await startSystem({ services: ['identity'] });
    api = http(system.gatewayUrl);
    admin = await adminToken(api);
    adminUuid = JSON.parse(Buffer.from(admin.split('.')[1], 'base64url').toString()).sub;
    // the identity service's real signing key, read from its database, to forge tokens that differ in one claim only
    const keys = system.services.get('identity')!.app.get(MongoConnection).connection.collection('signing_keys');
    const stored = (await keys.find().sort({ createdAt: -1 }).limit(1).toArray())[0] as unknown as {
      _id: string;
      privateKeyPem: string;
      publicJwk: SigningKey['publicJwk'];
    };
    identityKey = { kid: stored._id, privateKeyPem: stored.privateKeyPem, publicJwk: stored.publicJwk };
  });
  afterAll(() => system?.close());

  const claims = (overrides: Partial<TokenClaims> = {}): TokenClaims => {
    const now = Math.floor(Date.now() / 1000);
    return {
      sub: adminUuid,
      iss: 'kitos-next',
      aud: 'kitos-api',
      iat: now,
      exp: now + 600,
      jti: randomUUID(),
      typ: 'session',
      amr: 'pwd',
      ...overrides,
    };
  };
  const refused = async (token: string) => {
    const result = await api.get<Problem>('/api/v2/organizations', bearer(token));
    return [result.status, result.body.reason];
  };

  it('accepts a token with the right key, issuer, audience and time window', async () => {
    expect((await api.get('/api/v2/organizations', bearer(await signToken(identityKey, claims())))).status).toBe(200);
  });

  it.each([
    ['expired', { exp: Math.floor(Date.now() / 1000) - 3600, iat: Math.floor(Date.now() / 1000) - 7200 }, 'expired'],
    ['not yet valid', { iat: Math.floor(Date.now() / 1000) + 3600, exp: Math.floor(Date.now() / 1000) + 7200 }, 'not-yet-valid'],
    ['from the wrong issuer', { iss: 'https://someone-else.example' }, 'wrong-issuer'],
    ['for the wrong audience', { aud: 'another-api' }, 'wrong-audience'],
  ])('refuses a token that is %s with 401', async (_, overrides, reason) => {
    expect(await refused(await signToken(identityKey, claims(overrides)))).toEqual([401, reason]);
  });

  it('refuses a token signed by another key under a known key id, and one with an unknown key id', async () => {
    const other = generateSigningKey();
    expect(await refused(await signToken({ ...other, kid: identityKey.kid }, claims()))).toEqual([401, 'bad-signature']);
    expect(await refused(await signToken(other, claims()))).toEqual([401, 'unknown-key']);
  });

  it('refuses a well-signed token of a user who does not exist', async () => {
    const result = await api.get<Problem>('/api/v2/organizations', bearer(await signToken(identityKey, claims({ sub: randomUUID() }))));
    expect(result.status).toBe(401);
  });

  it('gives API users an OAuth-style token and refuses others with invalid_grant', async () => {
    const org = await createOrganization(api, admin);
    const apiUser = await createUser(api, admin, [{ organizationUuid: org, role: 'User' }], { hasApiAccess: true });
    const plain = await createUser(api, admin, [{ organizationUuid: org, role: 'User' }]);
    const granted = await api.post<{ access_token: string; token_type: string; expires_in: number }>('/api/v2/token', {
      grant_type: 'password',
      username: apiUser.email,
      password: apiUser.password,
    });
    expect(granted.status).toBe(200);
    expect(granted.body).toMatchObject({ token_type: 'Bearer' });
    expect(granted.body.expires_in).toBeGreaterThan(60);
    expect((await api.get('/api/v2/organizations', bearer(granted.body.access_token))).status).toBe(200);
    const denied = await api.post<Problem>('/api/v2/token', { grant_type: 'password', username: plain.email, password: plain.password });
    expect([denied.status, denied.body.error]).toEqual([401, 'invalid_grant']);
    expect((await api.post('/api/v2/token', { grant_type: 'client_credentials', username: 'x', password: 'y' })).status).toBe(400);
  });
});
