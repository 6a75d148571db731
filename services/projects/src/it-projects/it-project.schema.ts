import { Schema } from 'mongoose';
import { aggregateSchema } from '@kitos/persistence';

export const IT_PROJECT_MODEL = 'ItProject';

const optionalString = { type: String, default: null };
const list = { type: [Schema.Types.Mixed], default: [] };

export const itProjectSchema = aggregateSchema(
  {
    organizationUuid: { type: String, required: true },
    name: { type: String, required: true },
    nameKey: { type: String, required: true },
    nameLower: { type: String, required: true },
    projectId: optionalString,
    projectTypeUuid: optionalString,
    projectTypeName: optionalString,
    description: optionalString,
    notes: optionalString,
    responsibleUnitUuid: optionalString,
    responsibleUnitName: optionalString,
    parentProjectUuid: optionalString,
    archived: { type: Boolean, default: false },
    currentPhase: optionalString,
    phaseDates: list,
    roles: list,
    systemUsageUuids: { type: [String], default: [] },
    contractUuids: { type: [String], default: [] },
    externalReferences: list,
    milestones: list,
    tasks: list,
    statusReports: list,
    economyYears: list,
    risks: list,
    stakeholders: list,
    benefits: list,
    createdAt: { type: Date, required: true },
    createdByUserUuid: optionalString,
    lastModified: { type: Date, required: true },
    lastModifiedByUserUuid: optionalString,
  },
  'it_projects',
);
/** Names are unique per organisation; a deleted project's key is replaced so the name can be used again. */
itProjectSchema.index({ nameKey: 1 }, { unique: true });
itProjectSchema.index({ deleted: 1, organizationUuid: 1, createdAt: 1, _id: 1 });
itProjectSchema.index({ deleted: 1, organizationUuid: 1, lastModified: 1, _id: 1 });
itProjectSchema.index({ deleted: 1, organizationUuid: 1, nameLower: 1, _id: 1 });
itProjectSchema.index({ parentProjectUuid: 1 });
itProjectSchema.index({ systemUsageUuids: 1 });
itProjectSchema.index({ contractUuids: 1 });
