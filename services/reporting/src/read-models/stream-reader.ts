import { DeliverPolicy, type NatsConnection } from 'nats';
import { validateEvent, type EventEnvelope } from '@kitos/contracts';

const decoder = new TextDecoder();
const FETCH_BATCH = 256;
const FETCH_EXPIRES_MS = 1000;

/** The last sequence of a stream (0 when it is empty or absent). */
export async function lastSequenceOf(nc: NatsConnection, stream: string): Promise<number> {
  const jsm = await nc.jetstreamManager({ checkAPI: false });
  try {
    return (await jsm.streams.info(stream)).state.last_seq;
  } catch {
    return 0; // no such stream: nothing was published
  }
}

/**
 * The events of a stream from sequence `from` up to and including `until`, in order, through an ordered (ephemeral)
 * consumer. Messages that are no valid event are skipped (the live consumers dead-letter them).
 */
export async function* readStream(
  nc: NatsConnection,
  stream: string,
  from: number,
  until: number,
): AsyncGenerator<{ seq: number; event: EventEnvelope }> {
  if (until < from || until === 0) return;
  const consumer = await nc
    .jetstream()
    .consumers.get(stream, { deliver_policy: DeliverPolicy.StartSequence, opt_start_seq: Math.max(1, from) });
  try {
    let seq = 0;
    while (seq < until) {
      const batch = await consumer.fetch({ max_messages: FETCH_BATCH, expires: FETCH_EXPIRES_MS });
      let received = 0;
      for await (const message of batch) {
        received++;
        seq = message.seq;
        if (seq > until) break;
        let event: EventEnvelope;
        try {
          event = validateEvent(JSON.parse(decoder.decode(message.data)));
        } catch {
          continue;
        }
        yield { seq, event };
        if (seq >= until) break;
      }
      if (received === 0) break;
    }
  } finally {
    await consumer.delete().catch(() => undefined); // ordered consumers also vanish by themselves
  }
}
