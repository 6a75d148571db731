import { Inject, Injectable } from '@nestjs/common';
import {
  CLOCK,
  DomainError,
  ErrorCode,
  ID_GENERATOR,
  systemCaller,
  type CallerContext,
  type Clock,
  type FieldError,
  type IdGenerator,
  danishDayOf,
  danishDayOfInput,
  collectErrors,
} from '@kitos/common';
import {
  changedFields,
  ArchivingEvents,
  type FieldChange,
  type IdentityNamePair,
  type JournalPeriodResponse,
  type ResourcePermissionsResponse,
  type UpdateUsageArchiveRequest,
  type UsageArchiveResponse,
  type UsageArchiveSnapshot,
} from '@kitos/contracts';
import { DuplicateKeyError, StaleVersionError, buildEvent, type Stored, type PendingEvent } from '@kitos/persistence';
import { GdprCopies } from '../copies/gdpr-copies';
import { ARCHIVE_LOCATIONS, ARCHIVE_TEST_LOCATIONS, ARCHIVE_TYPES, OptionCatalog } from '../copies/option-catalog';
import { OrganizationCopies } from '../copies/organization-copies';
import { SystemCopies } from '../copies/system-copies';
import { UsageCopies, type UsageCopy } from '../copies/usage-copies';
import {
  WRITABLE_FIELDS,
  archiveFields,
  derive,
  emptyArchive,
  emptyFields,
  type JournalPeriod,
  type UsageArchive,
  type UsageArchiveFields,
} from './usage-archive';
import { UsageArchivePolicy } from './usage-archive.policy';
import { UsageArchivesRepository } from './usage-archives.repository';

const AGGREGATE = 'usage-archive';
const REFRESH_ATTEMPTS = 5;

/** A usage with its archiving profile (null while it was never written). */
export interface ArchiveContext {
  usage: UsageCopy;
  profile: Stored<UsageArchive> | null;
}

type Sent = Partial<UpdateUsageArchiveRequest>;

/**
 * The archiving profile of a usage: the decision on archive duty and how the system is archived, checked against the
 * rules and the options of the organisation, with its derived delivery date and findings. Every change — by a user,
 * or because the catalogue's recommendation or gdpr's deletion date changed — is one write with its event.
 */
