import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
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
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { IdentityNamePair, IsNonEmptyUuid, PageQuery, Trim } from '../common.dto';
import { DATA_SENSITIVITY_LEVELS, type DataSensitivityLevel } from './usage-gdpr.dto';

/** Legal bases of a processing: GDPR Art. 6(1)(a–f), Art. 9(2)(a–j) (special categories) and Art. 10 (criminal offences). */
export const LEGAL_BASES = [
  'Art6-1-a',
  'Art6-1-b',
  'Art6-1-c',
  'Art6-1-d',
  'Art6-1-e',
  'Art6-1-f',
  'Art9-2-a',
  'Art9-2-b',
  'Art9-2-c',
  'Art9-2-d',
  'Art9-2-e',
  'Art9-2-f',
  'Art9-2-g',
  'Art9-2-h',
  'Art9-2-i',
  'Art9-2-j',
  'Art10',
] as const;
export type LegalBasis = (typeof LEGAL_BASES)[number];

/** Whether the organisation decides alone or jointly (Art. 26) on the processing. */
export const CONTROLLER_ROLES = ['Controller', 'JointController'] as const;
export type ControllerRole = (typeof CONTROLLER_ROLES)[number];

export const ACTIVITY_NAME_MAX = 200;
export const ACTIVITY_TEXT_MAX = 2000;
export const ACTIVITY_SHORT_MAX = 300;
export const ACTIVITY_LIST_MAX = 200;

/** One row of the matrix: a category of data subjects × a category of personal data, with its erasure deadline. */
export class DataCategoryRow {
  @ApiProperty({
    maxLength: ACTIVITY_SHORT_MAX,
    description: 'Category of data subjects [Kategori af registrerede]',
    example: 'Borgere der søger boligstøtte',
  })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(ACTIVITY_SHORT_MAX)
  dataSubjectCategory!: string;

  @ApiProperty({
    maxLength: ACTIVITY_SHORT_MAX,
    description: 'Category of personal data [Kategori af personoplysninger]',
    example: 'CPR-nummer, indkomstoplysninger',
  })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(ACTIVITY_SHORT_MAX)
  personalDataCategory!: string;

  @ApiPropertyOptional({
    enum: DATA_SENSITIVITY_LEVELS,
    nullable: true,
    description: 'Ordinary, sensitive (Art. 9) or criminal (Art. 10) data',
  })
  @IsOptional()
  @IsIn(DATA_SENSITIVITY_LEVELS)
  sensitivity?: DataSensitivityLevel | null;

  @ApiPropertyOptional({
    type: String,
    maxLength: ACTIVITY_SHORT_MAX,
    nullable: true,
    description: 'Envisaged time limit for erasure, Art. 30(1)(f) [Slettefrist]',
    example: '5 år efter sagens afslutning',
  })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(ACTIVITY_SHORT_MAX)
  retentionPeriod?: string | null;

