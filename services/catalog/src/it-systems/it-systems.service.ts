import { Inject, Injectable } from '@nestjs/common';
import {
  CLOCK,
  DomainError,
  ID_GENERATOR,
  catalogVisibility,
  requireUser,
  type CallerContext,
  type Clock,
  type IdGenerator,
} from '@kitos/common';
import {
  CatalogEvents,
  type CreateItSystemRequest,
  type EventEnvelope,
  type FieldChange,
  type ItSystemResponse,
  type ItSystemSnapshot,
  type ListItSystemsQuery,
  MAX_PAGE_SIZE,
  type Page,
  type PatchItSystemRequest,
} from '@kitos/contracts';
import { DuplicateKeyError, StaleVersionError, buildEvent, type Stored } from '@kitos/persistence';
import { nameKeyOf, type ItSystem } from './it-system';
import { ItSystemPolicy } from './it-system.policy';
import { ItSystemsRepository } from './it-systems.repository';

const AGGREGATE = 'it-system';
const PATCHABLE = ['name', 'formerName', 'description', 'scope', 'deactivated'] as const;

/** The IT-system catalogue: registration, reading, changes and deletion, each change recorded as an event. */
@Injectable()
export class ItSystemsService {
  constructor(
    private readonly repository: ItSystemsRepository,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ID_GENERATOR) private readonly ids: IdGenerator,
  ) {}

  async create(caller: CallerContext, request: CreateItSystemRequest): Promise<ItSystemResponse> {
    ItSystemPolicy.assertCanCreate(caller, request.organizationUuid, request.scope);
    const nameKey = nameKeyOf(request.name);
    await this.refuseTakenName(request.organizationUuid, nameKey, request.name);
    const uuid = this.ids.uuid();
    const now = this.clock.now();
    const state: ItSystem = {
      organizationUuid: request.organizationUuid,
      name: request.name,
      nameKey,
      formerName: request.formerName ?? null,
      description: request.description ?? null,
      scope: request.scope ?? 'Global',
      deactivated: request.deactivated ?? false,
      createdAt: now,
      createdByUserUuid: caller.userUuid,
      lastModified: now,
      lastModifiedByUserUuid: caller.userUuid,
    };
    const event = this.event(caller, state.organizationUuid, uuid, 1, CatalogEvents.itSystemCreated, { system: snapshot(uuid, state) });
    try {
      await this.repository.insert(uuid, state, [event]);
    } catch (error) {
      if (error instanceof DuplicateKeyError) throw nameTaken(request.name);
      throw error;
    }
    return toResponse({ ...state, uuid, version: 1 });
  }

  async get(caller: CallerContext, uuid: string): Promise<ItSystemResponse> {
    const system = await this.load(uuid);
    ItSystemPolicy.assertCanRead(caller, system);
    return toResponse(system);
  }

  /** Lists silently only what the caller may read. */
  async list(caller: CallerContext, query: ListItSystemsQuery): Promise<Page<ItSystemResponse>> {
    requireUser(caller);
    const page = await this.repository.list({
      visibility: catalogVisibility(caller),
      nameContains: query.nameContains,
      changedSinceGtEq: query.changedSinceGtEq ? new Date(query.changedSinceGtEq) : undefined,
      includeDeactivated: query.includeDeactivated ?? false,
      organizationUuid: query.organizationUuid,
      orderBy: query.changedSinceGtEq ? 'LastChanged' : (query.orderByProperty ?? 'CreationOrder'),
      page: query.page ?? 0,
      pageSize: query.pageSize ?? MAX_PAGE_SIZE,
    });
    return { ...page, items: page.items.map(toResponse) };
  }

  /** Changes only the fields sent. `expectedVersion` (from If-Match) refuses the change when the system moved on. */
  async patch(caller: CallerContext, uuid: string, changes: PatchItSystemRequest, expectedVersion?: number): Promise<ItSystemResponse> {
    const current = await this.load(uuid);
    ItSystemPolicy.assertCanModify(caller, current, changes.scope !== undefined && changes.scope !== current.scope);
    if (expectedVersion !== undefined && expectedVersion !== current.version) throw stale(uuid, expectedVersion);
    const next: ItSystem = { ...current };
    const fieldChanges: FieldChange[] = [];
    for (const field of PATCHABLE) {
      if (!(field in changes) || changes[field] === undefined) continue;
      const value = changes[field] ?? null;
      if (field === 'name' && value === null)
        throw DomainError.badInput('The name cannot be removed', [{ field: 'name', message: 'name must not be null' }]);
      if (current[field] === value) continue;
      fieldChanges.push({ field, oldValue: current[field], newValue: value });
      (next as Record<string, unknown>)[field] = value;
    }
    if (!fieldChanges.length) return toResponse(current);
    next.nameKey = nameKeyOf(next.name);
    if (next.nameKey !== current.nameKey) await this.refuseTakenName(current.organizationUuid, next.nameKey, next.name, uuid);
    next.lastModified = this.clock.now();
    next.lastModifiedByUserUuid = caller.userUuid;
    const version = current.version + 1;
    const event = this.event(caller, current.organizationUuid, uuid, version, CatalogEvents.itSystemUpdated, {
      system: snapshot(uuid, next),
      changes: fieldChanges,
    });
    const { uuid: _u, version: _v, ...set } = { ...next, uuid, version };
    try {
      await this.repository.update(uuid, current.version, set, [event]);
    } catch (error) {
      if (error instanceof DuplicateKeyError) throw nameTaken(next.name);
      if (error instanceof StaleVersionError) throw stale(uuid, expectedVersion);
      throw error;
    }
    return toResponse({ ...next, uuid, version });
  }

  async delete(caller: CallerContext, uuid: string, expectedVersion?: number): Promise<void> {
    const current = await this.load(uuid);
    ItSystemPolicy.assertCanDelete(caller, current);
    if (expectedVersion !== undefined && expectedVersion !== current.version) throw stale(uuid, expectedVersion);
    const now = this.clock.now();
    const event = this.event(caller, current.organizationUuid, uuid, current.version + 1, CatalogEvents.itSystemDeleted, {
      uuid,
      organizationUuid: current.organizationUuid,
      name: current.name,
      deletedAt: now.toISOString(),
    });
    try {
      await this.repository.markDeleted(
        uuid,
        current.version,
        { nameKey: `deleted:${uuid}`, lastModified: now, lastModifiedByUserUuid: caller.userUuid },
        [event],
        now,
      );
    } catch (error) {
      if (error instanceof StaleVersionError) throw stale(uuid, expectedVersion);
      throw error;
    }
  }

  private async load(uuid: string): Promise<Stored<ItSystem>> {
    const system = await this.repository.findByUuid(uuid);
    if (!system) throw DomainError.notFound('IT system', uuid);
    return system;
  }

  private async refuseTakenName(organizationUuid: string, nameKey: string, name: string, exceptUuid?: string): Promise<void> {
    const existing = await this.repository.findByName(organizationUuid, nameKey);
    if (existing && existing.uuid !== exceptUuid) throw nameTaken(name, existing.uuid);
  }

  private event<T extends object>(
    caller: CallerContext,
    organizationUuid: string,
    uuid: string,
    version: number,
    definition: Parameters<typeof buildEvent<T>>[1],
    data: T,
  ): EventEnvelope {
    return buildEvent({ clock: this.clock, ids: this.ids }, definition, {
      aggregate: { type: AGGREGATE, uuid, version },
      organizationUuid,
      caller,
      data,
    }) as unknown as EventEnvelope;
  }
}

