import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Patch, Post, Put, Query, Req, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  CreateItSystemRequest,
  ItSystemHierarchyNodeResponse,
  ItSystemResponse,
  ListItSystemsQuery,
  PatchItSystemRequest,
  PutItSystemRequest,
  Rpc,
  sentOnly,
  type Page,
  ItSystemLegalNamesRequest,
} from '@kitos/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiProblems } from '../http/api-problems';
import { ApiBodyExamples, CREATE_IT_SYSTEM_EXAMPLES } from '../openapi/request-examples';
import { callerOf } from '../http/caller';
import { UuidParamPipe, etagOf, expectedVersionOf, ifMatchHeader } from '../http/validation';
import { RpcClient } from '../rpc/rpc-client';

const IF_MATCH = ifMatchHeader('the system');

@ApiTags('it-systems')
@Controller('api/v2/it-systems')
export class ItSystemsController {
  constructor(private readonly rpc: RpcClient) {}

  @Post()
  @ApiOperation({
    summary: 'Register an IT system in the catalogue',
    description:
      'Global administrators, and users with rights-holder access in the owning organisation, register systems (403 otherwise). ' +
      'The owning organisation must exist (400); the name is unique within it (409). New systems are Global (shared); only ' +
      'global administrators choose Local (403). The parent system must exist (400), be readable (403) and not make a cycle ' +
      '(400); the rights holder must be a known organisation (400); the business type must be available in the owning ' +
      'organisation (400); KLE references must exist and not repeat (400); a comment on the recommended archive duty needs ' +
      'a recommendation (400); at most one external reference is the master reference (400).',
  })
  @ApiCreatedResponse({ type: ItSystemResponse, description: 'Created; the ETag header holds its version' })
  @ApiProblems(400, 403, 409, 503, 504)
  @ApiBodyExamples(CreateItSystemRequest, CREATE_IT_SYSTEM_EXAMPLES)
  async create(
    @Body() body: CreateItSystemRequest,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ItSystemResponse> {
    const created = await this.rpc.request<ItSystemResponse>(Rpc.catalog.createItSystem, callerOf(request), body);
    void reply.header('etag', etagOf(created.version)).header('location', `/api/v2/it-systems/${created.uuid}`);
    return created;
  }

  @Get()
  @ApiOperation({
    summary: 'List IT systems',
    description:
      'Only the systems you may read. Filters combine: rights holder, business type, KLE number (the number and everything ' +
      'under it) or KLE uuid, used in an organisation, number of using organisations (at least), owner, name (contains or ' +
      'equals, case-insensitive), changed since, deactivated. Stable order: creation order by default, last change when ' +
      'changedSinceGtEq is given.',
  })
  @ApiOkResponse({ type: [ItSystemResponse] })
  @ApiProblems(400, 503, 504)
  async list(@Query() query: ListItSystemsQuery, @Req() request: FastifyRequest): Promise<ItSystemResponse[]> {
    const page = await this.rpc.request<Page<ItSystemResponse>>(Rpc.catalog.listItSystems, callerOf(request), query);
    return page.items;
  }

  @Patch(':uuid/dbs')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Change the legal names [DBS] of an IT system (KITOS)',
    description:
      'systemName sets legalName, dataProcessorName sets legalDataProcessorName; only the properties sent change (null clears). ' +
      'Users flagged system integrator (and global administrators) only: 403 otherwise; a system you may not read is 404.',
  })
  @ApiHeader(IF_MATCH)
  @ApiNoContentResponse({ description: 'Changed' })
  @ApiProblems(400, 401, 403, 404, 409, 412, 503, 504)
  async patchLegalNames(
    @Param('uuid', UuidParamPipe) uuid: string,
    @Body() body: ItSystemLegalNamesRequest,
    @Headers('if-match') ifMatch: string | undefined,
    @Req() request: FastifyRequest,
  ): Promise<void> {
    await this.rpc.request(Rpc.catalog.itSystems.patchLegalNames, callerOf(request), {
      uuid,
      expectedVersion: expectedVersionOf(ifMatch),
      changes: sentOnly(request.body, body),
    });
  }

  @Get(':uuid')
  @ApiOperation({ summary: 'Read one IT system' })
  @ApiOkResponse({ type: ItSystemResponse, description: 'The ETag header holds its version' })
  @ApiProblems(400, 404, 503, 504)
  async get(
    @Param('uuid', UuidParamPipe) uuid: string,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ItSystemResponse> {
    const system = await this.rpc.request<ItSystemResponse>(Rpc.catalog.getItSystem, callerOf(request), { uuid });
    void reply.header('etag', etagOf(system.version));
    return system;
  }

  @Get(':uuid/hierarchy')
  @ApiOperation({
    summary: 'The system tree the IT system belongs to',
    description: 'A flat list of the readable systems of the tree, from its top: each node with its parent and whether it is deactivated.',
  })
  @ApiOkResponse({ type: [ItSystemHierarchyNodeResponse] })
  @ApiProblems(400, 404, 503, 504)
  hierarchy(@Param('uuid', UuidParamPipe) uuid: string, @Req() request: FastifyRequest): Promise<ItSystemHierarchyNodeResponse[]> {
    return this.rpc.request<ItSystemHierarchyNodeResponse[]>(Rpc.catalog.itSystems.hierarchy, callerOf(request), { uuid });
  }

  @Put(':uuid')
  @ApiOperation({
    summary: 'Replace the writable fields of an IT system',
    description:
      'Every writable property is replaced; absent ones are reset to their defaults (scope to Global, so send scope to keep ' +
      'a Local system Local). The rules of POST apply; changing the scope needs a global administrator (403).',
  })
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: ItSystemResponse })
  @ApiProblems(400, 403, 404, 409, 412, 503, 504)
  async put(
    @Param('uuid', UuidParamPipe) uuid: string,
    @Body() body: PutItSystemRequest,
    @Headers('if-match') ifMatch: string | undefined,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ItSystemResponse> {
    const system = await this.rpc.request<ItSystemResponse>(Rpc.catalog.itSystems.put, callerOf(request), {
      uuid,
      expectedVersion: expectedVersionOf(ifMatch),
      body,
    });
    void reply.header('etag', etagOf(system.version));
    return system;
  }

  @Patch(':uuid')
  @ApiOperation({
    summary: 'Change some fields of an IT system',
    description: 'Only the properties present in the body change; null clears an optional one. The rules of POST apply to what changes.',
  })
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: ItSystemResponse })
  @ApiProblems(400, 403, 404, 409, 412, 503, 504)
  async patch(
    @Param('uuid', UuidParamPipe) uuid: string,
    @Body() body: PatchItSystemRequest,
    @Headers('if-match') ifMatch: string | undefined,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ItSystemResponse> {
    const changes = sentOnly(request.body, body);
    const system = await this.rpc.request<ItSystemResponse>(Rpc.catalog.patchItSystem, callerOf(request), {
      uuid,
      expectedVersion: expectedVersionOf(ifMatch),
      changes,
    });
    void reply.header('etag', etagOf(system.version));
    return system;
  }

  @Delete(':uuid')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Delete an IT system',
    description:
      'Global administrators and local administrators of the owner (403 otherwise). Refused with 409 while the system is ' +
      'in use, has child systems or exposes interfaces: the problem lists `deletionConflicts` (HasItSystemUsages, ' +
      'HasChildSystems, HasInterfaceExposures) and `conflicts` with the uuids and names behind each.',
  })
  @ApiHeader(IF_MATCH)
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiProblems(400, 403, 404, 409, 412, 503, 504)
  async delete(
    @Param('uuid', UuidParamPipe) uuid: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Req() request: FastifyRequest,
  ): Promise<void> {
    await this.rpc.request(Rpc.catalog.deleteItSystem, callerOf(request), { uuid, expectedVersion: expectedVersionOf(ifMatch) });
  }
}
