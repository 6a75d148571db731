import { randomUUID } from 'node:crypto';
import { connect, type NatsConnection } from 'nats';
import { natsConnectionOptions } from '@kitos/messaging';
import { eventually, resetJetStream } from '@kitos/testing';
import { adminToken, bearer, createOrganization, createUser, sessionOf } from '../support/identity';
import { http, startSystem, type HttpResult, type RunningSystem } from '../support/system';

type Pair = { uuid: string; name: string | null };
type Usage = {
  uuid: string;
  version: number;
  systemContext: Pair;
  organizationContext: Pair;
  general: {
    localSystemId: string | null;
    localCallName: string | null;
    systemVersion: string | null;
    notes: string | null;
    dataClassification: Pair | null;
    numberOfExpectedUsers: { lowerBound: number; upperBound: number | null } | null;
    validity: {
      lifeCycleStatus: string | null;
      validFrom: string | null;
      validTo: string | null;
      valid: boolean;
      validAccordingToValidityPeriod: boolean;
      validAccordingToLifeCycle: boolean;
      invalidReasons: string[];
    };
    containsAITechnology: string | null;
    webAccessibilityCompliance: string | null;
    lastWebAccessibilityCheck: string | null;
    webAccessibilityNotes: string | null;
  };
  organizationUsage: { usingOrganizationUnits: Pair[]; responsibleOrganizationUnit: Pair | null };
  localKleDeviations: { addedKLE: Pair[]; removedKLE: Pair[] };
  roles: Array<{ role: Pair; user: Pair }>;
  externalReferences: Array<{ uuid: string; title: string; documentId: string | null; url: string | null; masterReference: boolean }>;
};
type Problem = { status: number; errors?: Array<{ field: string; message: string }>; existingUuid?: string };
type Kle = { uuid: string; kleNumber: string };
type Envelope = {
  type: string;
  organizationUuid: string;
  aggregate: { type: string; uuid: string; version: number };
  data: Record<string, unknown>;
};

const BASE = '/api/v2/it-system-usages';

