import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsDateString,
  IsDefined,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsNumber,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { IdentityNamePair, IsNonEmptyUuid, Trim } from '../common.dto';

/** The parts of a project with their own endpoints under `/api/v2/it-projects/{uuid}/<kind>`. */
export const PROJECT_PART_KINDS = ['milestones', 'tasks', 'status-reports', 'economy-years', 'risks', 'stakeholders', 'benefits'] as const;
export type ProjectPartKind = (typeof PROJECT_PART_KINDS)[number];

export const WORK_ITEM_STATUSES = ['NotStarted', 'InProgress', 'Done', 'Blocked'] as const;
export type WorkItemStatus = (typeof WORK_ITEM_STATUSES)[number];

/** Traffic lights of a status report; White = not assessed. */
export const TRAFFIC_LIGHTS = ['Green', 'Yellow', 'Red', 'White'] as const;
export type TrafficLight = (typeof TRAFFIC_LIGHTS)[number];

export const LOW_MEDIUM_HIGH = ['Low', 'Medium', 'High'] as const;
export type LowMediumHigh = (typeof LOW_MEDIUM_HIGH)[number];

/** Risk levels by score (probability × consequence): Low 1–4, Medium 5–9, High 10–16, Critical 20–25. */
export const PROJECT_RISK_LEVELS = ['Low', 'Medium', 'High', 'Critical'] as const;
export type ProjectRiskLevel = (typeof PROJECT_RISK_LEVELS)[number];

export const BENEFIT_TYPES = ['Economic', 'Qualitative', 'QualityOfService'] as const;
export type BenefitType = (typeof BENEFIT_TYPES)[number];

export const BENEFIT_ATTENTION_REASONS = ['Overdue', 'BelowPlan'] as const;
export type BenefitAttentionReason = (typeof BENEFIT_ATTENTION_REASONS)[number];

export const PART_NAME_MAX = 200;
export const PART_TEXT_MAX = 4000;
/** Upper bound of each part list on one project (one document holds the project and its parts). */
export const PROJECT_PART_MAX = 500;
/** Largest amount in øre (10^15 øre = 10 000 000 000 000 kr.), within JavaScript's exact integers. */
export const MAX_ORE = 1_000_000_000_000_000;
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2200;

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const PHASES = ['Phase1', 'Phase2', 'Phase3', 'Phase4', 'Phase5'] as const;

// ---------------------------------------------------------------- milestones and tasks

export class ProjectMilestoneWrite {
  @ApiProperty({ maxLength: PART_NAME_MAX, example: 'Kontrakt underskrevet' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(PART_NAME_MAX)
  name!: string;

  @ApiPropertyOptional({ type: String, format: 'date', nullable: true, example: '2025-09-01' })
  @IsOptional()
  @Matches(DAY, { message: 'date must be a date YYYY-MM-DD' })
  @IsDateString({ strict: true })
  date?: string | null;

  @ApiPropertyOptional({ enum: WORK_ITEM_STATUSES, default: 'NotStarted' })
  @IsOptional()
  @IsIn(WORK_ITEM_STATUSES)
  status?: WorkItemStatus;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String, description: 'A member of the organisation' })
  @IsOptional()
  @IsNonEmptyUuid()
  responsibleUserUuid?: string | null;

  @ApiPropertyOptional({ enum: PHASES, nullable: true, description: 'The phase the milestone belongs to' })
  @IsOptional()
  @IsIn(PHASES)
  phase?: (typeof PHASES)[number] | null;

  @ApiPropertyOptional({ maxLength: PART_TEXT_MAX, nullable: true, type: String })
  @IsOptional()
  @IsString()
  @MaxLength(PART_TEXT_MAX)
  description?: string | null;
}
export class ProjectMilestonePatch extends PartialType(ProjectMilestoneWrite) {}

