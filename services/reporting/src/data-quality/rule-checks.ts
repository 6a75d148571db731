import type { FieldError } from '@kitos/common';
import {
  DATA_QUALITY_CHECK_TYPES,
  DATA_QUALITY_LINKS,
  DATA_QUALITY_MODULES,
  type DataQualityCheckType,
  type DataQualityLevel,
  type DataQualityModule,
  type DataQualityRule,
} from '@kitos/contracts';
import type { ReadModelKind } from '../read-models/read-model.types';
import { privateClassOf } from '../sharing/sharing-policy';

/**
 * The check types of the rule pack, in code: which parameters each takes (validated when a global admin edits the
 * pack) and how it is evaluated on a read-model document. Pure functions; see rule-checks.spec.ts.
 */

/** The read model each module is scored on. */
export const MODULE_KINDS: Readonly<Record<DataQualityModule, ReadModelKind>> = {
  usages: 'it-system-usages',
  contracts: 'it-contracts',
  dprs: 'data-processing-registrations',
  relations: 'system-relations',
  interfaces: 'it-interfaces',
};

/**
 * The document paths a rule may name, per module (paths into the read-model documents of read-model.types.ts).
 * Private fields (notes, remarks, contract economy: `PRIVATE_FIELDS` of the sharing policy) are never listed and are
 * refused by `fieldProblem`, because scores are shared across organisations.
 */
export const RULE_FIELDS: Readonly<Record<DataQualityModule, readonly string[]>> = {
  usages: [
    'data.systemName',
    'data.localCallName',
    'data.localSystemId',
    'data.validity.lifeCycleStatus',
    'data.validity.validFrom',
    'data.validity.validTo',
    'data.validity.valid',
    'data.usingOrganizationUnitUuids',
    'data.responsibleOrganizationUnitUuid',
    'data.expectedUsersLowerBound',
    'data.expectedUsersUpperBound',
    'gdpr.data.processesPersonalData',
    'gdpr.data.retentionPeriodDefined',
    'gdpr.data.deletionDueDate',
    'gdpr.data.riskAssessmentConducted',
    'gdpr.data.riskAssessmentDate',
    'gdpr.data.dpiaConducted',
    'gdpr.data.dpiaDate',
    'archive.data.archiveDuty',
    'archive.data.recommendedArchiveDuty',
    'archive.data.nextDeliveryDue',
    'archive.data.frequencyInMonths',
    'archive.data.latestApprovedPeriodEnd',
    'archive.data.deletionDueDate',
  ],
  contracts: [
    'data.name',
    'data.contractId',
    'data.supplierUuid',
    'data.systemUsageUuids',
    'data.dataProcessingRegistrationUuids',
    'data.valid',
    'data.validFrom',
    'data.validTo',
    'data.enforcedValid',
    'data.parentContractUuid',
    'data.responsibleOrganizationUnitUuid',
    'data.noticePeriodMonths',
    'data.deadlines.noticeDeadline',
    'data.deadlines.terminationEffectiveDate',
  ],
  dprs: [
    'data.name',
    'data.systemUsageUuids',
    'data.mainContractUuid',
    'data.agreementConcluded',
    'data.agreementConcludedDate',
    'data.dataProcessorUuids',
    'data.nextOversightDate',
    'data.responsibleOrganizationUnitUuid',
    'data.dataResponsible',
    'data.basisForTransfer',
    'data.transferToInsecureThirdCountries',
    'data.hasSubDataProcessors',
    'data.valid',
    'data.oversightInterval',
    'data.isOversightCompleted',
    'data.lastOversightDate',
    'data.oversightScheduledInspectionDate',
    'data.oversightOptions',
  ],
  relations: [
    'data.fromSystemUsageUuid',
    'data.toSystemUsageUuid',
    'data.relationInterfaceUuid',
    'data.associatedContractUuid',
    'data.relationFrequencyUuid',
    'data.urlReference',
  ],
  interfaces: [
    'data.name',
    'data.interfaceId',
    'data.version',
    'data.description',
    'data.urlReference',
    'data.itInterfaceTypeUuid',
    'data.scope',
    'data.deactivated',
    'data.exposedBySystemUuid',
    'data.data',
  ],
};

