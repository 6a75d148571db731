import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsDateString,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUrl,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import {
  ARCHIVE_DUTY_RECOMMENDATIONS,
  REGISTRATION_SCOPES,
  type ArchiveDutyRecommendation,
  type RegistrationScope,
} from '../../events/catalog.events';
import { ChosenUuid, IdentityNamePair, IsNonEmptyUuid, PageQuery, ToBoolean, Trim } from '../common.dto';

export const IT_SYSTEM_NAME_MAX = 100;
export const IT_SYSTEM_DESCRIPTION_MAX = 20000;
export const IT_SYSTEM_ARCHIVE_COMMENT_MAX = 2000;
export const IT_SYSTEM_DEACTIVATION_REASON_MAX = 2000;
export const IT_SYSTEM_KLE_MAX = 500;
export const IT_SYSTEM_REFERENCES_MAX = 100;
export const IT_SYSTEM_REFERENCE_TITLE_MAX = 255;
export const IT_SYSTEM_REFERENCE_DOCUMENT_ID_MAX = 255;
export const IT_SYSTEM_REFERENCE_URL_MAX = 2000;

const URL_OPTIONS = { protocols: ['http', 'https'], require_protocol: true, require_tld: false };
const EXAMPLE_ORG = '3f5d0c8e-5b1a-4c1e-9a57-0e6f1d2c3b4a';

/** Rigsarkivet's recommendation [Rigsarkivets anbefaling]; a comment only together with a recommendation. */
export class RecommendedArchiveDutyRequest {
  @ApiProperty({ enum: ARCHIVE_DUTY_RECOMMENDATIONS, example: 'B' })
  @IsIn(ARCHIVE_DUTY_RECOMMENDATIONS)
  id!: ArchiveDutyRecommendation;

  @ApiPropertyOptional({
    maxLength: IT_SYSTEM_ARCHIVE_COMMENT_MAX,
    nullable: true,
    type: String,
    description: 'Only allowed when id is not Undecided',
    example: 'Bevares efter Rigsarkivets bekendtgørelse',
  })
  @IsOptional()
  @IsString()
  @MaxLength(IT_SYSTEM_ARCHIVE_COMMENT_MAX)
  comment?: string | null;
}

export class ItSystemExternalReferenceRequest {
  @ApiPropertyOptional({ format: 'uuid', description: 'The uuid of an existing reference to keep it; leave out to add a new one' })
  @IsOptional()
  @IsNonEmptyUuid()
  uuid?: string;

  @ApiProperty({ maxLength: IT_SYSTEM_REFERENCE_TITLE_MAX, example: 'Leverandørens produktside' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(IT_SYSTEM_REFERENCE_TITLE_MAX)
  title!: string;

  @ApiPropertyOptional({ maxLength: IT_SYSTEM_REFERENCE_DOCUMENT_ID_MAX, nullable: true, type: String, example: 'DOK-2024-17' })
  @IsOptional()
  @IsString()
  @MaxLength(IT_SYSTEM_REFERENCE_DOCUMENT_ID_MAX)
  documentId?: string | null;

  @ApiPropertyOptional({ maxLength: IT_SYSTEM_REFERENCE_URL_MAX, nullable: true, type: String, example: 'https://leverandor.example/esdh' })
  @IsOptional()
  @IsString()
  @MaxLength(IT_SYSTEM_REFERENCE_URL_MAX)
  @IsUrl(URL_OPTIONS, { message: 'url must be an http or https URL' })
  url?: string | null;

  @ApiPropertyOptional({ default: false, description: 'The master reference of the system; at most one' })
  @IsOptional()
  @IsBoolean()
  masterReference?: boolean;
}

/** The properties both the catalogue and rights holders maintain (KITOS `RightsHolderWriteITSystemPropertiesDTO`); `null` clears one. */
export class ItSystemCommonFields {
  @ApiPropertyOptional({ maxLength: IT_SYSTEM_NAME_MAX, description: 'Former name [Tidligere navn]', nullable: true, type: String })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(IT_SYSTEM_NAME_MAX)
  formerName?: string | null;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String, description: "The system's id in the rights holder's own records" })
  @IsOptional()
  @IsNonEmptyUuid()
  externalUuid?: string | null;

