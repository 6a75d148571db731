import { Inject, Injectable } from '@nestjs/common';
import {
  CLOCK,
  createOnce,
  DomainError,
  ErrorCode,
  ID_GENERATOR,
  memberOrganizations,
  requireUser,
  systemCaller,
  type CallerContext,
  type Clock,
  type FieldError,
  type IdGenerator,
  externalReferenceErrors,
  roleAssignmentErrors,
  collectErrors,
} from '@kitos/common';
import {
  MAX_PAGE_SIZE,
  Rpc,
  type BenefitAttentionReason,
  type BenefitAttentionResponse,
  type CreateItProjectRequest,
  type ItProjectResponse,
  type ListItProjectsQuery,
  type OptionRef,
  type Page,
  type ProjectBenefitResponse,
  type UpdateItProjectRequest,
  type HandedOverObject,
  type RoleHandoverCommand,
} from '@kitos/contracts';
import { handOverRoles } from '@kitos/platform';
import { OrganizationDirectory } from '../directory/organization-directory';
import { LinkedObjects } from '../links/linked-objects';
import { NatsRpcClient } from '@kitos/messaging';
import type { FieldRef } from '../shared/ports';
import { PROJECT_SECTIONS, nameKeyOf, type ItProject, type ProjectSection } from './it-project';
import { ItProjectPolicy } from './it-project.policy';
import { duplicateErrors, phaseDateErrors, wouldCycle } from './it-project.rules';
import { ItProjectStore } from './it-project.store';
import { ItProjectView } from './it-project.view';
import { ItProjectsRepository } from './it-projects.repository';

const PROJECT_TYPES = 'it-project-types';

type Sections = Partial<UpdateItProjectRequest>;

