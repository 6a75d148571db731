import { randomUUID } from 'node:crypto';
import { resetJetStream } from '@kitos/testing';
import { adminToken, createOrganization } from '../support/identity';
import { http, startSystem, type HttpResult, type RunningSystem } from '../support/system';

type Problem = { status: number; type: string; detail: string; errors?: Array<{ field: string; message: string }>; correlationId: string };

/** JSON text nested `depth` levels deep: {"a":{"a":…}}. */
const nested = (depth: number): string => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
/** Hostile bodies that overflowed the stack of the validation pipe (500) before the depth limit. */
const DEEP_BODIES = [nested(5000), '['.repeat(2000) + ']'.repeat(2000), `{"email":${'['.repeat(2000)}${']'.repeat(2000)},"password":"x"}`];

/**
 * Hostile and malformed input at the gateway (issue 15 item 2): every one is a 4xx problem, never a 500 and never
 * silently accepted.
 */
describe('Input hardening at the gateway, with every service running', () => {
  let system: RunningSystem;
  let api: ReturnType<typeof http>;
  let anonymous: ReturnType<typeof http>;
  let token: string;
  let org: string;

  beforeAll(async () => {
    await resetJetStream();
    system = await startSystem();
    anonymous = http(system.gatewayUrl);
    token = await adminToken(anonymous);
    api = http(system.gatewayUrl, token);
    org = await createOrganization(api, token);
  });

  afterAll(async () => {
    await system?.close();
  });

  /** A request with a raw body (bytes as sent) and a content type. */
  const raw = async (
    method: string,
    path: string,
    body: Uint8Array | string,
    contentType: string,
    auth = true,
  ): Promise<HttpResult<Problem>> => {
    const response = await fetch(`${system.gatewayUrl}${path}`, {
      method,
      headers: { 'content-type': contentType, ...(auth ? { authorization: `Bearer ${token}` } : {}) },
      body: typeof body === 'string' ? body : new Blob([new Uint8Array(body)]),
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // keep the text
    }
    return { status: response.status, headers: response.headers, body: parsed as Problem };
  };

  const expectProblem = (result: HttpResult<unknown>, status: number, field?: string) => {
    expect({ status: result.status, body: result.body }).toMatchObject({ status, body: { status } });
    expect(result.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    if (field) expect((result.body as Problem).errors?.map((e) => e.field)).toContain(field);
  };

  describe('JSON depth and size', () => {
    it.each(['/api/v2/auth/login', '/api/v2/token', '/api/authorize/GetToken', '/api/v2/token/validate'])(
      'a body nested thousands deep on the unauthenticated %s is 400',
      async (path) => {
        for (const body of DEEP_BODIES) expectProblem(await raw('POST', path, body, 'application/json', false), 400, 'body');
      },
    );

    it('a body nested thousands deep on an authenticated write is 400, and 33 deep too; a normal body still works', async () => {
      for (const body of DEEP_BODIES) expectProblem(await raw('POST', '/api/v2/it-systems', body, 'application/json'), 400, 'body');
      expectProblem(await raw('PATCH', `/api/v2/organizations/${org}`, nested(33), 'application/json'), 400, 'body');
      const created = await api.post('/api/v2/it-systems', { organizationUuid: org, name: `Dyb ${randomUUID().slice(0, 8)}` });
      expect(created.status).toBe(201);
    });

    it('brackets inside strings do not count as depth', async () => {
      const name = `[[[[{{{{ ${'['.repeat(100)}`.slice(0, 90);
      const created = await api.post<{ name: string }>('/api/v2/it-systems', { organizationUuid: org, name });
      expect(created.status).toBe(201);
      expect(created.body.name).toBe(name);
    });

    it('a body over the size limit is 413, also before login', async () => {
      expectProblem(
        await raw('POST', '/api/v2/auth/login', JSON.stringify({ email: 'x'.repeat(1_100_000) }), 'application/json', false),
        413,
      );
    });
  });

  describe('page and pageSize bounds', () => {
    it.each([
      '/api/v2/organizations',
      '/api/v2/it-systems',
      '/api/v2/it-contracts',
      '/api/v2/it-projects',
      '/api/v2/rightsholder/it-systems',
      '/api/v2/it-system-usages',
      '/api/v2/kle-options',
    ])('page=1e306 on %s is 400, and so is pageSize=1e306', async (path) => {
      expectProblem(await api.get(`${path}?page=1e306`), 400, 'page');
      expectProblem(await api.get(`${path}?pageSize=1e306`), 400, 'pageSize');
    });

    it('the highest page accepted answers an empty page', async () => {
      const listed = await api.get<unknown[]>('/api/v2/it-systems?page=1000000&pageSize=250');
      expect(listed.status).toBe(200);
      expect(listed.body).toEqual([]);
    });
  });

  describe('required fields and bodies that are not objects', () => {
    it('POST /api/v2/report-views without a name, or with name null, is 400 naming the field', async () => {
      const view = { organizationUuid: org, report: 'it-system-usages', columns: ['systemName'] };
      expectProblem(await api.post('/api/v2/report-views', view), 400, 'name');
      expectProblem(await api.post('/api/v2/report-views', { ...view, name: null }), 400, 'name');
    });

    it('POST /api/v2/report-views for an organisation that does not exist is 404', async () => {
      const result = await api.post('/api/v2/report-views', {
        organizationUuid: randomUUID(),
        report: 'it-system-usages',
        name: 'Ukendt',
        columns: ['systemName'],
      });
      expectProblem(result, 404);
    });

    it('a body of null, an array or a bare value where an object is expected is 400', async () => {
      const archive = `/api/v2/it-system-usage-archives/${randomUUID()}`;
      for (const body of ['null', '[]', '"text"', '42', 'true']) {
        expectProblem(await raw('PATCH', archive, body, 'application/json'), 400, 'body');
        expectProblem(await raw('POST', '/api/v2/it-systems', body, 'application/json'), 400, 'body');
        expectProblem(await raw('POST', '/api/v2/auth/login', body, 'application/json', false), 400, 'body');
      }
    });
  });

  describe('prototype-polluting keys', () => {
    it.each(['constructor', '__proto__', 'prototype'])('the key %s is refused at the top and nested', async (key) => {
      const top = `{"organizationUuid":"${org}","name":"Proto ${key}","${key}":{"polluted":true}}`;
      expectProblem(await raw('POST', '/api/v2/it-systems', top, 'application/json'), 400, key);
      const deep = `{"organizationUuid":"${org}","name":"Proto","recommendedArchiveDuty":{"${key}":"x"}}`;
      expectProblem(await raw('POST', '/api/v2/it-systems', deep, 'application/json'), 400, `recommendedArchiveDuty.${key}`);
      expectProblem(
        await raw('POST', '/api/v2/auth/login', `{"email":"a@b.dk","password":"x","${key}":1}`, 'application/json', false),
        400,
        key,
      );
    });
  });

  describe('encoding and media types', () => {
    it('invalid UTF-8 in a JSON body is 400 and nothing is stored', async () => {
      const name = `Ugyldig ${randomUUID().slice(0, 8)}`;
      const bytes = Buffer.concat([
        Buffer.from(`{"organizationUuid":"${org}","name":"${name} `),
        Buffer.from([0xc3, 0x28, 0xff]),
        Buffer.from('"}'),
      ]);
      expectProblem(await raw('POST', '/api/v2/it-systems', bytes, 'application/json'), 400, 'body');
      const listed = await api.get<unknown[]>(`/api/v2/it-systems?organizationUuid=${org}&nameContains=${encodeURIComponent(name)}`);
      expect(listed.body).toEqual([]);
    });

    it.each(['text/plain', 'application/x-yaml', 'multipart/form-data; boundary=x'])('%s is 415', async (type) => {
      expectProblem(await raw('POST', '/api/v2/it-systems', `{"organizationUuid":"${org}","name":"Tekst"}`, type), 415);
      expectProblem(await raw('POST', '/api/v2/auth/login', '{"email":"a@b.dk","password":"x"}', type, false), 415);
    });

    it('a NUL character or a lone surrogate in any string is 400 naming the field, and nothing is stored (found by Schemathesis: 500)', async () => {
      const name = `Nul ${randomUUID().slice(0, 8)}`;
      const nul = `{"organizationUuid":"${org}","name":"${name}\\u0000"}`;
      expectProblem(await raw('POST', '/api/v2/it-systems', nul, 'application/json'), 400, 'name');
      const surrogate = `{"phase1":"a","phase2":"b\\udacdc","phase3":"c","phase4":"d","phase5":"e"}`;
      expectProblem(await raw('PUT', `/api/v2/organizations/${org}/project-phase-names`, surrogate, 'application/json'), 400, 'phase2');
      const listed = await api.get<unknown[]>(`/api/v2/it-systems?organizationUuid=${org}&nameContains=${encodeURIComponent(name)}`);
      expect(listed.body).toEqual([]);
    });

    it('null for an optional webhook field is 400, not stored as null (found by Schemathesis: answer broke its schema)', async () => {
      const created = await api.post<{ uuid: string }>('/api/v2/webhooks', {
        organizationUuid: org,
        url: 'https://integration.kommune.dk/kitos/events',
        topics: ['catalog.*.*'],
      });
      expect(created.status).toBe(201);
      for (const body of [{ active: null }, { url: null }, { topics: null }]) {
        expectProblem(await api.patch(`/api/v2/webhooks/${created.body.uuid}`, body), 400, Object.keys(body)[0]);
      }
      const read = await api.get<{ active: unknown; url: unknown }>(`/api/v2/webhooks/${created.body.uuid}`);
      expect(read.body).toMatchObject({ active: true, url: 'https://integration.kommune.dk/kitos/events' });
    });

    it('application/json with a charset is accepted', async () => {
      const result = await raw(
        'POST',
        '/api/v2/it-systems',
        JSON.stringify({ organizationUuid: org, name: `Charset ${randomUUID().slice(0, 8)}` }),
        'application/json; charset=utf-8',
      );
      expect(result.status).toBe(201);
    });
  });
});
