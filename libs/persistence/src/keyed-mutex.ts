/**
 * Serialises async work per key inside one process. FerretDB 1.24 evaluates an update's filter and writes the
 * document back in separate steps, so two overlapping updates of one document can lose one of them even when both
 * filter on `version` (MongoDB does each update atomically). Every write of an aggregate document in a service —
 * the domain's and the outbox relay's — therefore runs under the aggregate's key.
 */
export class KeyedMutex {
  private readonly tails = new Map<string, Promise<unknown>>();

  async run<T>(key: string, work: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(work, work);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(key, tail);
    try {
      return await result;
    } finally {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    }
  }

  /** Keys with work queued or running (for tests and diagnostics). */
  get size(): number {
    return this.tails.size;
  }
}

/** The key of an aggregate document's writes: the domain's (AggregateRepository) and the outbox relay's. */
export function lockKey(model: { collection: { collectionName: string } }, uuid: string): string {
  return `${model.collection.collectionName}:${uuid}`;
}
