import { AckPolicy, DeliverPolicy, nanos, type Consumer, type NatsConnection } from 'nats';
import { SERVICES, streamOf, validateEvent, type EventEnvelope } from '@kitos/contracts';
import { errorHeaderValue } from '@kitos/messaging';

const decoder = new TextDecoder();
const FETCH_BATCH = 256;
/** The first wait for a batch; it doubles after every empty batch (a busy or slowed server), up to the maximum. */
const FIRST_EXPIRES_MS = 1000;
const MAX_EXPIRES_MS = 16_000;
/** A reader's consumer left behind (process died) is removed by the server after this long. */
const CONSUMER_INACTIVE_MS = 5 * 60 * 1000;
/** Pause before a new consumer after a fetch failed (server away, consumer gone). */
const RETRY_PAUSE_MS = 250;
/** How long a reader waits by default before giving up on the rest of a stream. */
export const DEFAULT_READ_DEADLINE_MS = 30 * 60 * 1000;

/** The streams of every service that publishes events (all but reporting itself). */
export const PRODUCER_STREAMS: readonly string[] = SERVICES.filter((s) => s !== 'reporting').map((s) => streamOf(s).name);

/** What a stream held at one moment: its last sequence, how many messages up to it, when the last was stored. */
export interface StreamMark {
  readonly stream: string;
  readonly lastSeq: number;
  /** Messages stored with a sequence up to `lastSeq` (fewer than `lastSeq` when older ones were removed). */
  readonly messages: number;
  readonly lastAt: Date | null;
}