export class ProjectTaskWrite {
  @ApiProperty({ maxLength: PART_NAME_MAX, example: 'Udarbejd kravspecifikation' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(PART_NAME_MAX)
  name!: string;

  @ApiPropertyOptional({ type: String, format: 'date', nullable: true, example: '2025-05-15' })
  @IsOptional()
  @Matches(DAY, { message: 'dueDate must be a date YYYY-MM-DD' })
  @IsDateString({ strict: true })
  dueDate?: string | null;

  @ApiPropertyOptional({ enum: WORK_ITEM_STATUSES, default: 'NotStarted' })
  @IsOptional()
  @IsIn(WORK_ITEM_STATUSES)
  status?: WorkItemStatus;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String, description: 'A member of the organisation' })
  @IsOptional()
  @IsNonEmptyUuid()
  responsibleUserUuid?: string | null;

  @ApiPropertyOptional({ enum: PHASES, nullable: true })
  @IsOptional()
  @IsIn(PHASES)
  phase?: (typeof PHASES)[number] | null;

  @ApiPropertyOptional({ maxLength: PART_TEXT_MAX, nullable: true, type: String })
  @IsOptional()
  @IsString()
  @MaxLength(PART_TEXT_MAX)
  description?: string | null;
}
export class ProjectTaskPatch extends PartialType(ProjectTaskWrite) {}

class WorkItemResponse {
  @ApiProperty({ format: 'uuid' })
  uuid!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty({ enum: WORK_ITEM_STATUSES })
  status!: WorkItemStatus;

  @ApiProperty({ type: IdentityNamePair, nullable: true })
  responsibleUser!: IdentityNamePair | null;

  @ApiProperty({ enum: PHASES, nullable: true })
  phase!: (typeof PHASES)[number] | null;

  @ApiProperty({ nullable: true, type: String })
  description!: string | null;
}

export class ProjectMilestoneResponse extends WorkItemResponse {
  @ApiProperty({ type: String, format: 'date', nullable: true })
  date!: string | null;
}

export class ProjectTaskResponse extends WorkItemResponse {
  @ApiProperty({ type: String, format: 'date', nullable: true })
  dueDate!: string | null;
}

// ---------------------------------------------------------------- status reports

export class TrafficLightWrite {
  @ApiProperty({ enum: TRAFFIC_LIGHTS, example: 'Yellow' })
  @IsIn(TRAFFIC_LIGHTS)
  status!: TrafficLight;

  @ApiPropertyOptional({ maxLength: PART_TEXT_MAX, nullable: true, type: String, example: 'Leverandøren er 3 uger forsinket' })
  @IsOptional()
  @IsString()
  @MaxLength(PART_TEXT_MAX)
  comment?: string | null;
}

export class ProjectStatusReportWrite {
  @ApiProperty({ type: String, format: 'date', description: 'The day the status applies to', example: '2025-03-31' })
  @Matches(DAY, { message: 'date must be a date YYYY-MM-DD' })
  @IsDateString({ strict: true })
  date!: string;

  @ApiProperty({ type: TrafficLightWrite, description: 'Overall status' })
  @IsDefined()
  @ValidateNested()
  @Type(() => TrafficLightWrite)
  overall!: TrafficLightWrite;

  @ApiProperty({ type: TrafficLightWrite })
  @IsDefined()
  @ValidateNested()
  @Type(() => TrafficLightWrite)
  time!: TrafficLightWrite;

  @ApiProperty({ type: TrafficLightWrite })
  @IsDefined()
  @ValidateNested()
  @Type(() => TrafficLightWrite)
  cost!: TrafficLightWrite;

  @ApiProperty({ type: TrafficLightWrite })
  @IsDefined()
  @ValidateNested()
  @Type(() => TrafficLightWrite)
  quality!: TrafficLightWrite;

  @ApiProperty({ type: TrafficLightWrite })
  @IsDefined()
  @ValidateNested()
  @Type(() => TrafficLightWrite)
  resources!: TrafficLightWrite;

  @ApiPropertyOptional({ maxLength: PART_TEXT_MAX, nullable: true, type: String, description: 'Overall comment' })
  @IsOptional()
  @IsString()
  @MaxLength(PART_TEXT_MAX)
  comment?: string | null;
}

export class TrafficLightResponse {
  @ApiProperty({ enum: TRAFFIC_LIGHTS })
  status!: TrafficLight;

  @ApiProperty({ nullable: true, type: String })
  comment!: string | null;
}

export class ProjectStatusReportResponse {
  @ApiProperty({ format: 'uuid' })
  uuid!: string;

