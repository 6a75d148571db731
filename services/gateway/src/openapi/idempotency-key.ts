import type { OpenAPIObject } from '@nestjs/swagger';
import { PROBLEM_CONTENT_TYPE } from '../http/problem';

/** Tags of the public POST operations (sign-in): they create nothing and keep no answers, so they take no key. */
const PUBLIC_TAGS = new Set(['authentication', 'SAML single sign-on']);
const REPLAYED = {
  description: '`true` when this is the kept answer to an earlier request with the same Idempotency-Key',
  schema: { type: 'string', enum: ['true'] },
};
const PROBLEM = { content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: '#/components/schemas/ProblemDetails' } } } };

/** The reusable `Idempotency-Key` header parameter, on every POST that needs a token, with the answers it can give. */
export function withIdempotencyKey(document: OpenAPIObject): OpenAPIObject {
  document.components ??= {};
  document.components.parameters = {
    ...document.components.parameters,
    IdempotencyKey: {
      name: 'Idempotency-Key',
      in: 'header',
      required: false,
      description:
        'Makes the POST safe to retry (draft-ietf-httpapi-idempotency-key-header): a unique value per request, e.g. a UUID, 1–255 visible ASCII characters. ' +
        'The same key with the same request (path and body) within `IDEMPOTENCY_RETENTION_HOURS` (24 h) answers as the first time did, with `Idempotent-Replayed: true`, and creates nothing new; ' +
        'with a different request → 422; while the first request is still being processed → 409. Keys are per caller. Only successful answers are kept: after a 4xx or 5xx the key is free again and a retry is processed anew.',
      schema: { type: 'string', minLength: 1, maxLength: 255, example: '8e03978e-40d5-43e8-bc93-6894a57f9324' },
    },
  };
  for (const operations of Object.values(document.paths)) {
    const post = operations.post;
    if (!post || post.tags?.some((tag) => PUBLIC_TAGS.has(tag))) continue;
    post.parameters = [...(post.parameters ?? []), { $ref: '#/components/parameters/IdempotencyKey' }];
    post.responses['409'] ??= {
      description: 'Conflicts with existing data, or a request with the same Idempotency-Key is still being processed',
      ...PROBLEM,
    };
    post.responses['422'] ??= { description: 'The Idempotency-Key was already used with a different request', ...PROBLEM };
    for (const [status, response] of Object.entries(post.responses)) {
      if (!status.startsWith('2') || !response || '$ref' in response) continue;
      response.headers = { ...response.headers, 'Idempotent-Replayed': REPLAYED };
    }
  }
  return document;
}
