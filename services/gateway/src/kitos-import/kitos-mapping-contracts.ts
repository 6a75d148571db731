import {
  AGREEMENT_CONCLUDED_CHOICES,
  AUDIT_STATUSES,
  CONTRACT_NAME_MAX,
  DPR_NAME_MAX,
  DPR_YES_NO,
  OVERSIGHT_INTERVALS,
  oversightIntervalOf,
  NOTICE_BY_END_OF,
  YES_NO_UNDECIDED,
  kronerToØre,
  type DataProcessingRegistrationResponse,
  type ItContractResponse,
  type OptionTypeKind,
} from '@kitos/contracts';
import {
  choice,
  currentReferences,
  fail,
  kitosDay,
  linkOrLeftOut,
  ok,
  optionOf,
  pairUuid,
  references,
  sortedRoles,
  text,
  tooLong,
  type Mapped,
  type MappingContext,
  type ReferenceWrite,
} from './kitos-mapping';
import type { KitosContractPayment, KitosDataProcessingRegistration, KitosItContract, KitosPair, KitosRoleAssignment } from './kitos.types';

/**
 * Contracts and data processing registrations: KITOS API v2 objects → this system's write shapes, and this system's
 * responses → the same shapes, compared field by field by the importer (kitos-mapping.ts for the rest).
 */

type RoleWrite = { roleUuid: string; userUuid: string };

export interface PaymentWrite {
  organizationUnitUuid: string;
  acquisitionØre: number;
  operationØre: number;
  otherØre: number;
  accountingEntry: string | null;
  auditStatus: string;
  auditDate: string | null;
  note: string | null;
}

export interface ContractWrite {
  name: string;
  parentContractUuid: string | null;
  general: {
    contractId: string | null;
    contractTypeUuid: string | null;
    contractTemplateUuid: string | null;
    agreementElementUuids: string[];
    notes: string | null;
    criticalityUuid: string | null;
    validity: { enforcedValid: boolean; validFrom: string | null; validTo: string | null; requireValidParent: boolean };
  };
  procurement: {
    purchaseTypeUuid: string | null;
    procurementStrategyUuid: string | null;
    procurementPlan: { quarterOfYear: number; year: number } | null;
    procurementInitiated: string | null;
  };
  supplier: { organizationUuid: string | null; signed: boolean; signedBy: string | null; signedAt: string | null };
  responsible: { organizationUnitUuid: string | null; signed: boolean; signedBy: string | null; signedAt: string | null };
  systemUsageUuids: string[];
  dataProcessingRegistrationUuids: string[];
  paymentModel: {
    operationsRemunerationStartedAt: string | null;
    paymentFrequencyUuid: string | null;
    paymentModelUuid: string | null;
    priceRegulationUuid: string | null;
  };
  agreementPeriod: {
    durationYears: number | null;
    durationMonths: number | null;
    isContinuous: boolean;
    extensionOptionsUuid: string | null;
    extensionOptionsUsed: number;
    irrevocableUntil: string | null;
  };
  termination: {
    terminatedAt: string | null;
    terms: { noticePeriodMonthsUuid: string | null; noticePeriodExtendsCurrent: boolean | null; noticeByEndOf: string | null };
  };
  payments: { internal: PaymentWrite[]; external: PaymentWrite[] };
  roles: RoleWrite[];
  externalReferences: ReferenceWrite[];
}

/** Collects the first problem of a mapping; options, days and choices resolve through it. */
class Resolver {
  problem: string | null = null;
  readonly notes: string[] = [];

  constructor(private readonly context: MappingContext) {}

  option(kind: OptionTypeKind, value: KitosPair | null | undefined): string | null {
    const resolved = optionOf(this.context, kind, this.context.organizationUuid, value);
    if ('error' in resolved) this.problem ??= resolved.error;
    return 'uuid' in resolved ? resolved.uuid : null;
  }

  options(kind: OptionTypeKind, values: KitosPair[] | null | undefined): string[] {
    return [...new Set((values ?? []).map((v) => this.option(kind, v)).filter((u): u is string => u !== null))].sort();
  }

  day(value: string | null | undefined, field: string): string | null {
    const d = kitosDay(value, field);
    if ('error' in d) this.problem ??= d.error;
    return 'day' in d ? d.day : null;
  }

