import { Logger, type LoggerService } from '@nestjs/common';
import {
  Events,
  headers as natsHeaders,
  type Consumer,
  type ConsumerMessages,
  type JetStreamClient,
  type JsMsg,
  type NatsConnection,
} from 'nats';
import { CORRELATION_HEADER, DEAD_LETTER_STREAM, deadLetterSubject, validateEvent, type EventEnvelope } from '@kitos/contracts';
import { connectionWatch, type ConnectionWatch } from './connection-watch';
import { DeadLetterHeader, deadLetterMsgId, errorHeaderValue } from './dead-letter';
import { ensureConsumer } from './ensure-consumer';
import { createStreamIfMissing, ensureStream } from './ensure-stream';
import { FetchedBatch } from './fetched-batch';
import { HandlerAttempts } from './handler-attempts';
import { errorMessage, isPermanentFailure } from './jetstream-errors';
import { pause, recoveryDelayMs, retryDelayMs } from './retry';

export interface EventMeta {
  readonly subject: string;
  readonly streamSequence: number;
  /** 1 on the first delivery. */
  readonly deliveryCount: number;
}

export type EventHandler = (event: EventEnvelope, meta: EventMeta) => Promise<void>;

export interface DurableEventConsumerOptions {
  readonly stream: string;
  /** Durable consumer name: the consuming service, shared by its replicas. */
  readonly durable: string;
  /** Subjects of `stream`: when given, the stream is created if missing, so a consumer may start before its producer (whose settings apply once it runs). */
  readonly streamSubjects?: readonly string[];
  readonly filterSubject?: string;
  /** Only these subjects of the stream (see PullConsumerSpec.filterSubjects). */
  readonly filterSubjects?: readonly string[];
  /**
   * Deliveries before a failing event is dead-lettered; 5 by default. Also the number of handler runs that never
   * finished (the process crashed or was killed while handling the event) after which the event is dead-lettered
   * instead of being handed to the handler again: a poison event must not crash the service forever.
   */
  readonly maxDeliver?: number;
  /** Replicas of the NATS bucket that records unfinished handler runs (`kitos_handler_attempts`); 1 by default. */
  readonly attemptsReplicas?: number;
  /** Redelivery delay after the 1st, 2nd, … failed delivery; the last value repeats. [1 s, 5 s, 15 s, 30 s] by default. */
  readonly backoffMs?: readonly number[];
  /** Time a handler has before the server presumes the consumer gone and redelivers; 30 s by default. */
  readonly ackWaitMs?: number;
  /**
   * Lifetime of one pull request; 30 s by default. An event is delivered as soon as it arrives whatever this is: it sets
   * how often an idle consumer pulls again, and bounds how long a pull the server lost unnoticed can stall the consumer
   * (a reconnect ends the pull at once).
   */
  readonly pullExpiresMs?: number;
  readonly deadLetterSubject?: string;
  /**
   * Messages asked for per pull request; 64 by default (DEFAULT_EVENT_BATCH_SIZE). They are still handled one at a time
   * in stream order, each settled (ack, nak or dead letter) before the next is handed to the handler.
   */
  readonly batchSize?: number;
}

export const DEFAULT_EVENT_BATCH_SIZE = 64;

export type ConsumerState = 'idle' | 'starting' | 'consuming' | 'recovering' | 'stopped';

export interface ConsumerCounters {
  /** Messages received, redeliveries included. */
  readonly delivered: number;
  readonly acked: number;
  /** Messages received on their second or later delivery. */
  readonly redelivered: number;
  readonly deadLettered: number;
}

export interface ConsumerStats extends ConsumerCounters {
  readonly stream: string;
  readonly durable: string;
  readonly state: ConsumerState;
}

/** Lifetime of one pull request by default (was 5 s: 25 consumers of the 6 services then pulled 5 times a second at rest). */
const DEFAULT_PULL_EXPIRES_MS = 30_000;
/** A pull that ends sooner without a message (closed on reconnect, refused) is followed by a pause, never by a tight loop. */
const MIN_EMPTY_PULL_MS = 1000;
const PUBLISH_TIMEOUT_MS = 5000;
/** A fetched message that waited this long (or a third of the ack wait, if less) behind others gets a fresh ack wait before its handler starts. */
const REFRESH_AFTER_MS = 1000;
const decoder = new TextDecoder();

