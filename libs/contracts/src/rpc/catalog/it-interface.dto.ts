import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsDateString,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUrl,
  MaxLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { REGISTRATION_SCOPES, type RegistrationScope } from '../../events/catalog.events';
import { ChosenUuid, IdentityNamePair, IsNonEmptyUuid, PageQuery, ToBoolean, Trim } from '../common.dto';

export const IT_INTERFACE_NAME_MAX = 100;
export const IT_INTERFACE_ID_MAX = 100;
export const IT_INTERFACE_VERSION_MAX = 20;
export const IT_INTERFACE_TEXT_MAX = 20000;
export const IT_INTERFACE_URL_MAX = 2048;
export const IT_INTERFACE_DATA_DESCRIPTION_MAX = 2000;
export const IT_INTERFACE_DATA_ROWS_MAX = 100;

const URL_OPTIONS = { protocols: ['http', 'https'], require_protocol: true, require_tld: false };

/** One row of the interface's data description. */
export class ItInterfaceDataRequest {
  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Uuid of an existing row of this interface, to keep its identity on PUT/PATCH; omit for a new row',
    example: '5c1d2b7e-0d44-4c69-9a3d-6a1f3f7c2e10',
  })
  @IsOptional()
  @IsNonEmptyUuid()
  uuid?: string;

  @ApiPropertyOptional({ maxLength: IT_INTERFACE_DATA_DESCRIPTION_MAX, nullable: true, type: String, example: 'CPR-nummer og navn' })
  @IsOptional()
  @IsString()
  @MaxLength(IT_INTERFACE_DATA_DESCRIPTION_MAX)
  description?: string | null;

  @ApiPropertyOptional({
    format: 'uuid',
    nullable: true,
    type: String,
    description: 'Option of `it-interface-interface-data-types`; a newly chosen one must be available in the owning organisation',
    example: '7a0f6f0e-2b1c-4f7a-8d3e-1c2b3a4d5e6f',
  })
  @IsOptional()
  @IsNonEmptyUuid()
  dataTypeUuid?: string | null;
}

/** The writable properties of an interface, shared by create, PUT (all replaced) and PATCH (only those sent). */
export class UpdateItInterfaceRequest {
  @ApiProperty({
    maxLength: IT_INTERFACE_NAME_MAX,
    description: 'Together with interfaceId unique per owning organisation (case and spacing ignored)',
    example: 'CPR-opslag',
  })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(IT_INTERFACE_NAME_MAX)
  name!: string;

  @ApiPropertyOptional({
    maxLength: IT_INTERFACE_ID_MAX,
    nullable: true,
    type: String,
    description: 'Interface id [Snitflade ID]',
    example: 'CPR-0042',
  })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(IT_INTERFACE_ID_MAX)
  interfaceId?: string | null;

  @ApiPropertyOptional({ maxLength: IT_INTERFACE_VERSION_MAX, nullable: true, type: String, example: '2.1' })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(IT_INTERFACE_VERSION_MAX)
  version?: string | null;

  @ApiPropertyOptional({ maxLength: IT_INTERFACE_TEXT_MAX, nullable: true, type: String, example: 'Opslag af personer i CPR' })
  @IsOptional()
  @IsString()
  @MaxLength(IT_INTERFACE_TEXT_MAX)
  description?: string | null;

  @ApiPropertyOptional({
    maxLength: IT_INTERFACE_URL_MAX,
    nullable: true,
    type: String,
    description: 'An http(s) URL with further information',
    example: 'https://digitaliseringskataloget.dk/integration/sf1520',
  })
  @IsOptional()
  @IsString()
  @MaxLength(IT_INTERFACE_URL_MAX)
  @IsUrl(URL_OPTIONS, { message: 'urlReference must be an http or https URL' })
  urlReference?: string | null;

  @ApiPropertyOptional({
    maxLength: IT_INTERFACE_TEXT_MAX,
    nullable: true,
    type: String,
    description: 'Internal note (returned as `notes`)',
  })
  @IsOptional()
  @IsString()
  @MaxLength(IT_INTERFACE_TEXT_MAX)
  note?: string | null;

  @ApiPropertyOptional({
    format: 'uuid',
    nullable: true,
    type: String,
    description: 'Option of `it-interface-interface-types`; a newly chosen one must be available in the owning organisation',
    example: '0b8c3a52-7d54-4b0e-9f6a-2a7e4d1c9b33',
  })
  @IsOptional()
  @IsNonEmptyUuid()
  itInterfaceTypeUuid?: string | null;

  @ApiPropertyOptional({
    enum: REGISTRATION_SCOPES,
    default: 'Local',
    description: 'Local: only the owning organisation; Global: the shared catalogue. Only global administrators set Global',
  })
  @IsOptional()
  @IsIn(REGISTRATION_SCOPES)
  scope?: RegistrationScope;

  @ApiPropertyOptional({ default: false, example: false })
  @IsOptional()
  @IsBoolean()
  deactivated?: boolean;

