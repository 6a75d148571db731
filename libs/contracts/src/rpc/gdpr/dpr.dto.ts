import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsDateString,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { ChosenUuid, IdentityNamePair, IsNonEmptyUuid, PageQuery, ToBoolean, Trim } from '../common.dto';
import {
  ExternalReferenceResponse,
  UsageExternalReferenceWrite,
  UsageRoleAssignment,
  UsageRoleAssignmentResponse,
} from '../catalog/it-system-usage.dto';
import { SimpleLink, SimpleLinkResponse } from './usage-gdpr.dto';

/** KITOS: DPR names are required, at most 200 characters and unique per organisation. */
export const DPR_NAME_MAX = 200;
export const DPR_REMARK_MAX = 20000;
/** Upper bound of every list in one request (usages, processors, countries, dates, roles, references). */
export const DPR_LIST_MAX = 500;

/** Databehandleraftale indgået (KITOS `YesNoIrrelevantChoice`, with its Undecided, plus DontKnow). */
export const AGREEMENT_CONCLUDED_CHOICES = ['Yes', 'No', 'DontKnow', 'Irrelevant', 'Undecided'] as const;
export type AgreementConcludedChoice = (typeof AGREEMENT_CONCLUDED_CHOICES)[number];

/** KITOS `YesNoUndecidedChoice`: Undecided is an answer ("not decided yet"), stored and answered; null is "not answered". */
export const DPR_YES_NO = ['Yes', 'No', 'Undecided'] as const;
export type DprYesNo = (typeof DPR_YES_NO)[number];

/**
 * Tilsynsinterval, with KITOS's names (`OversightIntervalChoice`): BiYearly is every half year, EveryOtherYear every
 * second year. Undecided and Other give no next oversight date by themselves.
 */
export const OVERSIGHT_INTERVALS = ['Undecided', 'BiYearly', 'Yearly', 'EveryOtherYear', 'Other'] as const;
export type OversightInterval = (typeof OVERSIGHT_INTERVALS)[number];

/**
 * The names this API used before it took KITOS's (`EveryHalfYear`, `EverySecondYear`): still accepted on writes, in
 * stored registrations and in events already in the streams, and read as KITOS's.
 */
export const LEGACY_OVERSIGHT_INTERVALS: Readonly<Record<string, OversightInterval>> = {
  EveryHalfYear: 'BiYearly',
  EverySecondYear: 'EveryOtherYear',
};

/** An oversight interval as stored or sent, with a legacy name read as KITOS's; anything else unchanged. */
export function oversightIntervalOf<T>(value: T): T | OversightInterval {
  return typeof value === 'string' && LEGACY_OVERSIGHT_INTERVALS[value] ? LEGACY_OVERSIGHT_INTERVALS[value] : value;
}

/** Values accepted on writes besides the documented ones: the earlier names of two oversight intervals (read as KITOS's). */
const KitosOversightInterval = () => Transform(({ value }) => oversightIntervalOf(value));

export const DPR_ORDER = ['CreationOrder', 'Name', 'LastChanged'] as const;
export type DataProcessingRegistrationOrder = (typeof DPR_ORDER)[number];

const DATE = { type: String, format: 'date', nullable: true } as const;

// ---------------------------------------------------------------- write

export class SubDataProcessorWrite {
  @ApiProperty({ format: 'uuid', description: 'The sub-processor [Underdatabehandler]: any organisation' })
  @IsNonEmptyUuid()
  dataProcessorOrganizationUuid!: string;

  @ApiPropertyOptional({
    format: 'uuid',
    nullable: true,
    type: String,
    description: 'Basis for transfer: a data-processing-registration-basis-for-transfer-types value available in the organisation',
  })
  @IsOptional()
  @IsNonEmptyUuid()
  basisForTransferUuid?: string | null;

  @ApiPropertyOptional({ enum: DPR_YES_NO, nullable: true, description: 'The sub-processor transfers data to an insecure third country' })
  @IsOptional()
  @IsIn(DPR_YES_NO)
  transferToInsecureThirdCountry?: DprYesNo | null;

  @ApiPropertyOptional({
    format: 'uuid',
    nullable: true,
    type: String,
    description: 'The country (data-processing-registration-country-types); only when transferToInsecureThirdCountry = Yes (400)',
  })
  @IsOptional()
  @IsNonEmptyUuid()
  insecureThirdCountrySubjectToDataProcessingUuid?: string | null;
}

