import { setTimeout as sleep } from 'node:timers/promises';
import type { ConnectionWatch } from './connection-watch';

/** Delay before redelivering a message whose handler failed on its `deliveryCount`-th (1-based) delivery; the last value repeats. */
export function retryDelayMs(backoffMs: readonly number[], deliveryCount: number): number {
  if (backoffMs.length === 0) return 0;
  return backoffMs[Math.min(Math.max(deliveryCount, 1) - 1, backoffMs.length - 1)];
}

const RECOVERY_DELAYS_MS = [250, 500, 1000, 2000, 5000];

/** Pause before trying to reach JetStream again after `failures` (0-based) consecutive failures. */
export function recoveryDelayMs(failures: number): number {
  return RECOVERY_DELAYS_MS[Math.min(Math.max(failures, 0), RECOVERY_DELAYS_MS.length - 1)];
}

/** Waits `ms`, or less when `signal` aborts. */
export async function pause(ms: number, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return;
  try {
    await sleep(ms, undefined, { signal });
  } catch (error) {
    if (!signal.aborted) throw error;
  }
}

/**
 * Runs `task` until it succeeds or `signal` aborts, pausing with recovery delays between failures.
 * `firstAttempt` settles after the first try whatever its outcome; `done` when the task succeeded or was abandoned.
 */
export function retryInBackground(
  task: () => Promise<void>,
  options: {
    readonly signal: AbortSignal;
    readonly onError: (error: unknown, retryInMs: number) => void;
    /** Attempts wait for this connection; while it is down, `firstAttempt` settles at once. */
    readonly connection?: ConnectionWatch;
  },
): { readonly firstAttempt: Promise<void>; readonly done: Promise<void> } {
  let firstAttemptOver!: () => void;
  const firstAttempt = new Promise<void>((resolve) => (firstAttemptOver = resolve));
  const done = (async () => {
    for (let failures = 0; !options.signal.aborted; failures++) {
      if (options.connection && !options.connection.connected) {
        firstAttemptOver();
        await options.connection.whenConnected(options.signal);
        if (options.signal.aborted) return;
      }
      try {
        await task();
        return;
      } catch (error) {
        if (options.signal.aborted) return;
        options.onError(error, recoveryDelayMs(failures));
      } finally {
        firstAttemptOver();
      }
      await pause(recoveryDelayMs(failures), options.signal);
    }
  })().finally(firstAttemptOver);
  return { firstAttempt, done };
}
