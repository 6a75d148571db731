import { Inject, Injectable } from '@nestjs/common';
import {
  CLOCK,
  DomainError,
  ID_GENERATOR,
  memberOrganizations,
  requireUser,
  type CallerContext,
  type Clock,
  type FieldError,
  type IdGenerator,
  createOnce,
  newAggregateUuid,
} from '@kitos/common';
import {
  changedFields,
  GdprEvents,
  MAX_PAGE_SIZE,
  type CreateProcessingActivityRequest,
  type FieldChange,
  type ListProcessingActivitiesQuery,
  type Page,
  type ProcessingActivityResponse,
  type ProcessingActivitySnapshot,
  type ProcessingActivityWrite,
} from '@kitos/contracts';
import { DuplicateKeyError, StaleVersionError, buildEvent, type Stored, type PendingEvent } from '@kitos/persistence';
import { OrganizationCopiesRepository } from '../copies/organization-copies.repository';
import { GdprAccess } from '../shared/gdpr-access';
import { UsageGdprRepository } from '../usage-gdpr/usage-gdpr.repository';
import { UsageDirectory } from '../usages/usage-directory';
import { activityFindings } from './activity-findings';
import { ProcessingActivitiesRepository } from './processing-activities.repository';
import { ACTIVITY_FIELDS, nameKeyOf, type ProcessingActivity } from './processing-activity';

const AGGREGATE = 'processing-activity';
const WHAT = 'Processing activity';

