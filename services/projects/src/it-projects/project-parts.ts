import type { FieldError } from '@kitos/common';
import {
  ProjectBenefitPatch,
  ProjectBenefitWrite,
  ProjectEconomyYearPatch,
  ProjectEconomyYearWrite,
  ProjectMilestonePatch,
  ProjectMilestoneWrite,
  ProjectRiskPatch,
  ProjectRiskWrite,
  ProjectStakeholderPatch,
  ProjectStakeholderWrite,
  ProjectStatusReportWrite,
  ProjectTaskPatch,
  ProjectTaskWrite,
  type ProjectPartKind,
} from '@kitos/contracts';
import type { ClassConstructor } from 'class-transformer';
import type { FieldRef } from '../shared/ports';
import type { Benefit, EconomyYear, Milestone, ProjectParts, Risk, Stakeholder, StatusReport, Task } from './it-project';
import { PART_FIELDS } from './it-project';
import { benefitErrors } from './it-project.rules';

export interface PartContext {
  /** A new uuid for a new part. */
  readonly newUuid: () => string;
  readonly now: Date;
  readonly userUuid: string | null;
}

/** How one kind of part is written: its request classes, how a request becomes the stored part, and its rules. */
export interface PartSpec<TPart extends object = object, TWrite extends object = object> {
  readonly field: keyof ProjectParts;
  readonly write: ClassConstructor<TWrite>;
  /** The PATCH body as documented; null: the part cannot be changed or removed once recorded (status reports). */
  readonly patch: ClassConstructor<object> | null;
  /** Economy rows are identified by their year (one row per year); the others by uuid. */
  readonly byYear: boolean;
  toWrite(part: TPart): TWrite;
  build(write: TWrite, existing: TPart | null, context: PartContext): TPart;
  /** Users the part refers to, which must be members of the organisation. */
  users(part: TPart): FieldRef[];
  errors(part: TPart): FieldError[];
}

const ref = (field: string, uuid: string | null): FieldRef[] => (uuid ? [{ field, uuid }] : []);

const milestones: PartSpec<Milestone, ProjectMilestoneWrite> = {
  field: PART_FIELDS.milestones,
  write: ProjectMilestoneWrite,
  patch: ProjectMilestonePatch,
  byYear: false,
  toWrite: ({ uuid: _u, ...rest }) => rest,
  build: (w, existing, c) => ({
    uuid: existing?.uuid ?? c.newUuid(),
    name: w.name,
    date: w.date ?? null,
    status: w.status ?? 'NotStarted',
    responsibleUserUuid: w.responsibleUserUuid ?? null,
    phase: w.phase ?? null,
    description: w.description ?? null,
  }),
  users: (m) => ref('responsibleUserUuid', m.responsibleUserUuid),
  errors: () => [],
};

const tasks: PartSpec<Task, ProjectTaskWrite> = {
  field: PART_FIELDS.tasks,
  write: ProjectTaskWrite,
  patch: ProjectTaskPatch,
  byYear: false,
  toWrite: ({ uuid: _u, ...rest }) => rest,
  build: (w, existing, c) => ({
    uuid: existing?.uuid ?? c.newUuid(),
    name: w.name,
    dueDate: w.dueDate ?? null,
    status: w.status ?? 'NotStarted',
    responsibleUserUuid: w.responsibleUserUuid ?? null,
    phase: w.phase ?? null,
    description: w.description ?? null,
  }),
  users: (t) => ref('responsibleUserUuid', t.responsibleUserUuid),
  errors: () => [],
};

const light = (l: { status: StatusReport['overall']['status']; comment?: string | null }) => ({
  status: l.status,
  comment: l.comment ?? null,
});

