import type {
  ArchiveDutyBenchmark,
  ArchiveDutyCounts,
  ContractEndDateRow,
  CostBenchmark,
  GdprBenchmark,
  GdprFigures,
  IdentityNamePair,
  ItSystemBenchmark,
  JointProcurementContract,
  JointProcurementMunicipality,
  JointProcurementResult,
  NationalGdprBenchmark,
  SupplierBenchmark,
} from '@kitos/contracts';
import type {
  DataProcessingRegistrationSnapshot,
  ItContractSnapshot,
  ItSystemSnapshot,
  OrganizationSnapshot,
  UsageArchiveSnapshot,
  UsageGdprSnapshot,
} from '@kitos/contracts';

/**
 * Pure rules of the cross-municipal benchmarks: the handlers load the read models (live objects only), the sharing
 * policy says which organisations' economy may be used, and these functions aggregate. Suppression: an aggregate over
 * fewer than `minOrganizations` distinct organisations is suppressed (figures and count null), however many usages
 * those organisations have.
 */

/** A usage as the benchmarks need it (from the `it-system-usages` read model). */
export interface BenchUsage {
  uuid: string;
  organizationUuid: string;
  systemUuid: string;
  expectedUsersLowerBound?: number | null;
  expectedUsersUpperBound?: number | null;
  /** The usage's GDPR profile (null: none registered yet). */
  gdpr?: Pick<UsageGdprSnapshot, 'processesPersonalData' | 'dpiaConducted' | 'riskAssessmentConducted'> | null;
  /** The usage's archiving profile (null: none registered yet). */
  archive?: Pick<UsageArchiveSnapshot, 'archiveDuty'> | null;
}

export type BenchSystem = Pick<ItSystemSnapshot, 'uuid' | 'name'> & { rightsHolderUuid?: string | null };
export type BenchOrganization = Pick<OrganizationSnapshot, 'uuid' | 'name' | 'organizationType'> &
  Partial<Pick<OrganizationSnapshot, 'email' | 'phone'>>;
export type BenchContract = Pick<ItContractSnapshot, 'uuid' | 'organizationUuid' | 'name'> &
  Partial<
    Pick<ItContractSnapshot, 'supplierUuid' | 'systemUsageUuids' | 'validFrom' | 'validTo' | 'deadlines' | 'noticePeriodMonths' | 'economy'>
  >;
export type BenchDpr = Pick<DataProcessingRegistrationSnapshot, 'uuid' | 'organizationUuid' | 'systemUsageUuids' | 'agreementConcluded'>;

/** Everything a benchmark reads, already limited to live objects and to the systems the caller may see. */
export interface BenchmarkData {
  systems: ReadonlyMap<string, BenchSystem>;
  organizations: ReadonlyMap<string, BenchOrganization>;
  usages: readonly BenchUsage[];
  contracts: readonly BenchContract[];
  dprs: readonly BenchDpr[];
}

export interface SystemFilter {
  systemUuid?: string;
  supplierUuid?: string;
}

export interface Suppression {
  suppressed: boolean;
  reason: string | null;
  organizations: number | null;
}

/** Whether an aggregate over `organizations` distinct organisations is shown. */
export function suppression(organizations: number, minOrganizations: number): Suppression {
  if (organizations < minOrganizations) {
    return { suppressed: true, reason: `Fewer than ${minOrganizations} organisations contribute to this figure`, organizations: null };
  }
  return { suppressed: false, reason: null, organizations };
}

/** Benchmarks compare municipalities: only usages of organisations of type Municipality count. */
export function municipalUsages(data: BenchmarkData, filter: SystemFilter = {}): Map<string, BenchUsage[]> {
  const bySystem = new Map<string, BenchUsage[]>();
  for (const usage of data.usages) {
    if (data.organizations.get(usage.organizationUuid)?.organizationType !== 'Municipality') continue;
    const system = data.systems.get(usage.systemUuid);
    if (!system) continue; // unknown or not visible to the caller
    if (filter.systemUuid && system.uuid !== filter.systemUuid) continue;
    if (filter.supplierUuid && system.rightsHolderUuid !== filter.supplierUuid) continue;
    const list = bySystem.get(system.uuid) ?? [];
    list.push(usage);
    bySystem.set(system.uuid, list);
  }
  return bySystem;
}

