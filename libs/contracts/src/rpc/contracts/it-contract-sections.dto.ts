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
  ValidateBy,
  ValidateNested,
  type ValidationOptions,
} from 'class-validator';
import { IsNonEmptyUuid, Trim } from '../common.dto';
import {
  EXTERNAL_REFERENCE_DOCUMENT_ID_MAX,
  EXTERNAL_REFERENCE_TITLE_MAX,
  EXTERNAL_REFERENCE_URL_MAX,
  YES_NO_UNDECIDED,
  type YesNoUndecided,
} from '../catalog/it-system-usage.dto';
import {
  CONTRACT_ID_MAX,
  CONTRACT_NOTES_MAX,
  CONTRACT_SIGNED_BY_MAX,
  CONTRACT_ACCOUNTING_ENTRY_MAX,
  CONTRACT_PAYMENT_NOTE_MAX,
  CONTRACT_LIST_MAX,
  MONEY_MAX,
  KRONER_MAX,
  kronerToØre,
  NOTICE_BY_END_OF,
  type NoticeByEndOf,
  AUDIT_STATUSES,
  type AuditStatus,
} from './it-contract.constants';

// The write model: one class per section of a contract (validity, procurement, supplier, payments…), validated on write.

const NOTICE_ALIASES: Record<string, NoticeByEndOf> = { Month: 'EndOfMonth', Quarter: 'EndOfQuarter', Year: 'EndOfCalendarYear' };

const DAY_DESCRIPTION = 'a Danish calendar day (`YYYY-MM-DD`; a date-time is read as the day it falls on in Europe/Copenhagen)';
export class ContractValidityWrite {
  @ApiPropertyOptional({
    type: Boolean,
    nullable: true,
    default: false,
    description: 'Force valid [Gennemtving gyldighed]: valid whatever the dates say',
  })
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
    type: Boolean,
    nullable: true,
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
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 4, example: 3 })
  @IsInt()
  @Min(1)
  @Max(4)
  quarterOfYear!: number;

  @ApiProperty({ type: 'integer', minimum: 1900, maximum: 9999, example: 2027 })
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
  @ApiPropertyOptional({ type: Boolean, nullable: true, default: false, description: 'Signed [Underskrevet]' })
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

  @ApiPropertyOptional({
    type: Boolean,
    nullable: true,
    default: false,
    description: 'Ongoing [Løbende]: no fixed duration (then no duration may be given)',
  })
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

  @ApiPropertyOptional({
    type: 'integer',
    nullable: true,
    minimum: 0,
    maximum: 100,
    default: 0,
    description: 'Options used [Brugte optioner]',
    example: 1,
  })
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

/** KITOS's amount in kroner: a number ≥ 0 with at most two decimals (one øre), so that it is stored exactly in øre. */
function IsKroner(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isKroner',
      validator: {
        validate: (value: unknown) => value === null || value === undefined || (typeof value === 'number' && kronerToØre(value) !== null),
        defaultMessage: () => `$property must be an amount in kroner from 0 to ${KRONER_MAX} with at most 2 decimals (øre)`,
      },
    },
    options,
  );
}

export class ContractPaymentWrite {
  @ApiPropertyOptional({ format: 'uuid', description: 'The uuid of an existing payment to keep it; leave out to add a new one' })
  @IsOptional()
  @IsNonEmptyUuid()
  uuid?: string;

  @ApiProperty({ format: 'uuid', description: "A unit of the contract's organisation that pays [Organisationsenhed]" })
  @IsNonEmptyUuid()
  organizationUnitUuid!: string;

  @ApiPropertyOptional({
    type: 'integer',
    nullable: true,
    minimum: 0,
    default: 0,
    description: 'Acquisition [Anskaffelse] in øre (integer)',
    example: 125_000_00,
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MONEY_MAX)
  acquisitionØre?: number | null;

  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    minimum: 0,
    maximum: KRONER_MAX,
    multipleOf: 0.01,
    description:
      'Acquisition [Anskaffelse] in kroner, as KITOS API v2 (`acquisition`); at most 2 decimals, stored exactly in øre. ' +
      'Give this or `acquisitionØre`; both must then agree',
    example: 125000,
  })
  @IsOptional()
  @IsKroner()
  acquisition?: number | null;

  @ApiPropertyOptional({
    type: 'integer',
    nullable: true,
    minimum: 0,
    default: 0,
    description: 'Operation [Drift] in øre (integer)',
    example: 48_000_00,
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MONEY_MAX)
  operationØre?: number | null;

  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    minimum: 0,
    maximum: KRONER_MAX,
    multipleOf: 0.01,
    description:
      'Operation [Drift] in kroner, as KITOS API v2 (`operation`); at most 2 decimals, stored exactly in øre. ' +
      'Give this or `operationØre`; both must then agree',
    example: 48000.5,
  })
  @IsOptional()
  @IsKroner()
  operation?: number | null;

  @ApiPropertyOptional({
    type: 'integer',
    nullable: true,
    minimum: 0,
    default: 0,
    description: 'Other [Andet] in øre (integer)',
    example: 0,
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MONEY_MAX)
  otherØre?: number | null;

  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    minimum: 0,
    maximum: KRONER_MAX,
    multipleOf: 0.01,
    description:
      'Other [Andet] in kroner, as KITOS API v2 (`other`); at most 2 decimals, stored exactly in øre. ' +
      'Give this or `otherØre`; both must then agree',
    example: 0,
  })
  @IsOptional()
  @IsKroner()
  other?: number | null;

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
