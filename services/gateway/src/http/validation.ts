import { Injectable, ValidationPipe, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import { DomainError, EMPTY_UUID, isUuid } from '@kitos/common';
import { flattenValidationErrors } from '@kitos/contracts';

const NOT_DTOS: ReadonlySet<unknown> = new Set([Object, Array, String, Number, Boolean]);

/**
 * The global pipe: a body declared as a DTO class must be a JSON object (null, an array or a bare value is 400, where
 * the stock pipe would turn null into an empty object and accept it); then the stock validation.
 */
class RequestValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const isDto = typeof metadata.metatype === 'function' && !NOT_DTOS.has(metadata.metatype);
    if (metadata.type === 'body' && isDto && value !== undefined && (typeof value !== 'object' || value === null || Array.isArray(value))) {
      throw DomainError.badInput('The request body must be a JSON object', [{ field: 'body', message: 'must be an object' }]);
    }
    return super.transform(value, metadata);
  }
}

/** Request bodies and queries: unknown properties refused, types converted, every failure listed by field. */
export function requestValidationPipe(): ValidationPipe {
  return new RequestValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => DomainError.badInput('The request is invalid', flattenValidationErrors(errors)),
  });
}

/** A path UUID: malformed or the empty GUID → 400 (KITOS answers 400 for the empty GUID too). */
@Injectable()
export class UuidParamPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!isUuid(value) || value === EMPTY_UUID) {
      throw DomainError.badInput('The path does not hold a valid UUID', [
        { field: 'uuid', message: 'uuid must be a UUID other than the empty GUID' },
      ]);
    }
    return value.toLowerCase();
  }
}

/** `If-Match: "3"` (or W/"3", or *) → expected version 3 (undefined for * or no header). */
export function expectedVersionOf(ifMatch: string | undefined): number | undefined {
  if (ifMatch === undefined || ifMatch.trim() === '*') return undefined;
  const match = /^\s*(?:W\/)?"?(\d{1,15})"?\s*$/.exec(ifMatch);
  if (!match)
    throw DomainError.badInput('If-Match must be an ETag returned by this API, such as "3"', [
      { field: 'If-Match', message: 'must be an ETag such as "3"' },
    ]);
  return Number(match[1]);
}

export function etagOf(version: number): string {
  return `"${version}"`;
}

/**
 * The optional `If-Match` request header of a conditional write, for `@ApiHeader`; `what` names the resource ("the
 * webhook"), `note` says what the ETag is before the first write where that needs saying ('"0" while never written').
 */
export function ifMatchHeader(what: string, note?: string): { name: string; required: false; description: string } {
  return {
    name: 'If-Match',
    required: false,
    description: `ETag of the version you read${note ? ` (${note})` : ''}; the write is refused with 412 if ${what} changed since. Without it the write is unconditional.`,
  };
}