  @ApiProperty({ type: String, format: 'date' })
  date!: string;

  @ApiProperty({ type: TrafficLightResponse })
  overall!: TrafficLightResponse;

  @ApiProperty({ type: TrafficLightResponse })
  time!: TrafficLightResponse;

  @ApiProperty({ type: TrafficLightResponse })
  cost!: TrafficLightResponse;

  @ApiProperty({ type: TrafficLightResponse })
  quality!: TrafficLightResponse;

  @ApiProperty({ type: TrafficLightResponse })
  resources!: TrafficLightResponse;

  @ApiProperty({ nullable: true, type: String })
  comment!: string | null;

  @ApiProperty({ format: 'date-time', description: 'When the report was recorded' })
  created!: string;

  @ApiProperty({ type: IdentityNamePair, nullable: true, description: 'Who recorded it' })
  createdBy!: IdentityNamePair | null;
}

// ---------------------------------------------------------------- economy

export class OreSplitWrite {
  @ApiProperty({ description: 'Internal, integer øre ≥ 0', example: 25000000 })
  @IsInt()
  @Min(0)
  @Max(MAX_ORE)
  internal!: number;

  @ApiProperty({ description: 'External, integer øre ≥ 0', example: 120000000 })
  @IsInt()
  @Min(0)
  @Max(MAX_ORE)
  external!: number;
}

export class EconomyAmountsWrite {
  @ApiProperty({ type: OreSplitWrite, description: 'Acquisition [Anskaffelse]' })
  @IsDefined()
  @ValidateNested()
  @Type(() => OreSplitWrite)
  acquisition!: OreSplitWrite;

  @ApiProperty({ type: OreSplitWrite, description: 'Operation [Drift]' })
  @IsDefined()
  @ValidateNested()
  @Type(() => OreSplitWrite)
  operation!: OreSplitWrite;
}

export class ProjectEconomyYearWrite {
  @ApiProperty({ type: 'integer', minimum: MIN_YEAR, maximum: MAX_YEAR, description: 'One row per year (a second → 409)', example: 2025 })
  @IsInt()
  @Min(MIN_YEAR)
  @Max(MAX_YEAR)
  year!: number;

  @ApiProperty({ type: EconomyAmountsWrite })
  @IsDefined()
  @ValidateNested()
  @Type(() => EconomyAmountsWrite)
  budget!: EconomyAmountsWrite;

  @ApiProperty({ type: EconomyAmountsWrite })
  @IsDefined()
  @ValidateNested()
  @Type(() => EconomyAmountsWrite)
  actual!: EconomyAmountsWrite;
}
export class ProjectEconomyYearPatch extends PartialType(ProjectEconomyYearWrite) {}

export class OreSplitResponse {
  @ApiProperty({ description: 'øre' })
  internal!: number;

  @ApiProperty({ description: 'øre' })
  external!: number;

  @ApiProperty({ type: 'integer', description: 'internal + external, øre' })
  total!: number;
}

export class EconomyAmountsResponse {
  @ApiProperty({ type: OreSplitResponse })
  acquisition!: OreSplitResponse;

  @ApiProperty({ type: OreSplitResponse })
  operation!: OreSplitResponse;

  @ApiProperty({ type: OreSplitResponse, description: 'acquisition + operation' })
  total!: OreSplitResponse;
}

export class ProjectEconomyYearResponse {
  @ApiProperty({ type: 'integer', example: 2025 })
  year!: number;

  @ApiProperty({ type: EconomyAmountsResponse })
  budget!: EconomyAmountsResponse;

  @ApiProperty({ type: EconomyAmountsResponse })
  actual!: EconomyAmountsResponse;
}

export class ProjectEconomyResponse {
  @ApiProperty({ type: [ProjectEconomyYearResponse], description: 'By year, ascending' })
  years!: ProjectEconomyYearResponse[];

  @ApiProperty({ type: EconomyAmountsResponse, description: 'Sum of every year' })
  budgetTotal!: EconomyAmountsResponse;

  @ApiProperty({ type: EconomyAmountsResponse, description: 'Sum of every year' })
  actualTotal!: EconomyAmountsResponse;
}

// ---------------------------------------------------------------- risks

