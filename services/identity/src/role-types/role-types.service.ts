import { Inject, Injectable } from '@nestjs/common';
import {
  CLOCK,
  DomainError,
  ID_GENERATOR,
  createOnce,
  newAggregateUuid,
  hasRole,
  isMember,
  requireUser,
  type CallerContext,
  type Clock,
  type IdGenerator,
} from '@kitos/common';
import {
  IdentityEvents,
  type AvailableRoleOptionTypeResponse,
  type CreateRoleTypeRequest,
  type LocalRoleTypeResponse,
  type PatchRoleTypeRequest,
  type RoleObjectType,
  type RoleOptionTypeResponse,
  type RoleTypeResponse,
} from '@kitos/contracts';
import { DuplicateKeyError, StaleVersionError, buildEvent, type Stored, type PendingEvent } from '@kitos/persistence';
import { OrganizationsService } from '../organizations/organizations.service';
import type { CatalogueRole } from './role-catalogue';
import { RoleTypesRepository, type RoleType } from './role-types.repository';

/** Retries of a local switch that met a concurrent change of the same role (every organisation writes the one document). */
const LOCAL_SWITCH_ATTEMPTS = 5;

/**
 * Per-object roles (KITOS role options: "Systemejer", "Kontraktansvarlig", …): global administrators define them
 * with read and write access; the modules whose objects carry roles keep copies through the events.
 */
