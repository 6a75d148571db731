import { aggregateSchema } from '@kitos/persistence';

export const SYSTEM_RELATION_MODEL = 'SystemRelation';

export const systemRelationSchema = aggregateSchema(
  {
    organizationUuid: { type: String, required: true },
    fromSystemUsageUuid: { type: String, required: true },
    toSystemUsageUuid: { type: String, required: true },
    relationInterfaceUuid: { type: String, default: null },
    associatedContractUuid: { type: String, default: null },
    relationFrequencyUuid: { type: String, default: null },
    description: { type: String, default: null },
    urlReference: { type: String, default: null },
    createdAt: { type: Date, required: true },
    createdByUserUuid: { type: String, default: null },
    lastModified: { type: Date, required: true },
    lastModifiedByUserUuid: { type: String, default: null },
  },
  'system_relations',
);
systemRelationSchema.index({ fromSystemUsageUuid: 1, deleted: 1 });
systemRelationSchema.index({ toSystemUsageUuid: 1, deleted: 1 });
systemRelationSchema.index({ organizationUuid: 1, deleted: 1 });
systemRelationSchema.index({ relationInterfaceUuid: 1 });
systemRelationSchema.index({ associatedContractUuid: 1 });