const byName = (a: IdentityNamePair, b: IdentityNamePair) =>
  (a.name ?? '').localeCompare(b.name ?? '', 'da') || a.uuid.localeCompare(b.uuid);

function organizationPair(data: BenchmarkData, uuid: string): IdentityNamePair {
  return { uuid, name: data.organizations.get(uuid)?.name ?? null };
}

function supplierOf(data: BenchmarkData, system: BenchSystem): IdentityNamePair | null {
  return system.rightsHolderUuid ? organizationPair(data, system.rightsHolderUuid) : null;
}

function systemPair(system: BenchSystem): IdentityNamePair {
  return { uuid: system.uuid, name: system.name };
}

function distinctOrganizations(usages: readonly BenchUsage[]): string[] {
  return [...new Set(usages.map((u) => u.organizationUuid))];
}

/** The systems in name order, each with its municipal usages. */
function systemsInOrder(data: BenchmarkData, filter: SystemFilter): Array<[BenchSystem, BenchUsage[]]> {
  const bySystem = municipalUsages(data, filter);
  return [...bySystem.entries()]
    .map(([uuid, usages]) => [data.systems.get(uuid)!, usages] as [BenchSystem, BenchUsage[]])
    .sort(([a], [b]) => byName(systemPair(a), systemPair(b)));
}

/** Contracts by the usages they cover (a usage may be covered by several contracts). */
export function contractsByUsage(contracts: readonly BenchContract[]): Map<string, BenchContract[]> {
  const map = new Map<string, BenchContract[]>();
  for (const contract of contracts) {
    for (const usageUuid of new Set(contract.systemUsageUuids ?? [])) {
      const list = map.get(usageUuid) ?? [];
      list.push(contract);
      map.set(usageUuid, list);
    }
  }
  return map;
}

/** Which municipalities use which systems (not an aggregate: usage is shared registration data, as in KITOS). */
export function itSystemBenchmarks(data: BenchmarkData, filter: SystemFilter = {}): ItSystemBenchmark[] {
  const covering = contractsByUsage(data.contracts);
  return systemsInOrder(data, filter).map(([system, usages]) => {
    const municipalities = distinctOrganizations(usages)
      .map((uuid) => organizationPair(data, uuid))
      .sort(byName);
    const supplierUuids = new Set(
      usages.flatMap((u) =>
        (covering.get(u.uuid) ?? []).flatMap((c) => (c.organizationUuid === u.organizationUuid && c.supplierUuid ? [c.supplierUuid] : [])),
      ),
    );
    return {
      system: systemPair(system),
      supplier: supplierOf(data, system),
      municipalityCount: municipalities.length,
      municipalities,
      contractSuppliers: [...supplierUuids].map((uuid) => organizationPair(data, uuid)).sort(byName),
    };
  });
}

/** Per supplier (rights holder): its systems in use by municipalities, and the municipalities using any of them. */
export function supplierBenchmarks(data: BenchmarkData, filter: SystemFilter = {}): SupplierBenchmark[] {
  const bySupplier = new Map<string, { systems: BenchSystem[]; organizations: Set<string> }>();
  for (const [system, usages] of systemsInOrder(data, filter)) {
    if (!system.rightsHolderUuid) continue;
    const entry = bySupplier.get(system.rightsHolderUuid) ?? { systems: [], organizations: new Set<string>() };
    entry.systems.push(system);
    for (const org of distinctOrganizations(usages)) entry.organizations.add(org);
    bySupplier.set(system.rightsHolderUuid, entry);
  }
  return [...bySupplier.entries()]
    .map(([supplierUuid, entry]) => {
      const municipalities = [...entry.organizations].map((uuid) => organizationPair(data, uuid)).sort(byName);
      return {
        supplier: organizationPair(data, supplierUuid),
        systems: entry.systems.map(systemPair),
        municipalityCount: municipalities.length,
        municipalities,
      };
    })
    .sort((a, b) => byName(a.supplier, b.supplier));
}

