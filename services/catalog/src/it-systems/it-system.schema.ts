import { aggregateSchema } from '@kitos/persistence';

export const IT_SYSTEM_MODEL = 'ItSystem';

export const itSystemSchema = aggregateSchema(
  {
    organizationUuid: { type: String, required: true },
    name: { type: String, required: true },
    /** Normalised name: case-insensitive uniqueness and search on both MongoDB and FerretDB. */
    nameKey: { type: String, required: true },
    formerName: { type: String, default: null },
    description: { type: String, default: null },
    scope: { type: String, required: true },
    deactivated: { type: Boolean, required: true },
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
