import type { ContactDetails, OrganizationType } from '@kitos/contracts';

export interface Organization extends Record<string, unknown> {
  name: string;
  nameKey: string;
  cvr: string | null;
  cvrKey: string;
  organizationType: OrganizationType;
  address: string | null;
  email: string | null;
  phone: string | null;
  contactPerson: ContactDetails | null;
  dataController: ContactDetails | null;
  dataProtectionOfficer: ContactDetails | null;
  createdAt: Date;
  lastModified: Date;
}