/** IT projects: their registration, roles, links, phases and references; each change an event. Parts: ProjectPartsService. */
@Injectable()
export class ItProjectsService {
  constructor(
    private readonly repository: ItProjectsRepository,
    private readonly store: ItProjectStore,
    private readonly view: ItProjectView,
    private readonly directory: OrganizationDirectory,
    private readonly linked: LinkedObjects,
    private readonly bus: NatsRpcClient,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ID_GENERATOR) private readonly ids: IdGenerator,
  ) {}

  async create(caller: CallerContext, request: CreateItProjectRequest): Promise<ItProjectResponse> {
    ItProjectPolicy.assertCanCreate(caller, request.organizationUuid);
    if (!(await this.directory.organization(request.organizationUuid)))
      throw DomainError.badInput('Unknown organisation', [
        { field: 'organizationUuid', message: 'organizationUuid must be a known organisation' },
      ]);
    const uuid = this.store.newUuid(caller);
    const earlier = await this.store.earlierCreation(caller, uuid);
    if (earlier) return this.get(caller, uuid);
    const empty = emptyProject(request.organizationUuid, request.name, this.clock.now(), caller.userUuid);
    // a retry that overtook the first run of this very create finds the name taken by that run's project: its answer
    return createOnce(
      caller,
      async () => {
        await this.refuseTakenName(empty, null);
        const sections = await this.resolveSections(empty, null, allSections(request));
        const created = await this.store.insert(caller, { ...empty, ...sections }, uuid);
        return (await this.view.responses([created]))[0];
      },
      async () => ((await this.store.earlierCreation(caller, uuid)) ? this.get(caller, uuid) : null),
    );
  }

  async get(caller: CallerContext, uuid: string): Promise<ItProjectResponse> {
    return (await this.view.responses([await this.store.loadForRead(caller, uuid)]))[0];
  }

  /** Only projects of the caller's organisations (all for global administrators), silently. */
  async list(caller: CallerContext, query: ListItProjectsQuery): Promise<Page<ItProjectResponse>> {
    requireUser(caller);
    const page = query.page ?? 0;
    const pageSize = query.pageSize ?? MAX_PAGE_SIZE;
    const projects = await this.repository.list(
      {
        visibleOrganizationUuids: caller.isGlobalAdmin ? undefined : memberOrganizations(caller),
        organizationUuid: query.organizationUuid,
        nameContent: query.nameContent,
        parentProjectUuid: query.parentProjectUuid,
        responsibleUnitUuid: query.responsibleOrganizationUnitUuid,
        systemUsageUuid: query.systemUsageUuid,
        contractUuid: query.contractUuid,
        currentPhase: query.currentPhase,
        archived: query.archived,
        changedSinceGtEq: query.changedSinceGtEq ? new Date(query.changedSinceGtEq) : undefined,
      },
      query.changedSinceGtEq ? 'LastChanged' : (query.orderByProperty ?? 'CreationOrder'),
      page,
      pageSize,
    );
    return { items: await this.view.responses(projects), page, pageSize };
  }

  /**
   * PUT replaces every section (absent ones are reset); PATCH only the sections sent, each as a whole. An archived
   * project accepts only un-archiving, alone.
   */
  async update(
    caller: CallerContext,
    uuid: string,
    changes: Sections,
    mode: 'put' | 'patch',
    expectedVersion?: number,
  ): Promise<ItProjectResponse> {
    const current = await this.store.loadForChange(caller, uuid, expectedVersion, { allowArchived: true });
    const sections = mode === 'put' ? allSections(changes) : changes;
    if (sections.name !== undefined && sections.name !== current.name)
      await this.refuseTakenName({ ...current, name: sections.name }, uuid);
    const next: ItProject = { ...current, ...(await this.resolveSections(current, uuid, sections)) };
    if (current.archived) {
      const { archived: _a, ...rest } = next;
      const { archived: _b, ...before } = current;
      if (next.archived || JSON.stringify(rest) !== JSON.stringify(before))
        throw DomainError.conflict('The IT project is archived and read-only; the only change accepted is archived: false, alone');
    }
    const saved = await this.store.save(caller, current, next, expectedVersion);
    return (await this.view.responses([saved]))[0];
  }

  /**
   * One step of a leaver's handover over the organisation's projects, each change through `update` (rules, events,
   * access). Archived projects are read-only and keep their roles.
   */
  async handOverRoles(caller: CallerContext, command: RoleHandoverCommand): Promise<HandedOverObject[]> {
    const projects = (await this.repository.ofOrganization(command.organizationUuid)).filter((p) => !p.archived);
    return handOverRoles(
      'ItProject',
      projects,
      command,
      async (project, roles) => {
        await this.update(caller, project.uuid, { roles }, 'patch');
      },
      (project) => project.name,
    );
  }

  /** A programme with projects cannot be deleted (409): move or delete its projects first. */
  async delete(caller: CallerContext, uuid: string, expectedVersion?: number): Promise<void> {
    const current = await this.store.loadForChange(caller, uuid, expectedVersion, { deleting: true });
    const children = await this.repository.children(uuid);
    if (children.length)
      throw DomainError.conflict('The project is a programme with projects; move or delete them first', {
        childProjectUuids: children.map((c) => c.uuid),
      });
    await this.store.delete(caller, current, expectedVersion);
  }

  /** A deleted usage or contract disappears from every project that linked it (from the owner's event). */
  async dropLink(field: 'systemUsageUuids' | 'contractUuids', linkedUuid: string, correlationId: string): Promise<void> {
    const caller = systemCaller(correlationId);
    for (const uuid of await this.repository.linking(field, linkedUuid)) {
      for (let attempt = 0; attempt < 5; attempt++) {
        const current = await this.repository.findByUuid(uuid);
        if (!current || !current[field].includes(linkedUuid)) break;
        try {
          await this.store.save(caller, current, { ...current, [field]: current[field].filter((u) => u !== linkedUuid) }, undefined);
          break;
        } catch (error) {
          if (!(error instanceof DomainError && error.code === ErrorCode.Conflict)) throw error;
        }
      }
    }
  }

  /**
   * The benefits of an organisation's active (not archived) projects that need attention: overdue (the target date
   * has passed without the target reached) or below plan. Members only; to anybody else the organisation is unknown.
   */
  async benefitsAttention(caller: CallerContext, organizationUuid: string): Promise<BenefitAttentionResponse[]> {
    ItProjectPolicy.assertCanReadOrganization(caller, organizationUuid);
    const projects = await this.repository.all({ organizationUuid, archived: false });
    const responses = await this.view.responses(projects);
    const result: BenefitAttentionResponse[] = [];
    for (const project of responses) {
      for (const benefit of project.benefits as ProjectBenefitResponse[]) {
        const reasons: BenefitAttentionReason[] = [];
        if (benefit.realisation.overdue) reasons.push('Overdue');
        if (benefit.realisation.belowPlan) reasons.push('BelowPlan');
        if (reasons.length) result.push({ project: { uuid: project.uuid, name: project.name }, benefit, reasons });
      }
    }
    return result;
  }

  private async refuseTakenName(state: Pick<ItProject, 'organizationUuid' | 'name'>, ownUuid: string | null): Promise<void> {
    const existing = await this.repository.findByName(state.organizationUuid, state.name);
    if (existing && existing.uuid !== ownUuid) throw await this.store.nameTaken(state);
  }

  /**
   * The state of each section sent (a missing or null section is reset), checked against the rules and the data of
   * other services. References already on the project are not checked again. Every problem is reported in one 400.
   */
  private async resolveSections(current: ItProject, uuid: string | null, sections: Sections): Promise<Partial<ItProject>> {
    const organizationUuid = current.organizationUuid;
    const result: Partial<ItProject> = {};
    const errors: FieldError[] = [];
    const checks: Array<() => Promise<unknown>> = [];

    if (sections.name !== undefined && sections.name !== null) {
      result.name = sections.name;
      result.nameLower = sections.name.toLocaleLowerCase('da');
      result.nameKey = nameKeyOf(organizationUuid, sections.name);
    }

    if ('general' in sections) {
      const g = sections.general ?? {};
      const typeUuid = g.projectTypeUuid ?? null;
      const unitUuid = g.responsibleOrganizationUnitUuid ?? null;
      Object.assign(result, {
        projectId: g.projectId ?? null,
        projectTypeUuid: typeUuid,
        projectTypeName: typeUuid === current.projectTypeUuid ? current.projectTypeName : null,
        description: g.description ?? null,
        notes: g.notes ?? null,
        responsibleUnitUuid: unitUuid,
        responsibleUnitName: unitUuid === current.responsibleUnitUuid ? current.responsibleUnitName : null,
      } satisfies Partial<ItProject>);
      if (typeUuid !== null && typeUuid !== current.projectTypeUuid)
        checks.push(async () => {
          const [type] = await this.bus.systemRequest<OptionRef[]>(Rpc.catalog.options.requireAvailable, {
            kind: PROJECT_TYPES,
            organizationUuid,
            refs: [{ field: 'general.projectTypeUuid', uuid: typeUuid }],
          });
          result.projectTypeName = type.name;
        });
      if (unitUuid !== null && unitUuid !== current.responsibleUnitUuid)
        checks.push(async () => {
          const [unit] = await this.directory.requireUnits(organizationUuid, [
            { field: 'general.responsibleOrganizationUnitUuid', uuid: unitUuid },
          ]);
          result.responsibleUnitName = unit.name;
        });
    }

    if ('parentProjectUuid' in sections) {
      const parentUuid = sections.parentProjectUuid ?? null;
      result.parentProjectUuid = parentUuid;
      if (parentUuid !== null && parentUuid !== current.parentProjectUuid)
        checks.push(() => this.checkParent(organizationUuid, uuid, parentUuid));
    }

    if ('phases' in sections) {
      const dates = sections.phases?.dates ?? [];
      errors.push(...phaseDateErrors(dates));
      result.currentPhase = sections.phases?.currentPhase ?? null;
      result.phaseDates = dates.map((d) => ({ phase: d.phase, startDate: d.startDate ?? null, endDate: d.endDate ?? null }));
    }

    if ('roles' in sections) {
      const assignments = sections.roles ?? [];
      errors.push(...roleAssignmentErrors(assignments));
      const known = new Set(current.roles.map((r) => `${r.roleUuid}:${r.userUuid}`));
      const roleNames = new Map(current.roles.map((r) => [r.roleUuid, r.roleName]));
      const fresh = assignments.map((a, i) => ({ ...a, i })).filter((a) => !known.has(`${a.roleUuid}:${a.userUuid}`));
      const build = () =>
        (result.roles = assignments.map((a) => ({
          roleUuid: a.roleUuid,
          roleName: roleNames.get(a.roleUuid) ?? '',
          userUuid: a.userUuid,
        })));
      build();
      if (fresh.length) {
        checks.push(async () => {
          const roles = await this.directory.requireRoleTypes(
            fresh.map((a) => ({ field: `roles[${a.i}].roleUuid`, uuid: a.roleUuid })),
            organizationUuid,
          );
          for (const role of roles) roleNames.set(role.uuid, role.name);
          build();
        });
        checks.push(() =>
          this.directory.requireMembers(
            organizationUuid,
            fresh.map((a) => ({ field: `roles[${a.i}].userUuid`, uuid: a.userUuid })),
          ),
        );
      }
    }

    for (const [field, kind] of [
      ['systemUsageUuids', 'usage'],
      ['contractUuids', 'contract'],
    ] as const) {
      if (!(field in sections)) continue;
      const uuids = sections[field] ?? [];
      errors.push(...duplicateErrors(field, uuids, kind === 'usage' ? 'System usage' : 'Contract'));
      result[field] = [...new Set(uuids)];
      const fresh: FieldRef[] = uuids.map((u, i) => ({ field: `${field}[${i}]`, uuid: u })).filter((r) => !current[field].includes(r.uuid));
      if (fresh.length) checks.push(() => this.linked.require(kind, organizationUuid, fresh));
    }

    if ('externalReferences' in sections) {
      const references = sections.externalReferences ?? [];
      errors.push(...externalReferenceErrors(references, new Set(current.externalReferences.map((r) => r.uuid)), 'project'));
      result.externalReferences = references.map((r) => ({
        uuid: r.uuid ?? this.ids.uuid(),
        title: r.title,
        documentId: r.documentId ?? null,
        url: r.url ?? null,
        masterReference: r.masterReference ?? false,
      }));
    }

    if ('archived' in sections) result.archived = sections.archived ?? false;

    errors.push(...(await collectErrors(checks)));
    if (errors.length) throw DomainError.badInput('The IT project is invalid', errors);
    return result;
  }

  /** The parent must be a live project of the same organisation, and not the project itself or one of its descendants. */
  private async checkParent(organizationUuid: string, uuid: string | null, parentUuid: string): Promise<void> {
    const parent = await this.repository.findByUuid(parentUuid);
    if (!parent || parent.organizationUuid !== organizationUuid)
      throw DomainError.badInput('Unknown parent project', [
        { field: 'parentProjectUuid', message: 'parentProjectUuid must be an IT project of the same organisation' },
      ]);
    if (
      uuid !== null &&
      (await wouldCycle(uuid, parentUuid, async (u) => (await this.repository.findByUuid(u))?.parentProjectUuid ?? null))
    )
      throw DomainError.badInput('The parent would make a cycle', [
        {
          field: 'parentProjectUuid',
          message: 'A project cannot be its own ancestor (the parent is the project or one of its descendants)',
        },
      ]);
  }
}

