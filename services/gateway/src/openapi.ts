import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { ProblemDetails } from './http/problem';

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
  return SwaggerModule.createDocument(app, config, { extraModels: [ProblemDetails] });
}
