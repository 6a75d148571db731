import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsDateString, IsIn, IsNotEmpty, IsOptional, IsString, MaxLength, ValidateIf } from 'class-validator';
import { REGISTRATION_SCOPES, type RegistrationScope } from '../../events/catalog.events';
import { IdentityNamePair, IsNonEmptyUuid, PageQuery, ToBoolean, Trim } from '../common.dto';

export const IT_SYSTEM_NAME_MAX = 100;
export const IT_SYSTEM_DESCRIPTION_MAX = 20000;

export class CreateItSystemRequest {
  @ApiProperty({
    format: 'uuid',
    description: 'The organisation that registers (owns) the system',
    example: '3f5d0c8e-5b1a-4c1e-9a57-0e6f1d2c3b4a',
  })
  @IsNonEmptyUuid()
  organizationUuid!: string;

  @ApiProperty({ maxLength: IT_SYSTEM_NAME_MAX, description: 'Unique per owning organisation (case-insensitive)', example: 'KMD Sag' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(IT_SYSTEM_NAME_MAX)
  name!: string;

  @ApiPropertyOptional({ maxLength: IT_SYSTEM_NAME_MAX, description: 'Former name [Tidligere navn]', nullable: true, type: String })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(IT_SYSTEM_NAME_MAX)
  formerName?: string | null;

  @ApiPropertyOptional({ maxLength: IT_SYSTEM_DESCRIPTION_MAX, nullable: true, type: String })
  @IsOptional()
  @IsString()
  @MaxLength(IT_SYSTEM_DESCRIPTION_MAX)
  description?: string | null;

  @ApiPropertyOptional({
    enum: REGISTRATION_SCOPES,
    default: 'Global',
    description: 'Global: visible to every organisation (the shared catalogue); Local: only the owner',
  })
  @IsOptional()
  @IsIn(REGISTRATION_SCOPES)
  scope?: RegistrationScope;

  @ApiPropertyOptional({ default: false, description: 'A deactivated system cannot be taken into use' })
  @IsOptional()
  @IsBoolean()
  deactivated?: boolean;
}

/** PATCH: only the properties sent change; `null` clears an optional text. */
export class PatchItSystemRequest {
  @ApiPropertyOptional({ maxLength: IT_SYSTEM_NAME_MAX })
  @ValidateIf((_, v) => v !== undefined)
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(IT_SYSTEM_NAME_MAX)
  name?: string;

  @ApiPropertyOptional({ maxLength: IT_SYSTEM_NAME_MAX, nullable: true, type: String })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(IT_SYSTEM_NAME_MAX)
  formerName?: string | null;

  @ApiPropertyOptional({ maxLength: IT_SYSTEM_DESCRIPTION_MAX, nullable: true, type: String })
  @IsOptional()
  @IsString()
  @MaxLength(IT_SYSTEM_DESCRIPTION_MAX)
  description?: string | null;

  @ApiPropertyOptional({ enum: REGISTRATION_SCOPES })
  @ValidateIf((_, v) => v !== undefined)
  @IsIn(REGISTRATION_SCOPES)
  scope?: RegistrationScope;

  @ApiPropertyOptional()
  @ValidateIf((_, v) => v !== undefined)
  @IsBoolean()
  deactivated?: boolean;
}

export const IT_SYSTEM_ORDER = ['CreationOrder', 'Name', 'LastChanged'] as const;
export type ItSystemOrder = (typeof IT_SYSTEM_ORDER)[number];

export class ListItSystemsQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Case-insensitive part of the name' })
  @IsOptional()
  @IsString()
  @MaxLength(IT_SYSTEM_NAME_MAX)
  nameContains?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Only systems changed at or after this time (UTC); orders by last change' })
  @IsOptional()
  @IsDateString({ strict: true })
  changedSinceGtEq?: string;

  @ApiPropertyOptional({ default: false, description: 'Include deactivated systems' })
  @IsOptional()
  @ToBoolean()
  @IsBoolean()
  includeDeactivated?: boolean;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only systems owned by this organisation' })
  @IsOptional()
  @IsNonEmptyUuid()
  organizationUuid?: string;

  @ApiPropertyOptional({ enum: IT_SYSTEM_ORDER, default: 'CreationOrder' })
  @IsOptional()
  @IsIn(IT_SYSTEM_ORDER)
  orderByProperty?: ItSystemOrder;
}

export class ItSystemResponse {
  @ApiProperty({ format: 'uuid' })
  uuid!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty({ nullable: true, type: String })
  formerName!: string | null;

  @ApiProperty({ nullable: true, type: String })
  description!: string | null;

  @ApiProperty({ enum: REGISTRATION_SCOPES })
  scope!: RegistrationScope;

  @ApiProperty()
  deactivated!: boolean;

  @ApiProperty({ type: IdentityNamePair, description: 'The owning organisation' })
  organizationContext!: IdentityNamePair;

  @ApiProperty({ format: 'date-time' })
  created!: string;

  @ApiProperty({ type: IdentityNamePair, nullable: true })
  createdBy!: IdentityNamePair | null;

  @ApiProperty({ format: 'date-time' })
  lastModified!: string;

  @ApiProperty({ type: IdentityNamePair, nullable: true })
  lastModifiedBy!: IdentityNamePair | null;

  @ApiProperty({ description: 'Version for optimistic concurrency; also sent as the ETag header' })
  version!: number;
}

/** Internal RPC payloads (gateway → catalog). */
export interface GetItSystemRpc {
  uuid: string;
}
export interface PatchItSystemRpc {
  uuid: string;
  expectedVersion?: number;
  changes: PatchItSystemRequest;
}
export interface DeleteItSystemRpc {
  uuid: string;
  expectedVersion?: number;
}
export interface Page<T> {
  items: T[];
  page: number;
  pageSize: number;
}
