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
  Matches,
  MaxLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { IdentityNamePair, IsNonEmptyUuid, PageQuery, ToBoolean, Trim } from '../common.dto';
import {
  ExternalReferenceResponse,
  UsageExternalReferenceWrite,
  UsageRoleAssignment,
  UsageRoleAssignmentResponse,
} from '../catalog/it-system-usage.dto';
import {
  ProjectBenefitResponse,
  ProjectEconomyResponse,
  ProjectMilestoneResponse,
  ProjectRiskResponse,
  ProjectStakeholderResponse,
  ProjectStatusReportResponse,
  ProjectTaskResponse,
  ProjectBenefitsSummaryResponse,
} from './it-project-parts.dto';

export const PROJECT_NAME_MAX = 200;
export const PROJECT_ID_MAX = 100;
export const PROJECT_TEXT_MAX = 20000;
/** Upper bound of list sections (roles, links, references) in one request. */
export const PROJECT_LIST_MAX = 500;

/** The five phases of a project [Faser]; their names are the organisation's (`project-phase-names`). */
export const PROJECT_PHASES = ['Phase1', 'Phase2', 'Phase3', 'Phase4', 'Phase5'] as const;
export type ProjectPhase = (typeof PROJECT_PHASES)[number];

/** The names the five phases have until an organisation renames them. */
export const DEFAULT_PHASE_NAMES: Readonly<Record<ProjectPhase, string>> = {
  Phase1: 'Foranalyse',
  Phase2: 'Analyse',
  Phase3: 'Gennemførelse',
  Phase4: 'Implementering',
  Phase5: 'Afslutning',
};

export const PROJECT_ORDER = ['CreationOrder', 'Name', 'LastChanged'] as const;
export type ItProjectOrder = (typeof PROJECT_ORDER)[number];

/** Project data is private to its organisation: the marker on every event, for consumers that build shared reports. */
export const PROJECT_VISIBILITY = 'Organization' as const;

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export class ProjectGeneralWrite {
  @ApiPropertyOptional({
    maxLength: PROJECT_ID_MAX,
    nullable: true,
    type: String,
    description: 'Project id [Projekt ID]',
    example: 'P-2025-07',
  })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(PROJECT_ID_MAX)
  projectId?: string | null;

  @ApiPropertyOptional({
    format: 'uuid',
    nullable: true,
    type: String,
    description: 'Project type: a value of it-project-types available in the organisation',
  })
  @IsOptional()
  @IsNonEmptyUuid()
  projectTypeUuid?: string | null;

  @ApiPropertyOptional({ maxLength: PROJECT_TEXT_MAX, nullable: true, type: String, example: 'Udskiftning af ESDH-systemet' })
  @IsOptional()
  @IsString()
  @MaxLength(PROJECT_TEXT_MAX)
  description?: string | null;

  @ApiPropertyOptional({ maxLength: PROJECT_TEXT_MAX, nullable: true, type: String })
  @IsOptional()
  @IsString()
  @MaxLength(PROJECT_TEXT_MAX)
  notes?: string | null;

  @ApiPropertyOptional({
    format: 'uuid',
    nullable: true,
    type: String,
    description: 'Responsible unit of the organisation [Ansvarlig enhed]',
  })
  @IsOptional()
  @IsNonEmptyUuid()
  responsibleOrganizationUnitUuid?: string | null;
}

export class ProjectPhaseDatesWrite {
  @ApiProperty({ enum: PROJECT_PHASES, example: 'Phase2' })
  @IsIn(PROJECT_PHASES)
  phase!: ProjectPhase;

  @ApiPropertyOptional({ type: String, format: 'date', nullable: true, example: '2025-02-01' })
  @IsOptional()
  @Matches(DAY, { message: 'startDate must be a date YYYY-MM-DD' })
  @IsDateString({ strict: true })
  startDate?: string | null;

  @ApiPropertyOptional({ type: String, format: 'date', nullable: true, description: 'Not before startDate', example: '2025-06-30' })
  @IsOptional()
  @Matches(DAY, { message: 'endDate must be a date YYYY-MM-DD' })
  @IsDateString({ strict: true })
  endDate?: string | null;
}

export class ProjectPhasesWrite {
  @ApiPropertyOptional({ enum: PROJECT_PHASES, nullable: true, description: 'The phase the project is in now', example: 'Phase2' })
  @IsOptional()
  @IsIn(PROJECT_PHASES)
  currentPhase?: ProjectPhase | null;

