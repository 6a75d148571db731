import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock, danishDayOf } from '@kitos/common';
import {
  DEFAULT_PHASE_NAMES,
  PROJECT_PHASES,
  PROJECT_VISIBILITY,
  type IdentityNamePair,
  type ItProjectResponse,
  type ItProjectSnapshot,
  type ProjectBenefitResponse,
  type ProjectEconomyResponse,
  type ProjectEconomyYearResponse,
  type ProjectMilestoneResponse,
  type ProjectPartKind,
  type ProjectPhase,
  type ProjectRiskResponse,
  type ProjectStakeholderResponse,
  type ProjectStatusReportResponse,
  type ProjectTaskResponse,
} from '@kitos/contracts';
import type { Stored } from '@kitos/persistence';
import { OrganizationDirectory } from '../directory/organization-directory';
import { LinkedObjects } from '../links/linked-objects';
import { PHASE_KEYS, PhaseNamesRepository } from '../phase-names/phase-names.repository';
import { benefitRealisation, projectRealisation } from './benefit-realisation';
import type { Benefit, EconomyYear, ItProject, Milestone, Risk, Stakeholder, StatusReport, Task } from './it-project';
import { sumAmounts, withTotals } from './it-project.rules';
import { ItProjectsRepository } from './it-projects.repository';
import { riskLevel, riskScore } from './risk-score';

type Names = Map<string, string>;
export type PartResponse =
  | ProjectMilestoneResponse
  | ProjectTaskResponse
  | ProjectStatusReportResponse
  | ProjectEconomyYearResponse
  | ProjectRiskResponse
  | ProjectStakeholderResponse
  | ProjectBenefitResponse;

/** The latest status report: the latest date, and of one date the one recorded last. */
export function latestStatusReport(reports: readonly StatusReport[]): StatusReport | null {
  let latest: StatusReport | null = null;
  for (const report of reports) if (!latest || report.date >= latest.date) latest = report;
  return latest;
}

/** Every user a project refers to (roles, parts, audit fields). */
function userUuidsOf(p: ItProject): string[] {
  return [
    ...p.roles.map((r) => r.userUuid),
    p.createdByUserUuid,
    p.lastModifiedByUserUuid,
    ...p.milestones.map((m) => m.responsibleUserUuid),
    ...p.tasks.map((t) => t.responsibleUserUuid),
    ...p.statusReports.map((s) => s.createdByUserUuid),
    ...p.risks.map((r) => r.ownerUserUuid),
    ...p.stakeholders.map((s) => s.communication.responsibleUserUuid),
    ...p.benefits.map((b) => b.ownerUserUuid),
  ].filter((x): x is string => !!x);
}

