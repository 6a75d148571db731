import { Inject, Injectable } from '@nestjs/common';
import {
  CLOCK,
  createOnce,
  DomainError,
  ID_GENERATOR,
  earlierPart,
  refuseIfAdded,
  newPartUuid,
  type CallerContext,
  type Clock,
  type IdGenerator,
  collectErrors,
} from '@kitos/common';
import { PROJECT_PART_MAX, validateInto, type ProjectPartKind } from '@kitos/contracts';
import type { Stored } from '@kitos/persistence';
import { OrganizationDirectory } from '../directory/organization-directory';
import { partIdOf, type ItProject } from './it-project';
import { ItProjectStore } from './it-project.store';
import { ItProjectView, type PartResponse } from './it-project.view';
import { PART_SPECS, type PartSpec } from './project-parts';

export interface PartResult {
  item: PartResponse;
  /** The project's version after the change: the ETag of every write on the project and its parts. */
  projectVersion: number;
}

export interface PartsResult {
  items: PartResponse[];
  projectVersion: number;
}

/**
 * The parts of a project (milestones, tasks, status reports, economy years, risks, stakeholders, benefits): created,
 * replaced, patched and removed one at a time, each change a change of the project (its version, its event).
 * Status reports are only added: the history is never overwritten.
 */
@Injectable()
export class ProjectPartsService {
  constructor(
    private readonly store: ItProjectStore,
    private readonly view: ItProjectView,
    private readonly directory: OrganizationDirectory,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ID_GENERATOR) private readonly ids: IdGenerator,
  ) {}

  async list(caller: CallerContext, uuid: string, kind: ProjectPartKind): Promise<PartsResult> {
    const project = await this.store.loadForRead(caller, uuid);
    const parts = [...(project[PART_SPECS[kind].field] as object[])];
    if (kind === 'economy-years') parts.sort((a, b) => (a as { year: number }).year - (b as { year: number }).year);
    return { items: await this.view.parts(kind, parts), projectVersion: project.version };
  }

  async get(caller: CallerContext, uuid: string, kind: ProjectPartKind, partId: string): Promise<PartResult> {
    const project = await this.store.loadForRead(caller, uuid);
    return { item: (await this.view.parts(kind, [find(project, kind, partId)]))[0], projectVersion: project.version };
  }

  /** A second economy row for a year → 409; more than the limit of parts → 400. */
  async create(caller: CallerContext, uuid: string, kind: ProjectPartKind, body: unknown, expectedVersion?: number): Promise<PartResult> {
    const spec = PART_SPECS[kind];
    const context = this.context(caller, kind);
    // a retry of a create whose answer was lost (Idempotency-Key): the part it added, before any version check; a
    // retry that overtook its first run finds the part once that run's save made this one's stale
    const earlier = async (): Promise<PartResult | null> => {
      const project = await this.store.loadForChange(caller, uuid, undefined);
      const part = earlierPart(caller, project[spec.field] as Array<{ uuid: string }>, context.newUuid());
      return part ? { item: (await this.view.parts(kind, [part]))[0], projectVersion: project.version } : null;
    };
    const derived = !spec.byYear;
    const found = caller.idempotencyKey && derived ? await earlier() : null;
    if (found) return found;
    return createOnce(
      caller,
      async () => {
        const current = await this.store.loadForChange(caller, uuid, expectedVersion);
        const part = spec.build(validateInto(spec.write, body), null, context);
        const list = current[spec.field] as object[];
        if (derived) refuseIfAdded(caller, list as Array<{ uuid: string }>, context.newUuid());
        if (spec.byYear && list.some((p) => partIdOf(p) === partIdOf(part)))
          throw DomainError.conflict(`The project already has an economy row for ${partIdOf(part)}; change that row instead`, {
            year: Number(partIdOf(part)),
          });
        if (list.length >= PROJECT_PART_MAX)
          throw DomainError.badInput(`A project has at most ${PROJECT_PART_MAX} ${kind}`, [{ field: '', message: 'too many parts' }]);
        await this.check(spec, current, part, null);
        return this.write(caller, current, kind, [...list, part], part, expectedVersion);
      },
      earlier,
      { derived },
    );
  }

  /** PUT replaces the whole part (absent properties reset); PATCH changes the properties sent. */
  async update(
    caller: CallerContext,
    uuid: string,
    kind: ProjectPartKind,
    partId: string,
    body: unknown,
    mode: 'put' | 'patch',
    expectedVersion?: number,
  ): Promise<PartResult> {
    const spec = PART_SPECS[kind];
    if (!spec.patch) throw DomainError.forbidden(`${kind} are kept as recorded and cannot be changed`);
    const current = await this.store.loadForChange(caller, uuid, expectedVersion);
    const existing = find(current, kind, partId);
    if (typeof body !== 'object' || body === null || Array.isArray(body))
      throw DomainError.badInput('The payload must be a JSON object', [{ field: '', message: 'must be an object' }]);
    // PATCH: the properties sent replace the stored ones; the result is checked as a whole, like a PUT
    const merged = mode === 'put' ? body : { ...spec.toWrite(existing), ...body };
    const part = spec.build(validateInto(spec.write, merged), existing, this.context(caller, kind));
    if (spec.byYear && partIdOf(part) !== partId)
      throw DomainError.badInput('The year of an economy row cannot change', [{ field: 'year', message: `year must be ${partId}` }]);
    await this.check(spec, current, part, existing);
    const list = (current[spec.field] as object[]).map((p) => (p === existing ? part : p));
    return this.write(caller, current, kind, list, part, expectedVersion);
  }

  async delete(caller: CallerContext, uuid: string, kind: ProjectPartKind, partId: string, expectedVersion?: number): Promise<number> {
    const spec = PART_SPECS[kind];
    if (!spec.patch) throw DomainError.forbidden(`${kind} are kept as recorded and cannot be removed`);
    const current = await this.store.loadForChange(caller, uuid, expectedVersion);
    const existing = find(current, kind, partId);
    const next = { ...current, [spec.field]: (current[spec.field] as object[]).filter((p) => p !== existing) };
    return (await this.store.save(caller, current, next, expectedVersion)).version;
  }

  private async check(spec: PartSpec, project: ItProject, part: object, existing: object | null): Promise<void> {
    const before = new Set(existing ? spec.users(existing).map((r) => `${r.field}:${r.uuid}`) : []);
    const fresh = spec.users(part).filter((r) => !before.has(`${r.field}:${r.uuid}`));
    const errors = [
      ...spec.errors(part),
      ...(await collectErrors(fresh.length ? [() => this.directory.requireMembers(project.organizationUuid, fresh)] : [])),
    ];
    if (errors.length) throw DomainError.badInput('The part is invalid', errors);
  }

  private async write(
    caller: CallerContext,
    current: Stored<ItProject>,
    kind: ProjectPartKind,
    list: object[],
    part: object,
    expectedVersion: number | undefined,
  ): Promise<PartResult> {
    const saved = await this.store.save(caller, current, { ...current, [PART_SPECS[kind].field]: list }, expectedVersion);
    return { item: (await this.view.parts(kind, [part]))[0], projectVersion: saved.version };
  }

  /** A new part's uuid is derived from the Idempotency-Key when there is one: one create adds one part. */
  private context(caller: CallerContext, kind: ProjectPartKind) {
    return { newUuid: () => newPartUuid(this.ids, caller, `project-${kind}`), now: this.clock.now(), userUuid: caller.userUuid };
  }
}

function find(project: ItProject, kind: ProjectPartKind, partId: string): object {
  const part = (project[PART_SPECS[kind].field] as object[]).find((p) => partIdOf(p) === partId.toLowerCase());
  if (!part) throw DomainError.notFound(`Part of the project (${kind})`, partId);
  return part;
}
