import { randomUUID } from 'node:crypto';
import { eventually, resetJetStream } from '@kitos/testing';
import ExcelJS from 'exceljs';
import { download, parseCsv, putJson } from '../support/gdpr';
import { adminToken, bearer, createOrganization, createUser, sessionOf } from '../support/identity';
import { http, startSystem, type HttpResult, type RunningSystem } from '../support/system';

/**
 * Cross-municipal benchmarks through the gateway, with the suppression threshold lowered to 3 organisations
 * (BENCHMARK_MIN_ORGANIZATIONS): two municipalities using a system → its aggregates are suppressed; a third → shown
 * with the right values; one opting out of sharing contract economy → the cost figure is suppressed again.
 */
const MIN = 3;
const YEAR = 2025;
const B = '/api/v2/benchmarks';

type Pair = { uuid: string; name: string | null };
type Row = Record<string, unknown> & { system: Pair };

interface Enrolment {
  /** Payments registered for YEAR on the contract covering the usage (øre). */
  costOre: number;
  /** The contract also covers a usage of a second system (its cost is then split in two). */
  sharedWithSecondSystem?: boolean;
  users: { lowerBound: number; upperBound: number | null } | null;
  personalData: boolean;
  dpa: boolean;
  dpia: 'Yes' | 'No';
  riskAssessment: 'Yes' | 'No';
  archiveDuty: 'B' | 'K' | null;
  validTo: string;
}