/** Projects as the API shows them (with every name looked up once per page) and as their events record them. */
@Injectable()
export class ItProjectView {
  constructor(
    private readonly projects: ItProjectsRepository,
    private readonly directory: OrganizationDirectory,
    private readonly linked: LinkedObjects,
    private readonly phaseNames: PhaseNamesRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  today(): string {
    return danishDayOf(this.clock.now());
  }

  async responses(projects: ReadonlyArray<Stored<ItProject>>): Promise<ItProjectResponse[]> {
    if (!projects.length) return [];
    const unique = <T>(values: T[]) => [...new Set(values)];
    const parentUuids = unique(projects.map((p) => p.parentProjectUuid).filter((x): x is string => !!x));
    const [organizationNames, userNames, linkNames, phaseNames, parents, children] = await Promise.all([
      this.directory.organizationNames(unique(projects.map((p) => p.organizationUuid))),
      this.directory.userNames(unique(projects.flatMap(userUuidsOf))),
      this.linked.names(unique(projects.flatMap((p) => [...p.systemUsageUuids, ...p.contractUuids]))),
      this.phaseNames.findMany(unique(projects.map((p) => p.organizationUuid))),
      Promise.all(parentUuids.map((uuid) => this.projects.findByUuid(uuid))),
      Promise.all(projects.map((p) => this.projects.children(p.uuid))),
    ]);
    const parentNames = new Map(parents.filter((p) => p !== null).map((p) => [p.uuid, p.name]));
    const today = this.today();
    const pair = (uuid: string, names: Names): IdentityNamePair => ({ uuid, name: names.get(uuid) ?? null });
    return projects.map((p, i) => {
      const names = phaseNames.get(p.organizationUuid);
      const phaseName = (phase: ProjectPhase) => names?.[PHASE_KEYS[phase]] ?? DEFAULT_PHASE_NAMES[phase];
      const latest = latestStatusReport(p.statusReports);
      return {
        uuid: p.uuid,
        name: p.name,
        organizationContext: pair(p.organizationUuid, organizationNames),
        general: {
          projectId: p.projectId,
          projectType: p.projectTypeUuid ? { uuid: p.projectTypeUuid, name: p.projectTypeName } : null,
          description: p.description,
          notes: p.notes,
          responsibleOrganizationUnit: p.responsibleUnitUuid ? { uuid: p.responsibleUnitUuid, name: p.responsibleUnitName } : null,
        },
        parentProject: p.parentProjectUuid ? pair(p.parentProjectUuid, parentNames) : null,
        childProjects: children[i],
        isProgramme: children[i].length > 0,
        phases: {
          currentPhase: p.currentPhase,
          phases: PROJECT_PHASES.map((phase) => {
            const dates = p.phaseDates.find((d) => d.phase === phase);
            return {
              phase,
              name: phaseName(phase),
              startDate: dates?.startDate ?? null,
              endDate: dates?.endDate ?? null,
              current: p.currentPhase === phase,
            };
          }),
        },
        roles: p.roles.map((r) => ({ role: { uuid: r.roleUuid, name: r.roleName || null }, user: pair(r.userUuid, userNames) })),
        systemUsages: p.systemUsageUuids.map((uuid) => pair(uuid, linkNames)),
        contracts: p.contractUuids.map((uuid) => pair(uuid, linkNames)),
        externalReferences: p.externalReferences.map((r) => ({ ...r })),
        archived: p.archived,
        latestStatusReport: latest ? this.statusReport(latest, userNames) : null,
        milestones: p.milestones.map((m) => this.milestone(m, userNames)),
        tasks: p.tasks.map((t) => this.task(t, userNames)),
        economy: this.economy(p.economyYears),
        risks: p.risks.map((r) => this.risk(r, userNames)),
        stakeholders: p.stakeholders.map((s) => this.stakeholder(s, userNames)),
        benefits: p.benefits.map((b) => this.benefit(b, userNames, today)),
        benefitsRealisation: projectRealisation(p.benefits, today),
        created: p.createdAt.toISOString(),
        createdBy: p.createdByUserUuid ? pair(p.createdByUserUuid, userNames) : null,
        lastModified: p.lastModified.toISOString(),
        lastModifiedBy: p.lastModifiedByUserUuid ? pair(p.lastModifiedByUserUuid, userNames) : null,
        version: p.version,
      };
    });
  }

  /** Parts of one kind as the API shows them. */
  async parts(kind: ProjectPartKind, parts: readonly object[]): Promise<PartResponse[]> {
    const userUuids = [
      ...new Set(
        parts
          .flatMap((p) => {
            const x = p as Partial<Milestone & Risk & StatusReport & Benefit> & { communication?: Stakeholder['communication'] };
            return [x.responsibleUserUuid, x.ownerUserUuid, x.createdByUserUuid, x.communication?.responsibleUserUuid];
          })
          .filter((x): x is string => !!x),
      ),
    ];
    const names = userUuids.length ? await this.directory.userNames(userUuids) : new Map<string, string>();
    const today = this.today();
    return parts.map((part) => {
      switch (kind) {
        case 'milestones':
          return this.milestone(part as Milestone, names);
        case 'tasks':
          return this.task(part as Task, names);
        case 'status-reports':
          return this.statusReport(part as StatusReport, names);
        case 'economy-years':
          return this.economyYear(part as EconomyYear);
        case 'risks':
          return this.risk(part as Risk, names);
        case 'stakeholders':
          return this.stakeholder(part as Stakeholder, names);
        case 'benefits':
          return this.benefit(part as Benefit, names, today);
      }
    });
  }

  /** The whole project for its events, marked as private to its organisation. */
  snapshot(uuid: string, p: ItProject): ItProjectSnapshot {
    const today = this.today();
    const latest = latestStatusReport(p.statusReports);
    return {
      uuid,
      organizationUuid: p.organizationUuid,
      visibility: PROJECT_VISIBILITY,
      name: p.name,
      projectId: p.projectId,
      projectTypeUuid: p.projectTypeUuid,
      description: p.description,
      responsibleOrganizationUnitUuid: p.responsibleUnitUuid,
      parentProjectUuid: p.parentProjectUuid,
      archived: p.archived,
      currentPhase: p.currentPhase,
      phases: p.phaseDates.map((d) => ({ ...d })),
      roles: p.roles.map((r) => ({ roleUuid: r.roleUuid, userUuid: r.userUuid })),
      systemUsageUuids: [...p.systemUsageUuids],
      contractUuids: [...p.contractUuids],
      externalReferences: p.externalReferences.map((r) => ({ ...r })),
      milestones: p.milestones.map((m) => ({ ...m })),
      tasks: p.tasks.map((t) => ({ ...t })),
      statusReports: p.statusReports.map((s) => ({ ...s })),
      latestStatusReport: latest ? { ...latest } : null,
      economyYears: p.economyYears.map((y) => structuredClone(y)),
      risks: p.risks.map((r) => ({
        ...r,
        score: riskScore(r.probability, r.consequence),
        level: riskLevel(riskScore(r.probability, r.consequence)),
      })),
      stakeholders: p.stakeholders.map((s) => structuredClone(s)),
      benefits: p.benefits.map((b) => ({ ...structuredClone(b), realisation: benefitRealisation(b, today) })),
      benefitsRealisation: projectRealisation(p.benefits, today),
      createdAt: p.createdAt.toISOString(),
      lastModified: p.lastModified.toISOString(),
    };
  }

  private userPair(uuid: string | null, names: Names): IdentityNamePair | null {
    return uuid ? { uuid, name: names.get(uuid) ?? null } : null;
  }

  private milestone(m: Milestone, names: Names): ProjectMilestoneResponse {
    const { responsibleUserUuid, ...rest } = m;
    return { ...rest, responsibleUser: this.userPair(responsibleUserUuid, names) };
  }

  private task(t: Task, names: Names): ProjectTaskResponse {
    const { responsibleUserUuid, ...rest } = t;
    return { ...rest, responsibleUser: this.userPair(responsibleUserUuid, names) };
  }

  private statusReport(s: StatusReport, names: Names): ProjectStatusReportResponse {
    return {
      uuid: s.uuid,
      date: s.date,
      overall: { ...s.overall },
      time: { ...s.time },
      cost: { ...s.cost },
      quality: { ...s.quality },
      resources: { ...s.resources },
      comment: s.comment,
      created: s.createdAt,
      createdBy: this.userPair(s.createdByUserUuid, names),
    };
  }

  private economyYear(y: EconomyYear): ProjectEconomyYearResponse {
    return { year: y.year, budget: withTotals(y.budget), actual: withTotals(y.actual) };
  }

  private economy(years: readonly EconomyYear[]): ProjectEconomyResponse {
    return {
      years: [...years].sort((a, b) => a.year - b.year).map((y) => this.economyYear(y)),
      budgetTotal: withTotals(sumAmounts(years, 'budget')),
      actualTotal: withTotals(sumAmounts(years, 'actual')),
    };
  }

  private risk(r: Risk, names: Names): ProjectRiskResponse {
    const score = riskScore(r.probability, r.consequence);
    return {
      uuid: r.uuid,
      description: r.description,
      probability: r.probability,
      consequence: r.consequence,
      score,
      level: riskLevel(score),
      mitigation: r.mitigation,
      owner: this.userPair(r.ownerUserUuid, names),
    };
  }

  private stakeholder(s: Stakeholder, names: Names): ProjectStakeholderResponse {
    return {
      uuid: s.uuid,
      name: s.name,
      role: s.role,
      interest: s.interest,
      influence: s.influence,
      communication: {
        what: s.communication.what,
        when: s.communication.when,
        medium: s.communication.medium,
        responsibleUser: this.userPair(s.communication.responsibleUserUuid, names),
      },
    };
  }

  private benefit(b: Benefit, names: Names, today: string): ProjectBenefitResponse {
    return {
      uuid: b.uuid,
      description: b.description,
      type: b.type,
      owner: this.userPair(b.ownerUserUuid, names),
      measure: b.measure,
      baseline: b.baseline,
      targetValue: b.targetValue,
      targetDate: b.targetDate,
      values: [...b.values].sort((x, y) => x.year - y.year).map((v) => ({ ...v })),
      realisation: benefitRealisation(b, today),
    };
  }
}