function emptyProject(organizationUuid: string, name: string, now: Date, userUuid: string | null): ItProject {
  return {
    organizationUuid,
    name,
    nameKey: nameKeyOf(organizationUuid, name),
    nameLower: name.toLocaleLowerCase('da'),
    projectId: null,
    projectTypeUuid: null,
    projectTypeName: null,
    description: null,
    notes: null,
    responsibleUnitUuid: null,
    responsibleUnitName: null,
    parentProjectUuid: null,
    archived: false,
    currentPhase: null,
    phaseDates: [],
    roles: [],
    systemUsageUuids: [],
    contractUuids: [],
    externalReferences: [],
    milestones: [],
    tasks: [],
    statusReports: [],
    economyYears: [],
    risks: [],
    stakeholders: [],
    benefits: [],
    createdAt: now,
    createdByUserUuid: userUuid,
    lastModified: now,
    lastModifiedByUserUuid: userUuid,
  };
}

/** Every section, absent ones reset: the meaning of POST and PUT (the name is always sent). */
function allSections(request: Sections): Sections {
  const defaults: Sections = { archived: false };
  return Object.fromEntries(
    PROJECT_SECTIONS.map((s: ProjectSection) => [s, request[s] ?? (s in defaults ? defaults[s as keyof Sections] : null)]),
  ) as Sections;
}
