import { DomainError } from '@kitos/common';

/** The expected version of a write request (from If-Match), if any. */
export function versionOf(data: unknown): number | undefined {
  const version = (data as { expectedVersion?: unknown } | null)?.expectedVersion;
  if (version === undefined || version === null) return undefined;
  if (!Number.isInteger(version) || (version as number) < 0) throw DomainError.badInput('expectedVersion must be a non-negative integer');
  return version as number;
}
