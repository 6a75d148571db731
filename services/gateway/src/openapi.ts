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
      description: 'A token from POST /api/authorize/GetToken (API users) or POST /api/v2/auth/login',
    })
    .build();
  return SwaggerModule.createDocument(app, config, { extraModels: [ProblemDetails] });
}
