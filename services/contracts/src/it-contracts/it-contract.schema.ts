import { Schema } from 'mongoose';
import { aggregateSchema } from '@kitos/persistence';

export const IT_CONTRACT_MODEL = 'ItContract';

const optionalString = { type: String, default: null };
const optionalNumber = { type: Number, default: null };
const optionalMixed = { type: Schema.Types.Mixed, default: null };
const list = { type: [Schema.Types.Mixed], default: [] };

export const itContractSchema = aggregateSchema(
  {
    organizationUuid: { type: String, required: true },
    name: { type: String, required: true },
    nameKey: { type: String, required: true },
    parentUuid: optionalString,
    contractId: optionalString,
    contractType: optionalMixed,
    contractTemplate: optionalMixed,
    agreementElements: list,
    notes: optionalString,
    criticality: optionalMixed,
    enforcedValid: { type: Boolean, default: false },
    validFrom: optionalString,
    validTo: optionalString,
    requireValidParent: { type: Boolean, default: false },
    purchaseType: optionalMixed,
    procurementStrategy: optionalMixed,
    procurementPlanQuarter: optionalNumber,
    procurementPlanYear: optionalNumber,
    procurementInitiated: optionalString,
    supplierUuid: optionalString,
    supplierSigned: { type: Boolean, default: false },
    supplierSignedBy: optionalString,
    supplierSignedAt: optionalString,
    responsibleUnitUuid: optionalString,
    responsibleUnitName: optionalString,
    responsibleSigned: { type: Boolean, default: false },
    responsibleSignedBy: optionalString,
    responsibleSignedAt: optionalString,
    systemUsageUuids: { type: [String], default: [] },
    dataProcessingRegistrationUuids: { type: [String], default: [] },
    operationsRemunerationStartedAt: optionalString,
    paymentFrequency: optionalMixed,
    paymentModel: optionalMixed,
    priceRegulation: optionalMixed,
    durationYears: optionalNumber,
    durationMonths: optionalNumber,
    isContinuous: { type: Boolean, default: false },
    extensionOptions: optionalMixed,
    extensionOptionCount: optionalNumber,
    extensionOptionMonths: optionalNumber,
    extensionOptionsUsed: { type: Number, default: 0 },
    irrevocableUntil: optionalString,
    terminatedAt: optionalString,
    noticePeriod: optionalMixed,
    noticePeriodMonths: optionalNumber,
    noticePeriodExtendsCurrent: { type: Boolean, default: null },
    noticeByEndOf: optionalString,
    internalPayments: list,
    externalPayments: list,
    roles: list,
    externalReferences: list,
    createdAt: { type: Date, required: true },
    createdByUserUuid: optionalString,
    lastModified: { type: Date, required: true },
    lastModifiedByUserUuid: optionalString,
  },
  'it_contracts',
);
/** One name per organisation; a deleted contract's key is replaced so the name can be used again. */
itContractSchema.index({ nameKey: 1 }, { unique: true });
itContractSchema.index({ deleted: 1, organizationUuid: 1, createdAt: 1, _id: 1 });
itContractSchema.index({ deleted: 1, organizationUuid: 1, lastModified: 1, _id: 1 });
itContractSchema.index({ parentUuid: 1 });
itContractSchema.index({ systemUsageUuids: 1 });
itContractSchema.index({ dataProcessingRegistrationUuids: 1 });
