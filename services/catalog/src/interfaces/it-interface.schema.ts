import { Schema } from 'mongoose';
import { aggregateSchema } from '@kitos/persistence';

export const IT_INTERFACE_MODEL = 'ItInterface';

const dataRowSchema = new Schema(
  {
    uuid: { type: String, required: true },
    description: { type: String, default: null },
    dataTypeUuid: { type: String, default: null },
  },
  { _id: false, minimize: false, strict: 'throw' },
);

export const itInterfaceSchema = aggregateSchema(
  {
    organizationUuid: { type: String, required: true },
    name: { type: String, required: true },
    nameKey: { type: String, required: true },
    interfaceId: { type: String, default: null },
    interfaceIdKey: { type: String, default: '' },
    uniqueKey: { type: String, required: true },
    interfaceVersion: { type: String, default: null },
    description: { type: String, default: null },
    urlReference: { type: String, default: null },
    note: { type: String, default: null },
    itInterfaceTypeUuid: { type: String, default: null },
    scope: { type: String, required: true },
    deactivated: { type: Boolean, required: true },
    exposedBySystemUuid: { type: String, default: null },
    data: { type: [dataRowSchema], default: [] },
    createdAt: { type: Date, required: true },
    createdByUserUuid: { type: String, default: null },
    lastModified: { type: Date, required: true },
    lastModifiedByUserUuid: { type: String, default: null },
  },
  'it_interfaces',
);
itInterfaceSchema.index({ organizationUuid: 1, uniqueKey: 1 }, { unique: true });
itInterfaceSchema.index({ exposedBySystemUuid: 1 });
itInterfaceSchema.index({ deleted: 1, createdAt: 1, _id: 1 });
itInterfaceSchema.index({ deleted: 1, lastModified: 1, _id: 1 });
itInterfaceSchema.index({ deleted: 1, nameKey: 1, _id: 1 });