describe('Cross-municipal benchmarks (reporting) through the gateway', () => {
  let system: RunningSystem;
  let api: ReturnType<typeof http>;
  let admin: string;
  let reader: string;
  let companyUser: string;
  let supplierOrg: string;
  let systemUuid: string;
  let secondSystemUuid: string;
  const municipalities: string[] = [];
  const names = new Map<string, string>();

  const get = <T = Row[]>(path: string, token = reader): Promise<HttpResult<T>> => api.get<T>(path, bearer(token));

  const rowOf = async (endpoint: string, query = ''): Promise<Row> => {
    const result = await get(`${B}/${endpoint}?systemUuid=${systemUuid}${query}`);
    expect(result.status).toBe(200);
    expect(result.body).toHaveLength(1);
    return result.body[0];
  };

  const createSystem = async (fields: Record<string, unknown>): Promise<string> => {
    const created = await api.post<{ uuid: string }>(
      '/api/v2/it-systems',
      { organizationUuid: municipalities[0], name: `Benchmark ${randomUUID().slice(0, 8)}`, ...fields },
      bearer(admin),
    );
    if (created.status !== 201) throw new Error(`creating a system answered ${created.status}: ${JSON.stringify(created.body)}`);
    return created.body.uuid;
  };

  const createUsage = async (organizationUuid: string, target: string): Promise<string> => {
    const created = await api.post<{ uuid: string }>('/api/v2/it-system-usages', { organizationUuid, systemUuid: target }, bearer(admin));
    if (created.status !== 201) throw new Error(`creating a usage answered ${created.status}: ${JSON.stringify(created.body)}`);
    return created.body.uuid;
  };

  /** Retries a write until the service has learnt the usage from catalog's events. */
  const until = (what: string, write: () => Promise<HttpResult<unknown>>, status = [200, 201]): Promise<HttpResult<unknown>> =>
    eventually(async () => {
      const result = await write();
      if (!status.includes(result.status)) throw new Error(`${what} answered ${result.status}: ${JSON.stringify(result.body)}`);
      return result;
    });

  /** One municipality takes the system into use, with its GDPR, archiving, contract and DPR registrations. */
  const enrol = async (organizationUuid: string, e: Enrolment): Promise<void> => {
    const usage = await createUsage(organizationUuid, systemUuid);
    const usages = [usage];
    if (e.sharedWithSecondSystem) usages.push(await createUsage(organizationUuid, secondSystemUuid));
    const patched = await api.patch(
      `/api/v2/it-system-usages/${usage}`,
      { general: { numberOfExpectedUsers: e.users, notes: 'Hemmelig note om brugen' } },
      bearer(admin),
    );
    expect(patched.status).toBe(200);
    await until('usage GDPR', () =>
      api.patch(
        `/api/v2/it-system-usages/${usage}/gdpr`,
        {
          dataSensitivityLevels: e.personalData ? ['PersonData'] : ['None'],
          dpiaConducted: e.dpia,
          riskAssessmentConducted: e.riskAssessment,
        },
        bearer(admin),
      ),
    );
    if (e.archiveDuty) {
      await until('usage archive', () =>
        api.patch(`/api/v2/it-system-usage-archives/${usage}`, { archiveDuty: e.archiveDuty, notes: 'Hemmelig arkivnote' }, bearer(admin)),
      );
    }
    const [root] = (await api.get<Array<{ uuid: string }>>(`/api/v2/organizations/${organizationUuid}/organization-units`, bearer(admin)))
      .body;
    await until('contract', () =>
      api.post(
        '/api/v2/it-contracts',
        {
          organizationUuid,
          name: `Driftsaftale ${randomUUID().slice(0, 6)}`,
          general: { notes: 'Hemmelig kontraktnote', validity: { validFrom: '2024-01-01', validTo: e.validTo } },
          supplier: { organizationUuid: supplierOrg },
          systemUsageUuids: usages,
          payments: { internal: [{ organizationUnitUuid: root.uuid, operationØre: e.costOre, auditDate: `${YEAR}-03-01` }] },
        },
        bearer(admin),
      ),
    );
    await until('DPR', () =>
      api.post(
        '/api/v2/data-processing-registrations',
        {
          organizationUuid,
          name: `Databehandleraftale ${randomUUID().slice(0, 6)}`,
          general: { isAgreementConcluded: e.dpa ? 'Yes' : 'No', isAgreementConcludedRemark: 'Hemmelig bemærkning' },
          systemUsageUuids: [usage],
        },
        bearer(admin),
      ),
    );
  };

  /** Waits until reporting lists `count` contracts of the system (usages, contracts and their owners are projected). */
  const waitForContracts = (count: number) =>
    eventually(async () => {
      const listed = await get(`${B}/contract-end-dates?systemUuid=${systemUuid}`);
      if (listed.status !== 200 || listed.body.length !== count) throw new Error(`contract-end-dates: ${JSON.stringify(listed.body)}`);
      return listed.body;
    });

  const waitFor = <T>(check: () => Promise<T>): Promise<T> => eventually(check, { timeoutMs: 30_000 });

  beforeAll(async () => {
    await resetJetStream();
    system = await startSystem({
      services: ['identity', 'catalog', 'contracts', 'gdpr', 'archiving', 'reporting'],
      env: { BENCHMARK_MIN_ORGANIZATIONS: String(MIN) },
    });
    api = http(system.gatewayUrl);
    admin = await adminToken(api);
    supplierOrg = await createOrganization(api, admin, { name: `Leverandør ${randomUUID().slice(0, 6)}`, organizationType: 'Company' });
    for (const n of [1, 2, 3, 4]) {
      const name = `Kommune ${n} ${randomUUID().slice(0, 4)}`;
      const uuid = await createOrganization(api, admin, { name });
      municipalities.push(uuid);
      names.set(uuid, name);
    }
    const company = await createOrganization(api, admin, { organizationType: 'Company' });
    reader = await sessionOf(api, await createUser(api, admin, [{ organizationUuid: municipalities[0], role: 'User' }]));
    companyUser = await sessionOf(api, await createUser(api, admin, [{ organizationUuid: company, role: 'User' }]));
    systemUuid = await createSystem({ rightsHolderUuid: supplierOrg });
    secondSystemUuid = await createSystem({});
  }); // the configured timeout (jest.config.js): more than the 150 s a system may take to get ready

  afterAll(async () => {
    await system?.close();
  });

  it('refuses anonymous callers (401), users who do not read across organisations (403) and bad input (400)', async () => {
    for (const endpoint of ['it-systems', 'suppliers', 'contract-end-dates', 'costs', 'gdpr', 'gdpr/national', 'archive-duty']) {
      expect([endpoint, (await api.get(`${B}/${endpoint}`)).status]).toEqual([endpoint, 401]);
      expect([endpoint, (await get(`${B}/${endpoint}`, companyUser)).status]).toEqual([endpoint, 403]);
      expect([endpoint, (await get(`${B}/${endpoint}`)).status]).toEqual([endpoint, 200]);
    }
    expect((await get(`${B}/it-systems?pageSize=0`)).status).toBe(400);
    expect((await get(`${B}/costs?year=abc`)).status).toBe(400);
    expect((await get(`${B}/gdpr?systemUuid=not-a-uuid`)).status).toBe(400);
    const badDay = await get<{ errors: Array<{ field: string }> }>(`${B}/contract-end-dates?endingFrom=2026-13`);
    expect(badDay.status).toBe(400);
    expect(badDay.body.errors.map((e) => e.field)).toContain('endingFrom');
    expect((await get(`${B}/contract-end-dates?endingFrom=2027-01-01&endingTo=2026-01-01`)).status).toBe(400);
  });

  describe('with two, three and four municipalities', () => {
    const [m1, m2, m3, m4] = [0, 1, 2, 3];

    it('two municipalities: lists who uses the system, but suppresses costs, GDPR shares and archive duty', async () => {
      await enrol(municipalities[m1], {
        costOre: 120_000,
        users: { lowerBound: 10, upperBound: 50 }, // 30
        personalData: true,
        dpa: true,
        dpia: 'Yes',
        riskAssessment: 'Yes',
        archiveDuty: 'B',
        validTo: '2028-06-30',
      });
      await enrol(municipalities[m2], {
        costOre: 200_000,
        sharedWithSecondSystem: true, // 100 000 for the system
        users: { lowerBound: 100, upperBound: null }, // 100
        personalData: true,
        dpa: false,
        dpia: 'No',
        riskAssessment: 'Yes',
        archiveDuty: 'K',
        validTo: '2026-12-31',
      });
      const contracts = await waitFor(() => waitForContracts(2));
      expect(contracts.map((c) => [c.organization, c.validTo])).toEqual([
        [{ uuid: municipalities[m2], name: names.get(municipalities[m2]) }, '2026-12-31'],
        [{ uuid: municipalities[m1], name: names.get(municipalities[m1]) }, '2028-06-30'],
      ]);
      expect(contracts[0]).toMatchObject({ supplier: { uuid: supplierOrg }, contract: { name: expect.stringMatching(/^Driftsaftale/) } });

      const listing = await rowOf('it-systems');
      expect(listing).toMatchObject({ municipalityCount: 2, supplier: { uuid: supplierOrg }, contractSuppliers: [{ uuid: supplierOrg }] });
      expect((listing.municipalities as Pair[]).map((m) => m.uuid).sort()).toEqual([municipalities[m1], municipalities[m2]].sort());
      const suppliers = await get(`${B}/suppliers?supplierUuid=${supplierOrg}`);
      expect(suppliers.body).toEqual([
        expect.objectContaining({ systems: [expect.objectContaining({ uuid: systemUuid })], municipalityCount: 2 }),
      ]);

      const suppressed = { suppressed: true, reason: expect.stringContaining(`${MIN}`), organizations: null };
      await waitFor(async () => {
        // the projection of the GDPR profiles is visible in the system the second organisation also uses
        expect((await get(`${B}/gdpr?systemUuid=${secondSystemUuid}`)).body).toHaveLength(1);
      });
      expect((await rowOf('costs', `&year=${YEAR}`)).cost).toEqual({ ...suppressed, totalOre: null, averagePerOrganizationOre: null });
      expect((await rowOf('costs', `&year=${YEAR}`)).perUser).toEqual({ ...suppressed, expectedUsers: null, costPerUserOre: null });
      expect(await rowOf('gdpr')).toMatchObject({ ...suppressed, usagesWithPersonalData: null, withDpa: null, dpaShare: null });
      const archive = await rowOf('archive-duty');
      expect(archive).toMatchObject({ ...suppressed, usages: null });
      expect(Object.values(archive.decisions as object).every((v) => v === null)).toBe(true);
      expect((await get<Row>(`${B}/gdpr/national`)).body).toMatchObject({ systems: 0, suppressed: true, usagesWithPersonalData: null });
    }, 120_000);

    it('a third municipality: the figures are shown, with the right values', async () => {
      await enrol(municipalities[m3], {
        costOre: 80_000,
        users: { lowerBound: 0, upperBound: 9 }, // 4.5
        personalData: true,
        dpa: true,
        dpia: 'No',
        riskAssessment: 'No',
        archiveDuty: null,
        validTo: '2030-01-31',
      });
      await waitFor(() => waitForContracts(3));
      const costs = await waitFor(async () => {
        const row = await rowOf('costs', `&year=${YEAR}`);
        expect(row.cost).toMatchObject({ suppressed: false, organizations: 3 });
        expect(row.perUser).toMatchObject({ suppressed: false });
        return row;
      });
      expect(costs.cost).toEqual({
        suppressed: false,
        reason: null,
        organizations: 3,
        totalOre: 300_000, // 120 000 + 200 000 / 2 + 80 000
        averagePerOrganizationOre: 100_000,
      });
      expect(costs.perUser).toEqual({
        suppressed: false,
        reason: null,
        organizations: 3,
        expectedUsers: 134.5,
        costPerUserOre: Math.round(300_000 / 134.5),
      });
      // another year has no payments: nobody contributes
      expect((await rowOf('costs', `&year=${YEAR + 1}`)).cost).toMatchObject({ suppressed: true, totalOre: null });

      const gdpr = await waitFor(async () => {
        const row = await rowOf('gdpr');
        expect(row).toMatchObject({ suppressed: false, organizations: 3, usagesWithPersonalData: 3, withDpa: 2 });
        return row;
      });
      expect(gdpr).toMatchObject({
        reason: null,
        dpaShare: 0.6667,
        withDpia: 1,
        dpiaShare: 0.3333,
        withRiskAssessment: 2,
        riskAssessmentShare: 0.6667,
      });
      expect((await get<Row>(`${B}/gdpr/national`)).body).toMatchObject({
        systems: 1,
        suppressed: false,
        organizations: 3,
        usagesWithPersonalData: 3,
        withDpa: 2,
      });
      // the second system is used by one municipality only
      expect((await get(`${B}/gdpr?systemUuid=${secondSystemUuid}`)).body[0]).toMatchObject({ suppressed: true, withDpa: null });

      const archive = await waitFor(async () => {
        const row = await rowOf('archive-duty');
        expect(row).toMatchObject({ suppressed: false, organizations: 3, usages: 3 });
        return row;
      });
      expect(archive.decisions).toEqual({ B: 1, K: 1, PreserveDataCanDiscardDocuments: 0, Unknown: 0, Undecided: 0, notRegistered: 1 });
    }, 120_000);

    it('exports each table as CSV and XLSX with the same figures as the JSON', async () => {
      const csv = await download(system.gatewayUrl, `${B}/costs?year=${YEAR}&systemUuid=${systemUuid}&format=csv`, reader);
      expect(csv.status).toBe(200);
      expect(csv.headers.get('content-type')).toContain('text/csv');
      const rows = parseCsv(csv.bytes.toString('utf8').replace(/^\uFEFF/, ''));
      expect(rows[0].slice(0, 6)).toEqual([
        'IT-system',
        'Leverandør',
        'År',
        'Undertrykt (for få kommuner)',
        'Antal kommuner',
        'Omkostning i alt (kr.)',
      ]);
      expect(rows).toHaveLength(2);
      expect(rows[1].slice(2, 7)).toEqual([String(YEAR), 'Nej', '3', '3000,00', '1000,00']);
      for (const endpoint of ['it-systems', 'suppliers', 'contract-end-dates', 'gdpr', 'archive-duty']) {
        const json = (await get(`${B}/${endpoint}?pageSize=250`)).body;
        const file = await download(system.gatewayUrl, `${B}/${endpoint}?format=xlsx`, reader);
        expect([endpoint, file.status]).toEqual([endpoint, 200]);
        const book = new ExcelJS.Workbook();
        await book.xlsx.load(file.bytes as unknown as ArrayBuffer);
        expect([endpoint, book.worksheets[0].actualRowCount - 1]).toEqual([endpoint, json.length]);
      }
    });

    it('never shows notes or remarks', async () => {
      for (const endpoint of ['it-systems', 'suppliers', 'contract-end-dates', 'costs', 'gdpr', 'archive-duty']) {
        const body = JSON.stringify((await get(`${B}/${endpoint}`)).body);
        expect([endpoint, body.includes('Hemmelig')]).toEqual([endpoint, false]);
      }
    });

    it('a municipality opting out of sharing contract economy drops out of the cost group: suppressed again; a fourth brings it back', async () => {
      const optOut = await putJson(
        system.gatewayUrl,
        `/api/v2/organizations/${municipalities[m2]}/sharing-settings`,
        { shareContractEconomy: false },
        admin,
      );
      expect(optOut.status).toBe(200);
      const row = await rowOf('costs', `&year=${YEAR}`);
      expect(row.cost).toMatchObject({ suppressed: true, organizations: null, totalOre: null, averagePerOrganizationOre: null });
      expect(row.perUser).toMatchObject({ suppressed: true, costPerUserOre: null });
      // the other benchmarks do not depend on economy
      expect(await rowOf('gdpr')).toMatchObject({ suppressed: false, organizations: 3 });

      await enrol(municipalities[m4], {
        costOre: 40_000,
        users: { lowerBound: 50, upperBound: 100 }, // 75
        personalData: false,
        dpa: false,
        dpia: 'No',
        riskAssessment: 'No',
        archiveDuty: 'B',
        validTo: '2027-03-31',
      });
      const back = await waitFor(async () => {
        const r = await rowOf('costs', `&year=${YEAR}`);
        expect(r.cost).toMatchObject({ suppressed: false });
        expect(r.perUser).toMatchObject({ suppressed: false }); // the usage's users may arrive after its contract
        return r;
      });
      // m1, m3 and m4: the opted-out municipality's 100 000 is not in it
      expect(back.cost).toMatchObject({ organizations: 3, totalOre: 240_000, averagePerOrganizationOre: 80_000 });
      expect(back.perUser).toMatchObject({ organizations: 3, expectedUsers: 109.5, costPerUserOre: Math.round(240_000 / 109.5) });
      const archive = await waitFor(async () => {
        const r = await rowOf('archive-duty');
        expect(r).toMatchObject({ organizations: 4, usages: 4 });
        return r;
      });
      expect(archive.decisions).toMatchObject({ B: 2, K: 1, notRegistered: 1 });
      expect(await rowOf('gdpr')).toMatchObject({ organizations: 3, usagesWithPersonalData: 3 });
      expect((await rowOf('it-systems')).municipalityCount).toBe(4);
      const ending = await get(`${B}/contract-end-dates?systemUuid=${systemUuid}&endingTo=2027-12-31`);
      expect(ending.body.map((c) => c.validTo)).toEqual(['2026-12-31', '2027-03-31']);
      expect((await get(`${B}/contract-end-dates?systemUuid=${systemUuid}&page=1&pageSize=3`)).body).toHaveLength(1);
    }, 120_000);
  });
});
