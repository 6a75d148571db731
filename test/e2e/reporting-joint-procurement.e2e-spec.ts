import { randomUUID } from 'node:crypto';
import { eventually, resetJetStream } from '@kitos/testing';
import ExcelJS from 'exceljs';
import { download, parseCsv, putJson } from '../support/gdpr';
import { adminToken, bearer, createOrganization, createUser, sessionOf } from '../support/identity';
import { http, startSystem, type HttpResult, type RunningSystem } from '../support/system';

/**
 * Joint procurement [fælles udbud] through the gateway: the municipalities whose contracts for a system (or a
 * supplier's systems) end or reach their notice deadline within a window. Threshold for the combined cost lowered to 3
 * organisations (BENCHMARK_MIN_ORGANIZATIONS).
 */
const MIN = 3;
const YEAR = 2025;
const PATH = '/api/v2/benchmarks/joint-procurement';

type Pair = { uuid: string; name: string | null };
interface Result {
  system: Pair | null;
  supplier: Pair | null;
  municipalityCount: number;
  municipalities: Array<{
    organization: Pair;
    contact: { email: string | null; phone: string | null };
    firstDate: string | null;
    contracts: Array<{
      contract: Pair;
      system: Pair;
      endDate: string | null;
      noticeDeadline: string | null;
      endsInWindow: boolean;
      noticeInWindow: boolean;
    }>;
  }>;
  volume: { suppressed: boolean; organizations: number | null; totalOre: number | null; year: number };
}
interface Problem {
  errors: Array<{ field: string; message: string }>;
}