/** The parameters each check type takes; `required: true` ones must be present. */
const PARAMS: Readonly<Record<DataQualityCheckType, Readonly<Record<string, boolean>>>> = {
  required: { field: true, when: false },
  requiredWhen: { field: true, when: true },
  oneOf: { field: true, values: true, when: false },
  maxAgeMonths: { field: true, months: true, when: false },
  hasLinked: { link: true, when: false },
};

/** What evaluation knows besides the document: today, and the links between objects of the organisation. */
export interface EvaluationContext {
  /** `YYYY-MM-DD`, Danish calendar day. */
  readonly today: string;
  /** Usages linked from a live DPR of their organisation whose agreement is concluded (`Yes`). */
  readonly usagesWithAgreedDpr: ReadonlySet<string>;
  /** Usages linked from any live DPR of their organisation. */
  readonly usagesWithDpr: ReadonlySet<string>;
  /** Usages covered by a live contract of their organisation. */
  readonly usagesWithContract: ReadonlySet<string>;
}

export interface Finding {
  readonly ruleId: string;
  readonly level: DataQualityLevel;
  readonly title: string;
  readonly message: string;
}

export interface ObjectEvaluation {
  /** Rules that applied to the object. */
  readonly applicable: number;
  readonly passed: number;
  /** passed / applicable; null when no rule applied (the object is left out of the means). */
  readonly score: number | null;
  readonly meetsMinimum: boolean;
  readonly findings: readonly Finding[];
}

// ------------------------------------------------------------------------------------------------------ validation

function fieldProblem(module: DataQualityModule, value: unknown): string | null {
  if (typeof value !== 'string' || value.length === 0) return 'must be a field path such as data.responsibleOrganizationUnitUuid';
  if (privateClassOf(MODULE_KINDS[module], value))
    return `${value} is private (${privateClassOf(MODULE_KINDS[module], value)}) and may not enter shared scores`;
  if (!RULE_FIELDS[module].includes(value)) return `${value} is no field of ${module}; known: ${RULE_FIELDS[module].join(', ')}`;
  return null;
}

const isScalar = (v: unknown): boolean => v === null || ['string', 'number', 'boolean'].includes(typeof v);

