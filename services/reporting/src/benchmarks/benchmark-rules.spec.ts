import { privateClassOf } from '../sharing/sharing-policy';
import type { ReadModelKind } from '../read-models/read-model.types';
import { BENCHMARK_READ_PATHS } from './benchmark.source';
import {
  archiveDutyBenchmarks,
  contractEndDateRows,
  costBenchmarks,
  expectedUsers,
  gdprBenchmarks,
  itSystemBenchmarks,
  jointProcurement,
  nationalGdprBenchmark,
  pageOf,
  supplierBenchmarks,
  suppression,
  usageYearCost,
  type BenchContract,
  type BenchDpr,
  type BenchOrganization,
  type BenchSystem,
  type BenchUsage,
  type BenchmarkData,
} from './benchmark-rules';

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const SYS_A = uuid(9001);
const SYS_B = uuid(9002);
const SUPPLIER = uuid(9100);
const YEAR = 2026;

const org = (n: number, organizationType: BenchOrganization['organizationType'] = 'Municipality'): BenchOrganization => ({
  uuid: uuid(n),
  name: `Kommune ${n}`,
  organizationType,
});

let nextUsage = 1000;
const usage = (orgN: number, systemUuid = SYS_A, extra: Partial<BenchUsage> = {}): BenchUsage => ({
  uuid: uuid(nextUsage++),
  organizationUuid: uuid(orgN),
  systemUuid,
  ...extra,
});

let nextContract = 5000;
const contract = (covers: BenchUsage[], yearTotalOre: number | null, extra: Partial<BenchContract> = {}): BenchContract => ({
  uuid: uuid(nextContract++),
  organizationUuid: covers[0].organizationUuid,
  name: `Kontrakt ${nextContract}`,
  systemUsageUuids: covers.map((u) => u.uuid),
  economy:
    yearTotalOre === null
      ? null
      : {
          acquisitionOre: 0,
          operationOre: yearTotalOre,
          otherOre: 0,
          totalOre: yearTotalOre,
          byYear: [{ year: YEAR, acquisitionOre: 0, operationOre: yearTotalOre, otherOre: 0, totalOre: yearTotalOre }],
        },
  ...extra,
});

function dataOf(
  usages: BenchUsage[],
  contracts: BenchContract[] = [],
  dprs: BenchDpr[] = [],
  extraOrgs: BenchOrganization[] = [],
): BenchmarkData {
  const systems = new Map<string, BenchSystem>([
    [SYS_A, { uuid: SYS_A, name: 'Alfa ESDH', rightsHolderUuid: SUPPLIER }],
    [SYS_B, { uuid: SYS_B, name: 'Beta Løn', rightsHolderUuid: null }],
  ]);
  const organizations = new Map<string, BenchOrganization>();
  for (let n = 1; n <= 20; n++) organizations.set(uuid(n), org(n));
  organizations.set(SUPPLIER, { uuid: SUPPLIER, name: 'Leverandør A/S', organizationType: 'Company' });
  for (const o of extraOrgs) organizations.set(o.uuid, o);
  return { systems, organizations, usages, contracts, dprs };
}

/** Usages of system A by organisations 1..n, one each. */
const oneEach = (n: number, extra: Partial<BenchUsage> = {}) => Array.from({ length: n }, (_, i) => usage(i + 1, SYS_A, extra));

describe('suppression', () => {
  it.each([
    [0, 5, true],
    [4, 5, true],
    [5, 5, false],
    [6, 5, false],
    [1, 2, true],
    [2, 2, false],
  ])('%i organisations with threshold %i: suppressed %s', (organizations, min, suppressed) => {
    const result = suppression(organizations, min);
    expect(result.suppressed).toBe(suppressed);
    expect(result.organizations).toBe(suppressed ? null : organizations);
    expect(result.reason === null).toBe(!suppressed);
  });
});

describe('expectedUsers', () => {
  it.each([
    [null, null, null],
    [10, 50, 30],
    [10, null, 10],
    [null, 40, 20],
    [0, 0, 0],
  ])('interval [%s, %s] → %s', (lower, upper, expected) => {
    expect(expectedUsers({ expectedUsersLowerBound: lower, expectedUsersUpperBound: upper })).toBe(expected);
  });
});

