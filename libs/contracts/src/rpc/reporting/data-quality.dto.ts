import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { IsNonEmptyUuid, PageQuery } from '../common.dto';

/**
 * Data quality against the shared registration practice (issue 10 item 5): a versioned rule pack of declarative rules,
 * each one of a fixed set of check types implemented by the reporting service.
 */
export const DATA_QUALITY_MODULES = ['usages', 'contracts', 'dprs', 'relations', 'interfaces'] as const;
export type DataQualityModule = (typeof DATA_QUALITY_MODULES)[number];

/** `minimum`: the minimum requirements every registration should meet; `quality`: the further quality requirements. */
export const DATA_QUALITY_LEVELS = ['minimum', 'quality'] as const;
export type DataQualityLevel = (typeof DATA_QUALITY_LEVELS)[number];

/**
 * The check types (implemented in code; their `params` are validated per type):
 * - `required` `{field, when?}`: the field has a value (not null, not empty text, not an empty list);
 * - `requiredWhen` `{field, when}`: the same, applicable only when `when` holds;
 * - `oneOf` `{field, values, when?}`: the field's value is one of `values`;
 * - `maxAgeMonths` `{field, months, when?}`: the field is a date at most `months` months before today;
 * - `hasLinked` `{link, when?}`: the object is linked to another one (`dpr-with-agreement`, `dpr`, `contract`).
 * `when` is `{field, equals}`: the rule applies only to objects whose field equals the value.
 */
export const DATA_QUALITY_CHECK_TYPES = ['required', 'requiredWhen', 'oneOf', 'maxAgeMonths', 'hasLinked'] as const;
export type DataQualityCheckType = (typeof DATA_QUALITY_CHECK_TYPES)[number];

/** Links `hasLinked` knows, per module. */
export const DATA_QUALITY_LINKS = {
  usages: ['dpr-with-agreement', 'dpr', 'contract'],
  contracts: [],
  dprs: [],
  relations: [],
  interfaces: [],
} as const satisfies Record<DataQualityModule, readonly string[]>;

export const DATA_QUALITY_RULE_ID_PATTERN = /^[a-z0-9][a-z0-9-]{1,63}$/;
export const DATA_QUALITY_MAX_RULES = 200;

export class DataQualityCheck {
  @ApiProperty({ enum: DATA_QUALITY_CHECK_TYPES, example: 'hasLinked' })
  @IsIn(DATA_QUALITY_CHECK_TYPES)
  type!: DataQualityCheckType;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    example: { link: 'dpr-with-agreement', when: { field: 'gdpr.data.processesPersonalData', equals: true } },
    description:
      'Parameters of the check type: `field` (a path into the read model, e.g. `data.responsibleOrganizationUnitUuid`, ' +
      '`gdpr.data.riskAssessmentDate`, `archive.data.archiveDuty`), `when` `{field, equals}`, `values` (oneOf), `months` ' +
      '(maxAgeMonths), `link` (hasLinked). Unknown parameters, fields, links and private fields (notes, remarks, economy) → 400.',
  })
  @IsObject()
  params!: Record<string, unknown>;
}

export class DataQualityRule {
  @ApiProperty({ example: 'usage-personal-data-has-dpa', description: 'Stable id: lower case letters, digits and dashes' })
  @IsString()
  @Matches(DATA_QUALITY_RULE_ID_PATTERN, { message: 'id must be 2-64 lower case letters, digits and dashes' })
  id!: string;

  @ApiProperty({ enum: DATA_QUALITY_MODULES })
  @IsIn(DATA_QUALITY_MODULES)
  module!: DataQualityModule;

  @ApiProperty({ enum: DATA_QUALITY_LEVELS })
  @IsIn(DATA_QUALITY_LEVELS)
  level!: DataQualityLevel;

