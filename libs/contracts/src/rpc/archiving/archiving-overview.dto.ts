import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { ARCHIVE_DUTIES, ARCHIVE_FINDINGS, type ArchiveDuty, type ArchiveFinding } from '../../events/archiving.events';
import { ARCHIVE_DUTY_RECOMMENDATIONS, type ArchiveDutyRecommendation } from '../../events/catalog.events';
import { IdentityNamePair } from '../common.dto';
import { JournalPeriodResponse } from './journal-period.dto';
import { ArchiveLegalBasisResponse, ReceivingArchiveResponse } from './usage-archive.dto';

export const ARCHIVING_OVERVIEW_FORMATS = ['json', 'csv', 'xlsx'] as const;
export type ArchivingOverviewFormat = (typeof ARCHIVING_OVERVIEW_FORMATS)[number];

export class ArchivingOverviewQuery {
  @ApiPropertyOptional({ enum: ARCHIVING_OVERVIEW_FORMATS, default: 'json' })
  @IsOptional()
  @IsIn(ARCHIVING_OVERVIEW_FORMATS)
  format?: ArchivingOverviewFormat;
}

/** One usage in the archiving overview of an organisation. */
export class ArchivingOverviewRow {
  @ApiProperty({ type: IdentityNamePair, description: 'The usage, named after its system' })
  usage!: IdentityNamePair;

  @ApiProperty({ nullable: true, type: String, description: 'Local call name of the usage' })
  localCallName!: string | null;

  @ApiProperty({ enum: ARCHIVE_DUTIES, nullable: true })
  archiveDuty!: ArchiveDuty | null;

  @ApiProperty({ enum: ARCHIVE_DUTY_RECOMMENDATIONS, nullable: true, description: "Rigsarkivet's recommendation on the system" })
  recommendedArchiveDuty!: ArchiveDutyRecommendation | null;

  @ApiProperty({ type: ArchiveLegalBasisResponse, nullable: true, description: 'Basis of the decision' })
  legalBasis!: ArchiveLegalBasisResponse | null;

  @ApiProperty({ type: ReceivingArchiveResponse, nullable: true })
  receivingArchive!: ReceivingArchiveResponse | null;

  @ApiProperty({ nullable: true, type: Number })
  frequencyInMonths!: number | null;

  @ApiProperty({ type: [JournalPeriodResponse] })
  journalPeriods!: JournalPeriodResponse[];

  @ApiProperty({ type: String, format: 'date', nullable: true })
  latestApprovedPeriodEnd!: string | null;

  @ApiProperty({ type: String, format: 'date', nullable: true })
  nextDeliveryDue!: string | null;

  @ApiProperty({ type: String, format: 'date', nullable: true })
  deletionDueDate!: string | null;

  @ApiProperty({ enum: ARCHIVE_FINDINGS, isArray: true })
  findings!: ArchiveFinding[];
}

export class OverdueDeliveryRow {
  @ApiProperty({ type: IdentityNamePair, description: 'The usage, named after its system' })
  usage!: IdentityNamePair;

  @ApiProperty({ enum: ARCHIVE_DUTIES })
  archiveDuty!: ArchiveDuty;

  @ApiProperty({ type: 'integer', example: 60 })
  frequencyInMonths!: number;

  @ApiProperty({ type: String, format: 'date', nullable: true })
  latestApprovedPeriodEnd!: string | null;

  @ApiProperty({ type: String, format: 'date', example: '2024-12-31' })
  nextDeliveryDue!: string;

  @ApiProperty({ type: 'integer', description: 'Days since the delivery was due (Europe/Copenhagen)', example: 31 })
  daysOverdue!: number;
}

/** Internal RPC payload (gateway → archiving). */
export interface ArchivingOrganizationRpc {
  organizationUuid: string;
}