export class DprGeneralWrite {
  @ApiPropertyOptional({
    format: 'uuid',
    nullable: true,
    type: String,
    description: 'Data responsible [Dataansvarlig]: a data-processing-registration-data-responsible-types value',
  })
  @IsOptional()
  @IsNonEmptyUuid()
  dataResponsibleUuid?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String, maxLength: DPR_REMARK_MAX })
  @IsOptional()
  @IsString()
  @MaxLength(DPR_REMARK_MAX)
  dataResponsibleRemark?: string | null;

  @ApiPropertyOptional({
    enum: AGREEMENT_CONCLUDED_CHOICES,
    nullable: true,
    description: 'Data processing agreement concluded [Databehandleraftale indgået]; anything but Yes clears agreementConcludedAt',
  })
  @IsOptional()
  @IsIn(AGREEMENT_CONCLUDED_CHOICES)
  isAgreementConcluded?: AgreementConcludedChoice | null;

  @ApiPropertyOptional({ nullable: true, type: String, maxLength: DPR_REMARK_MAX })
  @IsOptional()
  @IsString()
  @MaxLength(DPR_REMARK_MAX)
  isAgreementConcludedRemark?: string | null;

  @ApiPropertyOptional({
    ...DATE,
    description: 'Day the agreement was concluded; only when isAgreementConcluded = Yes (400)',
    example: '2024-03-01',
  })
  @IsOptional()
  @IsDateString({ strict: true })
  agreementConcludedAt?: string | null;

  @ApiPropertyOptional({
    format: 'uuid',
    nullable: true,
    type: String,
    description: 'Basis for transfer [Overførselsgrundlag]: a data-processing-registration-basis-for-transfer-types value',
  })
  @IsOptional()
  @IsNonEmptyUuid()
  basisForTransferUuid?: string | null;

  @ApiPropertyOptional({
    enum: DPR_YES_NO,
    nullable: true,
    description: 'Transfer to insecure third countries [Overførsel til usikkert tredjeland]; No clears the countries',
  })
  @IsOptional()
  @IsIn(DPR_YES_NO)
  transferToInsecureThirdCountries?: DprYesNo | null;

  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    description: 'Countries (data-processing-registration-country-types); only when transferToInsecureThirdCountries = Yes (400)',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(DPR_LIST_MAX)
  @IsNonEmptyUuid({ each: true })
  insecureCountriesSubjectToDataTransferUuids?: string[] | null;

  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'Data processors [Databehandlere]: organisations, no duplicates' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(DPR_LIST_MAX)
  @IsNonEmptyUuid({ each: true })
  dataProcessorUuids?: string[] | null;

  @ApiPropertyOptional({ enum: DPR_YES_NO, nullable: true, description: 'Has sub-processors [Underdatabehandlere]; No clears them' })
  @IsOptional()
  @IsIn(DPR_YES_NO)
  hasSubDataProcessors?: DprYesNo | null;

  @ApiPropertyOptional({
    type: [SubDataProcessorWrite],
    description: 'Only when hasSubDataProcessors = Yes (400); one entry per organisation',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(DPR_LIST_MAX)
  @ValidateNested({ each: true })
  @Type(() => SubDataProcessorWrite)
  subDataProcessors?: SubDataProcessorWrite[] | null;

  @ApiPropertyOptional({
    format: 'uuid',
    nullable: true,
    type: String,
    description: 'Main contract [Hovedkontrakt]: one of the contracts associated with the registration (400 otherwise)',
  })
  @IsOptional()
  @IsNonEmptyUuid()
  mainContractUuid?: string | null;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String, description: 'Responsible unit: a unit of the same organisation' })
  @IsOptional()
  @IsNonEmptyUuid()
  responsibleOrganizationUnitUuid?: string | null;
}

export class OversightDateWrite {
  @ApiProperty({ type: String, format: 'date', description: 'Day the oversight was completed', example: '2024-05-15' })
  @IsDateString({ strict: true })
  completedAt!: string;

  @ApiPropertyOptional({
    nullable: true,
    type: String,
    maxLength: DPR_REMARK_MAX,
    example: 'Revisionserklæring gennemgået uden bemærkninger',
  })
  @IsOptional()
  @IsString()
  @MaxLength(DPR_REMARK_MAX)
  remark?: string | null;

  @ApiPropertyOptional({ type: SimpleLink, nullable: true, description: 'Link to the oversight report (KITOS `oversightReportLink`)' })
  @IsOptional()
  @ValidateNested()
  @Type(() => SimpleLink)
  oversightReportLink?: SimpleLink | null;
}