@Injectable()
export class UsageArchivesService {
  constructor(
    private readonly repository: UsageArchivesRepository,
    private readonly usages: UsageCopies,
    private readonly systems: SystemCopies,
    private readonly gdpr: GdprCopies,
    private readonly organizations: OrganizationCopies,
    private readonly options: OptionCatalog,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ID_GENERATOR) private readonly ids: IdGenerator,
  ) {}

  async get(caller: CallerContext, usageUuid: string): Promise<UsageArchiveResponse> {
    const context = await this.open(caller, usageUuid, 'read');
    return this.respond(context);
  }

  /**
   * KITOS `GET /it-system-usage-archives/{uuid}/permissions`: read, modify and delete by the checks the write paths
   * make (modify covers the journal periods; delete is the reset, allowed to the same administrators). A usage the
   * caller may not read is 403 and an unknown one 404, as on GET.
   */
  async permissions(caller: CallerContext, usageUuid: string): Promise<ResourcePermissionsResponse> {
    const { usage } = await this.open(caller, usageUuid, 'read');
    const modify = UsageArchivePolicy.canModify(caller, usage.organizationUuid);
    return { read: true, modify, delete: modify };
  }

  /** PUT replaces every field (absent ones are reset); PATCH only the fields sent. Journal periods are kept either way. */
  async update(
    caller: CallerContext,
    usageUuid: string,
    sent: Sent,
    mode: 'put' | 'patch',
    expectedVersion?: number,
  ): Promise<UsageArchiveResponse> {
    return this.retryingConflicts(expectedVersion, async () => {
      const context = await this.open(caller, usageUuid, 'write', expectedVersion);
      const current = context.profile ?? this.empty(context.usage);
      const kitos = withArchiveTypeOf(sent);
      const fields = await this.resolveFields(current, mode === 'put' ? allFields(kitos) : kitos);
      const profile = await this.commit(caller, context, { ...current, ...fields }, expectedVersion);
      return this.respond({ usage: context.usage, profile });
    });
  }

  /**
   * KITOS `DELETE /it-system-usage-archives/{uuid}`: the usage's archiving registration is removed — every field a
   * client writes is cleared and its journal periods are dropped — with an `updated` event. What archiving derives from
   * other services (the recommendation, the deletion due date) stays, as the usage itself does.
   */
  async reset(caller: CallerContext, usageUuid: string, expectedVersion?: number): Promise<void> {
    await this.retryingConflicts(expectedVersion, async () => {
      const context = await this.open(caller, usageUuid, 'write', expectedVersion);
      if (!context.profile) return;
      await this.commit(caller, context, { ...context.profile, ...emptyFields(), journalPeriods: [] }, expectedVersion);
    });
  }

  /**
   * Runs a user's write again when it lost a race without having named a version: archiving's own background writes
   * (a recommendation or deletion date arriving from another service) must not make the client retry. With If-Match
   * the client named the version it read, so the 412 stands.
   */
  async retryingConflicts<T>(expectedVersion: number | undefined, write: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await write();
      } catch (error) {
        const lostRace = expectedVersion === undefined && error instanceof DomainError && error.code === ErrorCode.Conflict;
        if (!lostRace || attempt >= REFRESH_ATTEMPTS) throw error;
      }
    }
  }

  /** The usage and its profile, after the caller's access and the expected version were checked. */
  async open(caller: CallerContext, usageUuid: string, access: 'read' | 'write', expectedVersion?: number): Promise<ArchiveContext> {
    const usage = await this.usages.find(usageUuid);
    if (!usage) throw DomainError.notFound('IT system usage', usageUuid);
    if (access === 'read') UsageArchivePolicy.assertCanRead(caller, usage);
    else UsageArchivePolicy.assertCanModify(caller, usage);
    const profile = await this.repository.findByUuid(usageUuid);
    if (expectedVersion !== undefined && expectedVersion !== (profile?.version ?? 0)) throw stale(usageUuid, expectedVersion);
    return { usage, profile };
  }

  empty(usage: UsageCopy): UsageArchive {
    return emptyArchive(usage.organizationUuid, usage.systemUuid, this.clock.now());
  }

  /** Writes a user's change with fresh inputs from the other services; a concurrent write → 409/412. */
  async commit(
    caller: CallerContext,
    context: ArchiveContext,
    next: UsageArchive,
    expectedVersion?: number,
  ): Promise<Stored<UsageArchive>> {
    try {
      return await this.persist(caller, context.usage.uuid, context.profile, { ...next, ...(await this.inputsOf(context.usage)) });
    } catch (error) {
      if (error instanceof StaleVersionError || error instanceof DuplicateKeyError) throw stale(context.usage.uuid, expectedVersion);
      throw error;
    }
  }

  /**
   * Recomputes the recommendation, the deletion date and the findings of a usage's profile after an event from another
   * service (or a new day) and publishes the change; nothing when the usage has no profile or nothing changed.
   */
  async refresh(usageUuid: string, correlationId: string): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      const [profile, usage] = await Promise.all([this.repository.findByUuid(usageUuid), this.usages.find(usageUuid)]);
      if (!profile || !usage) return;
      try {
        await this.persist(systemCaller(correlationId), usageUuid, profile, { ...profile, ...(await this.inputsOf(usage)) });
        return;
      } catch (error) {
        if (!(error instanceof StaleVersionError) || attempt >= REFRESH_ATTEMPTS) throw error;
      }
    }
  }

  /** The usage is gone: its profile and periods go too, leaving a tombstone with the `deleted` event. */
  async removeForUsage(usageUuid: string, correlationId: string): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      const profile = await this.repository.findByUuid(usageUuid);
      if (!profile) return;
      const now = this.clock.now();
      const event = this.event(
        systemCaller(correlationId),
        profile.organizationUuid,
        usageUuid,
        profile.version + 1,
        ArchivingEvents.usageArchiveDeleted,
        {
          usageUuid,
          organizationUuid: profile.organizationUuid,
          deletedAt: now.toISOString(),
        },
      );
      try {
        await this.repository.markDeleted(
          usageUuid,
          profile.version,
          { journalPeriods: [], lastModified: now, lastModifiedByUserUuid: null },
          [event],
          now,
        );
        return;
      } catch (error) {
        if (!(error instanceof StaleVersionError) || attempt >= REFRESH_ATTEMPTS) throw error;
      }
    }
  }

  /** Whether a new day changed the findings of a profile (a delivery became overdue). */
  async needsRefresh(usageUuid: string): Promise<boolean> {
    const profile = await this.repository.findByUuid(usageUuid);
    if (!profile) return false;
    return JSON.stringify(derive(profile, this.today()).findings) !== JSON.stringify(profile.findings);
  }

  today(): string {
    return danishDayOf(this.clock.now());
  }

  /** What the other services decide: the system's recommendation (catalogue) and the deletion due date (gdpr). */
  async inputsOf(usage: UsageCopy): Promise<Pick<UsageArchive, 'recommendedArchiveDuty' | 'deletionDueDate'>> {
    const [system, deletionDueDate] = await Promise.all([this.systems.find(usage.systemUuid), this.gdpr.deletionDueDate(usage.uuid)]);
    return { recommendedArchiveDuty: system?.recommendedArchiveDuty ?? null, deletionDueDate };
  }

  /** Writes `next` with its derived fields and the `changed` event; nothing changed → no write. */
  private async persist(
    caller: CallerContext,
    usageUuid: string,
    current: Stored<UsageArchive> | null,
    next: UsageArchive,
  ): Promise<Stored<UsageArchive>> {
    const now = this.clock.now();
    const derived = derive(next, danishDayOf(now));
    const changes = fieldChanges(current ?? emptyArchive(next.organizationUuid, next.systemUuid, now), derived);
    if (!changes.length) return current ?? { ...derived, uuid: usageUuid, version: 0 };
    const version = (current?.version ?? 0) + 1;
    const { uuid: _uuid, version: _version, ...state } = derived as Partial<Stored<UsageArchive>> & UsageArchive;
    const updated: UsageArchive = { ...state, lastModified: now, lastModifiedByUserUuid: caller.userUuid };
    const event = this.event(caller, updated.organizationUuid, usageUuid, version, ArchivingEvents.usageArchiveChanged, {
      archive: snapshot(usageUuid, updated),
      changes,
    });
    if (!current) await this.repository.insert(usageUuid, { ...updated, createdAt: now }, [event]);
    else await this.repository.update(usageUuid, current.version, { ...updated }, [event]);
    return { ...updated, uuid: usageUuid, version };
  }

  /**
   * The fields sent, checked (every problem in one 400): options available in the organisation and the supplier a
   * known organisation, both only when they change (a value retired since does not block other changes), and the
   * dependent fields only with what they depend on.
   */
  private async resolveFields(current: UsageArchive, sent: Sent): Promise<Partial<UsageArchiveFields>> {
    const result: Partial<UsageArchiveFields> = {};
    const errors: FieldError[] = [];
    const checks: Array<() => Promise<unknown>> = [];
    const has = (field: keyof Sent) => field in sent;
    const organizationUuid = current.organizationUuid;

    if (has('archiveDuty')) result.archiveDuty = sent.archiveDuty ?? null;
    for (const [field, kind] of [
      ['archiveTypeUuid', ARCHIVE_TYPES],
      ['locationUuid', ARCHIVE_LOCATIONS],
      ['testLocationUuid', ARCHIVE_TEST_LOCATIONS],
    ] as const) {
      if (!has(field)) continue;
      const uuid = sent[field] ?? null;
      result[field] = uuid;
      if (uuid !== null && uuid !== current[field])
        checks.push(() => this.options.requireAvailable(kind, organizationUuid, [{ field, uuid }]));
    }
    if (has('supplierOrganizationUuid')) {
      const uuid = sent.supplierOrganizationUuid ?? null;
      result.supplierOrganizationUuid = uuid;
      if (uuid !== null && uuid !== current.supplierOrganizationUuid)
        checks.push(() => this.organizations.require('supplierOrganizationUuid', uuid));
    }
    if (has('active')) result.active = sent.active ?? null;
    if (has('notes')) result.notes = sent.notes ?? null;
    if (has('frequencyInMonths')) result.frequencyInMonths = sent.frequencyInMonths ?? null;
    if (has('documentBearing')) result.documentBearing = sent.documentBearing ?? null;
    if (has('legalBasis')) {
      const basis = sent.legalBasis ?? null;
      result.legalBasis = basis
        ? {
            text: basis.text,
            reference: basis.reference || null,
            decisionDate: basis.decisionDate ? danishDayOfInput(basis.decisionDate) : null,
          }
        : null;
    }
    if (has('receivingArchive')) {
      const archive = sent.receivingArchive ?? null;
      if (archive?.kind === 'Other' && !archive.name)
        errors.push({ field: 'receivingArchive.name', message: 'Name the receiving archive when its kind is Other' });
      result.receivingArchive = archive ? { kind: archive.kind, name: archive.name || null } : null;
    }
    if (has('kleBasedDocumentDisposalAllowed') || has('kleBasedDocumentDisposalDecisionDate')) {
      const allowed = has('kleBasedDocumentDisposalAllowed')
        ? (sent.kleBasedDocumentDisposalAllowed ?? null)
        : current.kleBasedDocumentDisposalAllowed;
      const date = sent.kleBasedDocumentDisposalDecisionDate;
      if (date && allowed !== true)
        errors.push({
          field: 'kleBasedDocumentDisposalDecisionDate',
          message: 'A decision date needs kleBasedDocumentDisposalAllowed = true',
        });
      result.kleBasedDocumentDisposalAllowed = allowed;
      // like KITOS's dependent GDPR fields: the date goes when the permission does
      result.kleBasedDocumentDisposalDecisionDate =
        allowed !== true
          ? null
          : date !== undefined
            ? date
              ? danishDayOfInput(date)
              : null
            : current.kleBasedDocumentDisposalDecisionDate;
    }
    if (has('notification')) {
      const n = sent.notification ?? null;
      if (n) {
        const notifiedAt = danishDayOfInput(n.notifiedAt);
        const approvedAt = n.approvedAt ? danishDayOfInput(n.approvedAt) : null;
        if (approvedAt && n.approved !== true)
          errors.push({ field: 'notification.approvedAt', message: 'approvedAt may only be set when the notification is approved' });
        else if (approvedAt && approvedAt < notifiedAt)
          errors.push({ field: 'notification.approvedAt', message: 'approvedAt must not be before notifiedAt' });
        result.notification = { notifiedAt, reference: n.reference || null, approved: n.approved === true, approvedAt };
      } else result.notification = null;
    }

    errors.push(...(await collectErrors(checks)));
    if (errors.length) throw DomainError.badInput('The archiving profile is invalid', errors);
    return result;
  }

  /** The profile as the API shows it, judged today with the latest recommendation and deletion date. */
  async respond(context: ArchiveContext): Promise<UsageArchiveResponse> {
    const { usage } = context;
    const stored = context.profile ?? { ...this.empty(usage), uuid: usage.uuid, version: 0 };
    const [inputs, system] = await Promise.all([this.inputsOf(usage), this.systems.find(usage.systemUuid)]);
    const a = derive({ ...stored, ...inputs }, this.today());
    const organizationUuids = [usage.organizationUuid, ...(a.supplierOrganizationUuid ? [a.supplierOrganizationUuid] : [])];
    const optionNames = (kind: Parameters<OptionCatalog['names']>[0], uuid: string | null) =>
      uuid ? this.options.names(kind, [uuid]) : Promise.resolve(new Map<string, string>());
    const [organizationNames, typeNames, locationNames, testLocationNames] = await Promise.all([
      this.organizations.names(organizationUuids),
      optionNames(ARCHIVE_TYPES, a.archiveTypeUuid),
      optionNames(ARCHIVE_LOCATIONS, a.locationUuid),
      optionNames(ARCHIVE_TEST_LOCATIONS, a.testLocationUuid),
    ]);
    const pair = (uuid: string | null, names: Map<string, string>): IdentityNamePair | null =>
      uuid ? { uuid, name: names.get(uuid) ?? null } : null;
    return {
      usageUuid: usage.uuid,
      systemContext: { uuid: usage.systemUuid, name: system?.name ?? usage.systemName },
      organizationContext: { uuid: usage.organizationUuid, name: organizationNames.get(usage.organizationUuid) ?? null },
      archiveDuty: a.archiveDuty,
      recommendedArchiveDuty: system?.recommendedArchiveDuty
        ? { id: system.recommendedArchiveDuty, comment: system.recommendedArchiveDutyComment }
        : null,
      type: pair(a.archiveTypeUuid, typeNames),
      archiveType: pair(a.archiveTypeUuid, typeNames),
      location: pair(a.locationUuid, locationNames),
      testLocation: pair(a.testLocationUuid, testLocationNames),
      supplierOrganization: pair(a.supplierOrganizationUuid, organizationNames),
      active: a.active,
      notes: a.notes,
      frequencyInMonths: a.frequencyInMonths,
      documentBearing: a.documentBearing,
      legalBasis: a.legalBasis ? { ...a.legalBasis } : null,
      receivingArchive: a.receivingArchive ? { ...a.receivingArchive } : null,
      kleBasedDocumentDisposalAllowed: a.kleBasedDocumentDisposalAllowed,
      kleBasedDocumentDisposalDecisionDate: a.kleBasedDocumentDisposalDecisionDate,
      notification: a.notification ? { ...a.notification } : null,
      journalPeriods: a.journalPeriods.map(periodResponse),
      latestApprovedPeriodEnd: a.latestApprovedPeriodEnd,
      nextDeliveryDue: a.nextDeliveryDue,
      deletionDueDate: a.deletionDueDate,
      findings: a.findings,
      lastModified: context.profile ? a.lastModified.toISOString() : null,
      lastModifiedBy: context.profile && a.lastModifiedByUserUuid ? { uuid: a.lastModifiedByUserUuid, name: null } : null,
      version: stored.version,
    };
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

export function periodResponse(p: JournalPeriod): JournalPeriodResponse {
  return {
    uuid: p.uuid,
    archiveId: p.archiveId,
    startDate: p.startDate,
    endDate: p.endDate,
    status: p.status,
    approved: p.status === 'Approved',
    approvalDate: p.approvalDate,
  };
}

function snapshot(usageUuid: string, a: UsageArchive): UsageArchiveSnapshot {
  return {
    usageUuid,
    organizationUuid: a.organizationUuid,
    archiveDuty: a.archiveDuty,
    nextDeliveryDue: a.nextDeliveryDue,
    findings: a.findings,
    lastModified: a.lastModified.toISOString(),
    systemUuid: a.systemUuid,
    recommendedArchiveDuty: a.recommendedArchiveDuty,
    frequencyInMonths: a.frequencyInMonths,
    latestApprovedPeriodEnd: a.latestApprovedPeriodEnd,
    deletionDueDate: a.deletionDueDate,
    notes: a.notes ?? null,
  };
}

/** Every writable field, absent ones as null (reset): the meaning of PUT. */
/** KITOS writes the archive type as `typeUuid`: it is taken as `archiveTypeUuid`; both sent and different → 400. */
function withArchiveTypeOf(sent: Sent): Sent {
  const { typeUuid, ...rest } = sent;
  // a validated PUT body holds every declared property, the unsent ones as undefined
  if (typeUuid === undefined) return rest;
  if (rest.archiveTypeUuid !== undefined && (rest.archiveTypeUuid ?? null) !== (typeUuid ?? null))
    throw DomainError.badInput('typeUuid and archiveTypeUuid name the same field and disagree', [
      { field: 'typeUuid', message: 'Send the archive type as typeUuid or archiveTypeUuid, not two different values' },
    ]);
  return { ...rest, archiveTypeUuid: typeUuid ?? null };
}

function allFields(sent: Sent): Sent {
  return Object.fromEntries(WRITABLE_FIELDS.map((field) => [field, sent[field] ?? null])) as Sent;
}

function fieldChanges(before: UsageArchive, after: UsageArchive): FieldChange[] {
  return changedFields(archiveFields(before), archiveFields(after));
}

export function stale(usageUuid: string, expectedVersion: number | undefined): DomainError {
  return DomainError.stale(`The archiving of usage ${usageUuid}`, expectedVersion);
}
