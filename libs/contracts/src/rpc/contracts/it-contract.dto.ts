import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
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
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { IdentityNamePair, IsNonEmptyUuid, PageQuery, Trim } from '../common.dto';
import {
  EXTERNAL_REFERENCE_DOCUMENT_ID_MAX,
  EXTERNAL_REFERENCE_TITLE_MAX,
  EXTERNAL_REFERENCE_URL_MAX,
  ExternalReferenceResponse,
  YES_NO_UNDECIDED,
  type YesNoUndecided,
} from '../catalog/it-system-usage.dto';

export const CONTRACT_NAME_MAX = 200;
export const CONTRACT_ID_MAX = 200;
export const CONTRACT_NOTES_MAX = 20000;
export const CONTRACT_SIGNED_BY_MAX = 200;
export const CONTRACT_ACCOUNTING_ENTRY_MAX = 200;
export const CONTRACT_PAYMENT_NOTE_MAX = 2000;
/** Upper bound of list sections (agreement elements, links, payments, roles, references) in one request. */
export const CONTRACT_LIST_MAX = 500;
/** Most contracts moved by one transfer. */
export const CONTRACT_TRANSFER_MAX = 100;
/** Largest amount in øre (safe integer). */
export const MONEY_MAX = Number.MAX_SAFE_INTEGER;

/** Why a contract is not valid (KITOS `ItContractValidationError`). */
export const CONTRACT_VALIDITY_ERRORS = [
  'StartDateNotPassed',
  'EndDatePassed',
  'TerminationPeriodExceeded',
  'InvalidParentContract',
] as const;
export type ContractValidityError = (typeof CONTRACT_VALIDITY_ERRORS)[number];

/** KITOS `YearSegmentChoice` [Løbende]: notice takes effect at the end of a month, a quarter or a calendar year. */
export const NOTICE_BY_END_OF = ['EndOfMonth', 'EndOfQuarter', 'EndOfCalendarYear'] as const;
export type NoticeByEndOf = (typeof NOTICE_BY_END_OF)[number];
const NOTICE_ALIASES: Record<string, NoticeByEndOf> = { Month: 'EndOfMonth', Quarter: 'EndOfQuarter', Year: 'EndOfCalendarYear' };

/** KITOS `TrafficLight` of a payment's audit [Revision]. */
export const AUDIT_STATUSES = ['White', 'Red', 'Yellow', 'Green'] as const;
export type AuditStatus = (typeof AUDIT_STATUSES)[number];

export const CONTRACT_ORDER = ['CreationOrder', 'Name', 'LastChanged'] as const;
export type ItContractOrder = (typeof CONTRACT_ORDER)[number];

const DAY_DESCRIPTION = 'a Danish calendar day (`YYYY-MM-DD`; a date-time is read as the day it falls on in Europe/Copenhagen)';

// ---------------------------------------------------------------- write model

export class ContractValidityWrite {
  @ApiPropertyOptional({ default: false, description: 'Force valid [Gennemtving gyldighed]: valid whatever the dates say' })
  @IsOptional()
  @IsBoolean()
  enforcedValid?: boolean | null;

  @ApiPropertyOptional({
    type: String,
    format: 'date',
    nullable: true,
    description: `Concluded [Indgået]: ${DAY_DESCRIPTION}`,
    example: '2023-01-01',
  })
  @IsOptional()
  @IsDateString({ strict: true })
  validFrom?: string | null;

  @ApiPropertyOptional({
    type: String,
    format: 'date',
    nullable: true,
    description: 'Expires [Udløber], the last day; must not be before validFrom',
    example: '2026-12-31',
  })
  @IsOptional()
  @IsDateString({ strict: true })
  validTo?: string | null;

  @ApiPropertyOptional({
    default: false,
    description: 'Require a valid parent [Nedarv overordnet kontrakts gyldighed]: invalid while the parent contract is invalid',
  })
  @IsOptional()
  @IsBoolean()
  requireValidParent?: boolean | null;
}

export class ContractGeneralWrite {
  @ApiPropertyOptional({
    maxLength: CONTRACT_ID_MAX,
    nullable: true,
    type: String,
    description: 'Contract id [KontraktID]',
    example: 'KTR-2023-014',
  })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(CONTRACT_ID_MAX)
  contractId?: string | null;

  @ApiPropertyOptional({
    format: 'uuid',
    nullable: true,
    type: String,
    description: 'Option of `it-contract-contract-types` [Kontrakttype]',
  })
  @IsOptional()
  @IsNonEmptyUuid()
  contractTypeUuid?: string | null;

