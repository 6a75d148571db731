import { Inject, Injectable } from '@nestjs/common';
import {
  CLOCK,
  DomainError,
  ID_GENERATOR,
  requireUser,
  type CallerContext,
  type Clock,
  type FieldError,
  type IdGenerator,
  danishDayOf,
  createOnce,
  earlierCreation,
  newAggregateUuid,
} from '@kitos/common';
import { SERVICE_CONFIG } from '@kitos/config';
import {
  ReminderEvents,
  type AlertResponse,
  type CreateReminderRequest,
  type EventDefinition,
  type FieldChange,
  type ListAlertsQuery,
  type ListRemindersQuery,
  type PatchReminderRequest,
  type ReminderDeliveryResponse,
  type ReminderRecipients,
  type ReminderResponse,
  type ReminderSettingsRequest,
  type ReminderSettingsResponse,
  type ReminderSnapshot,
} from '@kitos/contracts';
import { StaleVersionError, buildEvent, type Stored, type PendingEvent } from '@kitos/persistence';
import type { ContractsConfig } from '../contracts.config';
import { AlertsRepository, type Alert } from './alerts.repository';
import { BusClient } from './bus.client';
import { DeliveriesRepository } from './deliveries.repository';
import { automaticReminders, nextRepeatDueAt, type AutomaticReminder } from './due-occurrences';
import { emptyRecipients, type Recipients, type Reminder } from './reminder';
import { deadlineReminderMail } from './reminder-mail';
import { canHandleAlert, canReadReminders, canWriteReminderSettings, canWriteReminders } from './reminder.policy';
import { ReminderScheduler } from './reminder-scheduler';
import { ReminderSettingsRepository, type ReminderSettings } from './reminder-settings.repository';
import { RemindersRepository } from './reminders.repository';
import { RelatedObjectsRepository, type RelatedObject } from './related-objects.repository';

const recipientsOf = (r: ReminderRecipients | null | undefined): Recipients => ({
  roleUuids: [...(r?.roleUuids ?? [])],
  emails: [...new Set((r?.emails ?? []).map((e) => e.trim().toLowerCase()))],
});
const hasRecipients = (r: Recipients) => r.roleUuids.length + r.emails.length > 0;

/** Reminders (advis), the automatic deadline reminders' settings, and the alerts for what could not be sent. */
@Injectable()
export class RemindersService {
  private readonly config: ContractsConfig;