/**
 * Contracts covering municipal usages of each system, with their end dates, soonest ending first (open-ended last).
 * Dates and deadlines are shared registration data; economy is never part of this list.
 */
export function contractEndDateRows(
  data: BenchmarkData,
  filter: SystemFilter & { endingFrom?: string; endingTo?: string } = {},
): ContractEndDateRow[] {
  const covering = contractsByUsage(data.contracts);
  const rows: ContractEndDateRow[] = [];
  for (const [system, usages] of systemsInOrder(data, filter)) {
    const seen = new Set<string>();
    for (const usage of usages) {
      for (const contract of covering.get(usage.uuid) ?? []) {
        if (contract.organizationUuid !== usage.organizationUuid || seen.has(contract.uuid)) continue;
        seen.add(contract.uuid);
        const validTo = contract.validTo ?? null;
        if (filter.endingFrom && (!validTo || validTo < filter.endingFrom)) continue;
        if (filter.endingTo && (!validTo || validTo > filter.endingTo)) continue;
        rows.push({
          system: systemPair(system),
          organization: organizationPair(data, contract.organizationUuid),
          contract: { uuid: contract.uuid, name: contract.name },
          supplier: contract.supplierUuid ? organizationPair(data, contract.supplierUuid) : null,
          validFrom: contract.validFrom ?? null,
          validTo,
          noticeDeadline: contract.deadlines?.noticeDeadline ?? null,
          terminationEffectiveDate: contract.deadlines?.terminationEffectiveDate ?? null,
          noticePeriodMonths: contract.noticePeriodMonths ?? null,
        });
      }
    }
  }
  const end = (row: ContractEndDateRow) => row.validTo ?? '9999-99-99';
  return rows.sort(
    (a, b) =>
      end(a).localeCompare(end(b)) ||
      byName(a.system, b.system) ||
      byName(a.organization, b.organization) ||
      byName(a.contract, b.contract),
  );
}

/**
 * Expected users of a usage: the midpoint of its interval [lower, upper]; an open-ended interval (upper null) counts
 * its lower bound; a missing lower bound counts as 0. Null when neither bound is registered.
 */
export function expectedUsers(usage: Pick<BenchUsage, 'expectedUsersLowerBound' | 'expectedUsersUpperBound'>): number | null {
  const lower = usage.expectedUsersLowerBound ?? null;
  const upper = usage.expectedUsersUpperBound ?? null;
  if (lower === null && upper === null) return null;
  if (upper === null) return lower;
  return ((lower ?? 0) + upper) / 2;
}

/** The payments of one year of a contract (all streams: acquisition, operation, other), or null when none registered. */
export function contractYearCost(contract: BenchContract, year: number): number | null {
  const entry = contract.economy?.byYear?.find((y) => y.year === year);
  return entry ? entry.totalOre : null;
}

/**
 * A usage's cost in a year: each contract covering it (of the same organisation) with payments registered for the
 * year contributes its year's total divided evenly among the usages it covers. Null when no contract has payments for
 * the year (not the same as 0: such a usage is left out of the figures).
 */
export function usageYearCost(usage: BenchUsage, covering: readonly BenchContract[], year: number): number | null {
  let cost: number | null = null;
  for (const contract of covering) {
    if (contract.organizationUuid !== usage.organizationUuid) continue;
    const yearCost = contractYearCost(contract, year);
    if (yearCost === null) continue;
    const shares = new Set(contract.systemUsageUuids ?? []).size || 1;
    cost = (cost ?? 0) + yearCost / shares;
  }
  return cost;
}

/**
 * Cost per system in a year over the municipalities that share their contract economy (`economyOptedOut` comes from
 * the sharing policy). Never lists an organisation's own figure: only sums and averages over at least
 * `minOrganizations` organisations (no median, minimum or maximum, which are single organisations' figures).
 */