/**
 * One durable pull consumer handing validated events, one at a time, to a handler: ack on success, delayed nak on failure,
 * dead letter (then term) for invalid events and after the last delivery. Keeps consuming through reconnects, server
 * restarts and deleted consumers or streams until stop().
 *
 * It pulls up to `batchSize` messages per request (one round trip for many events when catching up) but settles each
 * before handing the next to the handler, so the server sees acks and naks in stream order, exactly as with one message
 * per pull: a failed event is nak'ed with its delay before the next one is handled, and is redelivered after those
 * (as before; the handlers' version checks absorb it). While an event is handled the rest of its batch is kept alive
 * with `working()`, so that a slow batch is not redelivered behind the consumer's back; on stop() they are nak'ed, which
 * redelivers them at once to the next instance. While the bus is down the rest of a batch waits for it to come back.
 */
export class DurableEventConsumer {
  private readonly js: JetStreamClient;
  private readonly connection: ConnectionWatch;
  private readonly logger: LoggerService;
  private readonly context: string;
  private readonly maxDeliver: number;
  private readonly backoffMs: readonly number[];
  private readonly deadLetterSubject: string;
  private readonly batchSize: number;
  private readonly ackWaitMs: number;
  private readonly attempts: HandlerAttempts;
  private readonly stopping = new AbortController();
  private readonly counters = { delivered: 0, acked: 0, redelivered: 0, deadLettered: 0 };
  private state: ConsumerState = 'idle';
  private starting?: Promise<Consumer | undefined>;
  private loop?: Promise<void>;
  private pull?: ConsumerMessages;
  private unwatch?: () => void;

  constructor(
    private readonly nc: NatsConnection,
    private readonly options: DurableEventConsumerOptions,
    private readonly handler: EventHandler,
    logger?: LoggerService,
  ) {
    this.js = nc.jetstream();
    this.connection = connectionWatch(nc);
    this.logger = logger ?? new Logger(DurableEventConsumer.name);
    this.context = `${DurableEventConsumer.name} ${options.durable}@${options.stream}`;
    this.maxDeliver = options.maxDeliver ?? 5;
    this.backoffMs = options.backoffMs ?? [1000, 5000, 15000, 30000];
    this.deadLetterSubject = options.deadLetterSubject ?? deadLetterSubject(options.durable, options.stream);
    this.batchSize = options.batchSize ?? DEFAULT_EVENT_BATCH_SIZE;
    if (!Number.isInteger(this.batchSize) || this.batchSize < 1) throw new Error(`${this.context}: batchSize must be a positive integer`);
    this.ackWaitMs = options.ackWaitMs ?? 30_000;
    this.attempts = new HandlerAttempts(this.js, options.attemptsReplicas ?? 1);
  }

  /**
   * Sets up the dead-letter stream and the consumer, then consumes in the background. Resolves after the first set-up
   * attempt, or at once while disconnected; what failed for a transient reason is retried in the background. Rejects
   * when the settings are refused (by the client or the server), which no retry can fix.
   */
  async start(): Promise<void> {
    if (this.state !== 'idle') throw new Error(`${this.context} was already started`);
    this.state = 'starting';
    this.unwatch = this.connection.onStatus((status) => {
      // A pull request dies with the server that held it; a fresh one gets messages flowing again at once.
      if (status.type === Events.Reconnect) void this.pull?.close();
    });
    void this.nc.closed().then(() => this.pull?.close());
    this.starting = this.connection.connected ? this.firstSetUp() : Promise.resolve(undefined);
    this.loop = this.run(await this.starting);
  }

  /** Stops pulling and waits for the event in hand; the events fetched but not yet handled are nak'ed, so that they are redelivered at once. */
  async stop(): Promise<void> {
    this.stopping.abort();
    this.unwatch?.();
    await this.starting?.catch(() => undefined);
    void this.pull?.close();
    await this.loop;
    this.state = 'stopped';
  }

  stats(): ConsumerStats {
    return { stream: this.options.stream, durable: this.options.durable, state: this.state, ...this.counters };
  }

  private get stopped(): boolean {
    return this.stopping.signal.aborted;
  }

  private async firstSetUp(): Promise<Consumer | undefined> {
    try {
      return await this.setUp();
    } catch (error) {
      if (isPermanentFailure(error)) {
        this.unwatch?.();
        this.state = 'stopped';
        throw error;
      }
      this.logger.warn(`Set-up failed, retrying: ${errorMessage(error)}`, this.context);
      return undefined;
    }
  }