  @ApiPropertyOptional({
    format: 'uuid',
    nullable: true,
    type: String,
    description: 'The IT system that exposes the interface; it must exist and be visible to you',
    example: '2d1f6c3e-8a4b-4e5f-9c7d-1b2a3c4d5e6f',
  })
  @IsOptional()
  @IsNonEmptyUuid()
  exposedBySystemUuid?: string | null;

  @ApiPropertyOptional({
    type: [ItInterfaceDataRequest],
    maxItems: IT_INTERFACE_DATA_ROWS_MAX,
    description: 'The data description; replaces all rows',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(IT_INTERFACE_DATA_ROWS_MAX)
  @ValidateNested({ each: true })
  @Type(() => ItInterfaceDataRequest)
  data?: ItInterfaceDataRequest[];
}

export class CreateItInterfaceRequest extends UpdateItInterfaceRequest {
  @ChosenUuid()
  uuid?: string;

  @ApiProperty({
    format: 'uuid',
    description: 'The organisation that registers (owns) the interface',
    example: '3f5d0c8e-5b1a-4c1e-9a57-0e6f1d2c3b4a',
  })
  @IsNonEmptyUuid()
  organizationUuid!: string;
}

/** PATCH: only the properties sent change; `null` clears an optional value. */
export class PatchItInterfaceRequest {
  @ApiPropertyOptional({ maxLength: IT_INTERFACE_NAME_MAX })
  @ValidateIf((_, v) => v !== undefined)
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(IT_INTERFACE_NAME_MAX)
  name?: string;

  @ApiPropertyOptional({ maxLength: IT_INTERFACE_ID_MAX, nullable: true, type: String })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(IT_INTERFACE_ID_MAX)
  interfaceId?: string | null;

  @ApiPropertyOptional({ maxLength: IT_INTERFACE_VERSION_MAX, nullable: true, type: String })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(IT_INTERFACE_VERSION_MAX)
  version?: string | null;

  @ApiPropertyOptional({ maxLength: IT_INTERFACE_TEXT_MAX, nullable: true, type: String })
  @IsOptional()
  @IsString()
  @MaxLength(IT_INTERFACE_TEXT_MAX)
  description?: string | null;

  @ApiPropertyOptional({ maxLength: IT_INTERFACE_URL_MAX, nullable: true, type: String })
  @IsOptional()
  @IsString()
  @MaxLength(IT_INTERFACE_URL_MAX)
  @IsUrl(URL_OPTIONS, { message: 'urlReference must be an http or https URL' })
  urlReference?: string | null;

  @ApiPropertyOptional({ maxLength: IT_INTERFACE_TEXT_MAX, nullable: true, type: String })
  @IsOptional()
  @IsString()
  @MaxLength(IT_INTERFACE_TEXT_MAX)
  note?: string | null;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String })
  @IsOptional()
  @IsNonEmptyUuid()
  itInterfaceTypeUuid?: string | null;

  @ApiPropertyOptional({ enum: REGISTRATION_SCOPES })
  @ValidateIf((_, v) => v !== undefined)
  @IsIn(REGISTRATION_SCOPES)
  scope?: RegistrationScope;

  @ApiPropertyOptional()
  @ValidateIf((_, v) => v !== undefined)
  @IsBoolean()
  deactivated?: boolean;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String })
  @IsOptional()
  @IsNonEmptyUuid()
  exposedBySystemUuid?: string | null;

  @ApiPropertyOptional({
    type: [ItInterfaceDataRequest],
    maxItems: IT_INTERFACE_DATA_ROWS_MAX,
    description: 'Replaces all rows; null removes them',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(IT_INTERFACE_DATA_ROWS_MAX)
  @ValidateNested({ each: true })
  @Type(() => ItInterfaceDataRequest)
  data?: ItInterfaceDataRequest[] | null;
}

/** Body of `POST /it-interfaces/{uuid}/data` and `PUT /it-interfaces/{uuid}/data/{dataUuid}`. */
export class ItInterfaceDataWriteRequest {
  @ApiPropertyOptional({ maxLength: IT_INTERFACE_DATA_DESCRIPTION_MAX, nullable: true, type: String, example: 'CPR-nummer og navn' })
  @IsOptional()
  @IsString()
  @MaxLength(IT_INTERFACE_DATA_DESCRIPTION_MAX)
  description?: string | null;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String, description: 'Option of `it-interface-interface-data-types`' })
  @IsOptional()
  @IsNonEmptyUuid()
  dataTypeUuid?: string | null;
}

export const IT_INTERFACE_ORDER = ['CreationOrder', 'Name', 'LastChanged'] as const;
export type ItInterfaceOrder = (typeof IT_INTERFACE_ORDER)[number];

