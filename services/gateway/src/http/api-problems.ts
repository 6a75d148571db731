import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import { PROBLEM_CONTENT_TYPE, ProblemDetails } from './problem';

const DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid input; `errors` lists each offending field',
  401: 'No or invalid token',
  403: 'Not allowed',
  404: 'Unknown, or not visible to you',
  409: 'Conflicts with existing data (e.g. a name already taken) or a concurrent change',
  412: 'If-Match does not match the current version',
  413: 'Request body too large',
  422: 'The Idempotency-Key was already used with a different request body',
  429: 'Too many attempts; `Retry-After` gives the seconds to wait',
  503: 'A service, the message bus or a database is not available',
  504: 'A service did not answer in time',
};

/** Documents error responses as problem+json. */
export function ApiProblems(...statuses: number[]): MethodDecorator {
  return applyDecorators(
    ...statuses.map((status) =>
      ApiResponse({
        status,
        description: DESCRIPTIONS[status],
        ...(status === 429
          ? { headers: { 'Retry-After': { description: 'Seconds to wait before trying again', schema: { type: 'integer' } } } }
          : {}),
        content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: '#/components/schemas/ProblemDetails' } } },
      }),
    ),
  );
}

export { ProblemDetails };
