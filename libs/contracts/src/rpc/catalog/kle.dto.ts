import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsDateString, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { KLE_NUMBER_PATTERN } from '../../events/catalog-kle.events';
import { IsNonEmptyUuid, MAX_PAGE, MAX_PAGE_SIZE, PageNumber, PageSize, ToBoolean, Trim } from '../common.dto';

/** Largest emneplan document accepted by the import (characters); the HTTP body limit is usually lower. */
export const KLE_IMPORT_MAX_CHARS = 50_000_000;

const KLE_PREFIX_PATTERN = /^\d{1,2}(\.(\d{1,2}(\.\d{0,2})?)?)?$/;

/**
 * `GET /api/v2/kle-options` (KITOS): every filter optional. Without `pageSize` the whole list is returned, as in
 * KITOS (KLE lists are unbounded there); with it, pages of 1–250.
 */
export class ListKleOptionsQuery {
  @ApiPropertyOptional({ description: 'Only the direct children of the entry with this KLE number', example: '00.03' })
  @IsOptional()
  @Matches(KLE_NUMBER_PATTERN, { message: 'parentKleNumber must be a KLE number such as 02, 02.05 or 02.05.01' })
  parentKleNumber?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only the direct children of this entry' })
  @IsOptional()
  @IsNonEmptyUuid()
  parentKleUuid?: string;

  @ApiPropertyOptional({ description: 'Only entries whose KLE number starts with this text', example: '00.03' })
  @IsOptional()
  @Matches(KLE_PREFIX_PATTERN, { message: 'kleNumberPrefix must be the start of a KLE number, such as 02, 02.0 or 02.05.' })
  kleNumberPrefix?: string;

  @ApiPropertyOptional({ description: 'Case-insensitive part of the title', example: 'venskabsby' })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(200)
  kleDescriptionContent?: string;

  @ApiPropertyOptional({
    format: 'date-time',
    description: 'Only entries changed (added, renamed, removed) at or after this time (UTC); orders by last change',
    example: '2024-01-01T00:00:00Z',
  })
  @IsOptional()
  @IsDateString({ strict: true })
  changedSinceGtEq?: string;

  @ApiPropertyOptional({
    default: false,
    description: 'Include entries that have left KLE [udgået]; use it with changedSinceGtEq to follow removals',
  })
  @IsOptional()
  @ToBoolean()
  @IsBoolean()
  includeRemoved?: boolean;

  @ApiPropertyOptional({ type: 'integer', description: '0-based page number', minimum: 0, maximum: MAX_PAGE, default: 0 })
  @PageNumber()
  page?: number;

  @ApiPropertyOptional({
    type: 'integer',
    description: `Page size, 1 to ${MAX_PAGE_SIZE}; without it, every matching entry`,
    minimum: 1,
    maximum: MAX_PAGE_SIZE,
  })
  @PageSize()
  pageSize?: number;
}

export class KleTreeQuery {
  @ApiPropertyOptional({ description: 'Only the subtree of this main group or group', example: '00' })
  @IsOptional()
  @Matches(KLE_NUMBER_PATTERN, { message: 'kleNumber must be a KLE number such as 02 or 02.05' })
  kleNumber?: string;

  @ApiPropertyOptional({ default: false, description: 'Include entries that have left KLE [udgået]' })
  @IsOptional()
  @ToBoolean()
  @IsBoolean()
  includeRemoved?: boolean;
}

export class KleOptionResponse {
  @ApiProperty({ format: 'uuid', description: 'Stable: a uuid v5 of the KLE number', example: 'a7d5cbf5-4f5f-5b52-9d83-2b8a4c7e1f10' })
  uuid!: string;

  @ApiProperty({ description: 'KLE number [KLE-nummer]', example: '00.03.04' })
  kleNumber!: string;

  @ApiProperty({ description: 'Title of the entry', example: 'Venskabsbysamarbejde' })
  description!: string;

  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'The group or main group above; null for a main group' })
  parentUuid!: string | null;

  @ApiProperty({ nullable: true, type: String, description: 'Parent KLE number', example: '00.03' })
  parentKleNumber!: string | null;

  @ApiProperty({ nullable: true, type: String, format: 'date', description: 'Created in KLE [oprettet]', example: '1988-01-01' })
  validFrom!: string | null;

  @ApiProperty({
    nullable: true,
    type: String,
    format: 'date',
    description: 'Left KLE on this date [udgået]; null while part of KLE. Removed entries are kept: registrations refer to them',
    example: null,
  })
  removed!: string | null;

  @ApiProperty({ format: 'date-time', description: 'Last time an import changed the entry' })
  lastModified!: string;
}