export class ProjectRiskWrite {
  @ApiProperty({ maxLength: PART_TEXT_MAX, example: 'Leverandøren kan ikke levere integrationen til tiden' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(PART_TEXT_MAX)
  description!: string;

  @ApiProperty({ minimum: 1, maximum: 5, description: 'Probability 1 (rare) – 5 (almost certain)', example: 3 })
  @IsInt()
  @Min(1)
  @Max(5)
  probability!: number;

  @ApiProperty({ minimum: 1, maximum: 5, description: 'Consequence 1 (negligible) – 5 (severe)', example: 4 })
  @IsInt()
  @Min(1)
  @Max(5)
  consequence!: number;

  @ApiPropertyOptional({ maxLength: PART_TEXT_MAX, nullable: true, type: String, example: 'Ugentlige statusmøder med leverandøren' })
  @IsOptional()
  @IsString()
  @MaxLength(PART_TEXT_MAX)
  mitigation?: string | null;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String, description: 'Risk owner: a member of the organisation' })
  @IsOptional()
  @IsNonEmptyUuid()
  ownerUserUuid?: string | null;
}
export class ProjectRiskPatch extends PartialType(ProjectRiskWrite) {}

export class ProjectRiskResponse {
  @ApiProperty({ format: 'uuid' })
  uuid!: string;

  @ApiProperty()
  description!: string;

  @ApiProperty({ minimum: 1, maximum: 5 })
  probability!: number;

  @ApiProperty({ minimum: 1, maximum: 5 })
  consequence!: number;

  @ApiProperty({ minimum: 1, maximum: 25, description: 'probability × consequence' })
  score!: number;

  @ApiProperty({ enum: PROJECT_RISK_LEVELS, description: 'Low 1–4, Medium 5–9, High 10–16, Critical 20–25' })
  level!: ProjectRiskLevel;

  @ApiProperty({ nullable: true, type: String })
  mitigation!: string | null;

  @ApiProperty({ type: IdentityNamePair, nullable: true })
  owner!: IdentityNamePair | null;
}

// ---------------------------------------------------------------- stakeholders and communication plan

export class StakeholderCommunicationWrite {
  @ApiPropertyOptional({
    maxLength: PART_TEXT_MAX,
    nullable: true,
    type: String,
    description: 'What is communicated',
    example: 'Status og tidsplan',
  })
  @IsOptional()
  @IsString()
  @MaxLength(PART_TEXT_MAX)
  what?: string | null;

  @ApiPropertyOptional({ maxLength: PART_NAME_MAX, nullable: true, type: String, description: 'When / how often', example: 'Månedligt' })
  @IsOptional()
  @IsString()
  @MaxLength(PART_NAME_MAX)
  when?: string | null;

  @ApiPropertyOptional({ maxLength: PART_NAME_MAX, nullable: true, type: String, description: 'Medium', example: 'Nyhedsbrev' })
  @IsOptional()
  @IsString()
  @MaxLength(PART_NAME_MAX)
  medium?: string | null;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String, description: 'Responsible: a member of the organisation' })
  @IsOptional()
  @IsNonEmptyUuid()
  responsibleUserUuid?: string | null;
}

