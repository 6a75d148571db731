import { Schema } from 'mongoose';
import { aggregateSchema } from '@kitos/persistence';

export const KLE_MODEL = 'Kle';
export const KLE_IMPORT_MODEL = 'KleImport';

const entrySchema = new Schema(
  {
    uuid: { type: String, required: true },
    kleNumber: { type: String, required: true },
    description: { type: String, required: true },
    guidance: { type: String, default: null },
    parentUuid: { type: String, default: null },
    validFrom: { type: String, default: null },
    removed: { type: String, default: null },
    lastModified: { type: Date, required: true },
  },
  { _id: false, strict: 'throw' },
);

/**
 * The whole classification in one document (a few thousand small entries): an import is one single-document write
 * together with its event, and a read is one lookup by `_id`, the only filter FerretDB pushes down.
 */
export const kleSchema = aggregateSchema(
  {
    publishedDate: { type: String, default: null },
    importedAt: { type: Date, required: true },
    entries: { type: [entrySchema], default: [] },
  },
  'kle',
);

/** Previews of re-imports, kept for a day so that a global admin can confirm exactly what was shown. */
export const kleImportSchema = new Schema(
  {
    _id: { type: String, required: true },
    baseVersion: { type: Number, required: true },
    publishedDate: { type: String, default: null },
    entries: { type: [Schema.Types.Mixed], default: [] },
    preview: { type: Schema.Types.Mixed, required: true },
    createdAt: { type: Date, required: true },
    createdByUserUuid: { type: String, default: null },
    appliedAt: { type: Date, default: null },
  },
  { collection: 'kle_imports', versionKey: false, minimize: false, id: false, strict: 'throw' },
);
kleImportSchema.index({ createdAt: 1 });
