import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

const store = new AsyncLocalStorage<{ correlationId: string }>();

/** Runs `fn` with a correlation id that every log line written inside it carries. */
export function runWithCorrelation<T>(correlationId: string | undefined, fn: () => T): T {
  return store.run({ correlationId: correlationId || randomUUID() }, fn);
}

export function currentCorrelationId(): string | undefined {
  return store.getStore()?.correlationId;
}

/** Accepts a caller-supplied correlation id only when it is short and harmless; otherwise makes a new one. */
export function sanitizeCorrelationId(value: unknown): string {
  return typeof value === 'string' && /^[A-Za-z0-9._:-]{1,100}$/.test(value) ? value : randomUUID();
}