describe('Joint procurement (reporting) through the gateway', () => {
  let system: RunningSystem;
  let api: ReturnType<typeof http>;
  let admin: string;
  let reader: string;
  let companyUser: string;
  let supplierOrg: string;
  let systemUuid: string;
  const municipalities: string[] = [];

  const get = <T = Result>(query: string, token = reader): Promise<HttpResult<T>> => api.get<T>(`${PATH}?${query}`, bearer(token));
  const names = (result: Result) => result.municipalities.map((m) => m.organization.uuid);

  const until = (what: string, write: () => Promise<HttpResult<unknown>>): Promise<HttpResult<unknown>> =>
    eventually(async () => {
      const result = await write();
      if (![200, 201].includes(result.status)) throw new Error(`${what} answered ${result.status}: ${JSON.stringify(result.body)}`);
      return result;
    });

  const noticeSixMonths = (organizationUuid: string): Promise<string> =>
    eventually(async () => {
      const listed = await api.get<Array<{ uuid: string; name: string }>>(
        `/api/v2/it-contract-notice-period-month-types?organizationUuid=${organizationUuid}`,
        bearer(admin),
      );
      const uuid = listed.body.find?.((o) => o.name === '6')?.uuid;
      if (!uuid) throw new Error('no notice period option 6 yet');
      return uuid;
    });

  /** A municipality's usage of the system and a contract covering it. */
  const enrol = async (organizationUuid: string, validTo: string, costOre: number, extra: Record<string, unknown> = {}) => {
    const usage = await api.post<{ uuid: string }>('/api/v2/it-system-usages', { organizationUuid, systemUuid }, bearer(admin));
    expect(usage.status).toBe(201);
    const [root] = (await api.get<Array<{ uuid: string }>>(`/api/v2/organizations/${organizationUuid}/organization-units`, bearer(admin)))
      .body;
    await until('contract', () =>
      api.post(
        '/api/v2/it-contracts',
        {
          organizationUuid,
          name: `Driftsaftale ${randomUUID().slice(0, 6)}`,
          general: { notes: 'Hemmelig kontraktnote', validity: { validFrom: '2024-01-01', validTo } },
          supplier: { organizationUuid: supplierOrg },
          systemUsageUuids: [usage.body.uuid],
          payments: { internal: [{ organizationUnitUuid: root.uuid, operationØre: costOre, auditDate: `${YEAR}-03-01` }] },
          ...extra,
        },
        bearer(admin),
      ),
    );
  };

  beforeAll(async () => {
    await resetJetStream();
    system = await startSystem({
      services: ['identity', 'catalog', 'contracts', 'reporting'],
      env: { BENCHMARK_MIN_ORGANIZATIONS: String(MIN) },
    });
    api = http(system.gatewayUrl);
    admin = await adminToken(api);
    supplierOrg = await createOrganization(api, admin, { name: `Leverandør ${randomUUID().slice(0, 6)}`, organizationType: 'Company' });
    for (const n of [1, 2, 3, 4]) {
      municipalities.push(
        await createOrganization(api, admin, {
          name: `Kommune ${n} ${randomUUID().slice(0, 4)}`,
          email: `kontakt${n}@kommune${n}.example`,
          phone: `+45 1000 000${n}`,
        }),
      );
    }
    const company = await createOrganization(api, admin, { organizationType: 'Company' });
    reader = await sessionOf(api, await createUser(api, admin, [{ organizationUuid: municipalities[0], role: 'User' }]));
    companyUser = await sessionOf(api, await createUser(api, admin, [{ organizationUuid: company, role: 'User' }]));
    const created = await api.post<{ uuid: string }>(
      '/api/v2/it-systems',
      { organizationUuid: municipalities[0], name: `Fælles ${randomUUID().slice(0, 8)}`, rightsHolderUuid: supplierOrg },
      bearer(admin),
    );
    expect(created.status).toBe(201);
    systemUuid = created.body.uuid;

    await enrol(municipalities[0], '2031-03-31', 100_000);
    await enrol(municipalities[1], '2031-09-30', 200_000);
    // ends long after, but notice (6 months) can be given for the end of its irrevocable period in 2040
    await enrol(municipalities[2], '2045-12-31', 300_000, {
      agreementPeriod: { irrevocableUntil: '2040-12-31' },
      termination: { terms: { noticePeriodMonthsUuid: await noticeSixMonths(municipalities[2]) } },
    });
    await enrol(municipalities[3], '2033-12-31', 400_000);
    // all four contracts projected by reporting
    await eventually(
      async () => {
        const listed = await api.get<unknown[]>(`/api/v2/benchmarks/contract-end-dates?systemUuid=${systemUuid}`, bearer(reader));
        if (listed.body.length !== 4) throw new Error(`contract-end-dates: ${JSON.stringify(listed.body)}`);
      },
      { timeoutMs: 60_000 },
    );
  }, 240_000);

  afterAll(async () => {
    await system?.close();
  });

  it('refuses anonymous callers (401) and users who do not read across organisations (403)', async () => {
    expect((await api.get(`${PATH}?systemUuid=${systemUuid}&from=2031-01-01&to=2031-12-31`)).status).toBe(401);
    expect((await get(`systemUuid=${systemUuid}&from=2031-01-01&to=2031-12-31`, companyUser)).status).toBe(403);
  });

  it.each([
    ['no system or supplier', 'from=2031-01-01&to=2031-12-31', 'systemUuid'],
    ['a malformed system', 'systemUuid=not-a-uuid&from=2031-01-01&to=2031-12-31', 'systemUuid'],
    ['a malformed supplier', 'supplierUuid=42&from=2031-01-01&to=2031-12-31', 'supplierUuid'],
    ['no from', 'systemUuid=SYS&to=2031-12-31', 'from'],
    ['a day that does not exist', 'systemUuid=SYS&from=2031-02-30&to=2031-12-31', 'from'],
    ['a window ending before it starts', 'systemUuid=SYS&from=2031-12-31&to=2031-01-01', 'to'],
    ['a bad year', 'systemUuid=SYS&from=2031-01-01&to=2031-12-31&year=abc', 'year'],
  ])('answers 400 at the field for %s', async (_what, query, field) => {
    const result = await get<Problem>(query.replace('SYS', systemUuid));
    expect(result.status).toBe(400);
    expect(result.body.errors.map((e) => e.field)).toContain(field);
  });

  it('an unknown system or supplier gives an empty answer, as the other benchmarks do', async () => {
    for (const query of [`systemUuid=${randomUUID()}`, `supplierUuid=${randomUUID()}`]) {
      const result = await get(`${query}&from=2020-01-01&to=2050-12-31`);
      expect(result.status).toBe(200);
      expect(result.body).toMatchObject({ system: null, municipalityCount: 0, municipalities: [] });
    }
  });

  it('finds the municipalities whose contracts end within the window, soonest first, with contacts; the cost of two is suppressed', async () => {
    const result = await get(`systemUuid=${systemUuid}&from=2031-01-01&to=2031-12-31&year=${YEAR}`);
    expect(result.status).toBe(200);
    expect(result.body.system?.uuid).toBe(systemUuid);
    expect(result.body.supplier?.uuid).toBe(supplierOrg);
    expect(names(result.body)).toEqual([municipalities[0], municipalities[1]]);
    expect(result.body.municipalities[0]).toMatchObject({
      contact: { email: 'kontakt1@kommune1.example', phone: '+45 1000 0001' },
      firstDate: '2031-03-31',
      contracts: [{ endDate: '2031-03-31', endsInWindow: true, noticeInWindow: false }],
    });
    expect(result.body.volume).toMatchObject({ suppressed: true, organizations: null, totalOre: null, year: YEAR });
    expect(JSON.stringify(result.body)).not.toContain('Hemmelig');

    // the same by supplier
    const bySupplier = await get(`supplierUuid=${supplierOrg}&from=2031-01-01&to=2031-12-31&year=${YEAR}`);
    expect(names(bySupplier.body)).toEqual([municipalities[0], municipalities[1]]);
  });

  it('finds a contract by its notice deadline in the window although it ends later', async () => {
    const result = await get(`systemUuid=${systemUuid}&from=2040-01-01&to=2040-12-31`);
    expect(names(result.body)).toEqual([municipalities[2]]);
    const [contract] = result.body.municipalities[0].contracts;
    expect(contract).toMatchObject({ endDate: '2045-12-31', endsInWindow: false, noticeInWindow: true });
    expect(contract.noticeDeadline! >= '2040-01-01' && contract.noticeDeadline! <= '2040-12-31').toBe(true);
  });

  it('shows the combined cost from three municipalities, and suppresses it again when one opts out of sharing economy', async () => {
    const window = `systemUuid=${systemUuid}&from=2031-01-01&to=2033-12-31&year=${YEAR}`;
    const shown = await get(window);
    expect(names(shown.body)).toEqual([municipalities[0], municipalities[1], municipalities[3]]);
    expect(shown.body.volume).toMatchObject({ suppressed: false, organizations: 3, totalOre: 700_000 });

    const optOut = await putJson(
      system.gatewayUrl,
      `/api/v2/organizations/${municipalities[1]}/sharing-settings`,
      { shareContractEconomy: false },
      admin,
    );
    expect(optOut.status).toBe(200);
    const after = await get(window);
    // still listed (contract dates are shared), but its economy is out of the figure, which falls below the threshold
    expect(names(after.body)).toEqual([municipalities[0], municipalities[1], municipalities[3]]);
    expect(after.body.volume).toMatchObject({ suppressed: true, organizations: null, totalOre: null });
  });

  it('downloads the municipalities and their contracts as CSV and XLSX', async () => {
    const query = `systemUuid=${systemUuid}&from=2031-01-01&to=2033-12-31`;
    const csv = await download(system.gatewayUrl, `${PATH}?${query}&format=csv`, reader);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const rows = parseCsv(csv.bytes.toString('utf8').replace(/^\uFEFF/, '')).filter((r) => r.length > 1);
    expect(rows[0].slice(0, 3)).toEqual(['Kommune', 'E-mail', 'Telefon']);
    expect(rows.slice(1).map((r) => r[1])).toEqual(['kontakt1@kommune1.example', 'kontakt2@kommune2.example', 'kontakt4@kommune4.example']);
    const xlsx = await download(system.gatewayUrl, `${PATH}?${query}&format=xlsx`, reader);
    expect(xlsx.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.bytes as unknown as ArrayBuffer);
    expect(book.worksheets[0].actualRowCount).toBe(4);
  });
});
