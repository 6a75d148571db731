import { randomUUID } from 'node:crypto';
import { eventually, resetJetStream } from '@kitos/testing';
import { adminToken, createOrganization } from '../support/identity';
import { http, startSystem, type RunningSystem } from '../support/system';

type System = { uuid: string; name: string; version: number; deactivated: boolean; scope: string; organizationContext: { uuid: string } };
type Report = {
  total: number;
  active: number;
  deactivated: number;
  items: Array<{ uuid: string; name: string; deactivated: boolean; version: number }>;
};
type Problem = { status: number; type: string; detail: string; errors?: Array<{ field: string; message: string }>; correlationId: string };

describe('IT systems end to end through the gateway, with every service running', () => {
  let system: RunningSystem;
  let api: ReturnType<typeof http>;
  let token: string;
  let org: string;

  beforeAll(async () => {
    await resetJetStream();
    system = await startSystem();
    token = await adminToken(http(system.gatewayUrl));
    api = http(system.gatewayUrl, token);
    org = await createOrganization(api, token);
  });

  afterAll(async () => {
    await system?.close();
  });

  const report = async () => (await api.get<Report>(`/api/v2/reports/it-systems?organizationUuid=${org}`)).body;

  it('creates, reads, lists, patches and deletes a system, and the reporting read model follows each step', async () => {
    const created = await api.post<System>('/api/v2/it-systems', {
      organizationUuid: org,
      name: 'Sags- og dokumentsystem',
      description: 'ESDH',
    });
    expect(created.status).toBe(201);
    expect(created.headers.get('etag')).toBe('"1"');
    expect(created.body).toMatchObject({
      name: 'Sags- og dokumentsystem',
      scope: 'Global',
      deactivated: false,
      version: 1,
      organizationContext: { uuid: org },
    });
    const uuid = created.body.uuid;
    expect(created.headers.get('location')).toBe(`/api/v2/it-systems/${uuid}`);

    const read = await api.get<System>(`/api/v2/it-systems/${uuid}`);
    expect(read.status).toBe(200);
    expect(read.body).toEqual(created.body);

    const listed = await api.get<System[]>(`/api/v2/it-systems?organizationUuid=${org}&nameContains=DOKUMENT`);
    expect(listed.status).toBe(200);
    expect(listed.body.map((s) => s.uuid)).toEqual([uuid]);

    await eventually(async () =>
      expect((await report()).items).toEqual([expect.objectContaining({ uuid, name: 'Sags- og dokumentsystem', version: 1 })]),
    );

    const patched = await api.patch<System>(`/api/v2/it-systems/${uuid}`, { name: 'ESDH Ø', deactivated: true }, { 'if-match': '"1"' });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ name: 'ESDH Ø', deactivated: true, description: 'ESDH', version: 2 });
    expect(patched.headers.get('etag')).toBe('"2"');
    await eventually(async () =>
      expect(await report()).toMatchObject({
        total: 1,
        active: 0,
        deactivated: 1,
        items: [{ uuid, name: 'ESDH Ø', deactivated: true, version: 2 }],
      }),
    );

    const hidden = await api.get<System[]>(`/api/v2/it-systems?organizationUuid=${org}`);
    expect(hidden.body).toEqual([]);
    const shown = await api.get<System[]>(`/api/v2/it-systems?organizationUuid=${org}&includeDeactivated=true`);
    expect(shown.body.map((s) => s.uuid)).toEqual([uuid]);

    const deleted = await api.delete(`/api/v2/it-systems/${uuid}`);
    expect(deleted.status).toBe(204);
    expect((await api.get(`/api/v2/it-systems/${uuid}`)).status).toBe(404);
    await eventually(async () => expect(await report()).toMatchObject({ total: 0, items: [] }));
  });

  it('pages in a stable creation order and filters by change time', async () => {
    const pageOrg = await createOrganization(api, token);
    const uuids: string[] = [];
    for (const name of ['C', 'A', 'B'])
      uuids.push((await api.post<System>('/api/v2/it-systems', { organizationUuid: pageOrg, name })).body.uuid);
    const first = await api.get<System[]>(`/api/v2/it-systems?organizationUuid=${pageOrg}&pageSize=2&page=0`);
    const second = await api.get<System[]>(`/api/v2/it-systems?organizationUuid=${pageOrg}&pageSize=2&page=1`);
    expect([...first.body, ...second.body].map((s) => s.uuid)).toEqual(uuids);
    const byName = await api.get<System[]>(`/api/v2/it-systems?organizationUuid=${pageOrg}&orderByProperty=Name`);
    expect(byName.body.map((s) => s.name)).toEqual(['A', 'B', 'C']);
    const future = await api.get<System[]>(`/api/v2/it-systems?organizationUuid=${pageOrg}&changedSinceGtEq=2999-01-01T00:00:00Z`);
    expect(future.body).toEqual([]);
  });

  describe('refuses bad input with a problem response', () => {
    const expectProblem = (result: { status: number; headers: Headers; body: unknown }, status: number, field?: string) => {
      expect(result.status).toBe(status);
      expect(result.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      const body = result.body as Problem;
      expect(body).toMatchObject({ status, correlationId: expect.any(String) });
      if (field) expect(body.errors?.map((e) => e.field)).toContain(field);
    };

    it('a missing name → 400 naming the field', async () => {
      expectProblem(await api.post('/api/v2/it-systems', { organizationUuid: org }), 400, 'name');
    });

    it('a 101-character name → 400; 100 characters are accepted', async () => {
      expectProblem(await api.post('/api/v2/it-systems', { organizationUuid: org, name: 'x'.repeat(101) }), 400, 'name');
      expect((await api.post('/api/v2/it-systems', { organizationUuid: org, name: 'y'.repeat(100) })).status).toBe(201);
    });

    it('an unknown field → 400 naming it', async () => {
      expectProblem(await api.post('/api/v2/it-systems', { organizationUuid: org, name: 'Unknown field', colour: 'blue' }), 400, 'colour');
    });

    it('a malformed uuid in the path or body → 400', async () => {
      expectProblem(await api.get('/api/v2/it-systems/not-a-uuid'), 400, 'uuid');
      expectProblem(await api.post('/api/v2/it-systems', { organizationUuid: 'nope', name: 'X' }), 400, 'organizationUuid');
    });

    it('an empty-GUID filter or path → 400', async () => {
      expectProblem(await api.get('/api/v2/it-systems?organizationUuid=00000000-0000-0000-0000-000000000000'), 400, 'organizationUuid');
      expectProblem(await api.get('/api/v2/it-systems/00000000-0000-0000-0000-000000000000'), 400, 'uuid');
    });

    it('a page size above 250, a negative page or a non-boolean flag → 400', async () => {
      expectProblem(await api.get('/api/v2/it-systems?pageSize=251'), 400, 'pageSize');
      expectProblem(await api.get('/api/v2/it-systems?page=-1'), 400, 'page');
      expectProblem(await api.get('/api/v2/it-systems?includeDeactivated=yes'), 400, 'includeDeactivated');
    });

    it('malformed JSON → 400, and a body over the limit → 413', async () => {
      expectProblem(await api.post('/api/v2/it-systems', '{"name": '), 400);
      expectProblem(await api.post('/api/v2/it-systems', { organizationUuid: org, name: 'Big', description: 'x'.repeat(1_100_000) }), 413);
    });
  });

  it('an unknown uuid → 404', async () => {
    const result = await api.get<Problem>(`/api/v2/it-systems/${randomUUID()}`);
    expect(result.status).toBe(404);
    expect(result.body.type).toBe('urn:problem:kitos:not-found');
  });

  it('a duplicate name in the same organisation → 409, case-insensitively; another organisation may reuse it', async () => {
    const first = await api.post<{ uuid: string }>('/api/v2/it-systems', { organizationUuid: org, name: 'Økonomisystem' });
    expect(first.status).toBe(201);
    const duplicate = await api.post<Problem & { existingUuid?: string }>('/api/v2/it-systems', {
      organizationUuid: org,
      name: 'ØKONOMISYSTEM',
    });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.detail).toMatch(/already exists/);
    expect(duplicate.body.existingUuid).toBe(first.body.uuid);
    // renaming another system onto the name: the same conflict
    const second = await api.post<{ uuid: string }>('/api/v2/it-systems', { organizationUuid: org, name: 'Lønsystem' });
    const renamed = await api.patch<Problem & { existingUuid?: string }>(`/api/v2/it-systems/${second.body.uuid}`, {
      name: 'økonomisystem',
    });
    expect(renamed.status).toBe(409);
    expect(renamed.body.existingUuid).toBe(first.body.uuid);
    const other = await createOrganization(api, token);
    expect((await api.post('/api/v2/it-systems', { organizationUuid: other, name: 'Økonomisystem' })).status).toBe(201);
  });

  it('a stale If-Match → 412 and the newer state is kept', async () => {
    const created = await api.post<System>('/api/v2/it-systems', { organizationUuid: org, name: 'Concurrent' });
    const uuid = created.body.uuid;
    expect((await api.patch(`/api/v2/it-systems/${uuid}`, { description: 'first' }, { 'if-match': '"1"' })).status).toBe(200);
    const stale = await api.patch<Problem>(`/api/v2/it-systems/${uuid}`, { description: 'second' }, { 'if-match': '"1"' });
    expect(stale.status).toBe(412);
    expect((await api.delete(`/api/v2/it-systems/${uuid}`, { 'if-match': '"1"' })).status).toBe(412);
    expect((await api.get<System>(`/api/v2/it-systems/${uuid}`)).body).toMatchObject({ description: 'first', version: 2 });
  });

  it('serves the OpenAPI document and the Swagger UI', async () => {
    const spec = await api.get<{ openapi: string; paths: Record<string, unknown> }>('/api/docs-json');
    expect(spec.status).toBe(200);
    expect(Object.keys(spec.body.paths)).toEqual(
      expect.arrayContaining(['/api/v2/it-systems', '/api/v2/it-systems/{uuid}', '/api/v2/reports/it-systems']),
    );
    const ui = await fetch(`${system.gatewayUrl}/api/docs`);
    expect(ui.status).toBe(200);
    expect(await ui.text()).toContain('swagger');
  });

  it('refuses every API call without a token (401), but serves login, health and documentation', async () => {
    const anonymous = http(system.gatewayUrl);
    const refused = await anonymous.get<Problem>('/api/v2/it-systems');
    expect(refused.status).toBe(401);
    expect(refused.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect((await anonymous.post('/api/v2/it-systems', { organizationUuid: org, name: 'Anonymous' })).status).toBe(401);
    expect((await anonymous.get('/api/v2/reports/it-systems')).status).toBe(401);
    expect((await anonymous.get('/health/ready')).status).toBe(200);
    expect((await anonymous.get('/api/docs-json')).status).toBe(200);
    expect((await anonymous.post('/api/v2/auth/login', { email: 'nobody@example.org', password: 'x' })).status).toBe(401);
  });

  it('answers with security headers and a correlation id it was given', async () => {
    const result = await api.get('/api/v2/it-systems?pageSize=1', { 'x-correlation-id': 'trace-123' });
    expect(result.headers.get('x-correlation-id')).toBe('trace-123');
    expect(result.headers.get('x-content-type-options')).toBe('nosniff');
    expect(result.headers.get('content-security-policy')).toContain("default-src 'none'");
  });

  it('every service reports ready with its database, bus and outbox (once its start-up work is done)', async () => {
    for (const [name, app] of system.services) {
      const body = await eventually(
        async () => {
          const ready = await fetch(`${app.url}/health/ready`);
          const checks = ((await ready.json()) as { checks: Record<string, { up: boolean }> }).checks;
          const down = Object.entries(checks).filter(([, check]) => !check.up);
          expect({ name, status: ready.status, down }).toEqual({ name, status: 200, down: [] });
          return checks;
        },
        { timeoutMs: 30000 },
      );
      expect(Object.keys(body)).toEqual(expect.arrayContaining(['database', 'bus', 'outbox', 'requestHandlers']));
    }
    const metrics = await fetch(`${system.services.get('catalog')!.url}/metrics`);
    expect(await metrics.text()).toMatch(/kitos_outbox_backlog\{service="catalog"\} \d+/);
  });
});