export function costBenchmarks(
  data: BenchmarkData,
  economyOptedOut: ReadonlySet<string>,
  year: number,
  minOrganizations: number,
  filter: SystemFilter = {},
): CostBenchmark[] {
  const covering = contractsByUsage(data.contracts);
  return systemsInOrder(data, filter).map(([system, usages]) => {
    const costByOrg = new Map<string, number>();
    const perUserOrgs = new Set<string>();
    let perUserCost = 0;
    let users = 0;
    for (const usage of usages) {
      if (economyOptedOut.has(usage.organizationUuid)) continue;
      const cost = usageYearCost(usage, covering.get(usage.uuid) ?? [], year);
      if (cost === null) continue;
      costByOrg.set(usage.organizationUuid, (costByOrg.get(usage.organizationUuid) ?? 0) + cost);
      const expected = expectedUsers(usage);
      if (expected !== null && expected > 0) {
        perUserOrgs.add(usage.organizationUuid);
        perUserCost += cost;
        users += expected;
      }
    }
    const total = [...costByOrg.values()].reduce((sum, cost) => sum + cost, 0);
    const cost = suppression(costByOrg.size, minOrganizations);
    const perUser = suppression(perUserOrgs.size, minOrganizations);
    return {
      system: systemPair(system),
      supplier: supplierOf(data, system),
      year,
      cost: {
        ...cost,
        totalOre: cost.suppressed ? null : Math.round(total),
        averagePerOrganizationOre: cost.suppressed ? null : Math.round(total / costByOrg.size),
      },
      perUser: {
        ...perUser,
        expectedUsers: perUser.suppressed ? null : users,
        costPerUserOre: perUser.suppressed ? null : Math.round(perUserCost / users),
      },
    };
  });
}

/** Usages linked to a DPR of their own organisation whose agreement (DPA) is concluded. */
export function usagesWithDpa(dprs: readonly BenchDpr[]): Set<string> {
  const covered = new Set<string>();
  for (const dpr of dprs) {
    if (dpr.agreementConcluded !== 'Yes') continue;
    for (const usageUuid of dpr.systemUsageUuids ?? []) covered.add(`${dpr.organizationUuid}:${usageUuid}`);
  }
  return covered;
}

const share = (count: number, of: number) => (of === 0 ? 0 : Math.round((count / of) * 10_000) / 10_000);

interface GdprCounts {
  organizations: Set<string>;
  usages: number;
  dpa: number;
  dpia: number;
  risk: number;
}

function gdprCounts(usages: readonly BenchUsage[], dpa: ReadonlySet<string>): GdprCounts {
  const counts: GdprCounts = { organizations: new Set(), usages: 0, dpa: 0, dpia: 0, risk: 0 };
  for (const usage of usages) {
    if (!usage.gdpr?.processesPersonalData) continue;
    counts.organizations.add(usage.organizationUuid);
    counts.usages++;
    if (dpa.has(`${usage.organizationUuid}:${usage.uuid}`)) counts.dpa++;
    if (usage.gdpr.dpiaConducted === 'Yes') counts.dpia++;
    if (usage.gdpr.riskAssessmentConducted === 'Yes') counts.risk++;
  }
  return counts;
}

function gdprFigures(counts: GdprCounts, minOrganizations: number): GdprFigures {
  const s = suppression(counts.organizations.size, minOrganizations);
  if (s.suppressed) {
    return {
      ...s,
      usagesWithPersonalData: null,
      withDpa: null,
      dpaShare: null,
      withDpia: null,
      dpiaShare: null,
      withRiskAssessment: null,
      riskAssessmentShare: null,
    };
  }
  return {
    ...s,
    usagesWithPersonalData: counts.usages,
    withDpa: counts.dpa,
    dpaShare: share(counts.dpa, counts.usages),
    withDpia: counts.dpia,
    dpiaShare: share(counts.dpia, counts.usages),
    withRiskAssessment: counts.risk,
    riskAssessmentShare: share(counts.risk, counts.usages),
  };
}

