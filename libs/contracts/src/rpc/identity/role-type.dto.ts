import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateIf,
} from 'class-validator';
import { IsNonEmptyUuid, PageQuery, Trim } from '../common.dto';

/** The kinds of object that carry per-object roles (KITOS `HasRightsEntity`). */
export const ROLE_OBJECT_TYPES = ['ItSystemUsage', 'ItContract', 'DataProcessingRegistration', 'OrganizationUnit', 'ItProject'] as const;
export type RoleObjectType = (typeof ROLE_OBJECT_TYPES)[number];

/** What the role catalogue adds to a role: the English description and the rules of the registration practice. */
export class RoleTypeCatalogueFields {
  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 2000, description: 'The description in English' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  descriptionEn?: string | null;

  @ApiPropertyOptional({
    type: [String],
    description: 'Ids of the rules of the registration practice (data-quality rule pack) whose fields the holder keeps current',
    example: ['usage-responsible-unit'],
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  // rule ids of the data-quality rule pack look like `usage-responsible-unit`: letters, digits, dots, dashes
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, {
    each: true,
    message: 'each of practiceRuleIds must be a rule id (letters, digits, dots and dashes)',
  })
  practiceRuleIds?: string[];
}

export class CreateRoleTypeRequest extends RoleTypeCatalogueFields {
  @ApiProperty({ enum: ROLE_OBJECT_TYPES, description: 'The kind of object the role is held on' })
  @IsIn(ROLE_OBJECT_TYPES)
  objectType!: RoleObjectType;

  @ApiProperty({ maxLength: 150, example: 'Systemejer' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(150)
  name!: string;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  description?: string | null;

  @ApiPropertyOptional({ default: true, description: 'Holders may read the object' })
  @IsOptional()
  @IsBoolean()
  hasReadAccess?: boolean;

  @ApiPropertyOptional({ default: false, description: 'Holders may change the object, without any module-admin role' })
  @IsOptional()
  @IsBoolean()
  hasWriteAccess?: boolean;
}

export class PatchRoleTypeRequest extends RoleTypeCatalogueFields {
  @ApiPropertyOptional({ maxLength: 150 })
  @ValidateIf((_, v) => v !== undefined)
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(150)
  name?: string;

  @ApiPropertyOptional({ maxLength: 2000, nullable: true, type: String })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  description?: string | null;

  @ApiPropertyOptional()
  @ValidateIf((_, v) => v !== undefined)
  @IsBoolean()
  hasReadAccess?: boolean;

  @ApiPropertyOptional()
  @ValidateIf((_, v) => v !== undefined)
  @IsBoolean()
  hasWriteAccess?: boolean;

  @ApiPropertyOptional({ description: 'A disabled role can no longer be assigned' })
  @ValidateIf((_, v) => v !== undefined)
  @IsBoolean()
  isEnabled?: boolean;
}

export class RoleTypeResponse {
  @ApiProperty({ format: 'uuid' })
  uuid!: string;

  @ApiProperty({ enum: ROLE_OBJECT_TYPES })
  objectType!: RoleObjectType;

  @ApiProperty()
  name!: string;

  @ApiProperty({ nullable: true, type: String, description: 'What the holder does and may do, in Danish' })
  description!: string | null;

  @ApiProperty({ nullable: true, type: String, description: 'What the holder does and may do, in English' })
  descriptionEn!: string | null;

  @ApiProperty()
  hasReadAccess!: boolean;

  @ApiProperty()
  hasWriteAccess!: boolean;

  @ApiProperty({ description: 'Globally enabled: a disabled role can be assigned nowhere' })
  isEnabled!: boolean;

  @ApiProperty({ type: [String], description: 'Rules of the registration practice (data-quality rule pack) that refer to the role' })
  practiceRuleIds!: string[];

  @ApiProperty({ description: 'Part of the role catalogue shipped with the product (same uuid in every installation)' })
  builtIn!: boolean;

  @ApiProperty({ type: [String], description: 'Organisations that switched the role off locally' })
  disabledInOrganizationUuids!: string[];

  @ApiProperty({ type: 'integer' })
  version!: number;
}

/** A local administrator switches a role on or off in the organisation (a switched-off role cannot be newly assigned there). */
export class LocalRoleTypeRequest {
  @ApiProperty({ description: 'false switches the role off in the organisation; existing assignments stay', example: false })
  @IsBoolean()
  isLocallyEnabled!: boolean;
}

/** A role as the organisation sees it. */
export class LocalRoleTypeResponse extends RoleTypeResponse {
  @ApiProperty({ description: 'Enabled globally and not switched off by the organisation' })
  isLocallyEnabled!: boolean;
}

/** The KITOS API v2 role option list: `GET /api/v2/<object>-role-types?organizationUuid=`. */
export class RoleOptionTypesQuery extends PageQuery {
  @ApiProperty({ format: 'uuid', description: 'The organisation whose available roles are listed (members and global administrators)' })
  @IsNonEmptyUuid()
  organizationUuid!: string;
}

export class RoleOptionTypeQuery {
  @ApiProperty({ format: 'uuid', description: 'The organisation in which availability is judged' })
  @IsNonEmptyUuid()
  organizationUuid!: string;
}

/** A role option as KITOS API v2 returns it (`RoleOptionResponseDTO`). */
export class RoleOptionTypeResponse {
  @ApiProperty({ format: 'uuid' })
  uuid!: string;

  @ApiProperty({ example: 'Systemejer' })
  name!: string;

  @ApiProperty({ nullable: true, type: String })
  description!: string | null;

  @ApiProperty({ description: 'Holders may change the object' })
  writeAccess!: boolean;
}

export class AvailableRoleOptionTypeResponse extends RoleOptionTypeResponse {
  @ApiProperty({ description: 'Enabled globally and not switched off by the organisation: it may be assigned there' })
  isAvailable!: boolean;
}
