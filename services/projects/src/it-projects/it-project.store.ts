import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, DomainError, ID_GENERATOR, newAggregateUuid, type CallerContext, type Clock, type IdGenerator } from '@kitos/common';
import { ProjectEvents, type FieldChange } from '@kitos/contracts';
import { DuplicateKeyError, StaleVersionError, buildEvent, type Stored, type PendingEvent } from '@kitos/persistence';
import { OrganizationDirectory } from '../directory/organization-directory';
import { projectFields, type ItProject } from './it-project';
import { ItProjectPolicy } from './it-project.policy';
import { ItProjectView } from './it-project.view';
import { ItProjectsRepository } from './it-projects.repository';

const AGGREGATE = 'it-project';

/**
 * Loading a project with the access it needs, and writing it: every write is one document update that carries its
 * event (`projects.it-project.created|updated|deleted` with the whole project and the changed fields).
 */
@Injectable()
export class ItProjectStore {
  constructor(
    private readonly repository: ItProjectsRepository,
    private readonly view: ItProjectView,
    private readonly directory: OrganizationDirectory,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ID_GENERATOR) private readonly ids: IdGenerator,
  ) {}

  async load(uuid: string): Promise<Stored<ItProject>> {
    const project = await this.repository.findByUuid(uuid);
    if (!project) throw DomainError.notFound('IT project', uuid);
    return project;
  }

  async loadForRead(caller: CallerContext, uuid: string): Promise<Stored<ItProject>> {
    const project = await this.load(uuid);
    ItProjectPolicy.assertCanRead(caller, project);
    return project;
  }

  /** The project, if the caller may change it, it is still at the expected version, and (unless allowed) not archived. */
  async loadForChange(
    caller: CallerContext,
    uuid: string,
    expectedVersion: number | undefined,
    options: { allowArchived?: boolean; deleting?: boolean } = {},
  ): Promise<Stored<ItProject>> {
    const project = await this.load(uuid);
    if (options.deleting) ItProjectPolicy.assertCanDelete(caller, project);
    else {
      ItProjectPolicy.assertCanRead(caller, project);
      const held = ItProjectPolicy.isAdministrator(caller, project.organizationUuid) ? [] : ItProjectPolicy.rolesHeldBy(caller, project);
      ItProjectPolicy.assertCanModify(caller, project, held.length ? await this.directory.writeRoles(held) : new Set());
    }
    if (expectedVersion !== undefined && expectedVersion !== project.version) throw stale(uuid, expectedVersion);
    if (project.archived && !options.allowArchived)
      throw DomainError.conflict('The IT project is archived and read-only; un-archive it first (archived: false)');
    return project;
  }

  /** The uuid a create gives the new project: random, or derived from the Idempotency-Key (a retry finds the first). */
  newUuid(caller: CallerContext): string {
    return newAggregateUuid(this.ids, caller, AGGREGATE);
  }

  /** With an Idempotency-Key: the project an earlier run of this very create made (its answer was lost), else null. */
  async earlierCreation(caller: CallerContext, uuid: string): Promise<Stored<ItProject> | null> {
    return caller.idempotencyKey ? this.repository.findByUuid(uuid) : null;
  }

  async insert(caller: CallerContext, state: ItProject, uuid: string = this.ids.uuid()): Promise<Stored<ItProject>> {
    const event = this.event(caller, state.organizationUuid, uuid, 1, ProjectEvents.itProjectCreated, {
      project: this.view.snapshot(uuid, state),
    });
    try {
      await this.repository.insert(uuid, state, [event]);
    } catch (error) {
      if (error instanceof DuplicateKeyError) throw await this.nameTaken(state);
      throw error;
    }
    return { ...state, uuid, version: 1 };
  }

  /** Writes the changed fields with an `updated` event; nothing changed → no write. */
  async save(
    caller: CallerContext,
    current: Stored<ItProject>,
    next: ItProject,
    expectedVersion: number | undefined,
  ): Promise<Stored<ItProject>> {
    const changes = fieldChanges(current, next);
    if (!changes.length) return current;
    const uuid = current.uuid;
    const version = current.version + 1;
    const updated: ItProject = { ...next, lastModified: this.clock.now(), lastModifiedByUserUuid: caller.userUuid };
    const event = this.event(caller, updated.organizationUuid, uuid, version, ProjectEvents.itProjectUpdated, {
      project: this.view.snapshot(uuid, updated),
      changes,
    });
    const { uuid: _u, version: _v, ...set } = updated as Stored<ItProject>;
    try {
      await this.repository.update(uuid, current.version, set, [event]);
    } catch (error) {
      if (error instanceof StaleVersionError) throw stale(uuid, expectedVersion);
      if (error instanceof DuplicateKeyError) throw await this.nameTaken(updated);
      throw error;
    }
    return { ...updated, uuid, version };
  }

  async delete(caller: CallerContext, current: Stored<ItProject>, expectedVersion: number | undefined): Promise<void> {
    const now = this.clock.now();
    const uuid = current.uuid;
    const event = this.event(caller, current.organizationUuid, uuid, current.version + 1, ProjectEvents.itProjectDeleted, {
      uuid,
      organizationUuid: current.organizationUuid,
      visibility: 'Organization' as const,
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

  async nameTaken(state: Pick<ItProject, 'organizationUuid' | 'name'>): Promise<DomainError> {
    const existing = await this.repository.findByName(state.organizationUuid, state.name);
    return DomainError.conflict(`An IT project named "${state.name}" already exists in the organisation`, {
      existingUuid: existing?.uuid ?? null,
    });
  }

  private event<T extends object>(
    caller: CallerContext,
    organizationUuid: string,
    uuid: string,
    version: number,
    definition: Parameters<typeof buildEvent<T>>[1],
    data: T,
  ): PendingEvent {
    return buildEvent({ clock: this.clock, ids: this.ids }, definition, {
      aggregate: { type: AGGREGATE, uuid, version },
      organizationUuid,
      caller,
      data,
    });
  }
}

export function fieldChanges(before: ItProject, after: ItProject): FieldChange[] {
  const old = projectFields(before);
  const next = projectFields(after);
  const keys = [...new Set([...Object.keys(old), ...Object.keys(next)])];
  return keys
    .filter((field) => JSON.stringify(old[field] ?? null) !== JSON.stringify(next[field] ?? null))
    .map((field) => ({ field, oldValue: old[field] ?? null, newValue: next[field] ?? null }));
}

export function stale(uuid: string, expectedVersion: number | undefined): DomainError {
  return DomainError.stale(`IT project ${uuid}`, expectedVersion);
}
