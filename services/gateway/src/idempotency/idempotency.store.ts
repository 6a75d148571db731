import { Inject, Injectable, Logger } from '@nestjs/common';
import { DomainError } from '@kitos/common';
import { SERVICE_CONFIG } from '@kitos/config';
import { NATS_CONNECTION } from '@kitos/messaging';
import { NatsError, nanos, type KV, type NatsConnection } from 'nats';
import type { GatewayConfig } from '../gateway.config';

export const IDEMPOTENCY_BUCKET = 'kitos_idempotency';
/** Answers larger than this are not kept (a retry is then processed again). */
export const MAX_KEPT_ANSWER_BYTES = 256 * 1024;
/** JetStream's "wrong last sequence": the key was written since (or exists, for create). */
const WRONG_LAST_SEQUENCE = 10071;
const STREAM_NOT_FOUND = 10059;
const jetStreamErrorCode = (error: unknown) => (error instanceof NatsError ? error.api_error?.err_code : undefined);

export interface KeptAnswer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: unknown;
}

type IdempotencyRecord =
  | { readonly state: 'in-flight'; readonly fingerprint: string; readonly startedAt: number }
  | ({ readonly state: 'done'; readonly fingerprint: string } & KeptAnswer);

export type Claim =
  | { readonly kind: 'claimed'; readonly revision: number }
  | { readonly kind: 'replay'; readonly answer: KeptAnswer }
  | { readonly kind: 'in-flight' }
  | { readonly kind: 'other-request' };

/**
 * Idempotency records in a NATS JetStream key-value bucket, shared by every gateway replica (the gateway has no
 * database). The bucket's TTL is the retention window. Claiming a key is JetStream's atomic create, so of two
 * concurrent requests with one key exactly one goes ahead.
 */
@Injectable()
export class IdempotencyStore {
  private readonly logger = new Logger(IdempotencyStore.name);
  private bucket: Promise<KV> | undefined;
  private readonly ttlMs: number;
  /** An in-flight record older than this belongs to a gateway that died mid-request; another request may take it over. */
  private readonly abandonedAfterMs: number;

  constructor(
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    @Inject(SERVICE_CONFIG) private readonly config: GatewayConfig,
  ) {
    this.ttlMs = config.idempotencyRetentionHours * 60 * 60 * 1000;
    this.abandonedAfterMs = 2 * config.rpcTimeoutMs + 10_000;
  }

  async claim(key: string, fingerprint: string, now: number): Promise<Claim> {
    const inFlight = encode({ state: 'in-flight', fingerprint, startedAt: now });
    return this.withBucket(async (kv) => {
      try {
        return { kind: 'claimed', revision: await kv.create(key, inFlight) };
      } catch (error) {
        if (jetStreamErrorCode(error) !== WRONG_LAST_SEQUENCE) throw error;
      }
      const entry = await kv.get(key);
      if (!entry || entry.operation !== 'PUT') return { kind: 'in-flight' };
      const record = entry.json<IdempotencyRecord>();
      if (record.fingerprint !== fingerprint) return { kind: 'other-request' };
      if (record.state === 'done') return { kind: 'replay', answer: { status: record.status, headers: record.headers, body: record.body } };
      if (now - record.startedAt < this.abandonedAfterMs) return { kind: 'in-flight' };
      try {
        return { kind: 'claimed', revision: await kv.update(key, inFlight, entry.revision) };
      } catch (error) {
        if (jetStreamErrorCode(error) === WRONG_LAST_SEQUENCE) return { kind: 'in-flight' };
        throw error;
      }
    });
  }

  /** Keeps the answer for the rest of the window; an answer too large to keep releases the key instead. */
  async complete(key: string, revision: number, fingerprint: string, answer: KeptAnswer): Promise<void> {
    const data = encode({ state: 'done', fingerprint, ...answer });
    if (data.length > MAX_KEPT_ANSWER_BYTES) return this.release(key, revision);
    await this.withBucket((kv) => kv.update(key, data, revision)).catch((error: unknown) =>
      this.logger.warn(`could not keep the answer to an idempotent request: ${(error as Error).message}`),
    );
  }

  /** Forgets a claim whose request failed, so that a retry is processed again. */
  async release(key: string, revision: number): Promise<void> {
    await this.withBucket((kv) => kv.delete(key, { previousSeq: revision })).catch((error: unknown) =>
      this.logger.warn(`could not release an idempotency key: ${(error as Error).message}`),
    );
  }

  private async withBucket<T>(work: (kv: KV) => Promise<T>): Promise<T> {
    try {
      return await work(await this.open());
    } catch (error) {
      // the bucket was deleted under us (e.g. a reset JetStream): create it again, once
      if (jetStreamErrorCode(error) !== STREAM_NOT_FOUND) throw unavailable(error);
      this.bucket = undefined;
      try {
        return await work(await this.open());
      } catch (again) {
        throw unavailable(again);
      }
    }
  }

  private open(): Promise<KV> {
    this.bucket ??= this.create().catch((error: unknown) => {
      this.bucket = undefined;
      throw error;
    });
    return this.bucket;
  }

  private async create(): Promise<KV> {
    const kv = await this.nc.jetstream().views.kv(IDEMPOTENCY_BUCKET, {
      history: 1,
      ttl: this.ttlMs,
      replicas: this.config.eventStreamReplicas,
      maxValueSize: MAX_KEPT_ANSWER_BYTES + 1024,
    });
    // an existing bucket keeps its settings: bring its retention in line with the configuration
    if ((await kv.status()).ttl !== this.ttlMs) {
      const jsm = await this.nc.jetstreamManager();
      const stream = `KV_${IDEMPOTENCY_BUCKET}`;
      const info = await jsm.streams.info(stream);
      await jsm.streams.update(stream, { ...info.config, max_age: nanos(this.ttlMs) });
    }
    return kv;
  }
}

function encode(record: IdempotencyRecord): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(record));
}

function unavailable(error: unknown): DomainError {
  if (error instanceof DomainError) return error;
  return DomainError.unavailable(`Idempotency keys cannot be checked right now (${(error as Error).message}); try again shortly`);
}
