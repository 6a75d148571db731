import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { Events, type NatsConnection, type Subscription } from 'nats';
import { NATS_CONNECTION } from '@kitos/messaging';

/** Core NATS subject (no stream) on which every reporting replica hears that derived figures must be computed anew. */
export const REPORTING_CHANGED_SUBJECT = 'notice.reporting.changed';

/**
 * A generation number of everything reporting's derived figures (benchmarks, data-quality scores) are computed from:
 * the live read models, the sharing settings and the rule pack. Whoever changes one of them calls `changed()`, which
 * bumps the number here at once and tells the other replicas through a core NATS notice. A reconnect bumps it too
 * (notices sent meanwhile are lost). Figures are cached under the generation they were computed in.
 */
@Injectable()
export class ReadModelChanges implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(ReadModelChanges.name);
  private current = 0;
  private subscription?: Subscription;

  constructor(@Inject(NATS_CONNECTION) private readonly nc: NatsConnection) {}

  get generation(): number {
    return this.current;
  }

  onModuleInit(): void {
    this.subscription = this.nc.subscribe(REPORTING_CHANGED_SUBJECT, { callback: () => this.current++ });
    void this.followReconnects();
  }

  onModuleDestroy(): void {
    this.subscription?.unsubscribe();
  }

  private async followReconnects(): Promise<void> {
    for await (const status of this.nc.status()) if (status.type === Events.Reconnect) this.current++;
  }

  /** Something the figures depend on changed: here at once, elsewhere as soon as the notice arrives. */
  changed(): void {
    this.current++;
    try {
      this.nc.publish(REPORTING_CHANGED_SUBJECT);
    } catch (error) {
      this.logger.warn(`Could not tell the other replicas of a change: ${String(error)}`); // closed connection
    }
  }
}

/**
 * Values computed once per generation: a value is kept with the generation it was computed in and computed again
 * when the generation moved on. Concurrent requests for a missing value share one computation. At most `limit`
 * keys are kept (the oldest go first).
 */
export class GenerationCache<T> {
  private readonly entries = new Map<string, { generation: number; value: Promise<T> }>();

  constructor(
    private readonly changes: { readonly generation: number },
    private readonly limit = 256,
  ) {}

  get(key: string, compute: () => Promise<T>): Promise<T> {
    const generation = this.changes.generation;
    const found = this.entries.get(key);
    if (found && found.generation === generation) return found.value;
    const value = compute();
    this.entries.delete(key);
    this.entries.set(key, { generation, value });
    value.catch(() => {
      if (this.entries.get(key)?.value === value) this.entries.delete(key); // a failure is not kept
    });
    while (this.entries.size > this.limit) this.entries.delete(this.entries.keys().next().value as string);
    return value;
  }
}
