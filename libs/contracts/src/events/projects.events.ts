import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsDateString,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  ValidateNested,
} from 'class-validator';
import type {
  BenefitRealisationResponse,
  BenefitType,
  LowMediumHigh,
  ProjectBenefitsSummaryResponse,
  ProjectRiskLevel,
  TrafficLight,
  WorkItemStatus,
} from '../rpc/projects/it-project-parts.dto';
import { PROJECT_PHASES, PROJECT_VISIBILITY, type ProjectPhase } from '../rpc/projects/it-project.dto';
import { FieldChange } from './field-change';
import { defineEvent } from './registry';

/**
 * Project data is private to its organisation (the municipalities' sharing rules): every project event carries
 * `visibility: 'Organization'`, and a consumer that builds cross-organisation reports must leave such events out.
 */
export type ProjectVisibility = typeof PROJECT_VISIBILITY;

export interface ProjectPhaseSnapshot {
  phase: ProjectPhase;
  startDate: string | null;
  endDate: string | null;
}
export interface ProjectWorkItemSnapshot {
  uuid: string;
  name: string;
  /** Milestones: `date`; tasks: `dueDate`. */
  date?: string | null;
  dueDate?: string | null;
  status: WorkItemStatus;
  responsibleUserUuid: string | null;
  phase: ProjectPhase | null;
  description: string | null;
}
export interface TrafficLightSnapshot {
  status: TrafficLight;
  comment: string | null;
}
export interface ProjectStatusReportSnapshot {
  uuid: string;
  date: string;
  overall: TrafficLightSnapshot;
  time: TrafficLightSnapshot;
  cost: TrafficLightSnapshot;
  quality: TrafficLightSnapshot;
  resources: TrafficLightSnapshot;
  comment: string | null;
  createdAt: string;
  createdByUserUuid: string | null;
}
export interface OreSplitSnapshot {
  internal: number;
  external: number;
}
export interface EconomyAmountsSnapshot {
  acquisition: OreSplitSnapshot;
  operation: OreSplitSnapshot;
}
export interface ProjectEconomyYearSnapshot {
  year: number;
  budget: EconomyAmountsSnapshot;
  actual: EconomyAmountsSnapshot;
}
export interface ProjectRiskSnapshot {
  uuid: string;
  description: string;
  probability: number;
  consequence: number;
  score: number;
  level: ProjectRiskLevel;
  mitigation: string | null;
  ownerUserUuid: string | null;
}
export interface ProjectStakeholderSnapshot {
  uuid: string;
  name: string;
  role: string | null;
  interest: LowMediumHigh | null;
  influence: LowMediumHigh | null;
  communication: { what: string | null; when: string | null; medium: string | null; responsibleUserUuid: string | null };
}
export interface ProjectBenefitSnapshot {
  uuid: string;
  description: string;
  type: BenefitType;
  ownerUserUuid: string | null;
  measure: string | null;
  baseline: number;
  targetValue: number | null;
  targetDate: string | null;
  values: Array<{ year: number; planned: number; realised: number | null }>;
  /** Computed on the day of the event (Europe/Copenhagen). */
  realisation: BenefitRealisationResponse;
}

/** The whole project as it is after the change: every section and every part (the aggregate is one document). */
export class ItProjectSnapshot {
  @IsUUID()
  uuid!: string;

  @IsUUID()
  organizationUuid!: string;

  @IsIn([PROJECT_VISIBILITY])
  visibility!: ProjectVisibility;

  @IsString()
  name!: string;

  @IsOptional()
  @IsString()
  projectId!: string | null;

  @IsOptional()
  @IsUUID()
  projectTypeUuid!: string | null;

  @IsOptional()
  @IsString()
  description!: string | null;

  @IsOptional()
  @IsUUID()
  responsibleOrganizationUnitUuid!: string | null;

  @IsOptional()
  @IsUUID()
  parentProjectUuid!: string | null;

  @IsBoolean()
  archived!: boolean;

  @IsOptional()
  @IsIn(PROJECT_PHASES)
  currentPhase!: ProjectPhase | null;

  @IsArray()
  phases!: ProjectPhaseSnapshot[];

  @IsArray()
  roles!: Array<{ roleUuid: string; userUuid: string }>;

  @IsArray()
  @IsUUID('all', { each: true })
  systemUsageUuids!: string[];

  @IsArray()
  @IsUUID('all', { each: true })
  contractUuids!: string[];

  @IsArray()
  externalReferences!: Array<{ uuid: string; title: string; documentId: string | null; url: string | null; masterReference: boolean }>;

  @IsArray()
  milestones!: ProjectWorkItemSnapshot[];

  @IsArray()
  tasks!: ProjectWorkItemSnapshot[];

  /** Every status report, oldest first (the history is never overwritten). */
  @IsArray()
  statusReports!: ProjectStatusReportSnapshot[];

  @IsOptional()
  @IsObject()
  latestStatusReport!: ProjectStatusReportSnapshot | null;

  /** By year; amounts in integer øre. */
  @IsArray()
  economyYears!: ProjectEconomyYearSnapshot[];

  @IsArray()
  risks!: ProjectRiskSnapshot[];

  @IsArray()
  stakeholders!: ProjectStakeholderSnapshot[];

  @IsArray()
  benefits!: ProjectBenefitSnapshot[];

  @IsObject()
  benefitsRealisation!: ProjectBenefitsSummaryResponse;

  @IsDateString({ strict: true })
  createdAt!: string;

  @IsDateString({ strict: true })
  lastModified!: string;
}

export class ItProjectCreatedV1 {
  @ValidateNested()
  @Type(() => ItProjectSnapshot)
  project!: ItProjectSnapshot;
}

export class ItProjectUpdatedV1 {
  @ValidateNested()
  @Type(() => ItProjectSnapshot)
  project!: ItProjectSnapshot;

  /** Sections by API field path (`general.projectId`, `phases.currentPhase`); parts by `<kind>[<uuid or year>]`, whole part as value, null when added/removed. */
  @ArrayMaxSize(2000)
  @ValidateNested({ each: true })
  @Type(() => FieldChange)
  changes!: FieldChange[];
}

export class ItProjectDeletedV1 {
  @IsUUID()
  uuid!: string;

  @IsUUID()
  organizationUuid!: string;

  @IsIn([PROJECT_VISIBILITY])
  visibility!: ProjectVisibility;

  @IsString()
  name!: string;

  @IsDateString({ strict: true })
  deletedAt!: string;
}

export class ProjectPhaseNamesSnapshot {
  @IsUUID()
  organizationUuid!: string;

  @IsIn([PROJECT_VISIBILITY])
  visibility!: ProjectVisibility;

  @IsString()
  phase1!: string;

  @IsString()
  phase2!: string;

  @IsString()
  phase3!: string;

  @IsString()
  phase4!: string;

  @IsString()
  phase5!: string;
}

export class ProjectPhaseNamesUpdatedV1 {
  @ValidateNested()
  @Type(() => ProjectPhaseNamesSnapshot)
  phaseNames!: ProjectPhaseNamesSnapshot;

  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => FieldChange)
  changes!: FieldChange[];
}

export const ProjectEvents = {
  itProjectCreated: defineEvent('projects.it-project.created', 1, ItProjectCreatedV1),
  itProjectUpdated: defineEvent('projects.it-project.updated', 1, ItProjectUpdatedV1),
  itProjectDeleted: defineEvent('projects.it-project.deleted', 1, ItProjectDeletedV1),
  phaseNamesUpdated: defineEvent('projects.project-phase-names.updated', 1, ProjectPhaseNamesUpdatedV1),
} as const;
