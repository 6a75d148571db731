import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { PROBLEM_CONTENT_TYPE, ProblemDetails } from './http/problem';

/** The OpenAPI document of the public API, as served at /api/docs-json and exported to docs/openapi.json. */
export function buildOpenApi(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('KITOS next — IT overview API')
    .setDescription(
      [
        'The IT overview of Danish municipalities and other public bodies: IT systems, interfaces, usages, contracts, GDPR, archiving, projects and reports.',
        'Conventions (as KITOS API v2): UUIDs only, references as `{ uuid, name }`, camelCase, enums as strings, 0-based paging with `page` and `pageSize` (at most 250).',
        'Writes return the version in `ETag`; send it back in `If-Match` to refuse a concurrent change (412). Errors are `application/problem+json` (RFC 9457) with field-level `errors` for invalid input.',
        'Every response carries `x-correlation-id`; send your own to follow a request through the logs.',
        'Send `Idempotency-Key: <uuid>` on a POST to retry it safely after a timeout: the same key with the same request within 24 hours returns the first answer (`Idempotent-Replayed: true`) and creates nothing new; with a different request it is 422, and while the first is still being processed 409.',
      ].join('\n\n'),
    )
    .setVersion('2')
    .addBearerAuth({
      type: 'http',
      scheme: 'bearer',
      bearerFormat: 'JWT',
      description:
        'A token from POST /api/authorize/GetToken or POST /api/v2/token (API users), POST /api/v2/auth/login, or SAML single sign-on (GET /api/v2/auth/saml/{idp}/login → POST /api/v2/auth/saml/{idp}/acs)',
    })
    .addTag(
      'SAML single sign-on',
      'SP-initiated SAML 2.0 (OIOSAML 2 and 3): the browser opens GET /api/v2/auth/saml/{idp}/login, signs in at the identity provider, which posts its signed (and encrypted) response to POST /api/v2/auth/saml/{idp}/acs; the answer is a session token (JSON, or a redirect to returnTo with #token=…). See docs/saml.md.',
    )
    .build();
  return withIdempotencyKey(SwaggerModule.createDocument(app, config, { extraModels: [ProblemDetails] }));
}

/** Tags of the public POST operations (sign-in): they create nothing and keep no answers, so they take no key. */
const PUBLIC_TAGS = new Set(['authentication', 'SAML single sign-on']);
const REPLAYED = {
  description: '`true` when this is the kept answer to an earlier request with the same Idempotency-Key',
  schema: { type: 'string', enum: ['true'] },
};
const PROBLEM = { content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: '#/components/schemas/ProblemDetails' } } } };

/** The reusable `Idempotency-Key` header parameter, on every POST that needs a token, with the answers it can give. */
function withIdempotencyKey(document: OpenAPIObject): OpenAPIObject {
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