  @ApiPropertyOptional({
    nullable: true,
    type: Number,
    minimum: 0,
    maximum: 1200,
    description: 'The erasure deadline in months, where it is a fixed period',
    example: 60,
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1200)
  retentionMonths?: number | null;
}

/** A category of recipients, Art. 30(1)(d); a recipient in a third country is a transfer, Art. 30(1)(e). */
export class RecipientWrite {
  @ApiProperty({ maxLength: ACTIVITY_SHORT_MAX, example: 'Udbetaling Danmark' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(ACTIVITY_SHORT_MAX)
  name!: string;

  @ApiPropertyOptional({ type: String, maxLength: ACTIVITY_SHORT_MAX, nullable: true, example: 'Offentlig myndighed' })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(ACTIVITY_SHORT_MAX)
  category?: string | null;

  @ApiPropertyOptional({ default: false, description: 'Recipient in a third country or an international organisation' })
  @IsOptional()
  @IsBoolean()
  thirdCountry?: boolean;

  @ApiPropertyOptional({
    nullable: true,
    type: String,
    description: 'ISO 3166-1 alpha-2 country code (required for a third-country recipient)',
    example: 'US',
  })
  @IsOptional()
  @Matches(/^[A-Z]{2}$/)
  country?: string | null;

  @ApiPropertyOptional({
    type: String,
    maxLength: ACTIVITY_SHORT_MAX,
    nullable: true,
    description: 'Transfer basis: adequacy decision, SCC, BCR or an Art. 49 derogation with its safeguards',
    example: 'EU-US Data Privacy Framework',
  })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(ACTIVITY_SHORT_MAX)
  transferBasis?: string | null;
}

export class JointControllerWrite {
  @ApiProperty({ maxLength: ACTIVITY_SHORT_MAX, example: 'Region Midtjylland' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(ACTIVITY_SHORT_MAX)
  name!: string;

  @ApiPropertyOptional({ type: String, maxLength: ACTIVITY_SHORT_MAX, nullable: true, example: 'dpo@rm.dk' })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(ACTIVITY_SHORT_MAX)
  contact?: string | null;
}

/** A processing activity [Behandlingsaktivitet]: what a record of processing (Art. 30) is made of and KITOS lacks. */
export class ProcessingActivityWrite {
  @ApiProperty({
    maxLength: ACTIVITY_NAME_MAX,
    description: 'Unique per organisation (409)',
    example: 'Behandling af ansøgninger om boligstøtte',
  })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(ACTIVITY_NAME_MAX)
  name!: string;

  @ApiPropertyOptional({ type: String, maxLength: ACTIVITY_TEXT_MAX, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(ACTIVITY_TEXT_MAX)
  description?: string | null;

  @ApiPropertyOptional({ type: [String], description: 'Purposes of the processing, Art. 30(1)(b)', example: ['Afgørelse om boligstøtte'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(ACTIVITY_LIST_MAX)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(ACTIVITY_TEXT_MAX, { each: true })
  purposes?: string[];

  @ApiPropertyOptional({
    enum: LEGAL_BASES,
    isArray: true,
    description: 'GDPR legal bases: Art. 6(1)(a–f), 9(2)(a–j), 10',
    example: ['Art6-1-e', 'Art9-2-b'],
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(LEGAL_BASES.length)
  @IsIn(LEGAL_BASES, { each: true })
  legalBases?: LegalBasis[];

  @ApiPropertyOptional({
    type: [String],
    description: 'Danish law references',
    example: ['Databeskyttelseslovens § 7', 'Lov om individuel boligstøtte § 10'],
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(ACTIVITY_LIST_MAX)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(ACTIVITY_SHORT_MAX, { each: true })
  nationalLawReferences?: string[];

  @ApiPropertyOptional({
    type: [DataCategoryRow],
    description: 'Data subjects × personal data, Art. 30(1)(c), with erasure deadlines, Art. 30(1)(f)',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(ACTIVITY_LIST_MAX)
  @ValidateNested({ each: true })
  @Type(() => DataCategoryRow)
  dataCategories?: DataCategoryRow[];

  @ApiPropertyOptional({ type: [RecipientWrite], description: 'Categories of recipients, Art. 30(1)(d–e)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(ACTIVITY_LIST_MAX)
  @ValidateNested({ each: true })
  @Type(() => RecipientWrite)
  recipients?: RecipientWrite[];

  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    description: 'System usages of the same organisation involved in the processing (400 otherwise)',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(ACTIVITY_LIST_MAX)
  @IsNonEmptyUuid({ each: true })
  systemUsageUuids?: string[];

  @ApiPropertyOptional({ enum: CONTROLLER_ROLES, default: 'Controller' })
  @IsOptional()
  @IsIn(CONTROLLER_ROLES)
  controllerRole?: ControllerRole;

  @ApiPropertyOptional({
    type: [JointControllerWrite],
    description: 'Joint controllers (Art. 26); only with controllerRole JointController',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(ACTIVITY_LIST_MAX)
  @ValidateNested({ each: true })
  @Type(() => JointControllerWrite)
  jointControllers?: JointControllerWrite[];

  @ApiPropertyOptional({
    type: String,
    maxLength: ACTIVITY_SHORT_MAX,
    nullable: true,
    description: "The controller's representative (Art. 27), where applicable",
  })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(ACTIVITY_SHORT_MAX)
  representative?: string | null;

  @ApiPropertyOptional({
    type: String,
    maxLength: ACTIVITY_TEXT_MAX,
    nullable: true,
    description: 'General description of technical and organisational security measures, Art. 30(1)(g)',
    example: 'Adgangsstyring efter arbejdsbetinget behov; logning; kryptering i transit',
  })
  @IsOptional()
  @IsString()
  @MaxLength(ACTIVITY_TEXT_MAX)
  securityMeasures?: string | null;

  @ApiPropertyOptional({
    type: String,
    maxLength: ACTIVITY_SHORT_MAX,
    nullable: true,
    description: 'Where the data come from',
    example: 'Borgeren selv, eIndkomst',
  })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(ACTIVITY_SHORT_MAX)
  dataSource?: string | null;
}

/** PATCH: the fields sent replace theirs; the rest stays. */
export class PatchProcessingActivityRequest extends PartialType(ProcessingActivityWrite) {}

export class CreateProcessingActivityRequest extends ProcessingActivityWrite {
  @ApiProperty({ format: 'uuid' })
  @IsNonEmptyUuid()
  organizationUuid!: string;
}

export class ListProcessingActivitiesQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid', description: "Only this organisation's activities" })
  @IsOptional()
  @IsNonEmptyUuid()
  organizationUuid?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only activities linked to this system usage' })
  @IsOptional()
  @IsNonEmptyUuid()
  systemUsageUuid?: string;

  @ApiPropertyOptional({ description: 'Case-insensitive part of the name' })
  @IsOptional()
  @IsString()
  @MaxLength(ACTIVITY_NAME_MAX)
  nameContains?: string;
}

/** A missing or incomplete mandatory field of a record entry (a data-quality finding). */
export class Article30Finding {
  @ApiProperty({ example: '30(1)(b)', description: 'The provision the field is required by' })
  article!: string;

  @ApiProperty({ example: 'purposes' })
  field!: string;

  @ApiProperty({ example: 'No purpose of the processing is registered' })
  message!: string;
}

export class ContactResponse {
  @ApiProperty({ nullable: true, type: String })
  name!: string | null;

  @ApiProperty({ nullable: true, type: String })
  email!: string | null;

  @ApiProperty({ nullable: true, type: String })
  phone!: string | null;
}

export class ProcessingActivityResponse {
  @ApiProperty({ format: 'uuid' })
  uuid!: string;

  @ApiProperty({ type: IdentityNamePair })
  organizationContext!: IdentityNamePair;

  @ApiProperty()
  name!: string;

  @ApiProperty({ nullable: true, type: String })
  description!: string | null;

  @ApiProperty({ type: [String] })
  purposes!: string[];

  @ApiProperty({ enum: LEGAL_BASES, isArray: true })
  legalBases!: LegalBasis[];

  @ApiProperty({ type: [String] })
  nationalLawReferences!: string[];

  @ApiProperty({ type: [DataCategoryRow] })
  dataCategories!: DataCategoryRow[];

  @ApiProperty({ type: [RecipientWrite] })
  recipients!: RecipientWrite[];

  @ApiProperty({ type: [IdentityNamePair], description: 'Linked system usages (name = the system name)' })
  systemUsages!: IdentityNamePair[];

  @ApiProperty({ enum: CONTROLLER_ROLES })
  controllerRole!: ControllerRole;

  @ApiProperty({ type: [JointControllerWrite] })
  jointControllers!: JointControllerWrite[];

  @ApiProperty({ nullable: true, type: String })
  representative!: string | null;

  @ApiProperty({ nullable: true, type: String })
  securityMeasures!: string | null;

  @ApiProperty({ nullable: true, type: String })
  dataSource!: string | null;

  @ApiProperty({ type: ContactResponse, nullable: true, description: "The organisation's data controller contact (from identity)" })
  dataController!: ContactResponse | null;

  @ApiProperty({ type: ContactResponse, nullable: true, description: "The organisation's data protection officer (from identity)" })
  dataProtectionOfficer!: ContactResponse | null;

  @ApiProperty({ type: [Article30Finding], description: 'Missing mandatory Art. 30 fields of this activity' })
  findings!: Article30Finding[];

  @ApiProperty()
  created!: string;

  @ApiProperty()
  lastModified!: string;

  @ApiProperty({ type: 'integer' })
  version!: number;
}

export interface GetProcessingActivityRpc {
  uuid: string;
}
export interface UpdateProcessingActivityRpc {
  uuid: string;
  expectedVersion?: number;
  changes: Partial<ProcessingActivityWrite>;
}
