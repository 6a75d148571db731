import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
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
import { IsNonEmptyUuid, PageQuery, Trim } from '../common.dto';

/**
 * The option types of the catalogue (KITOS §2.8), by the path segment of their public read endpoint
 * (`GET /api/v2/<kind>`). Per-object role types are identity's (`/api/v2/role-types`), not options.
 */
export const OPTION_TYPE_KINDS = [
  'business-types',
  'it-system-usage-data-classification-types',
  'it-system-usage-registered-data-category-types',
  'it-system-usage-sensitive-personal-data-types',
  'it-system-usage-archive-types',
  'it-system-usage-archive-location-types',
  'it-system-usage-archive-test-location-types',
  'it-system-usage-relation-frequency-types',
  // newer KITOS (upstream 2025–26): technical system types [Tekniske systemtyper] and criticality [Kritikalitet] of a usage
  'it-system-usage-technical-system-types',
  'it-system-usage-criticality-level-types',
  'it-interface-interface-types',
  'it-interface-interface-data-types',
  'data-processing-registration-data-responsible-types',
  'data-processing-registration-basis-for-transfer-types',
  'data-processing-registration-country-types',
  'data-processing-registration-oversight-types',
  'it-contract-contract-types',
  'it-contract-contract-template-types',
  'it-contract-criticality-types',
  'it-contract-purchase-types',
  'it-contract-procurement-strategy-types',
  'it-contract-payment-model-types',
  'it-contract-payment-frequency-types',
  'it-contract-price-regulation-types',
  'it-contract-agreement-element-types',
  'it-contract-agreement-extension-option-types',
  'it-contract-notice-period-month-types',
  'it-project-types',
] as const;
export type OptionTypeKind = (typeof OPTION_TYPE_KINDS)[number];

export const OPTION_NAME_MAX = 150;
export const OPTION_DESCRIPTION_MAX = 2000;
export const OPTION_PRIORITY_MAX = 1_000_000;
/** Most references checked in one `requireAvailable` request. */
export const OPTION_REFS_MAX = 500;

const KIND_EXAMPLE: OptionTypeKind = 'business-types';

// ---------------------------------------------------------------- public read (KITOS API v2)

export class OptionTypesQuery extends PageQuery {
  @ApiProperty({
    format: 'uuid',
    description: 'The organisation whose available values are listed (you must be a member, or a global administrator)',
    example: '3f5d0c8e-5b1a-4c1e-9a57-0e6f1d2c3b4a',
  })
  @IsNonEmptyUuid()
  organizationUuid!: string;
}

export class OptionTypeOrganizationQuery {
  @ApiProperty({
    format: 'uuid',
    description: 'The organisation in which availability is judged (you must be a member, or a global administrator)',
    example: '3f5d0c8e-5b1a-4c1e-9a57-0e6f1d2c3b4a',
  })
  @IsNonEmptyUuid()
  organizationUuid!: string;
}

/** A value as KITOS API v2 returns it: `{ uuid, name, description }`, the description overridden locally when set. */
export class OptionTypeResponse {
  @ApiProperty({ format: 'uuid', example: '6c0f3a63-1f5e-5f5a-9d7e-2b8a4c1d0e9f' })
  uuid!: string;

  @ApiProperty({ example: 'Fagsystem' })
  name!: string;

  @ApiProperty({
    nullable: true,
    type: String,
    description: "The organisation's own description when it set one, otherwise the global description",
    example: 'Systemer der understøtter en bestemt faglig opgave',
  })
  description!: string | null;
}

export class AvailableOptionTypeResponse extends OptionTypeResponse {
  @ApiProperty({ description: 'Enabled, and obligatory or activated by the organisation: it may be used there', example: true })
  isAvailable!: boolean;
}

// ---------------------------------------------------------------- global values (global administrators)

