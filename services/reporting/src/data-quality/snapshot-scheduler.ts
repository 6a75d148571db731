import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { CLOCK, danishDayOf, type Clock } from '@kitos/common';
import { DataQualityService } from './data-quality.service';
import { DataQualityStore } from './data-quality.store';

/** How often the service checks whether today's score snapshots exist. */
export const SNAPSHOT_CHECK_MS = 60 * 60 * 1000;
/** The first check after the start, once the read models had a moment to catch up. */
export const FIRST_SNAPSHOT_CHECK_MS = 5 * 60 * 1000;

/**
 * Stores the shipped rule pack at the first start, and takes the daily score snapshots: every hour it claims today's
 * run (a document with `_id` = the day, so that one replica takes it) and writes each organisation's missing snapshot of
 * the day. Global admins take snapshots on demand with `POST /api/v2/data-quality/snapshots`.
 */
@Injectable()
export class SnapshotScheduler implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(SnapshotScheduler.name);
  private timers: NodeJS.Timeout[] = [];
  private running?: Promise<void>;

  constructor(
    private readonly store: DataQualityStore,
    private readonly scores: DataQualityService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.store
      .ensureShippedPack()
      .catch((error: unknown) => this.logger.warn(`storing the shipped rule pack failed: ${String(error)}`));
    const first = setTimeout(() => this.kick(), FIRST_SNAPSHOT_CHECK_MS);
    const every = setInterval(() => this.kick(), SNAPSHOT_CHECK_MS);
    first.unref();
    every.unref();
    this.timers = [first, every];
  }

  async onModuleDestroy(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    await this.running;
  }

  private kick(): void {
    if (this.running) return;
    this.running = this.run()
      .catch((error: unknown) => this.logger.warn(`daily score snapshot failed: ${String(error)}`))
      .finally(() => (this.running = undefined));
  }

  /** Today's snapshots, unless this or another replica took them already today. */
  async run(at = this.clock.now()): Promise<void> {
    if (!(await this.store.claimRun(danishDayOf(at), at))) return;
    const result = await this.scores.snapshot(false, at);
    this.logger.log(`score snapshots of ${result.day}: ${result.organizations} organisations (rule pack ${result.rulePackVersion})`);
  }
}
