import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { CallerContext } from '@kitos/common';
import { CALLER_CHANGED_SUBJECT, type CallerChangedNotice } from '@kitos/contracts';
import { NATS_CONNECTION } from '@kitos/messaging';
import { Events, type Msg, type NatsConnection, type NatsError, type Subscription } from 'nats';

/** Callers kept at most; the least recently used one leaves first. */
export const CALLER_CACHE_MAX_ENTRIES = 10_000;
/** Safety net: a cached caller is resolved again after this long, even when no notice came. */
export const CALLER_CACHE_MAX_AGE_MS = 60_000;

/** Identity's events that change a caller: a user's (rights, API access, deletion) and an organisation's. */
const USER_EVENTS = 'evt.identity.user.>';
const ORGANIZATION_EVENTS = 'evt.identity.organization.>';

type TokenType = 'api' | 'session';
interface Entry {
  readonly caller: CallerContext;
  readonly at: number;
}

/**
 * The gateway's cache of resolved callers (a user's current rights behind a verified token), so that a request does not
 * ask identity each time. Evicted by identity's notices: identity publishes `CALLER_CHANGED_SUBJECT` for every write of a
 * user or an organisation and has the bus take it before it answers, so every gateway has dropped the entry before the
 * client can send its next request; identity's user and organisation events evict again when they arrive. While the bus
 * connection is down or was down, nothing is served from the cache (a notice may have been missed). Bounded in size and
 * age (`CALLER_CACHE_MAX_ENTRIES`, `CALLER_CACHE_MAX_AGE_MS`).
 */
@Injectable()
export class CallerCache implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(CallerCache.name);
  private readonly entries = new Map<string, Entry>();
  private readonly subscriptions: Subscription[] = [];
  /** Bumped by every eviction: a caller resolved while one happened is not stored (it may predate the change). */
  private generation = 0;
  private connected = true;
  private closed = false;
  hits = 0;
  misses = 0;

  constructor(@Inject(NATS_CONNECTION) private readonly nc: NatsConnection) {}

  onApplicationBootstrap(): void {
    const decoder = new TextDecoder();
    const on = (subject: string, handle: (message: Msg) => void) =>
      this.subscriptions.push(
        this.nc.subscribe(subject, {
          callback: (error: NatsError | null, message: Msg) => {
            if (error) {
              this.clear();
              return;
            }
            try {
              handle(message);
            } catch {
              this.clear(); // a notice we cannot read: forget everything rather than keep what it may have changed
            }
          },
        }),
      );
    on(CALLER_CHANGED_SUBJECT, (message) => {
      const notice = JSON.parse(decoder.decode(message.data)) as CallerChangedNotice;
      if (typeof notice.userUuid === 'string') this.evict(notice.userUuid);
      else this.clear();
    });
    on(USER_EVENTS, (message) => {
      const event = JSON.parse(decoder.decode(message.data)) as { aggregate?: { uuid?: unknown } };
      if (typeof event.aggregate?.uuid === 'string') this.evict(event.aggregate.uuid);
      else this.clear();
    });
    on(ORGANIZATION_EVENTS, () => this.clear());
    void this.followConnection();
  }

  onModuleDestroy(): void {
    this.closed = true;
    for (const subscription of this.subscriptions) subscription.unsubscribe();
    this.entries.clear();
  }

  /** The caller behind a verified token: from the cache, or from `resolve` (identity), then cached. */
  async resolve(
    userUuid: string,
    tokenType: TokenType,
    correlationId: string,
    resolve: () => Promise<CallerContext>,
  ): Promise<CallerContext> {
    const key = `${tokenType}:${userUuid}`;
    if (this.entries.has(key)) {
      // let notices that reached this process before the request be handled first
      await new Promise((resolveLater) => setImmediate(resolveLater));
      const entry = this.entries.get(key);
      if (entry && this.connected && Date.now() - entry.at < CALLER_CACHE_MAX_AGE_MS) {
        this.entries.delete(key);
        this.entries.set(key, entry); // most recently used last
        this.hits++;
        return { ...entry.caller, correlationId };
      }
      this.entries.delete(key);
    }
    this.misses++;
    const generation = this.generation;
    const caller = await resolve();
    if (generation === this.generation && this.connected && !this.closed) {
      this.entries.set(key, { caller, at: Date.now() });
      if (this.entries.size > CALLER_CACHE_MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value as string);
    }
    return caller;
  }

  get size(): number {
    return this.entries.size;
  }

  private evict(userUuid: string): void {
    this.generation++;
    this.entries.delete(`api:${userUuid}`);
    this.entries.delete(`session:${userUuid}`);
  }

  private clear(): void {
    this.generation++;
    this.entries.clear();
  }

  /** Notices published while this gateway was cut off from the bus are lost to it: start again empty. */
  private async followConnection(): Promise<void> {
    try {
      for await (const status of this.nc.status()) {
        if (status.type === Events.Disconnect) {
          this.connected = false;
          this.clear();
        } else if (status.type === Events.Reconnect) {
          this.clear();
          this.connected = true;
        }
      }
    } catch (error) {
      this.logger.warn(`caller cache stopped following the bus connection: ${(error as Error).message}`);
      this.connected = false;
      this.clear();
    }
  }
}
