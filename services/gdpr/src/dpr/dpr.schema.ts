import { Schema } from 'mongoose';
import { aggregateSchema } from '@kitos/persistence';

export const DPR_MODEL = 'DataProcessingRegistration';

const optionalString = { type: String, default: null };
const list = { type: [String], default: [] };
const objects = { type: [Schema.Types.Mixed], default: [] };

export const dprSchema = aggregateSchema(
  {
    organizationUuid: { type: String, required: true },
    name: { type: String, required: true },
    nameKey: { type: String, required: true },
    nameLower: { type: String, required: true },
    dataResponsibleUuid: optionalString,
    dataResponsibleRemark: optionalString,
    isAgreementConcluded: optionalString,
    isAgreementConcludedRemark: optionalString,
    agreementConcludedAt: optionalString,
    basisForTransferUuid: optionalString,
    transferToInsecureThirdCountries: optionalString,
    insecureCountryUuids: list,
    dataProcessorUuids: list,
    hasSubDataProcessors: optionalString,
    subDataProcessors: objects,
    subDataProcessorUuids: list,
    mainContractUuid: optionalString,
    responsibleUnitUuid: optionalString,
    responsibleUnitName: optionalString,
    systemUsageUuids: list,
    oversightOptionUuids: list,
    oversightOptionsRemark: optionalString,
    oversightInterval: optionalString,
    oversightIntervalRemark: optionalString,
    isOversightCompleted: optionalString,
    oversightCompletedRemark: optionalString,
    oversightDates: objects,
    oversightScheduledInspectionDate: optionalString,
    nextOversightDate: optionalString,
    roles: objects,
    externalReferences: objects,
    createdAt: { type: Date, required: true },
    createdByUserUuid: optionalString,
    lastModified: { type: Date, required: true },
    lastModifiedByUserUuid: optionalString,
  },
  'data_processing_registrations',
);
/** Names are unique per organisation (case-insensitive); a deleted registration's key is replaced so the name can be used again. */
dprSchema.index({ nameKey: 1 }, { unique: true });
dprSchema.index({ deleted: 1, organizationUuid: 1, createdAt: 1, _id: 1 });
dprSchema.index({ deleted: 1, organizationUuid: 1, lastModified: 1, _id: 1 });
dprSchema.index({ systemUsageUuids: 1 });
dprSchema.index({ mainContractUuid: 1 });
dprSchema.index({ deleted: 1, organizationUuid: 1, nameLower: 1, _id: 1 });