@Injectable()
export class RoleTypesService {
  constructor(
    private readonly repository: RoleTypesRepository,
    private readonly organizations: OrganizationsService,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ID_GENERATOR) private readonly ids: IdGenerator,
  ) {}

  async list(caller: CallerContext, objectType?: RoleObjectType): Promise<RoleTypeResponse[]> {
    requireUser(caller);
    return (await this.repository.list(objectType)).map(toResponse);
  }

  async create(caller: CallerContext, request: CreateRoleTypeRequest): Promise<RoleTypeResponse> {
    if (!caller.isGlobalAdmin) throw DomainError.forbidden('Only global administrators define roles');
    const uuid = newAggregateUuid(this.ids, caller, 'role-type');
    // a retry of a create whose answer was lost (Idempotency-Key): the role the first run defined, as it is now
    const earlier = caller.idempotencyKey ? await this.repository.findByUuid(uuid) : null;
    if (earlier) return toResponse(earlier);
    const state: RoleType = {
      objectType: request.objectType,
      name: request.name,
      nameKey: request.name.toLocaleLowerCase('da'),
      description: request.description ?? null,
      descriptionEn: request.descriptionEn ?? null,
      practiceRuleIds: request.practiceRuleIds ?? [],
      builtIn: false,
      disabledInOrganizationUuids: [],
      hasReadAccess: request.hasReadAccess ?? true,
      hasWriteAccess: request.hasWriteAccess ?? false,
      isEnabled: true,
      lastModified: this.clock.now(),
    };
    // a retry that overtook its first run collides with that run's role (on `_id` or the name): that is its answer
    return createOnce(
      caller,
      async () => {
        try {
          await this.repository.insert(uuid, state, [this.event(caller, uuid, 1, state, 'created')]);
        } catch (error) {
          if (error instanceof DuplicateKeyError)
            throw DomainError.conflict(`A ${request.objectType} role named "${request.name}" already exists`);
          throw error;
        }
        return toResponse({ ...state, uuid, version: 1 });
      },
      async () => {
        const made = await this.repository.findByUuid(uuid);
        return made ? toResponse(made) : null;
      },
    );
  }

  async patch(caller: CallerContext, uuid: string, changes: PatchRoleTypeRequest, expectedVersion?: number): Promise<RoleTypeResponse> {
    if (!caller.isGlobalAdmin) throw DomainError.forbidden('Only global administrators change roles');
    const current = await this.repository.findByUuid(uuid);
    if (!current) throw DomainError.notFound('Role', uuid);
    if (expectedVersion !== undefined && expectedVersion !== current.version) throw DomainError.stale(`Role ${uuid}`, expectedVersion);
    const next: Stored<RoleType> = { ...current };
    for (const field of [
      'name',
      'description',
      'descriptionEn',
      'practiceRuleIds',
      'hasReadAccess',
      'hasWriteAccess',
      'isEnabled',
    ] as const) {
      if (changes[field] !== undefined)
        (next as Record<string, unknown>)[field] = changes[field] ?? (field === 'practiceRuleIds' ? [] : null);
    }
    next.nameKey = next.name.toLocaleLowerCase('da');
    next.lastModified = this.clock.now();
    const { uuid: _u, version: _v, ...set } = next;
    try {
      await this.repository.update(uuid, current.version, set, [this.event(caller, uuid, current.version + 1, next, 'updated')]);
    } catch (error) {
      if (error instanceof DuplicateKeyError)
        throw DomainError.conflict(`A ${current.objectType} role named "${next.name}" already exists`);
      if (error instanceof StaleVersionError) throw DomainError.stale(`Role ${uuid}`, expectedVersion);
      throw error;
    }
    return toResponse({ ...next, version: current.version + 1 });
  }

  /**
   * Inserts the catalogue roles that are missing (by their fixed uuid). An existing role is never touched, so a global
   * administrator's edits survive every restart; a role whose name another role of the kind already has is left out.
   * Answers how many were inserted.
   */
  async seedCatalogue(caller: CallerContext, catalogue: readonly CatalogueRole[]): Promise<number> {
    let inserted = 0;
    for (const entry of catalogue) {
      if (await this.repository.findByUuid(entry.uuid)) continue;
      const state: RoleType = {
        objectType: entry.objectType,
        name: entry.name,
        nameKey: entry.name.toLocaleLowerCase('da'),
        description: entry.da,
        descriptionEn: entry.en,
        practiceRuleIds: [...entry.practiceRuleIds],
        builtIn: true,
        disabledInOrganizationUuids: [],
        hasReadAccess: true,
        hasWriteAccess: entry.hasWriteAccess,
        isEnabled: true,
        lastModified: this.clock.now(),
      };
      try {
        await this.repository.insert(entry.uuid, state, [this.event(caller, entry.uuid, 1, state, 'created')]);
        inserted++;
      } catch (error) {
        if (!(error instanceof DuplicateKeyError)) throw error;
      }
    }
    return inserted;
  }

  /** The roles of a kind as one organisation sees them (members and global administrators). */
  async listLocal(caller: CallerContext, organizationUuid: string, objectType?: RoleObjectType): Promise<LocalRoleTypeResponse[]> {
    await this.requireReader(caller, organizationUuid);
    return (await this.repository.list(objectType)).map((r) => toLocalResponse(r, organizationUuid));
  }

  /**
   * A local administrator switches a role off (or on again) in the organisation; assignments that exist stay. Without
   * `expectedVersion` (If-Match) a lost race is retried, since the switch touches only the organisation's own entry.
   */
  async switchLocally(
    caller: CallerContext,
    organizationUuid: string,
    uuid: string,
    isLocallyEnabled: boolean,
    expectedVersion?: number,
  ): Promise<LocalRoleTypeResponse> {
    if (!caller.isGlobalAdmin && !hasRole(caller, organizationUuid, 'LocalAdmin'))
      throw DomainError.forbidden('Only local administrators switch roles on and off in the organisation');
    await this.requireOrganization(organizationUuid);
    for (let attempt = 1; ; attempt++) {
      const current = await this.repository.findByUuid(uuid);
      if (!current) throw DomainError.notFound('Role', uuid);
      if (expectedVersion !== undefined && expectedVersion !== current.version) throw DomainError.stale(`Role ${uuid}`, expectedVersion);
      const disabled = new Set(current.disabledInOrganizationUuids);
      if (disabled.has(organizationUuid) === !isLocallyEnabled) return toLocalResponse(current, organizationUuid);
      if (isLocallyEnabled) disabled.delete(organizationUuid);
      else disabled.add(organizationUuid);
      const next: Stored<RoleType> = { ...current, disabledInOrganizationUuids: [...disabled].sort(), lastModified: this.clock.now() };
      try {
        await this.repository.update(
          uuid,
          current.version,
          { disabledInOrganizationUuids: next.disabledInOrganizationUuids, lastModified: next.lastModified },
          [this.event(caller, uuid, current.version + 1, next, 'updated')],
        );
        return toLocalResponse({ ...next, version: current.version + 1 }, organizationUuid);
      } catch (error) {
        if (!(error instanceof StaleVersionError) || attempt >= LOCAL_SWITCH_ATTEMPTS || expectedVersion !== undefined) {
          if (error instanceof StaleVersionError) throw DomainError.stale(`Role ${uuid}`, expectedVersion);
          throw error;
        }
      }
    }
  }

  /** KITOS `GET /api/v2/<object>-role-types`: the roles that may be assigned in the organisation, by name. */
  async options(
    caller: CallerContext,
    objectType: RoleObjectType,
    organizationUuid: string,
    page?: number,
    pageSize?: number,
  ): Promise<RoleOptionTypeResponse[]> {
    await this.requireReader(caller, organizationUuid);
    const available = (await this.repository.list(objectType)).filter((r) => availableIn(r, organizationUuid));
    const start = pageSize === undefined ? 0 : (page ?? 0) * pageSize;
    return available.slice(start, pageSize === undefined ? undefined : start + pageSize).map(toOption);
  }

  /** KITOS `GET /api/v2/<object>-role-types/{uuid}`: any role of the kind, with whether it may be assigned in the organisation. */
  async option(
    caller: CallerContext,
    objectType: RoleObjectType,
    uuid: string,
    organizationUuid: string,
  ): Promise<AvailableRoleOptionTypeResponse> {
    await this.requireReader(caller, organizationUuid);
    const role = await this.repository.findByUuid(uuid);
    if (!role || role.objectType !== objectType) throw DomainError.notFound(`${objectType} role`, uuid);
    return { ...toOption(role), isAvailable: availableIn(role, organizationUuid) };
  }

  private async requireReader(caller: CallerContext, organizationUuid: string): Promise<void> {
    requireUser(caller);
    await this.requireOrganization(organizationUuid);
    if (!caller.isGlobalAdmin && !isMember(caller, organizationUuid))
      throw DomainError.forbidden('Only members of the organisation see its roles');
  }

  private async requireOrganization(organizationUuid: string): Promise<void> {
    if (!(await this.organizations.many([organizationUuid])).length) throw DomainError.notFound('Organisation', organizationUuid);
  }

  private event(caller: CallerContext, uuid: string, version: number, state: RoleType, kind: 'created' | 'updated'): PendingEvent {
    return buildEvent(
      { clock: this.clock, ids: this.ids },
      kind === 'created' ? IdentityEvents.roleTypeCreated : IdentityEvents.roleTypeUpdated,
      {
        aggregate: { type: 'role-type', uuid, version },
        organizationUuid: null,
        caller,
        data: {
          roleType: {
            uuid,
            objectType: state.objectType,
            name: state.name,
            hasReadAccess: state.hasReadAccess,
            hasWriteAccess: state.hasWriteAccess,
            isEnabled: state.isEnabled,
            disabledInOrganizationUuids: state.disabledInOrganizationUuids,
          },
        },
      },
    );
  }
}

function toResponse(r: Stored<RoleType>): RoleTypeResponse {
  return {
    uuid: r.uuid,
    objectType: r.objectType,
    name: r.name,
    description: r.description,
    descriptionEn: r.descriptionEn,
    hasReadAccess: r.hasReadAccess,
    hasWriteAccess: r.hasWriteAccess,
    isEnabled: r.isEnabled,
    practiceRuleIds: r.practiceRuleIds,
    builtIn: r.builtIn,
    disabledInOrganizationUuids: r.disabledInOrganizationUuids,
    version: r.version,
  };
}

function availableIn(r: RoleType, organizationUuid: string): boolean {
  return r.isEnabled && !r.disabledInOrganizationUuids.includes(organizationUuid);
}

function toLocalResponse(r: Stored<RoleType>, organizationUuid: string): LocalRoleTypeResponse {
  return { ...toResponse(r), isLocallyEnabled: availableIn(r, organizationUuid) };
}

function toOption(r: Stored<RoleType>): RoleOptionTypeResponse {
  return { uuid: r.uuid, name: r.name, description: r.description, writeAccess: r.hasWriteAccess };
}
