import { Inject, Injectable, Logger } from '@nestjs/common';
import { CALLER_CHANGED_SUBJECT, type CallerChangedNotice } from '@kitos/contracts';
import { NATS_CONNECTION } from '@kitos/messaging';
import type { NatsConnection } from 'nats';

/** How long a write waits for the bus to take its notice; past it the gateways' caches expire by age (docs/identity.md). */
const FLUSH_TIMEOUT_MS = 1000;

/**
 * Tells the gateways that a user's caller context (rights, API access, the user itself) or an organisation changed, so
 * that they drop the callers they cached. Called after the write and before the answer: the notice is on the server
 * (flushed) before the change is acknowledged, so the next request through any gateway resolves the caller again.
 */
@Injectable()
export class CallerChanges {
  private readonly logger = new Logger(CallerChanges.name);
  private readonly encoder = new TextEncoder();

  constructor(@Inject(NATS_CONNECTION) private readonly nc: NatsConnection) {}

  user(userUuid: string): Promise<void> {
    return this.announce({ userUuid });
  }

  everyone(): Promise<void> {
    return this.announce({});
  }

  private async announce(notice: CallerChangedNotice): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    try {
      this.nc.publish(CALLER_CHANGED_SUBJECT, this.encoder.encode(JSON.stringify(notice)));
      await Promise.race([
        this.nc.flush(),
        new Promise(
          (_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${FLUSH_TIMEOUT_MS} ms`)), FLUSH_TIMEOUT_MS)),
        ),
      ]);
    } catch (error) {
      this.logger.warn(`could not announce a caller change (${(error as Error).message}); gateways drop cached callers by age`);
    } finally {
      clearTimeout(timer);
    }
  }
}