  @ApiProperty({ example: 'Anvendelse med personoplysninger har en databehandleraftale' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  title!: string;

  @ApiProperty({ example: 'Behandler systemet personoplysninger, skal der være en indgået databehandleraftale.' })
  @IsString()
  @MaxLength(2000)
  description!: string;

  @ApiPropertyOptional({ default: true, description: 'A disabled rule is kept in the pack but not evaluated' })
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;

  @ApiProperty({ type: DataQualityCheck })
  @IsObject()
  @ValidateNested()
  @Type(() => DataQualityCheck)
  check!: DataQualityCheck;
}

/** `PUT /api/v2/data-quality/rule-pack`: the whole new pack; `version` must be the current version. */
export class PutRulePackRequest {
  @ApiProperty({ type: 'integer', example: 1, description: 'The version you read (optimistic concurrency: another version → 412)' })
  @IsInt()
  @Min(1)
  version!: number;

  @ApiProperty({ type: [DataQualityRule] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(DATA_QUALITY_MAX_RULES)
  @ValidateNested({ each: true })
  @Type(() => DataQualityRule)
  rules!: DataQualityRule[];
}

export class RulePackResponse {
  @ApiProperty({ type: 'integer', example: 2 })
  version!: number;

  @ApiProperty({ example: 'registration-practice.v1', description: 'The shipped pack this version descends from' })
  basedOn!: string;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;

  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'Null for the shipped pack' })
  createdByUserUuid!: string | null;

  @ApiProperty({ type: [DataQualityRule] })
  rules!: DataQualityRule[];
}

export class DataQualityModuleScore {
  @ApiProperty({ enum: DATA_QUALITY_MODULES })
  module!: DataQualityModule;

  @ApiProperty({ nullable: true, type: Number, example: 0.83, description: 'Mean of the object scores (0–1); null without scored objects' })
  score!: number | null;

  @ApiProperty({ type: 'integer', example: 42, description: 'Objects with at least one applicable rule' })
  objects!: number;

  @ApiProperty({ type: 'integer', example: 30, description: 'Objects meeting every applicable minimum requirement' })
  objectsMeetingMinimum!: number;

  @ApiProperty({ type: 'integer', example: 17, description: 'Findings (failed rules) of the module' })
  findings!: number;

  @ApiProperty({ type: 'integer', example: 5, description: 'Of which failed minimum requirements' })
  minimumFindings!: number;

  @ApiProperty({
    nullable: true,
    type: Number,
    example: 0.78,
    description: 'Median of the module scores of all organisations with scored objects in it',
  })
  nationalMedian!: number | null;

  @ApiProperty({ type: 'integer', example: 61, description: 'Organisations the median is taken over' })
  nationalOrganizations!: number;
}

export class DataQualityScoreResponse {
  @ApiProperty({ format: 'uuid' })
  organizationUuid!: string;

  @ApiProperty({ type: 'integer', example: 3 })
  rulePackVersion!: number;

  @ApiProperty({ format: 'date', example: '2026-03-01', description: 'The Danish calendar day the date rules were evaluated on' })
  evaluatedOn!: string;

  @ApiProperty({ nullable: true, type: Number, example: 0.8, description: 'Mean of the module scores that are not null' })
  overall!: number | null;

  @ApiProperty({
    nullable: true,
    type: Number,
    example: 0.75,
    description: 'Median of the overall scores of all organisations that have one',
  })
  nationalMedian!: number | null;

  @ApiProperty({ type: 'integer', example: 61 })
  nationalOrganizations!: number;

  @ApiProperty({ type: [DataQualityModuleScore] })
  modules!: DataQualityModuleScore[];
}

export class DataQualityFinding {
  @ApiProperty({ example: 'usage-personal-data-has-dpa' })
  ruleId!: string;

  @ApiProperty({ enum: DATA_QUALITY_LEVELS })
  level!: DataQualityLevel;

  @ApiProperty({ example: 'Anvendelse med personoplysninger har en databehandleraftale' })
  title!: string;

  @ApiProperty({ example: 'Ingen databehandling med indgået aftale er knyttet til anvendelsen' })
  message!: string;
}

export class DataQualityObjectFindings {
  @ApiProperty({ enum: DATA_QUALITY_MODULES })
  module!: DataQualityModule;

  @ApiProperty({ format: 'uuid' })
  uuid!: string;

  @ApiProperty({ nullable: true, type: String, example: 'ESDH' })
  name!: string | null;

  @ApiProperty({ example: 0.5, description: 'Passed / applicable rules of the object' })
  score!: number;

  @ApiProperty({ type: [DataQualityFinding] })
  findings!: DataQualityFinding[];
}

export class DataQualityFindingsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: DATA_QUALITY_MODULES })
  @IsOptional()
  @IsIn(DATA_QUALITY_MODULES)
  module?: DataQualityModule;
}

export class DataQualityHistoryQuery {
  @ApiPropertyOptional({ format: 'date', example: '2026-01-01', description: 'First day (inclusive)' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'from must be a date YYYY-MM-DD' })
  from?: string;

  @ApiPropertyOptional({ format: 'date', example: '2026-12-31', description: 'Last day (inclusive)' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'to must be a date YYYY-MM-DD' })
  to?: string;
}

export class DataQualityHistoryModule {
  @ApiProperty({ enum: DATA_QUALITY_MODULES })
  module!: DataQualityModule;

  @ApiProperty({ nullable: true, type: Number })
  score!: number | null;

  @ApiProperty({ type: 'integer' })
  objects!: number;

  @ApiProperty({ type: 'integer' })
  findings!: number;

  @ApiProperty({ nullable: true, type: Number })
  nationalMedian!: number | null;
}

export class DataQualityHistoryEntry {
  @ApiProperty({ format: 'date', example: '2026-03-01' })
  day!: string;

  @ApiProperty({ format: 'date-time' })
  takenAt!: string;

  @ApiProperty({ type: 'integer', example: 2 })
  rulePackVersion!: number;

  @ApiProperty({ nullable: true, type: Number })
  overall!: number | null;

  @ApiProperty({ nullable: true, type: Number })
  nationalMedian!: number | null;

  @ApiProperty({ type: [DataQualityHistoryModule] })
  modules!: DataQualityHistoryModule[];
}

export class DataQualitySnapshotResponse {
  @ApiProperty({ format: 'date', example: '2026-03-01' })
  day!: string;

  @ApiProperty({ type: 'integer', example: 98, description: 'Organisations whose snapshot of the day was written' })
  organizations!: number;

  @ApiProperty({ type: 'integer', example: 3 })
  rulePackVersion!: number;
}

/** RPC requests. */
export class DataQualityOrganizationRequest {
  @IsNonEmptyUuid()
  organizationUuid!: string;
}

export class DataQualityFindingsRequest extends DataQualityFindingsQuery {
  @IsNonEmptyUuid()
  organizationUuid!: string;
}

export class DataQualityHistoryRequest extends DataQualityHistoryQuery {
  @IsNonEmptyUuid()
  organizationUuid!: string;
}

export class RulePackVersionRequest {
  @Type(() => Number)
  @IsInt()
  @Min(1)
  version!: number;
}