const statusReports: PartSpec<StatusReport, ProjectStatusReportWrite> = {
  field: PART_FIELDS['status-reports'],
  write: ProjectStatusReportWrite,
  patch: null,
  byYear: false,
  toWrite: (s) => s as unknown as ProjectStatusReportWrite,
  build: (w, _existing, c) => ({
    uuid: c.newUuid(),
    date: w.date,
    overall: light(w.overall),
    time: light(w.time),
    cost: light(w.cost),
    quality: light(w.quality),
    resources: light(w.resources),
    comment: w.comment ?? null,
    createdAt: c.now.toISOString(),
    createdByUserUuid: c.userUuid,
  }),
  users: () => [],
  errors: () => [],
};

const split = (s: { internal: number; external: number }) => ({ internal: s.internal, external: s.external });
const amounts = (a: EconomyYear['budget']) => ({ acquisition: split(a.acquisition), operation: split(a.operation) });

const economyYears: PartSpec<EconomyYear, ProjectEconomyYearWrite> = {
  field: PART_FIELDS['economy-years'],
  write: ProjectEconomyYearWrite,
  patch: ProjectEconomyYearPatch,
  byYear: true,
  toWrite: (y) => structuredClone(y),
  build: (w) => ({ year: w.year, budget: amounts(w.budget), actual: amounts(w.actual) }),
  users: () => [],
  errors: () => [],
};

const risks: PartSpec<Risk, ProjectRiskWrite> = {
  field: PART_FIELDS.risks,
  write: ProjectRiskWrite,
  patch: ProjectRiskPatch,
  byYear: false,
  toWrite: ({ uuid: _u, ...rest }) => rest,
  build: (w, existing, c) => ({
    uuid: existing?.uuid ?? c.newUuid(),
    description: w.description,
    probability: w.probability,
    consequence: w.consequence,
    mitigation: w.mitigation ?? null,
    ownerUserUuid: w.ownerUserUuid ?? null,
  }),
  users: (r) => ref('ownerUserUuid', r.ownerUserUuid),
  errors: () => [],
};

const stakeholders: PartSpec<Stakeholder, ProjectStakeholderWrite> = {
  field: PART_FIELDS.stakeholders,
  write: ProjectStakeholderWrite,
  patch: ProjectStakeholderPatch,
  byYear: false,
  toWrite: ({ uuid: _u, ...rest }) => structuredClone(rest),
  build: (w, existing, c) => ({
    uuid: existing?.uuid ?? c.newUuid(),
    name: w.name,
    role: w.role ?? null,
    interest: w.interest ?? null,
    influence: w.influence ?? null,
    communication: {
      what: w.communication?.what ?? null,
      when: w.communication?.when ?? null,
      medium: w.communication?.medium ?? null,
      responsibleUserUuid: w.communication?.responsibleUserUuid ?? null,
    },
  }),
  users: (s) => ref('communication.responsibleUserUuid', s.communication.responsibleUserUuid),
  errors: () => [],
};

const benefits: PartSpec<Benefit, ProjectBenefitWrite> = {
  field: PART_FIELDS.benefits,
  write: ProjectBenefitWrite,
  patch: ProjectBenefitPatch,
  byYear: false,
  toWrite: ({ uuid: _u, ...rest }) => structuredClone(rest),
  build: (w, existing, c) => ({
    uuid: existing?.uuid ?? c.newUuid(),
    description: w.description,
    type: w.type,
    ownerUserUuid: w.ownerUserUuid ?? null,
    measure: w.measure ?? null,
    baseline: w.baseline ?? 0,
    targetValue: w.targetValue ?? null,
    targetDate: w.targetDate ?? null,
    values: (w.values ?? []).map((v) => ({ year: v.year, planned: v.planned, realised: v.realised ?? null })),
  }),
  users: (b) => ref('ownerUserUuid', b.ownerUserUuid),
  errors: (b) => benefitErrors(b),
};

export const PART_SPECS: Readonly<Record<ProjectPartKind, PartSpec>> = {
  milestones,
  tasks,
  'status-reports': statusReports,
  'economy-years': economyYears,
  risks,
  stakeholders,
  benefits,
} as unknown as Record<ProjectPartKind, PartSpec>;
