import { randomUUID } from 'node:crypto';
import { eventually, resetJetStream } from '@kitos/testing';
import { adminToken, bearer, createOrganization, createUser, sessionOf } from '../support/identity';
import { http, startSystem, type RunningSystem } from '../support/system';
import { expectProblem, uuidsOf } from './support/expectations';
import { KitosCompatClient } from './support/kitos-client';

/**
 * KITOS API v2 as an existing integration uses it for contracts and data processing registrations: the paths, bodies
 * and status codes of KITOS (§3 of the reference), with only the base URL changed. Prints the operations covered.
 */

const CONTRACTS = '/api/v2/it-contracts';
const DPRS = '/api/v2/data-processing-registrations';
const EMPTY = '00000000-0000-0000-0000-000000000000';

const EXPECTED = [
  `GET ${CONTRACTS}`,
  `POST ${CONTRACTS}`,
  `GET ${CONTRACTS}/{uuid}`,
  `PUT ${CONTRACTS}/{uuid}`,
  `PATCH ${CONTRACTS}/{uuid}`,
  `DELETE ${CONTRACTS}/{uuid}`,
  `GET ${CONTRACTS}/permissions`,
  `GET ${CONTRACTS}/{uuid}/permissions`,
  `POST ${CONTRACTS}/{uuid}/external-references`,
  `PUT ${CONTRACTS}/{uuid}/external-references/{externalReferenceUuid}`,
  `DELETE ${CONTRACTS}/{uuid}/external-references/{externalReferenceUuid}`,
  `GET ${DPRS}`,
  `POST ${DPRS}`,
  `GET ${DPRS}/{uuid}`,
  `PUT ${DPRS}/{uuid}`,
  `PATCH ${DPRS}/{uuid}`,
  `DELETE ${DPRS}/{uuid}`,
  `GET ${DPRS}/permissions`,
  `GET ${DPRS}/{uuid}/permissions`,
  `POST ${DPRS}/{uuid}/oversight-dates`,
  `PATCH ${DPRS}/{uuid}/oversight-dates/{oversightDateUuid}`,
  `DELETE ${DPRS}/{uuid}/oversight-dates/{oversightDateUuid}`,
];

type Pair = { uuid: string; name: string | null };
type Payment = { uuid: string; organizationUnit: Pair; acquisition: number; operation: number; other: number; acquisitionØre: number };
type Contract = {
  uuid: string;
  name: string;
  organizationContext: Pair;
  general: { contractId: string | null; notes: string | null };
  supplier: { organization: Pair | null };
  responsible: { organizationUnit: Pair | null };
  payments: { internal: Payment[]; external: Payment[] };
  lastModified: string;
};
type Registration = {
  uuid: string;
  name: string;
  general: { isAgreementConcluded: string | null; dataProcessors: Pair[] };
  systemUsages: Pair[];
  lastModified: string;
};
type Permissions = { read: boolean; modify: boolean; delete: boolean };
type OversightDate = {
  uuid: string;
  completedAt: string;
  remark: string | null;
  oversightReportLink: { name: string | null; url: string | null } | null;
};
type Reference = { uuid: string; title: string; documentId: string | null; url: string | null; masterReference: boolean };