  @ApiPropertyOptional({
    type: [ProjectPhaseDatesWrite],
    description: 'Dates per phase; each phase at most once; phases left out have no dates',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(PROJECT_PHASES.length * 2)
  @ValidateNested({ each: true })
  @Type(() => ProjectPhaseDatesWrite)
  dates?: ProjectPhaseDatesWrite[] | null;
}

/**
 * The writable sections of a project besides its name. PUT replaces all of them (absent ones are reset); PATCH replaces
 * only the sections sent, each as a whole (null resets it). Milestones, tasks, status reports, economy, risks,
 * stakeholders and benefits are sub-resources with their own endpoints.
 */
export class ItProjectSectionsWrite {
  @ApiPropertyOptional({ type: ProjectGeneralWrite, nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => ProjectGeneralWrite)
  general?: ProjectGeneralWrite | null;

  @ApiPropertyOptional({
    format: 'uuid',
    nullable: true,
    type: String,
    description: 'Parent project (programme) of the same organisation; no cycles',
  })
  @IsOptional()
  @IsNonEmptyUuid()
  parentProjectUuid?: string | null;

  @ApiPropertyOptional({ type: ProjectPhasesWrite, nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => ProjectPhasesWrite)
  phases?: ProjectPhasesWrite | null;

  @ApiPropertyOptional({
    type: [UsageRoleAssignment],
    nullable: true,
    description: 'Per-project roles (role types for ItProject); no duplicate pairs',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(PROJECT_LIST_MAX)
  @ValidateNested({ each: true })
  @Type(() => UsageRoleAssignment)
  roles?: UsageRoleAssignment[] | null;

  @ApiPropertyOptional({ type: [String], format: 'uuid', nullable: true, description: 'IT system usages of the same organisation' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(PROJECT_LIST_MAX)
  @IsNonEmptyUuid({ each: true })
  systemUsageUuids?: string[] | null;

  @ApiPropertyOptional({ type: [String], format: 'uuid', nullable: true, description: 'IT contracts of the same organisation' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(PROJECT_LIST_MAX)
  @IsNonEmptyUuid({ each: true })
  contractUuids?: string[] | null;

  @ApiPropertyOptional({ type: [UsageExternalReferenceWrite], nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(PROJECT_LIST_MAX)
  @ValidateNested({ each: true })
  @Type(() => UsageExternalReferenceWrite)
  externalReferences?: UsageExternalReferenceWrite[] | null;

  @ApiPropertyOptional({
    description: 'Archived projects are read-only: the only change accepted is archived=false (un-archiving), alone',
    example: false,
  })
  @IsOptional()
  @IsBoolean()
  archived?: boolean;
}

const NAME_DOC = { maxLength: PROJECT_NAME_MAX, description: 'Unique in the organisation (409)', example: 'Nyt ESDH' };

export class UpdateItProjectRequest extends ItProjectSectionsWrite {
  @ApiPropertyOptional(NAME_DOC)
  @ValidateIf((_, v) => v !== undefined)
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(PROJECT_NAME_MAX)
  name?: string;
}

/** PUT needs the name (every section is replaced). */
export class ReplaceItProjectRequest extends ItProjectSectionsWrite {
  @ApiProperty(NAME_DOC)
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(PROJECT_NAME_MAX)
  name!: string;
}

export class CreateItProjectRequest extends ReplaceItProjectRequest {
  @ApiProperty({ format: 'uuid', description: 'The organisation that owns the project' })
  @IsNonEmptyUuid()
  organizationUuid!: string;
}

export class ListItProjectsQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid', description: 'Only projects of this organisation' })
  @IsOptional()
  @IsNonEmptyUuid()
  organizationUuid?: string;

  @ApiPropertyOptional({ description: 'Case-insensitive part of the name', maxLength: PROJECT_NAME_MAX })
  @IsOptional()
  @IsString()
  @MaxLength(PROJECT_NAME_MAX)
  nameContent?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only the children of this project (programme)' })
  @IsOptional()
  @IsNonEmptyUuid()
  parentProjectUuid?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only projects with this responsible unit' })
  @IsOptional()
  @IsNonEmptyUuid()
  responsibleOrganizationUnitUuid?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only projects linked to this system usage' })
  @IsOptional()
  @IsNonEmptyUuid()
  systemUsageUuid?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only projects linked to this contract' })
  @IsOptional()
  @IsNonEmptyUuid()
  contractUuid?: string;

  @ApiPropertyOptional({ enum: PROJECT_PHASES, description: 'Only projects in this phase' })
  @IsOptional()
  @IsIn(PROJECT_PHASES)
  currentPhase?: ProjectPhase;

  @ApiPropertyOptional({ type: Boolean, description: 'true: only archived, false: only active; absent: both' })
  @IsOptional()
  @ToBoolean()
  @IsBoolean()
  archived?: boolean;

  @ApiPropertyOptional({ format: 'date-time', description: 'Only projects changed at or after this time (UTC); orders by last change' })
  @IsOptional()
  @IsDateString({ strict: true })
  changedSinceGtEq?: string;

  @ApiPropertyOptional({ enum: PROJECT_ORDER, default: 'CreationOrder' })
  @IsOptional()
  @IsIn(PROJECT_ORDER)
  orderByProperty?: ItProjectOrder;
}

export class ProjectGeneralResponse {
  @ApiProperty({ nullable: true, type: String })
  projectId!: string | null;

  @ApiProperty({ type: IdentityNamePair, nullable: true })
  projectType!: IdentityNamePair | null;

  @ApiProperty({ nullable: true, type: String })
  description!: string | null;

  @ApiProperty({ nullable: true, type: String })
  notes!: string | null;

  @ApiProperty({ type: IdentityNamePair, nullable: true })
  responsibleOrganizationUnit!: IdentityNamePair | null;
}

export class ProjectPhaseResponse {
  @ApiProperty({ enum: PROJECT_PHASES })
  phase!: ProjectPhase;

  @ApiProperty({ description: "The organisation's name of the phase", example: 'Analyse' })
  name!: string;

  @ApiProperty({ type: String, format: 'date', nullable: true })
  startDate!: string | null;

  @ApiProperty({ type: String, format: 'date', nullable: true })
  endDate!: string | null;

  @ApiProperty({ description: 'The project is in this phase now' })
  current!: boolean;
}

export class ProjectPhasesResponse {
  @ApiProperty({ enum: PROJECT_PHASES, nullable: true })
  currentPhase!: ProjectPhase | null;

  @ApiProperty({ type: [ProjectPhaseResponse], description: 'Always the five phases, in order' })
  phases!: ProjectPhaseResponse[];
}

export class ItProjectResponse {
  @ApiProperty({ format: 'uuid' })
  uuid!: string;

  @ApiProperty({ example: 'Nyt ESDH' })
  name!: string;

  @ApiProperty({ type: IdentityNamePair, description: 'The owning organisation' })
  organizationContext!: IdentityNamePair;

  @ApiProperty({ type: ProjectGeneralResponse })
  general!: ProjectGeneralResponse;

  @ApiProperty({ type: IdentityNamePair, nullable: true, description: 'The programme (parent project) this project belongs to' })
  parentProject!: IdentityNamePair | null;

  @ApiProperty({ type: [IdentityNamePair], description: 'The projects of this programme' })
  childProjects!: IdentityNamePair[];

  @ApiProperty({ description: 'A programme is a project with child projects' })
  isProgramme!: boolean;

  @ApiProperty({ type: ProjectPhasesResponse })
  phases!: ProjectPhasesResponse;

  @ApiProperty({ type: [UsageRoleAssignmentResponse], description: 'Per-project roles' })
  roles!: UsageRoleAssignmentResponse[];

  @ApiProperty({ type: [IdentityNamePair], description: 'Linked system usages (name: the system name)' })
  systemUsages!: IdentityNamePair[];

  @ApiProperty({ type: [IdentityNamePair], description: 'Linked IT contracts' })
  contracts!: IdentityNamePair[];

  @ApiProperty({ type: [ExternalReferenceResponse] })
  externalReferences!: ExternalReferenceResponse[];

  @ApiProperty()
  archived!: boolean;

  @ApiProperty({ type: ProjectStatusReportResponse, nullable: true, description: 'The latest status report (by date, then by creation)' })
  latestStatusReport!: ProjectStatusReportResponse | null;

  @ApiProperty({ type: [ProjectMilestoneResponse] })
  milestones!: ProjectMilestoneResponse[];

  @ApiProperty({ type: [ProjectTaskResponse] })
  tasks!: ProjectTaskResponse[];

  @ApiProperty({ type: ProjectEconomyResponse })
  economy!: ProjectEconomyResponse;

  @ApiProperty({ type: [ProjectRiskResponse] })
  risks!: ProjectRiskResponse[];

  @ApiProperty({ type: [ProjectStakeholderResponse] })
  stakeholders!: ProjectStakeholderResponse[];

  @ApiProperty({ type: [ProjectBenefitResponse] })
  benefits!: ProjectBenefitResponse[];

  @ApiProperty({ type: ProjectBenefitsSummaryResponse })
  benefitsRealisation!: ProjectBenefitsSummaryResponse;

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

/** Internal RPC payloads (gateway → projects). */
export interface ItProjectRpc {
  uuid: string;
}
export interface UpdateItProjectRpc {
  uuid: string;
  expectedVersion?: number;
  changes: Partial<UpdateItProjectRequest>;
}
export interface DeleteItProjectRpc {
  uuid: string;
  expectedVersion?: number;
}
