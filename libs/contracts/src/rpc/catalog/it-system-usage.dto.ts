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
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { ChosenUuid, IdentityNamePair, IsNonEmptyUuid, PageQuery, Trim } from '../common.dto';
import { OutgoingSystemRelationResponse } from './system-relation.dto';

export const USAGE_LOCAL_SYSTEM_ID_MAX = 200;
export const USAGE_LOCAL_CALL_NAME_MAX = 100;
export const USAGE_SYSTEM_VERSION_MAX = 100;
export const USAGE_NOTES_MAX = 20000;
export const EXTERNAL_REFERENCE_TITLE_MAX = 255;
export const EXTERNAL_REFERENCE_DOCUMENT_ID_MAX = 255;
export const EXTERNAL_REFERENCE_URL_MAX = 2000;
/** Upper bound of list sections (units, KLE deviations, roles, references) in one request. */
export const USAGE_LIST_MAX = 500;

/** KITOS `LifeCycleStatusChoice` [Livscyklus]. */
export const LIFE_CYCLE_STATUSES = ['Undecided', 'NotInUse', 'PhasingIn', 'Operational', 'PhasingOut'] as const;
export type LifeCycleStatus = (typeof LIFE_CYCLE_STATUSES)[number];

/** KITOS `YesNoUndecidedChoice`. */
export const YES_NO_UNDECIDED = ['Yes', 'No', 'Undecided'] as const;
export type YesNoUndecided = (typeof YES_NO_UNDECIDED)[number];

/** KITOS `YesNoPartiallyChoice` (web accessibility / WCAG compliance). */
export const YES_NO_PARTIALLY = ['Yes', 'No', 'Partially'] as const;
export type YesNoPartially = (typeof YES_NO_PARTIALLY)[number];

/** Why a usage is not valid (KITOS `ItSystemUsageValidationError`). */
export const USAGE_VALIDITY_ERRORS = [
  'StartDateNotPassed',
  'EndDatePassed',
  'NotOperationalAccordingToLifeCycle',
  'MainContractNotActive',
] as const;
export type UsageValidityError = (typeof USAGE_VALIDITY_ERRORS)[number];

export const USAGE_ORDER = ['CreationOrder', 'Name', 'LastChanged'] as const;
export type ItSystemUsageOrder = (typeof USAGE_ORDER)[number];

export class ExpectedUsersInterval {
  @ApiProperty({ type: 'integer', description: 'One of the buckets 0–9, 10–50, 50–100, 100+ (lower bound 0, 10, 50 or 100)', example: 10 })
  @IsInt()
  @Min(0)
  lowerBound!: number;