/** KITOS `PATCH …/oversight-dates/{uuid}`: only the properties sent change; completedAt cannot be cleared. */
export class OversightDatePatch extends PartialType(OversightDateWrite) {}

export class DprOversightWrite {
  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    description: 'Oversight options [Tilsynsmuligheder] (data-processing-registration-oversight-types)',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(DPR_LIST_MAX)
  @IsNonEmptyUuid({ each: true })
  oversightOptionUuids?: string[] | null;

  @ApiPropertyOptional({ nullable: true, type: String, maxLength: DPR_REMARK_MAX })
  @IsOptional()
  @IsString()
  @MaxLength(DPR_REMARK_MAX)
  oversightOptionsRemark?: string | null;

  @ApiPropertyOptional({ enum: OVERSIGHT_INTERVALS, nullable: true, description: 'Oversight interval [Tilsynsinterval]' })
  @IsOptional()
  @KitosOversightInterval()
  @IsIn(OVERSIGHT_INTERVALS)
  oversightInterval?: OversightInterval | null;

  @ApiPropertyOptional({ nullable: true, type: String, maxLength: DPR_REMARK_MAX })
  @IsOptional()
  @IsString()
  @MaxLength(DPR_REMARK_MAX)
  oversightIntervalRemark?: string | null;

  @ApiPropertyOptional({
    enum: DPR_YES_NO,
    nullable: true,
    description: 'Oversight completed [Gennemført tilsyn]; No clears oversightDates',
  })
  @IsOptional()
  @IsIn(DPR_YES_NO)
  isOversightCompleted?: DprYesNo | null;

  @ApiPropertyOptional({ nullable: true, type: String, maxLength: DPR_REMARK_MAX })
  @IsOptional()
  @IsString()
  @MaxLength(DPR_REMARK_MAX)
  oversightCompletedRemark?: string | null;

