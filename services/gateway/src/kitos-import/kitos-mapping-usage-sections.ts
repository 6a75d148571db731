import {
  ARCHIVE_DUTIES,
  DATA_SENSITIVITY_LEVELS,
  GDPR_YES_GATES,
  HOSTING_CHOICES,
  RISK_LEVELS,
  SPECIFIC_PERSONAL_DATA,
  TECHNICAL_PRECAUTIONS,
  YES_NO_DONT_KNOW,
  type UsageArchiveResponse,
  type UsageGdprResponse,
} from '@kitos/contracts';
import { choice, fail, kitosDay, linkOrLeftOut, ok, optionOf, pairUuid, text, type Mapped, type MappingContext } from './kitos-mapping';
import type { KitosItSystemUsage, KitosPair } from './kitos.types';

/**
 * The sections of a system usage that other services own here: its GDPR profile (gdpr) and its archiving with the
 * journal periods (archiving). KITOS API v2 → the write shapes, and the responses here → the same shapes.
 */

export type Link = { name: string | null; url: string | null } | null;

export interface UsageGdprWrite {
  purpose: string | null;
  businessCritical: string | null;
  hostedAt: string | null;
  directoryDocumentation: Link;
  dataSensitivityLevels: string[];
  sensitivePersonDataUuids: string[];
  specificPersonalData: string[];
  registeredDataCategoryUuids: string[];
  technicalPrecautionsInPlace: string | null;
  technicalPrecautionsApplied: string[];
  technicalPrecautionsDocumentation: Link;
  userSupervision: string | null;
  userSupervisionDate: string | null;
  userSupervisionDocumentation: Link;
  riskAssessmentConducted: string | null;
  riskAssessmentConductedDate: string | null;
  riskAssessmentResult: string | null;
  riskAssessmentDocumentation: Link;
  riskAssessmentNotes: string | null;
  plannedRiskAssessmentDate: string | null;
  dpiaConducted: string | null;
  dpiaDate: string | null;
  dpiaDocumentation: Link;
  retentionPeriodDefined: string | null;
  nextDataRetentionEvaluationDate: string | null;
  dataRetentionEvaluationFrequencyInMonths: number | null;
}

/**
 * The fields KITOS (and gdpr here) allows only when their question is answered Yes (`GDPR_YES_GATES`). KITOS clears
 * them when the answer changes; a value left behind anyway is dropped with a note rather than refused.
 */
const GATED = Object.entries(GDPR_YES_GATES) as Array<[keyof UsageGdprWrite, ReadonlyArray<keyof UsageGdprWrite>]>;

const EMPTY_LISTS = new Set<keyof UsageGdprWrite>([
  'dataSensitivityLevels',
  'sensitivePersonDataUuids',
  'specificPersonalData',
  'registeredDataCategoryUuids',
  'technicalPrecautionsApplied',
]);

function link(value: { name?: string | null; url?: string | null } | null | undefined): Link {
  if (!value) return null;
  const l = { name: text(value.name), url: text(value.url) };
  return l.name || l.url ? l : null;
}

const hasValue = (v: unknown): boolean => v !== null && v !== undefined && !(Array.isArray(v) && v.length === 0);

