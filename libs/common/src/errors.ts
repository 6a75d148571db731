/** Error codes shared by every service and mapped to transport errors in exactly one place per transport. */
export enum ErrorCode {
  BadInput = 'BAD_INPUT',
  Unauthenticated = 'UNAUTHENTICATED',
  Forbidden = 'FORBIDDEN',
  NotFound = 'NOT_FOUND',
  Conflict = 'CONFLICT',
  PreconditionFailed = 'PRECONDITION_FAILED',
  PayloadTooLarge = 'PAYLOAD_TOO_LARGE',
  /** The request is well-formed but cannot be processed as sent (e.g. an Idempotency-Key reused with another body). */
  Unprocessable = 'UNPROCESSABLE',
  /** Too many attempts: `extra.retryAfterSeconds` says when to try again. */
  TooManyRequests = 'TOO_MANY_REQUESTS',
  Unavailable = 'UNAVAILABLE',
  Timeout = 'TIMEOUT',
  Internal = 'INTERNAL',
}

export interface FieldError {
  /** Dotted path of the offending field, e.g. `name` or `validity.validTo`. */
  readonly field: string;
  readonly message: string;
}

/** A failure with a code and a user-facing message; the only error type that crosses service boundaries. */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly errors: readonly FieldError[] = [],
    readonly extra: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }

  static badInput(message: string, errors: readonly FieldError[] = []): DomainError {
    return new DomainError(ErrorCode.BadInput, message, errors);
  }

  static notFound(what: string, uuid: string): DomainError {
    return new DomainError(ErrorCode.NotFound, `${what} ${uuid} was not found`);
  }

  static conflict(message: string, extra: Record<string, unknown> = {}): DomainError {
    return new DomainError(ErrorCode.Conflict, message, [], extra);
  }

  static forbidden(message = 'You are not allowed to do this'): DomainError {
    return new DomainError(ErrorCode.Forbidden, message);
  }

  static preconditionFailed(message: string): DomainError {
    return new DomainError(ErrorCode.PreconditionFailed, message);
  }

  /**
   * A write that lost to another one (the repository's StaleVersionError): 412 when the client named the version it
   * read (If-Match), 409 when it did not. `subject` names the object, e.g. `IT system <uuid>`.
   */
  static stale(subject: string, expectedVersion: number | undefined, versionWord = 'version'): DomainError {
    return expectedVersion !== undefined
      ? DomainError.preconditionFailed(`${subject} is no longer at ${versionWord} ${expectedVersion}; read it again`)
      : DomainError.conflict(`${subject} was changed concurrently; read it again and retry`);
  }

  /** Too many attempts; the gateway answers 429 with `Retry-After: retryAfterSeconds`. */
  static tooManyRequests(message: string, retryAfterSeconds: number): DomainError {
    return new DomainError(ErrorCode.TooManyRequests, message, [], { retryAfterSeconds: Math.max(1, Math.ceil(retryAfterSeconds)) });
  }

  static unavailable(message: string): DomainError {
    return new DomainError(ErrorCode.Unavailable, message);
  }
}

/** The serialised form of a DomainError on the bus. */
export interface ErrorPayload {
  readonly code: ErrorCode;
  readonly message: string;
  readonly errors: readonly FieldError[];
  readonly extra: Readonly<Record<string, unknown>>;
}

export function toErrorPayload(error: DomainError): ErrorPayload {
  return { code: error.code, message: error.message, errors: error.errors, extra: error.extra };
}

export function isErrorPayload(value: unknown): value is ErrorPayload {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as ErrorPayload).code === 'string' &&
    Object.values(ErrorCode).includes((value as ErrorPayload).code) &&
    typeof (value as ErrorPayload).message === 'string'
  );
}

export function fromErrorPayload(payload: ErrorPayload): DomainError {
  return new DomainError(payload.code, payload.message, payload.errors ?? [], payload.extra ?? {});
}
