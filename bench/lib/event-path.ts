import { DeliverPolicy, type ConsumerMessages, type NatsConnection, type Subscription } from 'nats';
import { machineMeter, type CpuUsage } from './cpu';
import { round, sleep, summarize, wallMs, type LatencySummary } from './stats';

const decoder = new TextDecoder();

/** The catalogue's event stream and the reporting service's durable consumer on it (libs/messaging). */
export const CATALOG_STREAM = 'CATALOG';
export const REPORTING_CONSUMER = 'reporting';

interface Stored {
  readonly seq: number;
  /** JetStream's timestamp of the message (server clock). */
  readonly storedMs: number;
  /** The event's occurredAt (catalog's clock, set when the write is prepared). */
  readonly occurredMs: number;
}

/**
 * Watches the catalogue's events from outside: an ordered consumer gives each event's stream sequence and storage
 * time, and a plain subscription to `$JS.ACK.>` sees the reporting service's acknowledgements as they are sent
 * (acks are ordinary messages on the bus), so no service is polled.
 */
export class EventWatch {
  readonly stored = new Map<string, Stored>();
  /** Stream sequence → when the reporting consumer's +ACK passed (this process's clock). */
  readonly acked = new Map<number, number>();
  private messages?: ConsumerMessages;
  private ackSub?: Subscription;
  private loop?: Promise<void>;

  constructor(private readonly nc: NatsConnection) {}

  async start(): Promise<void> {
    this.ackSub = this.nc.subscribe('$JS.ACK.>', {
      callback: (_error, msg) => {
        const at = wallMs();
        if (!decoder.decode(msg.data).startsWith('+ACK')) return;
        // $JS.ACK.<stream>.<consumer>.<delivered>.<sseq>.… (or with domain and account hash before the stream)
        const tokens = msg.subject.split('.');
        const i = tokens.indexOf(CATALOG_STREAM);
        if (i < 0 || tokens[i + 1] !== REPORTING_CONSUMER) return;
        const seq = Number(tokens[i + 3]);
        if (!this.acked.has(seq)) this.acked.set(seq, at);
      },
    });
    const consumer = await this.nc.jetstream().consumers.get(CATALOG_STREAM, { deliver_policy: DeliverPolicy.New });
    this.messages = await consumer.consume();
    const messages = this.messages;
    this.loop = (async () => {
      for await (const msg of messages) {
        const event = JSON.parse(decoder.decode(msg.data)) as { aggregate: { uuid: string }; occurredAt: string };
        this.stored.set(event.aggregate.uuid, {
          seq: msg.seq,
          storedMs: msg.info.timestampNanos / 1e6,
          occurredMs: Date.parse(event.occurredAt),
        });
      }
    })();
    await this.nc.flush();
  }

  async stop(): Promise<void> {
    this.ackSub?.unsubscribe();
    await this.messages?.close();
    await this.loop?.catch(() => undefined);
  }
}

export interface EventPathResult {
  readonly creations: number;
  readonly completed: number;
  readonly timedOut: number;
  /** POST → 201 as the client sees it. */
  readonly post: LatencySummary;
  /** occurredAt → stored in JetStream: database write, relay nudge, relay read, publish (the outbox relay lag). */
  readonly relayLag: LatencySummary;
  /** stored in JetStream → reporting's durable consumer acknowledged it (its read-model row is written by then). */
  readonly consumerLag: LatencySummary;
  /** the client's 201 → reporting acknowledged (the system is in the report from then on). */
  readonly createdToReadModel: LatencySummary;
  /** The report's total for the organisation afterwards (should equal `completed`). */
  readonly reportTotal: number | undefined;
  readonly cpu: CpuUsage;
}

/**
 * `count` creations one after the other, each waiting until reporting has acknowledged its event (so every event
 * travels an idle pipeline): POST → 201, occurredAt → JetStream timestamp, → reporting's +ACK.
 */
export async function eventPath(options: {
  gatewayUrl: string;
  /** An existing organisation to register the systems in. */
  organizationUuid: string;
  /** Authorization header and the like. */
  headers: Record<string, string>;
  watch: EventWatch;
  count: number;
  timeoutMs: number;
  /** Stops creating after this long (a busy machine must not stretch the run): fewer than `count` then. */
  maxMs: number;
  cpu: Readonly<Record<string, number | undefined>>;
}): Promise<EventPathResult> {
  const { organizationUuid } = options;
  const post: number[] = [];
  const relay: number[] = [];
  const consumer: number[] = [];
  const endToEnd: number[] = [];
  let timedOut = 0;
  const cpu = machineMeter(options.cpu);
  const stopAt = Date.now() + options.maxMs;
  let attempted = 0;
  for (let i = 0; i < options.count && Date.now() < stopAt; i++) {
    attempted++;
    const sent = wallMs();
    const response = await fetch(`${options.gatewayUrl}/api/v2/it-systems`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...options.headers },
      body: JSON.stringify({ organizationUuid, name: `event-path ${i}` }),
    });
    const created = wallMs();
    const body = (await response.json()) as { uuid?: string };
    if (response.status !== 201 || !body.uuid)
      throw new Error(`POST /api/v2/it-systems answered ${response.status}: ${JSON.stringify(body)}`);
    post.push(created - sent);
    const deadline = Date.now() + options.timeoutMs;
    let done = false;
    while (Date.now() < deadline) {
      const stored = options.watch.stored.get(body.uuid);
      const ackedAt = stored ? options.watch.acked.get(stored.seq) : undefined;
      if (stored && ackedAt !== undefined) {
        relay.push(stored.storedMs - stored.occurredMs);
        consumer.push(ackedAt - stored.storedMs);
        endToEnd.push(ackedAt - created);
        done = true;
        break;
      }
      await sleep(1);
    }
    if (!done) timedOut++;
  }
  const usage = cpu();
  let reportTotal: number | undefined;
  try {
    const report = await fetch(`${options.gatewayUrl}/api/v2/reports/it-systems?organizationUuid=${organizationUuid}&pageSize=1`, {
      headers: options.headers,
    });
    reportTotal = ((await report.json()) as { total?: number }).total;
  } catch {
    reportTotal = undefined;
  }
  return {
    creations: attempted,
    completed: relay.length,
    timedOut,
    post: summarize(post),
    relayLag: summarize(relay),
    consumerLag: summarize(consumer),
    createdToReadModel: summarize(endToEnd),
    reportTotal,
    cpu: usage,
  };
}