  choice(value: string | null | undefined, allowed: readonly string[], field: string): string | null {
    const c = choice(value, allowed, field);
    if ('error' in c) this.problem ??= c.error;
    return 'value' in c ? c.value : null;
  }

  unit(value: KitosPair | null | undefined, field: string): string | null {
    if (!value) return null;
    const here = this.context.unit(value.uuid);
    if (!here) this.problem ??= `${field} ${value.name ?? value.uuid} is not imported`;
    return here;
  }

  /** Links to objects that may not be here: left out with a note. */
  links(values: KitosPair[] | null | undefined, known: (uuid: string) => boolean, what: string): string[] {
    const out = new Set<string>();
    for (const v of values ?? []) {
      const uuid = linkOrLeftOut(v, known, what, this.notes);
      if (uuid) out.add(uuid);
    }
    return [...out].sort();
  }

  organization(value: KitosPair | null | undefined, what: string): string | null {
    return linkOrLeftOut(value, this.context.organizationExists, what, this.notes, 'is not an organisation here');
  }

  roles(objectType: 'ItContract' | 'DataProcessingRegistration', assignments: KitosRoleAssignment[] | null | undefined): RoleWrite[] {
    const roles = new Map<string, RoleWrite>();
    for (const a of assignments ?? []) {
      const roleUuid = this.context.role(objectType, a.role);
      const who = `${a.role.name ?? a.role.uuid} (${a.user.name ?? a.user.uuid})`;
      if (!roleUuid) this.notes.push(`role ${who}: no such role type here; left out`);
      else if (!this.context.userKnown(a.user.uuid)) this.notes.push(`role ${who}: the user is not imported; left out`);
      else roles.set(`${roleUuid}:${a.user.uuid}`, { roleUuid, userUuid: a.user.uuid });
    }
    return sortedRoles([...roles.values()]);
  }

  done<T>(references: Mapped<ReferenceWrite[]>, assign: (refs: ReferenceWrite[]) => T): Mapped<T> {
    if (this.problem) return fail(this.problem);
    if (!references.ok) return references;
    return ok(assign(references.value), this.notes);
  }
}

const KITOS_YES_NO_UNDECIDED = YES_NO_UNDECIDED as readonly string[];

function payment(k: KitosContractPayment, field: string, r: Resolver): PaymentWrite | null {
  const unit = r.unit(k.organizationUnit ?? null, `${field}.organizationUnit`);
  if (!k.organizationUnit) r.problem ??= `${field} has no organisation unit`;
  const øre = (kroner: number | null | undefined, name: string): number => {
    const value = kroner === null || kroner === undefined ? 0 : kronerToØre(kroner);
    if (value === null) r.problem ??= `${field}.${name} ${kroner} is not an amount in kroner with at most 2 decimals`;
    return value ?? 0;
  };
  const write: PaymentWrite = {
    organizationUnitUuid: unit ?? '',
    acquisitionØre: øre(k.acquisition, 'acquisition'),
    operationØre: øre(k.operation, 'operation'),
    otherØre: øre(k.other, 'other'),
    accountingEntry: text(k.accountingEntry),
    auditStatus: r.choice(k.auditStatus ?? 'White', AUDIT_STATUSES, `${field}.auditStatus`) ?? 'White',
    auditDate: r.day(k.auditDate, `${field}.auditDate`),
    note: text(k.note),
  };
  return unit ? write : null;
}

