import type {
  ArchiveDutyBenchmark,
  ContractEndDateRow,
  CostBenchmark,
  GdprBenchmark,
  IdentityNamePair,
  ItSystemBenchmark,
  JointProcurementContract,
  JointProcurementMunicipality,
  SupplierBenchmark,
} from '@kitos/contracts';
import type { ExportColumn, ExportRow } from './report-export';

/** A benchmark table as a file: its columns (Danish headers) and how one answer row becomes one file row. */
export interface BenchmarkTable<T> {
  readonly sheet: string;
  readonly columns: readonly ExportColumn[];
  row(item: T): ExportRow;
}

const name = (pair: IdentityNamePair | null | undefined): string | null => pair?.name ?? null;
const names = (pairs: readonly IdentityNamePair[]): string[] => pairs.map((p) => p.name ?? '');
const col = (key: string, header: string, type: ExportColumn['type']): ExportColumn => ({ key, header, type });

export const IT_SYSTEM_TABLE: BenchmarkTable<ItSystemBenchmark> = {
  sheet: 'IT-systemer i kommunerne',
  columns: [
    col('system', 'IT-system', 'text'),
    col('supplier', 'Leverandør (rettighedshaver)', 'text'),
    col('municipalityCount', 'Antal kommuner', 'number'),
    col('municipalities', 'Kommuner', 'list'),
    col('contractSuppliers', 'Leverandører på kontrakter', 'list'),
  ],
  row: (r) => ({
    system: r.system.name,
    supplier: name(r.supplier),
    municipalityCount: r.municipalityCount,
    municipalities: names(r.municipalities),
    contractSuppliers: names(r.contractSuppliers),
  }),
};

export const SUPPLIER_TABLE: BenchmarkTable<SupplierBenchmark> = {
  sheet: 'Leverandører',
  columns: [
    col('supplier', 'Leverandør', 'text'),
    col('systems', 'IT-systemer i brug', 'list'),
    col('municipalityCount', 'Antal kommuner', 'number'),
    col('municipalities', 'Kommuner', 'list'),
  ],
  row: (r) => ({
    supplier: r.supplier.name,
    systems: names(r.systems),
    municipalityCount: r.municipalityCount,
    municipalities: names(r.municipalities),
  }),
};

export const CONTRACT_END_DATE_TABLE: BenchmarkTable<ContractEndDateRow> = {
  sheet: 'Kontraktudløb',
  columns: [
    col('system', 'IT-system', 'text'),
    col('organization', 'Kommune', 'text'),
    col('contract', 'Kontrakt', 'text'),
    col('supplier', 'Leverandør', 'text'),
    col('validFrom', 'Gyldig fra', 'date'),
    col('validTo', 'Udløbsdato', 'date'),
    col('noticeDeadline', 'Seneste opsigelsesdato', 'date'),
    col('terminationEffectiveDate', 'Ophørsdato', 'date'),
    col('noticePeriodMonths', 'Opsigelsesfrist (måneder)', 'number'),
  ],
  row: (r) => ({
    system: r.system.name,
    organization: r.organization.name,
    contract: r.contract.name,
    supplier: name(r.supplier),
    validFrom: r.validFrom,
    validTo: r.validTo,
    noticeDeadline: r.noticeDeadline,
    terminationEffectiveDate: r.terminationEffectiveDate,
    noticePeriodMonths: r.noticePeriodMonths,
  }),
};

export const COST_TABLE: BenchmarkTable<CostBenchmark> = {
  sheet: 'Omkostninger',
  columns: [
    col('system', 'IT-system', 'text'),
    col('supplier', 'Leverandør', 'text'),
    col('year', 'År', 'number'),
    col('suppressed', 'Undertrykt (for få kommuner)', 'boolean'),
    col('organizations', 'Antal kommuner', 'number'),
    col('totalOre', 'Omkostning i alt (kr.)', 'money'),
    col('averagePerOrganizationOre', 'Gennemsnit pr. kommune (kr.)', 'money'),
    col('perUserSuppressed', 'Pr. bruger undertrykt', 'boolean'),
    col('expectedUsers', 'Forventede brugere', 'number'),
    col('costPerUserOre', 'Omkostning pr. bruger (kr.)', 'money'),
  ],
  row: (r) => ({
    system: r.system.name,
    supplier: name(r.supplier),
    year: r.year,
    suppressed: r.cost.suppressed,
    organizations: r.cost.organizations,
    totalOre: r.cost.totalOre,
    averagePerOrganizationOre: r.cost.averagePerOrganizationOre,
    perUserSuppressed: r.perUser.suppressed,
    expectedUsers: r.perUser.expectedUsers,
    costPerUserOre: r.perUser.costPerUserOre,
  }),
};

