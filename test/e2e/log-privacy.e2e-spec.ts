import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { setDefaultLogDestination } from '@kitos/observability';
import { eventually, resetJetStream } from '@kitos/testing';
import { adminToken, bearer, createUser, LOCAL_ADMIN } from '../support/identity';
import { http, startSystem, type RunningSystem } from '../support/system';

type LogLine = Record<string, unknown>;

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/;
/** Eight digits on their own (a CVR number), not part of a uuid, a timestamp or a longer number. */
const CVR_LIKE = /(?<![0-9A-Za-z-])\d{8}(?![0-9A-Za-z-])/;
const JWT = /eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/;
const BEARER = /bearer\s+\S/i;

/**
 * Issue 15 item 7: the logs of every process (at the production level, info) carry one access line per request and no
 * personal data: no e-mail address, no CVR-like number, no token, no name.
 */
describe('Logs of an end-to-end run: access lines, and no personal data', () => {
  const lines: string[] = [];
  let system: RunningSystem;
  let api: ReturnType<typeof http>;
  let token: string;

  beforeAll(async () => {
    await resetJetStream();
    setDefaultLogDestination(
      new Writable({
        write(chunk: Buffer, _encoding, done) {
          lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
          done();
        },
      }),
    );
    system = await startSystem({ env: { LOG_LEVEL: 'info' } });
    token = await adminToken(http(system.gatewayUrl));
    api = http(system.gatewayUrl, token);
  });

  afterAll(async () => {
    await system?.close();
    setDefaultLogDestination(undefined);
  });

  const parsed = (): LogLine[] => lines.map((line) => JSON.parse(line) as LogLine);
  const accessLines = (): LogLine[] => parsed().filter((l) => l.context === 'Access');

  it('logs one access line per request, and nothing personal anywhere', async () => {
    const cvr = '55133018';
    const firstName = `Fornavn${randomUUID().slice(0, 6)}`;
    const lastName = `Efternavn${randomUUID().slice(0, 6)}`;
    const correlationId = `log-privacy-${randomUUID()}`;

    const org = await api.post<{ uuid: string }>(
      '/api/v2/organizations',
      { name: `Privat Kommune ${randomUUID().slice(0, 6)}`, cvr, organizationType: 'Municipality' },
      { 'x-correlation-id': correlationId },
    );
    expect(org.status).toBe(201);
    const user = await createUser(api, token, [{ organizationUuid: org.body.uuid, role: 'User' }], { firstName, lastName });
    const wrong = await http(system.gatewayUrl).post('/api/v2/auth/login', { email: user.email, password: 'not the password' });
    expect(wrong.status).toBe(401);
    const unknown = await http(system.gatewayUrl).post('/api/v2/auth/login', { email: 'nobody@kommune.example', password: 'x' });
    expect(unknown.status).toBe(401);
    const userToken = (
      await http(system.gatewayUrl).post<{ token: string }>('/api/v2/auth/login', { email: user.email, password: user.password })
    ).body.token;
    const created = await api.post<{ uuid: string }>('/api/v2/it-systems', {
      organizationUuid: org.body.uuid,
      name: `Logget ${randomUUID().slice(0, 6)}`,
    });
    expect(created.status).toBe(201);
    expect((await api.get(`/api/v2/it-systems/${created.body.uuid}`, bearer(userToken))).status).toBe(200);
    expect((await api.get(`/api/v2/organizations/${org.body.uuid}/users?nameOrEmailQuery=${encodeURIComponent(user.email)}`)).status).toBe(
      200,
    );
    expect((await api.get(`/api/v2/organizations?cvrContent=${cvr}`)).status).toBe(200);
    expect(
      (await http(system.gatewayUrl).get('/api/v2/it-systems', bearer('eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.bm90LWEtc2lnbmF0dXJl'))).status,
    ).toBe(401);
    expect((await api.get(`/api/v2/no-such-route/${user.email}`)).status).toBe(404);

    // the access lines of the requests above (each is written when its answer has gone)
    await eventually(async () => expect(accessLines().some((l) => l.route === '/api/v2/organizations' && l.status === 200)).toBe(true));
    const orgLine = accessLines().find((l) => l.correlationId === correlationId);
    expect(orgLine).toMatchObject({
      level: 'info',
      service: 'gateway',
      method: 'POST',
      route: '/api/v2/organizations',
      status: 201,
      callerKind: 'user',
    });
    expect(typeof orgLine?.durationMs).toBe('number');
    expect(orgLine?.callerUuid).toMatch(/^[0-9a-f-]{36}$/);
    expect(accessLines().find((l) => l.route === '/api/v2/it-systems/:uuid' && l.method === 'GET')).toMatchObject({
      status: 200,
      callerUuid: user.uuid,
    });
    expect(
      accessLines()
        .filter((l) => l.route === '/api/v2/auth/login')
        .map((l) => l.status),
    ).toEqual(expect.arrayContaining([200, 401]));
    expect(accessLines().find((l) => l.route === 'unmatched')).toMatchObject({ method: 'GET', status: 404 });

    // the patterns do find what they look for
    expect([EMAIL, CVR_LIKE, JWT, BEARER].map((p) => p.test(`x ${user.email} ${cvr} Bearer ${token}`))).toEqual([true, true, true, true]);
    const secrets = [LOCAL_ADMIN.email, LOCAL_ADMIN.password, user.email, user.password, firstName, lastName, token, userToken, cvr];
    const offending = lines.filter(
      (line) => EMAIL.test(line) || CVR_LIKE.test(line) || JWT.test(line) || BEARER.test(line) || secrets.some((s) => line.includes(s)),
    );
    expect(offending).toEqual([]);
    // the scan read real logs: the gateway's and the services' (in one process Nest's static logger writes through the
    // last application's logger, so a service's line may carry another service's name; every line is captured alike)
    expect(lines.length).toBeGreaterThan(20);
    expect(parsed().some((l) => l.service === 'gateway' && l.context !== 'Access')).toBe(true);
    expect(parsed().some((l) => l.service !== 'gateway')).toBe(true);
    if (process.env.KITOS_LOG_PRIVACY_DUMP) console.log(lines.join('\n'));
  });
});
