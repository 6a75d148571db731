/**
 * Token buckets by key, in process memory: each key may spend `capacity` requests at once and earns them back at
 * `capacity` per minute. Keys that are full again are dropped, so memory follows the active clients only.
 */
export class TokenBuckets {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private sweptAt = 0;

  constructor(
    private readonly capacity: number,
    private readonly now: () => number,
  ) {}

  /** Takes one token; 0 when granted, otherwise the seconds until the next token. */
  take(key: string): number {
    const now = this.now();
    this.sweep(now);
    const perMs = this.capacity / 60_000;
    const bucket = this.buckets.get(key) ?? { tokens: this.capacity, at: now };
    const tokens = Math.min(this.capacity, bucket.tokens + (now - bucket.at) * perMs);
    if (tokens < 1) {
      this.buckets.set(key, { tokens, at: now });
      return Math.max(1, Math.ceil((1 - tokens) / perMs / 1000));
    }
    this.buckets.set(key, { tokens: tokens - 1, at: now });
    return 0;
  }

  get size(): number {
    return this.buckets.size;
  }

  private sweep(now: number): void {
    if (now - this.sweptAt < 60_000) return;
    this.sweptAt = now;
    for (const [key, bucket] of this.buckets) {
      if (bucket.tokens + (now - bucket.at) * (this.capacity / 60_000) >= this.capacity) this.buckets.delete(key);
    }
  }
}
