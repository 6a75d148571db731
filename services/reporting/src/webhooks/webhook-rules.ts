import { createHash, createHmac } from 'node:crypto';

/** Does `topic` (`<service>.<aggregate>.<event>`, `*` for any one segment) match the event type? */
export function topicMatches(topic: string, eventType: string): boolean {
  const wanted = topic.split('.');
  const actual = eventType.split('.');
  return wanted.length === actual.length && wanted.every((segment, i) => segment === '*' || segment === actual[i]);
}

export function anyTopicMatches(topics: readonly string[], eventType: string): boolean {
  return topics.some((topic) => topicMatches(topic, eventType));
}

/** Aggregates of the shared catalogue: another organisation's entries are readable when their scope is Global. */
const SHARED_CATALOG_AGGREGATES = new Set(['catalog.it-system', 'catalog.it-interface']);

export interface SubscriberReach {
  readonly organizationUuid: string;
  /** Whether the subscriber may read other organisations' Global catalogue entries (cross-organisation read Public or All). */
  readonly readsGlobalCatalog: boolean;
}

export interface EventFacts {
  readonly type: string;
  readonly organizationUuid: string | null;
  readonly data: Record<string, unknown>;
}

/** The scope of the catalogue entry an event carries (in its data or its snapshot), when it tells. */
export function scopeOf(data: Record<string, unknown>): string | undefined {
  if (typeof data.scope === 'string') return data.scope;
  for (const value of Object.values(data)) {
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      const scope = (value as Record<string, unknown>).scope;
      if (typeof scope === 'string') return scope;
    }
  }
  return undefined;
}

/**
 * May the subscriber's organisation read what the event tells? Its own organisation's events; events of no
 * organisation (KLE, global options); another organisation's Global catalogue entries with Public read. Never another
 * organisation's usages, contracts, DPRs, projects, units or users.
 */
export function eventVisibleTo(subscriber: SubscriberReach, event: EventFacts): boolean {
  if (event.organizationUuid === subscriber.organizationUuid) return true;
  if (event.organizationUuid === null || event.organizationUuid === undefined) return true;
  const aggregate = event.type.split('.').slice(0, 2).join('.');
  return subscriber.readsGlobalCatalog && SHARED_CATALOG_AGGREGATES.has(aggregate) && scopeOf(event.data) === 'Global';
}

/** The URL a subscription may post to: absolute http(s), https only in production, no credentials in it. */
export function urlProblem(url: string, production: boolean): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'url must be an absolute URL';
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return 'url must be http or https';
  if (production && parsed.protocol !== 'https:') return 'url must be https';
  if (parsed.username || parsed.password) return 'url must not carry credentials';
  return undefined;
}

/** `sha256=<hex HMAC-SHA256 of the body with the secret>`, the value of X-Kitos-Signature. */
export function signature(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;
}

/** Delay before attempt `attempt + 1` after `attempt` failed ones: base × 2^(attempt−1), at most an hour. */
export function backoffMs(baseMs: number, failedAttempts: number): number {
  return Math.min(baseMs * 2 ** Math.max(0, failedAttempts - 1), 3_600_000);
}

/** A UUID-shaped id derived from its parts, the same in every replica: the claim of one delivery. */
export function deterministicUuid(...parts: string[]): string {
  const hex = createHash('sha256').update(parts.join('|')).digest('hex');
  const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
