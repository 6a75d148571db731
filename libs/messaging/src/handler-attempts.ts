import { ErrorCode, NatsError, type JetStreamClient, type KV } from 'nats';
import { JetStreamApiError, jetStreamErrorCode } from './jetstream-errors';

/** The NATS key-value bucket that remembers handler runs that never settled (the process stopped in the middle). */
export const HANDLER_ATTEMPTS_BUCKET = 'kitos_handler_attempts';
/** A record no redelivery came back for within this time is forgotten (the bucket's age limit). */
const ATTEMPTS_TTL_MS = 7 * 24 * 60 * 60 * 1000;
const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * Counts, per consumer and event, the handler runs that began and never settled: the process crashed, was killed or
 * ran out of memory while handling the event. A handler failure settles its run (nak or dead letter) and is counted by
 * the delivery count; a crash leaves nothing behind but this record, which is why it is written before the handler
 * starts, in NATS (not in memory, which dies with the process). Only redeliveries are recorded, so the ordinary first
 * delivery costs no round trip: an event that crashed its handler on its first delivery shows one run fewer.
 */
export class HandlerAttempts {
  private bucket?: Promise<KV>;

  constructor(
    private readonly js: JetStreamClient,
    private readonly replicas = 1,
  ) {}

  /** Key of one event for one consumer (KV keys allow letters, digits, `-`, `_`, `=` and `.`). */
  static key(durable: string, stream: string, streamSequence: number): string {
    return `${durable}.${stream}.${streamSequence}`.replace(/[^-\w=.]/g, '_');
  }

  /** Records that a run begins; answers how many earlier recorded runs never settled. */
  async begin(key: string): Promise<number> {
    return this.withBucket(async (kv) => {
      const entry = await kv.get(key);
      const earlier = entry && entry.operation === 'PUT' ? Number(decoder.decode(entry.value)) || 0 : 0;
      await kv.put(key, encoder.encode(String(earlier + 1)));
      return earlier;
    });
  }

  /** The run settled (acknowledged, released for a retry or dead-lettered): the record goes. */
  async settled(key: string): Promise<void> {
    await this.withBucket((kv) => kv.purge(key));
  }

  private async withBucket<T>(work: (kv: KV) => Promise<T>): Promise<T> {
    try {
      return await work(await this.open());
    } catch (error) {
      // the bucket was deleted under us (a reset JetStream): create it again, once
      if (!bucketGone(error)) throw error;
      this.bucket = undefined;
      return work(await this.open());
    }
  }

  private open(): Promise<KV> {
    this.bucket ??= this.js.views
      .kv(HANDLER_ATTEMPTS_BUCKET, { history: 1, ttl: ATTEMPTS_TTL_MS, replicas: this.replicas })
      .catch((error: unknown) => {
        this.bucket = undefined;
        throw error;
      });
    return this.bucket;
  }
}

/** Reading from a deleted bucket's stream answers "stream not found"; writing to it finds no responder. */
function bucketGone(error: unknown): boolean {
  return (
    jetStreamErrorCode(error) === JetStreamApiError.StreamNotFound || (error instanceof NatsError && error.code === ErrorCode.NoResponders)
  );
}
