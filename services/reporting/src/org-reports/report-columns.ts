import {
  ARCHIVE_DUTIES,
  LIFE_CYCLE_STATUSES,
  REGISTRATION_SCOPES,
  YES_NO_DONT_KNOW,
  type OrgReportName,
  type ReportColumnType,
} from '@kitos/contracts';
import type { ReadModelKind } from '../read-models/read-model.types';

/** Names and counts looked up from other read models, once per page of rows. */
export type LookupName =
  'unitNames' | 'organizationNames' | 'systemNames' | 'usageNames' | 'interfaceNames' | 'contractNames' | 'dprCounts' | 'contractCounts';

export type Doc = Record<string, unknown> & { _id: string };
export type Lookups = Partial<Record<LookupName, ReadonlyMap<string, unknown>>>;

export interface ColumnDef {
  readonly key: string;
  /** Danish header (CSV/XLSX and the column list). */
  readonly header: string;
  readonly type: ReportColumnType;
  /** Path into the read-model document: the column is sortable and filterable in the database. */
  readonly path?: string;
  /** For computed columns: the document paths the value is derived from (what the sharing rules judge). */
  readonly sources?: readonly string[];
  /** For computed columns: the lookup it needs and the uuids of a document to look up. */
  readonly lookup?: { readonly name: LookupName; readonly ids: (doc: Doc) => ReadonlyArray<string | null | undefined> };
  readonly compute?: (doc: Doc, lookups: Lookups) => unknown;
  readonly values?: readonly string[];
  readonly default?: boolean;
}

export interface ReportDef {
  readonly name: OrgReportName;
  readonly kind: ReadModelKind;
  readonly columns: readonly ColumnDef[];
  readonly defaultSort: string;
}