describe('usageYearCost', () => {
  it('splits a contract covering k usages evenly, sums several contracts, ignores other years and other organisations', () => {
    const [u1, u2, u3, u4] = [usage(1), usage(1, SYS_B), usage(1), usage(2)];
    const shared = contract([u1, u2, u3, u4], 400_00);
    const own = contract([u1], 100_00);
    const otherYear = contract([u1], 999_00, { economy: { acquisitionOre: 0, operationOre: 0, otherOre: 0, totalOre: 0, byYear: [] } });
    const foreign = { ...contract([u1], 777_00), organizationUuid: uuid(2) };
    expect(usageYearCost(u1, [shared, own, otherYear, foreign], YEAR)).toBe(200_00);
    expect(usageYearCost(u1, [otherYear], YEAR)).toBeNull();
    expect(usageYearCost(u1, [], YEAR)).toBeNull();
  });
});

describe('costBenchmarks: suppression of small groups', () => {
  const MIN = 3;
  const costFor = (usages: BenchUsage[], contracts: BenchContract[], optedOut: string[] = []) =>
    costBenchmarks(dataOf(usages, contracts), new Set(optedOut), YEAR, MIN).find((r) => r.system.uuid === SYS_A)!;

  it.each([
    ['N−1 organisations', 2, true],
    ['exactly N organisations', 3, false],
    ['N+1 organisations', 4, false],
  ])('%s (%i) → suppressed %s', (_label, n, suppressed) => {
    const usages = oneEach(n);
    const row = costFor(
      usages,
      usages.map((u) => contract([u], 120_00)),
    );
    expect(row.cost.suppressed).toBe(suppressed);
    if (suppressed) {
      expect(row.cost).toEqual({
        suppressed: true,
        reason: expect.stringContaining('3'),
        organizations: null,
        totalOre: null,
        averagePerOrganizationOre: null,
      });
    } else {
      expect(row.cost).toMatchObject({ organizations: n, totalOre: n * 120_00, averagePerOrganizationOre: 120_00 });
    }
  });

  it('counts an organisation with several usages once', () => {
    const usages = [usage(1), usage(1), usage(1), usage(2)];
    const row = costFor(
      usages,
      usages.map((u) => contract([u], 100_00)),
    );
    expect(row.cost.suppressed).toBe(true);
    const three = [...usages, usage(3)];
    const shown = costFor(
      three,
      three.map((u) => contract([u], 100_00)),
    );
    expect(shown.cost).toMatchObject({
      suppressed: false,
      organizations: 3,
      totalOre: 500_00,
      averagePerOrganizationOre: Math.round(500_00 / 3),
    });
  });

  it('leaves organisations that opted out of sharing economy out of the group', () => {
    const usages = oneEach(3);
    const contracts = usages.map((u) => contract([u], 100_00));
    expect(costFor(usages, contracts).cost.suppressed).toBe(false);
    const optedOut = costFor(usages, contracts, [uuid(2)]);
    expect(optedOut.cost).toMatchObject({ suppressed: true, organizations: null, totalOre: null });
    const four = [...usages, usage(4)];
    const back = costFor(four, [...contracts, contract([four[3]], 300_00)], [uuid(2)]);
    expect(back.cost).toMatchObject({ suppressed: false, organizations: 3, totalOre: 500_00 });
  });

  it('does not count organisations without payments registered for the year', () => {
    const usages = oneEach(3);
    const contracts = [contract([usages[0]], 100_00), contract([usages[1]], 100_00), contract([usages[2]], null)];
    expect(costFor(usages, contracts).cost.suppressed).toBe(true);
  });

  it('does not count organisations of other types than Municipality', () => {
    const company = org(50, 'Company');
    const usages = [...oneEach(2), usage(50)];
    const rows = costBenchmarks(
      dataOf(
        usages,
        usages.map((u) => contract([u], 100_00)),
        [],
        [company],
      ),
      new Set(),
      YEAR,
      MIN,
    );
    expect(rows[0].cost.suppressed).toBe(true);
  });

  it('gives cost per expected user over usages with a known number of users, suppressed on its own', () => {
    const usages = [
      usage(1, SYS_A, { expectedUsersLowerBound: 10, expectedUsersUpperBound: 50 }), // 30 users
      usage(2, SYS_A, { expectedUsersLowerBound: 100, expectedUsersUpperBound: null }), // 100 users
      usage(3, SYS_A, { expectedUsersLowerBound: 0, expectedUsersUpperBound: 20 }), // 10 users
      usage(4),
    ];
    const contracts = usages.map((u) => contract([u], 280_00));
    const row = costFor(usages, contracts);
    expect(row.cost).toMatchObject({ organizations: 4, totalOre: 4 * 280_00 });
    expect(row.perUser).toMatchObject({ suppressed: false, organizations: 3, expectedUsers: 140, costPerUserOre: 6_00 });
    const fewer = costFor(usages.slice(1), contracts.slice(1));
    expect(fewer.cost.suppressed).toBe(false);
    expect(fewer.perUser).toMatchObject({ suppressed: true, organizations: null, expectedUsers: null, costPerUserOre: null });
  });
});

