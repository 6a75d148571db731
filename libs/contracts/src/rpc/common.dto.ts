import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min, ValidateBy, isUUID, type ValidationOptions } from 'class-validator';

export const EMPTY_GUID = '00000000-0000-0000-0000-000000000000';

/** A UUID that is not the empty GUID (KITOS answers 400 for an empty-GUID filter or path). */
export function IsNonEmptyUuid(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isNonEmptyUuid',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && isUUID(value) && value !== EMPTY_GUID,
        defaultMessage: () => '$property must be a UUID other than the empty GUID',
      },
    },
    options,
  );
}

/**
 * The optional `uuid` of a create request: keep a uuid from another system (the KITOS importer). The services accept it
 * from global administrators and local administrators of the organisation only (`chosenUuid` in libs/common).
 */
export function ChosenUuid(): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({
      format: 'uuid',
      description: 'Keep a uuid from another system (e.g. KITOS, by the importer); global and local administrators only (403), taken → 409',
    }),
    IsOptional(),
    IsNonEmptyUuid(),
  );
}

/** Query-string booleans: only `true` and `false` are accepted (anything else fails validation). */
export const ToBoolean = () =>
  Transform(({ value }) => (value === 'true' || value === true ? true : value === 'false' || value === false ? false : value));

/** Trims text; the result is validated as usual. */
export const Trim = () => Transform(({ value }) => (typeof value === 'string' ? value.trim() : value));

export const MAX_PAGE_SIZE = 250;
/** Highest page number a list accepts (beyond it lies nothing; unbounded numbers such as 1e306 broke the database's skip). */
export const MAX_PAGE = 1_000_000;

const compose =
  (...decorators: PropertyDecorator[]): PropertyDecorator =>
  (target, key) => {
    for (const decorator of decorators) decorator(target, key);
  };

/** An optional 0-based page number from a query string or body: an integer from 0 to MAX_PAGE. */
export const PageNumber = (): PropertyDecorator =>
  compose(
    IsOptional(),
    Type(() => Number),
    IsInt(),
    Min(0),
    Max(MAX_PAGE),
  );

/** An optional page size from a query string or body: an integer from 1 to `max`. */
export const PageSize = (max: number = MAX_PAGE_SIZE): PropertyDecorator =>
  compose(
    IsOptional(),
    Type(() => Number),
    IsInt(),
    Min(1),
    Max(max),
  );

export class PageQuery {
  @ApiPropertyOptional({ description: '0-based page number', minimum: 0, maximum: MAX_PAGE, default: 0 })
  @PageNumber()
  page?: number;

  @ApiPropertyOptional({ description: `Page size, 1 to ${MAX_PAGE_SIZE}`, minimum: 1, maximum: MAX_PAGE_SIZE, default: MAX_PAGE_SIZE })
  @PageSize()
  pageSize?: number;
}

/** A reference to another object: `{ uuid, name }` as in KITOS API v2. */
export class IdentityNamePair {
  @ApiProperty({ format: 'uuid' })
  uuid!: string;

  @ApiProperty({ nullable: true, type: String, description: 'Null while the name is not yet known to this service' })
  name!: string | null;
}
