import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsDateString,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { ARCHIVE_DUTIES, ARCHIVE_FINDINGS, type ArchiveDuty, type ArchiveFinding } from '../../events/archiving.events';
import { RecommendedArchiveDutyResponse } from '../catalog/it-system.dto';
import { IdentityNamePair, IsNonEmptyUuid, Trim } from '../common.dto';
import { JournalPeriodResponse } from './journal-period.dto';

export const ARCHIVE_NOTES_MAX = 10000;
export const ARCHIVE_TEXT_MAX = 1000;
export const ARCHIVE_REFERENCE_MAX = 500;
export const ARCHIVE_NAME_MAX = 200;
/** Longest delivery interval accepted: 50 years. */
export const ARCHIVE_FREQUENCY_MAX_MONTHS = 600;

/**
 * The receiving archive [Modtagende arkiv]: Rigsarkivet, the municipality's own archive (a §7-arkiv, e.g. Københavns
 * Stadsarkiv) or another archive. A kind plus a name, not an option type: the kind decides which rules apply, while the
 * name of a municipal archive is particular to each municipality and would need a global value per archive.
 */
export const RECEIVING_ARCHIVE_KINDS = ['Rigsarkivet', 'MunicipalArchive', 'Other'] as const;
export type ReceivingArchiveKind = (typeof RECEIVING_ARCHIVE_KINDS)[number];

export class ArchiveLegalBasisWrite {
  @ApiProperty({
    maxLength: ARCHIVE_TEXT_MAX,
    description: 'The basis of the archive-duty decision: executive order and annex item, or a specific delivery decision',
    example: 'Bek. nr. 183 af 28/02/2018, bilag 1, pkt. 3',
  })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(ARCHIVE_TEXT_MAX)
  text!: string;

  @ApiPropertyOptional({
    maxLength: ARCHIVE_REFERENCE_MAX,
    nullable: true,
    type: String,
    description: 'Journal number or link of the decision',
    example: 'https://www.retsinformation.dk/eli/lta/2018/183',
  })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(ARCHIVE_REFERENCE_MAX)
  reference?: string | null;

  @ApiPropertyOptional({ type: String, format: 'date', nullable: true, description: 'Date of the decision', example: '2018-03-01' })
  @IsOptional()
  @IsDateString({ strict: true })
  decisionDate?: string | null;
}

export class ReceivingArchiveWrite {
  @ApiProperty({ enum: RECEIVING_ARCHIVE_KINDS, example: 'MunicipalArchive' })
  @IsIn(RECEIVING_ARCHIVE_KINDS)
  kind!: ReceivingArchiveKind;

  @ApiPropertyOptional({
    maxLength: ARCHIVE_NAME_MAX,
    nullable: true,
    type: String,
    description: 'Name of the archive; required for kind Other',
    example: 'Vejle Stadsarkiv',
  })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(ARCHIVE_NAME_MAX)
  name?: string | null;
}

export class ArchiveNotificationWrite {
  @ApiProperty({ type: String, format: 'date', description: 'Day the system was notified to the archive [Anmeldt]', example: '2024-02-01' })
  @IsDateString({ strict: true })
  notifiedAt!: string;

  @ApiPropertyOptional({ maxLength: ARCHIVE_REFERENCE_MAX, nullable: true, type: String, example: 'RA j.nr. 2024-001234' })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(ARCHIVE_REFERENCE_MAX)
  reference?: string | null;

  @ApiPropertyOptional({ default: false, description: 'The archive approved the notification' })
  @IsOptional()
  @IsBoolean()
  approved?: boolean;

  @ApiPropertyOptional({
    type: String,
    format: 'date',
    nullable: true,
    description: 'Day of approval; only when approved, not before notifiedAt',
    example: '2024-04-15',
  })
  @IsOptional()
  @IsDateString({ strict: true })
  approvedAt?: string | null;
}

/**
 * The archiving profile of a usage [Arkivering] (KITOS §2.5 archiving section plus the fields Rigsarkivet's rules call
 * for). PUT replaces every field (absent ones are reset); PATCH changes only the fields sent (null clears one).
 */
export class UpdateUsageArchiveRequest {
  @ApiPropertyOptional({ enum: ARCHIVE_DUTIES, nullable: true, description: 'Archive duty [Arkiveringspligt]', example: 'B' })
  @IsOptional()
  @IsIn(ARCHIVE_DUTIES)
  archiveDuty?: ArchiveDuty | null;