  constructor(
    @Inject(SERVICE_CONFIG) config: ContractsConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ID_GENERATOR) private readonly ids: IdGenerator,
    private readonly reminders: RemindersRepository,
    private readonly objects: RelatedObjectsRepository,
    private readonly settings: ReminderSettingsRepository,
    private readonly deliveries: DeliveriesRepository,
    private readonly alerts: AlertsRepository,
    private readonly bus: BusClient,
    private readonly scheduler: ReminderScheduler,
  ) {
    this.config = config;
  }

  async create(caller: CallerContext, request: CreateReminderRequest): Promise<ReminderResponse> {
    requireUser(caller);
    const errors: FieldError[] = [];
    if (request.type === 'Immediate' && request.schedule)
      errors.push({ field: 'schedule', message: 'an Immediate reminder has no schedule' });
    if (request.type === 'Repeat' && !request.schedule) errors.push({ field: 'schedule', message: 'a Repeat reminder needs a schedule' });
    errors.push(...scheduleErrors(request.schedule));
    const to = recipientsOf(request.to);
    const cc = recipientsOf(request.cc);
    if (!hasRecipients(to)) errors.push({ field: 'to', message: 'name at least one role or e-mail address' });
    if (errors.length) throw DomainError.badInput('The reminder is invalid', errors);

    const entity = await this.relatedObject(request.relatedEntity.type, request.relatedEntity.uuid);
    this.requireWrite(caller, entity);
    const uuid = newAggregateUuid(this.ids, caller, 'reminder');
    // a retry of a create whose answer was lost (Idempotency-Key): the reminder the first run made, as it is now
    const earlier = () => earlierCreation(caller, () => this.get(caller, uuid));
    const found = await earlier();
    if (found) return found;
    const now = this.clock.now();
    const state: Reminder = {
      organizationUuid: entity.organizationUuid,
      relatedEntityType: entity.type,
      relatedEntityUuid: entity.uuid,
      type: request.type,
      name: request.name ?? null,
      subject: request.subject,
      body: request.body,
      to,
      cc,
      schedule: request.schedule
        ? { startDate: request.schedule.startDate, endDate: request.schedule.endDate ?? null, repetition: request.schedule.repetition }
        : null,
      active: true,
      createdByUuid: caller.userUuid,
      created: now,
      lastModified: now,
      lastModifiedByUuid: caller.userUuid,
      effectiveFrom: now,
    };
    // a retry that overtook its first run collides on `_id` with that run's reminder: that is its answer
    return createOnce(
      caller,
      async () => {
        await this.reminders.insert(uuid, { ...state }, [this.event(ReminderEvents.reminderCreated, caller, uuid, 1, state, null)]);
        this.scheduler.wake();
        return this.toResponse({ ...state, uuid, version: 1 }, entity, now);
      },
      earlier,
    );
  }

  async get(caller: CallerContext, uuid: string): Promise<ReminderResponse> {
    const reminder = await this.load(caller, uuid);
    return this.toResponse(reminder, await this.objects.find(reminder.relatedEntityUuid), this.clock.now());
  }

  /** Per object (its automatic reminders included) or per organisation; active ones unless asked otherwise. */
  async list(caller: CallerContext, query: ListRemindersQuery): Promise<ReminderResponse[]> {
    requireUser(caller);
    let organizationUuid = query.organizationUuid;
    let entity: RelatedObject | null = null;
    if (query.relatedEntityUuid) {
      entity = await this.objects.find(query.relatedEntityUuid);
      if (!entity && query.relatedEntityType) entity = await this.relatedObject(query.relatedEntityType, query.relatedEntityUuid);
      if (!entity || entity.deleted || (organizationUuid && organizationUuid !== entity.organizationUuid)) {
        throw DomainError.notFound('Object', query.relatedEntityUuid);
      }
      organizationUuid = entity.organizationUuid;
    }
    if (!organizationUuid) {
      throw DomainError.badInput('Give organizationUuid or relatedEntityUuid', [{ field: 'organizationUuid', message: 'required' }]);
    }
    if (!canReadReminders(caller, organizationUuid)) throw DomainError.notFound('Organization', organizationUuid);
    const filter: Record<string, unknown> = entity ? { relatedEntityUuid: entity.uuid } : { organizationUuid };
    if (!query.includeInactive) filter.active = true;
    const now = this.clock.now();
    const manual = (await this.reminders.findLive(filter)).filter(
      (r) => !query.relatedEntityType || r.relatedEntityType === query.relatedEntityType,
    );
    const objects = new Map((await this.objects.findMany(manual.map((r) => r.relatedEntityUuid))).map((o) => [o.uuid, o]));
    const result = manual.map((r) => this.toResponse(r, objects.get(r.relatedEntityUuid) ?? null, now));
    const settings = await this.settings.get(organizationUuid);
    if (settings.enabled && hasRecipients(settings.to)) {
      const candidates = entity ? [entity] : (await this.objects.withDeadlines()).filter((o) => o.organizationUuid === organizationUuid);
      for (const object of candidates.filter((o) => !query.relatedEntityType || o.type === query.relatedEntityType)) {
        for (const a of automaticReminders(object.uuid, object.deadlines, settings, danishDayOf(now), this.config.reminderSendHour)) {
          result.push(this.automaticResponse(a, object, settings, now));
        }
      }
    }
    return result;
  }

  async patch(caller: CallerContext, uuid: string, expectedVersion: number | undefined, changes: Partial<PatchReminderRequest>) {
    const current = await this.loadForWrite(caller, uuid, expectedVersion);
    const errors: FieldError[] = [];
    if (changes.schedule !== undefined && current.type === 'Immediate') {
      errors.push({ field: 'schedule', message: 'an Immediate reminder has no schedule' });
    }
    errors.push(...scheduleErrors(changes.schedule));
    const next: Reminder = { ...current };
    if (changes.name !== undefined) next.name = changes.name ?? null;
    if (changes.subject !== undefined) next.subject = changes.subject;
    if (changes.body !== undefined) next.body = changes.body;
    if (changes.to !== undefined) next.to = recipientsOf(changes.to);
    if (changes.cc !== undefined) next.cc = changes.cc === null ? emptyRecipients() : recipientsOf(changes.cc);
    if (!hasRecipients(next.to)) errors.push({ field: 'to', message: 'name at least one role or e-mail address' });
    if (errors.length) throw DomainError.badInput('The reminder is invalid', errors);
    const now = this.clock.now();
    if (changes.schedule) {
      next.schedule = {
        startDate: changes.schedule.startDate,
        endDate: changes.schedule.endDate ?? null,
        repetition: changes.schedule.repetition,
      };
      // a new schedule starts counting now: occurrences of the old one that were missed are not sent under the new one
      next.effectiveFrom = now;
    }
    return this.save(caller, current, next, now);
  }

  /** KITOS "deactivate": nothing more is sent; the reminder and its log stay. */
  async deactivate(caller: CallerContext, uuid: string, expectedVersion: number | undefined): Promise<ReminderResponse> {
    const current = await this.loadForWrite(caller, uuid, expectedVersion);
    if (!current.active) return this.toResponse(current, await this.objects.find(current.relatedEntityUuid), this.clock.now());
    return this.save(caller, current, { ...current, active: false }, this.clock.now());
  }

  async delete(caller: CallerContext, uuid: string, expectedVersion: number | undefined): Promise<void> {
    const current = await this.loadForWrite(caller, uuid, expectedVersion);
    const now = this.clock.now();
    const event = buildEvent({ clock: this.clock, ids: this.ids }, ReminderEvents.reminderDeleted, {
      aggregate: { type: 'reminder', uuid, version: current.version + 1 },
      organizationUuid: current.organizationUuid,
      caller,
      data: { uuid, organizationUuid: current.organizationUuid, deletedAt: now.toISOString() },
    });
    await this.reminders.markDeleted(uuid, current.version, { active: false }, [event], now).catch(rethrowStale);
  }

  /** The sent log of a reminder (automatic ones too, by their uuid from the list): per occurrence, what became of it. */
  async deliveriesOf(caller: CallerContext, uuid: string): Promise<ReminderDeliveryResponse[]> {
    requireUser(caller);
    const reminder = await this.reminders.findByUuid(uuid);
    const log = await this.deliveries.logOf(uuid);
    const organizationUuid = reminder?.organizationUuid ?? log[0]?.organizationUuid;
    if (!organizationUuid || !canReadReminders(caller, organizationUuid)) throw DomainError.notFound('Reminder', uuid);
    return log.map((a) => ({
      occurrence: a.occurrence,
      dueAt: a.dueAt.toISOString(),
      status: a.status,
      late: a.late,
      attempt: a.attempt,
      sentAt: a.sentAt?.toISOString() ?? null,
      to: a.to,
      cc: a.cc,
      error: a.error,
    }));
  }

  async getSettings(caller: CallerContext, organizationUuid: string): Promise<ReminderSettingsResponse> {
    requireUser(caller);
    if (!canReadReminders(caller, organizationUuid)) throw DomainError.notFound('Organization', organizationUuid);
    return settingsResponse(await this.settings.get(organizationUuid));
  }

  async putSettings(
    caller: CallerContext,
    organizationUuid: string,
    body: ReminderSettingsRequest,
    expectedVersion?: number,
  ): Promise<ReminderSettingsResponse> {
    requireUser(caller);
    if (!canReadReminders(caller, organizationUuid)) throw DomainError.notFound('Organization', organizationUuid);
    if (!canWriteReminderSettings(caller, organizationUuid))
      throw DomainError.forbidden('Only local administrators set automatic reminders');
    const defaults = await this.settings.get(organizationUuid);
    const settings: Omit<ReminderSettings, 'version'> = {
      organizationUuid,
      enabled: body.enabled ?? true,
      to: recipientsOf(body.to),
      leadDays: body.leadDays ? [...body.leadDays].sort((a, b) => b - a) : defaults.leadDays,
      deadlines: body.deadlines ?? defaults.deadlines,
      lastModified: this.clock.now(),
      lastModifiedByUuid: caller.userUuid,
    };
    const version = await this.settings.put(settings, expectedVersion);
    if (version === null) throw DomainError.stale(`The reminder settings of organisation ${organizationUuid}`, expectedVersion);
    this.scheduler.wake();
    return settingsResponse({ ...settings, version });
  }

  async listAlerts(caller: CallerContext, query: ListAlertsQuery): Promise<AlertResponse[]> {
    requireUser(caller);
    if (!canReadReminders(caller, query.organizationUuid)) throw DomainError.notFound('Organization', query.organizationUuid);
    const alerts = await this.alerts.listOf(query.organizationUuid, query.includeDismissed ?? false);
    return alerts.filter((a) => canHandleAlert(caller, a)).map(alertResponse);
  }

  async dismissAlert(caller: CallerContext, uuid: string): Promise<AlertResponse> {
    requireUser(caller);
    const alert = await this.alerts.find(uuid);
    if (!alert || !canReadReminders(caller, alert.organizationUuid)) throw DomainError.notFound('Alert', uuid);
    if (!canHandleAlert(caller, alert)) throw DomainError.forbidden('Only the owner of the alert or a local administrator dismisses it');
    const at = this.clock.now();
    await this.alerts.dismiss(uuid, at);
    return alertResponse({ ...alert, dismissedAt: alert.dismissedAt ?? at });
  }

  // ------------------------------------------------------------------------------------------------------------

  /** The object from the local copy, or read through from its owner when no event has arrived yet; 404 when unknown. */
  private async relatedObject(type: RelatedObject['type'], uuid: string): Promise<RelatedObject> {
    const copy = await this.objects.find(uuid);
    if (copy && copy.type !== type) throw DomainError.notFound(type, uuid);
    if (copy && copy.deleted) throw DomainError.notFound(type, uuid);
    if (copy) return copy;
    const owned = await this.bus.findObject(type, uuid);
    if (!owned) throw DomainError.notFound(type, uuid);
    await this.objects.remember(uuid, type, owned.organizationUuid, owned.name);
    return { uuid, type, organizationUuid: owned.organizationUuid, name: owned.name, deadlines: {}, deleted: false };
  }

  private requireWrite(caller: CallerContext, entity: { organizationUuid: string; type: RelatedObject['type']; uuid: string }): void {
    if (!canReadReminders(caller, entity.organizationUuid)) throw DomainError.notFound(entity.type, entity.uuid);
    if (!canWriteReminders(caller, entity.organizationUuid, entity.type)) {
      throw DomainError.forbidden('Only those who may change the object change its reminders');
    }
  }

  private async load(caller: CallerContext, uuid: string): Promise<Stored<Reminder>> {
    requireUser(caller);
    const reminder = await this.reminders.findByUuid(uuid);
    if (!reminder || !canReadReminders(caller, reminder.organizationUuid)) throw DomainError.notFound('Reminder', uuid);
    return reminder;
  }

  private async loadForWrite(caller: CallerContext, uuid: string, expectedVersion: number | undefined): Promise<Stored<Reminder>> {
    const reminder = await this.load(caller, uuid);
    this.requireWrite(caller, { organizationUuid: reminder.organizationUuid, type: reminder.relatedEntityType, uuid });
    if (expectedVersion !== undefined && expectedVersion !== reminder.version) {
      throw DomainError.preconditionFailed('The reminder changed since you read it');
    }
    return reminder;
  }

  private async save(caller: CallerContext, current: Stored<Reminder>, next: Reminder, now: Date): Promise<ReminderResponse> {
    const { uuid, version } = current;
    next.lastModified = now;
    next.lastModifiedByUuid = caller.userUuid;
    const changes = fieldChanges(current, next);
    const event = this.event(ReminderEvents.reminderUpdated, caller, uuid, version + 1, next, changes);
    const { uuid: _uuid, version: _version, ...set } = next as Stored<Reminder>;
    await this.reminders.update(uuid, version, set, [event]).catch(rethrowStale);
    this.scheduler.wake();
    return this.toResponse({ ...next, uuid, version: version + 1 }, await this.objects.find(next.relatedEntityUuid), now);
  }

  private event<T extends object>(
    definition: EventDefinition<T>,
    caller: CallerContext,
    uuid: string,
    version: number,
    state: Reminder,
    changes: FieldChange[] | null,
  ): PendingEvent {
    const reminder: ReminderSnapshot = {
      uuid,
      organizationUuid: state.organizationUuid,
      relatedEntityType: state.relatedEntityType,
      relatedEntityUuid: state.relatedEntityUuid,
      type: state.type,
      name: state.name,
      active: state.active,
      lastModified: state.lastModified.toISOString(),
    };
    return buildEvent({ clock: this.clock, ids: this.ids }, definition, {
      aggregate: { type: 'reminder', uuid, version },
      organizationUuid: state.organizationUuid,
      caller,
      data: (changes ? { reminder, changes } : { reminder }) as unknown as T,
    });
  }

  private toResponse(r: Stored<Reminder>, entity: RelatedObject | null, now: Date): ReminderResponse {
    const next =
      r.active && r.type === 'Repeat' && r.schedule
        ? nextRepeatDueAt(r.schedule, now, r.effectiveFrom, this.config.reminderSendHour)
        : null;
    return {
      uuid: r.uuid,
      organizationUuid: r.organizationUuid,
      relatedEntity: { type: r.relatedEntityType, uuid: r.relatedEntityUuid, name: entity?.name ?? null },
      type: r.type,
      name: r.name,
      subject: r.subject,
      body: r.body,
      to: r.to,
      cc: r.cc,
      schedule: r.schedule,
      active: r.active,
      automatic: null,
      nextOccurrenceAt: next?.toISOString() ?? null,
      createdByUuid: r.createdByUuid,
      created: r.created.toISOString(),
      lastModified: r.lastModified.toISOString(),
      version: r.version,
    };
  }

  private automaticResponse(a: AutomaticReminder, object: RelatedObject, settings: ReminderSettings, now: Date): ReminderResponse {
    const mail = deadlineReminderMail({
      deadline: a.deadline,
      deadlineDate: a.deadlineDate,
      entityType: object.type,
      entityName: object.name,
      today: danishDayOf(now),
      late: false,
    });
    const changed = (settings.lastModified ?? now).toISOString();
    return {
      uuid: a.uuid,
      organizationUuid: object.organizationUuid,
      relatedEntity: { type: object.type, uuid: object.uuid, name: object.name },
      type: 'Repeat',
      name: null,
      subject: mail.subject,
      body: mail.text,
      to: settings.to,
      cc: emptyRecipients(),
      schedule: null,
      active: true,
      automatic: { deadline: a.deadline, deadlineDate: a.deadlineDate, leadDays: a.leadDays },
      nextOccurrenceAt: a.dueAt > now ? a.dueAt.toISOString() : null,
      createdByUuid: settings.lastModifiedByUuid,
      created: changed,
      lastModified: changed,
      version: 1,
    };
  }
}

