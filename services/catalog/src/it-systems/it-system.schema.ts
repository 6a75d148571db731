import { Schema } from 'mongoose';
import { aggregateSchema } from '@kitos/persistence';

export const IT_SYSTEM_MODEL = 'ItSystem';

const externalReferenceSchema = new Schema(
  {
    uuid: { type: String, required: true },
    title: { type: String, required: true },
    documentId: { type: String, default: null },
    url: { type: String, default: null },
    masterReference: { type: Boolean, required: true },
  },
  { _id: false, id: false, versionKey: false, minimize: false },
);

export const itSystemSchema = aggregateSchema(
  {
    organizationUuid: { type: String, required: true },
    name: { type: String, required: true },
    /** Normalised name: case-insensitive uniqueness and search on both MongoDB and FerretDB. */
    nameKey: { type: String, required: true },
    formerName: { type: String, default: null },
    description: { type: String, default: null },
    externalUuid: { type: String, default: null },
    parentUuid: { type: String, default: null },
    rightsHolderUuid: { type: String, default: null },
    businessTypeUuid: { type: String, default: null },
    kleUuids: { type: [String], default: [] },
    scope: { type: String, required: true },
    deactivated: { type: Boolean, required: true },
    deactivationReason: { type: String, default: null },
    recommendedArchiveDuty: { type: String, default: 'Undecided' },
    recommendedArchiveDutyComment: { type: String, default: null },
    externalReferences: { type: [externalReferenceSchema], default: [] },
    legalName: { type: String, default: null },
    legalDataProcessorName: { type: String, default: null },
    createdAt: { type: Date, required: true },
    createdByUserUuid: { type: String, default: null },
    lastModified: { type: Date, required: true },
    lastModifiedByUserUuid: { type: String, default: null },
  },
  'it_systems',
);
itSystemSchema.index({ organizationUuid: 1, nameKey: 1 }, { unique: true });
itSystemSchema.index({ deleted: 1, createdAt: 1, _id: 1 });
itSystemSchema.index({ deleted: 1, lastModified: 1, _id: 1 });
itSystemSchema.index({ deleted: 1, nameKey: 1, _id: 1 });
itSystemSchema.index({ parentUuid: 1 });