  @ApiPropertyOptional({
    format: 'uuid',
    nullable: true,
    type: String,
    description: 'Option of `it-contract-contract-template-types` [Kontraktskabelon]',
  })
  @IsOptional()
  @IsNonEmptyUuid()
  contractTemplateUuid?: string | null;

  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    description: 'Options of `it-contract-agreement-element-types` [Aftaleelementer]; no duplicates',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(CONTRACT_LIST_MAX)
  @IsNonEmptyUuid({ each: true })
  agreementElementUuids?: string[] | null;

  @ApiPropertyOptional({ maxLength: CONTRACT_NOTES_MAX, nullable: true, type: String, example: 'Rammeaftale via SKI 02.19' })
  @IsOptional()
  @IsString()
  @MaxLength(CONTRACT_NOTES_MAX)
  notes?: string | null;

  @ApiPropertyOptional({
    format: 'uuid',
    nullable: true,
    type: String,
    description: 'Option of `it-contract-criticality-types` [Kritikalitet]',
  })
  @IsOptional()
  @IsNonEmptyUuid()
  criticalityUuid?: string | null;

  @ApiPropertyOptional({ type: ContractValidityWrite, nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => ContractValidityWrite)
  validity?: ContractValidityWrite | null;
}

export class ProcurementPlanWrite {
  @ApiProperty({ minimum: 1, maximum: 4, example: 3 })
  @IsInt()
  @Min(1)
  @Max(4)
  quarterOfYear!: number;

  @ApiProperty({ minimum: 1900, maximum: 9999, example: 2027 })
  @IsInt()
  @Min(1900)
  @Max(9999)
  year!: number;
}

export class ContractProcurementWrite {
  @ApiPropertyOptional({
    format: 'uuid',
    nullable: true,
    type: String,
    description: 'Option of `it-contract-purchase-types` [Indkøbsform]',
  })
  @IsOptional()
  @IsNonEmptyUuid()
  purchaseTypeUuid?: string | null;

  @ApiPropertyOptional({
    format: 'uuid',
    nullable: true,
    type: String,
    description: 'Option of `it-contract-procurement-strategy-types` [Genanskaffelsesstrategi]',
  })
  @IsOptional()
  @IsNonEmptyUuid()
  procurementStrategyUuid?: string | null;

  @ApiPropertyOptional({
    type: ProcurementPlanWrite,
    nullable: true,
    description: 'Procurement plan [Genanskaffelsesplan]: quarter and year',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => ProcurementPlanWrite)
  procurementPlan?: ProcurementPlanWrite | null;

  @ApiPropertyOptional({ enum: YES_NO_UNDECIDED, nullable: true, description: 'Procurement initiated [Genanskaffelse igangsat]' })
  @IsOptional()
  @IsIn(YES_NO_UNDECIDED)
  procurementInitiated?: YesNoUndecided | null;
}

export class ContractSignatureFields {
  @ApiPropertyOptional({ default: false, description: 'Signed [Underskrevet]' })
  @IsOptional()
  @IsBoolean()
  signed?: boolean | null;

  @ApiPropertyOptional({
    maxLength: CONTRACT_SIGNED_BY_MAX,
    nullable: true,
    type: String,
    description: 'Signed by [Underskrevet af]',
    example: 'Mette Hansen',
  })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(CONTRACT_SIGNED_BY_MAX)
  signedBy?: string | null;

  @ApiPropertyOptional({
    type: String,
    format: 'date',
    nullable: true,
    description: `Signed at: ${DAY_DESCRIPTION}`,
    example: '2022-12-15',
  })
  @IsOptional()
  @IsDateString({ strict: true })
  signedAt?: string | null;
}

export class ContractSupplierWrite extends ContractSignatureFields {
  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String, description: 'The supplier [Leverandør]: any known organisation' })
  @IsOptional()
  @IsNonEmptyUuid()
  organizationUuid?: string | null;
}

export class ContractResponsibleWrite extends ContractSignatureFields {
  @ApiPropertyOptional({
    format: 'uuid',
    nullable: true,
    type: String,
    description: "Responsible unit [Ansvarlig organisationsenhed] of the contract's organisation",
  })
  @IsOptional()
  @IsNonEmptyUuid()
  organizationUnitUuid?: string | null;
}

