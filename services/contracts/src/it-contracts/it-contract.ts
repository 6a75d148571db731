import type { NoticeByEndOf, YesNoUndecided } from '@kitos/contracts';
import type { ContractTerms } from './contract-terms';
import type { Payment } from './contract-economy';

/** An option value as chosen: its uuid and its name at the time it was chosen. */
export interface OptionValue {
  uuid: string;
  name: string;
}

export interface ContractRole {
  roleUuid: string;
  /** The role's name when it was assigned. */
  roleName: string;
  userUuid: string;
}

export interface ContractReference {
  uuid: string;
  title: string;
  documentId: string | null;
  url: string | null;
  masterReference: boolean;
}

/** An IT contract (KITOS `ItContract`) with its economy; dates are Danish calendar days `YYYY-MM-DD`. */
export interface ItContract extends Record<string, unknown> {
  organizationUuid: string;
  name: string;
  /** `<organizationUuid>:<normalised name>` while live, unique: one name per organisation. */
  nameKey: string;
  parentUuid: string | null;
  // general
  contractId: string | null;
  contractType: OptionValue | null;
  contractTemplate: OptionValue | null;
  agreementElements: OptionValue[];
  notes: string | null;
  criticality: OptionValue | null;
  enforcedValid: boolean;
  validFrom: string | null;
  validTo: string | null;
  requireValidParent: boolean;
  // procurement
  purchaseType: OptionValue | null;
  procurementStrategy: OptionValue | null;
  procurementPlanQuarter: number | null;
  procurementPlanYear: number | null;
  procurementInitiated: YesNoUndecided | null;
  // supplier and responsible unit
  supplierUuid: string | null;
  supplierSigned: boolean;
  supplierSignedBy: string | null;
  supplierSignedAt: string | null;
  responsibleUnitUuid: string | null;
  /** The unit's name when it was assigned. */
  responsibleUnitName: string | null;
  responsibleSigned: boolean;
  responsibleSignedBy: string | null;
  responsibleSignedAt: string | null;
  // links
  systemUsageUuids: string[];
  dataProcessingRegistrationUuids: string[];
  // payment model
  operationsRemunerationStartedAt: string | null;
  paymentFrequency: OptionValue | null;
  paymentModel: OptionValue | null;
  priceRegulation: OptionValue | null;
  // agreement period
  durationYears: number | null;
  durationMonths: number | null;
  isContinuous: boolean;
  extensionOptions: OptionValue | null;
  /** Parsed from the extension option's name when chosen ("2 x 1 år" → 2 options of 12 months). */
  extensionOptionCount: number | null;
  extensionOptionMonths: number | null;
  extensionOptionsUsed: number;
  irrevocableUntil: string | null;
  // termination
  terminatedAt: string | null;
  noticePeriod: OptionValue | null;
  /** The notice period option's name as a number of months, when chosen. */
  noticePeriodMonths: number | null;
  noticePeriodExtendsCurrent: boolean | null;
  noticeByEndOf: NoticeByEndOf | null;
  // economy
  internalPayments: Payment[];
  externalPayments: Payment[];
  roles: ContractRole[];
  externalReferences: ContractReference[];
  createdAt: Date;
  createdByUserUuid: string | null;
  lastModified: Date;
  lastModifiedByUserUuid: string | null;
}

/** The parts a PUT or PATCH writes; each section is replaced as a whole. */
export const CONTRACT_PARTS = [
  'name',
  'parentContractUuid',
  'general',
  'procurement',
  'supplier',
  'responsible',
  'systemUsageUuids',
  'dataProcessingRegistrationUuids',
  'paymentModel',
  'agreementPeriod',
  'termination',
  'payments',
  'roles',
  'externalReferences',
] as const;
export type ContractPart = (typeof CONTRACT_PARTS)[number];

/** Case, surrounding and repeated spaces do not make a different name. */
export function normalizeName(name: string): string {
  return name.trim().replace(/\s+/g, ' ').toLocaleLowerCase('da');
}

export function nameKeyOf(organizationUuid: string, name: string): string {
  return `${organizationUuid}:${normalizeName(name)}`;
}