export class ListItInterfacesQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid', description: 'Only interfaces exposed by this IT system' })
  @IsOptional()
  @IsNonEmptyUuid()
  exposedBySystemUuid?: string;

  @ApiPropertyOptional({ default: false, description: 'Include deactivated interfaces' })
  @IsOptional()
  @ToBoolean()
  @IsBoolean()
  includeDeactivated?: boolean;

  @ApiPropertyOptional({ format: 'date-time', description: 'Only interfaces changed at or after this time (UTC); orders by last change' })
  @IsOptional()
  @IsDateString({ strict: true })
  changedSinceGtEq?: string;

  @ApiPropertyOptional({ description: 'The exact name (case and spacing ignored)', example: 'CPR-opslag' })
  @IsOptional()
  @IsString()
  @MaxLength(IT_INTERFACE_NAME_MAX)
  nameEquals?: string;

  @ApiPropertyOptional({ description: 'Case-insensitive part of the name', example: 'cpr' })
  @IsOptional()
  @IsString()
  @MaxLength(IT_INTERFACE_NAME_MAX)
  nameContains?: string;

  @ApiPropertyOptional({ description: 'The exact interface id (case and spacing ignored)', example: 'CPR-0042' })
  @IsOptional()
  @IsString()
  @MaxLength(IT_INTERFACE_ID_MAX)
  interfaceId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only interfaces owned by this organisation' })
  @IsOptional()
  @IsNonEmptyUuid()
  organizationUuid?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only interfaces exposed by systems that this organisation uses' })
  @IsOptional()
  @IsNonEmptyUuid()
  usedInOrganizationUuid?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only interfaces this organisation can use: its own and the Global ones' })
  @IsOptional()
  @IsNonEmptyUuid()
  availableInOrganizationUuid?: string;

  @ApiPropertyOptional({ enum: IT_INTERFACE_ORDER, default: 'CreationOrder' })
  @IsOptional()
  @IsIn(IT_INTERFACE_ORDER)
  orderByProperty?: ItInterfaceOrder;
}

export class ItInterfaceDataResponse {
  @ApiProperty({ format: 'uuid' })
  uuid!: string;

  @ApiProperty({ nullable: true, type: String, example: 'CPR-nummer og navn' })
  description!: string | null;

  @ApiProperty({ type: IdentityNamePair, nullable: true })
  dataType!: IdentityNamePair | null;
}

export class ItInterfaceResponse {
  @ApiProperty({ format: 'uuid' })
  uuid!: string;

  @ApiProperty({ type: IdentityNamePair, description: 'The owning organisation' })
  organizationContext!: IdentityNamePair;

  @ApiProperty({ type: IdentityNamePair, nullable: true, description: 'The exposing IT system (name null if you may not read it)' })
  exposedBySystem!: IdentityNamePair | null;

  @ApiProperty({ example: 'CPR-opslag' })
  name!: string;

  @ApiProperty({ nullable: true, type: String, example: 'CPR-0042' })
  interfaceId!: string | null;

  @ApiProperty({ nullable: true, type: String, description: 'The interface version (text)', example: '2.1' })
  version!: string | null;

  @ApiProperty({ nullable: true, type: String })
  description!: string | null;

  @ApiProperty({ nullable: true, type: String, description: 'The internal note' })
  notes!: string | null;

  @ApiProperty({ nullable: true, type: String })
  urlReference!: string | null;

  @ApiProperty({ type: IdentityNamePair, nullable: true })
  itInterfaceType!: IdentityNamePair | null;

  @ApiProperty({ enum: REGISTRATION_SCOPES })
  scope!: RegistrationScope;

  @ApiProperty()
  deactivated!: boolean;

  @ApiProperty({ type: [ItInterfaceDataResponse] })
  data!: ItInterfaceDataResponse[];

  @ApiProperty({ format: 'date-time' })
  created!: string;

  @ApiProperty({ type: IdentityNamePair, nullable: true })
  createdBy!: IdentityNamePair | null;

  @ApiProperty({ format: 'date-time' })
  lastModified!: string;

  @ApiProperty({ type: IdentityNamePair, nullable: true })
  lastModifiedBy!: IdentityNamePair | null;

  @ApiProperty({
    type: 'integer',
    description: 'Revision for optimistic concurrency, also sent as the ETag header (`version` is the interface version text, as in KITOS)',
    example: 1,
  })
  revision!: number;
}

/** Internal RPC payloads (gateway → catalog). */
export interface GetItInterfaceRpc {
  uuid: string;
}
export interface PutItInterfaceRpc {
  uuid: string;
  expectedVersion?: number;
  body: UpdateItInterfaceRequest;
}
export interface PatchItInterfaceRpc {
  uuid: string;
  expectedVersion?: number;
  changes: PatchItInterfaceRequest;
}
export interface DeleteItInterfaceRpc {
  uuid: string;
  expectedVersion?: number;
}
export interface ItInterfaceDataRpc {
  uuid: string;
  dataUuid?: string;
  expectedVersion?: number;
  body?: ItInterfaceDataWriteRequest;
}
/** Answer of the data-row writes: the row and the interface's new revision (for the ETag). */
export interface ItInterfaceDataRpcResult {
  row: ItInterfaceDataResponse;
  revision: number;
}