export function mapUsageGdpr(k: KitosItSystemUsage, context: MappingContext): Mapped<UsageGdprWrite> {
  const g = k.gdpr ?? {};
  let problem: string | null = null;
  const pick = (value: string | null | undefined, allowed: readonly string[], field: string): string | null => {
    const c = choice(value, allowed, `gdpr.${field}`);
    if ('error' in c) problem ??= c.error;
    return 'value' in c ? c.value : null;
  };
  const list = (values: string[] | null | undefined, allowed: readonly string[], field: string): string[] =>
    [...new Set(values ?? [])]
      .map((v) => pick(v, allowed, field) ?? '')
      .filter(Boolean)
      .sort();
  const day = (value: string | null | undefined, field: string): string | null => {
    const d = kitosDay(value, `gdpr.${field}`);
    if ('error' in d) problem ??= d.error;
    return 'day' in d ? d.day : null;
  };
  const options = (kind: Parameters<typeof optionOf>[1], values: KitosPair[] | null | undefined): string[] => {
    const out = new Set<string>();
    for (const v of values ?? []) {
      const o = optionOf(context, kind, context.organizationUuid, v);
      if ('error' in o) problem ??= o.error;
      else if (o.uuid) out.add(o.uuid);
    }
    return [...out].sort();
  };
  const yes = YES_NO_DONT_KNOW as readonly string[];
  const months = g.dataRetentionEvaluationFrequencyInMonths ?? null;
  if (months !== null && (!Number.isInteger(months) || months < 0))
    problem ??= `gdpr.dataRetentionEvaluationFrequencyInMonths ${months} is not a number of months`;
  const value: UsageGdprWrite = {
    purpose: text(g.purpose),
    businessCritical: pick(g.businessCritical, yes, 'businessCritical'),
    hostedAt: pick(g.hostedAt, HOSTING_CHOICES, 'hostedAt'),
    directoryDocumentation: link(g.directoryDocumentation),
    dataSensitivityLevels: list(g.dataSensitivityLevels, DATA_SENSITIVITY_LEVELS, 'dataSensitivityLevels'),
    sensitivePersonDataUuids: options('it-system-usage-sensitive-personal-data-types', g.sensitivePersonData),
    specificPersonalData: list(g.specificPersonalData, SPECIFIC_PERSONAL_DATA, 'specificPersonalData'),
    registeredDataCategoryUuids: options('it-system-usage-registered-data-category-types', g.registeredDataCategories),
    technicalPrecautionsInPlace: pick(g.technicalPrecautionsInPlace, yes, 'technicalPrecautionsInPlace'),
    technicalPrecautionsApplied: list(g.technicalPrecautionsApplied, TECHNICAL_PRECAUTIONS, 'technicalPrecautionsApplied'),
    technicalPrecautionsDocumentation: link(g.technicalPrecautionsDocumentation),
    userSupervision: pick(g.userSupervision, yes, 'userSupervision'),
    userSupervisionDate: day(g.userSupervisionDate, 'userSupervisionDate'),
    userSupervisionDocumentation: link(g.userSupervisionDocumentation),
    riskAssessmentConducted: pick(g.riskAssessmentConducted, yes, 'riskAssessmentConducted'),
    riskAssessmentConductedDate: day(g.riskAssessmentConductedDate, 'riskAssessmentConductedDate'),
    riskAssessmentResult: pick(g.riskAssessmentResult, RISK_LEVELS, 'riskAssessmentResult'),
    riskAssessmentDocumentation: link(g.riskAssessmentDocumentation),
    riskAssessmentNotes: text(g.riskAssessmentNotes),
    plannedRiskAssessmentDate: day(g.plannedRiskAssessmentDate, 'plannedRiskAssessmentDate'),
    dpiaConducted: pick(g.dpiaConducted, yes, 'dpiaConducted'),
    dpiaDate: day(g.dpiaDate, 'dpiaDate'),
    dpiaDocumentation: link(g.dpiaDocumentation),
    retentionPeriodDefined: pick(g.retentionPeriodDefined, yes, 'retentionPeriodDefined'),
    nextDataRetentionEvaluationDate: day(g.nextDataRetentionEvaluationDate, 'nextDataRetentionEvaluationDate'),
    dataRetentionEvaluationFrequencyInMonths: months,
  };
  if (problem) return fail(problem);
  const notes: string[] = [];
  const gated = value as unknown as Record<string, unknown>;
  for (const [parent, dependents] of GATED) {
    if (value[parent] === 'Yes') continue;
    for (const dependent of dependents) {
      if (!hasValue(gated[dependent])) continue;
      notes.push(`gdpr.${dependent} left out: ${parent} is not Yes in KITOS`);
      gated[dependent] = EMPTY_LISTS.has(dependent) ? [] : null;
    }
  }
  return ok(value, notes);
}

const linkOf = (l: { name: string | null; url: string | null } | null): Link => (l ? { name: l.name, url: l.url } : null);

export function currentUsageGdpr(g: UsageGdprResponse): UsageGdprWrite {
  return {
    purpose: g.purpose,
    businessCritical: g.businessCritical,
    hostedAt: g.hostedAt,
    directoryDocumentation: linkOf(g.directoryDocumentation),
    dataSensitivityLevels: [...g.dataSensitivityLevels].sort(),
    sensitivePersonDataUuids: g.sensitivePersonData.map((p) => p.uuid).sort(),
    specificPersonalData: [...g.specificPersonalData].sort(),
    registeredDataCategoryUuids: g.registeredDataCategories.map((p) => p.uuid).sort(),
    technicalPrecautionsInPlace: g.technicalPrecautionsInPlace,
    technicalPrecautionsApplied: [...g.technicalPrecautionsApplied].sort(),
    technicalPrecautionsDocumentation: linkOf(g.technicalPrecautionsDocumentation),
    userSupervision: g.userSupervision,
    userSupervisionDate: g.userSupervisionDate,
    userSupervisionDocumentation: linkOf(g.userSupervisionDocumentation),
    riskAssessmentConducted: g.riskAssessmentConducted,
    riskAssessmentConductedDate: g.riskAssessmentConductedDate,
    riskAssessmentResult: g.riskAssessmentResult,
    riskAssessmentDocumentation: linkOf(g.riskAssessmentDocumentation),
    riskAssessmentNotes: g.riskAssessmentNotes,
    plannedRiskAssessmentDate: g.plannedRiskAssessmentDate,
    dpiaConducted: g.dpiaConducted,
    dpiaDate: g.dpiaDate,
    dpiaDocumentation: linkOf(g.dpiaDocumentation),
    retentionPeriodDefined: g.retentionPeriodDefined,
    nextDataRetentionEvaluationDate: g.nextDataRetentionEvaluationDate,
    dataRetentionEvaluationFrequencyInMonths: g.dataRetentionEvaluationFrequencyInMonths,
  };
}