describe('IT system usages through the gateway, with every service running', () => {
  let system: RunningSystem;
  let api: ReturnType<typeof http>;
  let admin: string;
  let org: string;
  let otherOrg: string;
  let la: string;
  let plainUser: { uuid: string; token: string };
  let otherLa: string;
  let units: string[];
  let otherUnit: string;
  let nc: NatsConnection;

  /** PUT is not in the shared client. */
  const put = async <T = Usage>(
    path: string,
    body: unknown,
    token: string,
    headers: Record<string, string> = {},
  ): Promise<HttpResult<T>> => {
    const response = await fetch(`${system.gatewayUrl}${path}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', ...bearer(token), ...headers },
      body: JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: (text ? JSON.parse(text) : undefined) as T };
  };

  const expectProblem = (result: HttpResult<unknown>, status: number, field?: string) => {
    expect({ status: result.status, body: result.body }).toMatchObject({ status });
    expect(result.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    if (field) expect((result.body as Problem).errors?.map((e) => e.field)).toContain(field);
  };

  const createSystem = async (fields: Record<string, unknown> = {}): Promise<{ uuid: string; name: string }> => {
    const name = `System ${randomUUID().slice(0, 8)}`;
    const created = await api.post<{ uuid: string; name: string }>(
      '/api/v2/it-systems',
      { organizationUuid: org, name, ...fields },
      bearer(admin),
    );
    if (created.status !== 201) throw new Error(`creating a system answered ${created.status}: ${JSON.stringify(created.body)}`);
    return created.body;
  };

  const createUsage = async (fields: Record<string, unknown> = {}, token = la): Promise<Usage> => {
    const systemUuid = (fields.systemUuid as string | undefined) ?? (await createSystem()).uuid;
    const created = await api.post<Usage>(BASE, { organizationUuid: org, ...fields, systemUuid }, bearer(token));
    if (created.status !== 201) throw new Error(`creating a usage answered ${created.status}: ${JSON.stringify(created.body)}`);
    return created.body;
  };

  const createRoleType = async (fields: Record<string, unknown>): Promise<string> => {
    const created = await api.post<{ uuid: string }>(
      '/api/v2/role-types',
      { objectType: 'ItSystemUsage', name: `Rolle ${randomUUID().slice(0, 6)}`, ...fields },
      bearer(admin),
    );
    if (created.status !== 201) throw new Error(`creating a role type answered ${created.status}: ${JSON.stringify(created.body)}`);
    return created.body.uuid;
  };

  const createUnit = async (organizationUuid: string, name: string): Promise<string> => {
    const base = `/api/v2/organizations/${organizationUuid}/organization-units`;
    const [root] = (await api.get<Array<{ uuid: string }>>(base, bearer(admin))).body;
    const created = await api.post<{ uuid: string }>(base, { name, parentUuid: root.uuid }, bearer(admin));
    if (created.status !== 201) throw new Error(`creating a unit answered ${created.status}: ${JSON.stringify(created.body)}`);
    return created.body.uuid;
  };

  beforeAll(async () => {
    await resetJetStream();
    system = await startSystem();
    api = http(system.gatewayUrl);
    admin = await adminToken(api);
    org = await createOrganization(api, admin, { name: `Vejle ${randomUUID().slice(0, 6)}` });
    otherOrg = await createOrganization(api, admin);
    la = await sessionOf(api, await createUser(api, admin, [{ organizationUuid: org, role: 'LocalAdmin' }]));
    const user = await createUser(api, admin, [{ organizationUuid: org, role: 'User' }]);
    plainUser = { uuid: user.uuid, token: await sessionOf(api, user) };
    otherLa = await sessionOf(api, await createUser(api, admin, [{ organizationUuid: otherOrg, role: 'LocalAdmin' }]));
    units = [await createUnit(org, 'Borgerservice'), await createUnit(org, 'Jobcenter')];
    otherUnit = await createUnit(otherOrg, 'Fremmed enhed');
    nc = await connect(natsConnectionOptions(system.env.NATS_URL as string));
  }); // the configured timeout (jest.config.js): more than the 150 s a system may take to get ready

  afterAll(async () => {
    await nc?.close();
    await system?.close();
  });

  it('takes a system into use, reads, lists, patches, replaces and deletes the usage', async () => {
    const target = await createSystem();
    const created = await api.post<Usage>(
      BASE,
      { systemUuid: target.uuid, organizationUuid: org, general: { localCallName: 'Sagen', localSystemId: 'S-1', systemVersion: '4.2' } },
      bearer(la),
    );
    expect(created.status).toBe(201);
    expect(created.headers.get('etag')).toBe('"1"');
    const uuid = created.body.uuid;
    expect(created.headers.get('location')).toBe(`${BASE}/${uuid}`);
    expect(created.body).toMatchObject({
      version: 1,
      systemContext: { uuid: target.uuid, name: target.name },
      organizationContext: { uuid: org, name: expect.stringMatching(/^Vejle /) },
      general: {
        localCallName: 'Sagen',
        localSystemId: 'S-1',
        systemVersion: '4.2',
        numberOfExpectedUsers: null,
        validity: { lifeCycleStatus: null, validFrom: null, validTo: null, valid: true, invalidReasons: [] },
      },
      organizationUsage: { usingOrganizationUnits: [], responsibleOrganizationUnit: null },
      localKleDeviations: { addedKLE: [], removedKLE: [] },
      roles: [],
      externalReferences: [],
    });

    const read = await api.get<Usage>(`${BASE}/${uuid}`, bearer(plainUser.token));
    expect(read.status).toBe(200);
    expect(read.headers.get('etag')).toBe('"1"');
    expect(read.body).toEqual(created.body);

    const listed = await api.get<Usage[]>(`${BASE}?organizationUuid=${org}&systemUuid=${target.uuid}`, bearer(plainUser.token));
    expect(listed.body.map((u) => u.uuid)).toEqual([uuid]);

    // PATCH: the general section is replaced as a whole, the sections not sent stay
    await api.patch(`${BASE}/${uuid}`, { organizationUsage: { usingOrganizationUnitUuids: [units[0]] } }, bearer(la));
    const patched = await api.patch<Usage>(
      `${BASE}/${uuid}`,
      { general: { localCallName: 'Ny sag' } },
      { ...bearer(la), 'if-match': '"2"' },
    );
    expect(patched.status).toBe(200);
    expect(patched.headers.get('etag')).toBe('"3"');
    expect(patched.body.general).toMatchObject({ localCallName: 'Ny sag', localSystemId: null, systemVersion: null });
    expect(patched.body.organizationUsage.usingOrganizationUnits).toEqual([{ uuid: units[0], name: 'Borgerservice' }]);

    // an unchanged PATCH writes nothing
    const same = await api.patch<Usage>(`${BASE}/${uuid}`, { general: { localCallName: 'Ny sag' } }, bearer(la));
    expect(same.body.version).toBe(3);

    // PUT: every section not sent is reset
    const replaced = await put(`${BASE}/${uuid}`, { general: { notes: 'Kun noter' } }, la);
    expect(replaced.status).toBe(200);
    expect(replaced.body).toMatchObject({
      version: 4,
      general: { notes: 'Kun noter', localCallName: null },
      organizationUsage: { usingOrganizationUnits: [], responsibleOrganizationUnit: null },
    });

    expect((await api.delete(`${BASE}/${uuid}`, bearer(la))).status).toBe(204);
    expect((await api.get(`${BASE}/${uuid}`, bearer(la))).status).toBe(404);
    // the pair is free again once the usage is deleted
    expect((await api.post(BASE, { systemUuid: target.uuid, organizationUuid: org }, bearer(la))).status).toBe(201);
  });

  describe('identity: one usage per organisation and system', () => {
    it('a second usage of the same system → 409 naming the existing one; another organisation may use it', async () => {
      const first = await createUsage();
      const second = await api.post<Problem>(BASE, { systemUuid: first.systemContext.uuid, organizationUuid: org }, bearer(la));
      expectProblem(second, 409);
      expect(second.body.existingUuid).toBe(first.uuid);
      const elsewhere = await api.post(BASE, { systemUuid: first.systemContext.uuid, organizationUuid: otherOrg }, bearer(otherLa));
      expect(elsewhere.status).toBe(201);
    });

    it('concurrent creations of the same pair leave exactly one usage', async () => {
      const target = await createSystem();
      const results = await Promise.all(
        [1, 2, 3].map(() => api.post(BASE, { systemUuid: target.uuid, organizationUuid: org }, bearer(la))),
      );
      expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409]);
      expect((await api.get<Usage[]>(`${BASE}?systemUuid=${target.uuid}`, bearer(la))).body).toHaveLength(1);
    });

    it('an unknown system → 400 naming systemUuid', async () => {
      expectProblem(await api.post(BASE, { systemUuid: randomUUID(), organizationUuid: org }, bearer(la)), 400, 'systemUuid');
    });

    it('a deactivated system → 400', async () => {
      const target = await createSystem({ deactivated: true });
      expectProblem(await api.post(BASE, { systemUuid: target.uuid, organizationUuid: org }, bearer(la)), 400, 'systemUuid');
    });

    it("another organisation's local system, not readable by the caller → 403", async () => {
      const local = await api.post<{ uuid: string }>(
        '/api/v2/it-systems',
        { organizationUuid: otherOrg, name: `Lokal ${randomUUID().slice(0, 6)}`, scope: 'Local' },
        bearer(admin),
      );
      expect(local.status).toBe(201);
      expectProblem(await api.post(BASE, { systemUuid: local.body.uuid, organizationUuid: org }, bearer(la)), 403);
    });

    it('an unknown organisation → 400 (global admin)', async () => {
      const target = await createSystem();
      expectProblem(
        await api.post(BASE, { systemUuid: target.uuid, organizationUuid: randomUUID() }, bearer(admin)),
        400,
        'organizationUuid',
      );
    });

    it('missing or empty-GUID identity → 400', async () => {
      expectProblem(await api.post(BASE, { organizationUuid: org }, bearer(la)), 400, 'systemUuid');
      expectProblem(
        await api.post(BASE, { systemUuid: '00000000-0000-0000-0000-000000000000', organizationUuid: org }, bearer(la)),
        400,
        'systemUuid',
      );
    });
  });

  describe('permissions', () => {
    it('a plain user cannot create (403); a system-module admin can', async () => {
      const target = await createSystem();
      expectProblem(await api.post(BASE, { systemUuid: target.uuid, organizationUuid: org }, bearer(plainUser.token)), 403);
      const sma = await sessionOf(api, await createUser(api, admin, [{ organizationUuid: org, role: 'SystemModuleAdmin' }]));
      expect((await api.post(BASE, { systemUuid: target.uuid, organizationUuid: org }, bearer(sma))).status).toBe(201);
    });

    it('an administrator of another organisation cannot create in this one (403)', async () => {
      const target = await createSystem();
      expectProblem(await api.post(BASE, { systemUuid: target.uuid, organizationUuid: org }, bearer(otherLa)), 403);
    });

    it('members read; a plain member may not change or delete (403)', async () => {
      const usage = await createUsage();
      expect((await api.get(`${BASE}/${usage.uuid}`, bearer(plainUser.token))).status).toBe(200);
      expectProblem(await api.patch(`${BASE}/${usage.uuid}`, { general: { notes: 'x' } }, bearer(plainUser.token)), 403);
      expectProblem(await put(`${BASE}/${usage.uuid}`, {}, plainUser.token), 403);
      expectProblem(await api.delete(`${BASE}/${usage.uuid}`, bearer(plainUser.token)), 403);
    });

    it('other organisations are refused the usage as in KITOS: 403 on read, change and delete, absent from lists', async () => {
      const usage = await createUsage();
      expectProblem(await api.get(`${BASE}/${usage.uuid}`, bearer(otherLa)), 403);
      expectProblem(await api.patch(`${BASE}/${usage.uuid}`, { general: { notes: 'x' } }, bearer(otherLa)), 403);
      expectProblem(await api.delete(`${BASE}/${usage.uuid}`, bearer(otherLa)), 403);
      expect((await api.get<Usage[]>(`${BASE}?organizationUuid=${org}`, bearer(otherLa))).body).toEqual([]);
      const all = (await api.get<Usage[]>(BASE, bearer(otherLa))).body;
      expect(all.map((u) => u.organizationContext.uuid)).not.toContain(org);
    });

    it('an unknown usage → 404; a malformed uuid → 400', async () => {
      expectProblem(await api.get(`${BASE}/${randomUUID()}`, bearer(la)), 404);
      expectProblem(await api.get(`${BASE}/not-a-uuid`, bearer(la)), 400);
    });

    it('anonymous callers → 401', async () => {
      expect((await api.get(BASE)).status).toBe(401);
    });

    it('a member holding a per-usage role with write access may change the usage; a read-only role does not', async () => {
      const writer = await createRoleType({ name: `Systemejer ${randomUUID().slice(0, 6)}`, hasWriteAccess: true });
      const reader = await createRoleType({ name: `Læser ${randomUUID().slice(0, 6)}`, hasWriteAccess: false });
      const withWrite = await createUsage({ roles: [{ roleUuid: writer, userUuid: plainUser.uuid }] });
      const withRead = await createUsage({ roles: [{ roleUuid: reader, userUuid: plainUser.uuid }] });
      const changed = await api.patch<Usage>(`${BASE}/${withWrite.uuid}`, { general: { notes: 'Ejerens note' } }, bearer(plainUser.token));
      expect(changed.status).toBe(200);
      expect(changed.body.general.notes).toBe('Ejerens note');
      expectProblem(await api.patch(`${BASE}/${withRead.uuid}`, { general: { notes: 'x' } }, bearer(plainUser.token)), 403);
    });
  });

  describe('general section', () => {
    it('enforces the maximum lengths (400 naming the field)', async () => {
      const usage = await createUsage();
      const path = `${BASE}/${usage.uuid}`;
      expectProblem(await api.patch(path, { general: { localSystemId: 'x'.repeat(201) } }, bearer(la)), 400, 'general.localSystemId');
      expectProblem(await api.patch(path, { general: { localCallName: 'x'.repeat(101) } }, bearer(la)), 400, 'general.localCallName');
      expectProblem(await api.patch(path, { general: { systemVersion: 'x'.repeat(101) } }, bearer(la)), 400, 'general.systemVersion');
      const longest = await api.patch<Usage>(
        path,
        { general: { localSystemId: 'x'.repeat(200), localCallName: 'y'.repeat(100), systemVersion: 'z'.repeat(100) } },
        bearer(la),
      );
      expect(longest.status).toBe(200);
    });

    it('accepts only the expected-users buckets 0–9, 10–50, 50–100, 100+', async () => {
      const usage = await createUsage();
      const path = `${BASE}/${usage.uuid}`;
      for (const bucket of [
        { lowerBound: 0, upperBound: 10 },
        { lowerBound: 10, upperBound: 100 },
        { lowerBound: 100, upperBound: 200 },
      ])
        expectProblem(
          await api.patch(path, { general: { numberOfExpectedUsers: bucket } }, bearer(la)),
          400,
          'general.numberOfExpectedUsers',
        );
      for (const bucket of [
        { lowerBound: 10, upperBound: 50 },
        { lowerBound: 100, upperBound: null },
      ]) {
        const ok = await api.patch<Usage>(path, { general: { numberOfExpectedUsers: bucket } }, bearer(la));
        expect(ok.status).toBe(200);
        expect(ok.body.general.numberOfExpectedUsers).toEqual(bucket);
      }
    });

    it('refuses a validity period that ends before it starts, and unknown enum values', async () => {
      const usage = await createUsage();
      const path = `${BASE}/${usage.uuid}`;
      expectProblem(
        await api.patch(path, { general: { validity: { validFrom: '2025-02-01', validTo: '2025-01-31' } } }, bearer(la)),
        400,
        'general.validity.validTo',
      );
      expectProblem(
        await api.patch(path, { general: { validity: { lifeCycleStatus: 'Retired' } } }, bearer(la)),
        400,
        'general.validity.lifeCycleStatus',
      );
      expectProblem(
        await api.patch(path, { general: { validity: { validFrom: '2025-02-30' } } }, bearer(la)),
        400,
        'general.validity.validFrom',
      );
      expectProblem(await api.patch(path, { general: { containsAITechnology: 'Maybe' } }, bearer(la)), 400, 'general.containsAITechnology');
      expectProblem(
        await api.patch(path, { general: { webAccessibilityCompliance: 'Undecided' } }, bearer(la)),
        400,
        'general.webAccessibilityCompliance',
      );
      expectProblem(await api.patch(path, { general: { colour: 'blue' } }, bearer(la)), 400);
      const oneDay = await api.patch<Usage>(
        path,
        { general: { validity: { validFrom: '2025-02-01', validTo: '2025-02-01' } } },
        bearer(la),
      );
      expect(oneDay.status).toBe(200);
    });

    it('computes valid and its reasons from the period (Danish days) and the life cycle', async () => {
      const usage = await createUsage();
      const path = `${BASE}/${usage.uuid}`;
      const future = await api.patch<Usage>(
        path,
        { general: { validity: { lifeCycleStatus: 'PhasingIn', validFrom: '2999-01-01T00:00:00+01:00' } } },
        bearer(la),
      );
      expect(future.body.general.validity).toEqual({
        lifeCycleStatus: 'PhasingIn',
        validFrom: '2999-01-01',
        validTo: null,
        valid: false,
        validAccordingToValidityPeriod: false,
        validAccordingToLifeCycle: true,
        validAccordingToMainContract: true,
        invalidReasons: ['StartDateNotPassed'],
      });
      const ended = await api.patch<Usage>(
        path,
        { general: { validity: { lifeCycleStatus: 'NotInUse', validFrom: '2020-01-01', validTo: '2020-12-31T22:59:00Z' } } },
        bearer(la),
      );
      expect(ended.body.general.validity).toMatchObject({
        validTo: '2020-12-31',
        valid: false,
        invalidReasons: ['EndDatePassed', 'NotOperationalAccordingToLifeCycle'],
      });
      const running = await api.patch<Usage>(
        path,
        { general: { validity: { lifeCycleStatus: 'Operational', validFrom: '2020-01-01' } } },
        bearer(la),
      );
      expect(running.body.general.validity).toMatchObject({ valid: true, invalidReasons: [] });
    });

    it('keeps the AI and web-accessibility fields', async () => {
      const usage = await createUsage();
      const patched = await api.patch<Usage>(
        `${BASE}/${usage.uuid}`,
        {
          general: {
            containsAITechnology: 'Yes',
            webAccessibilityCompliance: 'Partially',
            lastWebAccessibilityCheck: '2025-06-01',
            webAccessibilityNotes: 'Mangler alt-tekster',
          },
        },
        bearer(la),
      );
      expect(patched.body.general).toMatchObject({
        containsAITechnology: 'Yes',
        webAccessibilityCompliance: 'Partially',
        lastWebAccessibilityCheck: '2025-06-01',
        webAccessibilityNotes: 'Mangler alt-tekster',
      });
    });

    it('takes a data classification only when it is available in the organisation (400 otherwise)', async () => {
      const kind = 'it-system-usage-data-classification-types';
      const available = await api.post<{ uuid: string }>(
        `/api/v2/option-types/${kind}`,
        { name: `Fortrolig ${randomUUID().slice(0, 6)}`, isObligatory: true },
        bearer(admin),
      );
      const inactive = await api.post<{ uuid: string }>(
        `/api/v2/option-types/${kind}`,
        { name: `Hemmelig ${randomUUID().slice(0, 6)}`, isObligatory: false },
        bearer(admin),
      );
      expect([available.status, inactive.status]).toEqual([201, 201]);
      const usage = await createUsage();
      const path = `${BASE}/${usage.uuid}`;
      expectProblem(
        await api.patch(path, { general: { dataClassificationUuid: randomUUID() } }, bearer(la)),
        400,
        'general.dataClassificationUuid',
      );
      expectProblem(
        await api.patch(path, { general: { dataClassificationUuid: inactive.body.uuid } }, bearer(la)),
        400,
        'general.dataClassificationUuid',
      );
      const ok = await api.patch<Usage>(path, { general: { dataClassificationUuid: available.body.uuid } }, bearer(la));
      expect(ok.status).toBe(200);
      expect(ok.body.general.dataClassification).toEqual({ uuid: available.body.uuid, name: expect.stringMatching(/^Fortrolig /) });
    });
  });

  describe('organisation usage', () => {
    it('takes units of the organisation, with the responsible unit among them', async () => {
      const usage = await createUsage({
        organizationUsage: { usingOrganizationUnitUuids: units, responsibleOrganizationUnitUuid: units[1] },
      });
      expect(usage.organizationUsage).toEqual({
        usingOrganizationUnits: [
          { uuid: units[0], name: 'Borgerservice' },
          { uuid: units[1], name: 'Jobcenter' },
        ],
        responsibleOrganizationUnit: { uuid: units[1], name: 'Jobcenter' },
      });
    });

    it('refuses a unit of another organisation, an unknown unit, a duplicate, and a responsible unit not among the using units', async () => {
      const usage = await createUsage();
      const path = `${BASE}/${usage.uuid}`;
      const field = 'organizationUsage.usingOrganizationUnitUuids';
      expectProblem(
        await api.patch(path, { organizationUsage: { usingOrganizationUnitUuids: [otherUnit] } }, bearer(la)),
        400,
        `${field}[0]`,
      );
      expectProblem(
        await api.patch(path, { organizationUsage: { usingOrganizationUnitUuids: [units[0], randomUUID()] } }, bearer(la)),
        400,
        `${field}[1]`,
      );
      expectProblem(
        await api.patch(path, { organizationUsage: { usingOrganizationUnitUuids: [units[0], units[0]] } }, bearer(la)),
        400,
        `${field}[1]`,
      );
      expectProblem(
        await api.patch(
          path,
          { organizationUsage: { usingOrganizationUnitUuids: [units[0]], responsibleOrganizationUnitUuid: units[1] } },
          bearer(la),
        ),
        400,
        'organizationUsage.responsibleOrganizationUnitUuid',
      );
      expect((await api.get<Usage>(path, bearer(la))).body.version).toBe(1);
    });
  });

  describe('local KLE deviations', () => {
    let kle: Kle[];
    let systemUuid: string;

    beforeAll(async () => {
      kle = await eventually(async () => {
        const listed = await api.get<Kle[]>('/api/v2/kle-options?pageSize=10', bearer(admin));
        if (listed.status !== 200 || listed.body.length < 4) throw new Error(`kle-options answered ${listed.status}`);
        return listed.body;
      });
      systemUuid = (await createSystem({ kleUuids: [kle[0].uuid, kle[1].uuid] })).uuid;
    });

    it('adds KLE the system lacks and removes KLE it has, shown by KLE number', async () => {
      const usage = await createUsage({ systemUuid, localKleDeviations: { addedKLEUuids: [kle[2].uuid], removedKLEUuids: [kle[0].uuid] } });
      expect(usage.localKleDeviations).toEqual({
        addedKLE: [{ uuid: kle[2].uuid, name: kle[2].kleNumber }],
        removedKLE: [{ uuid: kle[0].uuid, name: kle[0].kleNumber }],
      });
    });

    it('refuses duplicates, a KLE in both lists, adding one the system has, removing one it lacks, and unknown KLE', async () => {
      const other = await createSystem({ kleUuids: [kle[0].uuid, kle[1].uuid] });
      const usage = await createUsage({ systemUuid: other.uuid });
      const path = `${BASE}/${usage.uuid}`;
      const added = 'localKleDeviations.addedKLEUuids';
      const removed = 'localKleDeviations.removedKLEUuids';
      const patch = (addedKLEUuids: string[], removedKLEUuids: string[]) =>
        api.patch(path, { localKleDeviations: { addedKLEUuids, removedKLEUuids } }, bearer(la));
      expectProblem(await patch([kle[2].uuid, kle[2].uuid], []), 400, `${added}[1]`);
      expectProblem(await patch([], [kle[0].uuid, kle[0].uuid]), 400, `${removed}[1]`);
      expectProblem(await patch([kle[2].uuid], [kle[2].uuid]), 400, `${added}[0]`);
      expectProblem(await patch([kle[0].uuid], []), 400, `${added}[0]`);
      expectProblem(await patch([], [kle[3].uuid]), 400, `${removed}[0]`);
      expectProblem(await patch([randomUUID()], []), 400, `${added}[0]`);
      expect((await patch([kle[3].uuid], [kle[1].uuid])).status).toBe(200);
    });
  });

  describe('roles', () => {
    let role: string;
    let member: { uuid: string };

    beforeAll(async () => {
      role = await createRoleType({ name: `Systemansvarlig ${randomUUID().slice(0, 6)}` });
      member = await createUser(api, admin, [{ organizationUuid: org, role: 'User' }]);
    });

    it('sets roles in the body; an unknown role, a role of another kind, a disabled role or a non-member → 400', async () => {
      const contractRole = await createRoleType({ objectType: 'ItContract' });
      const disabled = await createRoleType({});
      expect((await api.patch(`/api/v2/role-types/${disabled}`, { isEnabled: false }, bearer(admin))).status).toBe(200);
      const outsider = await createUser(api, admin, [{ organizationUuid: otherOrg, role: 'User' }]);
      const usage = await createUsage({ roles: [{ roleUuid: role, userUuid: member.uuid }] });
      expect(usage.roles).toEqual([
        { role: { uuid: role, name: expect.stringMatching(/^Systemansvarlig/) }, user: { uuid: member.uuid, name: expect.any(String) } },
      ]);
      const path = `${BASE}/${usage.uuid}`;
      expectProblem(
        await api.patch(path, { roles: [{ roleUuid: randomUUID(), userUuid: member.uuid }] }, bearer(la)),
        400,
        'roles[0].roleUuid',
      );
      expectProblem(
        await api.patch(path, { roles: [{ roleUuid: contractRole, userUuid: member.uuid }] }, bearer(la)),
        400,
        'roles[0].roleUuid',
      );
      expectProblem(
        await api.patch(path, { roles: [{ roleUuid: disabled, userUuid: member.uuid }] }, bearer(la)),
        400,
        'roles[0].roleUuid',
      );
      expectProblem(await api.patch(path, { roles: [{ roleUuid: role, userUuid: outsider.uuid }] }, bearer(la)), 400, 'roles[0].userUuid');
      expectProblem(
        await api.patch(
          path,
          {
            roles: [
              { roleUuid: role, userUuid: member.uuid },
              { roleUuid: role, userUuid: member.uuid },
            ],
          },
          bearer(la),
        ),
        400,
        'roles[1]',
      );
    });

    it('roles/add assigns, a repeat → 409; roles/remove removes, a missing assignment → 400', async () => {
      const usage = await createUsage();
      const path = `${BASE}/${usage.uuid}/roles`;
      const assignment = { roleUuid: role, userUuid: member.uuid };
      const added = await api.patch<Usage>(`${path}/add`, assignment, bearer(la));
      expect(added.status).toBe(200);
      expect(added.headers.get('etag')).toBe('"2"');
      expect(added.body.roles.map((r) => [r.role.uuid, r.user.uuid])).toEqual([[role, member.uuid]]);
      expectProblem(await api.patch(`${path}/add`, assignment, bearer(la)), 409);
      expectProblem(await api.patch(`${path}/add`, { roleUuid: role, userUuid: randomUUID() }, bearer(la)), 400, 'userUuid');
      expectProblem(await api.patch(`${path}/add`, { roleUuid: randomUUID(), userUuid: member.uuid }, bearer(la)), 400, 'roleUuid');
      expectProblem(await api.patch(`${path}/add`, { roleUuid: role }, bearer(la)), 400, 'userUuid');
      expectProblem(await api.patch(`${path}/add`, assignment, bearer(plainUser.token)), 403);
      const removed = await api.patch<Usage>(`${path}/remove`, assignment, bearer(la));
      expect(removed.status).toBe(200);
      expect(removed.body.roles).toEqual([]);
      expectProblem(await api.patch(`${path}/remove`, assignment, bearer(la)), 400);
      expectProblem(await api.patch(`${BASE}/${randomUUID()}/roles/add`, assignment, bearer(la)), 404);
    });
  });

  describe('external references', () => {
    it('adds references, keeps one by uuid, and refuses an unknown uuid or two master references', async () => {
      const usage = await createUsage({
        externalReferences: [
          { title: 'Driftsaftale', documentId: 'D-1', url: 'https://intranet.example/drift', masterReference: true },
          { title: 'Vejledning' },
        ],
      });
      expect(usage.externalReferences).toEqual([
        {
          uuid: expect.any(String),
          title: 'Driftsaftale',
          documentId: 'D-1',
          url: 'https://intranet.example/drift',
          masterReference: true,
        },
        { uuid: expect.any(String), title: 'Vejledning', documentId: null, url: null, masterReference: false },
      ]);
      const kept = usage.externalReferences[0].uuid;
      const path = `${BASE}/${usage.uuid}`;
      const updated = await api.patch<Usage>(path, { externalReferences: [{ uuid: kept, title: 'Driftsaftale 2025' }] }, bearer(la));
      expect(updated.body.externalReferences).toEqual([
        { uuid: kept, title: 'Driftsaftale 2025', documentId: null, url: null, masterReference: false },
      ]);
      expectProblem(
        await api.patch(path, { externalReferences: [{ uuid: randomUUID(), title: 'X' }] }, bearer(la)),
        400,
        'externalReferences[0].uuid',
      );
      expectProblem(
        await api.patch(
          path,
          {
            externalReferences: [
              { title: 'A', masterReference: true },
              { title: 'B', masterReference: true },
            ],
          },
          bearer(la),
        ),
        400,
        'externalReferences',
      );
      expectProblem(
        await api.patch(path, { externalReferences: [{ documentId: 'no title' }] }, bearer(la)),
        400,
        'externalReferences[0].title',
      );
    });
  });

  describe('optimistic concurrency', () => {
    it('a stale If-Match → 412 on PATCH, PUT, roles and DELETE; a malformed one → 400', async () => {
      const usage = await createUsage();
      const path = `${BASE}/${usage.uuid}`;
      expect((await api.patch(path, { general: { notes: 'v2' } }, { ...bearer(la), 'if-match': '"1"' })).status).toBe(200);
      expectProblem(await api.patch(path, { general: { notes: 'v3' } }, { ...bearer(la), 'if-match': '"1"' }), 412);
      expectProblem(await put(path, {}, la, { 'if-match': '"1"' }), 412);
      expectProblem(await api.delete(path, { ...bearer(la), 'if-match': '"1"' }), 412);
      expectProblem(
        await api.patch(`${path}/roles/add`, { roleUuid: randomUUID(), userUuid: plainUser.uuid }, { ...bearer(la), 'if-match': '"1"' }),
        412,
      );
      expectProblem(await api.patch(path, { general: null }, { ...bearer(la), 'if-match': 'yesterday' }), 400);
      expect((await api.delete(path, { ...bearer(la), 'if-match': '"2"' })).status).toBe(204);
    });
  });

  describe('list filters', () => {
    it('filters by system, system name, change time, and orders by creation or system name, in pages', async () => {
      const listOrg = await createOrganization(api, admin);
      const listLa = await sessionOf(api, await createUser(api, admin, [{ organizationUuid: listOrg, role: 'LocalAdmin' }]));
      const tag = randomUUID().slice(0, 6);
      const systems: Array<{ uuid: string; name: string }> = [];
      for (const name of [`Cepheus ${tag}`, `Andromeda ${tag}`, `Bootes ${tag}`]) {
        const created = await api.post<{ uuid: string; name: string }>(
          '/api/v2/it-systems',
          { organizationUuid: org, name },
          bearer(admin),
        );
        systems.push(created.body);
      }
      const usages: string[] = [];
      for (const s of systems)
        usages.push((await api.post<Usage>(BASE, { systemUuid: s.uuid, organizationUuid: listOrg }, bearer(listLa))).body.uuid);

      const list = async (query: string) => (await api.get<Usage[]>(`${BASE}?organizationUuid=${listOrg}&${query}`, bearer(listLa))).body;
      expect((await list('')).map((u) => u.uuid)).toEqual(usages);
      expect([...(await list('pageSize=2&page=0')), ...(await list('pageSize=2&page=1'))].map((u) => u.uuid)).toEqual(usages);
      expect((await list('orderByProperty=Name')).map((u) => u.systemContext.name)).toEqual([
        `Andromeda ${tag}`,
        `Bootes ${tag}`,
        `Cepheus ${tag}`,
      ]);
      expect((await list('orderByProperty=Name&pageSize=1&page=1')).map((u) => u.systemContext.name)).toEqual([`Bootes ${tag}`]);
      expect((await list(`systemNameContent=${encodeURIComponent(`ANDROMEDA ${tag}`)}`)).map((u) => u.uuid)).toEqual([usages[1]]);
      expect((await list(`systemUuid=${systems[2].uuid}`)).map((u) => u.uuid)).toEqual([usages[2]]);
      expect(await list('changedSinceGtEq=2999-01-01T00:00:00Z')).toEqual([]);
      await api.patch(`${BASE}/${usages[0]}`, { general: { notes: 'ændret' } }, bearer(listLa));
      expect((await list('changedSinceGtEq=2000-01-01T00:00:00Z')).map((u) => u.uuid)).toEqual([usages[1], usages[2], usages[0]]);
      expectProblem(await api.get(`${BASE}?pageSize=251`, bearer(listLa)), 400, 'pageSize');
      expectProblem(
        await api.get(`${BASE}?organizationUuid=00000000-0000-0000-0000-000000000000`, bearer(listLa)),
        400,
        'organizationUuid',
      );
      expectProblem(await api.get(`${BASE}?orderByProperty=Size`, bearer(listLa)), 400, 'orderByProperty');
    });
  });

  describe('events and the other parts of the catalogue', () => {
    const lastEvent = async (subject: string): Promise<Envelope> => {
      const jsm = await nc.jetstreamManager();
      const message = await jsm.streams.getMessage('CATALOG', { last_by_subj: subject });
      return JSON.parse(new TextDecoder().decode(message.data)) as Envelope;
    };

    it('publishes created, updated (with field changes) and deleted events with a snapshot', async () => {
      const target = await createSystem();
      const usage = await createUsage({
        systemUuid: target.uuid,
        general: {
          localCallName: 'Før',
          notes: 'Intern note',
          numberOfExpectedUsers: { lowerBound: 10, upperBound: 50 },
          validity: { lifeCycleStatus: 'Operational', validFrom: '2020-01-01' },
        },
        organizationUsage: { usingOrganizationUnitUuids: [units[0]] },
      });
      await eventually(async () =>
        expect(await lastEvent('evt.catalog.it-system-usage.created.v1')).toMatchObject({
          organizationUuid: org,
          aggregate: { type: 'it-system-usage', uuid: usage.uuid, version: 1 },
          data: {
            usage: {
              uuid: usage.uuid,
              organizationUuid: org,
              systemUuid: target.uuid,
              systemName: target.name,
              localCallName: 'Før',
              validity: { lifeCycleStatus: 'Operational', validFrom: '2020-01-01', validTo: null, valid: true, invalidReasons: [] },
              usingOrganizationUnitUuids: [units[0]],
              responsibleOrganizationUnitUuid: null,
              notes: 'Intern note',
              expectedUsersLowerBound: 10,
              expectedUsersUpperBound: 50,
            },
          },
        }),
      );
      await api.patch(
        `${BASE}/${usage.uuid}`,
        {
          general: {
            localCallName: 'Efter',
            notes: 'Intern note',
            numberOfExpectedUsers: { lowerBound: 100, upperBound: null },
            validity: { lifeCycleStatus: 'NotInUse', validFrom: '2020-01-01' },
          },
        },
        bearer(la),
      );
      await eventually(async () => {
        const updated = await lastEvent('evt.catalog.it-system-usage.updated.v1');
        expect(updated.aggregate).toMatchObject({ uuid: usage.uuid, version: 2 });
        expect(updated.data.usage).toMatchObject({
          localCallName: 'Efter',
          validity: { valid: false, invalidReasons: ['NotOperationalAccordingToLifeCycle'] },
          notes: 'Intern note',
          expectedUsersLowerBound: 100,
          expectedUsersUpperBound: null,
        });
        expect(updated.data.changes).toEqual([
          { field: 'general.localCallName', oldValue: 'Før', newValue: 'Efter' },
          {
            field: 'general.numberOfExpectedUsers',
            oldValue: { lowerBound: 10, upperBound: 50 },
            newValue: { lowerBound: 100, upperBound: null },
          },
          { field: 'general.validity.lifeCycleStatus', oldValue: 'Operational', newValue: 'NotInUse' },
        ]);
      });
      await api.delete(`${BASE}/${usage.uuid}`, bearer(la));
      await eventually(async () =>
        expect(await lastEvent('evt.catalog.it-system-usage.deleted.v1')).toMatchObject({
          aggregate: { uuid: usage.uuid, version: 3 },
          data: { uuid: usage.uuid, organizationUuid: org, systemUuid: target.uuid },
        }),
      );
    });

    it('the IT system shows its using organisations and cannot be deleted while in use (through UsageLookup)', async () => {
      const target = await createSystem();
      const usage = await createUsage({ systemUuid: target.uuid });
      const read = await api.get<{ usingOrganizations: Pair[] }>(`/api/v2/it-systems/${target.uuid}`, bearer(admin));
      expect(read.body.usingOrganizations.map((o) => o.uuid)).toEqual([org]);
      expectProblem(await api.delete(`/api/v2/it-systems/${target.uuid}`, bearer(admin)), 409);
      expect((await api.delete(`${BASE}/${usage.uuid}`, bearer(la))).status).toBe(204);
      expect((await api.delete(`/api/v2/it-systems/${target.uuid}`, bearer(admin))).status).toBe(204);
    });
  });
});
