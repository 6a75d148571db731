import type { EventEnvelope, HistoryEventKind, HistoryFieldChange } from '@kitos/contracts';

/** One stored history entry: one per event, `_id` = the event id so that a redelivered event is stored once. */
export interface HistoryRecord {
  _id: string;
  aggregateType: string;
  aggregateUuid: string;
  version: number;
  eventType: string;
  event: HistoryEventKind;
  occurredAt: Date;
  actorUuid: string | null;
  organizationUuid: string | null;
  /** Registration scope of catalogue objects (Local/Global) as of this event, when the event carries it. */
  scope: string | null;
  changes: HistoryFieldChange[];
}

/** Bookkeeping fields of snapshots that are not part of what a user registered. */
const NOT_RECORDED = new Set(['uuid', 'createdAt', 'lastModified', 'createdByUserUuid', 'lastModifiedByUserUuid', 'version']);

/** created/updated/deleted from the event type; `changed` events (gdpr, archiving, units) are created at version 1. */
export function eventKindOf(type: string, version: number): HistoryEventKind {
  const verb = type.slice(type.lastIndexOf('.') + 1);
  if (verb === 'created' || verb === 'deleted') return verb;
  if (verb === 'changed') return version === 1 ? 'created' : 'updated';
  return 'updated';
}

/** The object snapshot of an event's data: its one property that is a plain object (`system`, `usage`, `contract`…). */
export function snapshotOf(data: Record<string, unknown>): Record<string, unknown> | null {
  for (const [key, value] of Object.entries(data)) {
    if (key !== 'changes' && value !== null && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  }
  return null;
}

function isEmpty(value: unknown): boolean {
  return value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0);
}

/** The initial values of a created object as changes from null; empty values and bookkeeping fields left out. */
export function initialValues(snapshot: Record<string, unknown> | null): HistoryFieldChange[] {
  if (!snapshot) return [];
  return Object.entries(snapshot)
    .filter(([field, value]) => !NOT_RECORDED.has(field) && !isEmpty(value))
    .map(([field, value]) => ({ field, oldValue: null, newValue: value }));
}

function stringOr(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

/** Turns any domain event into its history record (pure). */
export function historyRecordOf(event: EventEnvelope): HistoryRecord {
  const data = event.data ?? {};
  const snapshot = snapshotOf(data);
  const kind = eventKindOf(event.type, event.aggregate.version);
  const declared = Array.isArray(data.changes) ? (data.changes as HistoryFieldChange[]) : null;
  const changes =
    kind === 'deleted'
      ? []
      : declared && !(kind === 'created' && declared.length === 0)
        ? declared.map((c) => ({ field: c.field, oldValue: c.oldValue ?? null, newValue: c.newValue ?? null }))
        : kind === 'created'
          ? initialValues(snapshot)
          : [];
  return {
    _id: event.id,
    aggregateType: event.aggregate.type,
    aggregateUuid: event.aggregate.uuid,
    version: event.aggregate.version,
    eventType: event.type,
    event: kind,
    occurredAt: new Date(event.occurredAt),
    actorUuid: event.actor?.kind === 'user' ? (event.actor.userUuid ?? null) : null,
    organizationUuid: event.organizationUuid ?? stringOr(snapshot?.organizationUuid) ?? stringOr(data.organizationUuid),
    scope: stringOr(snapshot?.scope) ?? stringOr(data.scope),
    changes,
  };
}
