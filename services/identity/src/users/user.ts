import type { OrganizationRight } from '@kitos/contracts';

export interface User extends Record<string, unknown> {
  firstName: string;
  lastName: string;
  email: string;
  emailKey: string;
  phoneNumber: string | null;
  passwordHash: string | null;
  hasApiAccess: boolean;
  hasStakeholderAccess: boolean;
  isSystemIntegrator: boolean;
  isGlobalAdmin: boolean;
  rights: OrganizationRight[];
  createdAt: Date;
  lastModified: Date;
  /** Set by SAML single sign-on; absent on users who never signed in that way. */
  ssoIdentities?: SsoIdentity[];
}

export interface SsoIdentity {
  readonly idp: string;
  readonly nameId: string;
}

export const emailKeyOf = (email: string) => email.trim().toLowerCase();