describe('gdprBenchmarks', () => {
  const MIN = 3;
  const personal = (dpia: 'Yes' | 'No' = 'No', risk: 'Yes' | 'No' = 'No') => ({
    gdpr: { processesPersonalData: true, dpiaConducted: dpia, riskAssessmentConducted: risk },
  });

  it.each([
    [2, true],
    [3, false],
  ])('with %i organisations processing personal data: suppressed %s', (n, suppressed) => {
    const usages = Array.from({ length: n }, (_, i) => usage(i + 1, SYS_A, personal()));
    const [row] = gdprBenchmarks(dataOf(usages), MIN);
    expect(row.suppressed).toBe(suppressed);
    expect(row.usagesWithPersonalData).toBe(suppressed ? null : n);
    expect(row.organizations).toBe(suppressed ? null : n);
  });

  it('counts DPA (own organisation’s DPR with agreement Yes), DPIA and risk assessment among usages with personal data', () => {
    const u = [
      usage(1, SYS_A, personal('Yes', 'Yes')),
      usage(2, SYS_A, personal('No', 'Yes')),
      usage(3, SYS_A, personal('Yes', 'No')),
      usage(3, SYS_A, personal()),
      usage(4, SYS_A, { gdpr: { processesPersonalData: false, dpiaConducted: 'Yes', riskAssessmentConducted: 'Yes' } }),
      usage(5), // no GDPR profile
    ];
    const dprs: BenchDpr[] = [
      { uuid: uuid(7001), organizationUuid: uuid(1), systemUsageUuids: [u[0].uuid], agreementConcluded: 'Yes' },
      { uuid: uuid(7002), organizationUuid: uuid(2), systemUsageUuids: [u[1].uuid], agreementConcluded: 'No' },
      // another organisation's DPR naming the usage does not count
      { uuid: uuid(7003), organizationUuid: uuid(9), systemUsageUuids: [u[2].uuid], agreementConcluded: 'Yes' },
    ];
    const [row] = gdprBenchmarks(dataOf(u, [], dprs), MIN);
    expect(row).toMatchObject({
      suppressed: false,
      organizations: 3,
      usagesWithPersonalData: 4,
      withDpa: 1,
      dpaShare: 0.25,
      withDpia: 2,
      dpiaShare: 0.5,
      withRiskAssessment: 2,
      riskAssessmentShare: 0.5,
    });
  });

  it('national figures leave suppressed systems out', () => {
    const usages = [
      ...Array.from({ length: 3 }, (_, i) => usage(i + 1, SYS_A, personal('Yes'))),
      usage(1, SYS_B, personal('No')),
      usage(2, SYS_B, personal('No')),
    ];
    const national = nationalGdprBenchmark(dataOf(usages), MIN);
    expect(national).toMatchObject({ systems: 1, suppressed: false, organizations: 3, usagesWithPersonalData: 3, withDpia: 3 });
    expect(nationalGdprBenchmark(dataOf(usages.slice(3)), MIN)).toMatchObject({
      systems: 0,
      suppressed: true,
      usagesWithPersonalData: null,
    });
  });
});

