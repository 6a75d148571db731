import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsDateString,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { ChosenUuid, IdentityNamePair, IsNonEmptyUuid, PageQuery, Trim } from '../common.dto';

const EAN_MAX = 9_999_999_999_999;

export class CreateOrganizationUnitRequest {
  @ChosenUuid()
  uuid?: string;

  @ApiProperty({ maxLength: 100, example: 'Borgerservice' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name!: string;

  @ApiProperty({ format: 'uuid', description: 'The parent unit (the root, or any other unit of the organisation)' })
  @IsNonEmptyUuid()
  parentUuid!: string;

  @ApiPropertyOptional({ description: 'EAN location number (13 digits)', nullable: true, type: Number })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(EAN_MAX)
  ean?: number | null;

  @ApiPropertyOptional({
    maxLength: 100,
    description: 'Local unit id [Enheds-ID], unique in the organisation',
    nullable: true,
    type: String,
  })
  @IsOptional()
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  unitId?: string | null;
}

export class PatchOrganizationUnitRequest {
  @ApiPropertyOptional({ maxLength: 100 })
  @ValidateIf((_, v) => v !== undefined)
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Move the unit under another parent (not under itself or its own descendants)' })
  @ValidateIf((_, v) => v !== undefined)
  @IsNonEmptyUuid()
  parentUuid?: string;

  @ApiPropertyOptional({ nullable: true, type: Number })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(EAN_MAX)
  ean?: number | null;

  @ApiPropertyOptional({ maxLength: 100, nullable: true, type: String })
  @IsOptional()
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  unitId?: string | null;
}

export class ImportedUnit {
  @ApiProperty({ maxLength: 100, description: 'Local unit id: matches an existing unit (updated) or creates a new one' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  unitId!: string;

  @ApiProperty({ maxLength: 100 })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name!: string;

  @ApiPropertyOptional({
    maxLength: 100,
    description: 'unitId of the parent (in this import or already in the tree); empty = under the root',
    nullable: true,
    type: String,
  })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(100)
  parentUnitId?: string | null;

  @ApiPropertyOptional({ nullable: true, type: Number })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(EAN_MAX)
  ean?: number | null;
}

export class ImportOrganizationUnitsRequest {
  @ApiProperty({ enum: ['json', 'csv'] })
  @IsIn(['json', 'csv'])
  format!: 'json' | 'csv';

  @ApiPropertyOptional({ type: [ImportedUnit], description: 'With format json' })
  @ValidateIf((o: ImportOrganizationUnitsRequest) => o.format === 'json')
  @IsArray()
  @ArrayMaxSize(5000)
  @ValidateNested({ each: true })
  @Type(() => ImportedUnit)
  units?: ImportedUnit[];

  @ApiPropertyOptional({
    description:
      'With format csv: a header line `unitId;name;parentUnitId;ean` (`;` or `,` separated, quotes allowed), then one unit per line',
    example: 'unitId;name;parentUnitId;ean\nBSV;Borgerservice;;\nBSV-PAS;Pas og kørekort;BSV;5798000012345',
  })
  @ValidateIf((o: ImportOrganizationUnitsRequest) => o.format === 'csv')
  @IsString()
  @MaxLength(1_000_000)
  csv?: string;
}

export class ImportOrganizationUnitsResponse {
  @ApiProperty({ type: 'integer' })
  created!: number;

  @ApiProperty({ type: 'integer' })
  updated!: number;

  @ApiProperty({ type: 'integer' })
  unchanged!: number;
}

export class OrganizationUnitResponse {
  @ApiProperty({ format: 'uuid' })
  uuid!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty({ type: IdentityNamePair, nullable: true, description: 'Null for the root' })
  parentOrganizationUnit!: IdentityNamePair | null;

  @ApiProperty({ nullable: true, type: Number })
  ean!: number | null;

  @ApiProperty({ nullable: true, type: String })
  unitId!: string | null;

  @ApiProperty({ enum: ['Kitos', 'Import'] })
  origin!: 'Kitos' | 'Import';

  @ApiProperty({ type: String, format: 'date-time', description: 'When the unit was last created or changed' })
  lastModified!: string;

  @ApiProperty({
    type: 'integer',
    description: "Version of the organisation's unit tree (the ETag): any change to a unit of the organisation moves it on",
  })
  version!: number;
}

/** KITOS `GET /api/v2/organizations/{org}/organization-units` query. */
export class ListOrganizationUnitsQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Part of the unit name (case-insensitive)' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  nameQuery?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Only units changed at or after this time (UTC); orders by last change' })
  @IsOptional()
  @IsDateString({ strict: true })
  changedSinceGtEq?: string;
}
