import type { EventDefinition, EventEnvelope } from '@kitos/contracts';
import type { EventMeta } from './durable-event-consumer';

export const ON_EVENT_METADATA = 'kitos:messaging:on-event';

/** Handler of one event type and version: `@OnEvent(CatalogEvents.itSystemCreated) async onCreated(event, meta) {…}`. Stackable. */
export function OnEvent<TData extends object>(definition: EventDefinition<TData>) {
  return <THandler extends (event: EventEnvelope<TData>, meta: EventMeta) => Promise<void>>(
    _target: object,
    _key: string | symbol,
    descriptor: TypedPropertyDescriptor<THandler>,
  ): void => {
    const method = descriptor.value;
    if (!method) return;
    const definitions: readonly EventDefinition<object>[] = Reflect.getMetadata(ON_EVENT_METADATA, method) ?? [];
    Reflect.defineMetadata(ON_EVENT_METADATA, [...definitions, definition], method);
  };
}

/** `@OnEvent` for each of several event definitions: one handler for a family of events. */
export function OnEvents(definitions: readonly EventDefinition<object>[]): MethodDecorator {
  return (target, key, descriptor) => {
    for (const definition of definitions) {
      OnEvent(definition)(
        target,
        key as string,
        descriptor as unknown as TypedPropertyDescriptor<(event: EventEnvelope<object>) => Promise<void>>,
      );
    }
  };
}