  @ApiPropertyOptional({ type: [OversightDateWrite], description: 'Completed oversights; only when isOversightCompleted = Yes (400)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(DPR_LIST_MAX)
  @ValidateNested({ each: true })
  @Type(() => OversightDateWrite)
  oversightDates?: OversightDateWrite[] | null;

  @ApiPropertyOptional({ ...DATE, description: 'Next planned inspection [Kommende planlagt tilsyn]', example: '2025-09-01' })
  @IsOptional()
  @IsDateString({ strict: true })
  oversightScheduledInspectionDate?: string | null;
}

/** The parts of a registration besides its name. */
export class DprSectionsWrite {
  @ApiPropertyOptional({ type: DprGeneralWrite, nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => DprGeneralWrite)
  general?: DprGeneralWrite | null;

  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'System usages of the same organisation (400 otherwise)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(DPR_LIST_MAX)
  @IsNonEmptyUuid({ each: true })
  systemUsageUuids?: string[] | null;

  @ApiPropertyOptional({ type: DprOversightWrite, nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => DprOversightWrite)
  oversight?: DprOversightWrite | null;

  @ApiPropertyOptional({
    type: [UsageRoleAssignment],
    description: 'DataProcessingRegistration role types held by members; no duplicate pairs',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(DPR_LIST_MAX)
  @ValidateNested({ each: true })
  @Type(() => UsageRoleAssignment)
  roles?: UsageRoleAssignment[] | null;

  @ApiPropertyOptional({ type: [UsageExternalReferenceWrite] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(DPR_LIST_MAX)
  @ValidateNested({ each: true })
  @Type(() => UsageExternalReferenceWrite)
  externalReferences?: UsageExternalReferenceWrite[] | null;
}

/**
 * The writable parts of a registration. PUT replaces everything (name required, absent parts are reset); PATCH
 * changes only the properties sent, inside `general` and `oversight` too (KITOS semantics); a part sent as null is reset.
 */
export class UpdateDataProcessingRegistrationRequest extends DprSectionsWrite {
  @ApiPropertyOptional({
    maxLength: DPR_NAME_MAX,
    description: 'Unique in the organisation (409); required by PUT',
    example: 'Databehandleraftale – Lønsystem',
  })
  @IsOptional()
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(DPR_NAME_MAX)
  name?: string;
}

export class CreateDataProcessingRegistrationRequest extends DprSectionsWrite {
  @ChosenUuid()
  uuid?: string;

  @ApiProperty({ maxLength: DPR_NAME_MAX, description: 'Unique in the organisation (409)', example: 'Databehandleraftale – Lønsystem' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(DPR_NAME_MAX)
  name!: string;

  @ApiProperty({ format: 'uuid', description: 'The organisation the registration belongs to (unknown → 400, not a member → 403)' })
  @IsNonEmptyUuid()
  organizationUuid!: string;
}

// ---------------------------------------------------------------- queries

export class ListDataProcessingRegistrationsQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsNonEmptyUuid()
  organizationUuid?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Registrations covering a usage of this IT system' })
  @IsOptional()
  @IsNonEmptyUuid()
  systemUuid?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsNonEmptyUuid()
  systemUsageUuid?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsNonEmptyUuid()
  dataProcessorUuid?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsNonEmptyUuid()
  subDataProcessorUuid?: string;

  @ApiPropertyOptional({ type: Boolean, description: 'true: isAgreementConcluded = Yes; false: anything else' })
  @IsOptional()
  @ToBoolean()
  @IsBoolean()
  agreementConcluded?: boolean;

  @ApiPropertyOptional({ description: 'Case-insensitive part of the name' })
  @IsOptional()
  @IsString()
  @MaxLength(DPR_NAME_MAX)
  nameContains?: string;

  @ApiPropertyOptional({ description: 'The exact name (case-insensitive)' })
  @IsOptional()
  @IsString()
  @MaxLength(DPR_NAME_MAX)
  nameEquals?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Only registrations changed at or after this time; orders by last change' })
  @IsOptional()
  @IsDateString({ strict: true })
  changedSinceGtEq?: string;

  @ApiPropertyOptional({ enum: DPR_ORDER, default: 'CreationOrder' })
  @IsOptional()
  @IsIn(DPR_ORDER)
  orderByProperty?: DataProcessingRegistrationOrder;
}

// ---------------------------------------------------------------- read

export class DprOrganizationResponse {
  @ApiProperty({ format: 'uuid' })
  uuid!: string;

  @ApiProperty({ nullable: true, type: String })
  name!: string | null;

  @ApiProperty({ nullable: true, type: String, example: '12345678' })
  cvr!: string | null;
}

export class SubDataProcessorResponse {
  @ApiProperty({ type: DprOrganizationResponse })
  dataProcessorOrganization!: DprOrganizationResponse;

  @ApiProperty({ type: IdentityNamePair, nullable: true })
  basisForTransfer!: IdentityNamePair | null;

  @ApiProperty({ enum: DPR_YES_NO, nullable: true })
  transferToInsecureThirdCountry!: DprYesNo | null;

  @ApiProperty({ type: IdentityNamePair, nullable: true })
  insecureThirdCountrySubjectToDataProcessing!: IdentityNamePair | null;
}

export class DprGeneralResponse {
  @ApiProperty({ type: IdentityNamePair, nullable: true })
  dataResponsible!: IdentityNamePair | null;

  @ApiProperty({ nullable: true, type: String })
  dataResponsibleRemark!: string | null;

  @ApiProperty({ enum: AGREEMENT_CONCLUDED_CHOICES, nullable: true })
  isAgreementConcluded!: AgreementConcludedChoice | null;

  @ApiProperty({ nullable: true, type: String })
  isAgreementConcludedRemark!: string | null;

  @ApiProperty(DATE)
  agreementConcludedAt!: string | null;

  @ApiProperty({ type: IdentityNamePair, nullable: true })
  basisForTransfer!: IdentityNamePair | null;

  @ApiProperty({ enum: DPR_YES_NO, nullable: true })
  transferToInsecureThirdCountries!: DprYesNo | null;

  @ApiProperty({ type: [IdentityNamePair] })
  insecureCountriesSubjectToDataTransfer!: IdentityNamePair[];

  @ApiProperty({ type: [DprOrganizationResponse] })
  dataProcessors!: DprOrganizationResponse[];

  @ApiProperty({ enum: DPR_YES_NO, nullable: true })
  hasSubDataProcessors!: DprYesNo | null;

  @ApiProperty({ type: [SubDataProcessorResponse] })
  subDataProcessors!: SubDataProcessorResponse[];

  @ApiProperty({ description: 'Valid when there is no main contract or the main contract is valid today (Danish calendar day)' })
  valid!: boolean;

  @ApiProperty({ type: IdentityNamePair, nullable: true })
  mainContract!: IdentityNamePair | null;

  @ApiProperty({ type: [IdentityNamePair], description: 'Contracts that name this registration (read-only, from the contracts service)' })
  associatedContracts!: IdentityNamePair[];

  @ApiProperty({ type: IdentityNamePair, nullable: true })
  responsibleOrganizationUnit!: IdentityNamePair | null;
}

export class OversightDateResponse {
  @ApiProperty({ format: 'uuid' })
  uuid!: string;

  @ApiProperty({ type: String, format: 'date' })
  completedAt!: string;

  @ApiProperty({ nullable: true, type: String })
  remark!: string | null;

  @ApiProperty({ type: SimpleLinkResponse, nullable: true, description: 'Link to the oversight report' })
  oversightReportLink!: SimpleLinkResponse | null;
}

export class DprOversightResponse {
  @ApiProperty({ type: [IdentityNamePair] })
  oversightOptions!: IdentityNamePair[];

  @ApiProperty({ nullable: true, type: String })
  oversightOptionsRemark!: string | null;

  @ApiProperty({ enum: OVERSIGHT_INTERVALS, nullable: true })
  oversightInterval!: OversightInterval | null;

  @ApiProperty({ nullable: true, type: String })
  oversightIntervalRemark!: string | null;

  @ApiProperty({ enum: DPR_YES_NO, nullable: true })
  isOversightCompleted!: DprYesNo | null;

  @ApiProperty({ nullable: true, type: String })
  oversightCompletedRemark!: string | null;

  @ApiProperty({ type: [OversightDateResponse], description: 'Oldest first' })
  oversightDates!: OversightDateResponse[];

  @ApiProperty(DATE)
  oversightScheduledInspectionDate!: string | null;

  @ApiProperty({
    ...DATE,
    description:
      'Next oversight due: the last completed oversight plus the interval, or the scheduled inspection when that is earlier ' +
      'or nothing is completed yet (a scheduled date on or before the last completed oversight counts as done)',
  })
  nextOversightDate!: string | null;
}

export class DataProcessingRegistrationResponse {
  @ApiProperty({ format: 'uuid' })
  uuid!: string;

  @ApiProperty({ example: 'Databehandleraftale – Lønsystem' })
  name!: string;

  @ApiProperty({ type: IdentityNamePair })
  organizationContext!: IdentityNamePair;

  @ApiProperty({ type: DprGeneralResponse })
  general!: DprGeneralResponse;

  @ApiProperty({ type: [IdentityNamePair], description: 'name is the name of the used system' })
  systemUsages!: IdentityNamePair[];

  @ApiProperty({ type: DprOversightResponse })
  oversight!: DprOversightResponse;

  @ApiProperty({ type: [UsageRoleAssignmentResponse], description: 'DataProcessingRegistration role assignments' })
  roles!: UsageRoleAssignmentResponse[];

  @ApiProperty({ type: [ExternalReferenceResponse] })
  externalReferences!: ExternalReferenceResponse[];

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

export class OverdueOversightResponse {
  @ApiProperty({ format: 'uuid' })
  uuid!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty({ type: String, format: 'date', example: '2024-11-30' })
  nextOversightDate!: string;

  @ApiProperty({ type: 'integer', description: 'Whole days since nextOversightDate (Danish calendar days)', example: 12 })
  daysOverdue!: number;

  @ApiProperty({ enum: OVERSIGHT_INTERVALS, nullable: true })
  oversightInterval!: OversightInterval | null;

  @ApiProperty(DATE)
  lastCompletedOversight!: string | null;

  @ApiProperty(DATE)
  oversightScheduledInspectionDate!: string | null;

  @ApiProperty({ type: IdentityNamePair, nullable: true })
  responsibleOrganizationUnit!: IdentityNamePair | null;
}

/** Internal RPC payloads (gateway → gdpr). */
export interface GetDataProcessingRegistrationRpc {
  uuid: string;
}
export interface UpdateDataProcessingRegistrationRpc {
  uuid: string;
  expectedVersion?: number;
  changes: Partial<UpdateDataProcessingRegistrationRequest>;
}
export interface DeleteDataProcessingRegistrationRpc {
  uuid: string;
  expectedVersion?: number;
}
export interface OverdueOversightsRpc {
  organizationUuid: string;
}

/** Gateway → gdpr: KITOS's oversight-dates sub-resource of a registration. */
export interface DprOversightDateRpc {
  uuid: string;
  /** The date changed or deleted; none when one is added. */
  oversightDateUuid?: string;
  expectedVersion?: number;
  date?: unknown;
}