export interface DrainResult {
  /** Events the write burst produced (201 responses, warm-up included). */
  readonly events: number;
  /** From the end of the burst until every event was in the stream / acknowledged by reporting; null if not within the limit. */
  readonly publishedAfterMs: number | null;
  readonly ackedAfterMs: number | null;
  /** Events still unpublished / unacknowledged when the burst ended. */
  readonly unpublishedAtEnd: number;
  readonly unackedAtEnd: number;
  /** Rates over the whole burst and drain: events per second into the stream and through reporting. */
  readonly publishRate: number;
  readonly ackRate: number;
  readonly maxRelayLagMs: number | null;
  /** For the burst's events: occurredAt → in JetStream, and in JetStream → reporting's ack. */
  readonly relayLag: LatencySummary;
  readonly consumerLag: LatencySummary;
}

/** The stream sequence now (events published so far). */
export async function streamLastSeq(nc: NatsConnection): Promise<number> {
  const jsm = await nc.jetstreamManager();
  return (await jsm.streams.info(CATALOG_STREAM)).state.last_seq;
}

/**
 * After a write burst of `events` events that began when the stream was at `seqBefore` (time `burstStart`) and
 * ended at `burstEnd`: waits (at most `limitMs`) until all are published and acknowledged by reporting.
 */
export async function drainAfterBurst(options: {
  nc: NatsConnection;
  watch: EventWatch;
  seqBefore: number;
  events: number;
  burstStart: number;
  burstEnd: number;
  limitMs: number;
}): Promise<DrainResult> {
  const jsm = await options.nc.jetstreamManager();
  const target = options.seqBefore + options.events;
  let publishedAt: number | null = null;
  let ackedAt: number | null = null;
  let unpublishedAtEnd = -1;
  let unackedAtEnd = -1;
  for (;;) {
    const now = wallMs();
    const stream = await jsm.streams.info(CATALOG_STREAM);
    const info = await jsm.consumers.info(CATALOG_STREAM, REPORTING_CONSUMER);
    const published = stream.state.last_seq;
    const acked = info.ack_floor.stream_seq;
    if (unpublishedAtEnd < 0) {
      unpublishedAtEnd = Math.max(0, target - published);
      unackedAtEnd = Math.max(0, target - acked);
    }
    if (publishedAt === null && published >= target) publishedAt = now;
    if (ackedAt === null && acked >= target) ackedAt = now;
    if ((publishedAt !== null && ackedAt !== null) || now - options.burstEnd > options.limitMs) break;
    await sleep(100);
  }
  let maxRelayLag: number | null = null;
  const relayLag: number[] = [];
  const consumerLag: number[] = [];
  for (const s of options.watch.stored.values()) {
    if (s.seq <= options.seqBefore || s.seq > target) continue;
    maxRelayLag = Math.max(maxRelayLag ?? 0, s.storedMs - s.occurredMs);
    relayLag.push(s.storedMs - s.occurredMs);
    const ackedAt = options.watch.acked.get(s.seq);
    if (ackedAt !== undefined) consumerLag.push(ackedAt - s.storedMs);
  }
  const publishedCount = Math.min(options.events, (await jsm.streams.info(CATALOG_STREAM)).state.last_seq - options.seqBefore);
  const ackedCount = Math.min(
    options.events,
    (await jsm.consumers.info(CATALOG_STREAM, REPORTING_CONSUMER)).ack_floor.stream_seq - options.seqBefore,
  );
  const end = (at: number | null) => (at ?? wallMs()) - options.burstStart;
  return {
    events: options.events,
    publishedAfterMs: publishedAt === null ? null : round(Math.max(0, publishedAt - options.burstEnd), 0),
    ackedAfterMs: ackedAt === null ? null : round(Math.max(0, ackedAt - options.burstEnd), 0),
    unpublishedAtEnd,
    unackedAtEnd,
    publishRate: round((publishedCount / end(publishedAt)) * 1000, 0),
    ackRate: round((ackedCount / end(ackedAt)) * 1000, 0),
    maxRelayLagMs: maxRelayLag === null ? null : round(maxRelayLag, 0),
    relayLag: summarize(relayLag),
    consumerLag: summarize(consumerLag),
  };
}
