import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsDateString, IsEmail, IsInt, IsNotEmpty, IsOptional, IsString, IsUrl, Max, MaxLength, Min } from 'class-validator';
import { IsNonEmptyUuid } from '@kitos/contracts';
import { IMPORT_TYPES, OUTCOMES, type ImportType, type Outcome } from '../import-report';

export class StartKitosImportRequest {
  @ApiProperty({ description: 'Base URL of the KITOS installation', example: 'https://kitos.dk', maxLength: 2000 })
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false })
  @MaxLength(2000)
  url!: string;

  @ApiProperty({ description: 'E-mail of a KITOS API user (a user with "API adgang") in the organisation', maxLength: 200 })
  @IsEmail()
  @MaxLength(200)
  email!: string;

  @ApiProperty({ description: "The API user's password; used for this run only, never stored or returned", maxLength: 200 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  password!: string;

  @ApiProperty({ format: 'uuid', description: 'The organisation in KITOS; its uuid is kept here' })
  @IsNonEmptyUuid()
  organizationUuid!: string;

  @ApiPropertyOptional({ default: false, description: 'false: a dry run that writes nothing; true: import' })
  @IsOptional()
  @IsBoolean()
  apply?: boolean;

  @ApiPropertyOptional({ format: 'date-time', description: 'Only what changed in KITOS at or after this time (changedSinceGtEq)' })
  @IsOptional()
  @IsDateString()
  since?: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 250, default: 250, description: 'Page size of the reads from KITOS' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(250)
  pageSize?: number;
}

export class ImportCountsResponse {
  @ApiProperty({ type: 'integer' }) created!: number;
  @ApiProperty({ type: 'integer' }) updated!: number;
  @ApiProperty({ type: 'integer' }) unchanged!: number;
  @ApiProperty({ type: 'integer', description: 'Cannot be imported as it is (see the entry reason); nothing was sent' }) skipped!: number;
  @ApiProperty({ type: 'integer', description: 'Refused by the service here (see the entry reason)' }) failed!: number;
}

export class ImportTypeCountsResponse {
  @ApiProperty({ type: ImportCountsResponse }) organization!: ImportCountsResponse;
  @ApiProperty({ type: ImportCountsResponse }) 'organization-unit'!: ImportCountsResponse;
  @ApiProperty({ type: ImportCountsResponse }) user!: ImportCountsResponse;
  @ApiProperty({ type: ImportCountsResponse }) 'it-system'!: ImportCountsResponse;
  @ApiProperty({ type: ImportCountsResponse }) 'it-interface'!: ImportCountsResponse;
  @ApiProperty({ type: ImportCountsResponse }) 'it-system-usage'!: ImportCountsResponse;
  @ApiProperty({ type: ImportCountsResponse }) 'system-relation'!: ImportCountsResponse;
}

export class ImportReportEntryResponse {
  @ApiProperty({ enum: IMPORT_TYPES }) type!: ImportType;
  @ApiProperty({ format: 'uuid', description: 'The KITOS uuid, kept here' }) uuid!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: OUTCOMES, description: 'In a dry run: what would happen' }) outcome!: Outcome;
  @ApiPropertyOptional({ type: [String], description: 'The fields that differ' }) fields?: string[];
  @ApiPropertyOptional({ description: 'Why it is skipped or failed' }) reason?: string;
  @ApiPropertyOptional({ type: [String], description: 'What was left out or kept although it was imported' }) notes?: string[];
}

export class ImportReportResponse {
  @ApiProperty({ description: 'The KITOS base URL' }) source!: string;
  @ApiProperty({ format: 'uuid' }) organizationUuid!: string;
  @ApiProperty() apply!: boolean;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) since!: string | null;
  @ApiProperty({ format: 'date-time' }) startedAt!: string;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) finishedAt!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Why the run stopped; run it again to resume' }) abortedBecause!: string | null;
  @ApiProperty({ type: ImportTypeCountsResponse }) counts!: ImportTypeCountsResponse;
  @ApiProperty({ type: [ImportReportEntryResponse] }) entries!: ImportReportEntryResponse[];
}

export class ImportProgressResponse {
  @ApiProperty({ enum: IMPORT_TYPES }) type!: ImportType;
  @ApiProperty({ type: 'integer' }) done!: number;
  @ApiProperty({ type: 'integer' }) total!: number;
  @ApiProperty() finished!: boolean;
  @ApiProperty({ type: ImportCountsResponse }) counts!: ImportCountsResponse;
}

export class KitosImportJobResponse {
  @ApiProperty({ format: 'uuid' }) uuid!: string;
  @ApiProperty({
    enum: ['running', 'finished', 'stopped'],
    description: 'stopped: KITOS or a service failed midway; start again to resume',
  })
  state!: 'running' | 'finished' | 'stopped';
  @ApiProperty({ format: 'uuid' }) organizationUuid!: string;
  @ApiProperty() apply!: boolean;
  @ApiProperty({ format: 'date-time' }) startedAt!: string;
  @ApiProperty({ type: [ImportProgressResponse], description: 'One entry per type handled so far' }) progress!: ImportProgressResponse[];
  @ApiProperty({ type: ImportReportResponse, nullable: true, description: 'When the run is over' }) report!: ImportReportResponse | null;
}
