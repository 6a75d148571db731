import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, DomainError, ID_GENERATOR, type CallerContext, type Clock, type IdGenerator } from '@kitos/common';
import {
  DEFAULT_PHASE_NAMES,
  PROJECT_VISIBILITY,
  ProjectEvents,
  type ProjectPhaseNamesResponse,
  type ProjectPhaseNamesWrite,
} from '@kitos/contracts';
import { DuplicateKeyError, StaleVersionError, buildEvent } from '@kitos/persistence';
import { OrganizationDirectory } from '../directory/organization-directory';
import { ItProjectPolicy } from '../it-projects/it-project.policy';
import { PhaseNamesRepository, type PhaseNames } from './phase-names.repository';

const KEYS = ['phase1', 'phase2', 'phase3', 'phase4', 'phase5'] as const;
const DEFAULTS = {
  phase1: DEFAULT_PHASE_NAMES.Phase1,
  phase2: DEFAULT_PHASE_NAMES.Phase2,
  phase3: DEFAULT_PHASE_NAMES.Phase3,
  phase4: DEFAULT_PHASE_NAMES.Phase4,
  phase5: DEFAULT_PHASE_NAMES.Phase5,
};

/** The organisation's own names of the five project phases (members read, global and local administrators rename). */
@Injectable()
export class PhaseNamesService {
  constructor(
    private readonly repository: PhaseNamesRepository,
    private readonly directory: OrganizationDirectory,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ID_GENERATOR) private readonly ids: IdGenerator,
  ) {}

  async get(caller: CallerContext, organizationUuid: string): Promise<ProjectPhaseNamesResponse> {
    ItProjectPolicy.assertCanReadOrganization(caller, organizationUuid);
    await this.requireOrganization(organizationUuid);
    const names = await this.repository.findByUuid(organizationUuid);
    return names ? toResponse(names, names.version) : { organizationUuid, ...DEFAULTS, version: 0 };
  }

  /** PUT: all five names (400 otherwise); PATCH: the names sent. If-Match "0" means "still the default names". */
  async write(
    caller: CallerContext,
    organizationUuid: string,
    names: ProjectPhaseNamesWrite,
    mode: 'put' | 'patch',
    expectedVersion?: number,
  ): Promise<ProjectPhaseNamesResponse> {
    ItProjectPolicy.assertCanAdministerOrganization(caller, organizationUuid);
    await this.requireOrganization(organizationUuid);
    if (mode === 'put') {
      const missing = KEYS.filter((k) => names[k] === undefined);
      if (missing.length)
        throw DomainError.badInput(
          'PUT names all five phases',
          missing.map((k) => ({ field: k, message: `${k} is required` })),
        );
    }
    const current = await this.repository.findByUuid(organizationUuid);
    const version = current?.version ?? 0;
    if (expectedVersion !== undefined && expectedVersion !== version)
      throw DomainError.preconditionFailed(`The phase names are no longer at version ${expectedVersion}; read them again`);
    const before = current ?? { organizationUuid, ...DEFAULTS, lastModified: this.clock.now() };
    const next: PhaseNames = { ...before, lastModified: this.clock.now() };
    for (const key of KEYS) if (names[key] !== undefined) next[key] = names[key] as string;
    const changes = KEYS.filter((k) => before[k] !== next[k]).map((k) => ({ field: k, oldValue: before[k], newValue: next[k] }));
    if (!changes.length) return toResponse(before, version);
    const event = buildEvent({ clock: this.clock, ids: this.ids }, ProjectEvents.phaseNamesUpdated, {
      aggregate: { type: 'project-phase-names', uuid: organizationUuid, version: version + 1 },
      organizationUuid,
      caller,
      data: {
        phaseNames: {
          organizationUuid,
          visibility: PROJECT_VISIBILITY,
          phase1: next.phase1,
          phase2: next.phase2,
          phase3: next.phase3,
          phase4: next.phase4,
          phase5: next.phase5,
        },
        changes,
      },
    });
    const { uuid: _u, version: _v, ...state } = next as PhaseNames & { uuid?: string; version?: number };
    try {
      if (current) await this.repository.update(organizationUuid, version, state, [event]);
      else await this.repository.insert(organizationUuid, state, [event]);
    } catch (error) {
      if (error instanceof StaleVersionError || error instanceof DuplicateKeyError)
        throw DomainError.conflict('The phase names were changed concurrently; read them again and retry');
      throw error;
    }
    return toResponse(next, version + 1);
  }

  private async requireOrganization(organizationUuid: string): Promise<void> {
    if (!(await this.directory.organization(organizationUuid))) throw DomainError.notFound('Organisation', organizationUuid);
  }
}

function toResponse(n: Pick<PhaseNames, 'organizationUuid' | (typeof KEYS)[number]>, version: number): ProjectPhaseNamesResponse {
  return {
    organizationUuid: n.organizationUuid,
    phase1: n.phase1,
    phase2: n.phase2,
    phase3: n.phase3,
    phase4: n.phase4,
    phase5: n.phase5,
    version,
  };
}
