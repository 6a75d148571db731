import type { BenefitType, LowMediumHigh, ProjectPartKind, ProjectPhase, TrafficLight, WorkItemStatus } from '@kitos/contracts';

export interface ProjectRole {
  roleUuid: string;
  /** The role's name when it was last assigned. */
  roleName: string;
  userUuid: string;
}

export interface ProjectReference {
  uuid: string;
  title: string;
  documentId: string | null;
  url: string | null;
  masterReference: boolean;
}

export interface PhaseDates {
  phase: ProjectPhase;
  startDate: string | null;
  endDate: string | null;
}

export interface Milestone {
  uuid: string;
  name: string;
  date: string | null;
  status: WorkItemStatus;
  responsibleUserUuid: string | null;
  phase: ProjectPhase | null;
  description: string | null;
}

export interface Task {
  uuid: string;
  name: string;
  dueDate: string | null;
  status: WorkItemStatus;
  responsibleUserUuid: string | null;
  phase: ProjectPhase | null;
  description: string | null;
}

export interface TrafficLightState {
  status: TrafficLight;
  comment: string | null;
}

export interface StatusReport {
  uuid: string;
  date: string;
  overall: TrafficLightState;
  time: TrafficLightState;
  cost: TrafficLightState;
  quality: TrafficLightState;
  resources: TrafficLightState;
  comment: string | null;
  createdAt: string;
  createdByUserUuid: string | null;
}

export interface OreSplit {
  internal: number;
  external: number;
}

export interface EconomyAmounts {
  acquisition: OreSplit;
  operation: OreSplit;
}

export interface EconomyYear {
  year: number;
  budget: EconomyAmounts;
  actual: EconomyAmounts;
}

export interface Risk {
  uuid: string;
  description: string;
  probability: number;
  consequence: number;
  mitigation: string | null;
  ownerUserUuid: string | null;
}

export interface Stakeholder {
  uuid: string;
  name: string;
  role: string | null;
  interest: LowMediumHigh | null;
  influence: LowMediumHigh | null;
  communication: { what: string | null; when: string | null; medium: string | null; responsibleUserUuid: string | null };
}

export interface BenefitValue {
  year: number;
  planned: number;
  realised: number | null;
}

export interface Benefit {
  uuid: string;
  description: string;
  type: BenefitType;
  ownerUserUuid: string | null;
  measure: string | null;
  baseline: number;
  targetValue: number | null;
  targetDate: string | null;
  values: BenefitValue[];
}

/** The parts of a project, by the state field that holds them. */
export interface ProjectParts {
  milestones: Milestone[];
  tasks: Task[];
  statusReports: StatusReport[];
  economyYears: EconomyYear[];
  risks: Risk[];
  stakeholders: Stakeholder[];
  benefits: Benefit[];
}

export const PART_FIELDS: Readonly<Record<ProjectPartKind, keyof ProjectParts>> = {
  milestones: 'milestones',
  tasks: 'tasks',
  'status-reports': 'statusReports',
  'economy-years': 'economyYears',
  risks: 'risks',
  stakeholders: 'stakeholders',
  benefits: 'benefits',
};

/**
 * An IT project with everything that belongs to it: one aggregate, one document. Its parts (milestones, tasks,
 * status reports, economy, risks, stakeholders, benefits) have no life outside the project, are few, and are
 * changed under the project's version (one ETag), so every rule is checked inside the one document.
 */
export interface ItProject extends ProjectParts, Record<string, unknown> {
  organizationUuid: string;
  name: string;
  /** `<organizationUuid>:<lower-case name>` while live, unique: names are unique per organisation. */
  nameKey: string;
  /** Lower-case name for searching. */
  nameLower: string;
  projectId: string | null;
  projectTypeUuid: string | null;
  /** The type's name when it was last assigned. */
  projectTypeName: string | null;
  description: string | null;
  notes: string | null;
  responsibleUnitUuid: string | null;
  /** The unit's name when it was last assigned. */
  responsibleUnitName: string | null;
  parentProjectUuid: string | null;
  archived: boolean;
  currentPhase: ProjectPhase | null;
  phaseDates: PhaseDates[];
  roles: ProjectRole[];
  systemUsageUuids: string[];
  contractUuids: string[];
  externalReferences: ProjectReference[];
  createdAt: Date;
  createdByUserUuid: string | null;
  lastModified: Date;
  lastModifiedByUserUuid: string | null;
}

export function nameKeyOf(organizationUuid: string, name: string): string {
  return `${organizationUuid}:${name.toLocaleLowerCase('da')}`;
}

/** The sections a PUT or PATCH writes, each replaced as a whole. */
export const PROJECT_SECTIONS = [
  'name',
  'general',
  'parentProjectUuid',
  'phases',
  'roles',
  'systemUsageUuids',
  'contractUuids',
  'externalReferences',
  'archived',
] as const;
export type ProjectSection = (typeof PROJECT_SECTIONS)[number];

/** Identifier of a part inside its list: uuid, or the year of an economy row. */
export function partIdOf(part: object): string {
  return 'uuid' in part ? String((part as { uuid: string }).uuid) : String((part as { year: number }).year);
}

/** The project as API field paths → values, parts as `<kind>[<id>]`: what field-level changes in events are made of. */
export function projectFields(p: ItProject): Record<string, unknown> {
  const fields: Record<string, unknown> = {
    name: p.name,
    'general.projectId': p.projectId,
    'general.projectTypeUuid': p.projectTypeUuid,
    'general.description': p.description,
    'general.notes': p.notes,
    'general.responsibleOrganizationUnitUuid': p.responsibleUnitUuid,
    parentProjectUuid: p.parentProjectUuid,
    'phases.currentPhase': p.currentPhase,
    'phases.dates': p.phaseDates,
    roles: p.roles.map((r) => ({ roleUuid: r.roleUuid, userUuid: r.userUuid })),
    systemUsageUuids: p.systemUsageUuids,
    contractUuids: p.contractUuids,
    externalReferences: p.externalReferences,
    archived: p.archived,
  };
  for (const [kind, field] of Object.entries(PART_FIELDS)) {
    for (const part of p[field] as object[]) fields[`${kind}[${partIdOf(part)}]`] = part;
  }
  return fields;
}