/** Field-level problems of a pack's rules beyond their shape (which class-validator checks): params per check type. */
export function rulePackProblems(rules: readonly DataQualityRule[]): FieldError[] {
  const problems: FieldError[] = [];
  const seen = new Set<string>();
  rules.forEach((rule, index) => {
    const at = `rules[${index}]`;
    if (seen.has(rule.id)) problems.push({ field: `${at}.id`, message: `the id ${rule.id} is used by an earlier rule` });
    seen.add(rule.id);
    if (!DATA_QUALITY_MODULES.includes(rule.module)) return; // reported by the shape validation
    const type = rule.check?.type;
    if (!DATA_QUALITY_CHECK_TYPES.includes(type)) return;
    const params = (rule.check.params ?? {}) as Record<string, unknown>;
    const p = `${at}.check.params`;
    const allowed = PARAMS[type];
    for (const key of Object.keys(params)) {
      if (!(key in allowed))
        problems.push({ field: `${p}.${key}`, message: `${type} takes no parameter ${key} (takes ${Object.keys(allowed).join(', ')})` });
    }
    for (const [key, mandatory] of Object.entries(allowed)) {
      if (mandatory && params[key] === undefined) problems.push({ field: `${p}.${key}`, message: `${type} needs ${key}` });
    }
    if ('field' in allowed && params.field !== undefined) {
      const problem = fieldProblem(rule.module, params.field);
      if (problem) problems.push({ field: `${p}.field`, message: problem });
    }
    if (params.when !== undefined) {
      const when = params.when as Record<string, unknown>;
      if (typeof when !== 'object' || when === null || Array.isArray(when)) {
        problems.push({ field: `${p}.when`, message: 'when must be {field, equals}' });
      } else {
        for (const key of Object.keys(when)) {
          if (key !== 'field' && key !== 'equals')
            problems.push({ field: `${p}.when.${key}`, message: 'when takes only field and equals' });
        }
        const problem = fieldProblem(rule.module, when.field);
        if (problem) problems.push({ field: `${p}.when.field`, message: problem });
        if (!('equals' in when) || !isScalar(when.equals))
          problems.push({ field: `${p}.when.equals`, message: 'equals must be text, a number, true/false or null' });
      }
    }
    if (type === 'oneOf' && params.values !== undefined) {
      const values = params.values;
      if (!Array.isArray(values) || values.length === 0 || values.length > 50 || !values.every(isScalar))
        problems.push({ field: `${p}.values`, message: 'values must be 1 to 50 texts, numbers, true/false or null' });
    }
    if (type === 'maxAgeMonths' && params.months !== undefined) {
      const months = params.months;
      if (typeof months !== 'number' || !Number.isInteger(months) || months < 1 || months > 600)
        problems.push({ field: `${p}.months`, message: 'months must be a whole number from 1 to 600' });
    }
    if (type === 'hasLinked' && params.link !== undefined) {
      const links: readonly string[] = DATA_QUALITY_LINKS[rule.module];
      if (typeof params.link !== 'string' || !links.includes(params.link))
        problems.push({
          field: `${p}.link`,
          message: links.length ? `link must be one of ${links.join(', ')}` : `${rule.module} has no links to check`,
        });
    }
  });
  return problems;
}

// ------------------------------------------------------------------------------------------------------ evaluation

/** The value at a dotted path of a document (undefined when any step is missing). */
export function valueAt(doc: unknown, path: string): unknown {
  let current: unknown = doc;
  for (const step of path.split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[step];
  }
  return current;
}

function hasValue(value: unknown): boolean {
  if (value === null || value === undefined) return false;
  if (typeof value === 'string') return value.trim().length > 0;
  if (Array.isArray(value)) return value.length > 0;
  return true;
}