/** The value at a dotted path of a document (arrays are not traversed). */
export function valueAt(doc: unknown, path: string): unknown {
  let current: unknown = doc;
  for (const part of path.split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

const str = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const lookedUp = (lookups: Lookups, name: LookupName, id: unknown): unknown =>
  typeof id === 'string' ? (lookups[name]?.get(id) ?? null) : null;

/** A column whose value is a name looked up by the uuid at `path`. */
function nameOf(key: string, header: string, lookup: LookupName, path: string, isDefault = false): ColumnDef {
  return {
    key,
    header,
    type: 'text',
    sources: [path],
    lookup: { name: lookup, ids: (doc) => [str(valueAt(doc, path))] },
    compute: (doc, lookups) => lookedUp(lookups, lookup, valueAt(doc, path)),
    default: isDefault,
  };
}

/** The number of items of an array at `path`. */
function countOf(key: string, header: string, path: string): ColumnDef {
  return {
    key,
    header,
    type: 'number',
    sources: [path],
    compute: (doc) => {
      const value = valueAt(doc, path);
      return Array.isArray(value) ? value.length : 0;
    },
  };
}

/** How many live objects (DPRs, contracts) cover the usage: looked up by the usage's uuid. */
function coverage(key: string, header: string, lookup: 'dprCounts' | 'contractCounts'): ColumnDef {
  return {
    key,
    header,
    type: 'number',
    sources: ['_id'],
    lookup: { name: lookup, ids: (doc) => [doc._id] },
    compute: (doc, lookups) => (lookups[lookup]?.get(doc._id) as number | undefined) ?? 0,
  };
}

const USAGE_COLUMNS: readonly ColumnDef[] = [
  { key: 'systemName', header: 'IT-system', type: 'text', path: 'data.systemName', default: true },
  { key: 'localCallName', header: 'Lokalt kaldenavn', type: 'text', path: 'data.localCallName', default: true },
  { key: 'localSystemId', header: 'Lokalt system-ID', type: 'text', path: 'data.localSystemId' },
  {
    key: 'lifeCycleStatus',
    header: 'Livscyklus',
    type: 'enum',
    path: 'data.validity.lifeCycleStatus',
    values: LIFE_CYCLE_STATUSES,
    default: true,
  },
  { key: 'valid', header: 'Gyldig', type: 'boolean', path: 'data.validity.valid', default: true },
  { key: 'validFrom', header: 'Ibrugtagningsdato', type: 'date', path: 'data.validity.validFrom' },
  { key: 'validTo', header: 'Slutdato for anvendelse', type: 'date', path: 'data.validity.validTo' },
  nameOf('responsibleUnit', 'Ansvarlig organisationsenhed', 'unitNames', 'data.responsibleOrganizationUnitUuid', true),
  {
    key: 'expectedUsers',
    header: 'Forventet antal brugere',
    type: 'text',
    sources: ['data.expectedUsersLowerBound', 'data.expectedUsersUpperBound'],
    compute: (doc) => {
      const lower = valueAt(doc, 'data.expectedUsersLowerBound');
      const upper = valueAt(doc, 'data.expectedUsersUpperBound');
      if (typeof lower !== 'number') return null;
      return typeof upper === 'number' ? `${lower}-${upper}` : `${lower}+`;
    },
  },
  {
    key: 'processesPersonalData',
    header: 'Behandler personoplysninger',
    type: 'boolean',
    path: 'gdpr.data.processesPersonalData',
    default: true,
  },
  {
    key: 'riskAssessment',
    header: 'Risikovurdering foretaget',
    type: 'enum',
    path: 'gdpr.data.riskAssessmentConducted',
    values: YES_NO_DONT_KNOW,
  },
  {
    key: 'riskAssessmentDate',
    header: 'Dato for seneste risikovurdering',
    type: 'date',
    path: 'gdpr.data.riskAssessmentDate',
    default: true,
  },
  { key: 'dpia', header: 'DPIA foretaget', type: 'enum', path: 'gdpr.data.dpiaConducted', values: YES_NO_DONT_KNOW, default: true },
  { key: 'dpiaDate', header: 'Dato for DPIA', type: 'date', path: 'gdpr.data.dpiaDate' },
  { key: 'archiveDuty', header: 'Arkiveringspligt', type: 'enum', path: 'archive.data.archiveDuty', values: ARCHIVE_DUTIES, default: true },
  coverage('dprCount', 'Antal databehandlinger', 'dprCounts'),
  coverage('contractCount', 'Antal kontrakter', 'contractCounts'),
  { key: 'notes', header: 'Note', type: 'text', path: 'data.notes' },
  { key: 'riskAssessmentNotes', header: 'Note til risikovurdering', type: 'text', path: 'gdpr.data.riskAssessmentNotes' },
  { key: 'archiveNotes', header: 'Note til arkivering', type: 'text', path: 'archive.data.notes' },
];

const CONTRACT_COLUMNS: readonly ColumnDef[] = [
  { key: 'name', header: 'Kontraktnavn', type: 'text', path: 'data.name', default: true },
  { key: 'contractId', header: 'Kontrakt-ID', type: 'text', path: 'data.contractId', default: true },
  nameOf('supplier', 'Leverandør', 'organizationNames', 'data.supplierUuid', true),
  { key: 'valid', header: 'Gyldig', type: 'boolean', path: 'data.valid', default: true },
  { key: 'validFrom', header: 'Gyldig fra', type: 'date', path: 'data.validFrom' },
  { key: 'validTo', header: 'Udløbsdato', type: 'date', path: 'data.validTo', default: true },
  { key: 'noticePeriodMonths', header: 'Opsigelsesfrist (måneder)', type: 'number', path: 'data.noticePeriodMonths', default: true },
  { key: 'noticeDeadline', header: 'Seneste opsigelsesdato', type: 'date', path: 'data.deadlines.noticeDeadline', default: true },
  { key: 'terminationDate', header: 'Ophørsdato', type: 'date', path: 'data.deadlines.terminationEffectiveDate' },
  nameOf('responsibleUnit', 'Ansvarlig organisationsenhed', 'unitNames', 'data.responsibleOrganizationUnitUuid', true),
  countOf('systemUsageCount', 'Antal systemanvendelser', 'data.systemUsageUuids'),
  { key: 'acquisition', header: 'Anskaffelse (kr.)', type: 'money', path: 'data.economy.acquisitionOre' },
  { key: 'operation', header: 'Drift (kr.)', type: 'money', path: 'data.economy.operationOre' },
  { key: 'otherCosts', header: 'Andet (kr.)', type: 'money', path: 'data.economy.otherOre' },
  { key: 'total', header: 'Økonomi i alt (kr.)', type: 'money', path: 'data.economy.totalOre', default: true },
  { key: 'notes', header: 'Note', type: 'text', path: 'data.notes' },
];

const AGREEMENT = [...YES_NO_DONT_KNOW, 'Irrelevant'] as const;
const YES_NO = ['Yes', 'No', 'Undecided'] as const;

const DPR_COLUMNS: readonly ColumnDef[] = [
  { key: 'name', header: 'Databehandling', type: 'text', path: 'data.name', default: true },
  {
    key: 'agreementConcluded',
    header: 'Databehandleraftale indgået',
    type: 'enum',
    path: 'data.agreementConcluded',
    values: AGREEMENT,
    default: true,
  },
  { key: 'agreementConcludedDate', header: 'Dato for indgåelse', type: 'date', path: 'data.agreementConcludedDate' },
  {
    key: 'dataProcessors',
    header: 'Databehandlere',
    type: 'list',
    sources: ['data.dataProcessors'],
    compute: (doc) => {
      const processors = valueAt(doc, 'data.dataProcessors');
      return Array.isArray(processors) ? processors.map((p) => str((p as { name?: unknown }).name) ?? '') : [];
    },
    default: true,
  },
  {
    key: 'transferToInsecureThirdCountries',
    header: 'Overførsel til usikkert tredjeland',
    type: 'enum',
    path: 'data.transferToInsecureThirdCountries',
    values: YES_NO,
  },
  { key: 'oversightInterval', header: 'Tilsynsinterval', type: 'text', path: 'data.oversightInterval' },
  { key: 'isOversightCompleted', header: 'Tilsyn gennemført', type: 'enum', path: 'data.isOversightCompleted', values: YES_NO },
  { key: 'lastOversightDate', header: 'Seneste tilsyn', type: 'date', path: 'data.lastOversightDate', default: true },
  { key: 'nextOversightDate', header: 'Næste tilsyn', type: 'date', path: 'data.nextOversightDate', default: true },
  { key: 'scheduledInspectionDate', header: 'Planlagt fysisk tilsyn', type: 'date', path: 'data.oversightScheduledInspectionDate' },
  nameOf('responsibleUnit', 'Ansvarlig organisationsenhed', 'unitNames', 'data.responsibleOrganizationUnitUuid'),
  countOf('systemUsageCount', 'Antal systemanvendelser', 'data.systemUsageUuids'),
  { key: 'valid', header: 'Aktiv', type: 'boolean', path: 'data.valid' },
  { key: 'agreementConcludedRemark', header: 'Bemærkning til aftalen', type: 'text', path: 'data.agreementConcludedRemark' },
  { key: 'dataResponsibleRemark', header: 'Bemærkning til dataansvar', type: 'text', path: 'data.dataResponsibleRemark' },
  { key: 'oversightCompletedRemark', header: 'Bemærkning til tilsyn', type: 'text', path: 'data.oversightCompletedRemark' },
];

const INTERFACE_COLUMNS: readonly ColumnDef[] = [
  { key: 'name', header: 'Snitflade', type: 'text', path: 'data.name', default: true },
  { key: 'interfaceId', header: 'Snitflade-ID', type: 'text', path: 'data.interfaceId', default: true },
  { key: 'version', header: 'Version', type: 'text', path: 'data.version', default: true },
  nameOf('exposedBySystem', 'Udstillet af system', 'systemNames', 'data.exposedBySystemUuid', true),
  { key: 'scope', header: 'Synlighed', type: 'enum', path: 'data.scope', values: REGISTRATION_SCOPES, default: true },
  { key: 'deactivated', header: 'Deaktiveret', type: 'boolean', path: 'data.deactivated' },
  { key: 'description', header: 'Beskrivelse', type: 'text', path: 'data.description' },
  { key: 'urlReference', header: 'Link', type: 'text', path: 'data.urlReference' },
  { key: 'note', header: 'Note', type: 'text', path: 'data.note' },
];

const RELATION_COLUMNS: readonly ColumnDef[] = [
  nameOf('fromSystem', 'Fra system', 'usageNames', 'data.fromSystemUsageUuid', true),
  nameOf('toSystem', 'Til system', 'usageNames', 'data.toSystemUsageUuid', true),
  nameOf('interface', 'Snitflade', 'interfaceNames', 'data.relationInterfaceUuid', true),
  nameOf('contract', 'Kontrakt', 'contractNames', 'data.associatedContractUuid', true),
  { key: 'urlReference', header: 'Link', type: 'text', path: 'data.urlReference' },
  { key: 'createdAt', header: 'Oprettet', type: 'date', path: 'data.createdAt', default: true },
  { key: 'description', header: 'Beskrivelse', type: 'text', path: 'data.description' },
];

export const REPORTS: Readonly<Record<OrgReportName, ReportDef>> = {
  'it-system-usages': { name: 'it-system-usages', kind: 'it-system-usages', columns: USAGE_COLUMNS, defaultSort: 'systemName' },
  'it-contracts': { name: 'it-contracts', kind: 'it-contracts', columns: CONTRACT_COLUMNS, defaultSort: 'name' },
  'data-processing-registrations': {
    name: 'data-processing-registrations',
    kind: 'data-processing-registrations',
    columns: DPR_COLUMNS,
    defaultSort: 'name',
  },
  'it-interfaces': { name: 'it-interfaces', kind: 'it-interfaces', columns: INTERFACE_COLUMNS, defaultSort: 'name' },
  'system-relations': { name: 'system-relations', kind: 'system-relations', columns: RELATION_COLUMNS, defaultSort: 'createdAt' },
};

/** The document paths a column reads (its own path, or the sources of a computed value). */
export function pathsOf(column: ColumnDef): readonly string[] {
  return column.path ? [column.path] : (column.sources ?? []);
}
