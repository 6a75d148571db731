import { aggregateSchema } from '@kitos/persistence';

export const ROLE_TYPE_MODEL = 'RoleType';

export const roleTypeSchema = aggregateSchema(
  {
    objectType: { type: String, required: true },
    name: { type: String, required: true },
    /** Normalised name: unique per object type. */
    nameKey: { type: String, required: true },
    description: { type: String, default: null },
    descriptionEn: { type: String, default: null },
    practiceRuleIds: { type: [String], default: [] },
    /** Seeded from the role catalogue shipped with the product. */
    builtIn: { type: Boolean, default: false },
    /** Organisations whose local administrators switched the role off. */
    disabledInOrganizationUuids: { type: [String], default: [] },
    hasReadAccess: { type: Boolean, required: true },
    hasWriteAccess: { type: Boolean, required: true },
    isEnabled: { type: Boolean, required: true },
    lastModified: { type: Date, required: true },
  },
  'role_types',
);
roleTypeSchema.index({ objectType: 1, nameKey: 1 }, { unique: true });