  @ApiPropertyOptional({
    format: 'uuid',
    nullable: true,
    type: String,
    description: 'Archive type [Arkivtype]: an it-system-usage-archive-types option available in the organisation',
  })
  @IsOptional()
  @IsNonEmptyUuid()
  archiveTypeUuid?: string | null;

  @ApiPropertyOptional({
    format: 'uuid',
    nullable: true,
    type: String,
    description: "KITOS's name for archiveTypeUuid [Arkivtype]: send either (both must then agree)",
  })
  @IsOptional()
  @IsNonEmptyUuid()
  typeUuid?: string | null;

  @ApiPropertyOptional({
    format: 'uuid',
    nullable: true,
    type: String,
    description: 'Archive location [Arkiveringssted]: an it-system-usage-archive-location-types option available in the organisation',
  })
  @IsOptional()
  @IsNonEmptyUuid()
  locationUuid?: string | null;

  @ApiPropertyOptional({
    format: 'uuid',
    nullable: true,
    type: String,
    description: 'Test location [Arkiveringsteststed]: an it-system-usage-archive-test-location-types option available in the organisation',
  })
  @IsOptional()
  @IsNonEmptyUuid()
  testLocationUuid?: string | null;

  @ApiPropertyOptional({
    format: 'uuid',
    nullable: true,
    type: String,
    description: 'Archive supplier [Arkiveringsleverandør]: any organisation',
  })
  @IsOptional()
  @IsNonEmptyUuid()
  supplierOrganizationUuid?: string | null;

  @ApiPropertyOptional({ nullable: true, type: Boolean, description: 'Archived from the system itself [Arkiveret fra systemet]' })
  @IsOptional()
  @IsBoolean()
  active?: boolean | null;

  @ApiPropertyOptional({ maxLength: ARCHIVE_NOTES_MAX, nullable: true, type: String, example: 'Afleveres sammen med ESDH' })
  @IsOptional()
  @IsString()
  @MaxLength(ARCHIVE_NOTES_MAX)
  notes?: string | null;

