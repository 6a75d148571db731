import { randomUUID } from 'node:crypto';
import { eventually, resetJetStream } from '@kitos/testing';
import { adminToken, bearer, createOrganization, createUser, sessionOf } from '../support/identity';
import { http, startSystem, type HttpResult, type RunningSystem } from '../support/system';
import { expectProblem } from './support/expectations';
import { KitosCompatClient } from './support/kitos-client';

/**
 * The catalogue half of KITOS API v2 as a drop-in (issue 19), driven the way an existing KITOS integration calls it:
 * the KITOS paths, bodies, query parameters and status codes. Each test names the KITOS operations it covers; the
 * table of them is printed at the end by the shared recorder (test/compat/support), as by the other compatibility
 * suites; docs/kitos-compatibility.md lists every operation with its status.
 */

type Pair = { uuid: string; name: string | null };
type Usage = {
  uuid: string;
  version: number;
  systemContext: Pair;
  general: {
    mainContract: Pair | null;
    validity: { valid: boolean; validAccordingToMainContract: boolean; invalidReasons: string[] };
  };
  outgoingSystemRelations: Array<{ uuid: string; toSystemUsage: Pair; associatedContract: Pair | null }>;
};

const EMPTY_GUID = '00000000-0000-0000-0000-000000000000';
const USAGES = '/api/v2/it-system-usages';
const SYSTEMS = '/api/v2/it-systems';
const INTERFACES = '/api/v2/it-interfaces';
const CONTRACTS = '/api/v2/it-contracts';
/** Waits for what travels by events (contracts → catalogue) on a busy machine. */
const EVENTS = { timeoutMs: 45_000, intervalMs: 200 };

/** The KITOS operations this suite is expected to exercise (its rows in docs/kitos-compatibility.md). */
const EXPECTED = [
  'GET /api/v2/rightsholder/organizations',
  `GET ${SYSTEMS}/{uuid}`,
  `PATCH ${SYSTEMS}/{uuid}/dbs`,
  `POST ${SYSTEMS}/{uuid}/external-references`,
  `PUT ${SYSTEMS}/{uuid}/external-references/{externalReferenceUuid}`,
  `DELETE ${SYSTEMS}/{uuid}/external-references/{externalReferenceUuid}`,
  `GET ${SYSTEMS}/permissions`,
  `GET ${SYSTEMS}/{uuid}/permissions`,
  `GET ${INTERFACES}/permissions`,
  `GET ${INTERFACES}/{uuid}/permissions`,
  'GET /api/v2/rightsholder/it-interfaces',
  'POST /api/v2/rightsholder/it-interfaces',
  'GET /api/v2/rightsholder/it-interfaces/{uuid}',
  'PUT /api/v2/rightsholder/it-interfaces/{uuid}',
  'PATCH /api/v2/rightsholder/it-interfaces/{uuid}',
  'DELETE /api/v2/rightsholder/it-interfaces/{uuid}',
  `GET ${USAGES}`,
  `GET ${USAGES}/{uuid}`,
  `PUT ${USAGES}/{uuid}`,
  `PATCH ${USAGES}/{uuid}`,
  `DELETE ${USAGES}/{uuid}`,
  `POST ${USAGES}/{uuid}/external-references`,
  `PUT ${USAGES}/{uuid}/external-references/{externalReferenceUuid}`,
  `DELETE ${USAGES}/{uuid}/external-references/{externalReferenceUuid}`,
  `GET ${USAGES}/permissions`,
  `GET ${USAGES}/{uuid}/permissions`,
  'GET /api/v2/it-system-usage-archives/{uuid}',
  'DELETE /api/v2/it-system-usage-archives/{uuid}',
  'GET /api/v2/it-system-usage-technical-system-types',
  'GET /api/v2/it-system-usage-technical-system-types/{uuid}',
  'GET /api/v2/it-system-usage-criticality-level-types',
  'GET /api/v2/it-system-usage-criticality-level-types/{uuid}',
];

