import { Injectable } from '@nestjs/common';
import * as contracts from '@kitos/contracts';
import type { EventDefinition, EventEnvelope } from '@kitos/contracts';
import { OnEvent, type EventMeta } from '@kitos/messaging';
import { WebhookDispatcher } from './webhook-dispatcher';

function isEventDefinition(value: unknown): value is EventDefinition<object> {
  if (!value || typeof value !== 'object') return false;
  const candidate = value as Record<string, unknown>;
  return typeof candidate.type === 'string' && typeof candidate.version === 'number' && typeof candidate.schema === 'function';
}

/** Every event definition the contracts declare (the `…Events` objects), so new events reach webhooks without a change here. */
export function allEventDefinitions(): EventDefinition<object>[] {
  const found = new Map<string, EventDefinition<object>>();
  for (const [name, value] of Object.entries(contracts)) {
    if (!name.endsWith('Events') || !value || typeof value !== 'object') continue;
    for (const definition of Object.values(value as Record<string, unknown>))
      if (isEventDefinition(definition)) found.set(`${definition.type}@${definition.version}`, definition);
  }
  return [...found.values()].filter((d) => !d.type.startsWith('reporting.'));
}

/** Hands every event of the consumed services to the webhook dispatcher. */
@Injectable()
export class WebhookFanout {
  constructor(private readonly dispatcher: WebhookDispatcher) {}

  async onEvent(event: EventEnvelope): Promise<void> {
    await this.dispatcher.enqueue(event);
  }
}

// `@OnEvent` for each known definition, applied once to the one handler.
const descriptor = Object.getOwnPropertyDescriptor(WebhookFanout.prototype, 'onEvent') as TypedPropertyDescriptor<
  (event: EventEnvelope<object>, meta: EventMeta) => Promise<void>
>;
for (const definition of allEventDefinitions()) OnEvent(definition)(WebhookFanout.prototype, 'onEvent', descriptor);
