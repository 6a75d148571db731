/**
 * Optimistic concurrency for plain (non-aggregate) documents such as settings and subscriptions: a `version` field
 * that every write increments (`$inc`), and a conditional write filtered by `_id` and the version the client read, so
 * the check and the write are one atomic update. Documents written before they carried a version, and settings never
 * written at all, count as version 0: no migration is needed.
 */
export function storedVersion(document: { version?: number | null } | null | undefined): number {
  return document?.version ?? 0;
}

/** The part of a write's filter that requires `expectedVersion` (0: no version stored yet). */
export function versionFilter(expectedVersion: number): Record<string, unknown> {
  return expectedVersion === 0 ? { version: { $exists: false } } : { version: expectedVersion };
}