  @ApiPropertyOptional({
    format: 'uuid',
    nullable: true,
    type: String,
    description: 'The parent system; it must exist (400), be readable (403) and not make a cycle (400)',
  })
  @IsOptional()
  @IsNonEmptyUuid()
  parentUuid?: string | null;

  @ApiPropertyOptional({
    format: 'uuid',
    nullable: true,
    type: String,
    description: '[Forretningstype]: a business type available in the owning organisation (400 otherwise)',
  })
  @IsOptional()
  @IsNonEmptyUuid()
  businessTypeUuid?: string | null;

  @ApiPropertyOptional({
    type: [String],
    nullable: true,
    maxItems: IT_SYSTEM_KLE_MAX,
    description: 'KLE task references by uuid; each must exist, no duplicates (400)',
    example: ['6a5e2c8f-59b5-4d0b-9c41-1b2f7d1c8a10'],
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(IT_SYSTEM_KLE_MAX)
  @IsNonEmptyUuid({ each: true })
  kleUuids?: string[] | null;

  @ApiPropertyOptional({ type: [ItSystemExternalReferenceRequest], nullable: true, maxItems: IT_SYSTEM_REFERENCES_MAX })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(IT_SYSTEM_REFERENCES_MAX)
  @ValidateNested({ each: true })
  @Type(() => ItSystemExternalReferenceRequest)
  externalReferences?: ItSystemExternalReferenceRequest[] | null;
}

/** Every writable property besides the name; on POST and PUT an absent or null one takes its default. */
export class ItSystemFields extends ItSystemCommonFields {
  @ApiPropertyOptional({ maxLength: IT_SYSTEM_DESCRIPTION_MAX, nullable: true, type: String, example: 'Sags- og dokumenthåndtering' })
  @IsOptional()
  @IsString()
  @MaxLength(IT_SYSTEM_DESCRIPTION_MAX)
  description?: string | null;

  @ApiPropertyOptional({
    format: 'uuid',
    nullable: true,
    type: String,
    description: '[Rettighedshaver]: the organisation that produces the system; it must exist (400)',
    example: EXAMPLE_ORG,
  })
  @IsOptional()
  @IsNonEmptyUuid()
  rightsHolderUuid?: string | null;

  @ApiPropertyOptional({
    enum: REGISTRATION_SCOPES,
    default: 'Global',
    description: 'Global: visible to every organisation (the shared catalogue); Local: only the owner. Only global admins change it',
  })
  @IsOptional()
  @IsIn(REGISTRATION_SCOPES)
  scope?: RegistrationScope | null;

  @ApiPropertyOptional({
    type: Boolean,
    nullable: true,
    default: false,
    description: '[Ikke aktiv]: a deactivated system cannot be taken into use',
  })
  @IsOptional()
  @IsBoolean()
  deactivated?: boolean | null;

  @ApiPropertyOptional({ type: RecommendedArchiveDutyRequest, nullable: true, description: 'Absent or null: Undecided' })
  @IsOptional()
  @ValidateNested()
  @Type(() => RecommendedArchiveDutyRequest)
  recommendedArchiveDuty?: RecommendedArchiveDutyRequest | null;
}

export class CreateItSystemRequest extends ItSystemFields {
  @ChosenUuid()
  uuid?: string;

  @ApiProperty({ format: 'uuid', description: 'The organisation that registers (owns) the system; it must exist', example: EXAMPLE_ORG })
  @IsNonEmptyUuid()
  organizationUuid!: string;

  @ApiProperty({ maxLength: IT_SYSTEM_NAME_MAX, description: 'Unique per owning organisation (case-insensitive)', example: 'KMD Sag' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(IT_SYSTEM_NAME_MAX)
  name!: string;
}

/** PUT: replaces every writable property; absent ones are reset to their defaults. */
export class PutItSystemRequest extends ItSystemFields {
  @ApiProperty({ maxLength: IT_SYSTEM_NAME_MAX, example: 'KMD Sag' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(IT_SYSTEM_NAME_MAX)
  name!: string;
}

/** PATCH: only the properties sent change; `null` clears an optional one (the name cannot be cleared). */
export class PatchItSystemRequest extends ItSystemFields {
  @ApiPropertyOptional({ maxLength: IT_SYSTEM_NAME_MAX })
  @ValidateIf((_, v) => v !== undefined)
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(IT_SYSTEM_NAME_MAX)
  name?: string;
}

export class RightsHolderCreateItSystemRequest extends ItSystemCommonFields {
  @ApiPropertyOptional({ format: 'uuid', description: 'Your own uuid for the new system (409 if taken)' })
  @IsOptional()
  @IsNonEmptyUuid()
  uuid?: string;

  @ApiProperty({
    format: 'uuid',
    description: 'An organisation in which you hold rights-holder access; it becomes rights holder and owner',
    example: EXAMPLE_ORG,
  })
  @IsNonEmptyUuid()
  rightsHolderUuid!: string;

  @ApiProperty({ maxLength: IT_SYSTEM_NAME_MAX, example: 'KMD Sag' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(IT_SYSTEM_NAME_MAX)
  name!: string;

  @ApiProperty({ maxLength: IT_SYSTEM_DESCRIPTION_MAX, description: 'Required for rights holders', example: 'Sags- og dokumenthåndtering' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(IT_SYSTEM_DESCRIPTION_MAX)
  description!: string;
}

export class RightsHolderPutItSystemRequest extends ItSystemCommonFields {
  @ApiProperty({ maxLength: IT_SYSTEM_NAME_MAX, example: 'KMD Sag' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(IT_SYSTEM_NAME_MAX)
  name!: string;

  @ApiProperty({ maxLength: IT_SYSTEM_DESCRIPTION_MAX, example: 'Sags- og dokumenthåndtering' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(IT_SYSTEM_DESCRIPTION_MAX)
  description!: string;
}

export class RightsHolderPatchItSystemRequest extends ItSystemCommonFields {
  @ApiPropertyOptional({ maxLength: IT_SYSTEM_NAME_MAX })
  @ValidateIf((_, v) => v !== undefined)
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(IT_SYSTEM_NAME_MAX)
  name?: string;

  @ApiPropertyOptional({ maxLength: IT_SYSTEM_DESCRIPTION_MAX, description: 'Cannot be cleared' })
  @ValidateIf((_, v) => v !== undefined)
  @IsString()
  @IsNotEmpty()
  @MaxLength(IT_SYSTEM_DESCRIPTION_MAX)
  description?: string;
}

/** DELETE on the rights-holder endpoint: the system is deactivated, not deleted. */
export class DeactivateItSystemRequest {
  @ApiProperty({
    maxLength: IT_SYSTEM_DEACTIVATION_REASON_MAX,
    description: 'Why the system is deactivated; required',
    example: 'Produktet er udgået og erstattet af KMD Sag 2',
  })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(IT_SYSTEM_DEACTIVATION_REASON_MAX)
  deactivationReason!: string;
}

export const IT_SYSTEM_ORDER = ['CreationOrder', 'Name', 'LastChanged'] as const;
export type ItSystemOrder = (typeof IT_SYSTEM_ORDER)[number];

/** What both the catalogue and the rights-holder lists filter on. */
export class BaseItSystemsQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid', description: 'Only systems whose rights holder is this organisation' })
  @IsOptional()
  @IsNonEmptyUuid()
  rightsHolderUuid?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Only systems changed at or after this time (UTC); orders by last change' })
  @IsOptional()
  @IsDateString({ strict: true })
  changedSinceGtEq?: string;

  @ApiPropertyOptional({ default: false, description: 'Include deactivated systems' })
  @IsOptional()
  @ToBoolean()
  @IsBoolean()
  includeDeactivated?: boolean;

  @ApiPropertyOptional({ enum: IT_SYSTEM_ORDER, default: 'CreationOrder' })
  @IsOptional()
  @IsIn(IT_SYSTEM_ORDER)
  orderByProperty?: ItSystemOrder;
}

export class ListRightsHolderItSystemsQuery extends BaseItSystemsQuery {}

export class ListItSystemsQuery extends BaseItSystemsQuery {
  @ApiPropertyOptional({ description: 'Case-insensitive part of the name' })
  @IsOptional()
  @IsString()
  @MaxLength(IT_SYSTEM_NAME_MAX)
  nameContains?: string;

  @ApiPropertyOptional({ description: 'The whole name, case-insensitively' })
  @IsOptional()
  @IsString()
  @MaxLength(IT_SYSTEM_NAME_MAX)
  nameEquals?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only systems owned by this organisation' })
  @IsOptional()
  @IsNonEmptyUuid()
  organizationUuid?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only systems with this business type' })
  @IsOptional()
  @IsNonEmptyUuid()
  businessTypeUuid?: string;

  @ApiPropertyOptional({ description: 'Only systems with a KLE reference at or under this KLE number', example: '02.05' })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  kleNumber?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only systems with this KLE reference' })
  @IsOptional()
  @IsNonEmptyUuid()
  kleUuid?: string;

  @ApiPropertyOptional({ minimum: 0, description: 'Only systems used by at least this many organisations' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  numberOfUsers?: number;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only systems that this organisation has taken into use' })
  @IsOptional()
  @IsNonEmptyUuid()
  usedInOrganizationUuid?: string;
}

/** An organisation as KITOS shows it in references (`ShallowOrganizationResponseDTO`). */
export class ItSystemOrganizationResponse {
  @ApiProperty({ format: 'uuid' })
  uuid!: string;

  @ApiProperty({ nullable: true, type: String, description: 'Null while the organisation is unknown to the catalogue' })
  name!: string | null;

  @ApiProperty({ nullable: true, type: String, example: '12345674' })
  cvr!: string | null;
}

export class ItSystemKleResponse {
  @ApiProperty({ format: 'uuid' })
  uuid!: string;

  @ApiProperty({ nullable: true, type: String, description: 'The KLE number, as KITOS names the reference', example: '02.05.01' })
  name!: string | null;

  @ApiProperty({ nullable: true, type: String, example: '02.05.01' })
  kleNumber!: string | null;

  @ApiProperty({ nullable: true, type: String, example: 'Byggetilladelser i almindelighed' })
  description!: string | null;
}

export class RecommendedArchiveDutyResponse {
  @ApiProperty({ enum: ARCHIVE_DUTY_RECOMMENDATIONS })
  id!: ArchiveDutyRecommendation;

  @ApiProperty({ nullable: true, type: String })
  comment!: string | null;
}

export class ItSystemExternalReferenceResponse {
  @ApiProperty({ format: 'uuid' })
  uuid!: string;

  @ApiProperty()
  title!: string;

  @ApiProperty({ nullable: true, type: String })
  documentId!: string | null;

  @ApiProperty({ nullable: true, type: String })
  url!: string | null;

  @ApiProperty()
  masterReference!: boolean;
}

export class ItSystemResponse {
  @ApiProperty({ format: 'uuid' })
  uuid!: string;

  @ApiProperty({ example: 'KMD Sag' })
  name!: string;

  @ApiProperty({ nullable: true, type: String })
  formerName!: string | null;

  @ApiProperty({ nullable: true, type: String })
  description!: string | null;

  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  externalUuid!: string | null;

  @ApiProperty({ type: IdentityNamePair, nullable: true })
  parentSystem!: IdentityNamePair | null;

  @ApiProperty({ type: ItSystemOrganizationResponse, nullable: true })
  rightsHolder!: ItSystemOrganizationResponse | null;

  @ApiProperty({ type: IdentityNamePair, nullable: true })
  businessType!: IdentityNamePair | null;

  @ApiProperty({ type: [ItSystemKleResponse] })
  kle!: ItSystemKleResponse[];

  @ApiProperty({ enum: REGISTRATION_SCOPES })
  scope!: RegistrationScope;

  @ApiProperty()
  deactivated!: boolean;

  @ApiProperty({ nullable: true, type: String, description: 'Why a rights holder deactivated the system' })
  deactivationReason!: string | null;

  @ApiProperty({ type: RecommendedArchiveDutyResponse })
  recommendedArchiveDuty!: RecommendedArchiveDutyResponse;

  @ApiProperty({ type: [ItSystemExternalReferenceResponse] })
  externalReferences!: ItSystemExternalReferenceResponse[];

  @ApiProperty({ type: [ItSystemOrganizationResponse], description: 'Organisations that have taken the system into use' })
  usingOrganizations!: ItSystemOrganizationResponse[];

  @ApiProperty({
    type: [ItSystemOrganizationResponse],
    description: "The distinct suppliers of the main contracts of the system's usages (KITOS `mainContractSuppliers`)",
  })
  mainContractSuppliers!: ItSystemOrganizationResponse[];

  @ApiProperty({ nullable: true, type: String, description: 'Legal system name [DBS], set through PATCH …/dbs' })
  legalName!: string | null;

  @ApiProperty({ nullable: true, type: String, description: 'Legal name of the data processor [DBS], set through PATCH …/dbs' })
  legalDataProcessorName!: string | null;

  @ApiProperty({ type: ItSystemOrganizationResponse, description: 'The owning organisation' })
  organizationContext!: ItSystemOrganizationResponse;

  @ApiProperty({ format: 'date-time' })
  created!: string;

  @ApiProperty({ type: IdentityNamePair, nullable: true })
  createdBy!: IdentityNamePair | null;

  @ApiProperty({ format: 'date-time' })
  lastModified!: string;

  @ApiProperty({ type: IdentityNamePair, nullable: true })
  lastModifiedBy!: IdentityNamePair | null;

  @ApiProperty({ type: 'integer', description: 'Version for optimistic concurrency; also sent as the ETag header' })
  version!: number;
}

/** One node of a system tree (KITOS `RegistrationHierarchyNodeWithActivationStatusResponseDTO`). */
export class ItSystemHierarchyNodeResponse {
  @ApiProperty({ type: IdentityNamePair })
  node!: IdentityNamePair;

  @ApiProperty({ type: IdentityNamePair, nullable: true })
  parent!: IdentityNamePair | null;

  @ApiProperty()
  deactivated!: boolean;
}

export const IT_SYSTEM_DELETION_CONFLICTS = ['HasItSystemUsages', 'HasChildSystems', 'HasInterfaceExposures'] as const;
export type ItSystemDeletionConflict = (typeof IT_SYSTEM_DELETION_CONFLICTS)[number];

/** What blocks a deletion; carried in the 409 problem as `conflicts`, with the names in `deletionConflicts`. */
export interface ItSystemDeletionConflictDetail {
  conflict: ItSystemDeletionConflict;
  items: Array<{ uuid: string; name: string | null }>;
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
export interface PutItSystemRpc {
  uuid: string;
  expectedVersion?: number;
  body: PutItSystemRequest;
}
export interface DeleteItSystemRpc {
  uuid: string;
  expectedVersion?: number;
}
export interface DeactivateItSystemRpc {
  uuid: string;
  expectedVersion?: number;
  body: DeactivateItSystemRequest;
}
export interface Page<T> {
  items: T[];
  page: number;
  pageSize: number;
}

export const IT_SYSTEM_LEGAL_NAME_MAX = 200;

/** KITOS `PATCH /it-systems/{uuid}/dbs` body: the legal names [DBS]; only the properties sent change, null clears one. */
export class ItSystemLegalNamesRequest {
  @ApiPropertyOptional({
    maxLength: IT_SYSTEM_LEGAL_NAME_MAX,
    nullable: true,
    type: String,
    description: 'The legal system name (`legalName`)',
  })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(IT_SYSTEM_LEGAL_NAME_MAX)
  systemName?: string | null;

  @ApiPropertyOptional({
    maxLength: IT_SYSTEM_LEGAL_NAME_MAX,
    nullable: true,
    type: String,
    description: 'The legal name of the data processor (`legalDataProcessorName`)',
  })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(IT_SYSTEM_LEGAL_NAME_MAX)
  dataProcessorName?: string | null;
}
