import { randomUUID } from 'node:crypto';
import { eventually, resetJetStream } from '@kitos/testing';
import { adminToken, createOrganization, createUser, sessionOf } from '../support/identity';
import { http, startSystem, type HttpResult, type RunningSystem } from '../support/system';

type Ref = { uuid: string; name: string | null };
type Interface = {
  uuid: string;
  name: string;
  interfaceId: string | null;
  version: string | null;
  description: string | null;
  notes: string | null;
  urlReference: string | null;
  itInterfaceType: Ref | null;
  scope: 'Local' | 'Global';
  deactivated: boolean;
  exposedBySystem: Ref | null;
  data: Array<{ uuid: string; description: string | null; dataType: Ref | null }>;
  organizationContext: { uuid: string };
  lastModified: string;
  revision: number;
};
type Problem = { status: number; detail: string; errors?: Array<{ field: string; message: string }>; [extra: string]: unknown };
type Api = ReturnType<typeof http>;

const BASE = '/api/v2/it-interfaces';

/** PUT is not in the shared client; same behaviour (never throws on error statuses). */
async function put<T = Record<string, unknown>>(
  baseUrl: string,
  token: string,
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<HttpResult<T>> {
  const response = await fetch(`${baseUrl}${path}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...headers },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: (text ? JSON.parse(text) : undefined) as T };
}

function expectProblem(result: HttpResult<unknown>, status: number, field?: string): Problem {
  expect({ status: result.status, body: result.body }).toEqual({ status, body: expect.objectContaining({ status }) });
  expect(result.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  const body = result.body as Problem;
  if (field) expect(body.errors?.map((e) => e.field)).toContain(field);
  return body;
}

describe('IT interfaces end to end through the gateway', () => {
  let system: RunningSystem;
  let admin: Api;
  let adminTokenValue: string;
  let orgA: string;
  let orgB: string;
  const as: Record<'laA' | 'smaA' | 'userA' | 'laB', Api> = {} as never;
  const tokens: Record<string, string> = {};
  let globalSystemA: string;
  let localSystemB: string;

  const names = (result: HttpResult<Interface[]>) => result.body.map((i) => i.name);

  beforeAll(async () => {
    await resetJetStream();
    system = await startSystem();
    const anonymous = http(system.gatewayUrl);
    adminTokenValue = await adminToken(anonymous);
    admin = http(system.gatewayUrl, adminTokenValue);
    orgA = await createOrganization(anonymous, adminTokenValue);
    orgB = await createOrganization(anonymous, adminTokenValue);
    const users: Array<[keyof typeof as, string, string]> = [
      ['laA', orgA, 'LocalAdmin'],
      ['smaA', orgA, 'SystemModuleAdmin'],
      ['userA', orgA, 'User'],
      ['laB', orgB, 'LocalAdmin'],
    ];
    for (const [key, organizationUuid, role] of users) {
      tokens[key] = await sessionOf(anonymous, await createUser(anonymous, adminTokenValue, [{ organizationUuid, role }]));
      as[key] = http(system.gatewayUrl, tokens[key]);
    }
    const createSystem = (organizationUuid: string, name: string, scope: string) =>
      eventually(async () => {
        const created = await admin.post<{ uuid: string }>('/api/v2/it-systems', { organizationUuid, name, scope });
        if (created.status !== 201) throw new Error(`creating a system answered ${created.status}: ${JSON.stringify(created.body)}`);
        return created.body.uuid;
      });
    globalSystemA = await createSystem(orgA, `Sagssystem ${randomUUID().slice(0, 6)}`, 'Global');
    localSystemB = await createSystem(orgB, `Lokalt system ${randomUUID().slice(0, 6)}`, 'Local');
  });

  afterAll(async () => {
    await system?.close();
  });

  it('registers, reads, replaces, patches and deletes an interface with ETags, refusing deletion while exposed (409)', async () => {
    const created = await as.laA.post<Interface>(BASE, {
      organizationUuid: orgA,
      name: 'CPR-opslag',
      interfaceId: 'CPR-0042',
      version: '2.1',
      description: 'Opslag af personer',
      urlReference: 'https://example.org/cpr',
      note: 'Intern note',
      exposedBySystemUuid: globalSystemA,
      data: [{ description: 'CPR-nummer' }],
    });
    expect(created.status).toBe(201);
    expect(created.headers.get('etag')).toBe('"1"');
    const uuid = created.body.uuid;
    expect(created.headers.get('location')).toBe(`${BASE}/${uuid}`);
    expect(created.body).toMatchObject({
      name: 'CPR-opslag',
      interfaceId: 'CPR-0042',
      version: '2.1',
      notes: 'Intern note',
      scope: 'Local',
      deactivated: false,
      exposedBySystem: { uuid: globalSystemA, name: expect.stringContaining('Sagssystem') },
      data: [{ uuid: expect.any(String), description: 'CPR-nummer', dataType: null }],
      organizationContext: { uuid: orgA },
      revision: 1,
    });

    const read = await as.userA.get<Interface>(`${BASE}/${uuid}`);
    expect(read.status).toBe(200);
    expect(read.headers.get('etag')).toBe('"1"');
    expect(read.body).toEqual(created.body);

    const rowUuid = created.body.data[0].uuid;
    const replaced = await put<Interface>(
      system.gatewayUrl,
      tokens.laA,
      `${BASE}/${uuid}`,
      {
        name: 'CPR-opslag',
        interfaceId: 'CPR-0042',
        exposedBySystemUuid: globalSystemA,
        data: [{ uuid: rowUuid, description: 'CPR' }, { description: 'Navn' }],
      },
      { 'if-match': '"1"' },
    );
    expect(replaced.status).toBe(200);
    expect(replaced.headers.get('etag')).toBe('"2"');
    expect(replaced.body).toMatchObject({ version: null, description: null, notes: null, urlReference: null, revision: 2 });
    expect(replaced.body.data.map((r) => [r.uuid === rowUuid, r.description])).toEqual([
      [true, 'CPR'],
      [false, 'Navn'],
    ]);

    const patched = await as.smaA.patch<Interface>(`${BASE}/${uuid}`, { description: 'Ny', deactivated: true }, { 'if-match': '"2"' });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ description: 'Ny', deactivated: true, interfaceId: 'CPR-0042', revision: 3 });
    expect(patched.headers.get('etag')).toBe('"3"');

    const refused = await as.laA.delete(`${BASE}/${uuid}`);
    const problem = expectProblem(refused, 409);
    expect(problem).toMatchObject({ deletionConflicts: ['ExposedByItSystem'], exposedBySystem: { uuid: globalSystemA } });

    expect((await as.laA.patch(`${BASE}/${uuid}`, { exposedBySystemUuid: null })).status).toBe(200);
    expect((await as.laA.delete(`${BASE}/${uuid}`, { 'if-match': '"4"' })).status).toBe(204);
    expectProblem(await as.laA.get(`${BASE}/${uuid}`), 404);
    expect((await as.laA.post(BASE, { organizationUuid: orgA, name: 'cpr-opslag', interfaceId: 'cpr-0042' })).status).toBe(201);
  });

  describe('refuses bad input (400) naming the field', () => {
    it('a missing or too long name, a too long version or interface id, a bad URL or an unknown property', async () => {
      expectProblem(await as.laA.post(BASE, { organizationUuid: orgA }), 400, 'name');
      expectProblem(await as.laA.post(BASE, { organizationUuid: orgA, name: 'x'.repeat(101) }), 400, 'name');
      expectProblem(await as.laA.post(BASE, { organizationUuid: orgA, name: 'V', version: 'v'.repeat(21) }), 400, 'version');
      expectProblem(await as.laA.post(BASE, { organizationUuid: orgA, name: 'I', interfaceId: 'i'.repeat(101) }), 400, 'interfaceId');
      expectProblem(await as.laA.post(BASE, { organizationUuid: orgA, name: 'U', urlReference: 'not a url' }), 400, 'urlReference');
      expectProblem(await as.laA.post(BASE, { organizationUuid: orgA, name: 'U', urlReference: 'ftp://example.org' }), 400, 'urlReference');
      expectProblem(await as.laA.post(BASE, { organizationUuid: orgA, name: 'C', colour: 'blå' }), 400, 'colour');
      expectProblem(await as.laA.post(BASE, { organizationUuid: orgA, name: 'S', scope: 'Public' }), 400, 'scope');
      expect((await as.laA.post(BASE, { organizationUuid: orgA, name: 'n'.repeat(100), version: 'v'.repeat(20) })).status).toBe(201);
    });

    it('an exposing system that does not exist, or that the caller may not see', async () => {
      expectProblem(
        await as.laA.post(BASE, { organizationUuid: orgA, name: 'E1', exposedBySystemUuid: randomUUID() }),
        400,
        'exposedBySystemUuid',
      );
      expectProblem(
        await as.laA.post(BASE, { organizationUuid: orgA, name: 'E2', exposedBySystemUuid: localSystemB }),
        400,
        'exposedBySystemUuid',
      );
      expect((await admin.post(BASE, { organizationUuid: orgA, name: 'E3', exposedBySystemUuid: localSystemB })).status).toBe(201);
    });

    it('malformed data rows, a row uuid that is not a row of the interface, a null name, an empty-GUID filter', async () => {
      expectProblem(
        await as.laA.post(BASE, { organizationUuid: orgA, name: 'D1', data: [{ description: 1 }] }),
        400,
        'data[0].description',
      );
      expectProblem(await as.laA.post(BASE, { organizationUuid: orgA, name: 'D2', data: [{ uuid: randomUUID() }] }), 400, 'data[0].uuid');
      const created = await as.laA.post<Interface>(BASE, { organizationUuid: orgA, name: 'D3' });
      expectProblem(await as.laA.patch(`${BASE}/${created.body.uuid}`, { name: null }), 400, 'name');
      expectProblem(await as.laA.get(`${BASE}?exposedBySystemUuid=00000000-0000-0000-0000-000000000000`), 400, 'exposedBySystemUuid');
      expectProblem(await as.laA.get(`${BASE}/not-a-uuid`), 400, 'uuid');
      expectProblem(await as.laA.get(`${BASE}?includeDeactivated=maybe`), 400, 'includeDeactivated');
    });
  });

  describe('permissions (403) and visibility (404)', () => {
    it('plain users and admins of other organisations may not register interfaces; system-module admins may', async () => {
      expectProblem(await as.userA.post(BASE, { organizationUuid: orgA, name: 'P1' }), 403);
      expectProblem(await as.laB.post(BASE, { organizationUuid: orgA, name: 'P2' }), 403);
      expect((await as.smaA.post(BASE, { organizationUuid: orgA, name: 'P3' })).status).toBe(201);
    });

    it('only global admins register Global interfaces or make one Global', async () => {
      expectProblem(await as.laA.post(BASE, { organizationUuid: orgA, name: 'G1', scope: 'Global' }), 403);
      const local = await as.laA.post<Interface>(BASE, { organizationUuid: orgA, name: 'G2' });
      expectProblem(await as.laA.patch(`${BASE}/${local.body.uuid}`, { scope: 'Global' }), 403);
      expect((await admin.patch<Interface>(`${BASE}/${local.body.uuid}`, { scope: 'Global' })).body.scope).toBe('Global');
      expect((await admin.post<Interface>(BASE, { organizationUuid: orgA, name: 'G3', scope: 'Global' })).status).toBe(201);
    });

    it('a Local interface is invisible to other organisations (404, not listed); a Global one is readable but not changeable', async () => {
      const local = await as.laA.post<Interface>(BASE, { organizationUuid: orgA, name: 'Synlighed lokal' });
      const global = await admin.post<Interface>(BASE, { organizationUuid: orgA, name: 'Synlighed global', scope: 'Global' });
      expectProblem(await as.laB.get(`${BASE}/${local.body.uuid}`), 404);
      expectProblem(await as.laB.patch(`${BASE}/${local.body.uuid}`, { description: 'x' }), 404);
      expectProblem(await as.laB.delete(`${BASE}/${local.body.uuid}`), 404);
      expect((await as.laB.get(`${BASE}/${global.body.uuid}`)).status).toBe(200);
      expectProblem(await as.laB.patch(`${BASE}/${global.body.uuid}`, { description: 'x' }), 403);
      const listed = await as.laB.get<Interface[]>(`${BASE}?organizationUuid=${orgA}&nameContains=synlighed`);
      expect(names(listed)).toEqual(['Synlighed global']);
      expectProblem(await as.laA.get(`${BASE}/${randomUUID()}`), 404);
    });

    it('only global admins and local admins of the owner delete', async () => {
      const created = await as.smaA.post<Interface>(BASE, { organizationUuid: orgA, name: 'Slet mig' });
      expectProblem(await as.smaA.delete(`${BASE}/${created.body.uuid}`), 403);
      expectProblem(await as.userA.delete(`${BASE}/${created.body.uuid}`), 403);
      expect((await as.laA.delete(`${BASE}/${created.body.uuid}`)).status).toBe(204);
    });
  });

  it('name + interface id is unique per organisation, ignoring case and spacing (409)', async () => {
    expect((await as.laA.post(BASE, { organizationUuid: orgA, name: 'Borgerservice', interfaceId: 'BS 1' })).status).toBe(201);
    const duplicate = await as.laA.post(BASE, { organizationUuid: orgA, name: '  BORGERSERVICE ', interfaceId: 'bs  1' });
    expect(expectProblem(duplicate, 409).detail).toMatch(/already exists/);
    expect((await as.laA.post(BASE, { organizationUuid: orgA, name: 'Borgerservice', interfaceId: 'BS 2' })).status).toBe(201);
    expect((await as.laA.post(BASE, { organizationUuid: orgA, name: 'Borgerservice' })).status).toBe(201);
    expectProblem(await as.laA.post(BASE, { organizationUuid: orgA, name: 'borgerservice', interfaceId: '' }), 409);
    expect((await as.laB.post(BASE, { organizationUuid: orgB, name: 'Borgerservice', interfaceId: 'BS 1' })).status).toBe(201);
    const other = await as.laA.post<Interface>(BASE, { organizationUuid: orgA, name: 'Borgerservice', interfaceId: 'BS 3' });
    expectProblem(await as.laA.patch(`${BASE}/${other.body.uuid}`, { interfaceId: 'bs 2' }), 409);
  });

  it('a stale If-Match is refused with 412 on PATCH, PUT, DELETE and data rows, and the newer state is kept', async () => {
    const uuid = (await as.laA.post<Interface>(BASE, { organizationUuid: orgA, name: 'Samtidig' })).body.uuid;
    expect((await as.laA.patch(`${BASE}/${uuid}`, { description: 'first' }, { 'if-match': '"1"' })).status).toBe(200);
    expectProblem(await as.laA.patch(`${BASE}/${uuid}`, { description: 'second' }, { 'if-match': '"1"' }), 412);
    expectProblem(await put(system.gatewayUrl, tokens.laA, `${BASE}/${uuid}`, { name: 'Samtidig' }, { 'if-match': '"1"' }), 412);
    expectProblem(await as.laA.post(`${BASE}/${uuid}/data`, { description: 'x' }, { 'if-match': '"1"' }), 412);
    expectProblem(await as.laA.delete(`${BASE}/${uuid}`, { 'if-match': '"1"' }), 412);
    expect((await as.laA.get<Interface>(`${BASE}/${uuid}`)).body).toMatchObject({ description: 'first', revision: 2 });
  });

  it('manages data rows one by one under /data', async () => {
    const uuid = (await as.laA.post<Interface>(BASE, { organizationUuid: orgA, name: 'Datarækker' })).body.uuid;
    const added = await as.laA.post<{ uuid: string; description: string }>(`${BASE}/${uuid}/data`, { description: 'Adresse' });
    expect(added.status).toBe(201);
    expect(added.headers.get('etag')).toBe('"2"');
    expect(added.body).toMatchObject({ description: 'Adresse', dataType: null });
    const changed = await put(system.gatewayUrl, tokens.laA, `${BASE}/${uuid}/data/${added.body.uuid}`, { description: 'Bopæl' });
    expect(changed).toMatchObject({ status: 200, body: { uuid: added.body.uuid, description: 'Bopæl' } });
    expectProblem(await put(system.gatewayUrl, tokens.laA, `${BASE}/${uuid}/data/${randomUUID()}`, { description: 'x' }), 404);
    expectProblem(await as.userA.post(`${BASE}/${uuid}/data`, { description: 'x' }), 403);
    expectProblem(await as.laA.post(`${BASE}/${uuid}/data`, { description: 'x', extra: 1 }), 400, 'extra');
    expect((await as.laA.get<Interface>(`${BASE}/${uuid}`)).body.data).toEqual([
      { uuid: added.body.uuid, description: 'Bopæl', dataType: null },
    ]);
    const removed = await as.laA.delete(`${BASE}/${uuid}/data/${added.body.uuid}`);
    expect(removed.status).toBe(204);
    expect(removed.headers.get('etag')).toBe('"4"');
    expect((await as.laA.get<Interface>(`${BASE}/${uuid}`)).body.data).toEqual([]);
  });

  it('filters as KITOS: exposing system, deactivation, names, interface id, owner, availability, change time, paging and order', async () => {
    const org = await createOrganization(http(system.gatewayUrl), adminTokenValue);
    const systemUuid = await eventually(async () => {
      const created = await admin.post<{ uuid: string }>('/api/v2/it-systems', {
        organizationUuid: org,
        name: `Filtersystem ${randomUUID().slice(0, 6)}`,
      });
      if (created.status !== 201) throw new Error(`creating a system answered ${created.status}`);
      return created.body.uuid;
    });
    const make = async (body: Record<string, unknown>) => (await admin.post<Interface>(BASE, { organizationUuid: org, ...body })).body;
    const charlie = await make({ name: 'Charlie', interfaceId: 'C-1', exposedBySystemUuid: systemUuid });
    const alpha = await make({ name: 'Alpha Beta', interfaceId: 'A-1', scope: 'Global' });
    const bravo = await make({ name: 'Bravo', interfaceId: 'B-1', deactivated: true });
    const q = (query: string) => admin.get<Interface[]>(`${BASE}?organizationUuid=${org}${query}`);

    expect(names(await q(''))).toEqual(['Charlie', 'Alpha Beta']);
    expect(names(await q('&includeDeactivated=true'))).toEqual(['Charlie', 'Alpha Beta', 'Bravo']);
    expect(names(await q(`&exposedBySystemUuid=${systemUuid}`))).toEqual(['Charlie']);
    expect(names(await q('&nameEquals=%20alpha%20%20beta'))).toEqual(['Alpha Beta']);
    expect(names(await q('&nameEquals=alpha'))).toEqual([]);
    expect(names(await q('&nameContains=HA'))).toEqual(['Charlie', 'Alpha Beta']);
    expect(names(await q('&interfaceId=c-1'))).toEqual(['Charlie']);
    expect(names(await q('&orderByProperty=Name&includeDeactivated=true'))).toEqual(['Alpha Beta', 'Bravo', 'Charlie']);
    const first = await q('&includeDeactivated=true&pageSize=2&page=0');
    const second = await q('&includeDeactivated=true&pageSize=2&page=1');
    expect([...first.body, ...second.body].map((i) => i.uuid)).toEqual([charlie.uuid, alpha.uuid, bravo.uuid]);
    expect(names(await q('&changedSinceGtEq=2999-01-01T00:00:00Z'))).toEqual([]);

    await admin.patch(`${BASE}/${charlie.uuid}`, { description: 'rørt' });
    const since = await q(`&changedSinceGtEq=${encodeURIComponent(alpha.lastModified)}&includeDeactivated=true`);
    expect(names(since)).toEqual(['Alpha Beta', 'Bravo', 'Charlie']);

    const availableInB = await admin.get<Interface[]>(`${BASE}?availableInOrganizationUuid=${orgB}&organizationUuid=${org}`);
    expect(names(availableInB)).toEqual(['Alpha Beta']);
    expect(names(await as.laB.get<Interface[]>(`${BASE}?organizationUuid=${org}&includeDeactivated=true`))).toEqual(['Alpha Beta']);
  });

  describe('option references (depend on the option types part: GET /api/v2/it-interface-interface-types)', () => {
    type Option = { uuid: string; name: string };
    const available = async (kind: string, org: string) => (await admin.get<Option[]>(`/api/v2/${kind}?organizationUuid=${org}`)).body;

    it('accepts an available interface type and data types and answers with their names', async () => {
      const [type] = await available('it-interface-interface-types', orgA);
      const [dataType] = await available('it-interface-interface-data-types', orgA);
      const created = await as.laA.post<Interface>(BASE, {
        organizationUuid: orgA,
        name: 'Med typer',
        itInterfaceTypeUuid: type.uuid,
        data: [{ description: 'CPR', dataTypeUuid: dataType.uuid }],
      });
      expect(created.status).toBe(201);
      expect(created.body.itInterfaceType).toEqual({ uuid: type.uuid, name: type.name });
      expect(created.body.data[0].dataType).toEqual({ uuid: dataType.uuid, name: dataType.name });
      const row = await as.laA.post<{ dataType: Ref }>(`${BASE}/${created.body.uuid}/data`, { dataTypeUuid: dataType.uuid });
      expect(row.body.dataType).toEqual({ uuid: dataType.uuid, name: dataType.name });
    });

    it('refuses an unknown or unavailable interface type or data type with 400 naming the field', async () => {
      const all = (await admin.get<Array<Option & { isObligatory?: boolean }>>('/api/v2/option-types/it-interface-interface-types')).body;
      const shown = new Set((await available('it-interface-interface-types', orgA)).map((o) => o.uuid));
      const unavailable = all.find((o) => !shown.has(o.uuid));
      expect(unavailable).toBeDefined();
      expectProblem(
        await as.laA.post(BASE, { organizationUuid: orgA, name: 'T1', itInterfaceTypeUuid: unavailable!.uuid }),
        400,
        'itInterfaceTypeUuid',
      );
      expectProblem(
        await as.laA.post(BASE, { organizationUuid: orgA, name: 'T2', itInterfaceTypeUuid: randomUUID() }),
        400,
        'itInterfaceTypeUuid',
      );
      expectProblem(
        await as.laA.post(BASE, { organizationUuid: orgA, name: 'T3', data: [{ description: 'ok' }, { dataTypeUuid: randomUUID() }] }),
        400,
        'data[1].dataTypeUuid',
      );
      const uuid = (await as.laA.post<Interface>(BASE, { organizationUuid: orgA, name: 'T4' })).body.uuid;
      expectProblem(await as.laA.post(`${BASE}/${uuid}/data`, { dataTypeUuid: randomUUID() }), 400, 'dataTypeUuid');
    });
  });

  describe('usedInOrganizationUuid (depends on the system usages part)', () => {
    it('lists the interfaces exposed by systems the organisation uses', async () => {
      const exposed = await admin.post<Interface>(BASE, {
        organizationUuid: orgA,
        name: 'Brugt snitflade',
        exposedBySystemUuid: globalSystemA,
        scope: 'Global',
      });
      expect(exposed.status).toBe(201);
      expect(names(await admin.get<Interface[]>(`${BASE}?usedInOrganizationUuid=${orgB}`))).toEqual([]);
      await eventually(async () => {
        const usage = await admin.post('/api/v2/it-system-usages', { systemUuid: globalSystemA, organizationUuid: orgB });
        expect([201, 409]).toContain(usage.status);
      });
      expect(names(await admin.get<Interface[]>(`${BASE}?usedInOrganizationUuid=${orgB}`))).toEqual(['Brugt snitflade']);
    });
  });
});
