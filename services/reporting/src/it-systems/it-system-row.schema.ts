import { Schema } from 'mongoose';

export const IT_SYSTEM_ROW_MODEL = 'ItSystemRow';

/** One catalogue system as reporting knows it; `version` is the catalogue version it reflects (newer events win). */
export const itSystemRowSchema = new Schema(
  {
    _id: { type: String, required: true },
    organizationUuid: { type: String, required: true },
    name: { type: String, required: true },
    scope: { type: String, required: true },
    deactivated: { type: Boolean, required: true },
    lastModified: { type: Date, required: true },
    version: { type: Number, required: true },
    deleted: { type: Boolean, required: true },
  },
  { collection: 'it_systems', versionKey: false, id: false },
);
itSystemRowSchema.index({ deleted: 1, organizationUuid: 1, _id: 1 });