/** Why a stream could not be read to the end. */
export class StreamReadTimeout extends Error {
  constructor(
    readonly stream: string,
    readonly lastSeen: number,
    readonly until: number,
  ) {
    super(`${stream}: read up to sequence ${lastSeen} of ${until} before the deadline`);
    this.name = 'StreamReadTimeout';
  }
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The stream's state now (one atomic answer of the server). An absent stream is empty. Retried until `deadline` while
 * the server does not answer.
 */
export async function markOf(nc: NatsConnection, stream: string, deadline = Date.now() + DEFAULT_READ_DEADLINE_MS): Promise<StreamMark> {
  for (;;) {
    try {
      const jsm = await nc.jetstreamManager({ checkAPI: false });
      const { last_seq, last_ts, messages } = (await jsm.streams.info(stream)).state;
      return { stream, lastSeq: last_seq, messages, lastAt: last_seq > 0 ? new Date(last_ts) : null };
    } catch (error) {
      if (isStreamNotFound(error)) return { stream, lastSeq: 0, messages: 0, lastAt: null }; // nothing was published
      if (Date.now() > deadline) throw error;
      await pause(RETRY_PAUSE_MS);
    }
  }
}

function isStreamNotFound(error: unknown): boolean {
  const e = error as { api_error?: { err_code?: number }; message?: string };
  return e?.api_error?.err_code === 10059 || /stream not found/i.test(e?.message ?? '');
}

/** The last sequence of a stream and when it was stored (0 and null when the stream is empty or absent). */
export async function lastMessageOf(nc: NatsConnection, stream: string): Promise<{ seq: number; at: Date | null }> {
  const mark = await markOf(nc, stream);
  return { seq: mark.lastSeq, at: mark.lastAt };
}

/** One message of a stream: a valid event, or a message that is none (with the reason). */
export type StreamItem =
  | { readonly seq: number; readonly subject: string; readonly event: EventEnvelope; readonly invalid?: undefined }
  | { readonly seq: number; readonly subject: string; readonly event?: undefined; readonly invalid: string; readonly data: Uint8Array };

export interface ReadOptions {
  /** Epoch ms after which the reader gives up with StreamReadTimeout (default: 30 minutes from now). */
  readonly deadline?: number;
}

/**
 * Every message of a stream from sequence `from` (or from the first message stored at or after a time) up to and
 * including sequence `until`, in order, through an ephemeral pull consumer of its own. It does not stop at an empty
 * batch: a busy or slowed server is waited for (each empty batch waits twice as long, up to 16 s), and only the
 * deadline ends the reading early (StreamReadTimeout). Whatever was lost between server and reader (a batch that
 * arrived after its fetch had expired, a failed fetch, the server away) shows as a jump in the consumer's delivery
 * sequence or as an error, and a new consumer starts right after the last message handed out. (nats.js' ordered
 * consumer restarts after the last message it *received*, so messages still buffered in an expired fetch were skipped.)
 * Messages that are no valid event are yielded with the reason (`invalid`), never dropped silently.
 */
export async function* readStream(
  nc: NatsConnection,
  stream: string,
  from: number | Date,
  until: number,
  options: ReadOptions = {},
): AsyncGenerator<StreamItem> {
  if (until === 0 || (typeof from === 'number' && until < from)) return;
  const deadline = options.deadline ?? Date.now() + DEFAULT_READ_DEADLINE_MS;
  let lastSeen = typeof from === 'number' ? Math.max(1, from) - 1 : 0;
  let expires = FIRST_EXPIRES_MS;
  let consumer: Consumer | null = null;
  let delivered = 0;
  const open = async (): Promise<Consumer> => {
    const jsm = await nc.jetstreamManager({ checkAPI: false });
    const start =
      lastSeen === 0 && from instanceof Date
        ? { deliver_policy: DeliverPolicy.StartTime, opt_start_time: from.toISOString() }
        : { deliver_policy: DeliverPolicy.StartSequence, opt_start_seq: lastSeen + 1 };
    const info = await jsm.consumers.add(stream, {
      ...start,
      ack_policy: AckPolicy.None,
      inactive_threshold: nanos(CONSUMER_INACTIVE_MS),
      mem_storage: true,
      num_replicas: 1,
    });
    delivered = 0;
    return nc.jetstream().consumers.get(stream, info.name);
  };
  const drop = async (): Promise<void> => {
    const stale = consumer;
    consumer = null;
    await stale?.delete().catch(() => undefined); // it also vanishes by itself once inactive
  };
  try {
    while (lastSeen < until) {
      if (Date.now() > deadline) throw new StreamReadTimeout(stream, lastSeen, until);
      // A batch is taken in whole before anything is handed out, so that slow handling cannot outlast the fetch.
      const batch: Array<{ seq: number; subject: string; data: Uint8Array }> = [];
      let next = lastSeen;
      let restart = false;
      try {
        consumer ??= await open();
        const messages = await consumer.fetch({
          max_messages: FETCH_BATCH,
          expires: Math.max(1000, Math.min(expires, deadline - Date.now())),
        });
        for await (const message of messages) {
          if (message.info.deliverySequence !== delivered + 1) {
            restart = true; // something between the server and here was dropped: start again after the last one kept
            break;
          }
          delivered = message.info.deliverySequence;
          if (message.seq <= next) continue;
          next = message.seq;
          if (message.seq <= until) batch.push({ seq: message.seq, subject: message.subject, data: message.data });
          if (message.seq >= until) break;
        }
        // Nothing came: did the server hand out messages that never got here (a batch that arrived after its fetch
        // expired)? Without a later message there is no gap to see, so ask the consumer.
        if (!restart && batch.length === 0 && (await consumer.info(false)).delivered.consumer_seq > delivered) restart = true;
      } catch {
        restart = true; // the server went away or the consumer vanished
      }
      if (restart) await drop();
      if (batch.length === 0) {
        // Nothing came in time (or it came too late and was lost): wait longer from now on. A slow server stays slow
        // for a while, so the longer wait is kept (at the stream's end the reader stops without waiting).
        expires = Math.min(expires * 2, MAX_EXPIRES_MS);
        if (restart) await pause(RETRY_PAUSE_MS);
      }
      for (const message of batch) yield itemOf(message.seq, message.subject, message.data);
      lastSeen = Math.max(next, lastSeen);
    }
  } finally {
    await drop();
  }
}

function itemOf(seq: number, subject: string, data: Uint8Array): StreamItem {
  try {
    return { seq, subject, event: validateEvent(JSON.parse(decoder.decode(data))) };
  } catch (error) {
    return { seq, subject, invalid: errorHeaderValue(error), data }; // the reason, with the fields named, at most 1 KB
  }
}
