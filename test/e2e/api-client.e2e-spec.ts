import { createKitosClient, type KitosClient, type Schemas } from '@kitos/api-client';
import { eventually } from '@kitos/testing';
import { LOCAL_ADMIN } from '../support/identity';
import { startSystem, type RunningSystem } from '../support/system';

/**
 * The API driven through the client generated from docs/openapi.json (openapi-fetch + openapi-typescript): every path,
 * parameter and body below is checked by tsc (`npm run openapi:check`), so a document that types a field wrongly
 * fails the build before it misleads an integrator.
 */
describe('the API through its generated typed client', () => {
  let system: RunningSystem;
  let api: KitosClient;
  let organization: Schemas['OrganizationResponse'];

  beforeAll(async () => {
    system = await startSystem();
    const anonymous = createKitosClient(system.gatewayUrl);
    const token = await eventually(async () => {
      const { data, response } = await anonymous.POST('/api/v2/auth/login', { body: LOCAL_ADMIN });
      if (!data) throw new Error(`login answered ${response.status}`);
      return data.token;
    });
    api = createKitosClient(system.gatewayUrl, token);
  });
  afterAll(() => system?.close());

  const registerSystem = async (name: string) => {
    const { data, response } = await api.POST('/api/v2/it-systems', { body: { organizationUuid: organization.uuid, name } });
    expect({ status: response.status, name: data?.name }).toEqual({ status: 201, name });
    return data!;
  };
  const takeIntoUse = async (systemUuid: string) => {
    const { data, response } = await api.POST('/api/v2/it-system-usages', {
      body: { systemUuid, organizationUuid: organization.uuid },
    });
    expect(response.status).toBe(201);
    return { usage: data!, etag: response.headers.get('etag')! };
  };

  it('creates an organisation with its CVR number', async () => {
    const { data, response } = await api.POST('/api/v2/organizations', {
      body: { name: 'Aarhus Kommune', organizationType: 'Municipality', cvr: '55133018', email: null },
    });
    expect(response.status).toBe(201);
    organization = data!;
    expect(organization).toMatchObject({ name: 'Aarhus Kommune', organizationType: 'Municipality', cvr: '55133018' });
  });

  it('refuses an invalid CVR number with a problem naming the field', async () => {
    const { error, response } = await api.POST('/api/v2/organizations', {
      body: { name: 'Ukendt Kommune', organizationType: 'Municipality', cvr: '12345678' },
    });
    expect(response.status).toBe(400);
    expect(error?.errors?.map((e) => e.field)).toEqual(['cvr']);
  });

  it('registers an IT system, takes it into use and changes the usage with If-Match', async () => {
    const registered = await registerSystem('Sagssystem');
    const { usage, etag } = await takeIntoUse(registered.uuid);
    expect(usage.systemContext.uuid).toBe(registered.uuid);

    const patched = await api.PATCH('/api/v2/it-system-usages/{uuid}', {
      params: { path: { uuid: usage.uuid }, header: { 'If-Match': etag } },
      body: { general: { localCallName: 'Sagen', numberOfExpectedUsers: { lowerBound: 10, upperBound: 50 } } },
    });
    expect(patched.response.status).toBe(200);
    expect(patched.data?.general.localCallName).toBe('Sagen');
    expect(patched.response.headers.get('etag')).not.toBe(etag);

    const stale = await api.PATCH('/api/v2/it-system-usages/{uuid}', {
      params: { path: { uuid: usage.uuid }, header: { 'If-Match': etag } },
      body: { general: { notes: 'for sent' } },
    });
    expect({ status: stale.response.status, problem: stale.error?.status }).toEqual({ status: 412, problem: 412 });
  });

  it('lists page by page', async () => {
    for (const name of ['Lønsystem', 'ESDH']) await takeIntoUse((await registerSystem(name)).uuid);
    const page = async (page: number) => {
      const { data, response } = await api.GET('/api/v2/it-system-usages', {
        params: { query: { organizationUuid: organization.uuid, page, pageSize: 2 } },
      });
      expect(response.status).toBe(200);
      return data!.map((usage) => usage.systemContext.name);
    };
    const [first, second, third] = [await page(0), await page(1), await page(2)];
    expect(first).toHaveLength(2);
    expect(second).toHaveLength(1);
    expect(third).toEqual([]);
    expect([...first, ...second].sort()).toEqual(['ESDH', 'Lønsystem', 'Sagssystem']);
  });
});

/**
 * Never called: tsc refuses each marked line, so the generated types are as strict as the API (an unused
 * @ts-expect-error fails the build too). Written against the types that were once Record<string, never> or number.
 */
export function wronglyTypedCallsFailToCompile(api: KitosClient): void {
  // @ts-expect-error the CVR number is a string
  void api.POST('/api/v2/organizations', { body: { name: 'X', organizationType: 'Municipality', cvr: 55133018 } });
  // @ts-expect-error organizationType is one of the declared enumeration
  void api.POST('/api/v2/organizations', { body: { name: 'X', organizationType: 'Kommune' } });
  // @ts-expect-error forcing a contract valid is a boolean
  void api.POST('/api/v2/it-contracts', { body: { name: 'X', organizationUuid: 'u', general: { validity: { enforcedValid: 'yes' } } } });
  // @ts-expect-error the path needs its uuid
  void api.GET('/api/v2/it-systems/{uuid}', { params: { path: {} } });
  // @ts-expect-error pageSize is a number
  void api.GET('/api/v2/it-system-usages', { params: { query: { pageSize: '10' } } });
}