  private async setUp(): Promise<Consumer> {
    const { stream, streamSubjects, durable, filterSubject, filterSubjects } = this.options;
    const jsm = await this.nc.jetstreamManager({ checkAPI: false });
    await ensureStream(jsm, DEAD_LETTER_STREAM);
    if (streamSubjects) await createStreamIfMissing(jsm, { name: stream, subjects: streamSubjects });
    await ensureConsumer(jsm, {
      stream,
      durable,
      filterSubject,
      filterSubjects,
      // The server never gives up on an event (-1): a release on stop() or a crash with a batch in hand also counts as
      // a delivery there, and a server-side limit would silently drop an event no handler saw after a few restarts.
      // This consumer dead-letters an event after maxDeliver deliveries on which its handler failed.
      maxDeliver: -1,
      ackWaitMs: this.ackWaitMs,
    });
    return this.js.consumers.get(stream, durable);
  }

  private async run(initial: Consumer | undefined): Promise<void> {
    let consumer = initial;
    let failures = consumer ? 0 : 1;
    this.state = consumer ? 'consuming' : 'recovering';
    while (!this.stopped) {
      if (failures > 0) await pause(recoveryDelayMs(failures - 1), this.stopping.signal);
      await this.connection.whenConnected(this.stopping.signal);
      if (this.stopped) break;
      if (this.nc.isClosed()) {
        this.logger.error('The NATS connection is closed; consuming stops', this.context);
        break;
      }
      try {
        consumer ??= await this.setUp();
        this.state = 'consuming';
        const began = Date.now();
        const received = await this.receiveBatch(consumer);
        failures = received || Date.now() - began >= MIN_EMPTY_PULL_MS ? 0 : failures + 1;
      } catch (error) {
        if (this.stopped) break;
        consumer = undefined;
        this.state = 'recovering';
        this.logger.warn(`Consuming failed, setting up again in ${recoveryDelayMs(failures)} ms: ${errorMessage(error)}`, this.context);
        failures++;
      }
    }
    this.state = 'stopped';
  }

  /**
   * Pulls up to `batchSize` messages and handles them in order as they arrive; false when the pull ended without one.
   * Throws what ended the pull (a deleted consumer, …) once the messages received before it are handled.
   */
  private async receiveBatch(consumer: Consumer): Promise<boolean> {
    const messages = await consumer.fetch({ max_messages: this.batchSize, expires: this.options.pullExpiresMs ?? DEFAULT_PULL_EXPIRES_MS });
    this.pull = messages;
    const batch = new FetchedBatch(messages);
    const refreshAfterMs = Math.min(REFRESH_AFTER_MS, this.ackWaitMs / 3);
    const keepAlive = setInterval(() => batch.keepAlive(), this.ackWaitMs / 3);
    let received = false;
    try {
      for (let next = await batch.next(); next; next = await batch.next()) {
        received = true;
        // While the bus is down an ack would be lost (nats.js drops what is published then): the rest of the batch
        // waits for the connection, instead of being handled now and redelivered after the ack wait.
        await this.connection.whenConnected(this.stopping.signal);
        if (this.stopped) {
          next.msg.nak();
          continue;
        }
        if (next.waitedMs >= refreshAfterMs) next.msg.working();
        await this.process(next.msg);
      }
    } finally {
      clearInterval(keepAlive);
      // Ends the pull request if handling stopped early (a throw): nothing may be buffered for a loop that has left.
      void messages.close().catch(() => undefined);
      this.pull = undefined;
    }
    if (batch.error !== undefined) throw batch.error;
    return received;
  }

  private async process(msg: JsMsg): Promise<void> {
    const meta: EventMeta = { subject: msg.subject, streamSequence: msg.seq, deliveryCount: msg.info.deliveryCount };
    this.counters.delivered++;
    if (meta.deliveryCount > 1) this.counters.redelivered++;
    let event: EventEnvelope;
    try {
      event = validateEvent(JSON.parse(decoder.decode(msg.data)));
    } catch (error) {
      this.logger.error(
        `Invalid event at stream sequence ${meta.streamSequence} on ${meta.subject}, dead-lettering it: ${errorMessage(error)}`,
        this.context,
      );
      await this.deadLetter(msg, meta, error);
      return;
    }
    // a redelivered event may be one whose handler crashed the process: runs that began and never settled are counted
    const attempt = meta.deliveryCount > 1 ? HandlerAttempts.key(this.options.durable, this.options.stream, meta.streamSequence) : null;
    const unfinished = attempt ? await this.beginAttempt(attempt) : 0;
    if (attempt && unfinished >= this.maxDeliver) {
      const error = new Error(`its handler did not finish on ${unfinished} deliveries (the process stopped while handling it)`);
      this.logger.error(`Event ${event.id} (${event.type} v${event.version}): ${error.message}; dead-lettering it`, this.context);
      await this.deadLetter(msg, meta, error);
      await this.settleAttempt(attempt);
      return;
    }
    try {
      await this.handle(msg, meta, event);
    } finally {
      if (attempt) await this.settleAttempt(attempt);
    }
  }

