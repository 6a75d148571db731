import type { ArchiveDutyRecommendation, RegistrationScope } from '@kitos/contracts';

export interface ItSystemExternalReference {
  uuid: string;
  title: string;
  documentId: string | null;
  url: string | null;
  masterReference: boolean;
}

/** The state of an IT system in the shared catalogue (KITOS §2.3). */
export interface ItSystem extends Record<string, unknown> {
  organizationUuid: string;
  name: string;
  nameKey: string;
  formerName: string | null;
  description: string | null;
  externalUuid: string | null;
  parentUuid: string | null;
  rightsHolderUuid: string | null;
  businessTypeUuid: string | null;
  kleUuids: string[];
  scope: RegistrationScope;
  deactivated: boolean;
  /** Why a rights holder deactivated it; cleared when it is activated again. */
  deactivationReason: string | null;
  recommendedArchiveDuty: ArchiveDutyRecommendation;
  recommendedArchiveDutyComment: string | null;
  externalReferences: ItSystemExternalReference[];
  /** KITOS "DBS" legal names: written only through `PATCH …/dbs` (system integrators), not by PUT/PATCH. */
  legalName: string | null;
  legalDataProcessorName: string | null;
  createdAt: Date;
  createdByUserUuid: string | null;
  lastModified: Date;
  lastModifiedByUserUuid: string | null;
}

/** The fields a write may change; everything else is identity, ownership or bookkeeping. */
export const WRITABLE_FIELDS = [
  'name',
  'formerName',
  'description',
  'externalUuid',
  'parentUuid',
  'rightsHolderUuid',
  'businessTypeUuid',
  'kleUuids',
  'scope',
  'deactivated',
  'deactivationReason',
  'recommendedArchiveDuty',
  'recommendedArchiveDutyComment',
  'externalReferences',
] as const;
export type WritableField = (typeof WRITABLE_FIELDS)[number];
export type ItSystemWritable = Pick<ItSystem, WritableField>;

export function nameKeyOf(name: string): string {
  return name.trim().toLocaleLowerCase('da');
}
