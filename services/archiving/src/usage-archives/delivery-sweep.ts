import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { MongoConnection } from '@kitos/persistence';
import { UsageArchivesRepository } from './usage-archives.repository';
import { UsageArchivesService } from './usage-archives.service';

const FIRST_RUN_MS = 10_000;
const INTERVAL_MS = 60 * 60 * 1000;

/**
 * A delivery becomes overdue because a day passes, not because anything happened: once an hour this re-judges the
 * profiles with a delivery date and publishes those whose findings changed, so that the events' findings (gdpr's
 * dashboard) are never more than an hour behind the day. Several replicas may sweep at once: each write carries the
 * version it read, so one of two identical writes wins and the other finds nothing left to change.
 */
@Injectable()
export class DeliverySweep implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(DeliverySweep.name);
  private timers: NodeJS.Timeout[] = [];
  private running = false;

  constructor(
    private readonly repository: UsageArchivesRepository,
    private readonly archives: UsageArchivesService,
    private readonly mongo: MongoConnection,
  ) {}

  onApplicationBootstrap(): void {
    this.timers = [setTimeout(() => void this.run(), FIRST_RUN_MS), setInterval(() => void this.run(), INTERVAL_MS)];
    for (const timer of this.timers) timer.unref();
  }

  onApplicationShutdown(): void {
    for (const timer of this.timers) clearTimeout(timer);
  }

  /** One pass; returns how many profiles were re-published. */
  async run(): Promise<number> {
    if (this.running || !this.mongo.health().up) return 0;
    this.running = true;
    let refreshed = 0;
    try {
      const correlationId = randomUUID();
      for (const uuid of await this.repository.withDeliveryDates()) {
        if (!(await this.archives.needsRefresh(uuid))) continue;
        await this.archives.refresh(uuid, correlationId);
        refreshed++;
      }
    } catch (error) {
      this.logger.warn(`delivery sweep stopped early: ${(error as Error).message}`);
    } finally {
      this.running = false;
    }
    return refreshed;
  }
}
