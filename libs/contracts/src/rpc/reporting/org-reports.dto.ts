import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsObject, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { IsNonEmptyUuid, PageNumber, PageSize } from '../common.dto';

/** The organisation reports (KITOS overviews), by their path segment. */
export const ORG_REPORTS = [
  'it-system-usages',
  'it-contracts',
  'data-processing-registrations',
  'it-interfaces',
  'system-relations',
] as const;
export type OrgReportName = (typeof ORG_REPORTS)[number];

/** text: contains, case-insensitive; enum/boolean: equality; number/money/date: `from..to` (either side optional) or one value. */
export const REPORT_COLUMN_TYPES = ['text', 'enum', 'boolean', 'number', 'money', 'date', 'list'] as const;
export type ReportColumnType = (typeof REPORT_COLUMN_TYPES)[number];

/** A column key: letters and digits, starting with a letter (`systemName`). */
export const REPORT_COLUMN_KEY = /^[A-Za-z][A-Za-z0-9]{0,63}$/;
/** `col` (ascending) or `-col` (descending). */
export const REPORT_SORT = /^-?[A-Za-z][A-Za-z0-9]{0,63}$/;
export const REPORT_MAX_COLUMNS = 40;
export const REPORT_MAX_FILTERS = 20;
export const REPORT_FILTER_MAX_LENGTH = 200;

/** Rows per page of an export from reporting to the gateway, and the byte bound of such a page (NATS max_payload is 1 MB). */
export const REPORT_EXPORT_PAGE_ROWS = 1000;
export const REPORT_EXPORT_PAGE_BYTES = 256 * 1024;

export class ReportColumn {
  @ApiProperty({ example: 'systemName' })
  key!: string;

  @ApiProperty({ example: 'IT-system' })
  header!: string;

  @ApiProperty({ enum: REPORT_COLUMN_TYPES })
  type!: ReportColumnType;
}

export class ReportColumnDescription extends ReportColumn {
  @ApiProperty({ description: 'Whether `sort` accepts the column (computed columns, such as names looked up from other objects, do not)' })
  sortable!: boolean;

  @ApiProperty({ description: 'Whether `filter.<key>` accepts the column' })
  filterable!: boolean;

  @ApiProperty({ description: 'Shown when the report is called without `columns` and without a view' })
  default!: boolean;

  @ApiPropertyOptional({ type: [String], description: 'The values of an enum column' })
  values?: string[];

  @ApiProperty({
    nullable: true,
    type: String,
    enum: ['note', 'economy', 'project'],
    description:
      'The private class of the column under the sharing rules: absent from the report of another organisation (note always, economy ' +
      'when the owner opted out); null = shared',
  })
  privateClass!: string | null;
}

export class ReportColumnsResponse {
  @ApiProperty({ enum: ORG_REPORTS })
  report!: OrgReportName;

  @ApiProperty({ type: [ReportColumnDescription] })
  columns!: ReportColumnDescription[];

  @ApiProperty({ example: 'systemName', description: 'The sort used when none is given (then the object uuid)' })
  defaultSort!: string;
}

/** RPC `Rpc.reporting.orgReports.columns`. */
export class ReportColumnsRequest {
  @IsIn(ORG_REPORTS)
  report!: OrgReportName;
}

/** RPC request of `Rpc.reporting.orgReports.get` and `.exportOpen` (the gateway has parsed the query string into this). */
export class OrgReportRequest {
  @IsNonEmptyUuid()
  organizationUuid!: string;

  @IsIn(ORG_REPORTS)
  report!: OrgReportName;

  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(REPORT_MAX_COLUMNS)
  @Matches(REPORT_COLUMN_KEY, { each: true, message: 'each column is a column key such as systemName' })
  columns?: string[];

  @IsOptional()
  @Matches(REPORT_SORT, { message: 'sort is a column key, prefixed with - for descending' })
  sort?: string;

  @IsOptional()
  @IsObject()
  filters?: Record<string, string>;

  @IsOptional()
  @IsNonEmptyUuid()
  view?: string;

  @PageNumber()
  page?: number;

  @PageSize()
  pageSize?: number;
}

export class OrgReportPage {
  @ApiProperty({ type: [ReportColumn], description: 'The columns of the rows, in order' })
  columns!: ReportColumn[];

