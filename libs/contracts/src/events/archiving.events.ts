import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsDateString,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Min,
  ValidateNested,
} from 'class-validator';
import { ARCHIVE_DUTY_RECOMMENDATIONS, type ArchiveDutyRecommendation } from './catalog.events';
import { FieldChange } from './field-change';
import { defineEvent } from './registry';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
export const ARCHIVE_DUTIES = ['Undecided', 'B', 'K', 'Unknown', 'PreserveDataCanDiscardDocuments'] as const;
export type ArchiveDuty = (typeof ARCHIVE_DUTIES)[number];
export const ARCHIVE_FINDINGS = ['DisagreesWithRecommendation', 'DeliveryOverdue', 'DeletionBeforeApprovedArchiving'] as const;
export type ArchiveFinding = (typeof ARCHIVE_FINDINGS)[number];

/**
 * The contract of the archiving service's events (stream `ARCHIVING`), defined ahead of the service so that gdpr
 * (dashboard), contracts (reminders) and reporting can rely on it. Add properties freely; rename or remove in v2.
 */
export class UsageArchiveSnapshot {
  @IsUUID()
  usageUuid!: string;

  @IsUUID()
  organizationUuid!: string;

  @IsOptional()
  @IsIn(ARCHIVE_DUTIES)
  archiveDuty!: ArchiveDuty | null;

  /** The next delivery to the archive is due on this day (frequency after the last approved period), or null. */
  @IsOptional()
  @Matches(DAY)
  nextDeliveryDue!: string | null;

  /** Findings on the day of the event; `DeletionBeforeApprovedArchiving` is the archive-before-deletion guard. */
  @IsArray()
  @IsIn(ARCHIVE_FINDINGS, { each: true })
  findings!: ArchiveFinding[];

  @IsDateString({ strict: true })
  lastModified!: string;

  // Added by the archiving service (optional, so that consumers written against the first contract stay valid).

  /** The catalogue system of the usage. */
  @IsOptional()
  @IsUUID()
  systemUuid?: string;

  /** Rigsarkivet's recommendation on the catalogue system, as archiving last learnt it. */
  @IsOptional()
  @IsIn(ARCHIVE_DUTY_RECOMMENDATIONS)
  recommendedArchiveDuty?: ArchiveDutyRecommendation | null;

  @IsOptional()
  @IsInt()
  @Min(1)
  frequencyInMonths?: number | null;

  /** End of the latest approved journal period: data up to this day has been delivered and approved. */
  @IsOptional()
  @Matches(DAY)
  latestApprovedPeriodEnd?: string | null;

  /** The deletion due date archiving judged the guard against (from gdpr's usage GDPR events). */
  @IsOptional()
  @Matches(DAY)
  deletionDueDate?: string | null;

  /** Free-text archiving notes [Arkiveringsbemærkninger]: private to the organisation in cross-organisation reports. */
  @IsOptional()
  @IsString()
  notes?: string | null;
}

export class UsageArchiveChangedV1 {
  @ValidateNested()
  @Type(() => UsageArchiveSnapshot)
  archive!: UsageArchiveSnapshot;

  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => FieldChange)
  changes!: FieldChange[];
}

export class UsageArchiveDeletedV1 {
  @IsUUID()
  usageUuid!: string;

  @IsUUID()
  organizationUuid!: string;

  @IsString()
  @IsDateString({ strict: true })
  deletedAt!: string;
}

export const ArchivingEvents = {
  usageArchiveChanged: defineEvent('archiving.usage-archive.changed', 1, UsageArchiveChangedV1),
  usageArchiveDeleted: defineEvent('archiving.usage-archive.deleted', 1, UsageArchiveDeletedV1),
} as const;
