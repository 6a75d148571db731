/**
 * The write load of the fault suite: a few concurrent writers creating objects in the catalogue, contracts and GDPR.
 * Each object is one logical write with its own Idempotency-Key: an outage's answer (no answer, 503, 504, or 409
 * while the first attempt is still being processed) is retried with the same key and body, as an integration
 * should, until it is answered otherwise.
 */
import { randomUUID } from 'node:crypto';

export const KINDS = {
  'it-systems': { path: '/api/v2/it-systems', service: 'catalog' },
  'it-contracts': { path: '/api/v2/it-contracts', service: 'contracts' },
  'data-processing-registrations': { path: '/api/v2/data-processing-registrations', service: 'gdpr' },
} as const;
export type Kind = keyof typeof KINDS;

export interface WriteRecord {
  readonly kind: Kind;
  readonly name: string;
  readonly startedAt: number;
  readonly ms: number;
  /** HTTP status, or 0 when no answer came (connection refused, reset or the client's own limit). */
  readonly status: number;
  readonly error?: string;
  readonly uuid?: string;
  /** The Idempotency-Key of the logical write; its attempts share it (and the name). */
  readonly key: string;
  /** 0 for the first attempt, then 1, 2, … for the retries. */
  readonly attempt: number;
}

/** How long a writer keeps retrying its last write after the load was stopped (so that it ends answered). */
const RETRY_AFTER_STOP_MS = 45_000;

/** An answer that an integration retries with the same Idempotency-Key. */
export function retryable(record: WriteRecord): boolean {
  return (
    record.status === 0 ||
    record.status === 503 ||
    record.status === 504 ||
    (record.status === 409 && /still being processed/.test(record.error ?? ''))
  );
}

export class WriteLoad {
  readonly records: WriteRecord[] = [];
  private running = false;
  private loops: Array<Promise<void>> = [];

  constructor(
    private readonly gatewayUrl: string,
    /** Bearer token per kind (IT systems are created by a global administrator, the rest by a local one). */
    private readonly tokens: Record<Kind, string>,
    private readonly organizationUuid: string,
    /** The client gives up after this long (it would record status 0, counted as a request past its time). */
    private readonly clientLimitMs: number,
  ) {}

  start(kinds: Kind[]): void {
    this.running = true;
    this.loops = kinds.map((kind, writer) => this.loop(kind, writer));
  }

  async stop(): Promise<void> {
    this.running = false;
    await Promise.all(this.loops);
  }

  private async loop(kind: Kind, writer: number): Promise<void> {
    let n = 0;
    while (this.running) {
      const name = `F${writer}-${n++} ${randomUUID().slice(0, 8)}`;
      const key = randomUUID();
      let stoppedAt: number | undefined;
      for (let attempt = 0; ; attempt++) {
        const record = await this.write(kind, name, key, attempt);
        this.records.push(record);
        if (!retryable(record)) break;
        if (!this.running && Date.now() - (stoppedAt ??= Date.now()) > RETRY_AFTER_STOP_MS) break;
        // back off a little so that an outage is not a busy loop
        await new Promise((r) => setTimeout(r, 200));
      }
    }
  }

  private async write(kind: Kind, name: string, key: string, attempt: number): Promise<WriteRecord> {
    const startedAt = Date.now();
    try {
      const response = await fetch(`${this.gatewayUrl}${KINDS[kind].path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${this.tokens[kind]}`, 'idempotency-key': key },
        body: JSON.stringify({ organizationUuid: this.organizationUuid, name }),
        signal: AbortSignal.timeout(this.clientLimitMs),
      });
      const text = await response.text();
      let uuid: string | undefined;
      try {
        uuid = (JSON.parse(text) as { uuid?: string }).uuid;
      } catch {
        // not JSON
      }
      return {
        kind,
        name,
        startedAt,
        ms: Date.now() - startedAt,
        status: response.status,
        uuid,
        error: response.ok ? undefined : text.slice(0, 300),
        key,
        attempt,
      };
    } catch (error) {
      const cause = (error as { cause?: { code?: string } }).cause?.code;
      return { kind, name, startedAt, ms: Date.now() - startedAt, status: 0, error: cause ?? (error as Error).name, key, attempt };
    }
  }
}