describe('archiveDutyBenchmarks', () => {
  it.each([
    [2, true],
    [3, false],
  ])('with %i using organisations: suppressed %s', (n, suppressed) => {
    const [row] = archiveDutyBenchmarks(dataOf(oneEach(n)), 3);
    expect(row.suppressed).toBe(suppressed);
    if (suppressed) expect(Object.values(row.decisions).every((v) => v === null)).toBe(true);
  });

  it('counts usages per decision, unregistered ones separately; several usages of one organisation count once in the group', () => {
    const usages = [
      usage(1, SYS_A, { archive: { archiveDuty: 'B' } }),
      usage(1, SYS_A, { archive: { archiveDuty: 'K' } }),
      usage(1, SYS_A, { archive: { archiveDuty: 'B' } }),
      usage(2, SYS_A, { archive: { archiveDuty: 'Undecided' } }),
      usage(3, SYS_A, { archive: { archiveDuty: null } }),
      usage(3),
    ];
    const [row] = archiveDutyBenchmarks(dataOf(usages), 3);
    expect(row).toMatchObject({ suppressed: false, organizations: 3, usages: 6 });
    expect(row.decisions).toEqual({ B: 2, K: 1, PreserveDataCanDiscardDocuments: 0, Unknown: 0, Undecided: 1, notRegistered: 2 });
    expect(archiveDutyBenchmarks(dataOf(usages.slice(0, 4)), 3)[0].suppressed).toBe(true);
  });
});

describe('listings (not aggregates)', () => {
  it('lists the municipalities using each system, with supplier and contract suppliers; filters by system and supplier', () => {
    const usages = [usage(2), usage(1), usage(1), usage(3, SYS_B), usage(50)];
    const contracts = [contract([usages[1]], null, { supplierUuid: SUPPLIER })];
    const data = dataOf(usages, contracts, [], [org(50, 'Company')]);
    const rows = itSystemBenchmarks(data);
    expect(rows.map((r) => [r.system.name, r.municipalityCount])).toEqual([
      ['Alfa ESDH', 2],
      ['Beta Løn', 1],
    ]);
    expect(rows[0].municipalities.map((m) => m.name)).toEqual(['Kommune 1', 'Kommune 2']);
    expect(rows[0].supplier).toEqual({ uuid: SUPPLIER, name: 'Leverandør A/S' });
    expect(rows[0].contractSuppliers).toEqual([{ uuid: SUPPLIER, name: 'Leverandør A/S' }]);
    expect(itSystemBenchmarks(data, { systemUuid: SYS_B }).map((r) => r.system.uuid)).toEqual([SYS_B]);
    expect(itSystemBenchmarks(data, { supplierUuid: SUPPLIER }).map((r) => r.system.uuid)).toEqual([SYS_A]);

    const suppliers = supplierBenchmarks(data);
    expect(suppliers).toEqual([
      {
        supplier: { uuid: SUPPLIER, name: 'Leverandør A/S' },
        systems: [{ uuid: SYS_A, name: 'Alfa ESDH' }],
        municipalityCount: 2,
        municipalities: [
          { uuid: uuid(1), name: 'Kommune 1' },
          { uuid: uuid(2), name: 'Kommune 2' },
        ],
      },
    ]);
  });

  it('lists contract end dates soonest first, open-ended last, with notice deadlines; filters by end date', () => {
    const usages = [usage(1), usage(2), usage(3, SYS_B)];
    const contracts = [
      contract([usages[0]], 100_00, { validTo: '2028-01-31', deadlines: { noticeDeadline: '2027-10-31' } }),
      contract([usages[1]], 100_00, { validTo: '2026-12-31', noticePeriodMonths: 3 }),
      contract([usages[2]], null, { validTo: null }),
    ];
    const rows = contractEndDateRows(dataOf(usages, contracts));
    expect(rows.map((r) => [r.system.name, r.organization.name, r.validTo, r.noticeDeadline])).toEqual([
      ['Alfa ESDH', 'Kommune 2', '2026-12-31', null],
      ['Alfa ESDH', 'Kommune 1', '2028-01-31', '2027-10-31'],
      ['Beta Løn', 'Kommune 3', null, null],
    ]);
    expect(rows[0].noticePeriodMonths).toBe(3);
    expect(JSON.stringify(rows)).not.toContain('economy');
    expect(contractEndDateRows(dataOf(usages, contracts), { endingFrom: '2027-01-01' }).map((r) => r.validTo)).toEqual(['2028-01-31']);
    expect(contractEndDateRows(dataOf(usages, contracts), { endingTo: '2027-01-01' }).map((r) => r.validTo)).toEqual(['2026-12-31']);
  });

  it('pages', () => {
    expect(pageOf([1, 2, 3, 4, 5], 1, 2)).toEqual([3, 4]);
    expect(pageOf([1, 2, 3], 2, 2)).toEqual([]);
  });
});