export class ProjectStakeholderWrite {
  @ApiProperty({ maxLength: PART_NAME_MAX, description: 'The stakeholder (person or group)', example: 'Borgerservice' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(PART_NAME_MAX)
  name!: string;

  @ApiPropertyOptional({
    maxLength: PART_NAME_MAX,
    nullable: true,
    type: String,
    description: 'Role in the project',
    example: 'Slutbruger',
  })
  @IsOptional()
  @IsString()
  @MaxLength(PART_NAME_MAX)
  role?: string | null;

  @ApiPropertyOptional({ enum: LOW_MEDIUM_HIGH, nullable: true, description: 'Interest in the project' })
  @IsOptional()
  @IsIn(LOW_MEDIUM_HIGH)
  interest?: LowMediumHigh | null;

  @ApiPropertyOptional({ enum: LOW_MEDIUM_HIGH, nullable: true, description: 'Influence on the project' })
  @IsOptional()
  @IsIn(LOW_MEDIUM_HIGH)
  influence?: LowMediumHigh | null;

  @ApiPropertyOptional({ type: StakeholderCommunicationWrite, nullable: true, description: 'Communication plan entry' })
  @IsOptional()
  @ValidateNested()
  @Type(() => StakeholderCommunicationWrite)
  communication?: StakeholderCommunicationWrite | null;
}
export class ProjectStakeholderPatch extends PartialType(ProjectStakeholderWrite) {}

export class StakeholderCommunicationResponse {
  @ApiProperty({ nullable: true, type: String })
  what!: string | null;

  @ApiProperty({ nullable: true, type: String })
  when!: string | null;

  @ApiProperty({ nullable: true, type: String })
  medium!: string | null;

  @ApiProperty({ type: IdentityNamePair, nullable: true })
  responsibleUser!: IdentityNamePair | null;
}

export class ProjectStakeholderResponse {
  @ApiProperty({ format: 'uuid' })
  uuid!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty({ nullable: true, type: String })
  role!: string | null;

  @ApiProperty({ enum: LOW_MEDIUM_HIGH, nullable: true })
  interest!: LowMediumHigh | null;

  @ApiProperty({ enum: LOW_MEDIUM_HIGH, nullable: true })
  influence!: LowMediumHigh | null;

  @ApiProperty({ type: StakeholderCommunicationResponse })
  communication!: StakeholderCommunicationResponse;
}

// ---------------------------------------------------------------- benefits realisation

export class BenefitYearValueWrite {
  @ApiProperty({ type: 'integer', minimum: MIN_YEAR, maximum: MAX_YEAR, example: 2026 })
  @IsInt()
  @Min(MIN_YEAR)
  @Max(MAX_YEAR)
  year!: number;

  @ApiProperty({ description: 'Planned value of the measure in that year (øre for economic benefits)', example: 50000000 })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(-MAX_ORE)
  @Max(MAX_ORE)
  planned!: number;

  @ApiPropertyOptional({
    nullable: true,
    type: Number,
    description: 'Realised (measured) value; null while not measured',
    example: 42000000,
  })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(-MAX_ORE)
  @Max(MAX_ORE)
  realised?: number | null;
}

export class ProjectBenefitWrite {
  @ApiProperty({ maxLength: PART_TEXT_MAX, example: 'Færre manuelle journaliseringer' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(PART_TEXT_MAX)
  description!: string;

  @ApiProperty({ enum: BENEFIT_TYPES, description: 'Economic values are integer øre' })
  @IsIn(BENEFIT_TYPES)
  type!: BenefitType;

  @ApiPropertyOptional({
    format: 'uuid',
    nullable: true,
    type: String,
    description: 'Benefit owner [Gevinstejer]: a member of the organisation',
  })
  @IsOptional()
  @IsNonEmptyUuid()
  ownerUserUuid?: string | null;

  @ApiPropertyOptional({
    maxLength: PART_NAME_MAX,
    nullable: true,
    type: String,
    description: 'How it is measured (unit)',
    example: 'Sparet lønkroner pr. år (øre)',
  })
  @IsOptional()
  @IsString()
  @MaxLength(PART_NAME_MAX)
  measure?: string | null;

  @ApiPropertyOptional({ description: 'Value of the measure before the project (may be 0 or negative)', default: 0, example: 0 })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(-MAX_ORE)
  @Max(MAX_ORE)
  baseline?: number;

  @ApiPropertyOptional({ nullable: true, type: Number, description: 'Value to reach by targetDate', example: 100000000 })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(-MAX_ORE)
  @Max(MAX_ORE)
  targetValue?: number | null;

  @ApiPropertyOptional({ type: String, format: 'date', nullable: true, example: '2027-12-31' })
  @IsOptional()
  @Matches(DAY, { message: 'targetDate must be a date YYYY-MM-DD' })
  @IsDateString({ strict: true })
  targetDate?: string | null;

  @ApiPropertyOptional({ type: [BenefitYearValueWrite], description: 'Planned and realised values per year; one row per year' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_YEAR - MIN_YEAR + 1)
  @ValidateNested({ each: true })
  @Type(() => BenefitYearValueWrite)
  values?: BenefitYearValueWrite[] | null;
}
export class ProjectBenefitPatch extends PartialType(ProjectBenefitWrite) {}

export class BenefitYearValueResponse {
  @ApiProperty({ type: 'integer' })
  year!: number;

  @ApiProperty()
  planned!: number;

  @ApiProperty({ nullable: true, type: Number })
  realised!: number | null;
}

export class BenefitRealisationResponse {
  @ApiProperty({ type: 'integer', description: 'The year "to date" is judged by (the current Danish calendar year)', example: 2025 })
  asOfYear!: number;

  @ApiProperty({ description: 'Σ (planned − baseline) over the measured years up to asOfYear' })
  plannedGainToDate!: number;

  @ApiProperty({ description: 'Σ (realised − baseline) over the same years' })
  realisedGainToDate!: number;

  @ApiProperty({
    nullable: true,
    type: Number,
    description: 'realisedGainToDate / plannedGainToDate (1 = on plan); null when nothing is measured or no gain was planned',
    example: 0.84,
  })
  planRate!: number | null;

  @ApiProperty({ nullable: true, type: Number, description: 'Latest realised value (latest measured year up to asOfYear)' })
  latestRealised!: number | null;

  @ApiProperty({
    nullable: true,
    type: Number,
    description: '(latestRealised − baseline) / (targetValue − baseline); null without a target, a measurement, or when target = baseline',
    example: 0.42,
  })
  targetRate!: number | null;

  @ApiProperty({ description: 'targetRate ≥ 1' })
  targetReached!: boolean;

  @ApiProperty({ description: 'targetDate has passed (Danish calendar day) and the target is not reached' })
  overdue!: boolean;

  @ApiProperty({ description: 'planRate < 1' })
  belowPlan!: boolean;
}

export class ProjectBenefitResponse {
  @ApiProperty({ format: 'uuid' })
  uuid!: string;

  @ApiProperty()
  description!: string;

  @ApiProperty({ enum: BENEFIT_TYPES })
  type!: BenefitType;

  @ApiProperty({ type: IdentityNamePair, nullable: true })
  owner!: IdentityNamePair | null;

  @ApiProperty({ nullable: true, type: String })
  measure!: string | null;

  @ApiProperty()
  baseline!: number;

  @ApiProperty({ nullable: true, type: Number })
  targetValue!: number | null;

  @ApiProperty({ type: String, format: 'date', nullable: true })
  targetDate!: string | null;

  @ApiProperty({ type: [BenefitYearValueResponse], description: 'By year, ascending' })
  values!: BenefitYearValueResponse[];

  @ApiProperty({ type: BenefitRealisationResponse })
  realisation!: BenefitRealisationResponse;
}

export class ProjectBenefitsSummaryResponse {
  @ApiProperty({ description: 'Σ planned gain to date of the economic benefits, øre' })
  economicPlannedGainToDate!: number;

  @ApiProperty({ description: 'Σ realised gain to date of the economic benefits, øre' })
  economicRealisedGainToDate!: number;

  @ApiProperty({
    nullable: true,
    type: Number,
    description: 'economicRealisedGainToDate / economicPlannedGainToDate: the economic benefits weighted by their planned value',
  })
  economicPlanRate!: number | null;

  @ApiProperty({
    nullable: true,
    type: Number,
    description: 'Σ (latestRealised − baseline) / Σ (targetValue − baseline) of the economic benefits with a target',
  })
  economicTargetRate!: number | null;

  @ApiProperty({ description: 'Benefits (of any type) that are overdue or below plan' })
  benefitsNeedingAttention!: number;
}

export class BenefitAttentionResponse {
  @ApiProperty({ type: IdentityNamePair })
  project!: IdentityNamePair;

  @ApiProperty({ type: ProjectBenefitResponse })
  benefit!: ProjectBenefitResponse;

  @ApiProperty({ enum: BENEFIT_ATTENTION_REASONS, isArray: true })
  reasons!: BenefitAttentionReason[];
}

/** `rpc.projects.it-project.part.*`: one part of a project; `partId` is a uuid, or the year of an economy row. */
export interface ProjectPartRpc {
  uuid: string;
  kind: ProjectPartKind;
  partId?: string;
  expectedVersion?: number;
  body?: unknown;
}

export interface BenefitAttentionRpc {
  organizationUuid: string;
}
