import { Schema } from 'mongoose';
import { aggregateSchema } from '@kitos/persistence';

export const UNIT_TREE_MODEL = 'OrganizationUnitTree';

const unitSchema = new Schema(
  {
    uuid: { type: String, required: true },
    name: { type: String, required: true },
    parentUuid: { type: String, default: null },
    ean: { type: Number, default: null },
    unitId: { type: String, default: null },
    origin: { type: String, required: true },
    lastModified: { type: Date, default: null },
  },
  { _id: false },
);

/** A role holder on a unit; kept beside the units (not inside them: no arrays within array elements). */
const unitRightSchema = new Schema(
  {
    unitUuid: { type: String, required: true },
    roleUuid: { type: String, required: true },
    roleName: { type: String, required: true },
    userUuid: { type: String, required: true },
  },
  { _id: false },
);

/** One document per organisation holding its whole unit tree, so that every tree rule holds within one write. */
export const unitTreeSchema = aggregateSchema(
  {
    units: { type: [unitSchema], default: [] },
    unitRights: { type: [unitRightSchema], default: [] },
    lastModified: { type: Date, required: true },
  },
  'organization_unit_trees',
);
