import { DomainError } from '@kitos/common';
import type { ClassConstructor } from 'class-transformer';
import { validateInto } from '../validation';
import { EventEnvelope } from './envelope';

export interface EventDefinition<TData extends object> {
  readonly type: string;
  readonly version: number;
  readonly schema: ClassConstructor<TData>;
}

const registry = new Map<string, EventDefinition<object>>();
const key = (type: string, version: number) => `${type}@${version}`;

/** Declares an event type and its payload schema; both the publisher and every consumer validate against it. */
export function defineEvent<TData extends object>(type: string, version: number, schema: ClassConstructor<TData>): EventDefinition<TData> {
  const definition = { type, version, schema };
  registry.set(key(type, version), definition as EventDefinition<object>);
  return definition;
}

/** Every event type and version declared so far (all of them once `@kitos/contracts` is loaded). */
export function registeredEvents(): EventDefinition<object>[] {
  return [...registry.values()];
}

export function isKnownEvent(type: string, version: number): boolean {
  return registry.has(key(type, version));
}

export class InvalidEventError extends Error {
  constructor(
    message: string,
    readonly details: unknown,
  ) {
    super(message);
    this.name = 'InvalidEventError';
  }
}

/** Validates an envelope and its data against the registered schema; throws InvalidEventError (never retried). */
export function validateEvent(plain: unknown): EventEnvelope {
  try {
    const envelope = validateInto(EventEnvelope, plain, { forbidUnknown: false });
    const definition = registry.get(key(envelope.type, envelope.version));
    if (!definition) throw new InvalidEventError(`No schema for event ${envelope.type} v${envelope.version}`, null);
    envelope.data = validateInto(definition.schema, envelope.data, { forbidUnknown: false }) as Record<string, unknown>;
    return envelope;
  } catch (error) {
    if (error instanceof DomainError) throw new InvalidEventError(`Invalid event: ${error.message}`, error.errors);
    throw error;
  }
}