export class CreateOptionTypeRequest {
  @ApiProperty({ maxLength: OPTION_NAME_MAX, description: 'Unique within the kind (case-insensitive)', example: 'Fagsystem' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(OPTION_NAME_MAX)
  name!: string;

  @ApiPropertyOptional({ maxLength: OPTION_DESCRIPTION_MAX, nullable: true, type: String, example: 'Systemer til en faglig opgave' })
  @IsOptional()
  @IsString()
  @MaxLength(OPTION_DESCRIPTION_MAX)
  description?: string | null;

  @ApiPropertyOptional({
    default: false,
    description: 'Obligatory values are available in every organisation; local administrators cannot deactivate them',
  })
  @IsOptional()
  @IsBoolean()
  isObligatory?: boolean;

  @ApiPropertyOptional({ default: true, description: 'A disabled value is available nowhere (but old registrations keep it)' })
  @IsOptional()
  @IsBoolean()
  isEnabled?: boolean;

  @ApiPropertyOptional({
    minimum: 0,
    maximum: OPTION_PRIORITY_MAX,
    default: 0,
    description: 'Order of the values: highest priority first, then by name',
    example: 10,
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(OPTION_PRIORITY_MAX)
  priority?: number;
}

/** PATCH: only the properties sent change; `null` clears the description. Disabling (`isEnabled: false`) is how a value goes away. */
export class PatchOptionTypeRequest {
  @ApiPropertyOptional({ maxLength: OPTION_NAME_MAX, example: 'Fagsystem' })
  @ValidateIf((_, v) => v !== undefined)
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(OPTION_NAME_MAX)
  name?: string;

  @ApiPropertyOptional({ maxLength: OPTION_DESCRIPTION_MAX, nullable: true, type: String })
  @IsOptional()
  @IsString()
  @MaxLength(OPTION_DESCRIPTION_MAX)
  description?: string | null;

  @ApiPropertyOptional({ example: true })
  @ValidateIf((_, v) => v !== undefined)
  @IsBoolean()
  isObligatory?: boolean;

  @ApiPropertyOptional({ example: false, description: 'false disables the value everywhere' })
  @ValidateIf((_, v) => v !== undefined)
  @IsBoolean()
  isEnabled?: boolean;

  @ApiPropertyOptional({ minimum: 0, maximum: OPTION_PRIORITY_MAX, example: 20 })
  @ValidateIf((_, v) => v !== undefined)
  @IsInt()
  @Min(0)
  @Max(OPTION_PRIORITY_MAX)
  priority?: number;
}

export class GlobalOptionTypeResponse {
  @ApiProperty({ format: 'uuid' })
  uuid!: string;

  @ApiProperty({ enum: OPTION_TYPE_KINDS, example: KIND_EXAMPLE })
  kind!: OptionTypeKind;

  @ApiProperty({ example: 'Fagsystem' })
  name!: string;

  @ApiProperty({ nullable: true, type: String })
  description!: string | null;

  @ApiProperty({ example: false })
  isObligatory!: boolean;

  @ApiProperty({ example: true })
  isEnabled!: boolean;

  @ApiProperty({ example: 10 })
  priority!: number;

  @ApiProperty({ format: 'date-time' })
  lastModified!: string;

  @ApiProperty({ type: 'integer', description: 'Version for optimistic concurrency; also sent as the ETag header', example: 1 })
  version!: number;
}

// ---------------------------------------------------------------- local settings (local administrators)

/** PATCH of an organisation's setting of one value: only the properties sent change. */
export class PatchLocalOptionTypeRequest {
  @ApiPropertyOptional({
    description: 'Activate (true) or deactivate (false) a non-obligatory value in the organisation',
    example: true,
  })
  @ValidateIf((_, v) => v !== undefined)
  @IsBoolean()
  isActive?: boolean;

  @ApiPropertyOptional({
    maxLength: OPTION_DESCRIPTION_MAX,
    nullable: true,
    type: String,
    description: "The organisation's own description; null (or empty) returns to the global description",
    example: 'Hos os: systemer som fagcentrene ejer',
  })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(OPTION_DESCRIPTION_MAX)
  description?: string | null;
}

export class LocalOptionTypeResponse {
  @ApiProperty({ format: 'uuid' })
  uuid!: string;

  @ApiProperty({ enum: OPTION_TYPE_KINDS, example: KIND_EXAMPLE })
  kind!: OptionTypeKind;

  @ApiProperty({ format: 'uuid' })
  organizationUuid!: string;

  @ApiProperty({ example: 'Fagsystem' })
  name!: string;

  @ApiProperty({ nullable: true, type: String, description: 'The description the organisation sees (local when set, else global)' })
  description!: string | null;

  @ApiProperty({ nullable: true, type: String })
  globalDescription!: string | null;

  @ApiProperty({ nullable: true, type: String, description: "The organisation's override, if any" })
  localDescription!: string | null;

  @ApiProperty({ example: false })
  isObligatory!: boolean;

  @ApiProperty({ example: true })
  isEnabled!: boolean;

  @ApiProperty({ description: 'Activated by the organisation (meaningless for obligatory values)', example: true })
  isActive!: boolean;

  @ApiProperty({ description: 'isEnabled and (isObligatory or isActive)', example: true })
  isAvailable!: boolean;

  @ApiProperty({ example: 10 })
  priority!: number;

  @ApiProperty({
    type: 'integer',
    description: "Version of the organisation's setting of the value (the ETag); 0 while it has none",
  })
  version!: number;
}

// ---------------------------------------------------------------- request/reply between services

/** `rpc.catalog.option.list`: the values available in an organisation (all of them without pageSize). */
export class ListAvailableOptionsRpc extends OptionTypesQuery {
  @IsIn(OPTION_TYPE_KINDS)
  kind!: OptionTypeKind;
}

/** `rpc.catalog.option.get`: one value with `isAvailable` in the organisation. */
export class GetAvailableOptionRpc extends OptionTypeOrganizationQuery {
  @IsIn(OPTION_TYPE_KINDS)
  kind!: OptionTypeKind;

  @IsNonEmptyUuid()
  uuid!: string;
}

export class OptionFieldRef {
  /** The request field to blame, e.g. `general.dataClassificationUuid` or `data[2].dataTypeUuid`. */
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  field!: string;

  @IsString()
  uuid!: string;
}

/**
 * `rpc.catalog.option.require-available`: "are these values available in organisation X?" Answers the values in
 * order as `OptionRef[]`, or BAD_INPUT with one field error per ref that is unknown, of another kind or unavailable.
 */
export class RequireAvailableOptionsRpc {
  @IsIn(OPTION_TYPE_KINDS)
  kind!: OptionTypeKind;

  @IsNonEmptyUuid()
  organizationUuid!: string;

  @IsArray()
  @ArrayMaxSize(OPTION_REFS_MAX)
  @ValidateNested({ each: true })
  @Type(() => OptionFieldRef)
  refs!: OptionFieldRef[];
}

/** `rpc.catalog.option.names`: names by uuid, also of unavailable values (for showing old registrations). */
export class OptionNamesRpc {
  @IsIn(OPTION_TYPE_KINDS)
  kind!: OptionTypeKind;

  @IsArray()
  @ArrayMaxSize(OPTION_REFS_MAX)
  @IsString({ each: true })
  uuids!: string[];
}

/** A value by reference: `{ uuid, name }`. */
export interface OptionRef {
  uuid: string;
  name: string;
}

/** Payloads of the administration subjects (gateway → catalog); bodies are validated with the request classes above. */
export interface OptionKindRpc {
  kind: OptionTypeKind;
}
export interface GlobalOptionRpc extends OptionKindRpc {
  uuid: string;
}
export interface CreateGlobalOptionRpc extends OptionKindRpc {
  option: CreateOptionTypeRequest;
}
export interface PatchGlobalOptionRpc extends GlobalOptionRpc {
  expectedVersion?: number;
  changes: Partial<PatchOptionTypeRequest>;
}
export interface LocalOptionsRpc extends OptionKindRpc {
  organizationUuid: string;
}
export interface LocalOptionRpc extends LocalOptionsRpc {
  uuid: string;
}
export interface PatchLocalOptionRpc extends LocalOptionRpc {
  changes: Partial<PatchLocalOptionTypeRequest>;
  /** If-Match: the setting's version read (0 while the organisation has none). */
  expectedVersion?: number;
}