/** Processing activities of an organisation: purposes, legal bases, data subjects × data, recipients, retention, systems. */
@Injectable()
export class ProcessingActivitiesService {
  constructor(
    private readonly repository: ProcessingActivitiesRepository,
    private readonly usages: UsageDirectory,
    private readonly profiles: UsageGdprRepository,
    private readonly organizations: OrganizationCopiesRepository,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ID_GENERATOR) private readonly ids: IdGenerator,
  ) {}

  async create(caller: CallerContext, request: CreateProcessingActivityRequest): Promise<ProcessingActivityResponse> {
    GdprAccess.assertCanCreate(caller, request.organizationUuid, 'processing activity');
    const organizationUuid = request.organizationUuid;
    const uuid = newAggregateUuid(this.ids, caller, 'processing-activity');
    // a retry of a create whose answer was lost (Idempotency-Key): the activity the first run made, as it is now
    if (caller.idempotencyKey && (await this.repository.findByUuid(uuid))) return this.get(caller, uuid);
    if (!(await this.organizations.find(organizationUuid)))
      throw DomainError.badInput('Unknown organisation', [
        { field: 'organizationUuid', message: `Organisation ${organizationUuid} was not found` },
      ]);
    // a retry that overtook its first run finds the name (or `_id`) taken by that run's activity: that is its answer
    return createOnce(
      caller,
      async () => {
        const now = this.clock.now();
        const state: ProcessingActivity = {
          ...(await this.resolve(organizationUuid, request, [])),
          organizationUuid,
          createdAt: now,
          createdByUserUuid: caller.userUuid,
          lastModified: now,
          lastModifiedByUserUuid: caller.userUuid,
        };
        await this.refuseTakenName(organizationUuid, state.name, null);
        const event = this.event(caller, state, uuid, 1, GdprEvents.processingActivityCreated, {
          activity: snapshot(uuid, state),
          changes: [],
        });
        try {
          await this.repository.insert(uuid, state, [event]);
        } catch (error) {
          if (error instanceof DuplicateKeyError) await this.refuseTakenName(organizationUuid, state.name, null);
          throw error;
        }
        return (await this.toResponses([{ ...state, uuid, version: 1 }]))[0];
      },
      async () => ((await this.repository.findByUuid(uuid)) ? this.get(caller, uuid) : null),
    );
  }

  async get(caller: CallerContext, uuid: string): Promise<ProcessingActivityResponse> {
    const activity = await this.load(uuid);
    GdprAccess.assertCanRead(caller, activity.organizationUuid, WHAT, uuid);
    return (await this.toResponses([activity]))[0];
  }

  /** Only activities of the caller's organisations (all for global administrators), silently. */
  async list(caller: CallerContext, query: ListProcessingActivitiesQuery): Promise<Page<ProcessingActivityResponse>> {
    requireUser(caller);
    const page = query.page ?? 0;
    const pageSize = query.pageSize ?? MAX_PAGE_SIZE;
    const visible = caller.isGlobalAdmin ? undefined : memberOrganizations(caller);
    const organizations = query.organizationUuid
      ? visible && !visible.includes(query.organizationUuid)
        ? []
        : [query.organizationUuid]
      : visible;
    const needle = query.nameContains?.trim().toLocaleLowerCase('da');
    const all = (organizations && !organizations.length ? [] : await this.repository.list(organizations)).filter(
      (a) =>
        (!query.systemUsageUuid || a.systemUsageUuids.includes(query.systemUsageUuid)) &&
        (!needle || a.name.toLocaleLowerCase('da').includes(needle)),
    );
    return { items: await this.toResponses(all.slice(page * pageSize, (page + 1) * pageSize)), page, pageSize };
  }

  async update(
    caller: CallerContext,
    uuid: string,
    changes: Partial<ProcessingActivityWrite>,
    mode: 'put' | 'patch',
    expectedVersion?: number,
  ): Promise<ProcessingActivityResponse> {
    const current = await this.load(uuid);
    GdprAccess.assertCanModify(caller, current.organizationUuid, WHAT, uuid);
    if (expectedVersion !== undefined && expectedVersion !== current.version) throw stale(uuid, expectedVersion);
    const sent = mode === 'put' ? changes : { ...writeOf(current), ...changes };
    if (mode === 'patch' && 'name' in changes && !changes.name)
      throw DomainError.badInput('The processing activity is invalid', [{ field: 'name', message: 'name must not be empty' }]);
    const resolved = await this.resolve(current.organizationUuid, sent as ProcessingActivityWrite, current.systemUsageUuids);
    if (resolved.nameKey !== current.nameKey) await this.refuseTakenName(current.organizationUuid, resolved.name, uuid);
    return this.save(caller, current, { ...current, ...resolved }, expectedVersion);
  }

  async delete(caller: CallerContext, uuid: string, expectedVersion?: number): Promise<void> {
    const current = await this.load(uuid);
    GdprAccess.assertCanModify(caller, current.organizationUuid, WHAT, uuid);
    if (expectedVersion !== undefined && expectedVersion !== current.version) throw stale(uuid, expectedVersion);
    const now = this.clock.now();
    const event = this.event(caller, current, uuid, current.version + 1, GdprEvents.processingActivityDeleted, {
      uuid,
      organizationUuid: current.organizationUuid,
      name: current.name,
      deletedAt: now.toISOString(),
    });
    try {
      await this.repository.markDeleted(uuid, current.version, { nameKey: `deleted:${uuid}`, lastModified: now }, [event], now);
    } catch (error) {
      if (error instanceof StaleVersionError) throw stale(uuid, expectedVersion);
      throw error;
    }
  }

  /** A deleted usage leaves every activity of its organisation that linked it (each an `updated` event); repeats do nothing. */
  async unlinkUsage(caller: CallerContext, usageUuid: string, organizationUuid: string): Promise<void> {
    for (const activity of await this.repository.list([organizationUuid])) {
      if (!activity.systemUsageUuids.includes(usageUuid)) continue;
      const next = { ...activity, systemUsageUuids: activity.systemUsageUuids.filter((u) => u !== usageUuid) };
      try {
        await this.save(caller, activity, next, undefined);
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        await this.unlinkUsage(caller, usageUuid, organizationUuid);
        return;
      }
    }
  }

  /** Response of each activity with its linked usages' names, the organisation's controller/DPO and its findings. */
  async toResponses(activities: ReadonlyArray<Stored<ProcessingActivity>>): Promise<ProcessingActivityResponse[]> {
    const usageUuids = activities.flatMap((a) => a.systemUsageUuids);
    const [usages, profiles] = await Promise.all([this.usages.findMany(usageUuids), this.profiles.byUsages(usageUuids)]);
    const organizations = new Map(
      await Promise.all(
        [...new Set(activities.map((a) => a.organizationUuid))].map(async (o) => [o, await this.organizations.find(o)] as const),
      ),
    );
    return activities.map((a) => {
      const organization = organizations.get(a.organizationUuid) ?? null;
      const linked = a.systemUsageUuids.map((u) => profiles.get(u)).filter((p) => p !== undefined);
      return {
        uuid: a.uuid,
        organizationContext: { uuid: a.organizationUuid, name: organization?.name ?? null },
        name: a.name,
        description: a.description,
        purposes: a.purposes,
        legalBases: a.legalBases,
        nationalLawReferences: a.nationalLawReferences,
        dataCategories: a.dataCategories,
        recipients: a.recipients,
        systemUsages: a.systemUsageUuids.map((u) => ({ uuid: u, name: usages.get(u)?.systemName ?? null })),
        controllerRole: a.controllerRole,
        jointControllers: a.jointControllers,
        representative: a.representative,
        securityMeasures: a.securityMeasures,
        dataSource: a.dataSource,
        dataController: organization?.dataController ?? null,
        dataProtectionOfficer: organization?.dataProtectionOfficer ?? null,
        findings: activityFindings(a, linked),
        created: a.createdAt.toISOString(),
        lastModified: a.lastModified.toISOString(),
        version: a.version,
      };
    });
  }

  private async save(
    caller: CallerContext,
    current: Stored<ProcessingActivity>,
    next: ProcessingActivity,
    expectedVersion: number | undefined,
  ): Promise<ProcessingActivityResponse> {
    const changes: FieldChange[] = changedFields(current, next, ACTIVITY_FIELDS);
    if (!changes.length) return (await this.toResponses([current]))[0];
    const uuid = current.uuid;
    const version = current.version + 1;
    const updated: ProcessingActivity = { ...next, lastModified: this.clock.now(), lastModifiedByUserUuid: caller.userUuid };
    const event = this.event(caller, updated, uuid, version, GdprEvents.processingActivityUpdated, {
      activity: snapshot(uuid, updated),
      changes,
    });
    const { uuid: _u, version: _v, ...set } = { ...updated, uuid, version };
    try {
      await this.repository.update(uuid, current.version, set, [event]);
    } catch (error) {
      if (error instanceof StaleVersionError) throw stale(uuid, expectedVersion);
      if (error instanceof DuplicateKeyError) await this.refuseTakenName(current.organizationUuid, updated.name, uuid);
      throw error;
    }
    return (await this.toResponses([{ ...updated, uuid, version }]))[0];
  }

  /** The state a write sets, checked: linked usages must be usages of the same organisation, without duplicates. */
  private async resolve(organizationUuid: string, w: ProcessingActivityWrite, alreadyLinked: readonly string[]) {
    const errors: FieldError[] = [];
    const usageUuids = (w.systemUsageUuids ?? []).map((u) => u.toLowerCase());
    usageUuids.forEach((u, i) => {
      if (usageUuids.indexOf(u) !== i) errors.push({ field: `systemUsageUuids[${i}]`, message: `System usage ${u} is listed twice` });
    });
    for (const [i, uuid] of usageUuids.entries()) {
      if (alreadyLinked.includes(uuid) || usageUuids.indexOf(uuid) !== i) continue;
      const usage = await this.usages.find(uuid);
      if (!usage) errors.push({ field: `systemUsageUuids[${i}]`, message: `System usage ${uuid} was not found` });
      else if (usage.organizationUuid !== organizationUuid)
        errors.push({ field: `systemUsageUuids[${i}]`, message: 'The system usage must belong to the same organisation' });
    }
    const controllerRole = w.controllerRole ?? 'Controller';
    const jointControllers = (w.jointControllers ?? []).map((j) => ({ name: j.name, contact: j.contact ?? null }));
    if (controllerRole === 'Controller' && jointControllers.length)
      errors.push({ field: 'jointControllers', message: 'Joint controllers are only named when controllerRole is JointController' });
    const legalBases = w.legalBases ?? [];
    if (new Set(legalBases).size !== legalBases.length)
      errors.push({ field: 'legalBases', message: 'legalBases must not contain duplicates' });
    if (errors.length) throw DomainError.badInput('The processing activity is invalid', errors);
    return {
      name: w.name,
      nameKey: nameKeyOf(organizationUuid, w.name),
      description: w.description ?? null,
      purposes: [...(w.purposes ?? [])],
      legalBases: [...legalBases],
      nationalLawReferences: [...(w.nationalLawReferences ?? [])],
      dataCategories: (w.dataCategories ?? []).map((c) => ({
        dataSubjectCategory: c.dataSubjectCategory,
        personalDataCategory: c.personalDataCategory,
        sensitivity: c.sensitivity ?? null,
        retentionPeriod: c.retentionPeriod || null,
        retentionMonths: c.retentionMonths ?? null,
      })),
      recipients: (w.recipients ?? []).map((r) => ({
        name: r.name,
        category: r.category ?? null,
        thirdCountry: r.thirdCountry === true,
        country: r.country ?? null,
        transferBasis: r.transferBasis || null,
      })),
      systemUsageUuids: usageUuids,
      controllerRole,
      jointControllers,
      representative: w.representative || null,
      securityMeasures: w.securityMeasures || null,
      dataSource: w.dataSource || null,
    };
  }

  private async refuseTakenName(organizationUuid: string, name: string, self: string | null): Promise<void> {
    const existing = await this.repository.findByName(organizationUuid, name);
    if (existing && existing.uuid !== self)
      throw DomainError.conflict(`The organisation already has a processing activity named "${name}"`, { existingUuid: existing.uuid });
  }

  private async load(uuid: string): Promise<Stored<ProcessingActivity>> {
    const activity = await this.repository.findByUuid(uuid);
    if (!activity) throw DomainError.notFound(WHAT, uuid);
    return activity;
  }

  private event<T extends object>(
    caller: CallerContext,
    activity: ProcessingActivity,
    uuid: string,
    version: number,
    definition: Parameters<typeof buildEvent<T>>[1],
    data: T,
  ): PendingEvent {
    return buildEvent({ clock: this.clock, ids: this.ids }, definition, {
      aggregate: { type: AGGREGATE, uuid, version },
      organizationUuid: activity.organizationUuid,
      caller,
      data,
    });
  }
}

function writeOf(a: ProcessingActivity): ProcessingActivityWrite {
  return Object.fromEntries(ACTIVITY_FIELDS.map((f) => [f, a[f]])) as unknown as ProcessingActivityWrite;
}

function snapshot(uuid: string, a: ProcessingActivity): ProcessingActivitySnapshot {
  return {
    uuid,
    organizationUuid: a.organizationUuid,
    name: a.name,
    systemUsageUuids: a.systemUsageUuids,
    legalBases: a.legalBases,
    lastModified: a.lastModified.toISOString(),
  };
}

function stale(uuid: string, expectedVersion: number | undefined): DomainError {
  return DomainError.stale(`Processing activity ${uuid}`, expectedVersion);
}
