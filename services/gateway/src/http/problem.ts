import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ErrorCode, type FieldError } from '@kitos/common';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** HTTP status of each error code; exhaustive, so a new code cannot go unmapped. */
export function statusOf(code: ErrorCode): number {
  switch (code) {
    case ErrorCode.BadInput:
      return 400;
    case ErrorCode.Unauthenticated:
      return 401;
    case ErrorCode.Forbidden:
      return 403;
    case ErrorCode.NotFound:
      return 404;
    case ErrorCode.Conflict:
      return 409;
    case ErrorCode.PreconditionFailed:
      return 412;
    case ErrorCode.PayloadTooLarge:
      return 413;
    case ErrorCode.Unprocessable:
      return 422;
    case ErrorCode.TooManyRequests:
      return 429;
    case ErrorCode.Unavailable:
      return 503;
    case ErrorCode.Timeout:
      return 504;
    case ErrorCode.Internal:
      return 500;
  }
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  412: 'Precondition Failed',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

export class ProblemFieldError {
  @ApiProperty({ example: 'name' })
  field!: string;

  @ApiProperty({ example: 'name must be shorter than or equal to 100 characters' })
  message!: string;
}

/** RFC 9457 problem details, the body of every error response. */
export class ProblemDetails {
  @ApiProperty({ example: 'urn:problem:kitos:bad-input' })
  type!: string;

  @ApiProperty({ example: 'Bad Request' })
  title!: string;

  @ApiProperty({ type: 'integer', example: 400 })
  status!: number;

  @ApiProperty({ example: 'The request is invalid' })
  detail!: string;

  @ApiProperty({ example: '/api/v2/it-systems' })
  instance!: string;

  @ApiProperty({ description: 'Quote it when reporting a problem; it identifies the request in every log' })
  correlationId!: string;

  @ApiPropertyOptional({ type: [ProblemFieldError], description: 'Field-level details of a validation failure' })
  errors?: FieldError[];

  [extra: string]: unknown;
}

export function problem(
  status: number,
  code: string,
  detail: string,
  instance: string,
  correlationId: string,
  errors: readonly FieldError[] = [],
  extra: Readonly<Record<string, unknown>> = {},
): ProblemDetails {
  return {
    ...extra,
    type: `urn:problem:kitos:${code.toLowerCase().replace(/_/g, '-')}`,
    title: TITLES[status] ?? 'Error',
    status,
    detail,
    instance,
    correlationId,
    ...(errors.length ? { errors: [...errors] } : {}),
  };
}