export function mapContract(k: KitosItContract, context: MappingContext): Mapped<ContractWrite> {
  const name = text(k.name);
  if (!name) return fail('the contract has no name');
  const long = tooLong(name, CONTRACT_NAME_MAX, 'name');
  if (long) return fail(long);
  const r = new Resolver(context);
  const g = k.general ?? {};
  const p = k.procurement ?? {};
  const s = k.supplier ?? {};
  const resp = k.responsible ?? {};
  const m = k.paymentModel ?? {};
  const a = k.agreementPeriod ?? {};
  const t = k.termination ?? {};
  const parentContractUuid = linkOrLeftOut(k.parentContract, context.contractKnown, 'parent contract', r.notes);
  const validFrom = r.day(g.validity?.validFrom, 'general.validity.validFrom');
  const validTo = r.day(g.validity?.validTo, 'general.validity.validTo');
  if (validFrom && validTo && validTo < validFrom) r.problem ??= `general.validity.validTo ${validTo} is before validFrom ${validFrom}`;
  const value: Omit<ContractWrite, 'externalReferences'> = {
    name,
    parentContractUuid,
    general: {
      contractId: text(g.contractId),
      contractTypeUuid: r.option('it-contract-contract-types', g.contractType),
      contractTemplateUuid: r.option('it-contract-contract-template-types', g.contractTemplate),
      agreementElementUuids: r.options('it-contract-agreement-element-types', g.agreementElements),
      notes: text(g.notes),
      criticalityUuid: r.option('it-contract-criticality-types', g.criticality),
      validity: {
        enforcedValid: g.validity?.enforcedValid === true,
        validFrom,
        validTo,
        requireValidParent: g.validity?.requireValidParent === true,
      },
    },
    procurement: {
      purchaseTypeUuid: r.option('it-contract-purchase-types', p.purchaseType),
      procurementStrategyUuid: r.option('it-contract-procurement-strategy-types', p.procurementStrategy),
      procurementPlan: p.procurementPlan ? { quarterOfYear: p.procurementPlan.quarterOfYear, year: p.procurementPlan.year } : null,
      procurementInitiated: r.choice(p.procurementInitiated, KITOS_YES_NO_UNDECIDED, 'procurement.procurementInitiated'),
    },
    supplier: {
      organizationUuid: r.organization(s.organization, 'supplier'),
      signed: s.signed === true,
      signedBy: text(s.signedBy),
      signedAt: r.day(s.signedAt, 'supplier.signedAt'),
    },
    responsible: {
      organizationUnitUuid: r.unit(resp.organizationUnit, 'responsible organisation unit'),
      signed: resp.signed === true,
      signedBy: text(resp.signedBy),
      signedAt: r.day(resp.signedAt, 'responsible.signedAt'),
    },
    systemUsageUuids: r.links(k.systemUsages, (u) => context.usageKnown(u), 'system usage'),
    dataProcessingRegistrationUuids: r.links(k.dataProcessingRegistrations, (u) => context.dprKnown(u), 'data processing registration'),
    paymentModel: {
      operationsRemunerationStartedAt: r.day(m.operationsRemunerationStartedAt, 'paymentModel.operationsRemunerationStartedAt'),
      paymentFrequencyUuid: r.option('it-contract-payment-frequency-types', m.paymentFrequency),
      paymentModelUuid: r.option('it-contract-payment-model-types', m.paymentModel),
      priceRegulationUuid: r.option('it-contract-price-regulation-types', m.priceRegulation),
    },
    agreementPeriod: {
      durationYears: a.durationYears ?? null,
      durationMonths: a.durationMonths ?? null,
      isContinuous: a.isContinuous === true,
      extensionOptionsUuid: r.option('it-contract-agreement-extension-option-types', a.extensionOptions),
      extensionOptionsUsed: a.extensionOptionsUsed ?? 0,
      irrevocableUntil: r.day(a.irrevocableUntil, 'agreementPeriod.irrevocableUntil'),
    },
    termination: {
      terminatedAt: r.day(t.terminatedAt, 'termination.terminatedAt'),
      terms: {
        noticePeriodMonthsUuid: r.option('it-contract-notice-period-month-types', t.terms?.noticePeriodMonths),
        noticePeriodExtendsCurrent: t.terms?.noticePeriodExtendsCurrent ?? null,
        noticeByEndOf: r.choice(t.terms?.noticeByEndOf, NOTICE_BY_END_OF, 'termination.terms.noticeByEndOf'),
      },
    },
    payments: {
      internal: (k.payments?.internal ?? []).map((x, i) => payment(x, `payments.internal[${i}]`, r)).filter((x) => x !== null),
      external: (k.payments?.external ?? []).map((x, i) => payment(x, `payments.external[${i}]`, r)).filter((x) => x !== null),
    },
    roles: r.roles('ItContract', k.roles),
  };
  return r.done(references(k.externalReferences), (externalReferences) => ({ ...value, externalReferences }));
}

