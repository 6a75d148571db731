import { Schema } from 'mongoose';
import { aggregateSchema } from '@kitos/persistence';

export const USER_MODEL = 'User';

export const userSchema = aggregateSchema(
  {
    firstName: { type: String, required: true },
    lastName: { type: String, required: true },
    email: { type: String, required: true },
    /** Lower-cased e-mail: unique, and what logins look up. */
    emailKey: { type: String, required: true },
    phoneNumber: { type: String, default: null },
    passwordHash: { type: String, default: null },
    hasApiAccess: { type: Boolean, required: true },
    hasStakeholderAccess: { type: Boolean, required: true },
    isSystemIntegrator: { type: Boolean, required: true },
    isGlobalAdmin: { type: Boolean, required: true },
    rights: { type: [new Schema({ organizationUuid: String, role: String }, { _id: false })], default: [] },
    createdAt: { type: Date, required: true },
    lastModified: { type: Date, required: true },
    /** How identity providers know the user (SAML): the IdP's id and the persistent identifier it sends. */
    ssoIdentities: { type: [new Schema({ idp: String, nameId: String }, { _id: false })], default: [] },
  },
  'users',
);
userSchema.index({ emailKey: 1 }, { unique: true });
userSchema.index({ deleted: 1, isGlobalAdmin: 1 });
userSchema.index({ deleted: 1, 'rights.organizationUuid': 1 });
userSchema.index({ 'ssoIdentities.idp': 1, 'ssoIdentities.nameId': 1 });
