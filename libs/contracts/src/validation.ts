import { DomainError, type FieldError } from '@kitos/common';
import { plainToInstance, type ClassConstructor } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';
import { cacheValidationMetadata } from './validation-metadata-cache';

// every validation of this process (events, RPC payloads, the gateway's pipes) looks class rules up in a cache
cacheValidationMetadata();

export function flattenValidationErrors(errors: readonly ValidationError[], parent = ''): FieldError[] {
  const result: FieldError[] = [];
  for (const error of errors) {
    const field = parent ? (/^\d+$/.test(error.property) ? `${parent}[${error.property}]` : `${parent}.${error.property}`) : error.property;
    for (const message of Object.values(error.constraints ?? {})) result.push({ field, message });
    if (error.children?.length) result.push(...flattenValidationErrors(error.children, field));
  }
  return result;
}

export interface ValidateOptions {
  /** Refuse properties the class does not declare (the HTTP/RPC default); events use a tolerant reader. */
  readonly forbidUnknown?: boolean;
}

/** Turns a plain object into a validated instance of `cls`, or throws a BAD_INPUT DomainError with field details. */
export function validateInto<T extends object>(cls: ClassConstructor<T>, plain: unknown, options: ValidateOptions = {}): T {
  const forbidUnknown = options.forbidUnknown ?? true;
  if (typeof plain !== 'object' || plain === null || Array.isArray(plain)) {
    throw DomainError.badInput('The payload must be a JSON object', [{ field: '', message: 'must be an object' }]);
  }
  const instance = plainToInstance(cls, plain, { exposeDefaultValues: true });
  const errors = validateSync(instance, {
    whitelist: true,
    forbidNonWhitelisted: forbidUnknown,
    forbidUnknownValues: true,
    validationError: { target: false, value: false },
  });
  if (errors.length) throw DomainError.badInput('The request is invalid', flattenValidationErrors(errors));
  return instance;
}

/**
 * The properties of a validated DTO that the client actually sent. Validated instances carry every declared
 * property (unset ones as undefined), which a PATCH must not read as "clear this field".
 */
export function sentOnly<T extends object>(sent: unknown, validated: T): Partial<T> {
  const keys = typeof sent === 'object' && sent !== null ? Object.keys(sent) : [];
  return Object.fromEntries(keys.filter((k) => k in validated).map((k) => [k, validated[k as keyof T]])) as Partial<T>;
}

/** Validates a PATCH body and keeps only what was sent. */
export function validatePatch<T extends object>(cls: ClassConstructor<T>, plain: unknown): Partial<T> {
  return sentOnly(plain, validateInto(cls, plain));
}