export function currentContract(c: ItContractResponse): ContractWrite {
  const pay = (x: ItContractResponse['payments']['internal'][number]): PaymentWrite => ({
    organizationUnitUuid: x.organizationUnit.uuid,
    acquisitionØre: x.acquisitionØre,
    operationØre: x.operationØre,
    otherØre: x.otherØre,
    accountingEntry: x.accountingEntry,
    auditStatus: x.auditStatus,
    auditDate: x.auditDate,
    note: x.note,
  });
  return {
    name: c.name,
    parentContractUuid: pairUuid(c.parentContract),
    general: {
      contractId: c.general.contractId,
      contractTypeUuid: pairUuid(c.general.contractType),
      contractTemplateUuid: pairUuid(c.general.contractTemplate),
      agreementElementUuids: c.general.agreementElements.map((e) => e.uuid).sort(),
      notes: c.general.notes,
      criticalityUuid: pairUuid(c.general.criticality),
      validity: {
        enforcedValid: c.general.validity.enforcedValid,
        validFrom: c.general.validity.validFrom,
        validTo: c.general.validity.validTo,
        requireValidParent: c.general.validity.requireValidParent,
      },
    },
    procurement: {
      purchaseTypeUuid: pairUuid(c.procurement.purchaseType),
      procurementStrategyUuid: pairUuid(c.procurement.procurementStrategy),
      procurementPlan: c.procurement.procurementPlan
        ? { quarterOfYear: c.procurement.procurementPlan.quarterOfYear, year: c.procurement.procurementPlan.year }
        : null,
      procurementInitiated: c.procurement.procurementInitiated,
    },
    supplier: {
      organizationUuid: pairUuid(c.supplier.organization),
      signed: c.supplier.signed,
      signedBy: c.supplier.signedBy,
      signedAt: c.supplier.signedAt,
    },
    responsible: {
      organizationUnitUuid: pairUuid(c.responsible.organizationUnit),
      signed: c.responsible.signed,
      signedBy: c.responsible.signedBy,
      signedAt: c.responsible.signedAt,
    },
    systemUsageUuids: c.systemUsages.map((u) => u.uuid).sort(),
    dataProcessingRegistrationUuids: c.dataProcessingRegistrations.map((d) => d.uuid).sort(),
    paymentModel: {
      operationsRemunerationStartedAt: c.paymentModel.operationsRemunerationStartedAt,
      paymentFrequencyUuid: pairUuid(c.paymentModel.paymentFrequency),
      paymentModelUuid: pairUuid(c.paymentModel.paymentModel),
      priceRegulationUuid: pairUuid(c.paymentModel.priceRegulation),
    },
    agreementPeriod: {
      durationYears: c.agreementPeriod.durationYears,
      durationMonths: c.agreementPeriod.durationMonths,
      isContinuous: c.agreementPeriod.isContinuous,
      extensionOptionsUuid: pairUuid(c.agreementPeriod.extensionOptions),
      extensionOptionsUsed: c.agreementPeriod.extensionOptionsUsed,
      irrevocableUntil: c.agreementPeriod.irrevocableUntil,
    },
    termination: {
      terminatedAt: c.termination.terminatedAt,
      terms: {
        noticePeriodMonthsUuid: pairUuid(c.termination.terms.noticePeriodMonths),
        noticePeriodExtendsCurrent: c.termination.terms.noticePeriodExtendsCurrent,
        noticeByEndOf: c.termination.terms.noticeByEndOf,
      },
    },
    payments: { internal: c.payments.internal.map(pay), external: c.payments.external.map(pay) },
    roles: sortedRoles(c.roles.map((x) => ({ roleUuid: x.role.uuid, userUuid: x.user.uuid }))),
    externalReferences: currentReferences(c.externalReferences),
  };
}

export interface DprWrite {
  name: string;
  general: {
    dataResponsibleUuid: string | null;
    dataResponsibleRemark: string | null;
    isAgreementConcluded: string | null;
    isAgreementConcludedRemark: string | null;
    agreementConcludedAt: string | null;
    basisForTransferUuid: string | null;
    transferToInsecureThirdCountries: string | null;
    insecureCountriesSubjectToDataTransferUuids: string[];
    dataProcessorUuids: string[];
    hasSubDataProcessors: string | null;
    subDataProcessors: Array<{
      dataProcessorOrganizationUuid: string;
      basisForTransferUuid: string | null;
      transferToInsecureThirdCountry: string | null;
      insecureThirdCountrySubjectToDataProcessingUuid: string | null;
    }>;
    mainContractUuid: string | null;
    responsibleOrganizationUnitUuid: string | null;
  };
  systemUsageUuids: string[];
  oversight: {
    oversightOptionUuids: string[];
    oversightOptionsRemark: string | null;
    oversightInterval: string | null;
    oversightIntervalRemark: string | null;
    isOversightCompleted: string | null;
    oversightCompletedRemark: string | null;
    oversightDates: Array<{ completedAt: string; remark: string | null }>;
    oversightScheduledInspectionDate: string | null;
  };
  roles: RoleWrite[];
  externalReferences: ReferenceWrite[];
}

