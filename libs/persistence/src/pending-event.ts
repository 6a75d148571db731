import type { CallerContext, Clock, IdGenerator } from '@kitos/common';
import type { EventDefinition, EventEnvelope } from '@kitos/contracts';

export interface EventSource {
  readonly clock: Clock;
  readonly ids: IdGenerator;
}

/**
 * An event an aggregate change records, whatever its data: what AggregateRepository stores with the change. Every
 * `EventEnvelope<TData>` that buildEvent returns is one, without a cast.
 */
export type PendingEvent = EventEnvelope<object>;

/** Builds the envelope of an event that an aggregate change records; it is stored with the change and published later. */
export function buildEvent<TData extends object>(
  source: EventSource,
  definition: EventDefinition<TData>,
  args: {
    aggregate: { type: string; uuid: string; version: number };
    organizationUuid: string | null;
    caller: CallerContext;
    data: TData;
  },
): EventEnvelope<TData> {
  return {
    id: source.ids.uuid(),
    type: definition.type,
    version: definition.version,
    occurredAt: source.clock.now().toISOString(),
    organizationUuid: args.organizationUuid,
    actor: { kind: args.caller.kind, userUuid: args.caller.userUuid },
    aggregate: args.aggregate,
    correlationId: args.caller.correlationId,
    data: args.data,
  };
}