/**
 * Per system: of the municipal usages that process personal data, how many have a DPA, a DPIA and a risk assessment.
 * The group is the organisations with such a usage of the system.
 */
export function gdprBenchmarks(data: BenchmarkData, minOrganizations: number, filter: SystemFilter = {}): GdprBenchmark[] {
  const dpa = usagesWithDpa(data.dprs);
  return systemsInOrder(data, filter).map(([system, usages]) => ({
    system: systemPair(system),
    supplier: supplierOf(data, system),
    ...gdprFigures(gdprCounts(usages, dpa), minOrganizations),
  }));
}

/**
 * The national figures: the sum over the systems whose own figures are shown. Usages of suppressed systems are left
 * out, since otherwise the national figure minus the shown systems would reveal a suppressed system's figures.
 */
export function nationalGdprBenchmark(data: BenchmarkData, minOrganizations: number): NationalGdprBenchmark {
  const dpa = usagesWithDpa(data.dprs);
  const total: GdprCounts = { organizations: new Set(), usages: 0, dpa: 0, dpia: 0, risk: 0 };
  let systems = 0;
  for (const [, usages] of systemsInOrder(data, {})) {
    const counts = gdprCounts(usages, dpa);
    if (counts.organizations.size < minOrganizations) continue;
    systems++;
    for (const org of counts.organizations) total.organizations.add(org);
    total.usages += counts.usages;
    total.dpa += counts.dpa;
    total.dpia += counts.dpia;
    total.risk += counts.risk;
  }
  return { systems, ...gdprFigures(total, minOrganizations) };
}

const NO_DECISIONS: ArchiveDutyCounts = {
  B: null,
  K: null,
  PreserveDataCanDiscardDocuments: null,
  Unknown: null,
  Undecided: null,
  notRegistered: null,
};

/** Per system: municipal usages per archive duty decision; the group is the organisations using the system. */
export function archiveDutyBenchmarks(data: BenchmarkData, minOrganizations: number, filter: SystemFilter = {}): ArchiveDutyBenchmark[] {
  return systemsInOrder(data, filter).map(([system, usages]) => {
    const s = suppression(distinctOrganizations(usages).length, minOrganizations);
    const base = { system: systemPair(system), supplier: supplierOf(data, system), ...s };
    if (s.suppressed) return { ...base, usages: null, decisions: { ...NO_DECISIONS } };
    const decisions: ArchiveDutyCounts = { B: 0, K: 0, PreserveDataCanDiscardDocuments: 0, Unknown: 0, Undecided: 0, notRegistered: 0 };
    for (const usage of usages) {
      const duty = usage.archive?.archiveDuty ?? null;
      const key: keyof ArchiveDutyCounts = duty && duty in decisions ? duty : 'notRegistered';
      decisions[key] = (decisions[key] ?? 0) + 1;
    }
    return { ...base, usages: usages.length, decisions };
  });
}

export interface JointProcurementFilter extends SystemFilter {
  from: string;
  to: string;
  year: number;
}

/**
 * Joint procurement [fælles udbud]: the municipalities whose contracts covering their usages of the system (or of the
 * supplier's systems) end (termination date once notice is given, else validTo) or have their notice deadline within
 * [from, to]. Contract dates and the organisations' contact details are shared registration data. Economy appears
 * only as one aggregate, the year's cost of those usages summed over the municipalities that share their economy
 * (`economyOptedOut` and hidden economy left out), suppressed below `minOrganizations` like the cost benchmark.
 */