/** `today` minus `months` calendar months (clamped to the month's last day), as `YYYY-MM-DD`. */
export function monthsBefore(today: string, months: number): string {
  const [y, m, d] = today.split('-').map(Number);
  const total = y * 12 + (m - 1) - months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

const DAY = /^\d{4}-\d{2}-\d{2}/;

/** Whether the rule applies to the document (its `when` holds, or it has none). */
export function applies(rule: DataQualityRule, doc: unknown): boolean {
  const when = rule.check.params.when as { field: string; equals: unknown } | undefined;
  if (!when) return true;
  const value = valueAt(doc, when.field);
  return (value ?? null) === when.equals;
}

/** Null when the check passes, else the finding's message (Danish, like the titles). */
export function failureOf(rule: DataQualityRule, doc: { _id: string }, context: EvaluationContext): string | null {
  const params = rule.check.params as Record<string, unknown>;
  const field = params.field as string;
  switch (rule.check.type) {
    case 'required':
    case 'requiredWhen':
      return hasValue(valueAt(doc, field)) ? null : `${field} er ikke udfyldt`;
    case 'oneOf': {
      const value = valueAt(doc, field) ?? null;
      const values = params.values as unknown[];
      return values.includes(value)
        ? null
        : `${field} er ${JSON.stringify(value)}, skal være en af ${values.map((v) => JSON.stringify(v)).join(', ')}`;
    }
    case 'maxAgeMonths': {
      const value = valueAt(doc, field);
      const months = params.months as number;
      if (typeof value !== 'string' || !DAY.test(value)) return `${field} er ikke udfyldt`;
      const oldest = monthsBefore(context.today, months);
      return value.slice(0, 10) >= oldest ? null : `${field} (${value.slice(0, 10)}) er mere end ${months} måneder gammel`;
    }
    case 'hasLinked': {
      const link = params.link as string;
      const linked =
        link === 'dpr-with-agreement'
          ? context.usagesWithAgreedDpr
          : link === 'dpr'
            ? context.usagesWithDpr
            : link === 'contract'
              ? context.usagesWithContract
              : new Set<string>();
      if (linked.has(doc._id)) return null;
      return link === 'dpr-with-agreement'
        ? 'Ingen databehandling med indgået aftale er knyttet til anvendelsen'
        : link === 'dpr'
          ? 'Ingen databehandling er knyttet til anvendelsen'
          : 'Ingen kontrakt dækker anvendelsen';
    }
    default:
      return null;
  }
}

/** The enabled rules of a module. */
export function rulesOf(rules: readonly DataQualityRule[], module: DataQualityModule): DataQualityRule[] {
  return rules.filter((r) => r.module === module && r.enabled !== false);
}

/** Evaluates the rules of the object's module (already filtered with `rulesOf`) on one object. */
export function evaluateObject(rules: readonly DataQualityRule[], doc: { _id: string }, context: EvaluationContext): ObjectEvaluation {
  let applicable = 0;
  let passed = 0;
  const findings: Finding[] = [];
  for (const rule of rules) {
    if (!applies(rule, doc)) continue;
    applicable += 1;
    const failure = failureOf(rule, doc, context);
    if (failure === null) passed += 1;
    else findings.push({ ruleId: rule.id, level: rule.level, title: rule.title, message: failure });
  }
  return {
    applicable,
    passed,
    score: applicable === 0 ? null : passed / applicable,
    meetsMinimum: !findings.some((f) => f.level === 'minimum'),
    findings,
  };
}

/** Mean of the scores that are not null; null when there are none. */
export function mean(scores: readonly (number | null)[]): number | null {
  const present = scores.filter((s): s is number => s !== null);
  return present.length === 0 ? null : present.reduce((a, b) => a + b, 0) / present.length;
}

/** Median of the scores that are not null (mean of the two middle ones for an even count); null when none. */
export function median(scores: readonly (number | null)[]): number | null {
  const present = scores.filter((s): s is number => s !== null).sort((a, b) => a - b);
  if (present.length === 0) return null;
  const middle = Math.floor(present.length / 2);
  return present.length % 2 === 1 ? present[middle] : (present[middle - 1] + present[middle]) / 2;
}

/** Scores are reported rounded to 4 decimals. */
export function round(score: number | null): number | null {
  return score === null ? null : Math.round(score * 10_000) / 10_000;
}

/** One module of one organisation, accumulated object by object. */
export class ModuleAccumulator {
  private sum = 0;
  objects = 0;
  objectsMeetingMinimum = 0;
  findings = 0;
  minimumFindings = 0;

  add(evaluation: ObjectEvaluation): void {
    if (evaluation.score === null) return;
    this.sum += evaluation.score;
    this.objects += 1;
    if (evaluation.meetsMinimum) this.objectsMeetingMinimum += 1;
    this.findings += evaluation.findings.length;
    this.minimumFindings += evaluation.findings.filter((f) => f.level === 'minimum').length;
  }

  /** Mean of the object scores; null without scored objects. */
  get score(): number | null {
    return this.objects === 0 ? null : this.sum / this.objects;
  }
}

/** Overall score of an organisation: mean of its module scores that are not null (every module weighs the same). */
export function overallOf(modules: ReadonlyMap<DataQualityModule, ModuleAccumulator> | readonly (number | null)[]): number | null {
  const scores = Array.isArray(modules)
    ? (modules as readonly (number | null)[])
    : [...(modules as ReadonlyMap<DataQualityModule, ModuleAccumulator>).values()].map((m) => m.score);
  return mean(scores);
}