  /** Records a run of the handler on a redelivered event; how many earlier runs never settled (0 when the record cannot be read). */
  private async beginAttempt(key: string): Promise<number> {
    try {
      return await this.attempts.begin(key);
    } catch (error) {
      this.logger.warn(`Unfinished runs of ${key} not recorded, handling the event anyway: ${errorMessage(error)}`, this.context);
      return 0;
    }
  }

  private async settleAttempt(key: string): Promise<void> {
    await this.attempts.settled(key).catch((error: unknown) => {
      this.logger.warn(`Record of the runs of ${key} not removed (it expires): ${errorMessage(error)}`, this.context);
    });
  }

  /** Runs the handler on a valid event and settles it: ack, a delayed nak for a retry, or a dead letter after the last delivery. */
  private async handle(msg: JsMsg, meta: EventMeta, event: EventEnvelope): Promise<void> {
    try {
      await this.handler(event, meta);
    } catch (error) {
      if (meta.deliveryCount >= this.maxDeliver) {
        this.logger.error(
          `Event ${event.id} (${event.type} v${event.version}) failed on its last delivery, dead-lettering it: ${errorMessage(error)}`,
          this.context,
        );
        await this.deadLetter(msg, meta, error);
      } else {
        const delayMs = retryDelayMs(this.backoffMs, meta.deliveryCount);
        this.logger.warn(
          `Event ${event.id} (${event.type} v${event.version}) failed on delivery ${meta.deliveryCount}, retrying in ${delayMs} ms: ${errorMessage(error)}`,
          this.context,
        );
        msg.nak(delayMs);
      }
      return;
    }
    await this.acknowledge(msg, event);
  }

  private async acknowledge(msg: JsMsg, event: EventEnvelope): Promise<void> {
    try {
      await msg.ackAck();
      this.counters.acked++;
    } catch (error) {
      this.logger.warn(`Ack of event ${event.id} not confirmed, it may be redelivered: ${errorMessage(error)}`, this.context);
    }
  }

  /** Publishes the original bytes to the dead-letter subject and terms the message once the dead letter is stored, retrying until then or stop(). */
  private async deadLetter(msg: JsMsg, meta: EventMeta, error: unknown): Promise<void> {
    const headers = natsHeaders();
    headers.set(DeadLetterHeader.OriginalSubject, meta.subject);
    headers.set(DeadLetterHeader.StreamSequence, String(meta.streamSequence));
    headers.set(DeadLetterHeader.Error, errorHeaderValue(error));
    const correlationId = msg.headers?.get(CORRELATION_HEADER);
    if (correlationId) headers.set(CORRELATION_HEADER, correlationId);
    const msgID = deadLetterMsgId(this.options.durable, this.options.stream, meta.streamSequence);
    for (let failures = 0; ; failures++) {
      try {
        await this.js.publish(this.deadLetterSubject, msg.data, { msgID, headers, timeout: PUBLISH_TIMEOUT_MS });
        break;
      } catch (publishError) {
        if (this.stopped) {
          this.logger.error(
            `Could not dead-letter stream sequence ${meta.streamSequence}, left unacknowledged: ${errorMessage(publishError)}`,
            this.context,
          );
          msg.nak();
          return;
        }
        this.logger.warn(
          `Dead-lettering stream sequence ${meta.streamSequence} failed, retrying: ${errorMessage(publishError)}`,
          this.context,
        );
        msg.working();
        await pause(recoveryDelayMs(failures), this.stopping.signal);
        await this.connection.whenConnected(this.stopping.signal);
        if (!this.stopped) await this.ensureDeadLetterStream();
      }
    }
    msg.term();
    this.counters.deadLettered++;
  }

  private async ensureDeadLetterStream(): Promise<void> {
    try {
      await ensureStream(await this.nc.jetstreamManager({ checkAPI: false }), DEAD_LETTER_STREAM);
    } catch {
      // The next publish attempt reports what is wrong.
    }
  }
}