export function jointProcurement(
  data: BenchmarkData,
  economyOptedOut: ReadonlySet<string>,
  minOrganizations: number,
  filter: JointProcurementFilter,
): JointProcurementResult {
  const inWindow = (day: string | null) => day !== null && day >= filter.from && day <= filter.to;
  const covering = contractsByUsage(data.contracts);
  const byOrganization = new Map<string, { contracts: Map<string, JointProcurementContract>; usages: BenchUsage[] }>();
  const windowContracts = new Map<string, BenchContract[]>();
  for (const [system, usages] of systemsInOrder(data, filter)) {
    for (const usage of usages) {
      for (const contract of covering.get(usage.uuid) ?? []) {
        if (contract.organizationUuid !== usage.organizationUuid) continue;
        const endDate = contract.deadlines?.terminationEffectiveDate ?? contract.validTo ?? null;
        const noticeDeadline = contract.deadlines?.noticeDeadline ?? null;
        const endsInWindow = inWindow(endDate);
        const noticeInWindow = inWindow(noticeDeadline);
        if (!endsInWindow && !noticeInWindow) continue;
        const entry = byOrganization.get(usage.organizationUuid) ?? {
          contracts: new Map<string, JointProcurementContract>(),
          usages: [] as BenchUsage[],
        };
        byOrganization.set(usage.organizationUuid, entry);
        if (!entry.usages.includes(usage)) entry.usages.push(usage);
        windowContracts.set(usage.uuid, [...(windowContracts.get(usage.uuid) ?? []), contract]);
        const key = `${contract.uuid}:${system.uuid}`;
        if (entry.contracts.has(key)) continue;
        entry.contracts.set(key, {
          contract: { uuid: contract.uuid, name: contract.name },
          system: systemPair(system),
          supplier: contract.supplierUuid ? organizationPair(data, contract.supplierUuid) : null,
          endDate,
          noticeDeadline,
          noticePeriodMonths: contract.noticePeriodMonths ?? null,
          endsInWindow,
          noticeInWindow,
        });
      }
    }
  }

  const firstInWindow = (c: JointProcurementContract) =>
    [c.endsInWindow ? c.endDate : null, c.noticeInWindow ? c.noticeDeadline : null].filter((d): d is string => d !== null).sort()[0] ??
    null;
  const municipalities: JointProcurementMunicipality[] = [...byOrganization.entries()].map(([uuid, entry]) => {
    const organization = data.organizations.get(uuid);
    const contracts = [...entry.contracts.values()].sort(
      (a, b) => (firstInWindow(a) ?? '').localeCompare(firstInWindow(b) ?? '') || byName(a.contract, b.contract),
    );
    return {
      organization: organizationPair(data, uuid),
      contact: { email: organization?.email ?? null, phone: organization?.phone ?? null },
      firstDate:
        contracts
          .map(firstInWindow)
          .filter((d): d is string => d !== null)
          .sort()[0] ?? null,
      contracts,
    };
  });
  municipalities.sort((a, b) => (a.firstDate ?? '').localeCompare(b.firstDate ?? '') || byName(a.organization, b.organization));

  const costByOrg = new Map<string, number>();
  for (const [uuid, entry] of byOrganization) {
    if (economyOptedOut.has(uuid)) continue;
    for (const usage of entry.usages) {
      const cost = usageYearCost(usage, windowContracts.get(usage.uuid) ?? [], filter.year);
      if (cost !== null) costByOrg.set(uuid, (costByOrg.get(uuid) ?? 0) + cost);
    }
  }
  const volume = suppression(costByOrg.size, minOrganizations);
  const total = [...costByOrg.values()].reduce((sum, cost) => sum + cost, 0);

  const system = filter.systemUuid ? data.systems.get(filter.systemUuid) : undefined;
  const supplierUuid = filter.supplierUuid ?? system?.rightsHolderUuid ?? null;
  return {
    from: filter.from,
    to: filter.to,
    system: system ? systemPair(system) : null,
    supplier: supplierUuid && data.organizations.has(supplierUuid) ? organizationPair(data, supplierUuid) : null,
    municipalityCount: municipalities.length,
    municipalities,
    volume: { ...volume, year: filter.year, totalOre: volume.suppressed ? null : Math.round(total) },
  };
}

/** One page of rows. */
export function pageOf<T>(rows: readonly T[], page = 0, pageSize = 250): T[] {
  return rows.slice(page * pageSize, page * pageSize + pageSize);
}