  @ApiPropertyOptional({
    minimum: 1,
    maximum: ARCHIVE_FREQUENCY_MAX_MONTHS,
    nullable: true,
    type: Number,
    description: 'Months between deliveries to the archive [Arkiveringsfrekvens]',
    example: 60,
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(ARCHIVE_FREQUENCY_MAX_MONTHS)
  frequencyInMonths?: number | null;

  @ApiPropertyOptional({ nullable: true, type: Boolean, description: 'Document-bearing system [Dokumentbærende]' })
  @IsOptional()
  @IsBoolean()
  documentBearing?: boolean | null;

  @ApiPropertyOptional({ type: ArchiveLegalBasisWrite, nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => ArchiveLegalBasisWrite)
  legalBasis?: ArchiveLegalBasisWrite | null;

  @ApiPropertyOptional({ type: ReceivingArchiveWrite, nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => ReceivingArchiveWrite)
  receivingArchive?: ReceivingArchiveWrite | null;

  @ApiPropertyOptional({
    nullable: true,
    type: Boolean,
    description: 'Documents filed under KLE may be discarded by their KLE markings (cirk. 9112/2018)',
  })
  @IsOptional()
  @IsBoolean()
  kleBasedDocumentDisposalAllowed?: boolean | null;

  @ApiPropertyOptional({
    type: String,
    format: 'date',
    nullable: true,
    description: "The municipal council's decision allowing KLE-based disposal; only when kleBasedDocumentDisposalAllowed is true",
    example: '2019-06-20',
  })
  @IsOptional()
  @IsDateString({ strict: true })
  kleBasedDocumentDisposalDecisionDate?: string | null;

  @ApiPropertyOptional({ type: ArchiveNotificationWrite, nullable: true, description: 'Notification [Anmeldelse] to the archive' })
  @IsOptional()
  @ValidateNested()
  @Type(() => ArchiveNotificationWrite)
  notification?: ArchiveNotificationWrite | null;
}

export class ArchiveLegalBasisResponse {
  @ApiProperty()
  text!: string;

  @ApiProperty({ nullable: true, type: String })
  reference!: string | null;

  @ApiProperty({ type: String, format: 'date', nullable: true })
  decisionDate!: string | null;
}

export class ReceivingArchiveResponse {
  @ApiProperty({ enum: RECEIVING_ARCHIVE_KINDS })
  kind!: ReceivingArchiveKind;

  @ApiProperty({ nullable: true, type: String })
  name!: string | null;
}

export class ArchiveNotificationResponse {
  @ApiProperty({ type: String, format: 'date' })
  notifiedAt!: string;

  @ApiProperty({ nullable: true, type: String })
  reference!: string | null;

  @ApiProperty()
  approved!: boolean;

  @ApiProperty({ type: String, format: 'date', nullable: true })
  approvedAt!: string | null;
}

export class UsageArchiveResponse {
  @ApiProperty({ format: 'uuid', description: 'The usage the profile belongs to' })
  usageUuid!: string;

  @ApiProperty({ type: IdentityNamePair, description: 'The catalogue system in use' })
  systemContext!: IdentityNamePair;

  @ApiProperty({ type: IdentityNamePair })
  organizationContext!: IdentityNamePair;

  @ApiProperty({ enum: ARCHIVE_DUTIES, nullable: true })
  archiveDuty!: ArchiveDuty | null;

  @ApiProperty({
    type: RecommendedArchiveDutyResponse,
    nullable: true,
    description: "Rigsarkivet's recommendation, shown next to the decision",
  })
  recommendedArchiveDuty!: RecommendedArchiveDutyResponse | null;

  @ApiProperty({ type: IdentityNamePair, nullable: true, description: 'Archive type [Arkivtype] (KITOS `type`)' })
  type!: IdentityNamePair | null;

  @ApiProperty({ type: IdentityNamePair, nullable: true, description: 'The same as `type`, under the name earlier versions used' })
  archiveType!: IdentityNamePair | null;

  @ApiProperty({ type: IdentityNamePair, nullable: true })
  location!: IdentityNamePair | null;

  @ApiProperty({ type: IdentityNamePair, nullable: true })
  testLocation!: IdentityNamePair | null;

  @ApiProperty({ type: IdentityNamePair, nullable: true })
  supplierOrganization!: IdentityNamePair | null;

  @ApiProperty({ nullable: true, type: Boolean })
  active!: boolean | null;

  @ApiProperty({ nullable: true, type: String })
  notes!: string | null;

  @ApiProperty({ nullable: true, type: Number })
  frequencyInMonths!: number | null;

  @ApiProperty({ nullable: true, type: Boolean })
  documentBearing!: boolean | null;

  @ApiProperty({ type: ArchiveLegalBasisResponse, nullable: true })
  legalBasis!: ArchiveLegalBasisResponse | null;

  @ApiProperty({ type: ReceivingArchiveResponse, nullable: true })
  receivingArchive!: ReceivingArchiveResponse | null;

  @ApiProperty({ nullable: true, type: Boolean })
  kleBasedDocumentDisposalAllowed!: boolean | null;

  @ApiProperty({ type: String, format: 'date', nullable: true })
  kleBasedDocumentDisposalDecisionDate!: string | null;

  @ApiProperty({ type: ArchiveNotificationResponse, nullable: true })
  notification!: ArchiveNotificationResponse | null;

  @ApiProperty({ type: [JournalPeriodResponse], description: 'Journal periods [Journalperioder] by start date' })
  journalPeriods!: JournalPeriodResponse[];

  @ApiProperty({ type: String, format: 'date', nullable: true, description: 'End of the latest approved journal period' })
  latestApprovedPeriodEnd!: string | null;

  @ApiProperty({
    type: String,
    format: 'date',
    nullable: true,
    description:
      'Next delivery due: the end of the latest approved period plus the frequency (the first period start plus the frequency ' +
      'while none is approved); null without a frequency, without periods, or when the duty needs no delivery (only B and ' +
      'PreserveDataCanDiscardDocuments are delivered)',
    example: '2029-12-31',
  })
  nextDeliveryDue!: string | null;

  @ApiProperty({
    type: String,
    format: 'date',
    nullable: true,
    description: "The day the usage's data is due for deletion, from its GDPR profile (gdpr service)",
  })
  deletionDueDate!: string | null;

  @ApiProperty({ enum: ARCHIVE_FINDINGS, isArray: true, description: 'Findings today (Europe/Copenhagen)' })
  findings!: ArchiveFinding[];

  @ApiProperty({ format: 'date-time', nullable: true, type: String, description: 'Null while the profile was never written' })
  lastModified!: string | null;

  @ApiProperty({ type: IdentityNamePair, nullable: true })
  lastModifiedBy!: IdentityNamePair | null;

  @ApiProperty({ type: 'integer', description: 'Version for optimistic concurrency (0 while never written); also the ETag', example: 3 })
  version!: number;
}

/** Internal RPC payloads (gateway → archiving). */
export interface GetUsageArchiveRpc {
  uuid: string;
}
export interface UpdateUsageArchiveRpc {
  uuid: string;
  expectedVersion?: number;
  changes: Partial<UpdateUsageArchiveRequest>;
}
