import type {
  DataProcessingRegistrationSnapshot,
  ItContractSnapshot,
  ItInterfaceSnapshot,
  ItProjectSnapshot,
  ItSystemSnapshot,
  ItSystemUsageSnapshot,
  OrganizationSnapshot,
  OrganizationUnitSnapshot,
  SystemRelationSnapshot,
  UsageArchiveSnapshot,
  UsageGdprSnapshot,
} from '@kitos/contracts';

/**
 * The read models of the reporting service, one collection each, built only from the domain events. Every document
 * holds the newest snapshot of one object (`data`), the version of the event that wrote it, and a tombstone after a
 * deletion (the last snapshot stays, so that the delta feed and history can name the object).
 */
export interface ReadModelData {
  'it-systems': ItSystemSnapshot;
  'it-interfaces': ItInterfaceSnapshot;
  /** Usages carry their GDPR profile (gdpr) and archiving profile (archiving) as attachments: see `UsageDoc`. */
  'it-system-usages': ItSystemUsageSnapshot;
  'system-relations': SystemRelationSnapshot;
  'it-contracts': ItContractSnapshot;
  'data-processing-registrations': DataProcessingRegistrationSnapshot;
  'it-projects': ItProjectSnapshot;
  organizations: OrganizationSnapshot;
  'organization-units': OrganizationUnitSnapshot;
}

export type ReadModelKind = keyof ReadModelData;

export const READ_MODEL_KINDS: readonly ReadModelKind[] = [
  'it-systems',
  'it-interfaces',
  'it-system-usages',
  'system-relations',
  'it-contracts',
  'data-processing-registrations',
  'it-projects',
  'organizations',
  'organization-units',
];

/** One object of one read model. */
export interface ReadModelDoc<TData> {
  /** The object's uuid. */
  _id: string;
  /** The owning organisation (an organisation's own uuid for `organizations`); null for objects of no organisation. */
  organizationUuid: string | null;
  /** The aggregate version of the newest applied event (0 while only attachments arrived). */
  version: number;
  deleted: boolean;
  deletedAt: Date | null;
  /** `occurredAt` of the newest applied event of the object itself. */
  lastEventAt: Date | null;
  /** The newest snapshot; null until the object's created event arrived (attachments may come first). */
  data: TData | null;
}

/** A profile kept by another service about a usage (gdpr's usage GDPR, archiving's usage archive), versioned on its own. */
export interface Attachment<TData> {
  version: number;
  deleted: boolean;
  data: TData | null;
}

export interface UsageDoc extends ReadModelDoc<ItSystemUsageSnapshot> {
  gdpr: Attachment<UsageGdprSnapshot> | null;
  archive: Attachment<UsageArchiveSnapshot> | null;
}

export type DocOf<K extends ReadModelKind> = K extends 'it-system-usages' ? UsageDoc : ReadModelDoc<ReadModelData[K]>;

/** The filter of the objects that exist: created (data present) and not deleted. */
export const LIVE = { deleted: false, data: { $ne: null } } as const;
