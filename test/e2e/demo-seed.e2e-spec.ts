import { eventually, resetJetStream } from '@kitos/testing';
import { LOCAL_ADMIN, adminToken, bearer } from '../support/identity';
import { http, startSystem, type RunningSystem } from '../support/system';

// plain CommonJS so that operators run it with node alone
const { seedDemo, DEMO_PASSWORD } = require('../../deploy/seed/seed-demo.js') as {
  seedDemo: (o: { baseUrl: string; email: string; password: string; log?: (line: string) => void }) => Promise<Record<string, number>>;
  DEMO_PASSWORD: string;
};
const municipalities = require('../../deploy/seed/municipalities.json') as Array<{ name: string; cvr: string; municipalityCode: number }>;
const catalog = require('../../deploy/seed/catalog.json') as {
  suppliers: string[];
  systems: Array<{ name: string; kle: string[]; parent: string | null; interfaces: unknown[] }>;
};
const { USING_MUNICIPALITIES, COMMON_SYSTEMS } = require('../../deploy/seed/seed-catalog.js') as {
  USING_MUNICIPALITIES: number[];
  COMMON_SYSTEMS: string[];
};

describe('the demo seed', () => {
  let system: RunningSystem;

  beforeAll(async () => {
    await resetJetStream();
    // startSystem waits until every service reports ready (up to 150 s on a loaded machine)
    // the seed's content is tested here, not latency: a busy machine must not turn a slow answer into a 504
    system = await startSystem({
      services: ['identity', 'catalog', 'contracts', 'gdpr', 'archiving', 'projects', 'reporting'],
      env: { RPC_TIMEOUT_MS: '30000' },
    });
  }, 240_000);
  // six services with a backlog of events to settle: closing may take longer than the default hook timeout
  afterAll(() => system?.close(), 120_000);

  it('loads the 98 municipalities with their CVR numbers, suppliers, units, users, the catalogue, contracts, GDPR, archiving and projects, and is safe to run again', async () => {
    const api = http(system.gatewayUrl);
    await adminToken(api);
    // the seed's closing timing summary of each run is printed, so that a slow CI run shows where the time went
    const timing = (line: string) => line.startsWith('seed timing') && console.log(line);
    const first = await seedDemo({ baseUrl: system.gatewayUrl, ...LOCAL_ADMIN, log: timing });
    expect(first).toMatchObject({
      organizations: 98 + catalog.suppliers.length,
      units: 3 * 7,
      users: 3 * 3,
      systems: catalog.systems.length,
      interfaces: catalog.systems.reduce((n, s) => n + s.interfaces.length, 0),
    });
    expect(first.usages).toBeGreaterThan(USING_MUNICIPALITIES.length * 30);
    expect(first.relations).toBeGreaterThan(USING_MUNICIPALITIES.length * 5);
    expect(first.contracts).toBeGreaterThanOrEqual(3 * 3);
    expect(first.dataProcessingRegistrations).toBeGreaterThan(0);
    expect(first.usageGdprProfiles).toBeGreaterThan(0);
    expect(first.processingActivities).toBeGreaterThan(0);
    expect(first.projects).toBeGreaterThanOrEqual(3);
    const again = await seedDemo({ baseUrl: system.gatewayUrl, ...LOCAL_ADMIN, log: timing });
    expect(Object.entries(again).filter(([, created]) => created !== 0)).toEqual([]);
    expect(Object.keys(again).sort()).toEqual(Object.keys(first).sort());

    const token = await adminToken(api);
    const organizations = (
      await api.get<Array<{ name: string; cvr: string | null; organizationType: string }>>(
        '/api/v2/organizations?pageSize=250',
        bearer(token),
      )
    ).body;
    const seeded = organizations.filter((o) => o.organizationType === 'Municipality').map((o) => [o.name, o.cvr]);
    expect(seeded.sort()).toEqual(municipalities.map((m) => [m.name, m.cvr]).sort());

    const demoUser = await api.post<{ token: string }>('/api/v2/auth/login', {
      email: 'admin.101@demo.kitos.local',
      password: DEMO_PASSWORD,
    });
    expect(demoUser.status).toBe(200);
    const copenhagen = organizations.find((o) => o.cvr === '64942212') as unknown as { uuid: string };
    const units = await api.get<unknown[]>(`/api/v2/organizations/${copenhagen.uuid}/organization-units`, bearer(demoUser.body.token));
    expect(units.body).toHaveLength(8);

    // the catalogue: systems with KLE and parents, usages of Copenhagen with their responsible unit
    const systems = await api.get<Array<{ name: string; kle: unknown[]; parentSystem: unknown; usingOrganizations: unknown[] }>>(
      '/api/v2/it-systems?pageSize=250',
      bearer(token),
    );
    expect(systems.body).toHaveLength(catalog.systems.length);
    expect(systems.body.filter((s) => s.kle.length > 0).length).toBeGreaterThan(100);
    const usages = await api.get<Array<{ organizationUsage: { responsibleOrganizationUnit: unknown } }>>(
      `/api/v2/it-system-usages?organizationUuid=${copenhagen.uuid}&pageSize=250`,
      bearer(demoUser.body.token),
    );
    expect(usages.status).toBe(200);
    expect(usages.body.length).toBeGreaterThan(30);
    expect(usages.body.every((u) => u.organizationUsage.responsibleOrganizationUnit !== null)).toBe(true);

    // contracts with realistic terms: notice by end of quarter, a sub-contract, a terminated licence
    type Contract = {
      name: string;
      systemUsages: unknown[];
      economy: { total: { totalØre: number } };
      deadlines: { endIfNoticeToday: string | null; terminationEffectiveDate: string | null };
      parentContract: unknown;
    };
    const contracts = (await api.get<Contract[]>(`/api/v2/it-contracts?organizationUuid=${copenhagen.uuid}`, bearer(token))).body;
    const kmd = contracts.find((c) => c.name === 'Driftsaftale KMD');
    expect(kmd?.systemUsages.length).toBeGreaterThan(0);
    expect(kmd?.economy.total.totalØre).toBeGreaterThan(0);
    expect(kmd?.deadlines.endIfNoticeToday).toMatch(/-(03-31|06-30|09-30|12-31)$/);
    expect(contracts.find((c) => c.name === 'Tillægsaftale KMD: udvidet support')?.parentContract).toBeTruthy();
    expect(contracts.find((c) => c.name === 'Licensaftale Formpipe (opsagt)')).toMatchObject({
      validity: { valid: false, validationErrors: ['TerminationPeriodExceeded'] },
      deadlines: { terminationEffectiveDate: '2024-12-31' },
    });

    // GDPR: a record of processing with entries, registrations, archiving decisions and projects with benefits
    const record = await api.get<{ controllerRecord: unknown[] }>(
      `/api/v2/organizations/${copenhagen.uuid}/gdpr/article-30`,
      bearer(token),
    );
    expect(record.status).toBe(200);
    expect(record.body.controllerRecord.length).toBeGreaterThan(3);
    const registrations = await api.get<unknown[]>(
      `/api/v2/data-processing-registrations?organizationUuid=${copenhagen.uuid}`,
      bearer(token),
    );
    expect(registrations.body.length).toBeGreaterThan(0);
    const overview = await api.get<Array<{ archiveDuty: string | null }>>(
      `/api/v2/organizations/${copenhagen.uuid}/archiving/overview`,
      bearer(token),
    );
    expect(overview.body.filter((row) => row.archiveDuty !== null).length).toBeGreaterThan(0);
    const projects = await api.get<Array<{ benefits?: unknown[] }>>(
      `/api/v2/it-projects?organizationUuid=${copenhagen.uuid}`,
      bearer(token),
    );
    expect(projects.body.length).toBeGreaterThan(0);

    // cross-municipal reports (figures over fewer than five organisations are suppressed): systems all five use, and
    // in a municipality without demo units their usages covered by contracts with economy, GDPR, DPRs and archiving
    const usedByAll = systems.body.filter((s) => s.usingOrganizations.length >= USING_MUNICIPALITIES.length);
    expect(usedByAll.length).toBeGreaterThanOrEqual(15);
    expect(usedByAll.map((s) => s.name)).toEqual(expect.arrayContaining(COMMON_SYSTEMS));
    const odense = organizations.find((o) => o.cvr === '35209115') as unknown as { uuid: string };
    const odenseUsages = (
      await api.get<Array<{ uuid: string; systemContext: { name: string }; general: { numberOfExpectedUsers: unknown } }>>(
        `/api/v2/it-system-usages?organizationUuid=${odense.uuid}&pageSize=250`,
        bearer(token),
      )
    ).body;
    const common = odenseUsages.filter((u) => COMMON_SYSTEMS.includes(u.systemContext.name));
    expect(common).toHaveLength(COMMON_SYSTEMS.length);
    expect(odenseUsages.every((u) => u.general.numberOfExpectedUsers !== null)).toBe(true);
    type FullContract = Contract & {
      responsible: { organizationUnit: unknown };
      termination: { terms: { noticePeriodMonths: unknown } };
      economy: { byYear: Array<{ year: number | null; operationØre: number }> };
    };
    const odenseContracts = (await api.get<FullContract[]>(`/api/v2/it-contracts?organizationUuid=${odense.uuid}`, bearer(token))).body;
    const covered = new Set(odenseContracts.flatMap((c) => (c.systemUsages as Array<{ uuid: string }>).map((u) => u.uuid)));
    expect(common.filter((u) => !covered.has(u.uuid))).toEqual([]);
    expect(odenseContracts.filter((c) => c.economy.byYear.filter((y) => y.operationØre > 0).length >= 3).length).toBeGreaterThan(3);
    expect(odenseContracts.filter((c) => c.responsible.organizationUnit !== null).length).toBeGreaterThan(odenseContracts.length / 2);
    expect(odenseContracts.filter((c) => c.termination.terms.noticePeriodMonths !== null).length).toBe(odenseContracts.length);
    const gdpr = await Promise.all(
      common.map(
        async (u) =>
          (
            await api.get<{ dataSensitivityLevels: string[]; riskAssessmentConductedDate: string | null; dpiaConducted: string | null }>(
              `/api/v2/it-system-usages/${u.uuid}/gdpr`,
              bearer(token),
            )
          ).body,
      ),
    );
    const personal = gdpr.filter((g) => g.dataSensitivityLevels.some((l) => l !== 'None'));
    expect(personal.length).toBeGreaterThan(common.length / 2);
    expect(personal.filter((g) => g.riskAssessmentConductedDate !== null).length).toBeGreaterThan(personal.length / 2);
    expect(personal.filter((g) => g.dpiaConducted === 'Yes').length).toBeGreaterThan(0);
    const odenseDprs = (
      await api.get<Array<{ general: { isAgreementConcluded: string | null } }>>(
        `/api/v2/data-processing-registrations?organizationUuid=${odense.uuid}&pageSize=250`,
        bearer(token),
      )
    ).body;
    expect(odenseDprs.filter((r) => r.general.isAgreementConcluded === 'Yes').length).toBeGreaterThan(personal.length / 2);
    const odenseArchiving = await api.get<Array<{ archiveDuty: string | null }>>(
      `/api/v2/organizations/${odense.uuid}/archiving/overview`,
      bearer(token),
    );
    expect(odenseArchiving.body.filter((row) => row.archiveDuty !== null).length).toBeGreaterThan(common.length / 2);

    // the benchmarks over the seed, as a municipality's user sees them: every figure of the common systems is shown
    // (five municipalities contribute, the default threshold), and no note or remark leaks
    const reader = demoUser.body.token;
    type Shown = { system: { name: string }; suppressed: boolean };
    const shownCommon = <T extends Shown>(rows: T[]): T[] => rows.filter((r) => COMMON_SYSTEMS.includes(r.system.name) && !r.suppressed);
    await eventually(
      async () => {
        const costs = await api.get<Array<{ system: { name: string }; cost: { suppressed: boolean; totalOre: number | null } }>>(
          '/api/v2/benchmarks/costs?pageSize=250',
          bearer(reader),
        );
        expect(costs.status).toBe(200);
        const shownCosts = costs.body.filter((r) => COMMON_SYSTEMS.includes(r.system.name) && !r.cost.suppressed);
        expect(shownCosts.length).toBeGreaterThanOrEqual(10);
        expect(shownCosts.every((r) => (r.cost.totalOre ?? 0) > 0)).toBe(true);
        const gdprShares = await api.get<Array<Shown & { dpaShare: number | null }>>(
          '/api/v2/benchmarks/gdpr?pageSize=250',
          bearer(reader),
        );
        expect(shownCommon(gdprShares.body).length).toBeGreaterThanOrEqual(10);
        expect(shownCommon(gdprShares.body).some((r) => (r.dpaShare ?? 0) > 0)).toBe(true);
        const archive = await api.get<Shown[]>('/api/v2/benchmarks/archive-duty?pageSize=250', bearer(reader));
        expect(shownCommon(archive.body).length).toBeGreaterThanOrEqual(10);
        const endDates = await api.get<unknown[]>('/api/v2/benchmarks/contract-end-dates?pageSize=250', bearer(reader));
        expect(endDates.body.length).toBeGreaterThan(20);
      },
      // reporting's read models follow the seed's events: generous, the machine may be busy
      { timeoutMs: 300_000, intervalMs: 1000 },
    );
  }, 900_000);
});
