/** The aggregate changed since it was read: the caller's expected version no longer matches. */
export class StaleVersionError extends Error {
  constructor(
    readonly uuid: string,
    readonly expectedVersion: number,
  ) {
    super(`Aggregate ${uuid} is no longer at version ${expectedVersion}`);
    this.name = 'StaleVersionError';
  }
}

/** A unique index refused the write; `keyPattern` names the fields. */
export class DuplicateKeyError extends Error {
  constructor(readonly keyPattern: Readonly<Record<string, unknown>>) {
    super(`Duplicate key: ${Object.keys(keyPattern).join(', ')}`);
    this.name = 'DuplicateKeyError';
  }
}

export function isDuplicateKey(error: unknown): error is { code: number; keyPattern?: Record<string, unknown> } {
  return typeof error === 'object' && error !== null && (error as { code?: number }).code === 11000;
}
