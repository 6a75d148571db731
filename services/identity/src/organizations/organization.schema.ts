import { Schema } from 'mongoose';
import { aggregateSchema } from '@kitos/persistence';

export const ORGANIZATION_MODEL = 'Organization';

const contact = new Schema({ name: String, email: String, phone: String }, { _id: false });

export const organizationSchema = aggregateSchema(
  {
    name: { type: String, required: true },
    nameKey: { type: String, required: true },
    cvr: { type: String, default: null },
    /** The CVR, or a per-organisation placeholder when there is none: unique indexes treat missing values as equal. */
    cvrKey: { type: String, required: true },
    organizationType: { type: String, required: true },
    address: { type: String, default: null },
    email: { type: String, default: null },
    phone: { type: String, default: null },
    contactPerson: { type: contact, default: null },
    dataController: { type: contact, default: null },
    dataProtectionOfficer: { type: contact, default: null },
    createdAt: { type: Date, required: true },
    lastModified: { type: Date, required: true },
  },
  'organizations',
);
organizationSchema.index({ cvrKey: 1 }, { unique: true });
organizationSchema.index({ deleted: 1, nameKey: 1, _id: 1 });