/** KITOS YesNoUndecided, as here (Undecided is an answer; null is none). */
function yesNo(value: string | null | undefined, field: string, r: Resolver): string | null {
  if (value === null || value === undefined) return null;
  return r.choice(value, DPR_YES_NO, field);
}

/** KITOS YesNoIrrelevant (No/Yes/Irrelevant/Undecided) and its DontKnow, as here. */
function agreementConcluded(value: string | null | undefined, r: Resolver): string | null {
  if (value === null || value === undefined) return null;
  return r.choice(value, AGREEMENT_CONCLUDED_CHOICES, 'general.isAgreementConcluded');
}

/**
 * A registration. Its main contract must be one of its contracts here, which are imported after it: it is set when
 * the contract is here (`contractKnown`), so a first run sets it in a second step (the importer patches it after the
 * contracts).
 */
export function mapDpr(k: KitosDataProcessingRegistration, context: MappingContext): Mapped<DprWrite> {
  const name = text(k.name);
  if (!name) return fail('the registration has no name');
  const long = tooLong(name, DPR_NAME_MAX, 'name');
  if (long) return fail(long);
  const r = new Resolver(context);
  const g = k.general ?? {};
  const o = k.oversight ?? {};
  // KITOS's names are the names here; an installation's older names are read as KITOS's
  const interval = oversightIntervalOf(o.oversightInterval ?? null);
  if (interval && !(OVERSIGHT_INTERVALS as readonly string[]).includes(interval))
    r.problem ??= `oversight.oversightInterval "${interval}" is not one of ${OVERSIGHT_INTERVALS.join(', ')}`;
  const processors = new Set<string>();
  for (const p of g.dataProcessors ?? []) {
    const uuid = r.organization(p, 'data processor');
    if (uuid) processors.add(uuid);
  }
  const subs: DprWrite['general']['subDataProcessors'] = [];
  for (const [i, sp] of (g.subDataProcessors ?? []).entries()) {
    const uuid = r.organization(sp.dataProcessorOrganization, 'sub-processor');
    if (!uuid) continue;
    subs.push({
      dataProcessorOrganizationUuid: uuid,
      basisForTransferUuid: r.option('data-processing-registration-basis-for-transfer-types', sp.basisForTransfer),
      transferToInsecureThirdCountry: yesNo(
        sp.transferToInsecureThirdCountry,
        `general.subDataProcessors[${i}].transferToInsecureThirdCountry`,
        r,
      ),
      insecureThirdCountrySubjectToDataProcessingUuid: r.option(
        'data-processing-registration-country-types',
        sp.insecureThirdCountrySubjectToDataProcessing,
      ),
    });
  }
  const mainContract = g.mainContract?.uuid ?? null;
  const dates = (o.oversightDates ?? []).map((d, i) => ({
    completedAt: r.day(d.completedAt, `oversight.oversightDates[${i}].completedAt`) ?? '',
    remark: text(d.remark),
  }));
  if (dates.some((d) => !d.completedAt)) r.problem ??= 'an oversight date has no completedAt';
  const value: Omit<DprWrite, 'externalReferences'> = {
    name,
    general: {
      dataResponsibleUuid: r.option('data-processing-registration-data-responsible-types', g.dataResponsible),
      dataResponsibleRemark: text(g.dataResponsibleRemark),
      isAgreementConcluded: agreementConcluded(g.isAgreementConcluded, r),
      isAgreementConcludedRemark: text(g.isAgreementConcludedRemark),
      agreementConcludedAt: r.day(g.agreementConcludedAt, 'general.agreementConcludedAt'),
      basisForTransferUuid: r.option('data-processing-registration-basis-for-transfer-types', g.basisForTransfer),
      transferToInsecureThirdCountries: yesNo(g.transferToInsecureThirdCountries, 'general.transferToInsecureThirdCountries', r),
      insecureCountriesSubjectToDataTransferUuids: r.options(
        'data-processing-registration-country-types',
        g.insecureCountriesSubjectToDataTransfer,
      ),
      dataProcessorUuids: [...processors].sort(),
      hasSubDataProcessors: yesNo(g.hasSubDataProcessors, 'general.hasSubDataProcessors', r),
      subDataProcessors: subs,
      mainContractUuid: mainContract && context.contractKnown(mainContract) ? mainContract : null,
      responsibleOrganizationUnitUuid: r.unit(g.responsibleOrganizationUnit, 'responsible organisation unit'),
    },
    systemUsageUuids: r.links(k.systemUsages, (u) => context.usageKnown(u), 'system usage'),
    oversight: {
      oversightOptionUuids: r.options('data-processing-registration-oversight-types', o.oversightOptions),
      oversightOptionsRemark: text(o.oversightOptionsRemark),
      oversightInterval: interval,
      oversightIntervalRemark: text(o.oversightIntervalRemark),
      isOversightCompleted: yesNo(o.isOversightCompleted, 'oversight.isOversightCompleted', r),
      oversightCompletedRemark: text(o.oversightCompletedRemark),
      oversightDates: dates.sort((x, y) => x.completedAt.localeCompare(y.completedAt)),
      oversightScheduledInspectionDate: r.day(o.oversightScheduledInspectionDate, 'oversight.oversightScheduledInspectionDate'),
    },
    roles: r.roles('DataProcessingRegistration', k.roles),
  };
  return r.done(references(k.externalReferences), (externalReferences) => ({ ...value, externalReferences }));
}