function scheduleErrors(schedule: { startDate: string; endDate?: string | null } | null | undefined): FieldError[] {
  if (!schedule?.endDate || schedule.endDate >= schedule.startDate) return [];
  return [{ field: 'schedule.endDate', message: 'must not be before startDate' }];
}

function fieldChanges(before: Reminder, after: Reminder): FieldChange[] {
  const fields = ['name', 'subject', 'body', 'to', 'cc', 'schedule', 'active'] as const;
  return fields
    .filter((f) => JSON.stringify(before[f]) !== JSON.stringify(after[f]))
    .map((f) => ({ field: f, oldValue: before[f], newValue: after[f] }));
}

function rethrowStale(error: unknown): never {
  if (error instanceof StaleVersionError) throw DomainError.conflict('The reminder was changed at the same time; read it again');
  throw error;
}

function settingsResponse(s: ReminderSettings): ReminderSettingsResponse {
  return {
    organizationUuid: s.organizationUuid,
    enabled: s.enabled,
    to: s.to,
    leadDays: s.leadDays,
    deadlines: s.deadlines,
    lastModified: s.lastModified?.toISOString() ?? null,
    version: s.version,
  };
}

function alertResponse(a: Alert): AlertResponse {
  return {
    uuid: a.uuid,
    organizationUuid: a.organizationUuid,
    ownerUuid: a.ownerUuid,
    reminderUuid: a.reminderUuid,
    relatedEntity: { type: a.relatedEntityType, uuid: a.relatedEntityUuid, name: a.relatedEntityName },
    occurrence: a.occurrence,
    message: a.message,
    reason: a.reason,
    created: a.created.toISOString(),
    dismissedAt: a.dismissedAt?.toISOString() ?? null,
  };
}
