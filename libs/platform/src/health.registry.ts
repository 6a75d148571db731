import { Injectable } from '@nestjs/common';

export interface HealthResult {
  readonly up: boolean;
  readonly detail: string | number | Record<string, unknown>;
}

/** Readiness checks of one process (database, bus, outbox backlog...), registered by the modules that own them. */
@Injectable()
export class HealthRegistry {
  private readonly checks = new Map<string, () => Promise<HealthResult> | HealthResult>();

  register(name: string, check: () => Promise<HealthResult> | HealthResult): void {
    this.checks.set(name, check);
  }

  async evaluate(): Promise<{ ready: boolean; checks: Record<string, HealthResult> }> {
    const checks: Record<string, HealthResult> = {};
    await Promise.all(
      [...this.checks].map(async ([name, check]) => {
        try {
          checks[name] = await withTimeout(Promise.resolve(check()), 1500);
        } catch (error) {
          checks[name] = { up: false, detail: (error as Error).message };
        }
      }),
    );
    return { ready: Object.values(checks).every((c) => c.up), checks };
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    }),
  ]);
}
