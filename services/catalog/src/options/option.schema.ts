import { aggregateSchema } from '@kitos/persistence';

export const OPTION_MODEL = 'OptionValue';
export const LOCAL_OPTION_MODEL = 'LocalOptionSetting';

export const optionSchema = aggregateSchema(
  {
    kind: { type: String, required: true },
    name: { type: String, required: true },
    nameKey: { type: String, required: true },
    description: { type: String, default: null },
    isObligatory: { type: Boolean, required: true },
    isEnabled: { type: Boolean, required: true },
    priority: { type: Number, required: true },
    createdAt: { type: Date, required: true },
    lastModified: { type: Date, required: true },
    lastModifiedByUserUuid: { type: String, default: null },
  },
  'option_values',
);
optionSchema.index({ kind: 1, nameKey: 1 }, { unique: true });
optionSchema.index({ kind: 1, priority: -1, nameKey: 1, _id: 1 });

/** `_id` is derived from organisation and value (see option-ids), so a setting is read by `_id` alone. */
export const localOptionSchema = aggregateSchema(
  {
    organizationUuid: { type: String, required: true },
    kind: { type: String, required: true },
    optionUuid: { type: String, required: true },
    isActive: { type: Boolean, required: true },
    description: { type: String, default: null },
    lastModified: { type: Date, required: true },
    lastModifiedByUserUuid: { type: String, default: null },
  },
  'local_option_settings',
);
localOptionSchema.index({ organizationUuid: 1, kind: 1 });