export interface JournalPeriodWrite {
  archiveId: string;
  startDate: string;
  endDate: string;
  approved: boolean;
}

export interface UsageArchiveWrite {
  archiveDuty: string | null;
  typeUuid: string | null;
  locationUuid: string | null;
  testLocationUuid: string | null;
  supplierOrganizationUuid: string | null;
  active: boolean | null;
  notes: string | null;
  frequencyInMonths: number | null;
  documentBearing: boolean | null;
  /** Matched by archive id (KITOS's journal period uuids are not kept); written one by one. */
  journalPeriods: JournalPeriodWrite[];
}

export function mapUsageArchive(k: KitosItSystemUsage, context: MappingContext): Mapped<UsageArchiveWrite> {
  const a = k.archiving ?? {};
  let problem: string | null = null;
  const option = (kind: Parameters<typeof optionOf>[1], value: KitosPair | null | undefined): string | null => {
    const o = optionOf(context, kind, context.organizationUuid, value);
    if ('error' in o) problem ??= o.error;
    return 'uuid' in o ? o.uuid : null;
  };
  const duty = choice(a.archiveDuty, ARCHIVE_DUTIES, 'archiving.archiveDuty');
  if ('error' in duty) return fail(duty.error);
  const notes: string[] = [];
  const supplierOrganizationUuid = linkOrLeftOut(
    a.supplierOrganization,
    context.organizationExists,
    'archive supplier',
    notes,
    'is not an organisation here',
  );
  const periods: JournalPeriodWrite[] = [];
  for (const [i, p] of (a.journalPeriods ?? []).entries()) {
    const archiveId = text(p.archiveId);
    const start = kitosDay(p.startDate, `archiving.journalPeriods[${i}].startDate`);
    const end = kitosDay(p.endDate, `archiving.journalPeriods[${i}].endDate`);
    if ('error' in start) return fail(start.error);
    if ('error' in end) return fail(end.error);
    if (!archiveId || !start.day || !end.day) return fail(`archiving.journalPeriods[${i}] needs an archive id, a start and an end date`);
    if (periods.some((x) => x.archiveId === archiveId)) return fail(`archiving.journalPeriods: archive id ${archiveId} is there twice`);
    periods.push({ archiveId, startDate: start.day, endDate: end.day, approved: p.approved === true });
  }
  const value: UsageArchiveWrite = {
    archiveDuty: duty.value,
    typeUuid: option('it-system-usage-archive-types', a.type),
    locationUuid: option('it-system-usage-archive-location-types', a.location),
    testLocationUuid: option('it-system-usage-archive-test-location-types', a.testLocation),
    supplierOrganizationUuid,
    active: a.active ?? null,
    notes: text(a.notes),
    frequencyInMonths: a.frequencyInMonths ?? null,
    documentBearing: a.documentBearing ?? null,
    journalPeriods: periods.sort((x, y) => x.archiveId.localeCompare(y.archiveId)),
  };
  return problem ? fail(problem) : ok(value, notes);
}

export function currentUsageArchive(a: UsageArchiveResponse): UsageArchiveWrite {
  return {
    archiveDuty: a.archiveDuty,
    typeUuid: pairUuid(a.type ?? a.archiveType),
    locationUuid: pairUuid(a.location),
    testLocationUuid: pairUuid(a.testLocation),
    supplierOrganizationUuid: pairUuid(a.supplierOrganization),
    active: a.active,
    notes: a.notes,
    frequencyInMonths: a.frequencyInMonths,
    documentBearing: a.documentBearing,
    journalPeriods: a.journalPeriods
      .map((p) => ({ archiveId: p.archiveId, startDate: p.startDate, endDate: p.endDate, approved: p.approved }))
      .sort((x, y) => x.archiveId.localeCompare(y.archiveId)),
  };
}