  @ApiPropertyOptional({
    nullable: true,
    type: Number,
    description: 'Upper bound of the bucket: 9, 50, 100, or null for 100+',
    example: 50,
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  upperBound?: number | null;
}

export class UsageValidityWrite {
  @ApiPropertyOptional({ enum: LIFE_CYCLE_STATUSES, nullable: true, description: 'Life cycle [Livscyklus]', example: 'Operational' })
  @IsOptional()
  @IsIn(LIFE_CYCLE_STATUSES)
  lifeCycleStatus?: LifeCycleStatus | null;

  @ApiPropertyOptional({
    type: String,
    format: 'date',
    nullable: true,
    description: 'First day in use [Ibrugtagningsdato]; a time is read as a Danish calendar day (Europe/Copenhagen)',
    example: '2024-01-01',
  })
  @IsOptional()
  @IsDateString({ strict: true })
  validFrom?: string | null;

  @ApiPropertyOptional({
    type: String,
    format: 'date',
    nullable: true,
    description: 'Last day in use [Slutdato]; must not be before validFrom',
    example: '2030-12-31',
  })
  @IsOptional()
  @IsDateString({ strict: true })
  validTo?: string | null;
}

export class UsageGeneralWrite {
  @ApiPropertyOptional({
    maxLength: USAGE_LOCAL_SYSTEM_ID_MAX,
    nullable: true,
    type: String,
    description: 'Local system id [Lokal system ID]',
    example: 'SYS-0042',
  })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(USAGE_LOCAL_SYSTEM_ID_MAX)
  localSystemId?: string | null;

  @ApiPropertyOptional({
    maxLength: USAGE_LOCAL_CALL_NAME_MAX,
    nullable: true,
    type: String,
    description: 'Local call name [Lokalt kaldenavn]',
    example: 'Sagssystemet',
  })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(USAGE_LOCAL_CALL_NAME_MAX)
  localCallName?: string | null;

  @ApiPropertyOptional({ maxLength: USAGE_SYSTEM_VERSION_MAX, nullable: true, type: String, example: '4.2' })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(USAGE_SYSTEM_VERSION_MAX)
  systemVersion?: string | null;

  @ApiPropertyOptional({ maxLength: USAGE_NOTES_MAX, nullable: true, type: String, example: 'Driftes af IT-afdelingen' })
  @IsOptional()
  @IsString()
  @MaxLength(USAGE_NOTES_MAX)
  notes?: string | null;

  @ApiPropertyOptional({
    format: 'uuid',
    nullable: true,
    type: String,
    description: 'Data classification: an option of it-system-usage-data-classification-types available in the organisation',
  })
  @IsOptional()
  @IsNonEmptyUuid()
  dataClassificationUuid?: string | null;

  @ApiPropertyOptional({
    format: 'uuid',
    nullable: true,
    type: String,
    description:
      'Main contract [Hovedkontrakt] (KITOS `mainContractUuid`): one of the IT contracts of the organisation that cover this usage. ' +
      'While it is not valid, the usage is not valid either (MainContractNotActive)',
  })
  @IsOptional()
  @IsNonEmptyUuid()
  mainContractUuid?: string | null;

  @ApiPropertyOptional({ type: ExpectedUsersInterval, nullable: true, description: 'Expected number of users [Forventet antal brugere]' })
  @IsOptional()
  @ValidateNested()
  @Type(() => ExpectedUsersInterval)
  numberOfExpectedUsers?: ExpectedUsersInterval | null;

  @ApiPropertyOptional({ type: UsageValidityWrite, nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => UsageValidityWrite)
  validity?: UsageValidityWrite | null;

  @ApiPropertyOptional({ enum: YES_NO_UNDECIDED, nullable: true, description: 'Contains AI technology' })
  @IsOptional()
  @IsIn(YES_NO_UNDECIDED)
  containsAITechnology?: YesNoUndecided | null;

  @ApiPropertyOptional({ enum: YES_NO_PARTIALLY, nullable: true, description: 'Complies with the web accessibility rules (WCAG)' })
  @IsOptional()
  @IsIn(YES_NO_PARTIALLY)
  webAccessibilityCompliance?: YesNoPartially | null;

  @ApiPropertyOptional({ type: String, format: 'date', nullable: true, example: '2025-06-01' })
  @IsOptional()
  @IsDateString({ strict: true })
  lastWebAccessibilityCheck?: string | null;

  @ApiPropertyOptional({ maxLength: USAGE_NOTES_MAX, nullable: true, type: String })
  @IsOptional()
  @IsString()
  @MaxLength(USAGE_NOTES_MAX)
  webAccessibilityNotes?: string | null;
}

export class UsageOrganizationUsageWrite {
  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    description: 'Units of the organisation that use the system [Relevante organisationsenheder]; no duplicates',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(USAGE_LIST_MAX)
  @IsNonEmptyUuid({ each: true })
  usingOrganizationUnitUuids?: string[] | null;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String, description: 'Responsible unit; must be one of the using units' })
  @IsOptional()
  @IsNonEmptyUuid()
  responsibleOrganizationUnitUuid?: string | null;
}

export class UsageLocalKleDeviationsWrite {
  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'KLE the organisation adds locally (not already on the system)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(USAGE_LIST_MAX)
  @IsNonEmptyUuid({ each: true })
  addedKLEUuids?: string[] | null;

  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'KLE of the system that the organisation opts out of' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(USAGE_LIST_MAX)
  @IsNonEmptyUuid({ each: true })
  removedKLEUuids?: string[] | null;
}

export class UsageRoleAssignment {
  @ApiProperty({ format: 'uuid', description: 'An enabled per-object role type for ItSystemUsage' })
  @IsNonEmptyUuid()
  roleUuid!: string;

  @ApiProperty({ format: 'uuid', description: 'A member of the usage organisation' })
  @IsNonEmptyUuid()
  userUuid!: string;
}

export class UsageExternalReferenceWrite {
  @ApiPropertyOptional({ format: 'uuid', description: 'The uuid of an existing reference to keep it; leave out to add a new one' })
  @IsOptional()
  @IsNonEmptyUuid()
  uuid?: string;