export function currentDpr(d: DataProcessingRegistrationResponse): DprWrite {
  const g = d.general;
  const o = d.oversight;
  return {
    name: d.name,
    general: {
      dataResponsibleUuid: pairUuid(g.dataResponsible),
      dataResponsibleRemark: g.dataResponsibleRemark,
      isAgreementConcluded: g.isAgreementConcluded,
      isAgreementConcludedRemark: g.isAgreementConcludedRemark,
      agreementConcludedAt: g.agreementConcludedAt,
      basisForTransferUuid: pairUuid(g.basisForTransfer),
      transferToInsecureThirdCountries: g.transferToInsecureThirdCountries,
      insecureCountriesSubjectToDataTransferUuids: g.insecureCountriesSubjectToDataTransfer.map((c) => c.uuid).sort(),
      dataProcessorUuids: g.dataProcessors.map((p) => p.uuid).sort(),
      hasSubDataProcessors: g.hasSubDataProcessors,
      subDataProcessors: g.subDataProcessors.map((s) => ({
        dataProcessorOrganizationUuid: s.dataProcessorOrganization.uuid,
        basisForTransferUuid: pairUuid(s.basisForTransfer),
        transferToInsecureThirdCountry: s.transferToInsecureThirdCountry,
        insecureThirdCountrySubjectToDataProcessingUuid: pairUuid(s.insecureThirdCountrySubjectToDataProcessing),
      })),
      mainContractUuid: pairUuid(g.mainContract),
      responsibleOrganizationUnitUuid: pairUuid(g.responsibleOrganizationUnit),
    },
    systemUsageUuids: d.systemUsages.map((u) => u.uuid).sort(),
    oversight: {
      oversightOptionUuids: o.oversightOptions.map((x) => x.uuid).sort(),
      oversightOptionsRemark: o.oversightOptionsRemark,
      oversightInterval: o.oversightInterval,
      oversightIntervalRemark: o.oversightIntervalRemark,
      isOversightCompleted: o.isOversightCompleted,
      oversightCompletedRemark: o.oversightCompletedRemark,
      oversightDates: o.oversightDates
        .map((x) => ({ completedAt: x.completedAt, remark: x.remark }))
        .sort((x, y) => x.completedAt.localeCompare(y.completedAt)),
      oversightScheduledInspectionDate: o.oversightScheduledInspectionDate,
    },
    roles: sortedRoles(d.roles.map((x) => ({ roleUuid: x.role.uuid, userUuid: x.user.uuid }))),
    externalReferences: currentReferences(d.externalReferences),
  };
}
