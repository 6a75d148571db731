import { Body, Controller, Delete, Get, Header, HttpCode, Param, Patch, Post, Put, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { DomainError, ErrorCode, isUuid } from '@kitos/common';
import { ScimRpc, SCIM_SCHEMAS, type ScimOperation, type ScimResource } from '@kitos/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { OwnCredential } from '../auth/own-credential';
import { callerOf } from '../http/caller';
import { RpcClient } from '../rpc/rpc-client';
import { resourceTypes, schemas, serviceProviderConfig } from './scim-discovery';
import { SCIM_CONTENT_TYPE, ScimErrorFilter } from './scim-error.filter';

type Json = Record<string, unknown>;
type ScimQuery = { filter?: string; startIndex?: string; count?: string; excludedAttributes?: string; attributes?: string };

/**
 * SCIM 2.0 (RFC 7643/7644) for identity management systems, at `/scim/v2` (the organisation taken from the credential)
 * and at `/scim/v2/organizations/{uuid}` (the credential must be that organisation's). Not in the OpenAPI document:
 * SCIM clients are configured with the base URL and speak the RFC (docs/identity.md "SCIM provisioning").
 */
@ApiExcludeController()
@OwnCredential()
@UseFilters(ScimErrorFilter)
@Controller(['scim/v2', 'scim/v2/organizations/:organizationUuid'])
export class ScimController {
  constructor(private readonly rpc: RpcClient) {}

  @Get('ServiceProviderConfig')
  @Header('content-type', SCIM_CONTENT_TYPE)
  config(@Req() request: FastifyRequest): Json {
    return serviceProviderConfig(baseUrlOf(request));
  }

  @Get('ResourceTypes')
  @Header('content-type', SCIM_CONTENT_TYPE)
  resourceTypes(@Req() request: FastifyRequest): Json {
    return listOf(resourceTypes(baseUrlOf(request)));
  }

  @Get('ResourceTypes/:id')
  @Header('content-type', SCIM_CONTENT_TYPE)
  resourceType(@Param('id') id: string, @Req() request: FastifyRequest): Json {
    return findOr404(resourceTypes(baseUrlOf(request)), id);
  }

  @Get('Schemas')
  @Header('content-type', SCIM_CONTENT_TYPE)
  schemas(@Req() request: FastifyRequest): Json {
    return listOf(schemas(baseUrlOf(request)));
  }

  @Get('Schemas/:id')
  @Header('content-type', SCIM_CONTENT_TYPE)
  schema(@Param('id') id: string, @Req() request: FastifyRequest): Json {
    return findOr404(schemas(baseUrlOf(request)), id);
  }

  @Get(':resource')
  @Header('content-type', SCIM_CONTENT_TYPE)
  async list(@Param('resource') resource: string, @Query() query: ScimQuery, @Req() request: FastifyRequest): Promise<Json> {
    const page = await this.call<Json>(request, resource, 'list', {
      query: { filter: query.filter, startIndex: integer(query.startIndex, 'startIndex'), count: integer(query.count, 'count') },
    });
    const excluded = attributeList(query.excludedAttributes);
    return {
      ...page,
      Resources: ((page.Resources as Json[]) ?? []).map((r) => withoutAttributes(located(r, request, resource), excluded)),
    };
  }

  @Post(':resource')
  @HttpCode(201)
  @Header('content-type', SCIM_CONTENT_TYPE)
  async create(
    @Param('resource') resource: string,
    @Body() body: unknown,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Json> {
    const created = located(await this.call<Json>(request, resource, 'create', { body }), request, resource);
    void reply.header('location', (created.meta as Json).location as string);
    return created;
  }

  @Get(':resource/:id')
  @Header('content-type', SCIM_CONTENT_TYPE)
  async get(@Param('resource') resource: string, @Param('id') id: string, @Query() query: ScimQuery, @Req() request: FastifyRequest) {
    const found = await this.call<Json>(request, resource, 'get', { id });
    return withoutAttributes(located(found, request, resource), attributeList(query.excludedAttributes));
  }

  @Put(':resource/:id')
  @Header('content-type', SCIM_CONTENT_TYPE)
  async replace(@Param('resource') resource: string, @Param('id') id: string, @Body() body: unknown, @Req() request: FastifyRequest) {
    return located(await this.call<Json>(request, resource, 'replace', { id, body }), request, resource);
  }

  @Patch(':resource/:id')
  @Header('content-type', SCIM_CONTENT_TYPE)
  async patch(@Param('resource') resource: string, @Param('id') id: string, @Body() body: unknown, @Req() request: FastifyRequest) {
    return located(await this.call<Json>(request, resource, 'patch', { id, body }), request, resource);
  }

  @Delete(':resource/:id')
  @HttpCode(204)
  async delete(@Param('resource') resource: string, @Param('id') id: string, @Req() request: FastifyRequest): Promise<void> {
    await this.call(request, resource, 'delete', { id });
  }

  /** One SCIM request to identity, with the bearer credential, which identity checks every time. */
  private call<T>(request: FastifyRequest, resource: string, operation: ScimOperation, data: Json): Promise<T> {
    if (resource !== 'Users' && resource !== 'Groups') throw new DomainError(ErrorCode.NotFound, `There is no SCIM endpoint /${resource}`);
    const organizationUuid = (request.params as { organizationUuid?: string }).organizationUuid;
    if (organizationUuid !== undefined && !isUuid(organizationUuid))
      throw new DomainError(ErrorCode.NotFound, 'The organisation in the URL is not a uuid');
    const match = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '');
    if (!match) throw new DomainError(ErrorCode.Unauthenticated, 'Send the SCIM credential: Authorization: Bearer <credential>');
    return this.rpc.request<T>(ScimRpc.protocol, callerOf(request), {
      credential: match[1],
      ...(organizationUuid ? { organizationUuid } : {}),
      resource: resource as ScimResource,
      operation,
      ...data,
    });
  }
}

/** The SCIM base URL this request came through: `…/scim/v2` or `…/scim/v2/organizations/{uuid}`. */
function baseUrlOf(request: FastifyRequest): string {
  const path = request.url.split('?')[0];
  const base = /^\/scim\/v2(\/organizations\/[^/]+)?/.exec(path)?.[0] ?? '/scim/v2';
  return `${request.protocol}://${request.host}${base}`;
}

function located(resource: Json, request: FastifyRequest, endpoint: string): Json {
  const meta = (resource.meta as Json | undefined) ?? {};
  return { ...resource, meta: { ...meta, location: `${baseUrlOf(request)}/${endpoint}/${String(resource.id)}` } };
}

function integer(value: string | undefined, field: string): number | undefined {
  if (value === undefined || value === '') return undefined;
  if (!/^-?\d{1,9}$/.test(value)) throw DomainError.badInput(`${field} must be an integer`, [{ field, message: 'must be an integer' }]);
  return Number(value);
}

function attributeList(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((a) =>
      a
        .trim()
        .replace(/^urn:ietf:params:scim:schemas:core:2\.0:(User|Group):/i, '')
        .toLowerCase(),
    )
    .filter(Boolean);
}

/** `excludedAttributes` (e.g. `members`, which Entra ID leaves out of group reads); id, schemas and meta always stay. */
function withoutAttributes(resource: Json, excluded: readonly string[]): Json {
  if (!excluded.length) return resource;
  return Object.fromEntries(
    Object.entries(resource).filter(([key]) => ['id', 'schemas', 'meta'].includes(key) || !excluded.includes(key.toLowerCase())),
  );
}

function listOf(resources: Json[]): Json {
  return {
    schemas: [SCIM_SCHEMAS.listResponse],
    totalResults: resources.length,
    startIndex: 1,
    itemsPerPage: resources.length,
    Resources: resources,
  };
}

function findOr404(resources: Json[], id: string): Json {
  const found = resources.find((r) => r.id === id);
  if (!found) throw new DomainError(ErrorCode.NotFound, `${id} not found`);
  return found;
}