describe('KITOS API v2 compatibility: the catalogue', () => {
  let system: RunningSystem;
  const kitos = new KitosCompatClient(() => system.gatewayUrl, EXPECTED);
  /** Records a call labelled `VERB /path` (KITOS's path after /api/v2, `?parameter` for a filter) with the shared recorder. */
  const cover = (label: string, status: number) => {
    const [method, path] = label.split(' ');
    kitos.record(method, `/api/v2${path}`, status);
  };
  let api: ReturnType<typeof http>;
  let admin: string;
  let org: string;
  let otherOrg: string;
  let la: string;
  let plainUser: string;
  let otherLa: string;

  const call = async <T>(operation: string, result: Promise<HttpResult<T>>): Promise<HttpResult<T>> => {
    const answered = await result;
    cover(operation, answered.status);
    return answered;
  };

  const put = async <T>(path: string, body: unknown, token: string, headers: Record<string, string> = {}): Promise<HttpResult<T>> => {
    const response = await fetch(`${system.gatewayUrl}${path}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', ...bearer(token), ...headers },
      body: JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: (text ? JSON.parse(text) : undefined) as T };
  };

  const createSystem = async (fields: Record<string, unknown> = {}): Promise<{ uuid: string; name: string; version: number }> => {
    const created = await api.post<{ uuid: string; name: string; version: number }>(
      SYSTEMS,
      { organizationUuid: org, name: `System ${randomUUID().slice(0, 8)}`, ...fields },
      bearer(admin),
    );
    if (created.status !== 201) throw new Error(`creating a system answered ${created.status}: ${JSON.stringify(created.body)}`);
    return created.body;
  };

  const createUsage = async (systemUuid?: string): Promise<Usage> => {
    const created = await api.post<Usage>(
      USAGES,
      { organizationUuid: org, systemUuid: systemUuid ?? (await createSystem()).uuid },
      bearer(la),
    );
    if (created.status !== 201) throw new Error(`creating a usage answered ${created.status}: ${JSON.stringify(created.body)}`);
    return created.body;
  };

  const createContract = async (fields: Record<string, unknown>): Promise<{ uuid: string; version: number }> => {
    const created = await api.post<{ uuid: string; version: number }>(
      CONTRACTS,
      { organizationUuid: org, name: `Kontrakt ${randomUUID().slice(0, 8)}`, ...fields },
      bearer(la),
    );
    if (created.status !== 201) throw new Error(`creating a contract answered ${created.status}: ${JSON.stringify(created.body)}`);
    return created.body;
  };

  const getUsage = async (uuid: string): Promise<Usage> => (await api.get<Usage>(`${USAGES}/${uuid}`, bearer(la))).body;

  beforeAll(async () => {
    await resetJetStream();
    system = await startSystem();
    api = http(system.gatewayUrl);
    admin = await adminToken(api);
    org = await createOrganization(api, admin, { name: `Vejle ${randomUUID().slice(0, 6)}` });
    otherOrg = await createOrganization(api, admin);
    la = await sessionOf(api, await createUser(api, admin, [{ organizationUuid: org, role: 'LocalAdmin' }]));
    plainUser = await sessionOf(api, await createUser(api, admin, [{ organizationUuid: org, role: 'User' }]));
    otherLa = await sessionOf(api, await createUser(api, admin, [{ organizationUuid: otherOrg, role: 'LocalAdmin' }]));
  }, 150_000);

  afterAll(async () => {
    if (system) kitos.report('the catalogue');
    await system?.close();
  });

  describe('usages: general.mainContract and its validity', () => {
    it('sets a main contract covering the usage; the usage becomes invalid when the contract expires and loses it when uncovered', async () => {
      const usage = await createUsage();
      const contract = await createContract({
        supplier: { organizationUuid: otherOrg },
        systemUsageUuids: [usage.uuid],
        general: { validity: { validFrom: '2023-01-01', validTo: '2099-12-31' } },
      });
      // the catalogue learns the contract from the contracts service's events
      const set = await eventually(async () => {
        const patched = await api.patch<Usage>(`${USAGES}/${usage.uuid}`, { general: { mainContractUuid: contract.uuid } }, bearer(la));
        expect(patched.status).toBe(200);
        return patched;
      }, EVENTS);
      cover('PATCH /it-system-usages/{uuid}', set.status);
      expect(set.body.general.mainContract).toEqual({ uuid: contract.uuid, name: expect.stringMatching(/^Kontrakt /) });
      expect(set.body.general.validity).toMatchObject({ valid: true, validAccordingToMainContract: true, invalidReasons: [] });
      // the catalogue system shows the suppliers of its usages' main contracts (KITOS mainContractSuppliers)
      const catalogued = await call(
        'GET /it-systems/{uuid}',
        api.get<{ mainContractSuppliers: Pair[] }>(`${SYSTEMS}/${usage.systemContext.uuid}`, bearer(la)),
      );
      expect(catalogued.body.mainContractSuppliers.map((o) => o.uuid)).toEqual([otherOrg]);

      const expired = await api.patch(
        `${CONTRACTS}/${contract.uuid}`,
        { general: { validity: { validFrom: '2020-01-01', validTo: '2021-12-31' } } },
        bearer(la),
      );
      expect(expired.status).toBe(200);
      await eventually(
        async () =>
          expect((await getUsage(usage.uuid)).general.validity).toMatchObject({
            valid: false,
            validAccordingToMainContract: false,
            invalidReasons: ['MainContractNotActive'],
          }),
        EVENTS,
      );

      const uncovered = await api.patch(`${CONTRACTS}/${contract.uuid}`, { systemUsageUuids: [] }, bearer(la));
      expect(uncovered.status).toBe(200);
      await eventually(async () => expect((await getUsage(usage.uuid)).general.mainContract).toBeNull(), EVENTS);
      const unsupplied = await api.get<{ mainContractSuppliers: Pair[] }>(`${SYSTEMS}/${usage.systemContext.uuid}`, bearer(la));
      expect(unsupplied.body.mainContractSuppliers).toEqual([]);
      const after = await call('GET /it-system-usages/{uuid}', api.get<Usage>(`${USAGES}/${usage.uuid}`, bearer(la)));
      expect(after.body.general.validity).toMatchObject({ valid: true, validAccordingToMainContract: true });
    });

    it('refuses a main contract that does not cover the usage, or an unknown one, at the field (400)', async () => {
      const usage = await createUsage();
      const contract = await createContract({});
      for (const mainContractUuid of [contract.uuid, randomUUID()])
        expectProblem(
          await call('PATCH /it-system-usages/{uuid}', api.patch(`${USAGES}/${usage.uuid}`, { general: { mainContractUuid } }, bearer(la))),
          400,
          'general.mainContractUuid',
        );
    });
  });

  describe('usages: relatedTo filters and outgoingSystemRelations', () => {
    let x: Usage;
    let y: Usage;
    let z: Usage;
    let contract: string;

    beforeAll(async () => {
      [x, y, z] = [await createUsage(), await createUsage(), await createUsage()];
      contract = (await createContract({})).uuid;
      // the relation may name the contract once the catalogue has learnt it from the contracts' events
      await eventually(async () => {
        const related = await api.post(
          `${USAGES}/${x.uuid}/system-relations`,
          { toSystemUsageUuid: y.uuid, associatedContractUuid: contract },
          bearer(la),
        );
        expect(related.status).toBe(201);
      }, EVENTS);
      expect((await api.post(`${USAGES}/${z.uuid}/system-relations`, { toSystemUsageUuid: x.uuid }, bearer(la))).status).toBe(201);
    });

    const listed = async (query: string): Promise<string[]> => {
      const result = await call(
        `GET /it-system-usages?${query.split('=')[0]}`,
        api.get<Usage[]>(`${USAGES}?organizationUuid=${org}&${query}`, bearer(la)),
      );
      expect(result.status).toBe(200);
      return result.body.map((u) => u.uuid);
    };

    it('relatedToSystemUsageUuid, relatedToSystemUuid and relatedToContractUuid select the usages with such an outgoing relation', async () => {
      expect(await listed(`relatedToSystemUsageUuid=${y.uuid}`)).toEqual([x.uuid]);
      expect(await listed(`relatedToSystemUuid=${y.systemContext.uuid}`)).toEqual([x.uuid]);
      expect(await listed(`relatedToSystemUuid=${x.systemContext.uuid}`)).toEqual([z.uuid]);
      expect(await listed(`relatedToContractUuid=${contract}`)).toEqual([x.uuid]);
      expect(await listed(`relatedToSystemUsageUuid=${z.uuid}`)).toEqual([]);
      // combined with each other and with paging
      expect(await listed(`relatedToSystemUsageUuid=${y.uuid}&relatedToContractUuid=${contract}`)).toEqual([x.uuid]);
      expect(await listed(`relatedToSystemUsageUuid=${x.uuid}&relatedToContractUuid=${contract}`)).toEqual([]);
      expect(await listed(`relatedToSystemUuid=${y.systemContext.uuid}&page=0&pageSize=1`)).toEqual([x.uuid]);
      expect(await listed(`relatedToSystemUuid=${y.systemContext.uuid}&page=1&pageSize=1`)).toEqual([]);
    });

    it('refuses an empty or malformed guid in the filters (400)', async () => {
      for (const name of ['relatedToSystemUuid', 'relatedToSystemUsageUuid', 'relatedToContractUuid']) {
        expectProblem(await call(`GET /it-system-usages?${name}`, api.get(`${USAGES}?${name}=${EMPTY_GUID}`, bearer(la))), 400, name);
        expectProblem(await api.get(`${USAGES}?${name}=nope`, bearer(la)), 400, name);
      }
    });

    it('shows the outgoing relations on the usage, in one read and in lists', async () => {
      // the target's name comes from the catalogue's own copy of system names, kept from its events
      await eventually(
        async () =>
          expect((await getUsage(x.uuid)).outgoingSystemRelations).toEqual([
            expect.objectContaining({
              toSystemUsage: { uuid: y.uuid, name: y.systemContext.name },
              associatedContract: expect.objectContaining({ uuid: contract }),
            }),
          ]),
        EVENTS,
      );
      expect((await getUsage(y.uuid)).outgoingSystemRelations).toEqual([]);
      const page = await call(
        'GET /it-system-usages',
        api.get<Usage[]>(`${USAGES}?organizationUuid=${org}&systemUuid=${z.systemContext.uuid}`, bearer(la)),
      );
      expect(page.body.map((u) => u.outgoingSystemRelations.map((r) => r.toSystemUsage.uuid))).toEqual([[x.uuid]]);
    });
  });

  describe('usages: KITOS status codes', () => {
    it('another organisation 403, unknown 404, empty guid 400, stale If-Match 412, delete 204', async () => {
      const usage = await createUsage();
      expectProblem(await call('GET /it-system-usages/{uuid}', api.get(`${USAGES}/${usage.uuid}`, bearer(otherLa))), 403);
      expectProblem(
        await call('PATCH /it-system-usages/{uuid}', api.patch(`${USAGES}/${usage.uuid}`, { general: {} }, bearer(otherLa))),
        403,
      );
      expectProblem(await call('DELETE /it-system-usages/{uuid}', api.delete(`${USAGES}/${usage.uuid}`, bearer(otherLa))), 403);
      expectProblem(await call('GET /it-system-usages/{uuid}', api.get(`${USAGES}/${randomUUID()}`, bearer(la))), 404);
      expectProblem(await call('GET /it-system-usages/{uuid}', api.get(`${USAGES}/${EMPTY_GUID}`, bearer(la))), 400);
      const patched = await call(
        'PATCH /it-system-usages/{uuid}',
        api.patch<Usage>(`${USAGES}/${usage.uuid}`, { general: { localCallName: 'Sagen' } }, { ...bearer(la), 'if-match': '"1"' }),
      );
      expect(patched.status).toBe(200);
      expectProblem(
        await call(
          'PATCH /it-system-usages/{uuid}',
          api.patch(`${USAGES}/${usage.uuid}`, { general: {} }, { ...bearer(la), 'if-match': '"1"' }),
        ),
        412,
      );
      expectProblem(await call('PUT /it-system-usages/{uuid}', put(`${USAGES}/${usage.uuid}`, {}, la, { 'if-match': '"1"' })), 412);
      expect((await call('DELETE /it-system-usages/{uuid}', api.delete(`${USAGES}/${usage.uuid}`, bearer(la)))).status).toBe(204);
    });
  });

  describe('external references as sub-resources (it-systems and it-system-usages)', () => {
    type Reference = { uuid: string; title: string; documentId: string | null; url: string | null; masterReference: boolean };

    it.each([
      ['it-systems', async () => (await createSystem()).uuid, () => admin],
      ['it-system-usages', async () => (await createUsage()).uuid, () => la],
    ])('%s: POST 201, PUT 200, DELETE 204, one master, field-level 400, unknown 404, stale 412', async (resource, createOwner, tokenOf) => {
      const owner = await createOwner();
      const token = tokenOf();
      const base = `/api/v2/${resource}/${owner}/external-references`;
      const op = (verb: string, withUuid: boolean) =>
        `${verb} /${resource}/{uuid}/external-references${withUuid ? '/{externalReferenceUuid}' : ''}`;

      const first = await call(
        op('POST', false),
        api.post<Reference>(
          base,
          { title: 'Driftsaftale', url: 'https://intranet.kommune.dk/drift', masterReference: true },
          bearer(token),
        ),
      );
      expect(first.status).toBe(201);
      expect(first.body).toEqual({
        uuid: expect.any(String),
        title: 'Driftsaftale',
        documentId: null,
        url: 'https://intranet.kommune.dk/drift',
        masterReference: true,
      });
      const etag = first.headers.get('etag');
      const second = await call(
        op('POST', false),
        api.post<Reference>(base, { title: 'Vejledning', masterReference: true }, bearer(token)),
      );
      expect(second.status).toBe(201);
      const read = await api.get<{ externalReferences: Reference[] }>(`/api/v2/${resource}/${owner}`, bearer(token));
      // the newer master takes over
      expect(read.body.externalReferences.map((r) => [r.title, r.masterReference])).toEqual([
        ['Driftsaftale', false],
        ['Vejledning', true],
      ]);

      const replaced = await call(
        op('PUT', true),
        put<Reference>(`${base}/${first.body.uuid}`, { title: 'Driftsaftale 2026', documentId: 'ESDH-1' }, token),
      );
      expect(replaced.status).toBe(200);
      expect(replaced.body).toEqual({
        uuid: first.body.uuid,
        title: 'Driftsaftale 2026',
        documentId: 'ESDH-1',
        url: null,
        masterReference: false,
      });

      expectProblem(await call(op('POST', false), api.post(base, { documentId: 'x' }, bearer(token))), 400, 'title');
      expectProblem(await call(op('POST', false), api.post(base, { title: 'x', surprise: true }, bearer(token))), 400);
      expectProblem(await call(op('PUT', true), put(`${base}/${randomUUID()}`, { title: 'x' }, token)), 404);
      expectProblem(await call(op('PUT', true), put(`${base}/${EMPTY_GUID}`, { title: 'x' }, token)), 400);
      expectProblem(
        await call(op('POST', false), api.post(`/api/v2/${resource}/${randomUUID()}/external-references`, { title: 'x' }, bearer(token))),
        404,
      );
      expectProblem(await call(op('POST', false), api.post(base, { title: 'x' }, { ...bearer(token), 'if-match': etag ?? '"1"' })), 412);
      expectProblem(await call(op('POST', false), api.post(base, { title: 'x' }, bearer(plainUser))), 403);

      expect((await call(op('DELETE', true), api.delete(`${base}/${second.body.uuid}`, bearer(token)))).status).toBe(204);
      expectProblem(await call(op('DELETE', true), api.delete(`${base}/${second.body.uuid}`, bearer(token))), 404);
      const after = await api.get<{ externalReferences: Reference[] }>(`/api/v2/${resource}/${owner}`, bearer(token));
      expect(after.body.externalReferences.map((r) => r.title)).toEqual(['Driftsaftale 2026']);
    });
  });

  describe('rights holders: /rightsholder/it-interfaces and /rightsholder/organizations', () => {
    type Interface = { uuid: string; name: string; interfaceId: string | null; deactivated: boolean; exposedBySystem: Pair | null };
    const RH = '/api/v2/rightsholder/it-interfaces';
    let supplier: string;
    let otherSupplier: string;
    let holder: string;
    let otherHolder: string;
    let ownSystem: string;
    let foreignSystem: string;

    const rhSystem = async (rightsHolderUuid: string, token: string): Promise<string> => {
      const created = await api.post<{ uuid: string }>(
        '/api/v2/rightsholder/it-systems',
        { rightsHolderUuid, name: `Leverandørsystem ${randomUUID().slice(0, 6)}`, description: 'Fra leverandøren' },
        bearer(token),
      );
      if (created.status !== 201)
        throw new Error(`creating a rights-holder system answered ${created.status}: ${JSON.stringify(created.body)}`);
      return created.body.uuid;
    };

    beforeAll(async () => {
      supplier = await createOrganization(api, admin, { name: `Leverandør ${randomUUID().slice(0, 6)}`, organizationType: 'Company' });
      otherSupplier = await createOrganization(api, admin, { organizationType: 'Company' });
      holder = await sessionOf(api, await createUser(api, admin, [{ organizationUuid: supplier, role: 'RightsHolderAccess' }]));
      otherHolder = await sessionOf(api, await createUser(api, admin, [{ organizationUuid: otherSupplier, role: 'RightsHolderAccess' }]));
      ownSystem = await rhSystem(supplier, holder);
      foreignSystem = await rhSystem(otherSupplier, otherHolder);
    });

    it('GET /rightsholder/organizations: where the caller holds rights-holder access, empty when nowhere', async () => {
      const mine = await call('GET /rightsholder/organizations', api.get<Pair[]>('/api/v2/rightsholder/organizations', bearer(holder)));
      expect(mine.status).toBe(200);
      expect(mine.body).toEqual([{ uuid: supplier, name: expect.stringMatching(/^Leverandør /), cvr: null }]);
      expect((await call('GET /rightsholder/organizations', api.get('/api/v2/rightsholder/organizations', bearer(la)))).body).toEqual([]);
      expectProblem(
        await call('GET /rightsholder/organizations', api.get('/api/v2/rightsholder/organizations?pageSize=0', bearer(holder))),
        400,
        'pageSize',
      );
    });

    it('create, read, list with each filter and paging, put, patch and deactivate an interface as its rights holder', async () => {
      const body = {
        rightsHolderUuid: supplier,
        exposedBySystemUuid: ownSystem,
        name: `API ${randomUUID().slice(0, 6)}`,
        interfaceId: 'A-1',
        description: 'Sager',
      };
      const created = await call('POST /rightsholder/it-interfaces', api.post<Interface>(RH, body, bearer(holder)));
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ name: body.name, interfaceId: 'A-1', deactivated: false, exposedBySystem: { uuid: ownSystem } });
      const uuid = created.body.uuid;
      const second = await call(
        'POST /rightsholder/it-interfaces',
        api.post<Interface>(RH, { ...body, name: `${body.name} 2` }, bearer(holder)),
      );
      expect(second.status).toBe(201);

      expect((await call('GET /rightsholder/it-interfaces/{uuid}', api.get<Interface>(`${RH}/${uuid}`, bearer(holder)))).status).toBe(200);
      const list = async (query: string, token = holder) =>
        (
          await call(
            `GET /rightsholder/it-interfaces${query ? '?' + query.split('=')[0] : ''}`,
            api.get<Interface[]>(`${RH}?${query}`, bearer(token)),
          )
        ).body.map((i) => i.uuid);
      expect(await list('')).toEqual([uuid, second.body.uuid]);
      expect(await list(`rightsHolderUuid=${supplier}`)).toEqual([uuid, second.body.uuid]);
      expect(await list('page=1&pageSize=1')).toEqual([second.body.uuid]);
      expect(await list(`changedSinceGtEq=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`)).toEqual([]);
      expect(await list('', otherHolder)).not.toContain(uuid);
      expectProblem(await call('GET /rightsholder/it-interfaces', api.get(`${RH}?rightsHolderUuid=${otherSupplier}`, bearer(holder))), 403);

      const replaced = await call(
        'PUT /rightsholder/it-interfaces/{uuid}',
        put<Interface & { revision: number }>(
          `${RH}/${uuid}`,
          { exposedBySystemUuid: ownSystem, name: body.name, description: 'Nye sager' },
          holder,
        ),
      );
      expect(replaced.status).toBe(200);
      expect(replaced.body.interfaceId).toBeNull();
      const patched = await call(
        'PATCH /rightsholder/it-interfaces/{uuid}',
        api.patch<Interface>(`${RH}/${uuid}`, { interfaceId: 'A-2' }, bearer(holder)),
      );
      expect(patched.body.interfaceId).toBe('A-2');
      expectProblem(
        await call(
          'PATCH /rightsholder/it-interfaces/{uuid}',
          api.patch(`${RH}/${uuid}`, { interfaceId: 'A-3' }, { ...bearer(holder), 'if-match': '"1"' }),
        ),
        412,
      );

      expectProblem(await call('DELETE /rightsholder/it-interfaces/{uuid}', api.delete(`${RH}/${uuid}`, bearer(holder))), 400);
      const deactivated = await fetch(`${system.gatewayUrl}${RH}/${uuid}`, {
        method: 'DELETE',
        headers: { 'content-type': 'application/json', ...bearer(holder) },
        body: JSON.stringify({ deactivationReason: 'Udgået' }),
      });
      cover('DELETE /rightsholder/it-interfaces/{uuid}', deactivated.status);
      expect(deactivated.status).toBe(204);
      expect(await list('')).toEqual([second.body.uuid]);
      expect(await list('includeDeactivated=true')).toEqual([uuid, second.body.uuid]);
    });

    it('KITOS rights-holder rules: only for your own systems, required fields at the field, 403/404', async () => {
      const body = {
        rightsHolderUuid: supplier,
        exposedBySystemUuid: ownSystem,
        name: `API ${randomUUID().slice(0, 6)}`,
        description: 'Sager',
      };
      expectProblem(
        await call('POST /rightsholder/it-interfaces', api.post(RH, { ...body, description: undefined }, bearer(holder))),
        400,
        'description',
      );
      expectProblem(
        await call('POST /rightsholder/it-interfaces', api.post(RH, { ...body, exposedBySystemUuid: undefined }, bearer(holder))),
        400,
        'exposedBySystemUuid',
      );
      expectProblem(
        await call('POST /rightsholder/it-interfaces', api.post(RH, { ...body, exposedBySystemUuid: foreignSystem }, bearer(holder))),
        403,
      );
      expectProblem(
        await call('POST /rightsholder/it-interfaces', api.post(RH, { ...body, rightsHolderUuid: otherSupplier }, bearer(holder))),
        403,
      );
      expectProblem(await call('POST /rightsholder/it-interfaces', api.post(RH, body, bearer(la))), 403);
      const created = await api.post<Interface>(RH, body, bearer(holder));
      expect(created.status).toBe(201);
      expectProblem(
        await call('POST /rightsholder/it-interfaces', api.post(RH, { ...body, name: 'Andet', uuid: created.body.uuid }, bearer(holder))),
        409,
      );
      expectProblem(await call('GET /rightsholder/it-interfaces/{uuid}', api.get(`${RH}/${created.body.uuid}`, bearer(otherHolder))), 403);
      expectProblem(await call('GET /rightsholder/it-interfaces/{uuid}', api.get(`${RH}/${randomUUID()}`, bearer(holder))), 404);
      expectProblem(await call('GET /rightsholder/it-interfaces/{uuid}', api.get(`${RH}/${EMPTY_GUID}`, bearer(holder))), 400);
      expectProblem(
        await call(
          'PATCH /rightsholder/it-interfaces/{uuid}',
          api.patch(`${RH}/${created.body.uuid}`, { exposedBySystemUuid: foreignSystem }, bearer(holder)),
        ),
        403,
      );
    });
  });

  describe('usage archiving and the newer option types', () => {
    type Archive = { type: Pair | null; archiveType: Pair | null; archiveDuty: string | null; journalPeriods: unknown[]; version: number };
    const ARCHIVES = '/api/v2/it-system-usage-archives';

    const firstOption = async (kind: string): Promise<Pair> => {
      const listed = await call(`GET /${kind}`, api.get<Pair[]>(`/api/v2/${kind}?organizationUuid=${org}`, bearer(la)));
      expect(listed.status).toBe(200);
      expect(listed.body.length).toBeGreaterThan(0);
      return listed.body[0];
    };

    it('writes the archive type as KITOS typeUuid and reads it as type (archiveType kept); DELETE removes the registration', async () => {
      const usage = await createUsage();
      const archiveType = await firstOption('it-system-usage-archive-types');
      const patched = await call(
        'PATCH /it-system-usage-archives/{uuid}',
        api.patch<Archive>(`${ARCHIVES}/${usage.uuid}`, { archiveDuty: 'B', typeUuid: archiveType.uuid }, bearer(la)),
      );
      expect(patched.status).toBe(200);
      const typePair = { uuid: archiveType.uuid, name: archiveType.name };
      expect(patched.body).toMatchObject({ archiveDuty: 'B', type: typePair, archiveType: typePair });
      const period = await api.post(
        `${USAGES}/${usage.uuid}/journal-periods`,
        { archiveId: 'A-1', startDate: '2020-01-01', endDate: '2020-12-31', approved: false },
        bearer(la),
      );
      expect(period.status).toBe(201);
      expectProblem(
        await call(
          'PATCH /it-system-usage-archives/{uuid}',
          api.patch(`${ARCHIVES}/${usage.uuid}`, { typeUuid: archiveType.uuid, archiveTypeUuid: randomUUID() }, bearer(la)),
        ),
        400,
        'typeUuid',
      );

      expectProblem(await call('DELETE /it-system-usage-archives/{uuid}', api.delete(`${ARCHIVES}/${usage.uuid}`, bearer(plainUser))), 403);
      expectProblem(
        await call(
          'DELETE /it-system-usage-archives/{uuid}',
          api.delete(`${ARCHIVES}/${usage.uuid}`, { ...bearer(la), 'if-match': '"1"' }),
        ),
        412,
      );
      expect((await call('DELETE /it-system-usage-archives/{uuid}', api.delete(`${ARCHIVES}/${usage.uuid}`, bearer(la)))).status).toBe(204);
      const after = await call('GET /it-system-usage-archives/{uuid}', api.get<Archive>(`${ARCHIVES}/${usage.uuid}`, bearer(la)));
      expect(after.body).toMatchObject({ archiveDuty: null, type: null, archiveType: null, journalPeriods: [] });
      expectProblem(await call('DELETE /it-system-usage-archives/{uuid}', api.delete(`${ARCHIVES}/${randomUUID()}`, bearer(la))), 404);
      expectProblem(await call('DELETE /it-system-usage-archives/{uuid}', api.delete(`${ARCHIVES}/${EMPTY_GUID}`, bearer(la))), 400);
    });

    it.each(['it-system-usage-technical-system-types', 'it-system-usage-criticality-level-types'])(
      '%s: list and by uuid like the other option types',
      async (kind) => {
        const first = await firstOption(kind);
        const one = await call(
          `GET /${kind}/{uuid}`,
          api.get<Pair & { isAvailable: boolean }>(`/api/v2/${kind}/${first.uuid}?organizationUuid=${org}`, bearer(la)),
        );
        expect(one.body).toMatchObject({ uuid: first.uuid, name: first.name, isAvailable: true });
        expectProblem(
          await call(`GET /${kind}/{uuid}`, api.get(`/api/v2/${kind}/${randomUUID()}?organizationUuid=${org}`, bearer(la))),
          404,
        );
        expectProblem(await call(`GET /${kind}`, api.get(`/api/v2/${kind}`, bearer(la))), 400, 'organizationUuid');
        expectProblem(await call(`GET /${kind}`, api.get(`/api/v2/${kind}?organizationUuid=${org}`, bearer(otherLa))), 403);
      },
    );
  });

  describe('IT systems: PATCH …/dbs (legal names)', () => {
    type Legal = { legalName: string | null; legalDataProcessorName: string | null };

    it('system integrators set legalName and legalDataProcessorName (204); others 403; unknown 404; bad input 400', async () => {
      const target = await createSystem();
      const dbs = `${SYSTEMS}/${target.uuid}/dbs`;
      const integrator = await sessionOf(
        api,
        await createUser(api, admin, [{ organizationUuid: org, role: 'User' }], { isSystemIntegrator: true }),
      );
      expect((await api.get<Legal>(`${SYSTEMS}/${target.uuid}`, bearer(la))).body).toMatchObject({
        legalName: null,
        legalDataProcessorName: null,
      });
      const changed = await call(
        'PATCH /it-systems/{uuid}/dbs',
        api.patch(dbs, { systemName: 'KMD Sag A/S', dataProcessorName: 'KMD A/S' }, bearer(integrator)),
      );
      expect(changed.status).toBe(204);
      expect((await api.get<Legal>(`${SYSTEMS}/${target.uuid}`, bearer(la))).body).toMatchObject({
        legalName: 'KMD Sag A/S',
        legalDataProcessorName: 'KMD A/S',
      });
      expect((await call('PATCH /it-systems/{uuid}/dbs', api.patch(dbs, { dataProcessorName: null }, bearer(admin)))).status).toBe(204);
      expect((await api.get<Legal>(`${SYSTEMS}/${target.uuid}`, bearer(la))).body).toMatchObject({
        legalName: 'KMD Sag A/S',
        legalDataProcessorName: null,
      });
      expectProblem(await call('PATCH /it-systems/{uuid}/dbs', api.patch(dbs, { systemName: 'x' }, bearer(la))), 403);
      expectProblem(await call('PATCH /it-systems/{uuid}/dbs', api.patch(dbs, { systemName: 42 }, bearer(integrator))), 400, 'systemName');
      expectProblem(
        await call('PATCH /it-systems/{uuid}/dbs', api.patch(`${SYSTEMS}/${randomUUID()}/dbs`, { systemName: 'x' }, bearer(integrator))),
        404,
      );
      expectProblem(
        await call('PATCH /it-systems/{uuid}/dbs', api.patch(`${SYSTEMS}/${EMPTY_GUID}/dbs`, { systemName: 'x' }, bearer(integrator))),
        400,
      );
      expectProblem(
        await call('PATCH /it-systems/{uuid}/dbs', api.patch(dbs, { systemName: 'y' }, { ...bearer(integrator), 'if-match': '"1"' })),
        412,
      );
    });
  });

  describe('permissions', () => {
    type Permissions = { read: boolean; modify: boolean; delete: boolean; modifyVisibility?: boolean; deletionConflicts?: string[] };

    const permissionsOf = async (path: string, token: string): Promise<HttpResult<Permissions>> =>
      call(
        `GET ${path
          .replace('/api/v2', '')
          .replace(/[0-9a-f-]{36}/, '{uuid}')
          .replace(/\?.*$/, '')}`,
        api.get<Permissions>(path, bearer(token)),
      );

    it('collection permissions answer whether the caller may create, as the create endpoints enforce', async () => {
      const create = async (path: string, token: string) =>
        (await permissionsOf(`${path}/permissions?organizationUuid=${org}`, token)).body;
      // IT systems: global administrators and rights holders only (KITOS: not local administrators)
      expect(await create(SYSTEMS, admin)).toEqual({ create: true });
      expect(await create(SYSTEMS, la)).toEqual({ create: false });
      expectProblem(await api.post(SYSTEMS, { organizationUuid: org, name: `Nej ${randomUUID().slice(0, 6)}` }, bearer(la)), 403);
      // interfaces and usages: local administrators yes, plain users no
      expect(await create(INTERFACES, la)).toEqual({ create: true });
      expect(await create(USAGES, la)).toEqual({ create: true });
      expect(await create(INTERFACES, plainUser)).toEqual({ create: false });
      expect(await create(USAGES, plainUser)).toEqual({ create: false });
      expect(await create(USAGES, otherLa)).toEqual({ create: false });
      expectProblem(await permissionsOf(`${USAGES}/permissions?organizationUuid=${randomUUID()}`, la), 404);
      expectProblem(await permissionsOf(`${SYSTEMS}/permissions?organizationUuid=${EMPTY_GUID}`, la), 400, 'organizationUuid');
      expectProblem(await permissionsOf(`${INTERFACES}/permissions`, la), 400, 'organizationUuid');
    });

    it('IT system permissions: read, modify, delete, modifyVisibility and the deletion conflicts', async () => {
      const target = await createSystem();
      expect((await permissionsOf(`${SYSTEMS}/${target.uuid}/permissions`, admin)).body).toEqual({
        read: true,
        modify: true,
        delete: true,
        modifyVisibility: true,
        deletionConflicts: [],
      });
      expect((await permissionsOf(`${SYSTEMS}/${target.uuid}/permissions`, la)).body).toEqual({
        read: true,
        modify: true,
        delete: true,
        modifyVisibility: false,
        deletionConflicts: [],
      });
      expect((await permissionsOf(`${SYSTEMS}/${target.uuid}/permissions`, plainUser)).body).toMatchObject({
        read: true,
        modify: false,
        delete: false,
      });
      expectProblem(await api.patch(`${SYSTEMS}/${target.uuid}`, { description: 'x' }, bearer(plainUser)), 403);
      await createUsage(target.uuid);
      expect((await permissionsOf(`${SYSTEMS}/${target.uuid}/permissions`, la)).body.deletionConflicts).toEqual(['HasItSystemUsages']);
      expectProblem(await api.delete(`${SYSTEMS}/${target.uuid}`, bearer(la)), 409);
      expectProblem(await permissionsOf(`${SYSTEMS}/${randomUUID()}/permissions`, la), 404);
      expectProblem(await permissionsOf(`${SYSTEMS}/${EMPTY_GUID}/permissions`, la), 400);
    });

    it('IT interface permissions, with ExposedByItSystem while exposed', async () => {
      const exposing = await createSystem();
      const created = await api.post<{ uuid: string }>(
        INTERFACES,
        { organizationUuid: org, name: `Snitflade ${randomUUID().slice(0, 6)}`, scope: 'Local', exposedBySystemUuid: exposing.uuid },
        bearer(la),
      );
      expect(created.status).toBe(201);
      expect((await permissionsOf(`${INTERFACES}/${created.body.uuid}/permissions`, la)).body).toEqual({
        read: true,
        modify: true,
        delete: true,
        deletionConflicts: ['ExposedByItSystem'],
      });
      expect((await permissionsOf(`${INTERFACES}/${created.body.uuid}/permissions`, plainUser)).body).toMatchObject({
        read: true,
        modify: false,
        delete: false,
      });
      expectProblem(await permissionsOf(`${INTERFACES}/${randomUUID()}/permissions`, la), 404);
    });

    it('usage permissions: module administrators change and delete, plain members read, another organisation 403', async () => {
      const usage = await createUsage();
      expect((await permissionsOf(`${USAGES}/${usage.uuid}/permissions`, la)).body).toEqual({ read: true, modify: true, delete: true });
      expect((await permissionsOf(`${USAGES}/${usage.uuid}/permissions`, plainUser)).body).toEqual({
        read: true,
        modify: false,
        delete: false,
      });
      expectProblem(await api.patch(`${USAGES}/${usage.uuid}`, { general: {} }, bearer(plainUser)), 403);
      expectProblem(await permissionsOf(`${USAGES}/${usage.uuid}/permissions`, otherLa), 403);
      expectProblem(await permissionsOf(`${USAGES}/${randomUUID()}/permissions`, la), 404);
    });
  });
});
