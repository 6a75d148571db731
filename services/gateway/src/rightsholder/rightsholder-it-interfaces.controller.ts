import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Patch, Post, Put, Query, Req, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  DeactivateItInterfaceRequest,
  ItInterfaceResponse,
  ListRightsHolderItInterfacesQuery,
  RightsHolderCreateItInterfaceRequest,
  RightsHolderPatchItInterfaceRequest,
  RightsHolderPutItInterfaceRequest,
  Rpc,
  sentOnly,
  type Page,
} from '@kitos/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiProblems } from '../http/api-problems';
import { callerOf } from '../http/caller';
import { UuidParamPipe, etagOf, expectedVersionOf } from '../http/validation';
import { RpcClient } from '../rpc/rpc-client';

const IF_MATCH = {
  name: 'If-Match',
  required: false,
  description: 'ETag of the revision you read; the change is refused with 412 if the interface changed since',
};

/**
 * The rights holders' view of the interfaces (KITOS `/api/v2/rightsholder/it-interfaces`): an interface's rights holder
 * is the rights holder of the system that exposes it. Users with rights-holder access there see and maintain it; they
 * cannot delete it: DELETE deactivates with a reason.
 */
@ApiTags('rightsholder')
@Controller('api/v2/rightsholder/it-interfaces')
export class RightsHolderItInterfacesController {
  constructor(private readonly rpc: RpcClient) {}

  @Get()
  @ApiOperation({
    summary: 'List the IT interfaces you are rights holder for',
    description:
      'Interfaces exposed by systems whose rights holder is an organisation where you hold rights-holder access (403 without ' +
      'any). rightsHolderUuid narrows to one of them (403 for another). Deactivated ones only with includeDeactivated; ' +
      'changedSinceGtEq orders by last change.',
  })
  @ApiOkResponse({ type: [ItInterfaceResponse] })
  @ApiProblems(400, 401, 403, 503, 504)
  async list(@Query() query: ListRightsHolderItInterfacesQuery, @Req() request: FastifyRequest): Promise<ItInterfaceResponse[]> {
    const page = await this.rpc.request<Page<ItInterfaceResponse>>(Rpc.catalog.interfaces.rightsHolder.list, callerOf(request), query);
    return page.items;
  }

  @Post()
  @ApiOperation({
    summary: 'Register an IT interface as its rights holder',
    description:
      'rightsHolderUuid must be an organisation where you hold rights-holder access (403); it owns the interface, which is ' +
      'shared (Global). The exposing system must have that rights holder (400 at exposedBySystemUuid). name, description and ' +
      'exposedBySystemUuid are required (400); name + interfaceId are unique in the organisation (409); a uuid you choose must be unused (409).',
  })
  @ApiCreatedResponse({ type: ItInterfaceResponse, description: 'Created; the ETag header holds its revision' })
  @ApiProblems(400, 401, 403, 409, 503, 504)
  async create(
    @Body() body: RightsHolderCreateItInterfaceRequest,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ItInterfaceResponse> {
    const created = await this.rpc.request<ItInterfaceResponse>(Rpc.catalog.interfaces.rightsHolder.create, callerOf(request), body);
    void reply.header('etag', etagOf(created.revision)).header('location', `/api/v2/rightsholder/it-interfaces/${created.uuid}`);
    return created;
  }

  @Get(':uuid')
  @ApiOperation({ summary: 'Read an IT interface you are rights holder for', description: '403 when you are not its rights holder.' })
  @ApiOkResponse({ type: ItInterfaceResponse, description: 'The ETag header holds its revision' })
  @ApiProblems(400, 401, 403, 404, 503, 504)
  async get(
    @Param('uuid', UuidParamPipe) uuid: string,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ItInterfaceResponse> {
    const found = await this.rpc.request<ItInterfaceResponse>(Rpc.catalog.interfaces.rightsHolder.get, callerOf(request), { uuid });
    void reply.header('etag', etagOf(found.revision));
    return found;
  }

  @Put(':uuid')
  @ApiOperation({
    summary: 'Replace what a rights holder maintains of an IT interface',
    description:
      'name, description and exposedBySystemUuid are required; interfaceId, version and urlReference absent from the body are ' +
      'cleared. What rights holders do not maintain (type, data rows, notes, scope) stays.',
  })
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: ItInterfaceResponse })
  @ApiProblems(400, 401, 403, 404, 409, 412, 503, 504)
  async put(
    @Param('uuid', UuidParamPipe) uuid: string,
    @Body() body: RightsHolderPutItInterfaceRequest,
    @Headers('if-match') ifMatch: string | undefined,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ItInterfaceResponse> {
    const updated = await this.rpc.request<ItInterfaceResponse>(Rpc.catalog.interfaces.rightsHolder.put, callerOf(request), {
      uuid,
      expectedVersion: expectedVersionOf(ifMatch),
      body,
    });
    void reply.header('etag', etagOf(updated.revision));
    return updated;
  }

  @Patch(':uuid')
  @ApiOperation({
    summary: 'Change some of what a rights holder maintains of an IT interface',
    description: 'Only the properties sent change.',
  })
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: ItInterfaceResponse })
  @ApiProblems(400, 401, 403, 404, 409, 412, 503, 504)
  async patch(
    @Param('uuid', UuidParamPipe) uuid: string,
    @Body() body: RightsHolderPatchItInterfaceRequest,
    @Headers('if-match') ifMatch: string | undefined,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ItInterfaceResponse> {
    const updated = await this.rpc.request<ItInterfaceResponse>(Rpc.catalog.interfaces.rightsHolder.patch, callerOf(request), {
      uuid,
      expectedVersion: expectedVersionOf(ifMatch),
      changes: sentOnly(request.body, body),
    });
    void reply.header('etag', etagOf(updated.revision));
    return updated;
  }

  @Delete(':uuid')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Deactivate an IT interface you are rights holder for',
    description: 'Rights holders do not delete interfaces: the interface is deactivated. deactivationReason is required (400).',
  })
  @ApiHeader(IF_MATCH)
  @ApiNoContentResponse({ description: 'Deactivated' })
  @ApiProblems(400, 401, 403, 404, 409, 412, 503, 504)
  async deactivate(
    @Param('uuid', UuidParamPipe) uuid: string,
    @Body() body: DeactivateItInterfaceRequest,
    @Headers('if-match') ifMatch: string | undefined,
    @Req() request: FastifyRequest,
  ): Promise<void> {
    await this.rpc.request(Rpc.catalog.interfaces.rightsHolder.deactivate, callerOf(request), {
      uuid,
      expectedVersion: expectedVersionOf(ifMatch),
      body,
    });
  }
}