  @ApiProperty({
    type: 'array',
    items: { type: 'object', additionalProperties: true },
    example: [{ uuid: '2f0c…', systemName: 'ESDH', localCallName: 'Sag og dokument', riskAssessmentDate: '2025-03-01' }],
    description: 'One object per row keyed by column key (plus `uuid`). Dates are YYYY-MM-DD, money is integer øre, lists are arrays',
  })
  rows!: Array<Record<string, unknown>>;

  @ApiProperty({ type: 'integer', example: 0 })
  page!: number;

  @ApiProperty({ type: 'integer', example: 100 })
  pageSize!: number;

  @ApiProperty({ type: 'integer', example: 523, description: 'Rows matching the filters' })
  total!: number;

  @ApiPropertyOptional({ format: 'uuid', description: 'The saved view applied (given or the organisation default)' })
  view?: string;
}

/** Reply of `Rpc.reporting.orgReports.exportOpen`: the export's cursor lives in one reporting replica, reached at `pageSubject`. */
export interface OrgReportExportSession {
  columns: ReportColumn[];
  pageSubject: string;
  view?: string;
}

/** Request on an export's `pageSubject`: the next page, or `cancel` (the download was aborted). */
export interface OrgReportExportPageRequest {
  cancel?: boolean;
}

export interface OrgReportExportPage {
  rows: Array<Record<string, unknown>>;
  done: boolean;
}

// ---- Saved views ----------------------------------------------------------------------------------------------------

/** Columns, sort, filters and default flag of a saved view; the name is declared by each request (required on create). */
export class ReportViewFields {
  @ApiPropertyOptional({ type: [String], example: ['systemName', 'localCallName', 'riskAssessmentDate'] })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(REPORT_MAX_COLUMNS)
  @Matches(REPORT_COLUMN_KEY, { each: true, message: 'each column is a column key such as systemName' })
  columns?: string[];

  @ApiPropertyOptional({ example: '-riskAssessmentDate', nullable: true, type: String })
  @IsOptional()
  @Matches(REPORT_SORT, { message: 'sort is a column key, prefixed with - for descending' })
  sort?: string | null;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'string' },
    example: { processesPersonalData: 'true', riskAssessmentDate: '..2023-12-31' },
    description: 'Filters as in the report query (`filter.<key>=<value>`)',
  })
  @IsOptional()
  @IsObject()
  filters?: Record<string, string>;

  @ApiPropertyOptional({
    description:
      'The organisation default of the report: applies when the report is called without `view` and `columns`. At most one per organisation and report (setting it replaces the former); local admins and global admins only',
  })
  @IsOptional()
  @IsBoolean()
  organizationDefault?: boolean;
}

export class CreateReportViewRequest extends ReportViewFields {
  @ApiProperty({ format: 'uuid' })
  @IsNonEmptyUuid()
  organizationUuid!: string;

  @ApiProperty({ enum: ORG_REPORTS })
  @IsIn(ORG_REPORTS)
  report!: OrgReportName;

  @ApiProperty({ example: 'Systemer med persondata', maxLength: 200 })
  @IsString()
  @MaxLength(200)
  @Matches(/\S/, { message: 'name must not be blank' })
  name!: string;
}

export class PatchReportViewRequest extends ReportViewFields {
  @ApiPropertyOptional({ example: 'Systemer med persondata', maxLength: 200 })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  @Matches(/\S/, { message: 'name must not be blank' })
  name?: string;
}

export class ReportViewListQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsNonEmptyUuid()
  organizationUuid?: string;

  @ApiPropertyOptional({ enum: ORG_REPORTS })
  @IsOptional()
  @IsIn(ORG_REPORTS)
  report?: OrgReportName;
}

export class ReportView {
  @ApiProperty({ format: 'uuid' })
  uuid!: string;

  @ApiProperty({ format: 'uuid' })
  organizationUuid!: string;

  @ApiProperty({ enum: ORG_REPORTS })
  report!: OrgReportName;

  @ApiProperty({ example: 'Systemer med persondata' })
  name!: string;

  @ApiProperty({ type: [String] })
  columns!: string[];

  @ApiProperty({ nullable: true, type: String, example: '-riskAssessmentDate' })
  sort!: string | null;

  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' } })
  filters!: Record<string, string>;

  @ApiProperty({ description: 'The organisation default of the report (visible to every member)' })
  organizationDefault!: boolean;

  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'The user who saved it' })
  ownerUuid!: string | null;

  @ApiProperty({ format: 'date-time' })
  lastModified!: string;

  @ApiProperty({ type: 'integer', description: 'Incremented by every change (the ETag)' })
  version!: number;
}
