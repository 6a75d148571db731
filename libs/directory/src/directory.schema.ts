import { Schema } from 'mongoose';

/**
 * A service's copies of identity's organisations, units, users and per-object role types. Each row carries the
 * identity aggregate version it reflects (newer events win) and a tombstone flag, so a deletion is never undone by a
 * late event and a deleted object is not read through again. Collections are `<prefix>_organizations`,
 * `<prefix>_units`, `<prefix>_users` and `<prefix>_role_types` (prefix `directory` unless a service says otherwise).
 */
const options = { versionKey: false, minimize: false, id: false } as const;

export function directoryOrganizationSchema(collectionPrefix: string): Schema {
  return new Schema(
    {
      _id: { type: String, required: true },
      name: { type: String, required: true },
      cvr: { type: String, default: null },
      organizationType: { type: String, required: true },
      version: { type: Number, required: true },
      deleted: { type: Boolean, required: true },
    },
    { ...options, collection: `${collectionPrefix}_organizations` },
  );
}

export function directoryUnitSchema(collectionPrefix: string): Schema {
  const schema = new Schema(
    {
      _id: { type: String, required: true },
      organizationUuid: { type: String, required: true },
      name: { type: String, required: true },
      parentUuid: { type: String, default: null },
      version: { type: Number, required: true },
      deleted: { type: Boolean, required: true },
    },
    { ...options, collection: `${collectionPrefix}_units` },
  );
  schema.index({ organizationUuid: 1 });
  return schema;
}

export function directoryUserSchema(collectionPrefix: string): Schema {
  return new Schema(
    {
      _id: { type: String, required: true },
      name: { type: String, required: true },
      isGlobalAdmin: { type: Boolean, required: true },
      /** The organisations in which the user holds any right. */
      organizationUuids: { type: [String], default: [] },
      version: { type: Number, required: true },
      deleted: { type: Boolean, required: true },
    },
    { ...options, collection: `${collectionPrefix}_users` },
  );
}

export function directoryRoleTypeSchema(collectionPrefix: string): Schema {
  return new Schema(
    {
      _id: { type: String, required: true },
      objectType: { type: String, required: true },
      name: { type: String, required: true },
      hasReadAccess: { type: Boolean, required: true },
      hasWriteAccess: { type: Boolean, required: true },
      isEnabled: { type: Boolean, required: true },
      disabledInOrganizationUuids: { type: [String], default: [] },
      version: { type: Number, required: true },
      deleted: { type: Boolean, required: true },
    },
    { ...options, collection: `${collectionPrefix}_role_types` },
  );
}
