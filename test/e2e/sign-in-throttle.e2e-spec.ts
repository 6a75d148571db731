/**
 * Sign-in without lock-out by strangers (docs/identity.md, "Throttling"): failed sign-ins slow down the address that
 * fails (429 with Retry-After, doubling delays), never lock the account, and the token endpoints are rate limited per
 * client address. Client addresses are given in X-Forwarded-For, which the gateway trusts from loopback peers.
 */
import { randomUUID } from 'node:crypto';
import { resetJetStream } from '@kitos/testing';
import { adminToken, bearer, createOrganization, createUser, type TestUser } from '../support/identity';
import { http, startSystem, type HttpResult, type RunningSystem } from '../support/system';

type Problem = { status: number; type: string; detail: string; retryAfterSeconds?: number };
type AuditEntry = { action: string; subjectUuid: string | null; detail: string; correlationId: string };

const RATE_LIMIT = 12;

describe('sign-in throttling instead of account lock-out', () => {
  let system: RunningSystem;
  let api: ReturnType<typeof http>;
  let admin: string;
  let organization: string;
  let addressSeq = 0;
  /** A fresh client address (TEST-NET ranges) for each role in each test. */
  const newAddress = () => `203.0.113.${++addressSeq}`;
  const from = (address: string, extra: Record<string, string> = {}) => ({ 'x-forwarded-for': address, ...extra });
  const login = (user: { email: string; password: string }, address: string, password = user.password) =>
    api.post<Problem & { token?: string }>('/api/v2/auth/login', { email: user.email, password }, from(address));

  beforeAll(async () => {
    await resetJetStream();
    system = await startSystem({
      services: ['identity'],
      env: {
        LOGIN_FREE_FAILURES: '2',
        LOGIN_MAX_DELAY_SECONDS: '600',
        LOGIN_ACCOUNT_MAX_DELAY_SECONDS: '2',
        TOKEN_RATE_LIMIT_PER_MINUTE: String(RATE_LIMIT),
      },
    });
    api = http(system.gatewayUrl);
    admin = await adminToken(api);
    organization = await createOrganization(api, admin);
  });
  afterAll(() => system?.close());

  const newUser = (extra: Record<string, unknown> = {}): Promise<TestUser> =>
    createUser(api, admin, [{ organizationUuid: organization, role: 'User' }], extra);

  function expectThrottled(result: HttpResult<Problem>): number {
    expect(result.status).toBe(429);
    expect(result.headers.get('content-type')).toContain('application/problem+json');
    const retryAfter = Number(result.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(result.body).toMatchObject({ status: 429, type: 'urn:problem:kitos:too-many-requests', retryAfterSeconds: retryAfter });
    return retryAfter;
  }

  const waitSeconds = (seconds: number) => new Promise((r) => setTimeout(r, seconds * 1000 + 100));

  it("a stranger's wrong passwords never stop the right password from another address", async () => {
    const owner = await newUser();
    const stranger = newAddress();
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) statuses.push((await login(owner, stranger, `guess ${i}`)).status);
    // two free failures, then the stranger is held back (a slow machine may let one more through after a delay ran out)
    expect(statuses.slice(0, 2)).toEqual([401, 401]);
    expect(statuses.every((s) => s === 401 || s === 429)).toBe(true);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(4);
    // the owner, elsewhere, signs in at once — and again and again while the stranger keeps trying
    for (let i = 0; i < 3; i++) {
      expect((await login(owner, stranger, `guess again ${i}`)).status).toBe(429);
      const signedIn = await login(owner, newAddress());
      expect(signedIn.status).toBe(200);
      expect(signedIn.body.token).toEqual(expect.any(String));
    }
  });

  it('the same holds for API users on both token endpoints', async () => {
    const integration = await newUser({ hasApiAccess: true });
    const stranger = newAddress();
    for (let i = 0; i < 4; i++) {
      await api.post('/api/authorize/GetToken', { email: integration.email, password: `guess ${i}` }, from(stranger));
    }
    expectThrottled(
      await api.post<Problem>('/api/authorize/GetToken', { email: integration.email, password: integration.password }, from(stranger)),
    );
    expectThrottled(
      await api.post<Problem>(
        '/api/v2/token',
        { grant_type: 'password', username: integration.email, password: integration.password },
        from(stranger),
      ),
    );
    const owner = newAddress();
    expect(
      (await api.post('/api/authorize/GetToken', { email: integration.email, password: integration.password }, from(owner))).status,
    ).toBe(200);
    const oauth = await api.post<{ access_token: string }>(
      '/api/v2/token',
      { grant_type: 'password', username: integration.email, password: integration.password },
      from(owner),
    );
    expect(oauth.status).toBe(200);
    expect(oauth.body.access_token).toEqual(expect.any(String));
  });

  it('repeated failures get 429 with Retry-After and doubling delays; after the delay the right password works', async () => {
    const user = await newUser();
    const address = newAddress();
    expect((await login(user, address, 'wrong 1')).status).toBe(401);
    expect((await login(user, address, 'wrong 2')).status).toBe(401);
    const first = expectThrottled(await login(user, address));
    expect(first).toBe(1);
    await waitSeconds(first);
    expect((await login(user, address, 'wrong 3')).status).toBe(401);
    // the delay doubled: 2 s from the last failure (less the time the answer took to arrive)
    const second = expectThrottled(await login(user, address, 'wrong 4'));
    expect(second).toBeGreaterThanOrEqual(1);
    expect(second).toBeLessThanOrEqual(2);
    await waitSeconds(second);
    expect((await login(user, address, 'wrong 5')).status).toBe(401);
    const third = expectThrottled(await login(user, address, 'wrong 6'));
    expect(third).toBeGreaterThanOrEqual(3);
    expect(third).toBeLessThanOrEqual(4);
    await waitSeconds(third);
    // the account is not locked: the right password, from the very address that failed, signs in after the delay
    expect((await login(user, address)).status).toBe(200);
    // and a success starts the count again
    expect((await login(user, address, 'wrong 7')).status).toBe(401);
  });

  it('the owner who mistypes during an attack waits at most the short account-wide delay', async () => {
    const owner = await newUser();
    const stranger = newAddress();
    for (let i = 0; i < 3; i++) await login(owner, stranger, `guess ${i}`);
    const home = newAddress();
    expect((await login(owner, home, 'typo')).status).toBe(401);
    const started = Date.now();
    const held = await login(owner, home);
    const wait = held.status === 429 ? expectThrottled(held) : 0;
    expect(wait).toBeLessThanOrEqual(2);
    await waitSeconds(wait);
    expect((await login(owner, home)).status).toBe(200);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('an unknown e-mail address is throttled exactly like a known one', async () => {
    const known = await newUser();
    const unknown = { email: `nobody-${randomUUID()}@kommune.example`, password: 'whatever it is' };
    const [a, b] = [newAddress(), newAddress()];
    const answers = async (user: { email: string; password: string }, address: string) => {
      const results = [];
      for (let i = 0; i < 4; i++) results.push(await login(user, address, `guess ${i}`));
      return results.map((r) => [r.status, r.headers.get('retry-after'), r.body.detail]);
    };
    expect(await answers(unknown, a)).toEqual(await answers(known, b));
  });

  it('records throttling in the audit log, with the address, for the organisation concerned', async () => {
    const owner = await newUser();
    const stranger = newAddress();
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await login(owner, stranger, `guess ${i}`)).status);
    const refused = statuses.filter((s) => s === 429).length;
    expect(refused).toBeGreaterThanOrEqual(3);
    const log = await api.get<AuditEntry[]>(`/api/v2/organizations/${organization}/audit-log?limit=200`, bearer(admin));
    expect(log.status).toBe(200);
    const mine = log.body.filter((e) => e.subjectUuid === owner.uuid);
    const failed = mine.filter((e) => e.action === 'login.failed');
    expect(failed).toHaveLength(statuses.filter((s) => s === 401).length);
    expect(failed.every((e) => e.detail.includes(stranger) && e.detail.includes('wrong password'))).toBe(true);
    // the first refusal of a series is recorded, not every refused attempt
    const throttled = mine.filter((e) => e.action === 'login.throttled');
    expect(throttled.length).toBeGreaterThanOrEqual(1);
    expect(throttled.length).toBeLessThan(refused);
    expect(throttled.every((e) => e.detail.includes(stranger))).toBe(true);
    expect(JSON.stringify(mine)).not.toContain('guess');
  });

  it(`rate limits every token endpoint per client address (${RATE_LIMIT} a minute here)`, async () => {
    const address = newAddress();
    const burst = <T>(count: number, send: (i: number) => Promise<HttpResult<T>>) =>
      Promise.all(Array.from({ length: count }, (_, i) => send(i)));
    const count = (results: Array<HttpResult<Problem>>, status: number) => results.filter((r) => r.status === status).length;
    const validations = await burst(RATE_LIMIT + 3, () =>
      api.post<Problem>('/api/v2/token/validate', { token: 'not-a-token' }, from(address)),
    );
    expect([count(validations, 403), count(validations, 429)]).toEqual([RATE_LIMIT, 3]);
    const refused = validations.find((r) => r.status === 429)!;
    expectThrottled(refused);
    expect(refused.body.detail).toMatch(/token endpoints/);
    // the sign-in endpoints share one budget per address, separate from validation's
    const signIns = await burst(RATE_LIMIT + 3, (i) =>
      api.post<Problem>(
        ['/api/v2/auth/login', '/api/authorize/GetToken', '/api/v2/token'][i % 3],
        i % 3 === 2
          ? { grant_type: 'password', username: `nobody-${randomUUID()}@kommune.example`, password: 'whatever it is' }
          : { email: `nobody-${randomUUID()}@kommune.example`, password: 'whatever it is' },
        from(address),
      ),
    );
    // every answer's status, so that a failure shows any status other than these two
    const statuses = signIns.reduce<Record<number, number>>((seen, r) => ({ ...seen, [r.status]: (seen[r.status] ?? 0) + 1 }), {});
    expect(statuses).toEqual({ 401: RATE_LIMIT, 429: 3 });
    expect(signIns.filter((r) => r.status === 429).every((r) => /token endpoints/.test(r.body.detail))).toBe(true);
    // other addresses are not affected
    expect((await api.post('/api/v2/token/validate', { token: 'not-a-token' }, from(newAddress()))).status).toBe(403);
    expect((await login(await newUser(), newAddress())).status).toBe(200);
  });
});