describe('jointProcurement', () => {
  const window = { from: '2027-01-01', to: '2027-12-31', year: YEAR };

  it('lists the municipalities whose contracts end or reach their notice deadline in the window, soonest first', () => {
    const [u1, u2, u3, u4, u5] = oneEach(5);
    const data = dataOf(
      [u1, u2, u3, u4, u5],
      [
        contract([u1], 100_00, { validTo: '2027-09-30' }), // ends in the window
        contract([u2], 100_00, { validTo: '2029-12-31', deadlines: { noticeDeadline: '2027-03-31' } }), // notice in the window
        contract([u3], 100_00, { validTo: '2029-12-31', deadlines: { terminationEffectiveDate: '2027-12-31' } }), // terminated
        contract([u4], 100_00, { validTo: '2026-12-31' }), // before the window
        contract([u5], 100_00, { validTo: null }), // open-ended, no deadline
      ],
    );
    const result = jointProcurement(data, new Set(), 2, { systemUuid: SYS_A, ...window });
    expect(result.system).toEqual({ uuid: SYS_A, name: 'Alfa ESDH' });
    expect(result.supplier).toEqual({ uuid: SUPPLIER, name: 'Leverandør A/S' });
    expect(result.municipalities.map((m) => [m.organization.name, m.firstDate])).toEqual([
      ['Kommune 2', '2027-03-31'],
      ['Kommune 1', '2027-09-30'],
      ['Kommune 3', '2027-12-31'],
    ]);
    expect(result.municipalities[0].contracts[0]).toMatchObject({ endsInWindow: false, noticeInWindow: true, endDate: '2029-12-31' });
    expect(result.municipalities[2].contracts[0]).toMatchObject({ endsInWindow: true, endDate: '2027-12-31' });
    expect(result.volume).toMatchObject({ suppressed: false, organizations: 3, totalOre: 300_00, year: YEAR });
  });

  it('leaves opted-out municipalities out of the combined cost, suppressing it below the threshold, but still lists them', () => {
    const usages = oneEach(3);
    const data = dataOf(
      usages,
      usages.map((u) => contract([u], 200_00, { validTo: '2027-06-30' })),
    );
    const result = jointProcurement(data, new Set([uuid(3)]), 3, { systemUuid: SYS_A, ...window });
    expect(result.municipalityCount).toBe(3);
    expect(result.volume).toEqual({
      suppressed: true,
      reason: expect.any(String),
      organizations: null,
      totalOre: null,
      year: YEAR,
    });
    expect(jointProcurement(data, new Set(), 3, { systemUuid: SYS_A, ...window }).volume.totalOre).toBe(600_00);
  });

  it('by supplier covers its systems; an unknown system gives an empty answer; non-municipalities never appear', () => {
    const company = org(30, 'Company');
    const usages = [usage(1), usage(30), usage(2, SYS_B)];
    const data = dataOf(
      usages,
      usages.map((u) => contract([u], null, { validTo: '2027-06-30' })),
      [],
      [company],
    );
    expect(
      jointProcurement(data, new Set(), 2, { supplierUuid: SUPPLIER, ...window }).municipalities.map((m) => m.organization.name),
    ).toEqual(['Kommune 1']);
    const unknown = jointProcurement(data, new Set(), 2, { systemUuid: uuid(4242), ...window });
    expect(unknown).toMatchObject({ system: null, municipalityCount: 0, municipalities: [] });
  });
});

describe('BENCHMARK_READ_PATHS', () => {
  it('reads no private field besides contract economy (which the source reads only where the sharing policy allows)', () => {
    for (const [kind, paths] of Object.entries(BENCHMARK_READ_PATHS) as Array<[ReadModelKind, string[]]>) {
      for (const path of paths) {
        const cls = privateClassOf(kind, path);
        expect([kind, path, cls]).toEqual([kind, path, kind === 'it-contracts' && path === 'data.economy' ? 'economy' : null]);
      }
    }
  });
});