export class KleOptionDetailsResponse extends KleOptionResponse {
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'Guidance text [vejledning] as plain text',
    example: 'Her journaliseres sager om venskabsbysamarbejde.',
  })
  guidance!: string | null;
}

export class KleTreeNode {
  @ApiProperty({ format: 'uuid' })
  uuid!: string;

  @ApiProperty({ example: '00.03' })
  kleNumber!: string;

  @ApiProperty({ example: 'International virksomhed og EU' })
  description!: string;

  @ApiProperty({ nullable: true, type: String, format: 'date' })
  validFrom!: string | null;

  @ApiProperty({ nullable: true, type: String, format: 'date' })
  removed!: string | null;

  @ApiProperty({ type: () => [KleTreeNode], description: 'Groups of a main group, topics of a group; empty for a topic' })
  children!: KleTreeNode[];
}

export class KleTreeResponse {
  @ApiProperty({ nullable: true, type: String, format: 'date', description: 'UdgivelsesDato of the emneplan last imported' })
  publishedDate!: string | null;

  @ApiProperty({ type: 'integer', description: 'Number of imports applied so far (0: no KLE yet)' })
  version!: number;

  @ApiProperty({ type: [KleTreeNode] })
  roots!: KleTreeNode[];
}

export class KleChangeItem {
  @ApiProperty({ format: 'uuid' })
  uuid!: string;

  @ApiProperty({ example: '00.03.04' })
  kleNumber!: string;

  @ApiProperty({ example: 'Venskabsbysamarbejde' })
  description!: string;

  @ApiProperty({ nullable: true, type: String, format: 'date' })
  removed!: string | null;
}

export class KleRenameItem {
  @ApiProperty({ format: 'uuid' })
  uuid!: string;

  @ApiProperty({ example: '00.03.04' })
  kleNumber!: string;

  @ApiProperty({ example: 'Venskabsbyer' })
  oldDescription!: string;

  @ApiProperty({ example: 'Venskabsbysamarbejde' })
  newDescription!: string;
}

export class KleUpdateItem {
  @ApiProperty({ format: 'uuid' })
  uuid!: string;

  @ApiProperty({ example: '00.03.04' })
  kleNumber!: string;

  @ApiProperty({ type: [String], description: 'What else changed', example: ['guidance'] })
  fields!: string[];
}

export const KLE_IMPORT_STATUSES = ['Pending', 'Applied'] as const;
export type KleImportStatus = (typeof KLE_IMPORT_STATUSES)[number];

/** What a re-import would change (status Pending), or changed (Applied). Nothing changes until it is applied. */
export class KleImportPreviewResponse {
  @ApiProperty({ format: 'uuid', description: 'Id of this preview; POST …/imports/{uuid}/apply applies exactly this change' })
  uuid!: string;

  @ApiProperty({ enum: KLE_IMPORT_STATUSES })
  status!: KleImportStatus;

  @ApiProperty({ nullable: true, type: String, format: 'date', description: 'UdgivelsesDato of the uploaded emneplan' })
  publishedDate!: string | null;

  @ApiProperty({
    type: 'integer',
    description: 'Version of KLE the preview was computed against; applying is refused (409) once KLE moved on',
  })
  baseVersion!: number;

  @ApiProperty({ type: 'integer', description: 'Entries in the uploaded emneplan' })
  entries!: number;

  @ApiProperty({ format: 'date-time' })
  created!: string;

  @ApiProperty({ format: 'date-time', description: 'After this the preview can no longer be applied' })
  expires!: string;

  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  applied!: string | null;

  @ApiProperty({ type: [KleChangeItem], description: 'New entries' })
  added!: KleChangeItem[];

  @ApiProperty({ type: [KleRenameItem], description: 'Entries whose title changes' })
  renamed!: KleRenameItem[];

  @ApiProperty({
    type: [KleChangeItem],
    description: 'Entries that leave KLE (udgået in the file, or no longer in it); marked removed, never deleted',
  })
  removed!: KleChangeItem[];

  @ApiProperty({ type: [KleChangeItem], description: 'Entries marked removed that are part of KLE again' })
  restored!: KleChangeItem[];

  @ApiProperty({ type: [KleUpdateItem], description: 'Entries with other changes (guidance, dates)' })
  updated!: KleUpdateItem[];
}

/** Internal RPC payloads (gateway → catalog). */
export class KleImportRpc {
  @IsString()
  @MaxLength(KLE_IMPORT_MAX_CHARS)
  xml!: string;
}
export interface GetKleOptionRpc {
  uuid: string;
}
export interface KleImportRefRpc {
  uuid: string;
}