export function termsOf(c: ItContract): ContractTerms {
  return {
    validFrom: c.validFrom,
    validTo: c.validTo,
    enforcedValid: c.enforcedValid,
    requireValidParent: c.requireValidParent,
    terminatedAt: c.terminatedAt,
    noticePeriodMonths: c.noticePeriodMonths,
    noticeByEndOf: c.noticeByEndOf,
    irrevocableUntil: c.irrevocableUntil,
    isContinuous: c.isContinuous,
    durationYears: c.durationYears,
    durationMonths: c.durationMonths,
    extensionOptionCount: c.extensionOptionCount,
    extensionOptionMonths: c.extensionOptionMonths,
    extensionOptionsUsed: c.extensionOptionsUsed,
  };
}

const uuidOf = (o: OptionValue | null) => o?.uuid ?? null;
const paymentFields = (payments: Payment[]) =>
  payments.map((p) => ({
    uuid: p.uuid,
    organizationUnitUuid: p.organizationUnitUuid,
    acquisitionØre: p.acquisitionOre,
    operationØre: p.operationOre,
    otherØre: p.otherOre,
    accountingEntry: p.accountingEntry,
    auditStatus: p.auditStatus,
    auditDate: p.auditDate,
    note: p.note,
  }));

/** The contract as API field paths → values: what field-level changes in events are made of. */
export function contractFields(c: ItContract): Record<string, unknown> {
  return {
    name: c.name,
    parentContractUuid: c.parentUuid,
    'general.contractId': c.contractId,
    'general.contractTypeUuid': uuidOf(c.contractType),
    'general.contractTemplateUuid': uuidOf(c.contractTemplate),
    'general.agreementElementUuids': c.agreementElements.map((e) => e.uuid),
    'general.notes': c.notes,
    'general.criticalityUuid': uuidOf(c.criticality),
    'general.validity.enforcedValid': c.enforcedValid,
    'general.validity.validFrom': c.validFrom,
    'general.validity.validTo': c.validTo,
    'general.validity.requireValidParent': c.requireValidParent,
    'procurement.purchaseTypeUuid': uuidOf(c.purchaseType),
    'procurement.procurementStrategyUuid': uuidOf(c.procurementStrategy),
    'procurement.procurementPlan':
      c.procurementPlanQuarter === null ? null : { quarterOfYear: c.procurementPlanQuarter, year: c.procurementPlanYear },
    'procurement.procurementInitiated': c.procurementInitiated,
    'supplier.organizationUuid': c.supplierUuid,
    'supplier.signed': c.supplierSigned,
    'supplier.signedBy': c.supplierSignedBy,
    'supplier.signedAt': c.supplierSignedAt,
    'responsible.organizationUnitUuid': c.responsibleUnitUuid,
    'responsible.signed': c.responsibleSigned,
    'responsible.signedBy': c.responsibleSignedBy,
    'responsible.signedAt': c.responsibleSignedAt,
    systemUsageUuids: c.systemUsageUuids,
    dataProcessingRegistrationUuids: c.dataProcessingRegistrationUuids,
    'paymentModel.operationsRemunerationStartedAt': c.operationsRemunerationStartedAt,
    'paymentModel.paymentFrequencyUuid': uuidOf(c.paymentFrequency),
    'paymentModel.paymentModelUuid': uuidOf(c.paymentModel),
    'paymentModel.priceRegulationUuid': uuidOf(c.priceRegulation),
    'agreementPeriod.durationYears': c.durationYears,
    'agreementPeriod.durationMonths': c.durationMonths,
    'agreementPeriod.isContinuous': c.isContinuous,
    'agreementPeriod.extensionOptionsUuid': uuidOf(c.extensionOptions),
    'agreementPeriod.extensionOptionsUsed': c.extensionOptionsUsed,
    'agreementPeriod.irrevocableUntil': c.irrevocableUntil,
    'termination.terminatedAt': c.terminatedAt,
    'termination.terms.noticePeriodMonthsUuid': uuidOf(c.noticePeriod),
    'termination.terms.noticePeriodExtendsCurrent': c.noticePeriodExtendsCurrent,
    'termination.terms.noticeByEndOf': c.noticeByEndOf,
    'payments.internal': paymentFields(c.internalPayments),
    'payments.external': paymentFields(c.externalPayments),
    roles: c.roles.map((r) => ({ roleUuid: r.roleUuid, userUuid: r.userUuid })),
    externalReferences: c.externalReferences,
  };
}
