import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsNotEmpty, IsOptional, IsString, MaxLength, ValidateIf } from 'class-validator';
import { Trim } from '../common.dto';

/** The kinds of object that carry per-object roles (KITOS `HasRightsEntity`). */
export const ROLE_OBJECT_TYPES = ['ItSystemUsage', 'ItContract', 'DataProcessingRegistration', 'OrganizationUnit', 'ItProject'] as const;
export type RoleObjectType = (typeof ROLE_OBJECT_TYPES)[number];

export class CreateRoleTypeRequest {
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

export class PatchRoleTypeRequest {
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

  @ApiProperty({ nullable: true, type: String })
  description!: string | null;

  @ApiProperty()
  hasReadAccess!: boolean;

  @ApiProperty()
  hasWriteAccess!: boolean;

  @ApiProperty()
  isEnabled!: boolean;

  @ApiProperty({ type: 'integer' })
  version!: number;
}
