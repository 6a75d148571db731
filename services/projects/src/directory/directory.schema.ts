import { Schema } from 'mongoose';

/**
 * The project service's copies of identity's organisations, units, users and per-object role types. Each row carries the
 * identity aggregate version it reflects (newer events win) and a tombstone flag, so a deletion is never undone by a
 * late event and a deleted object is not read through again.
 */
const options = { versionKey: false, minimize: false, id: false } as const;

export const DIRECTORY_ORGANIZATION_MODEL = 'DirectoryOrganization';
export const directoryOrganizationSchema = new Schema(
  {
    _id: { type: String, required: true },
    name: { type: String, required: true },
    cvr: { type: String, default: null },
    organizationType: { type: String, required: true },
    version: { type: Number, required: true },
    deleted: { type: Boolean, required: true },
  },
  { ...options, collection: 'directory_organizations' },
);

export const DIRECTORY_UNIT_MODEL = 'DirectoryUnit';
export const directoryUnitSchema = new Schema(
  {
    _id: { type: String, required: true },
    organizationUuid: { type: String, required: true },
    name: { type: String, required: true },
    parentUuid: { type: String, default: null },
    version: { type: Number, required: true },
    deleted: { type: Boolean, required: true },
  },
  { ...options, collection: 'directory_units' },
);
directoryUnitSchema.index({ organizationUuid: 1 });

export const DIRECTORY_USER_MODEL = 'DirectoryUser';
export const directoryUserSchema = new Schema(
  {
    _id: { type: String, required: true },
    name: { type: String, required: true },
    isGlobalAdmin: { type: Boolean, required: true },
    /** The organisations in which the user holds any right. */
    organizationUuids: { type: [String], default: [] },
    version: { type: Number, required: true },
    deleted: { type: Boolean, required: true },
  },
  { ...options, collection: 'directory_users' },
);

export const DIRECTORY_ROLE_TYPE_MODEL = 'DirectoryRoleType';
export const directoryRoleTypeSchema = new Schema(
  {
    _id: { type: String, required: true },
    objectType: { type: String, required: true },
    name: { type: String, required: true },
    hasReadAccess: { type: Boolean, required: true },
    hasWriteAccess: { type: Boolean, required: true },
    isEnabled: { type: Boolean, required: true },
    version: { type: Number, required: true },
    deleted: { type: Boolean, required: true },
  },
  { ...options, collection: 'directory_role_types' },
);
