import type { LifeCycleStatus, YesNoPartially, YesNoUndecided } from '@kitos/contracts';

export interface UsageUnit {
  uuid: string;
  /** The unit's name when it was last assigned (from the directory's local copy). */
  name: string;
}

export interface UsageRole {
  roleUuid: string;
  /** The role's name when it was last assigned. */
  roleName: string;
  userUuid: string;
}

export interface UsageReference {
  uuid: string;
  title: string;
  documentId: string | null;
  url: string | null;
  masterReference: boolean;
}

/** One organisation's use of an IT system (KITOS `ItSystemUsage`), without its GDPR, archiving and relation parts. */
export interface ItSystemUsage extends Record<string, unknown> {
  organizationUuid: string;
  systemUuid: string;
  /** `<organizationUuid>:<systemUuid>` while live, unique: one usage per organisation and system. */
  identityKey: string;
  localSystemId: string | null;
  localCallName: string | null;
  systemVersion: string | null;
  notes: string | null;
  dataClassificationUuid: string | null;
  expectedUsersLowerBound: number | null;
  expectedUsersUpperBound: number | null;
  lifeCycleStatus: LifeCycleStatus | null;
  /** Danish calendar days, `YYYY-MM-DD`. */
  validFrom: string | null;
  validTo: string | null;
  containsAITechnology: YesNoUndecided | null;
  webAccessibilityCompliance: YesNoPartially | null;
  lastWebAccessibilityCheck: string | null;
  webAccessibilityNotes: string | null;
  /** The main contract [Hovedkontrakt]: one of the contracts covering the usage (known from the contracts service's events). */
  mainContractUuid: string | null;
  usingUnits: UsageUnit[];
  responsibleUnitUuid: string | null;
  addedKleUuids: string[];
  removedKleUuids: string[];
  roles: UsageRole[];
  externalReferences: UsageReference[];
  createdAt: Date;
  createdByUserUuid: string | null;
  lastModified: Date;
  lastModifiedByUserUuid: string | null;
}

export function identityKeyOf(organizationUuid: string, systemUuid: string): string {
  return `${organizationUuid}:${systemUuid}`;
}

/** The sections a PUT or PATCH writes, each replaced as a whole. */
export const USAGE_SECTIONS = ['general', 'organizationUsage', 'localKleDeviations', 'roles', 'externalReferences'] as const;
export type UsageSection = (typeof USAGE_SECTIONS)[number];

/** The usage as API field paths → values: what field-level changes in events are made of. */
export function usageFields(u: ItSystemUsage): Record<string, unknown> {
  return {
    'general.localSystemId': u.localSystemId,
    'general.localCallName': u.localCallName,
    'general.systemVersion': u.systemVersion,
    'general.notes': u.notes,
    'general.dataClassificationUuid': u.dataClassificationUuid,
    'general.numberOfExpectedUsers':
      u.expectedUsersLowerBound === null ? null : { lowerBound: u.expectedUsersLowerBound, upperBound: u.expectedUsersUpperBound },
    'general.validity.lifeCycleStatus': u.lifeCycleStatus,
    'general.validity.validFrom': u.validFrom,
    'general.validity.validTo': u.validTo,
    'general.containsAITechnology': u.containsAITechnology,
    'general.webAccessibilityCompliance': u.webAccessibilityCompliance,
    'general.lastWebAccessibilityCheck': u.lastWebAccessibilityCheck,
    'general.webAccessibilityNotes': u.webAccessibilityNotes,
    'general.mainContractUuid': u.mainContractUuid,
    'organizationUsage.usingOrganizationUnitUuids': u.usingUnits.map((unit) => unit.uuid),
    'organizationUsage.responsibleOrganizationUnitUuid': u.responsibleUnitUuid,
    'localKleDeviations.addedKLEUuids': u.addedKleUuids,
    'localKleDeviations.removedKLEUuids': u.removedKleUuids,
    roles: u.roles.map((r) => ({ roleUuid: r.roleUuid, userUuid: r.userUuid })),
    externalReferences: u.externalReferences,
  };
}
