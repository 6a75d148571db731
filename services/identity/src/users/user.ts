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
  failedLogins: number;
  lockedUntil: Date | null;
  createdAt: Date;
  lastModified: Date;
}

export const emailKeyOf = (email: string) => email.trim().toLowerCase();
