import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, DomainError, ID_GENERATOR, requireUser, type CallerContext, type Clock, type IdGenerator } from '@kitos/common';
import {
  IdentityEvents,
  type CreateRoleTypeRequest,
  type PatchRoleTypeRequest,
  type RoleObjectType,
  type RoleTypeResponse,
} from '@kitos/contracts';
import { DuplicateKeyError, StaleVersionError, buildEvent, type Stored, type PendingEvent } from '@kitos/persistence';
import { RoleTypesRepository, type RoleType } from './role-types.repository';

/**
 * Per-object roles (KITOS role options: "Systemejer", "Kontraktansvarlig", …): global administrators define them
 * with read and write access; the modules whose objects carry roles keep copies through the events.
 */
@Injectable()
export class RoleTypesService {
  constructor(
    private readonly repository: RoleTypesRepository,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ID_GENERATOR) private readonly ids: IdGenerator,
  ) {}

  async list(caller: CallerContext, objectType?: RoleObjectType): Promise<RoleTypeResponse[]> {
    requireUser(caller);
    return (await this.repository.list(objectType)).map(toResponse);
  }

  async create(caller: CallerContext, request: CreateRoleTypeRequest): Promise<RoleTypeResponse> {
    if (!caller.isGlobalAdmin) throw DomainError.forbidden('Only global administrators define roles');
    const uuid = this.ids.uuid();
    const state: RoleType = {
      objectType: request.objectType,
      name: request.name,
      nameKey: request.name.toLocaleLowerCase('da'),
      description: request.description ?? null,
      hasReadAccess: request.hasReadAccess ?? true,
      hasWriteAccess: request.hasWriteAccess ?? false,
      isEnabled: true,
      lastModified: this.clock.now(),
    };
    try {
      await this.repository.insert(uuid, state, [this.event(caller, uuid, 1, state, 'created')]);
    } catch (error) {
      if (error instanceof DuplicateKeyError)
        throw DomainError.conflict(`A ${request.objectType} role named "${request.name}" already exists`);
      throw error;
    }
    return toResponse({ ...state, uuid, version: 1 });
  }

  async patch(caller: CallerContext, uuid: string, changes: PatchRoleTypeRequest): Promise<RoleTypeResponse> {
    if (!caller.isGlobalAdmin) throw DomainError.forbidden('Only global administrators change roles');
    const current = await this.repository.findByUuid(uuid);
    if (!current) throw DomainError.notFound('Role', uuid);
    const next: Stored<RoleType> = { ...current };
    for (const field of ['name', 'description', 'hasReadAccess', 'hasWriteAccess', 'isEnabled'] as const) {
      if (changes[field] !== undefined) (next as Record<string, unknown>)[field] = changes[field] ?? null;
    }
    next.nameKey = next.name.toLocaleLowerCase('da');
    next.lastModified = this.clock.now();
    const { uuid: _u, version: _v, ...set } = next;
    try {
      await this.repository.update(uuid, current.version, set, [this.event(caller, uuid, current.version + 1, next, 'updated')]);
    } catch (error) {
      if (error instanceof DuplicateKeyError)
        throw DomainError.conflict(`A ${current.objectType} role named "${next.name}" already exists`);
      if (error instanceof StaleVersionError) throw DomainError.conflict('The role was changed concurrently; read it again and retry');
      throw error;
    }
    return toResponse({ ...next, version: current.version + 1 });
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
    hasReadAccess: r.hasReadAccess,
    hasWriteAccess: r.hasWriteAccess,
    isEnabled: r.isEnabled,
    version: r.version,
  };
}