export class ContractPaymentModelWrite {
  @ApiPropertyOptional({
    type: String,
    format: 'date',
    nullable: true,
    description: `Operations remuneration begun [Driftsvederlag påbegyndt]: ${DAY_DESCRIPTION}`,
    example: '2023-04-01',
  })
  @IsOptional()
  @IsDateString({ strict: true })
  operationsRemunerationStartedAt?: string | null;

  @ApiPropertyOptional({
    format: 'uuid',
    nullable: true,
    type: String,
    description: 'Option of `it-contract-payment-frequency-types` [Betalingsfrekvens]',
  })
  @IsOptional()
  @IsNonEmptyUuid()
  paymentFrequencyUuid?: string | null;

  @ApiPropertyOptional({
    format: 'uuid',
    nullable: true,
    type: String,
    description: 'Option of `it-contract-payment-model-types` [Betalingsmodel]',
  })
  @IsOptional()
  @IsNonEmptyUuid()
  paymentModelUuid?: string | null;

  @ApiPropertyOptional({
    format: 'uuid',
    nullable: true,
    type: String,
    description: 'Option of `it-contract-price-regulation-types` [Prisregulering]',
  })
  @IsOptional()
  @IsNonEmptyUuid()
  priceRegulationUuid?: string | null;
}

export class ContractAgreementPeriodWrite {
  @ApiPropertyOptional({
    minimum: 0,
    maximum: 100,
    nullable: true,
    type: Number,
    description: 'Duration, whole years [Varighed år]',
    example: 4,
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100)
  durationYears?: number | null;

  @ApiPropertyOptional({
    minimum: 0,
    maximum: 11,
    nullable: true,
    type: Number,
    description: 'Duration, months besides the years',
    example: 0,
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(11)
  durationMonths?: number | null;

  @ApiPropertyOptional({ default: false, description: 'Ongoing [Løbende]: no fixed duration (then no duration may be given)' })
  @IsOptional()
  @IsBoolean()
  isContinuous?: boolean | null;

  @ApiPropertyOptional({
    format: 'uuid',
    nullable: true,
    type: String,
    description:
      'Option of `it-contract-agreement-extension-option-types` [Option]; a name like "2 x 1 år" or "1 x 6 måneder" gives the number and length of the options',
  })
  @IsOptional()
  @IsNonEmptyUuid()
  extensionOptionsUuid?: string | null;

  @ApiPropertyOptional({ minimum: 0, maximum: 100, default: 0, description: 'Options used [Brugte optioner]', example: 1 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100)
  extensionOptionsUsed?: number | null;

  @ApiPropertyOptional({
    type: String,
    format: 'date',
    nullable: true,
    description: `Irrevocable until [Uopsigelig til]: the contract cannot end before this day; ${DAY_DESCRIPTION}`,
    example: '2025-12-31',
  })
  @IsOptional()
  @IsDateString({ strict: true })
  irrevocableUntil?: string | null;
}

export class ContractTerminationTermsWrite {
  @ApiPropertyOptional({
    format: 'uuid',
    nullable: true,
    type: String,
    description: 'Notice period [Opsigelsesfrist]: option of `it-contract-notice-period-month-types` whose name is a number of months',
  })
  @IsOptional()
  @IsNonEmptyUuid()
  noticePeriodMonthsUuid?: string | null;

  @ApiPropertyOptional({ nullable: true, type: Boolean, description: 'The notice runs from the end of the current period [Løbende]' })
  @IsOptional()
  @IsBoolean()
  noticePeriodExtendsCurrent?: boolean | null;

  @ApiPropertyOptional({
    enum: NOTICE_BY_END_OF,
    nullable: true,
    description:
      'Notice takes effect at the end of a month, quarter or calendar year [Løbende måned/kvartal/år]; `Month`, `Quarter` and `Year` are accepted too',
    example: 'EndOfQuarter',
  })
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' && NOTICE_ALIASES[value] ? NOTICE_ALIASES[value] : value))
  @IsIn(NOTICE_BY_END_OF)
  noticeByEndOf?: NoticeByEndOf | null;
}

export class ContractTerminationWrite {
  @ApiPropertyOptional({
    type: String,
    format: 'date',
    nullable: true,
    description: `Notice given [Opsagt]: ${DAY_DESCRIPTION}`,
    example: '2025-03-31',
  })
  @IsOptional()
  @IsDateString({ strict: true })
  terminatedAt?: string | null;

  @ApiPropertyOptional({ type: ContractTerminationTermsWrite, nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => ContractTerminationTermsWrite)
  terms?: ContractTerminationTermsWrite | null;
}

export class ContractPaymentWrite {
  @ApiPropertyOptional({ format: 'uuid', description: 'The uuid of an existing payment to keep it; leave out to add a new one' })
  @IsOptional()
  @IsNonEmptyUuid()
  uuid?: string;

  @ApiProperty({ format: 'uuid', description: "A unit of the contract's organisation that pays [Organisationsenhed]" })
  @IsNonEmptyUuid()
  organizationUnitUuid!: string;

  @ApiPropertyOptional({ minimum: 0, default: 0, description: 'Acquisition [Anskaffelse] in øre (integer)', example: 125_000_00 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MONEY_MAX)
  acquisitionØre?: number | null;

  @ApiPropertyOptional({ minimum: 0, default: 0, description: 'Operation [Drift] in øre (integer)', example: 48_000_00 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MONEY_MAX)
  operationØre?: number | null;

  @ApiPropertyOptional({ minimum: 0, default: 0, description: 'Other [Andet] in øre (integer)', example: 0 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MONEY_MAX)
  otherØre?: number | null;

  @ApiPropertyOptional({
    maxLength: CONTRACT_ACCOUNTING_ENTRY_MAX,
    nullable: true,
    type: String,
    description: 'Accounting entry [Kontering]',
    example: '6.45.51.1-02',
  })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(CONTRACT_ACCOUNTING_ENTRY_MAX)
  accountingEntry?: string | null;

  @ApiPropertyOptional({ enum: AUDIT_STATUSES, default: 'White', description: 'Audit status [Revisionsstatus], a traffic light' })
  @IsOptional()
  @IsIn(AUDIT_STATUSES)
  auditStatus?: AuditStatus | null;

  @ApiPropertyOptional({
    type: String,
    format: 'date',
    nullable: true,
    description: `Audit date [Revisionsdato]: ${DAY_DESCRIPTION}`,
    example: '2024-02-15',
  })
  @IsOptional()
  @IsDateString({ strict: true })
  auditDate?: string | null;

  @ApiPropertyOptional({ maxLength: CONTRACT_PAYMENT_NOTE_MAX, nullable: true, type: String, example: 'Licens 2024' })
  @IsOptional()
  @IsString()
  @MaxLength(CONTRACT_PAYMENT_NOTE_MAX)
  note?: string | null;
}

export class ContractPaymentsWrite {
  @ApiPropertyOptional({ type: [ContractPaymentWrite], description: 'Internal payment streams [Intern økonomi]' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(CONTRACT_LIST_MAX)
  @ValidateNested({ each: true })
  @Type(() => ContractPaymentWrite)
  internal?: ContractPaymentWrite[] | null;

  @ApiPropertyOptional({ type: [ContractPaymentWrite], description: 'External payment streams [Ekstern økonomi]' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(CONTRACT_LIST_MAX)
  @ValidateNested({ each: true })
  @Type(() => ContractPaymentWrite)
  external?: ContractPaymentWrite[] | null;
}

export class ContractRoleAssignment {
  @ApiProperty({ format: 'uuid', description: 'An enabled per-object role type for ItContract' })
  @IsNonEmptyUuid()
  roleUuid!: string;

  @ApiProperty({ format: 'uuid', description: "A member of the contract's organisation" })
  @IsNonEmptyUuid()
  userUuid!: string;
}

export class ContractExternalReferenceWrite {
  @ApiPropertyOptional({ format: 'uuid', description: 'The uuid of an existing reference to keep it; leave out to add a new one' })
  @IsOptional()
  @IsNonEmptyUuid()
  uuid?: string;

  @ApiProperty({ maxLength: EXTERNAL_REFERENCE_TITLE_MAX, example: 'Kontrakt i ESDH' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(EXTERNAL_REFERENCE_TITLE_MAX)
  title!: string;

  @ApiPropertyOptional({ maxLength: EXTERNAL_REFERENCE_DOCUMENT_ID_MAX, nullable: true, type: String, example: '23/01234' })
  @IsOptional()
  @IsString()
  @MaxLength(EXTERNAL_REFERENCE_DOCUMENT_ID_MAX)
  documentId?: string | null;

  @ApiPropertyOptional({
    maxLength: EXTERNAL_REFERENCE_URL_MAX,
    nullable: true,
    type: String,
    example: 'https://esdh.kommune.dk/sag/23-01234',
  })
  @IsOptional()
  @IsString()
  @MaxLength(EXTERNAL_REFERENCE_URL_MAX)
  url?: string | null;

  @ApiPropertyOptional({ default: false, description: 'The master reference of the contract; at most one' })
  @IsOptional()
  @IsBoolean()
  masterReference?: boolean;
}

/** The parts of a contract besides its name (create and update share them; class-validator merges inherited rules). */
export class ItContractSectionsWrite {
  @ApiPropertyOptional({
    format: 'uuid',
    nullable: true,
    type: String,
    description:
      'Parent contract [Overordnet kontrakt]: same organisation (400), readable (403), existing (404), not itself or a descendant (400)',
  })
  @IsOptional()
  @IsNonEmptyUuid()
  parentContractUuid?: string | null;

  @ApiPropertyOptional({ type: ContractGeneralWrite, nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => ContractGeneralWrite)
  general?: ContractGeneralWrite | null;

  @ApiPropertyOptional({ type: ContractProcurementWrite, nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => ContractProcurementWrite)
  procurement?: ContractProcurementWrite | null;

  @ApiPropertyOptional({ type: ContractSupplierWrite, nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => ContractSupplierWrite)
  supplier?: ContractSupplierWrite | null;

  @ApiPropertyOptional({ type: ContractResponsibleWrite, nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => ContractResponsibleWrite)
  responsible?: ContractResponsibleWrite | null;

  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    nullable: true,
    description: 'System usages of the same organisation; no duplicates',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(CONTRACT_LIST_MAX)
  @IsNonEmptyUuid({ each: true })
  systemUsageUuids?: string[] | null;

  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    nullable: true,
    description: 'Data processing registrations of the same organisation; no duplicates',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(CONTRACT_LIST_MAX)
  @IsNonEmptyUuid({ each: true })
  dataProcessingRegistrationUuids?: string[] | null;

  @ApiPropertyOptional({ type: ContractPaymentModelWrite, nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => ContractPaymentModelWrite)
  paymentModel?: ContractPaymentModelWrite | null;

  @ApiPropertyOptional({ type: ContractAgreementPeriodWrite, nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => ContractAgreementPeriodWrite)
  agreementPeriod?: ContractAgreementPeriodWrite | null;

  @ApiPropertyOptional({ type: ContractTerminationWrite, nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => ContractTerminationWrite)
  termination?: ContractTerminationWrite | null;

  @ApiPropertyOptional({ type: ContractPaymentsWrite, nullable: true, description: 'Economy [Økonomi]: payment streams' })
  @IsOptional()
  @ValidateNested()
  @Type(() => ContractPaymentsWrite)
  payments?: ContractPaymentsWrite | null;

  @ApiPropertyOptional({ type: [ContractRoleAssignment], nullable: true, description: 'Per-contract role assignments; no duplicate pairs' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(CONTRACT_LIST_MAX)
  @ValidateNested({ each: true })
  @Type(() => ContractRoleAssignment)
  roles?: ContractRoleAssignment[] | null;

  @ApiPropertyOptional({ type: [ContractExternalReferenceWrite], nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(CONTRACT_LIST_MAX)
  @ValidateNested({ each: true })
  @Type(() => ContractExternalReferenceWrite)
  externalReferences?: ContractExternalReferenceWrite[] | null;
}

/**
 * The writable parts of a contract (KITOS `UpdateContractRequestDTO`). PUT replaces all of them (absent ones are
 * reset; the name is required); PATCH replaces only the parts sent, each section as a whole (null resets it).
 */
export class UpdateItContractRequest extends ItContractSectionsWrite {
  @ApiPropertyOptional({
    maxLength: CONTRACT_NAME_MAX,
    description: 'Unique in the organisation (case-insensitive)',
    example: 'Driftsaftale ESDH',
  })
  @IsOptional()
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(CONTRACT_NAME_MAX)
  name?: string | null;
}

export class CreateItContractRequest extends ItContractSectionsWrite {
  @ApiProperty({ maxLength: CONTRACT_NAME_MAX, description: 'Unique in the organisation (case-insensitive)', example: 'Driftsaftale ESDH' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(CONTRACT_NAME_MAX)
  name!: string;

  @ApiProperty({ format: 'uuid', description: 'The organisation that owns the contract' })
  @IsNonEmptyUuid()
  organizationUuid!: string;
}

export class TransferItContractsRequest {
  @ApiProperty({ type: [String], format: 'uuid', maxItems: CONTRACT_TRANSFER_MAX, description: 'The contracts to move; no duplicates' })
  @IsArray()
  @ArrayMaxSize(CONTRACT_TRANSFER_MAX)
  @IsNonEmptyUuid({ each: true })
  contractUuids!: string[];

  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String, description: 'The new parent; null makes them top-level contracts' })
  @IsOptional()
  @IsNonEmptyUuid()
  parentUuid?: string | null;
}

export class ListItContractsQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid', description: 'Only contracts of this organisation' })
  @IsOptional()
  @IsNonEmptyUuid()
  organizationUuid?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only contracts covering a usage of this IT system' })
  @IsOptional()
  @IsNonEmptyUuid()
  systemUuid?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only contracts covering this system usage' })
  @IsOptional()
  @IsNonEmptyUuid()
  systemUsageUuid?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only contracts associated with this data processing registration' })
  @IsOptional()
  @IsNonEmptyUuid()
  dataProcessingRegistrationUuid?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only contracts with this responsible unit' })
  @IsOptional()
  @IsNonEmptyUuid()
  responsibleOrgUnitUuid?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only contracts with this supplier' })
  @IsOptional()
  @IsNonEmptyUuid()
  supplierUuid?: string;

  @ApiPropertyOptional({ description: 'Case-insensitive part of the name' })
  @IsOptional()
  @IsString()
  @MaxLength(CONTRACT_NAME_MAX)
  nameContent?: string;

  @ApiPropertyOptional({ description: 'The exact name (case and surrounding spaces ignored)' })
  @IsOptional()
  @IsString()
  @MaxLength(CONTRACT_NAME_MAX)
  nameEquals?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Only contracts changed at or after this time (UTC); orders by last change' })
  @IsOptional()
  @IsDateString({ strict: true })
  changedSinceGtEq?: string;

  @ApiPropertyOptional({ enum: CONTRACT_ORDER, default: 'CreationOrder' })
  @IsOptional()
  @IsIn(CONTRACT_ORDER)
  orderByProperty?: ItContractOrder;
}

// ---------------------------------------------------------------- read model

export class ShallowOrganizationResponse extends IdentityNamePair {
  @ApiProperty({ nullable: true, type: String, example: '29189846' })
  cvr!: string | null;
}

export class ContractValidityResponse {
  @ApiProperty({ description: 'enforcedValid, or no validation error today (Europe/Copenhagen)' })
  valid!: boolean;

  @ApiProperty()
  enforcedValid!: boolean;

  @ApiProperty({
    enum: CONTRACT_VALIDITY_ERRORS,
    isArray: true,
    description: 'Why the contract is not valid by its dates; empty when none',
  })
  validationErrors!: ContractValidityError[];
}

export class ContractGeneralValidityResponse extends ContractValidityResponse {
  @ApiProperty({ type: String, format: 'date', nullable: true })
  validFrom!: string | null;

  @ApiProperty({ type: String, format: 'date', nullable: true })
  validTo!: string | null;

  @ApiProperty()
  requireValidParent!: boolean;
}

export class ContractGeneralResponse {
  @ApiProperty({ nullable: true, type: String })
  contractId!: string | null;

  @ApiProperty({ type: IdentityNamePair, nullable: true })
  contractType!: IdentityNamePair | null;

  @ApiProperty({ type: IdentityNamePair, nullable: true })
  contractTemplate!: IdentityNamePair | null;

  @ApiProperty({ type: [IdentityNamePair] })
  agreementElements!: IdentityNamePair[];

  @ApiProperty({ nullable: true, type: String })
  notes!: string | null;

  @ApiProperty({ type: IdentityNamePair, nullable: true })
  criticality!: IdentityNamePair | null;

  @ApiProperty({ type: ContractGeneralValidityResponse })
  validity!: ContractGeneralValidityResponse;
}

export class ProcurementPlanResponse {
  @ApiProperty({ example: 3 })
  quarterOfYear!: number;

  @ApiProperty({ example: 2027 })
  year!: number;
}

export class ContractProcurementResponse {
  @ApiProperty({ type: IdentityNamePair, nullable: true })
  purchaseType!: IdentityNamePair | null;

  @ApiProperty({ type: IdentityNamePair, nullable: true })
  procurementStrategy!: IdentityNamePair | null;

  @ApiProperty({ type: ProcurementPlanResponse, nullable: true })
  procurementPlan!: ProcurementPlanResponse | null;

  @ApiProperty({ enum: YES_NO_UNDECIDED, nullable: true })
  procurementInitiated!: YesNoUndecided | null;
}

export class ContractSignatureResponse {
  @ApiProperty()
  signed!: boolean;

  @ApiProperty({ nullable: true, type: String })
  signedBy!: string | null;

  @ApiProperty({ type: String, format: 'date', nullable: true })
  signedAt!: string | null;
}

export class ContractSupplierResponse extends ContractSignatureResponse {
  @ApiProperty({ type: ShallowOrganizationResponse, nullable: true })
  organization!: ShallowOrganizationResponse | null;
}

export class ContractResponsibleResponse extends ContractSignatureResponse {
  @ApiProperty({ type: IdentityNamePair, nullable: true })
  organizationUnit!: IdentityNamePair | null;
}

export class ContractPaymentModelResponse {
  @ApiProperty({ type: String, format: 'date', nullable: true })
  operationsRemunerationStartedAt!: string | null;

  @ApiProperty({ type: IdentityNamePair, nullable: true })
  paymentFrequency!: IdentityNamePair | null;

  @ApiProperty({ type: IdentityNamePair, nullable: true })
  paymentModel!: IdentityNamePair | null;

  @ApiProperty({ type: IdentityNamePair, nullable: true })
  priceRegulation!: IdentityNamePair | null;
}

export class ContractAgreementPeriodResponse {
  @ApiProperty({ nullable: true, type: Number })
  durationYears!: number | null;

  @ApiProperty({ nullable: true, type: Number })
  durationMonths!: number | null;

  @ApiProperty()
  isContinuous!: boolean;

  @ApiProperty({ type: IdentityNamePair, nullable: true })
  extensionOptions!: IdentityNamePair | null;

  @ApiProperty()
  extensionOptionsUsed!: number;

  @ApiProperty({ type: String, format: 'date', nullable: true })
  irrevocableUntil!: string | null;
}

export class ContractTerminationTermsResponse {
  @ApiProperty({ type: IdentityNamePair, nullable: true, description: 'The option; its name is the number of months' })
  noticePeriodMonths!: IdentityNamePair | null;

  @ApiProperty({ nullable: true, type: Boolean })
  noticePeriodExtendsCurrent!: boolean | null;

  @ApiProperty({ enum: NOTICE_BY_END_OF, nullable: true })
  noticeByEndOf!: NoticeByEndOf | null;
}

export class ContractTerminationResponse {
  @ApiProperty({ type: String, format: 'date', nullable: true })
  terminatedAt!: string | null;

  @ApiProperty({ type: ContractTerminationTermsResponse })
  terms!: ContractTerminationTermsResponse;
}

export class ContractPaymentResponse {
  @ApiProperty({ format: 'uuid' })
  uuid!: string;

  @ApiProperty({ type: IdentityNamePair })
  organizationUnit!: IdentityNamePair;

  @ApiProperty({ description: 'øre', example: 12_500_000 })
  acquisitionØre!: number;

  @ApiProperty({ description: 'øre', example: 4_800_000 })
  operationØre!: number;

  @ApiProperty({ description: 'øre', example: 0 })
  otherØre!: number;

  @ApiProperty({ nullable: true, type: String })
  accountingEntry!: string | null;

  @ApiProperty({ enum: AUDIT_STATUSES })
  auditStatus!: AuditStatus;

  @ApiProperty({ type: String, format: 'date', nullable: true })
  auditDate!: string | null;

  @ApiProperty({ nullable: true, type: String })
  note!: string | null;
}

export class ContractPaymentsResponse {
  @ApiProperty({ type: [ContractPaymentResponse] })
  internal!: ContractPaymentResponse[];

  @ApiProperty({ type: [ContractPaymentResponse] })
  external!: ContractPaymentResponse[];
}

export class ContractRoleAssignmentResponse {
  @ApiProperty({ type: IdentityNamePair })
  role!: IdentityNamePair;

  @ApiProperty({ type: IdentityNamePair })
  user!: IdentityNamePair;
}

/** Deadlines derived from the terms, as Danish calendar days (computed on every read for today in Europe/Copenhagen). */
export class ContractDeadlinesResponse {
  @ApiProperty({
    type: String,
    format: 'date',
    nullable: true,
    description: 'The last day notice can be given to end the contract at the next possible end (endIfNoticeToday)',
    example: '2025-09-30',
  })
  noticeDeadline!: string | null;

  @ApiProperty({
    type: String,
    format: 'date',
    nullable: true,
    description: 'The day the contract ends if notice is given today',
    example: '2025-12-31',
  })
  endIfNoticeToday!: string | null;

  @ApiProperty({ type: String, format: 'date', nullable: true, description: 'The end of the irrevocable period [Uopsigelig til]' })
  irrevocableUntil!: string | null;

  @ApiProperty({
    type: String,
    format: 'date',
    nullable: true,
    description: 'The last day of the current agreement period, by which the next unused extension option must be exercised',
  })
  nextExtensionOptionDate!: string | null;

  @ApiProperty({ type: String, format: 'date', nullable: true, description: 'When notice has been given: the day the contract ends' })
  terminationEffectiveDate!: string | null;
}

export class MoneyTotals {
  @ApiProperty({ description: 'øre' })
  acquisitionØre!: number;

  @ApiProperty({ description: 'øre' })
  operationØre!: number;

  @ApiProperty({ description: 'øre' })
  otherØre!: number;

  @ApiProperty({ description: 'acquisition + operation + other, øre' })
  totalØre!: number;
}

export class YearTotals extends MoneyTotals {
  @ApiProperty({ nullable: true, type: Number, description: 'null: payments with no audit date on a contract with no operations start' })
  year!: number | null;
}

export class ContractEconomyResponse {
  @ApiProperty({ type: MoneyTotals })
  internal!: MoneyTotals;

  @ApiProperty({ type: MoneyTotals })
  external!: MoneyTotals;

  @ApiProperty({ type: MoneyTotals })
  total!: MoneyTotals;

  @ApiProperty({
    type: [YearTotals],
    description: 'By the year of the audit date, else of operationsRemunerationStartedAt; ascending, null last',
  })
  byYear!: YearTotals[];
}

export class ItContractResponse {
  @ApiProperty({ format: 'uuid' })
  uuid!: string;

  @ApiProperty({ example: 'Driftsaftale ESDH' })
  name!: string;

  @ApiProperty({ type: IdentityNamePair, description: 'The owning organisation' })
  organizationContext!: IdentityNamePair;

  @ApiProperty({ type: IdentityNamePair, nullable: true })
  parentContract!: IdentityNamePair | null;

  @ApiProperty({ type: ContractGeneralResponse })
  general!: ContractGeneralResponse;

  @ApiProperty({ type: ContractProcurementResponse })
  procurement!: ContractProcurementResponse;

  @ApiProperty({ type: ContractSupplierResponse })
  supplier!: ContractSupplierResponse;

  @ApiProperty({ type: ContractResponsibleResponse })
  responsible!: ContractResponsibleResponse;

  @ApiProperty({ type: [IdentityNamePair], description: 'name: the system of the usage' })
  systemUsages!: IdentityNamePair[];

  @ApiProperty({ type: [IdentityNamePair] })
  dataProcessingRegistrations!: IdentityNamePair[];

  @ApiProperty({ type: ContractPaymentModelResponse })
  paymentModel!: ContractPaymentModelResponse;

  @ApiProperty({ type: ContractAgreementPeriodResponse })
  agreementPeriod!: ContractAgreementPeriodResponse;

  @ApiProperty({ type: ContractTerminationResponse })
  termination!: ContractTerminationResponse;

  @ApiProperty({ type: ContractPaymentsResponse })
  payments!: ContractPaymentsResponse;

  @ApiProperty({ type: [ContractRoleAssignmentResponse] })
  roles!: ContractRoleAssignmentResponse[];

  @ApiProperty({ type: [ExternalReferenceResponse] })
  externalReferences!: ExternalReferenceResponse[];

  @ApiProperty({ type: ContractValidityResponse, description: 'Computed validity today (Europe/Copenhagen)' })
  validity!: ContractValidityResponse;

  @ApiProperty({ type: ContractDeadlinesResponse })
  deadlines!: ContractDeadlinesResponse;

  @ApiProperty({ type: ContractEconomyResponse, description: 'Totals of the payment streams' })
  economy!: ContractEconomyResponse;

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

/** Internal RPC payloads (gateway → contracts). */
export interface GetItContractRpc {
  uuid: string;
}
export interface UpdateItContractRpc {
  uuid: string;
  expectedVersion?: number;
  /** PUT: every part; PATCH: only the parts sent. */
  changes: Partial<UpdateItContractRequest>;
}
export interface DeleteItContractRpc {
  uuid: string;
  expectedVersion?: number;
}
