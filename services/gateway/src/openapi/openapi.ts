import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { ProblemDetails } from '../http/problem';
import { BEARER, refineDocument } from './refine-document';
import { withIdempotencyKey } from './idempotency-key';
import { collectRouteFacts } from './route-facts';

/** Every tag an operation uses, with what it covers (a tag missing here fails `npm run openapi:check`). */
export const API_TAGS: Readonly<Record<string, string>> = {
  authentication:
    'Tokens: log in (session token), API tokens (GetToken, OAuth 2.0 style), token introspection and the published signing keys (JWKS).',
  'SAML single sign-on':
    'SP-initiated SAML 2.0 (OIOSAML 2 and 3): the browser opens GET /api/v2/auth/saml/{idp}/login, signs in at the identity provider, which posts its signed (and encrypted) response to POST /api/v2/auth/saml/{idp}/acs; the answer is a session token (JSON, or a redirect to returnTo with #token=…). See docs/saml.md.',
  organizations: 'Municipalities and other organisations (CVR, type, master data) and their settings.',
  'organization units': 'The organisation tree of an organisation (units, EAN and cost centre), with import.',
  'organization users': 'Users of an organisation, their roles in it, and its audit log.',
  'scim provisioning':
    'SCIM 2.0 provisioning by an identity management system (Entra ID, OS2rollekatalog): the organisation’s SCIM credential and the group → role mappings. The SCIM protocol itself is served at /scim/v2 (RFC 7644; see docs/identity.md).',
  users: 'User accounts across organisations (global administrators) and the caller’s own profile.',
  'role types': 'The role types that can be assigned on systems, contracts, projects and registrations.',
  'it-systems': 'The shared catalogue of IT systems: master data, hierarchy, KLE references, rights holder.',
  rightsholder: 'The IT systems a rights holder (supplier) maintains, for callers with rights-holder access.',
  'kle-options': 'KLE (Kommunernes Landsdækkende Emnesystematik) numbers and their imports.',
  'it-interfaces': 'Interfaces between IT systems: exposing system, data rows and availability.',
  'it-system-usages': 'An organisation’s use of an IT system [IT-system anvendelse]: roles, units, GDPR, archiving and journal periods.',
  'it-system-usage-archives': 'Archiving of a system usage: archive duty, deliveries and journal periods.',
  'system-relations': 'Relations between system usages (one system uses another, through an interface, under a contract).',
  'it-contracts': 'IT contracts [IT-kontrakter]: parties, validity, agreement periods, payments, systems and registrations covered.',
  'data-processing-registrations':
    'Data processing registrations [Databehandling]: data processors, oversight and transfer to third countries.',
  'processing-activities': 'Records of processing activities (GDPR Art. 30) of an organisation.',
  gdpr: 'GDPR overviews of an organisation: Art. 30 record, dashboard and report.',
  archiving: 'Archiving overviews of an organisation: what to deliver and what is overdue.',
  'it-projects': 'IT projects [IT-projekter]: phases, status, milestones, tasks, risks, communication, handover, benefits and economy.',
  reminders: 'Reminders on dates (contract notice, oversight, renewals), their settings and the alerts they raise.',
  history: 'Field-level change history of an object, from its events.',
  'delta-feed': 'Objects deleted since a point in time, so that integrations can keep a copy in step.',
  webhooks: 'Subscriptions to change events delivered by HTTP POST, with retries and dead letters.',
  reports: 'Reports on the organisation’s data as JSON, CSV or Excel, and saved report views.',
  'report-views': 'Saved column, filter and sort choices for a report.',
  reporting: 'Read models for reporting, their rebuild and the sharing settings for cross-municipal figures.',
  benchmarks: 'Cross-municipal benchmarks from the organisations that share their figures.',
  'data-quality': 'Data-quality scores and findings of an organisation, and their history.',
  'option types':
    'Option types (global choices and each organisation’s local ones) used by systems, usages, contracts, registrations and projects.',
  admin: 'Moving from KITOS: import an organisation’s IT overview from a running KITOS, as a dry run or for real.',
};

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
    .setLicense('MPL-2.0', 'https://www.mozilla.org/en-US/MPL/2.0/')
    .addServer('/', 'The gateway that serves this document')
    .addBearerAuth(
      {
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'JWT',
        description:
          'A token from POST /api/authorize/GetToken or POST /api/v2/token (API users), POST /api/v2/auth/login, or SAML single sign-on (GET /api/v2/auth/saml/{idp}/login → POST /api/v2/auth/saml/{idp}/acs)',
      },
      BEARER,
    )
    .build();
  const document = SwaggerModule.createDocument(app, config, { extraModels: [ProblemDetails] });
  return withIdempotencyKey(refineDocument(document, { routes: collectRouteFacts(app), tags: API_TAGS }));
}