  @ApiProperty({ maxLength: EXTERNAL_REFERENCE_TITLE_MAX, example: 'Driftsaftale' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(EXTERNAL_REFERENCE_TITLE_MAX)
  title!: string;

  @ApiPropertyOptional({ maxLength: EXTERNAL_REFERENCE_DOCUMENT_ID_MAX, nullable: true, type: String, example: 'ESDH-2024-0001' })
  @IsOptional()
  @IsString()
  @MaxLength(EXTERNAL_REFERENCE_DOCUMENT_ID_MAX)
  documentId?: string | null;

  @ApiPropertyOptional({
    maxLength: EXTERNAL_REFERENCE_URL_MAX,
    nullable: true,
    type: String,
    example: 'https://intranet.kommune.dk/drift',
  })
  @IsOptional()
  @IsString()
  @MaxLength(EXTERNAL_REFERENCE_URL_MAX)
  url?: string | null;

  @ApiPropertyOptional({ default: false, description: 'The master reference of the usage; at most one' })
  @IsOptional()
  @IsBoolean()
  masterReference?: boolean;
}

/**
 * The writable sections of a usage. PUT replaces all of them (absent ones are reset); PATCH replaces only the
 * sections sent, each as a whole (null resets it).
 */
export class UpdateItSystemUsageRequest {
  @ApiPropertyOptional({ type: UsageGeneralWrite, nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => UsageGeneralWrite)
  general?: UsageGeneralWrite | null;

  @ApiPropertyOptional({ type: UsageOrganizationUsageWrite, nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => UsageOrganizationUsageWrite)
  organizationUsage?: UsageOrganizationUsageWrite | null;

  @ApiPropertyOptional({ type: UsageLocalKleDeviationsWrite, nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => UsageLocalKleDeviationsWrite)
  localKleDeviations?: UsageLocalKleDeviationsWrite | null;

  @ApiPropertyOptional({ type: [UsageRoleAssignment], nullable: true, description: 'Per-usage role assignments; no duplicate pairs' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(USAGE_LIST_MAX)
  @ValidateNested({ each: true })
  @Type(() => UsageRoleAssignment)
  roles?: UsageRoleAssignment[] | null;

  @ApiPropertyOptional({ type: [UsageExternalReferenceWrite], nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(USAGE_LIST_MAX)
  @ValidateNested({ each: true })
  @Type(() => UsageExternalReferenceWrite)
  externalReferences?: UsageExternalReferenceWrite[] | null;
}

export class CreateItSystemUsageRequest extends UpdateItSystemUsageRequest {
  @ChosenUuid()
  uuid?: string;

  @ApiProperty({ format: 'uuid', description: 'The IT system taken into use; must exist, be readable and not deactivated' })
  @IsNonEmptyUuid()
  systemUuid!: string;

  @ApiProperty({ format: 'uuid', description: 'The organisation that uses the system; one usage per organisation and system' })
  @IsNonEmptyUuid()
  organizationUuid!: string;
}

export class ListItSystemUsagesQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid', description: 'Only usages of this organisation' })
  @IsOptional()
  @IsNonEmptyUuid()
  organizationUuid?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only usages of this IT system' })
  @IsOptional()
  @IsNonEmptyUuid()
  systemUuid?: string;

  @ApiPropertyOptional({ description: 'Case-insensitive part of the system name' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  systemNameContent?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only usages with an outgoing relation to a usage of this IT system' })
  @IsOptional()
  @IsNonEmptyUuid()
  relatedToSystemUuid?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only usages with an outgoing relation to this usage' })
  @IsOptional()
  @IsNonEmptyUuid()
  relatedToSystemUsageUuid?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only usages with an outgoing relation whose associated contract is this one' })
  @IsOptional()
  @IsNonEmptyUuid()
  relatedToContractUuid?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Only usages changed at or after this time (UTC); orders by last change' })
  @IsOptional()
  @IsDateString({ strict: true })
  changedSinceGtEq?: string;

  @ApiPropertyOptional({ enum: USAGE_ORDER, default: 'CreationOrder', description: 'Name orders by the name of the system' })
  @IsOptional()
  @IsIn(USAGE_ORDER)
  orderByProperty?: ItSystemUsageOrder;
}

export class ExpectedUsersIntervalResponse {
  @ApiProperty({ type: 'integer', example: 10 })
  lowerBound!: number;

  @ApiProperty({ nullable: true, type: Number, example: 50 })
  upperBound!: number | null;
}

export class UsageValidityResponse {
  @ApiProperty({ enum: LIFE_CYCLE_STATUSES, nullable: true })
  lifeCycleStatus!: LifeCycleStatus | null;

  @ApiProperty({ type: String, format: 'date', nullable: true, example: '2024-01-01' })
  validFrom!: string | null;

  @ApiProperty({ type: String, format: 'date', nullable: true, example: '2030-12-31' })
  validTo!: string | null;

  @ApiProperty({
    description: 'In use today (Danish calendar day): inside the validity period, not NotInUse and its main contract (if any) valid',
  })
  valid!: boolean;

  @ApiProperty({ description: 'Today (Europe/Copenhagen) lies between validFrom and validTo, both inclusive' })
  validAccordingToValidityPeriod!: boolean;

  @ApiProperty({ description: 'The life cycle is not NotInUse' })
  validAccordingToLifeCycle!: boolean;

  @ApiProperty({ description: 'No main contract, or the main contract is valid today' })
  validAccordingToMainContract!: boolean;

  @ApiProperty({ enum: USAGE_VALIDITY_ERRORS, isArray: true, description: 'Why the usage is not valid; empty when valid' })
  invalidReasons!: UsageValidityError[];
}

export class UsageGeneralResponse {
  @ApiProperty({ nullable: true, type: String })
  localSystemId!: string | null;

  @ApiProperty({ nullable: true, type: String })
  localCallName!: string | null;

  @ApiProperty({ nullable: true, type: String })
  systemVersion!: string | null;

  @ApiProperty({ nullable: true, type: String })
  notes!: string | null;

  @ApiProperty({ type: IdentityNamePair, nullable: true })
  dataClassification!: IdentityNamePair | null;

  @ApiProperty({ type: IdentityNamePair, nullable: true, description: 'Main contract [Hovedkontrakt]' })
  mainContract!: IdentityNamePair | null;

  @ApiProperty({ type: ExpectedUsersIntervalResponse, nullable: true })
  numberOfExpectedUsers!: ExpectedUsersIntervalResponse | null;

  @ApiProperty({ type: UsageValidityResponse })
  validity!: UsageValidityResponse;

  @ApiProperty({ enum: YES_NO_UNDECIDED, nullable: true })
  containsAITechnology!: YesNoUndecided | null;

  @ApiProperty({ enum: YES_NO_PARTIALLY, nullable: true })
  webAccessibilityCompliance!: YesNoPartially | null;

  @ApiProperty({ type: String, format: 'date', nullable: true })
  lastWebAccessibilityCheck!: string | null;

  @ApiProperty({ nullable: true, type: String })
  webAccessibilityNotes!: string | null;
}

export class UsageOrganizationUsageResponse {
  @ApiProperty({ type: [IdentityNamePair] })
  usingOrganizationUnits!: IdentityNamePair[];

  @ApiProperty({ type: IdentityNamePair, nullable: true })
  responsibleOrganizationUnit!: IdentityNamePair | null;
}

export class UsageLocalKleDeviationsResponse {
  @ApiProperty({ type: [IdentityNamePair], description: 'name is the KLE number' })
  addedKLE!: IdentityNamePair[];

  @ApiProperty({ type: [IdentityNamePair], description: 'name is the KLE number' })
  removedKLE!: IdentityNamePair[];
}

export class UsageRoleAssignmentResponse {
  @ApiProperty({ type: IdentityNamePair })
  role!: IdentityNamePair;

  @ApiProperty({ type: IdentityNamePair })
  user!: IdentityNamePair;
}

export class ExternalReferenceResponse {
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

export class ItSystemUsageResponse {
  @ApiProperty({ format: 'uuid' })
  uuid!: string;

  @ApiProperty({ type: IdentityNamePair, description: 'The IT system in use' })
  systemContext!: IdentityNamePair;

  @ApiProperty({ type: IdentityNamePair, description: 'The using organisation' })
  organizationContext!: IdentityNamePair;

  @ApiProperty({ type: UsageGeneralResponse })
  general!: UsageGeneralResponse;

  @ApiProperty({ type: UsageOrganizationUsageResponse })
  organizationUsage!: UsageOrganizationUsageResponse;

  @ApiProperty({ type: UsageLocalKleDeviationsResponse })
  localKleDeviations!: UsageLocalKleDeviationsResponse;

  @ApiProperty({ type: [UsageRoleAssignmentResponse] })
  roles!: UsageRoleAssignmentResponse[];

  @ApiProperty({ type: [ExternalReferenceResponse] })
  externalReferences!: ExternalReferenceResponse[];

  @ApiProperty({
    type: [OutgoingSystemRelationResponse],
    description: 'The relations from this usage to other usages of the organisation, as `GET …/system-relations` answers them',
  })
  outgoingSystemRelations!: OutgoingSystemRelationResponse[];

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

/** Internal RPC payloads (gateway → catalog). */
export interface GetItSystemUsageRpc {
  uuid: string;
}
export interface UpdateItSystemUsageRpc {
  uuid: string;
  expectedVersion?: number;
  /** PUT: every section; PATCH: only the sections sent. */
  changes: Partial<UpdateItSystemUsageRequest>;
}
export interface ItSystemUsageRoleRpc {
  uuid: string;
  expectedVersion?: number;
  assignment: UsageRoleAssignment;
}
export interface DeleteItSystemUsageRpc {
  uuid: string;
  expectedVersion?: number;
}
