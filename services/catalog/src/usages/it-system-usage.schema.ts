import { Schema } from 'mongoose';
import { aggregateSchema } from '@kitos/persistence';

export const IT_SYSTEM_USAGE_MODEL = 'ItSystemUsage';

const optionalString = { type: String, default: null };
const optionalNumber = { type: Number, default: null };

export const itSystemUsageSchema = aggregateSchema(
  {
    organizationUuid: { type: String, required: true },
    systemUuid: { type: String, required: true },
    identityKey: { type: String, required: true },
    localSystemId: optionalString,
    localCallName: optionalString,
    systemVersion: optionalString,
    notes: optionalString,
    dataClassificationUuid: optionalString,
    expectedUsersLowerBound: optionalNumber,
    expectedUsersUpperBound: optionalNumber,
    lifeCycleStatus: optionalString,
    validFrom: optionalString,
    validTo: optionalString,
    containsAITechnology: optionalString,
    webAccessibilityCompliance: optionalString,
    lastWebAccessibilityCheck: optionalString,
    webAccessibilityNotes: optionalString,
    mainContractUuid: optionalString,
    usingUnits: { type: [Schema.Types.Mixed], default: [] },
    responsibleUnitUuid: optionalString,
    addedKleUuids: { type: [String], default: [] },
    removedKleUuids: { type: [String], default: [] },
    roles: { type: [Schema.Types.Mixed], default: [] },
    externalReferences: { type: [Schema.Types.Mixed], default: [] },
    createdAt: { type: Date, required: true },
    createdByUserUuid: optionalString,
    lastModified: { type: Date, required: true },
    lastModifiedByUserUuid: optionalString,
  },
  'it_system_usages',
);
/** One usage per organisation and system; a deleted usage's key is replaced so the pair can be used again. */
itSystemUsageSchema.index({ identityKey: 1 }, { unique: true });
itSystemUsageSchema.index({ deleted: 1, organizationUuid: 1, createdAt: 1, _id: 1 });
itSystemUsageSchema.index({ deleted: 1, organizationUuid: 1, lastModified: 1, _id: 1 });
itSystemUsageSchema.index({ deleted: 1, systemUuid: 1 });
itSystemUsageSchema.index({ mainContractUuid: 1 });
