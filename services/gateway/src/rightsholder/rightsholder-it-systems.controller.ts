import { Body, Controller, Get, Headers, Param, Patch, Post, Put, Query, Req, Res, Delete, HttpCode } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  DeactivateItSystemRequest,
  ItSystemResponse,
  ListRightsHolderItSystemsQuery,
  RightsHolderCreateItSystemRequest,
  RightsHolderPatchItSystemRequest,
  RightsHolderPutItSystemRequest,
  Rpc,
  sentOnly,
  type Page,
} from '@kitos/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiProblems } from '../http/api-problems';
import { callerOf } from '../http/caller';
import { UuidParamPipe, etagOf, expectedVersionOf, ifMatchHeader } from '../http/validation';
import { RpcClient } from '../rpc/rpc-client';

const IF_MATCH = ifMatchHeader('the system');

/**
 * The rights holders' view of the catalogue (KITOS `/api/v2/rightsholder/it-systems`): users with rights-holder access
 * see and maintain the systems whose rights holder is an organisation where they hold that access. They cannot delete;
 * DELETE deactivates with a reason.
 */
@ApiTags('rightsholder')
@Controller('api/v2/rightsholder/it-systems')
export class RightsHolderItSystemsController {
  constructor(private readonly rpc: RpcClient) {}

  @Get()
  @ApiOperation({
    summary: 'List the IT systems you are rights holder for',
    description:
      'Only for users with rights-holder access (403 otherwise). rightsHolderUuid must be an organisation where you hold it (403).',
  })
  @ApiOkResponse({ type: [ItSystemResponse] })
  @ApiProblems(400, 403, 503, 504)
  async list(@Query() query: ListRightsHolderItSystemsQuery, @Req() request: FastifyRequest): Promise<ItSystemResponse[]> {
    const page = await this.rpc.request<Page<ItSystemResponse>>(Rpc.catalog.itSystems.rightsHolder.list, callerOf(request), query);
    return page.items;
  }

  @Post()
  @ApiOperation({
    summary: 'Register an IT system as its rights holder',
    description:
      'rightsHolderUuid must be an organisation where you hold rights-holder access (403); it becomes rights holder and ' +
      'owner. name and description are required (400); a uuid you choose must be unused (409); the name is unique in the ' +
      'organisation (409). The catalogue rules on parent, business type, KLE and references apply (400/403).',
  })
  @ApiCreatedResponse({ type: ItSystemResponse, description: 'Created; the ETag header holds its version' })
  @ApiProblems(400, 403, 409, 503, 504)
  async create(
    @Body() body: RightsHolderCreateItSystemRequest,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ItSystemResponse> {
    const created = await this.rpc.request<ItSystemResponse>(Rpc.catalog.itSystems.rightsHolder.create, callerOf(request), body);
    void reply.header('etag', etagOf(created.version)).header('location', `/api/v2/rightsholder/it-systems/${created.uuid}`);
    return created;
  }

  @Get(':uuid')
  @ApiOperation({ summary: 'Read an IT system you are rights holder for', description: '403 when you are not its rights holder.' })
  @ApiOkResponse({ type: ItSystemResponse, description: 'The ETag header holds its version' })
  @ApiProblems(400, 403, 404, 503, 504)
  async get(
    @Param('uuid', UuidParamPipe) uuid: string,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ItSystemResponse> {
    const system = await this.rpc.request<ItSystemResponse>(Rpc.catalog.itSystems.rightsHolder.get, callerOf(request), { uuid });
    void reply.header('etag', etagOf(system.version));
    return system;
  }

  @Put(':uuid')
  @ApiOperation({
    summary: 'Replace what a rights holder maintains of an IT system',
    description: 'name and description are required; the other rights-holder properties absent from the body are cleared.',
  })
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: ItSystemResponse })
  @ApiProblems(400, 403, 404, 409, 412, 503, 504)
  async put(
    @Param('uuid', UuidParamPipe) uuid: string,
    @Body() body: RightsHolderPutItSystemRequest,
    @Headers('if-match') ifMatch: string | undefined,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ItSystemResponse> {
    const system = await this.rpc.request<ItSystemResponse>(Rpc.catalog.itSystems.rightsHolder.put, callerOf(request), {
      uuid,
      expectedVersion: expectedVersionOf(ifMatch),
      body,
    });
    void reply.header('etag', etagOf(system.version));
    return system;
  }

  @Patch(':uuid')
  @ApiOperation({
    summary: 'Change some of what a rights holder maintains of an IT system',
    description: 'Only the properties sent change.',
  })
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: ItSystemResponse })
  @ApiProblems(400, 403, 404, 409, 412, 503, 504)
  async patch(
    @Param('uuid', UuidParamPipe) uuid: string,
    @Body() body: RightsHolderPatchItSystemRequest,
    @Headers('if-match') ifMatch: string | undefined,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ItSystemResponse> {
    const system = await this.rpc.request<ItSystemResponse>(Rpc.catalog.itSystems.rightsHolder.patch, callerOf(request), {
      uuid,
      expectedVersion: expectedVersionOf(ifMatch),
      changes: sentOnly(request.body, body),
    });
    void reply.header('etag', etagOf(system.version));
    return system;
  }

  @Delete(':uuid')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Deactivate an IT system you are rights holder for',
    description:
      'Rights holders do not delete systems: the system is deactivated. deactivationReason is required (400) and recorded. 204 as KITOS; the new ETag is in the ETag header.',
  })
  @ApiHeader(IF_MATCH)
  @ApiNoContentResponse({
    description: 'Deactivated',
    headers: { ETag: { description: "The deactivated system's version", schema: { type: 'string' } } },
  })
  @ApiProblems(400, 401, 403, 404, 409, 412, 503, 504)
  async deactivate(
    @Param('uuid', UuidParamPipe) uuid: string,
    @Body() body: DeactivateItSystemRequest,
    @Headers('if-match') ifMatch: string | undefined,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<void> {
    const system = await this.rpc.request<ItSystemResponse>(Rpc.catalog.itSystems.rightsHolder.deactivate, callerOf(request), {
      uuid,
      expectedVersion: expectedVersionOf(ifMatch),
      body,
    });
    void reply.header('etag', etagOf(system.version));
  }
}
