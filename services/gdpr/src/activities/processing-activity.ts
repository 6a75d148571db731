import type { ControllerRole, DataSensitivityLevel, LegalBasis } from '@kitos/contracts';

export interface DataCategory {
  dataSubjectCategory: string;
  personalDataCategory: string;
  sensitivity: DataSensitivityLevel | null;
  retentionPeriod: string | null;
  retentionMonths: number | null;
}

export interface Recipient {
  name: string;
  category: string | null;
  thirdCountry: boolean;
  country: string | null;
  transferBasis: string | null;
}

export interface JointController {
  name: string;
  contact: string | null;
}

/** A processing activity [Behandlingsaktivitet] of one organisation: the unit of its record of processing. */
export interface ProcessingActivity extends Record<string, unknown> {
  organizationUuid: string;
  name: string;
  /** `<organizationUuid>:<name in lower case>` while live, unique: one name per organisation. */
  nameKey: string;
  description: string | null;
  purposes: string[];
  legalBases: LegalBasis[];
  nationalLawReferences: string[];
  dataCategories: DataCategory[];
  recipients: Recipient[];
  systemUsageUuids: string[];
  controllerRole: ControllerRole;
  jointControllers: JointController[];
  representative: string | null;
  securityMeasures: string | null;
  dataSource: string | null;
  createdAt: Date;
  createdByUserUuid: string | null;
  lastModified: Date;
  lastModifiedByUserUuid: string | null;
}

export function nameKeyOf(organizationUuid: string, name: string): string {
  return `${organizationUuid}:${name.trim().toLocaleLowerCase('da')}`;
}

/** The fields a write sets, by their API names (what field changes in events are made of). */
export const ACTIVITY_FIELDS = [
  'name',
  'description',
  'purposes',
  'legalBases',
  'nationalLawReferences',
  'dataCategories',
  'recipients',
  'systemUsageUuids',
  'controllerRole',
  'jointControllers',
  'representative',
  'securityMeasures',
  'dataSource',
] as const;
export type ActivityField = (typeof ACTIVITY_FIELDS)[number];

/** Human-readable legal basis: `Art6-1-e` → `GDPR art. 6, stk. 1, litra e`. */
export function legalBasisText(basis: LegalBasis): string {
  const [article, paragraph, letter] = basis.replace('Art', '').split('-');
  return paragraph ? `GDPR art. ${article}, stk. ${paragraph}, litra ${letter}` : `GDPR art. ${article}`;
}