export const GDPR_TABLE: BenchmarkTable<GdprBenchmark> = {
  sheet: 'GDPR',
  columns: [
    col('system', 'IT-system', 'text'),
    col('supplier', 'Leverandør', 'text'),
    col('suppressed', 'Undertrykt (for få kommuner)', 'boolean'),
    col('organizations', 'Antal kommuner', 'number'),
    col('usagesWithPersonalData', 'Anvendelser med personoplysninger', 'number'),
    col('withDpa', 'Med databehandleraftale', 'number'),
    col('dpaShare', 'Andel med databehandleraftale', 'number'),
    col('withDpia', 'Med konsekvensanalyse (DPIA)', 'number'),
    col('dpiaShare', 'Andel med DPIA', 'number'),
    col('withRiskAssessment', 'Med risikovurdering', 'number'),
    col('riskAssessmentShare', 'Andel med risikovurdering', 'number'),
  ],
  row: (r) => ({
    system: r.system.name,
    supplier: name(r.supplier),
    suppressed: r.suppressed,
    organizations: r.organizations,
    usagesWithPersonalData: r.usagesWithPersonalData,
    withDpa: r.withDpa,
    dpaShare: r.dpaShare,
    withDpia: r.withDpia,
    dpiaShare: r.dpiaShare,
    withRiskAssessment: r.withRiskAssessment,
    riskAssessmentShare: r.riskAssessmentShare,
  }),
};

export const ARCHIVE_DUTY_TABLE: BenchmarkTable<ArchiveDutyBenchmark> = {
  sheet: 'Arkivpligt',
  columns: [
    col('system', 'IT-system', 'text'),
    col('supplier', 'Leverandør', 'text'),
    col('suppressed', 'Undertrykt (for få kommuner)', 'boolean'),
    col('organizations', 'Antal kommuner', 'number'),
    col('usages', 'Anvendelser', 'number'),
    col('B', 'B (bevaring)', 'number'),
    col('K', 'K (kassation)', 'number'),
    col('PreserveDataCanDiscardDocuments', 'Bevar data, dokumenter kan kasseres', 'number'),
    col('Unknown', 'Ukendt', 'number'),
    col('Undecided', 'Ikke besluttet', 'number'),
    col('notRegistered', 'Ikke registreret', 'number'),
  ],
  row: (r) => ({
    system: r.system.name,
    supplier: name(r.supplier),
    suppressed: r.suppressed,
    organizations: r.organizations,
    usages: r.usages,
    ...r.decisions,
  }),
};

/** Joint procurement as a file: one row per municipality and contract (the combined cost is not part of the file). */
export const JOINT_PROCUREMENT_TABLE: BenchmarkTable<{ municipality: JointProcurementMunicipality; contract: JointProcurementContract }> = {
  sheet: 'Fælles udbud',
  columns: [
    col('organization', 'Kommune', 'text'),
    col('email', 'E-mail', 'text'),
    col('phone', 'Telefon', 'text'),
    col('system', 'IT-system', 'text'),
    col('contract', 'Kontrakt', 'text'),
    col('supplier', 'Leverandør', 'text'),
    col('endDate', 'Ophør', 'date'),
    col('noticeDeadline', 'Seneste opsigelsesdato', 'date'),
    col('noticePeriodMonths', 'Opsigelsesfrist (måneder)', 'number'),
    col('endsInWindow', 'Ophører i perioden', 'boolean'),
    col('noticeInWindow', 'Kan opsiges i perioden', 'boolean'),
  ],
  row: ({ municipality: m, contract: c }) => ({
    organization: m.organization.name,
    email: m.contact.email,
    phone: m.contact.phone,
    system: c.system.name,
    contract: c.contract.name,
    supplier: name(c.supplier),
    endDate: c.endDate,
    noticeDeadline: c.noticeDeadline,
    noticePeriodMonths: c.noticePeriodMonths,
    endsInWindow: c.endsInWindow,
    noticeInWindow: c.noticeInWindow,
  }),
};