describe('KITOS API v2 compatibility: it-contracts and data-processing-registrations', () => {
  let system: RunningSystem;
  const kitos = new KitosCompatClient(() => system.gatewayUrl, EXPECTED);
  let admin: string;
  let org: string;
  let otherOrg: string;
  let supplier: string;
  let la: string;
  let plain: string;
  let otherLa: string;
  let unit: string;

  beforeAll(async () => {
    await resetJetStream();
    system = await startSystem({ services: ['identity', 'catalog', 'contracts', 'gdpr'] });
    const api = http(system.gatewayUrl);
    admin = await adminToken(api);
    org = await createOrganization(api, admin);
    otherOrg = await createOrganization(api, admin);
    supplier = await createOrganization(api, admin, { name: `Leverandør ${randomUUID().slice(0, 6)}`, organizationType: 'Company' });
    la = await sessionOf(api, await createUser(api, admin, [{ organizationUuid: org, role: 'LocalAdmin' }]));
    plain = await sessionOf(api, await createUser(api, admin, [{ organizationUuid: org, role: 'User' }]));
    otherLa = await sessionOf(api, await createUser(api, admin, [{ organizationUuid: otherOrg, role: 'LocalAdmin' }]));
    const units = `/api/v2/organizations/${org}/organization-units`;
    const [root] = (await api.get<Array<{ uuid: string }>>(units, bearer(admin))).body;
    unit = (await api.post<{ uuid: string }>(units, { name: 'Økonomi', parentUuid: root.uuid }, bearer(admin))).body.uuid;
  });

  afterAll(async () => {
    if (system) kitos.report('it-contracts, data-processing-registrations');
    await system?.close();
  });

  describe('it-contracts', () => {
    it('creates (201 with the body and an ETag), reads, patches, puts and deletes (204) a contract', async () => {
      const created = await kitos.post<Contract>(CONTRACTS, la, {
        organizationUuid: org,
        name: `Kontrakt ${randomUUID().slice(0, 8)}`,
        general: { contractId: 'K-1' },
      });
      expect(created.status).toBe(201);
      expect(created.headers.get('etag')).toBe('"1"');
      expect(created.body).toMatchObject({ organizationContext: { uuid: org }, general: { contractId: 'K-1' } });
      const uuid = created.body.uuid;

      const read = await kitos.get<Contract>(`${CONTRACTS}/${uuid}`, plain);
      expect(read.status).toBe(200);
      expect(read.body.name).toBe(created.body.name);

      const patched = await kitos.patch<Contract>(`${CONTRACTS}/${uuid}`, la, { general: { notes: 'Rettet' } });
      expect(patched.status).toBe(200);
      expect(patched.body.general).toMatchObject({ notes: 'Rettet', contractId: null });

      const put = await kitos.put<Contract>(`${CONTRACTS}/${uuid}`, la, { name: `${created.body.name} (ny)` });
      expect(put.status).toBe(200);
      expect(put.body.general.notes).toBeNull();

      expect((await kitos.delete(`${CONTRACTS}/${uuid}`, la)).status).toBe(204);
      expectProblem(await kitos.get(`${CONTRACTS}/${uuid}`, la), 404);
    });

    it('writes and answers payments in kroner as KITOS, keeps øre exactly, refuses more than two decimals at the field', async () => {
      const created = await kitos.post<Contract>(CONTRACTS, la, {
        organizationUuid: org,
        name: `Økonomi ${randomUUID().slice(0, 8)}`,
        payments: {
          internal: [{ organizationUnitUuid: unit, acquisition: 125000, operation: 48000.5, other: 0.01 }],
          external: [{ organizationUnitUuid: unit, acquisitionØre: 199 }],
        },
      });
      expect(created.status).toBe(201);
      expect(created.body.payments.internal[0]).toMatchObject({
        organizationUnit: { uuid: unit },
        acquisition: 125000,
        operation: 48000.5,
        other: 0.01,
        acquisitionØre: 12_500_000,
      });
      expect(created.body.payments.external[0]).toMatchObject({ acquisition: 1.99, operation: 0, other: 0 });
      const tooPrecise = await kitos.patch(`${CONTRACTS}/${created.body.uuid}`, la, {
        payments: { internal: [{ organizationUnitUuid: unit, operation: 10.555 }] },
      });
      expectProblem(tooPrecise, 400, 'payments.internal[0].operation');
    });

    it('lists with each KITOS filter and pages in a stable order', async () => {
      const prefix = `Filter ${randomUUID().slice(0, 6)}`;
      const a = (
        await kitos.post<Contract>(CONTRACTS, la, { organizationUuid: org, name: `${prefix} A`, supplier: { organizationUuid: supplier } })
      ).body;
      const b = (
        await kitos.post<Contract>(CONTRACTS, la, {
          organizationUuid: org,
          name: `${prefix} B`,
          responsible: { organizationUnitUuid: unit },
        })
      ).body;
      const c = (await kitos.post<Contract>(CONTRACTS, la, { organizationUuid: org, name: `${prefix} C` })).body;
      const other = (await kitos.post<Contract>(CONTRACTS, otherLa, { organizationUuid: otherOrg, name: `${prefix} A` })).body;

      expect(uuidsOf(await kitos.get(`${CONTRACTS}?nameContent=${encodeURIComponent(prefix)}`, la))).toEqual([a.uuid, b.uuid, c.uuid]);
      expect(
        uuidsOf(await kitos.get(`${CONTRACTS}?organizationUuid=${otherOrg}&nameContent=${encodeURIComponent(prefix)}`, admin)),
      ).toEqual([other.uuid]);
      expect(uuidsOf(await kitos.get(`${CONTRACTS}?nameEquals=${encodeURIComponent(`${prefix} B`)}`, la))).toEqual([b.uuid]);
      expect(uuidsOf(await kitos.get(`${CONTRACTS}?supplierUuid=${supplier}&organizationUuid=${org}`, la))).toContain(a.uuid);
      expect(uuidsOf(await kitos.get(`${CONTRACTS}?responsibleOrgUnitUuid=${unit}`, la))).toEqual([b.uuid]);
      const since = await kitos.get<Contract[]>(
        `${CONTRACTS}?organizationUuid=${org}&changedSinceGtEq=${encodeURIComponent(c.lastModified)}`,
        la,
      );
      expect(uuidsOf(since)).toContain(c.uuid);
      expect(uuidsOf(since)).not.toContain(a.uuid);
      const page = (n: number) => kitos.get<Contract[]>(`${CONTRACTS}?nameContent=${encodeURIComponent(prefix)}&pageSize=2&page=${n}`, la);
      expect([...uuidsOf(await page(0)), ...uuidsOf(await page(1))]).toEqual([a.uuid, b.uuid, c.uuid]);
      expectProblem(await kitos.get(`${CONTRACTS}?pageSize=251`, la), 400, 'pageSize');
    });

    it('filters contracts and registrations by the system, usage and registration they are linked to', async () => {
      const api = http(system.gatewayUrl);
      const itSystem = await api.post<{ uuid: string }>(
        '/api/v2/it-systems',
        { organizationUuid: org, name: `System ${randomUUID().slice(0, 8)}` },
        bearer(admin),
      );
      const usage = await api.post<{ uuid: string }>(
        '/api/v2/it-system-usages',
        { organizationUuid: org, systemUuid: itSystem.body.uuid },
        bearer(admin),
      );
      expect(usage.status).toBe(201);
      const name = `Koblet ${randomUUID().slice(0, 8)}`;
      const dpr = await eventually(async () => {
        const created = await kitos.post<Registration>(DPRS, la, { organizationUuid: org, name, systemUsageUuids: [usage.body.uuid] });
        expect(created.status).toBe(201);
        return created.body;
      });
      const contract = await eventually(async () => {
        const created = await kitos.post<Contract>(CONTRACTS, la, {
          organizationUuid: org,
          name,
          systemUsageUuids: [usage.body.uuid],
          dataProcessingRegistrationUuids: [dpr.uuid],
        });
        expect(created.status).toBe(201);
        return created.body;
      });
      await eventually(async () => {
        expect(uuidsOf(await kitos.get(`${CONTRACTS}?systemUsageUuid=${usage.body.uuid}`, la))).toEqual([contract.uuid]);
        expect(uuidsOf(await kitos.get(`${CONTRACTS}?systemUuid=${itSystem.body.uuid}`, la))).toEqual([contract.uuid]);
        expect(uuidsOf(await kitos.get(`${CONTRACTS}?dataProcessingRegistrationUuid=${dpr.uuid}`, la))).toEqual([contract.uuid]);
        expect(uuidsOf(await kitos.get(`${DPRS}?systemUsageUuid=${usage.body.uuid}`, la))).toEqual([dpr.uuid]);
        expect(uuidsOf(await kitos.get(`${DPRS}?systemUuid=${itSystem.body.uuid}`, la))).toEqual([dpr.uuid]);
      });
    });

    it('answers KITOS status codes: unknown 404, empty guid 400, other organisation 403, stale If-Match 412', async () => {
      const contract = (await kitos.post<Contract>(CONTRACTS, la, { organizationUuid: org, name: `Status ${randomUUID().slice(0, 8)}` }))
        .body;
      expectProblem(await kitos.get(`${CONTRACTS}/${randomUUID()}`, la), 404);
      expectProblem(await kitos.get(`${CONTRACTS}/${EMPTY}`, la), 400);
      expectProblem(await kitos.get(`${CONTRACTS}?organizationUuid=${EMPTY}`, la), 400, 'organizationUuid');
      expectProblem(await kitos.get(`${CONTRACTS}/${contract.uuid}`, otherLa), 403);
      expectProblem(await kitos.patch(`${CONTRACTS}/${contract.uuid}`, otherLa, { general: { notes: 'x' } }), 403);
      expect(uuidsOf(await kitos.get(`${CONTRACTS}?organizationUuid=${org}`, otherLa))).toEqual([]);
      expect((await kitos.patch(`${CONTRACTS}/${contract.uuid}`, la, { general: { notes: '1' } }, { 'if-match': '"1"' })).status).toBe(200);
      expectProblem(await kitos.patch(`${CONTRACTS}/${contract.uuid}`, la, { general: { notes: '2' } }, { 'if-match': '"1"' }), 412);
      expectProblem(await kitos.delete(`${CONTRACTS}/${contract.uuid}`, la, { 'if-match': '"1"' }), 412);
      expectProblem(await kitos.post(CONTRACTS, la, { organizationUuid: org, name: contract.name }), 409);
    });

    it('answers permissions as the write paths decide them', async () => {
      const contract = (
        await kitos.post<Contract>(CONTRACTS, la, { organizationUuid: org, name: `Rettigheder ${randomUUID().slice(0, 8)}` })
      ).body;
      const of = (token: string) => kitos.get<Permissions>(`${CONTRACTS}/${contract.uuid}/permissions`, token);
      expect((await of(la)).body).toEqual({ read: true, modify: true, delete: true });
      expect((await of(plain)).body).toEqual({ read: true, modify: false, delete: false });
      expectProblem(await of(otherLa), 403);
      expectProblem(await kitos.get(`${CONTRACTS}/${randomUUID()}/permissions`, la), 404);
      const create = (token: string) => kitos.get<{ create: boolean }>(`${CONTRACTS}/permissions?organizationUuid=${org}`, token);
      expect((await create(la)).body).toEqual({ create: true });
      expect((await create(plain)).body).toEqual({ create: false });
      expect((await create(otherLa)).body).toEqual({ create: false });
      expectProblem(await kitos.get(`${CONTRACTS}/permissions`, la), 400, 'organizationUuid');
      expectProblem(await kitos.get(`${CONTRACTS}/permissions?organizationUuid=${randomUUID()}`, la), 404);
      // the answers hold: the plain user is refused the change the permissions said it may not make
      expectProblem(await kitos.patch(`${CONTRACTS}/${contract.uuid}`, plain, { general: { notes: 'x' } }), 403);
    });
    it('adds (201), replaces and deletes (204) external references; a new master takes over; unknown 404', async () => {
      const contract = (
        await kitos.post<Contract>(CONTRACTS, la, {
          organizationUuid: org,
          name: `Referencer ${randomUUID().slice(0, 8)}`,
          externalReferences: [{ title: 'ESDH-sag', url: 'https://esdh.example/1', masterReference: true }],
        })
      ).body as Contract & { externalReferences: Reference[] };
      const refs = `${CONTRACTS}/${contract.uuid}/external-references`;
      const first = contract.externalReferences[0].uuid;
      const added = await kitos.post<Reference>(refs, la, { title: 'Kontraktbilag', documentId: 'B-7', masterReference: true });
      expect(added.status).toBe(201);
      expect(added.body).toEqual({ uuid: expect.any(String), title: 'Kontraktbilag', documentId: 'B-7', url: null, masterReference: true });
      const read = async () =>
        (await kitos.get<{ externalReferences: Reference[] }>(`${CONTRACTS}/${contract.uuid}`, la)).body.externalReferences;
      expect((await read()).map((r) => [r.uuid, r.masterReference])).toEqual([
        [first, false],
        [added.body.uuid, true],
      ]);

      const replaced = await kitos.put<Reference>(`${refs}/${first}`, la, { title: 'ESDH-sag 2', url: 'https://esdh.example/2' });
      expect(replaced.status).toBe(200);
      expect(replaced.body).toEqual({
        uuid: first,
        title: 'ESDH-sag 2',
        documentId: null,
        url: 'https://esdh.example/2',
        masterReference: false,
      });

      expect((await kitos.delete(`${refs}/${added.body.uuid}`, la)).status).toBe(204);
      expect((await read()).map((r) => r.uuid)).toEqual([first]);
      expectProblem(await kitos.delete(`${refs}/${added.body.uuid}`, la), 404);
      expectProblem(await kitos.put(`${refs}/${randomUUID()}`, la, { title: 'x' }), 404);
      expectProblem(await kitos.post(refs, la, { title: '' }), 400, 'title');
      expectProblem(await kitos.post(refs, plain, { title: 'Ikke mig' }), 403);
      expectProblem(await kitos.post(`${CONTRACTS}/${randomUUID()}/external-references`, la, { title: 'x' }), 404);
      expectProblem(await kitos.post(refs, la, { title: 'Forældet' }, { 'if-match': '"1"' }), 412);
    });
  });

  describe('data-processing-registrations', () => {
    it('creates (201), reads, patches, puts and deletes (204) a registration', async () => {
      const created = await kitos.post<Registration>(DPRS, la, {
        organizationUuid: org,
        name: `Databehandling ${randomUUID().slice(0, 8)}`,
        general: { isAgreementConcluded: 'Yes', dataProcessorUuids: [supplier] },
      });
      expect(created.status).toBe(201);
      expect(created.headers.get('etag')).toBe('"1"');
      expect(created.body.general).toMatchObject({ isAgreementConcluded: 'Yes', dataProcessors: [{ uuid: supplier }] });
      const uuid = created.body.uuid;
      expect((await kitos.get(`${DPRS}/${uuid}`, plain)).status).toBe(200);
      const patched = await kitos.patch<Registration>(`${DPRS}/${uuid}`, la, { general: { isAgreementConcluded: 'No' } });
      expect(patched.status).toBe(200);
      expect(patched.body.general).toMatchObject({ isAgreementConcluded: 'No', dataProcessors: [{ uuid: supplier }] });
      // KITOS's values are taken on writes and answered as KITOS names them
      const kitosNames = await kitos.patch<Registration & { oversight: { oversightInterval: string | null } }>(`${DPRS}/${uuid}`, la, {
        general: { isAgreementConcluded: 'Undecided', transferToInsecureThirdCountries: 'Undecided' },
        oversight: { oversightInterval: 'BiYearly' },
      });
      expect(kitosNames.status).toBe(200);
      // Undecided is an answer in KITOS (null is "never answered"): stored and answered as sent
      expect(kitosNames.body.general).toMatchObject({ isAgreementConcluded: 'Undecided', transferToInsecureThirdCountries: 'Undecided' });
      expect(kitosNames.body.oversight.oversightInterval).toBe('BiYearly');
      const everyOtherYear = await kitos.patch<Registration & { oversight: { oversightInterval: string | null } }>(`${DPRS}/${uuid}`, la, {
        oversight: { oversightInterval: 'EveryOtherYear' },
      });
      expect(everyOtherYear.body.oversight.oversightInterval).toBe('EveryOtherYear');
      const put = await kitos.put<Registration>(`${DPRS}/${uuid}`, la, { name: created.body.name });
      expect(put.status).toBe(200);
      expect(put.body.general.dataProcessors).toEqual([]);
      expect((await kitos.delete(`${DPRS}/${uuid}`, la)).status).toBe(204);
      expectProblem(await kitos.get(`${DPRS}/${uuid}`, la), 404);
    });

    it('lists with each KITOS filter and pages', async () => {
      const prefix = `DPR ${randomUUID().slice(0, 6)}`;
      const make = async (suffix: string, general: Record<string, unknown> = {}) =>
        (await kitos.post<Registration>(DPRS, la, { organizationUuid: org, name: `${prefix} ${suffix}`, general })).body;
      const a = await make('A', { isAgreementConcluded: 'Yes', dataProcessorUuids: [supplier] });
      const b = await make('B', { hasSubDataProcessors: 'Yes', subDataProcessors: [{ dataProcessorOrganizationUuid: supplier }] });
      const c = await make('C');
      const q = (query: string) => kitos.get<Registration[]>(`${DPRS}?${query}`, la);
      expect(uuidsOf(await q(`nameContains=${encodeURIComponent(prefix)}`))).toEqual([a.uuid, b.uuid, c.uuid]);
      expect(uuidsOf(await q(`nameEquals=${encodeURIComponent(`${prefix} C`)}`))).toEqual([c.uuid]);
      expect(uuidsOf(await q(`organizationUuid=${org}&dataProcessorUuid=${supplier}&nameContains=${encodeURIComponent(prefix)}`))).toEqual([
        a.uuid,
      ]);
      expect(uuidsOf(await q(`subDataProcessorUuid=${supplier}&nameContains=${encodeURIComponent(prefix)}`))).toEqual([b.uuid]);
      expect(uuidsOf(await q(`agreementConcluded=true&nameContains=${encodeURIComponent(prefix)}`))).toEqual([a.uuid]);
      const since = uuidsOf(await q(`organizationUuid=${org}&changedSinceGtEq=${encodeURIComponent(c.lastModified)}`));
      expect(since).toContain(c.uuid);
      expect(since).not.toContain(a.uuid);
      const page = (n: number) => q(`nameContains=${encodeURIComponent(prefix)}&pageSize=2&page=${n}`);
      expect([...uuidsOf(await page(0)), ...uuidsOf(await page(1))]).toEqual([a.uuid, b.uuid, c.uuid]);
      expect(uuidsOf(await kitos.get(`${DPRS}?organizationUuid=${org}`, otherLa))).toEqual([]);
    });

    it('adds (200, as KITOS), patches and deletes (204) oversight dates as a sub-resource', async () => {
      const dpr = (await kitos.post<Registration>(DPRS, la, { organizationUuid: org, name: `Tilsyn ${randomUUID().slice(0, 8)}` })).body;
      const dates = `${DPRS}/${dpr.uuid}/oversight-dates`;
      expectProblem(await kitos.post(dates, la, { completedAt: '2024-05-15' }), 400, 'oversight.isOversightCompleted');
      expect((await kitos.patch(`${DPRS}/${dpr.uuid}`, la, { oversight: { isOversightCompleted: 'Yes' } })).status).toBe(200);
      const link = { name: 'Tilsynsrapport 2024', url: 'https://esdh.example/tilsyn/2024' };
      const added = await kitos.post<OversightDate>(dates, la, {
        completedAt: '2024-05-15',
        remark: 'Uden bemærkninger',
        oversightReportLink: link,
      });
      expect(added.status).toBe(200);
      expect(added.body).toEqual({
        uuid: expect.any(String),
        completedAt: '2024-05-15',
        remark: 'Uden bemærkninger',
        oversightReportLink: link,
      });
      const earlier = (await kitos.post<OversightDate>(dates, la, { completedAt: '2023-04-01' })).body;

      const patched = await kitos.patch<OversightDate>(`${dates}/${added.body.uuid}`, la, { remark: 'To bemærkninger' });
      expect(patched.status).toBe(200);
      expect(patched.body).toEqual({ ...added.body, remark: 'To bemærkninger' });
      const read = async () =>
        (await kitos.get<{ oversight: { oversightDates: OversightDate[] } }>(`${DPRS}/${dpr.uuid}`, la)).body.oversight;
      expect((await read()).oversightDates.map((d) => d.uuid)).toEqual([earlier.uuid, added.body.uuid]);

      expect((await kitos.delete(`${dates}/${earlier.uuid}`, la)).status).toBe(204);
      expect((await read()).oversightDates).toEqual([patched.body]);
      expectProblem(await kitos.delete(`${dates}/${earlier.uuid}`, la), 404);
      expectProblem(await kitos.patch(`${dates}/${added.body.uuid}`, la, { completedAt: null }), 400, 'completedAt');
      expectProblem(await kitos.post(dates, la, { remark: 'uden dato' }), 400, 'completedAt');
      expectProblem(await kitos.post(dates, plain, { completedAt: '2024-06-01' }), 403);
      expectProblem(await kitos.post(`${DPRS}/${randomUUID()}/oversight-dates`, la, { completedAt: '2024-06-01' }), 404);
      expectProblem(await kitos.post(dates, la, { completedAt: '2024-06-01' }, { 'if-match': '"1"' }), 412);
    });

    it("answers enums as KITOS's integers with X-KITOS-SERIALIZE-ENUM-AS-INTEGER: true", async () => {
      const header = { 'X-KITOS-SERIALIZE-ENUM-AS-INTEGER': 'true' };
      const dpr = (
        await kitos.post<Registration>(DPRS, la, {
          organizationUuid: org,
          name: `Heltal ${randomUUID().slice(0, 8)}`,
          general: { isAgreementConcluded: 'Irrelevant' },
          oversight: { oversightInterval: 'Yearly' },
        })
      ).body;
      const read = await kitos.get<{ general: { isAgreementConcluded: unknown }; oversight: { oversightInterval: unknown } }>(
        `${DPRS}/${dpr.uuid}`,
        la,
        header,
      );
      expect(read.body.general.isAgreementConcluded).toBe(2);
      expect(read.body.oversight.oversightInterval).toBe(1);
      const contract = await kitos.post<{ payments: { internal: Array<{ auditStatus: unknown }> } }>(
        CONTRACTS,
        la,
        {
          organizationUuid: org,
          name: `Heltal ${randomUUID().slice(0, 8)}`,
          payments: { internal: [{ organizationUnitUuid: unit, auditStatus: 'Yellow' }] },
        },
        header,
      );
      expect(contract.status).toBe(201);
      expect(contract.body.payments.internal[0].auditStatus).toBe(2);
    });

    it('answers KITOS status codes and permissions', async () => {
      const dpr = (await kitos.post<Registration>(DPRS, la, { organizationUuid: org, name: `Status ${randomUUID().slice(0, 8)}` })).body;
      expectProblem(await kitos.get(`${DPRS}/${randomUUID()}`, la), 404);
      expectProblem(await kitos.get(`${DPRS}/${EMPTY}`, la), 400);
      expectProblem(await kitos.get(`${DPRS}/${dpr.uuid}`, otherLa), 403);
      expect(
        (await kitos.patch(`${DPRS}/${dpr.uuid}`, la, { general: { isAgreementConcluded: 'Yes' } }, { 'if-match': '"1"' })).status,
      ).toBe(200);
      expectProblem(await kitos.patch(`${DPRS}/${dpr.uuid}`, la, { general: { isAgreementConcluded: 'No' } }, { 'if-match': '"1"' }), 412);
      const of = (token: string) => kitos.get<Permissions>(`${DPRS}/${dpr.uuid}/permissions`, token);
      expect((await of(la)).body).toEqual({ read: true, modify: true, delete: true });
      expect((await of(plain)).body).toEqual({ read: true, modify: false, delete: false });
      expectProblem(await of(otherLa), 403);
      const create = (token: string) => kitos.get<{ create: boolean }>(`${DPRS}/permissions?organizationUuid=${org}`, token);
      expect((await create(la)).body).toEqual({ create: true });
      expect((await create(plain)).body).toEqual({ create: false });
      await eventually(async () => expect((await create(admin)).body).toEqual({ create: true }));
      expectProblem(await kitos.get(`${DPRS}/permissions?organizationUuid=${randomUUID()}`, la), 404);
    });
  });
});
