import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsDateString,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { YES_NO_DONT_KNOW, type YesNoDontKnow } from '../../events/gdpr.events';
import { IdentityNamePair, IsNonEmptyUuid, Trim } from '../common.dto';

/** KITOS `HostingChoice` [IT-systemet driftes]. */
export const HOSTING_CHOICES = ['Undecided', 'OnPremise', 'External', 'Hybrid'] as const;
export type HostingChoice = (typeof HOSTING_CHOICES)[number];
/** KITOS `DataSensitivityLevelChoice`: [Ingen / Almindelige / Følsomme personoplysninger / Straffedomme og lovovertrædelser]. */
export const DATA_SENSITIVITY_LEVELS = ['None', 'PersonData', 'SensitiveData', 'LegalData'] as const;
export type DataSensitivityLevel = (typeof DATA_SENSITIVITY_LEVELS)[number];
/** KITOS `GDPRPersonalDataChoice`: CPR numbers, social problems, other purely private matters. */
export const SPECIFIC_PERSONAL_DATA = ['CprNumber', 'SocialProblems', 'OtherPrivateMatters'] as const;
export type SpecificPersonalData = (typeof SPECIFIC_PERSONAL_DATA)[number];
/** KITOS `TechnicalPrecautionChoice`. */
export const TECHNICAL_PRECAUTIONS = ['Encryption', 'Pseudonymization', 'AccessControl', 'Logging'] as const;
export type TechnicalPrecaution = (typeof TECHNICAL_PRECAUTIONS)[number];
/** KITOS `RiskLevelChoice` [Hvad viste seneste risikovurdering]. */
export const RISK_LEVELS = ['Low', 'Medium', 'High', 'Undecided'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

/**
 * KITOS: each yes/no question of a usage's GDPR profile and the fields that may only be set when it is answered `Yes`
 * (PR #1312). The gdpr service refuses them otherwise and clears them when the answer changes; the KITOS importer drops
 * a value KITOS left behind under another answer.
 */
export const GDPR_YES_GATES = {
  technicalPrecautionsInPlace: ['technicalPrecautionsApplied', 'technicalPrecautionsDocumentation'],
  userSupervision: ['userSupervisionDate', 'userSupervisionDocumentation'],
  riskAssessmentConducted: ['riskAssessmentConductedDate', 'riskAssessmentResult', 'riskAssessmentDocumentation', 'riskAssessmentNotes'],
  dpiaConducted: ['dpiaDate', 'dpiaDocumentation'],
  retentionPeriodDefined: ['nextDataRetentionEvaluationDate', 'dataRetentionEvaluationFrequencyInMonths'],
} as const satisfies Partial<Record<keyof UsageGdprWriteRequest, ReadonlyArray<keyof UsageGdprWriteRequest>>>;
/** A yes/no question that gates other GDPR fields. */
export type GdprYesGate = keyof typeof GDPR_YES_GATES;

export const GDPR_PURPOSE_MAX = 2000;
export const GDPR_NOTES_MAX = 20000;
export const GDPR_LIST_MAX = 100;
export const SIMPLE_LINK_NAME_MAX = 150;
export const SIMPLE_LINK_URL_MAX = 2000;

/** KITOS `SimpleLinkDTO`: a named link to a document (e.g. the record [Link til fortegnelse]). */
export class SimpleLink {
  @ApiPropertyOptional({ maxLength: SIMPLE_LINK_NAME_MAX, nullable: true, type: String, example: 'Fortegnelse over behandlinger' })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(SIMPLE_LINK_NAME_MAX)
  name?: string | null;

  @ApiPropertyOptional({
    maxLength: SIMPLE_LINK_URL_MAX,
    nullable: true,
    type: String,
    example: 'https://intranet.kommune.dk/gdpr/fortegnelse',
  })
  @IsOptional()
  @IsUrl({ require_protocol: true, require_tld: false })
  @MaxLength(SIMPLE_LINK_URL_MAX)
  url?: string | null;
}

const DAY_DESCRIPTION = 'Danish calendar day `YYYY-MM-DD` (a date-time is taken as its day in Europe/Copenhagen)';

/**
 * The GDPR section of a system usage (KITOS `GDPRWriteRequestDTO`). Dependent fields may only be set when their parent
 * question is `Yes` (400 naming the field); answering the parent with anything but `Yes` clears them.
 */
export class UsageGdprWriteRequest {
  @ApiPropertyOptional({
    maxLength: GDPR_PURPOSE_MAX,
    nullable: true,
    type: String,
    description: "The system's overall purpose [Systemets overordnede formål]",
    example: 'Sagsbehandling af ansøgninger om boligstøtte',
  })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(GDPR_PURPOSE_MAX)
  purpose?: string | null;

  @ApiPropertyOptional({ enum: YES_NO_DONT_KNOW, nullable: true, description: 'Business critical [Forretningskritisk]' })
  @IsOptional()
  @IsIn(YES_NO_DONT_KNOW)
  businessCritical?: YesNoDontKnow | null;

  @ApiPropertyOptional({ enum: HOSTING_CHOICES, nullable: true, description: 'Where the system is hosted [IT-systemet driftes]' })
  @IsOptional()
  @IsIn(HOSTING_CHOICES)
  hostedAt?: HostingChoice | null;

  @ApiPropertyOptional({ type: SimpleLink, nullable: true, description: 'Link to the record [Link til fortegnelse]' })
  @IsOptional()
  @ValidateNested()
  @Type(() => SimpleLink)
  directoryDocumentation?: SimpleLink | null;

  @ApiPropertyOptional({
    enum: DATA_SENSITIVITY_LEVELS,
    isArray: true,
    description: 'Data sensitivity levels; no duplicates',
    example: ['PersonData', 'SensitiveData'],
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(DATA_SENSITIVITY_LEVELS.length * 2)
  @IsIn(DATA_SENSITIVITY_LEVELS, { each: true })
  dataSensitivityLevels?: DataSensitivityLevel[] | null;

  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    description: 'Sensitive personal data types: options of it-system-usage-sensitive-personal-data-types available in the organisation',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(GDPR_LIST_MAX)
  @IsNonEmptyUuid({ each: true })
  sensitivePersonDataUuids?: string[] | null;

  @ApiPropertyOptional({
    enum: SPECIFIC_PERSONAL_DATA,
    isArray: true,
    description: 'Specific personal data (e.g. CPR numbers); no duplicates',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(SPECIFIC_PERSONAL_DATA.length * 2)
  @IsIn(SPECIFIC_PERSONAL_DATA, { each: true })
  specificPersonalData?: SpecificPersonalData[] | null;

  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    description: 'Registered data categories: options of it-system-usage-registered-data-category-types available in the organisation',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(GDPR_LIST_MAX)
  @IsNonEmptyUuid({ each: true })
  registeredDataCategoryUuids?: string[] | null;

  @ApiPropertyOptional({
    enum: YES_NO_DONT_KNOW,
    nullable: true,
    description: 'Technical precautions in place; parent of technicalPrecautionsApplied and its documentation',
  })
  @IsOptional()
  @IsIn(YES_NO_DONT_KNOW)
  technicalPrecautionsInPlace?: YesNoDontKnow | null;

  @ApiPropertyOptional({ enum: TECHNICAL_PRECAUTIONS, isArray: true, description: 'Only when technicalPrecautionsInPlace = Yes' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(TECHNICAL_PRECAUTIONS.length * 2)
  @IsIn(TECHNICAL_PRECAUTIONS, { each: true })
  technicalPrecautionsApplied?: TechnicalPrecaution[] | null;

  @ApiPropertyOptional({ type: SimpleLink, nullable: true, description: 'Only when technicalPrecautionsInPlace = Yes' })
  @IsOptional()
  @ValidateNested()
  @Type(() => SimpleLink)
  technicalPrecautionsDocumentation?: SimpleLink | null;

  @ApiPropertyOptional({ enum: YES_NO_DONT_KNOW, nullable: true, description: 'User supervision [Logning af brugerkontrol]' })
  @IsOptional()
  @IsIn(YES_NO_DONT_KNOW)
  userSupervision?: YesNoDontKnow | null;

  @ApiPropertyOptional({
    nullable: true,
    type: String,
    description: `Only when userSupervision = Yes. ${DAY_DESCRIPTION}`,
    example: '2025-03-01',
  })
  @IsOptional()
  @IsDateString({ strict: true })
  userSupervisionDate?: string | null;

  @ApiPropertyOptional({ type: SimpleLink, nullable: true, description: 'Only when userSupervision = Yes' })
  @IsOptional()
  @ValidateNested()
  @Type(() => SimpleLink)
  userSupervisionDocumentation?: SimpleLink | null;

  @ApiPropertyOptional({ enum: YES_NO_DONT_KNOW, nullable: true, description: 'Risk assessment conducted [Foretaget risikovurdering]' })
  @IsOptional()
  @IsIn(YES_NO_DONT_KNOW)
  riskAssessmentConducted?: YesNoDontKnow | null;

  @ApiPropertyOptional({
    nullable: true,
    type: String,
    description: `Date of the latest risk assessment; only when riskAssessmentConducted = Yes. ${DAY_DESCRIPTION}`,
    example: '2024-11-15',
  })
  @IsOptional()
  @IsDateString({ strict: true })
  riskAssessmentConductedDate?: string | null;

  @ApiPropertyOptional({
    enum: RISK_LEVELS,
    nullable: true,
    description: 'Result of the latest risk assessment; only when riskAssessmentConducted = Yes',
  })
  @IsOptional()
  @IsIn(RISK_LEVELS)
  riskAssessmentResult?: RiskLevel | null;

  @ApiPropertyOptional({ type: SimpleLink, nullable: true, description: 'Only when riskAssessmentConducted = Yes' })
  @IsOptional()
  @ValidateNested()
  @Type(() => SimpleLink)
  riskAssessmentDocumentation?: SimpleLink | null;

  @ApiPropertyOptional({ maxLength: GDPR_NOTES_MAX, nullable: true, type: String, description: 'Only when riskAssessmentConducted = Yes' })
  @IsOptional()
  @IsString()
  @MaxLength(GDPR_NOTES_MAX)
  riskAssessmentNotes?: string | null;

  @ApiPropertyOptional({
    nullable: true,
    type: String,
    description: `Planned (next) risk assessment [Dato for planlagt risikovurdering]; allowed whatever the answer (a plan matters most when none was made). ${DAY_DESCRIPTION}`,
    example: '2026-06-01',
  })
  @IsOptional()
  @IsDateString({ strict: true })
  plannedRiskAssessmentDate?: string | null;

  @ApiPropertyOptional({ enum: YES_NO_DONT_KNOW, nullable: true, description: 'DPIA conducted [DPIA / Konsekvensanalyse]' })
  @IsOptional()
  @IsIn(YES_NO_DONT_KNOW)
  dpiaConducted?: YesNoDontKnow | null;

  @ApiPropertyOptional({
    nullable: true,
    type: String,
    description: `Only when dpiaConducted = Yes. ${DAY_DESCRIPTION}`,
    example: '2024-02-01',
  })
  @IsOptional()
  @IsDateString({ strict: true })
  dpiaDate?: string | null;

  @ApiPropertyOptional({ type: SimpleLink, nullable: true, description: 'Only when dpiaConducted = Yes' })
  @IsOptional()
  @ValidateNested()
  @Type(() => SimpleLink)
  dpiaDocumentation?: SimpleLink | null;

  @ApiPropertyOptional({ enum: YES_NO_DONT_KNOW, nullable: true, description: 'Retention period defined [Er der bevaringsfrist på data]' })
  @IsOptional()
  @IsIn(YES_NO_DONT_KNOW)
  retentionPeriodDefined?: YesNoDontKnow | null;

  @ApiPropertyOptional({
    nullable: true,
    type: String,
    description: `Only when retentionPeriodDefined = Yes; the day the data is due for deletion/evaluation. ${DAY_DESCRIPTION}`,
    example: '2027-01-01',
  })
  @IsOptional()
  @IsDateString({ strict: true })
  nextDataRetentionEvaluationDate?: string | null;

  @ApiPropertyOptional({
    nullable: true,
    type: Number,
    minimum: 0,
    maximum: 1200,
    description: 'Only when retentionPeriodDefined = Yes',
    example: 12,
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1200)
  dataRetentionEvaluationFrequencyInMonths?: number | null;
}

export class SimpleLinkResponse {
  @ApiProperty({ nullable: true, type: String })
  name!: string | null;

  @ApiProperty({ nullable: true, type: String })
  url!: string | null;
}

/** The GDPR section of a usage as read (KITOS `GDPRRegistrationsResponseDTO`), with the profile's own version. */
export class UsageGdprResponse {
  @ApiProperty({ format: 'uuid', description: 'The usage this profile belongs to' })
  usageUuid!: string;

  @ApiProperty({ type: IdentityNamePair })
  organizationContext!: IdentityNamePair;

  @ApiProperty({ type: IdentityNamePair })
  systemContext!: IdentityNamePair;

  @ApiProperty({ nullable: true, type: String })
  purpose!: string | null;

  @ApiProperty({ enum: YES_NO_DONT_KNOW, nullable: true })
  businessCritical!: YesNoDontKnow | null;

  @ApiProperty({ enum: HOSTING_CHOICES, nullable: true })
  hostedAt!: HostingChoice | null;

  @ApiProperty({ type: SimpleLinkResponse, nullable: true })
  directoryDocumentation!: SimpleLinkResponse | null;

  @ApiProperty({ enum: DATA_SENSITIVITY_LEVELS, isArray: true })
  dataSensitivityLevels!: DataSensitivityLevel[];

  @ApiProperty({ type: [IdentityNamePair] })
  sensitivePersonData!: IdentityNamePair[];

  @ApiProperty({ enum: SPECIFIC_PERSONAL_DATA, isArray: true })
  specificPersonalData!: SpecificPersonalData[];

  @ApiProperty({ type: [IdentityNamePair] })
  registeredDataCategories!: IdentityNamePair[];

  @ApiProperty({ enum: YES_NO_DONT_KNOW, nullable: true })
  technicalPrecautionsInPlace!: YesNoDontKnow | null;

  @ApiProperty({ enum: TECHNICAL_PRECAUTIONS, isArray: true })
  technicalPrecautionsApplied!: TechnicalPrecaution[];

  @ApiProperty({ type: SimpleLinkResponse, nullable: true })
  technicalPrecautionsDocumentation!: SimpleLinkResponse | null;

  @ApiProperty({ enum: YES_NO_DONT_KNOW, nullable: true })
  userSupervision!: YesNoDontKnow | null;

  @ApiProperty({ nullable: true, type: String, example: '2025-03-01' })
  userSupervisionDate!: string | null;

  @ApiProperty({ type: SimpleLinkResponse, nullable: true })
  userSupervisionDocumentation!: SimpleLinkResponse | null;

  @ApiProperty({ enum: YES_NO_DONT_KNOW, nullable: true })
  riskAssessmentConducted!: YesNoDontKnow | null;

  @ApiProperty({ nullable: true, type: String })
  riskAssessmentConductedDate!: string | null;

  @ApiProperty({ enum: RISK_LEVELS, nullable: true })
  riskAssessmentResult!: RiskLevel | null;

  @ApiProperty({ type: SimpleLinkResponse, nullable: true })
  riskAssessmentDocumentation!: SimpleLinkResponse | null;

  @ApiProperty({ nullable: true, type: String })
  riskAssessmentNotes!: string | null;

  @ApiProperty({ nullable: true, type: String })
  plannedRiskAssessmentDate!: string | null;

  @ApiProperty({ enum: YES_NO_DONT_KNOW, nullable: true })
  dpiaConducted!: YesNoDontKnow | null;

  @ApiProperty({ nullable: true, type: String })
  dpiaDate!: string | null;

  @ApiProperty({ type: SimpleLinkResponse, nullable: true })
  dpiaDocumentation!: SimpleLinkResponse | null;

  @ApiProperty({ enum: YES_NO_DONT_KNOW, nullable: true })
  retentionPeriodDefined!: YesNoDontKnow | null;

  @ApiProperty({ nullable: true, type: String })
  nextDataRetentionEvaluationDate!: string | null;

  @ApiProperty({ nullable: true, type: Number })
  dataRetentionEvaluationFrequencyInMonths!: number | null;

  @ApiProperty({ nullable: true, type: String, description: 'Last change of the profile (null while never written)' })
  lastModified!: string | null;

  @ApiProperty({ type: 'integer', description: 'Version of the profile (0 while never written); the sub-resource ETag', example: 3 })
  version!: number;
}

/** `rpc.gdpr.compliance.usage-gdpr.*` payloads. */
export interface GetUsageGdprRpc {
  uuid: string;
}
export interface UpdateUsageGdprRpc {
  uuid: string;
  expectedVersion?: number;
  changes: Partial<UsageGdprWriteRequest>;
}
