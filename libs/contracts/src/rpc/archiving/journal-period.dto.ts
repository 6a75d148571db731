import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsDateString, IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { Trim } from '../common.dto';

export const JOURNAL_PERIOD_STATUSES = ['Planned', 'Delivered', 'Approved'] as const;
export type JournalPeriodStatus = (typeof JOURNAL_PERIOD_STATUSES)[number];
export const JOURNAL_ARCHIVE_ID_MAX = 100;
/** Most journal periods of one usage. */
export const JOURNAL_PERIODS_MAX = 200;

/** A journal period [Journalperiode]: the span of data one archival version (arkiveringsversion) holds. */
export class JournalPeriodWriteRequest {
  @ApiProperty({ maxLength: JOURNAL_ARCHIVE_ID_MAX, description: 'Id of the archival version [Arkiverings-ID]', example: 'AVID.SA.18001' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(JOURNAL_ARCHIVE_ID_MAX)
  archiveId!: string;

  @ApiProperty({
    type: String,
    format: 'date',
    description: 'First day of the period (a time is read as a Danish day)',
    example: '2015-01-01',
  })
  @IsDateString({ strict: true })
  startDate!: string;

  @ApiProperty({ type: String, format: 'date', description: 'Last day of the period; not before startDate', example: '2019-12-31' })
  @IsDateString({ strict: true })
  endDate!: string;

  @ApiPropertyOptional({ enum: JOURNAL_PERIOD_STATUSES, default: 'Planned', example: 'Approved' })
  @IsOptional()
  @IsIn(JOURNAL_PERIOD_STATUSES)
  status?: JournalPeriodStatus;

  @ApiPropertyOptional({
    description:
      'KITOS compatibility: true means Approved, false Planned when status is not sent; must agree with status when both are sent',
  })
  @IsOptional()
  @IsBoolean()
  approved?: boolean;

  @ApiPropertyOptional({
    type: String,
    format: 'date',
    nullable: true,
    description: 'Day the archive approved the delivery; only with status Approved',
    example: '2020-06-30',
  })
  @IsOptional()
  @IsDateString({ strict: true })
  approvalDate?: string | null;
}

export class JournalPeriodResponse {
  @ApiProperty({ format: 'uuid' })
  uuid!: string;

  @ApiProperty({ example: 'AVID.SA.18001' })
  archiveId!: string;

  @ApiProperty({ type: String, format: 'date', example: '2015-01-01' })
  startDate!: string;

  @ApiProperty({ type: String, format: 'date', example: '2019-12-31' })
  endDate!: string;

  @ApiProperty({ enum: JOURNAL_PERIOD_STATUSES })
  status!: JournalPeriodStatus;

  @ApiProperty({ description: 'status is Approved (the KITOS field)' })
  approved!: boolean;

  @ApiProperty({ type: String, format: 'date', nullable: true })
  approvalDate!: string | null;
}

/** Internal RPC payloads (gateway → archiving). */
export interface JournalPeriodsRpc {
  usageUuid: string;
}
export interface JournalPeriodRpc extends JournalPeriodsRpc {
  periodUuid: string;
  expectedVersion?: number;
}
export interface CreateJournalPeriodRpc extends JournalPeriodsRpc {
  expectedVersion?: number;
  period: JournalPeriodWriteRequest;
}
export interface PutJournalPeriodRpc extends JournalPeriodRpc {
  period: JournalPeriodWriteRequest;
}
/** A period with the version of the usage's archive profile it belongs to (the ETag). */
export interface JournalPeriodResult {
  period: JournalPeriodResponse;
  version: number;
}