function nameTaken(name: string, existingUuid?: string): DomainError {
  return DomainError.conflict(`An IT system named "${name}" already exists in this organisation`, existingUuid ? { existingUuid } : {});
}

function stale(uuid: string, expectedVersion: number | undefined): DomainError {
  return expectedVersion !== undefined
    ? DomainError.preconditionFailed(`IT system ${uuid} is no longer at version ${expectedVersion}; read it again`)
    : DomainError.conflict(`IT system ${uuid} was changed concurrently; read it again and retry`);
}

function snapshot(uuid: string, s: ItSystem): ItSystemSnapshot {
  return {
    uuid,
    organizationUuid: s.organizationUuid,
    name: s.name,
    formerName: s.formerName,
    description: s.description,
    scope: s.scope,
    deactivated: s.deactivated,
    createdAt: s.createdAt.toISOString(),
    lastModified: s.lastModified.toISOString(),
  };
}

function toResponse(s: Stored<ItSystem>): ItSystemResponse {
  const user = (uuid: string | null) => (uuid ? { uuid, name: null } : null);
  return {
    uuid: s.uuid,
    name: s.name,
    formerName: s.formerName,
    description: s.description,
    scope: s.scope,
    deactivated: s.deactivated,
    organizationContext: { uuid: s.organizationUuid, name: null },
    created: s.createdAt.toISOString(),
    createdBy: user(s.createdByUserUuid),
    lastModified: s.lastModified.toISOString(),
    lastModifiedBy: user(s.lastModifiedByUserUuid),
    version: s.version,
  };
}
