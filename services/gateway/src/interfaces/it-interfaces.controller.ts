import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Patch, Post, Put, Query, Req, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  CreateItInterfaceRequest,
  ItInterfaceDataResponse,
  ItInterfaceDataWriteRequest,
  ItInterfaceResponse,
  ListItInterfacesQuery,
  PatchItInterfaceRequest,
  Rpc,
  UpdateItInterfaceRequest,
  sentOnly,
  type ItInterfaceDataRpcResult,
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

@ApiTags('it-interfaces')
@Controller('api/v2/it-interfaces')
export class ItInterfacesController {
  constructor(private readonly rpc: RpcClient) {}

  @Post()
  @ApiOperation({
    summary: 'Register an IT interface in the catalogue',
    description:
      'Global administrators, and local administrators, system-module administrators and rights holders of the owning ' +
      'organisation register interfaces; only global administrators register Global ones (403). Name + interfaceId is ' +
      'unique per organisation, ignoring case and spacing (409). The exposing system must exist and be visible, the ' +
      'interface type and data types must be available in the owning organisation (400). New interfaces are Local.',
  })
  @ApiCreatedResponse({ type: ItInterfaceResponse, description: 'Created; the ETag header holds its revision' })
  @ApiProblems(400, 401, 403, 409, 503, 504)
  async create(
    @Body() body: CreateItInterfaceRequest,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ItInterfaceResponse> {
    const created = await this.rpc.request<ItInterfaceResponse>(Rpc.catalog.interfaces.create, callerOf(request), body);
    void reply.header('etag', etagOf(created.revision)).header('location', `/api/v2/it-interfaces/${created.uuid}`);
    return created;
  }

  @Get()
  @ApiOperation({
    summary: 'List IT interfaces',
    description:
      'Only interfaces you may read: your organisations’ and the Global ones. Deactivated ones only with includeDeactivated. ' +
      'Stable order: creation order by default, last change when changedSinceGtEq is given.',
  })
  @ApiOkResponse({ type: [ItInterfaceResponse] })
  @ApiProblems(400, 401, 503, 504)
  async list(@Query() query: ListItInterfacesQuery, @Req() request: FastifyRequest): Promise<ItInterfaceResponse[]> {
    const page = await this.rpc.request<Page<ItInterfaceResponse>>(Rpc.catalog.interfaces.list, callerOf(request), query);
    return page.items;
  }

  @Get(':uuid')
  @ApiOperation({ summary: 'Read one IT interface' })
  @ApiOkResponse({ type: ItInterfaceResponse, description: 'The ETag header holds its revision' })
  @ApiProblems(400, 401, 404, 503, 504)
  async get(
    @Param('uuid', UuidParamPipe) uuid: string,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ItInterfaceResponse> {
    const found = await this.rpc.request<ItInterfaceResponse>(Rpc.catalog.interfaces.get, callerOf(request), { uuid });
    void reply.header('etag', etagOf(found.revision));
    return found;
  }

  @Put(':uuid')
  @ApiOperation({
    summary: 'Replace an IT interface',
    description: 'Every writable property is set; absent ones return to their defaults (data rows: none; scope: Local).',
  })
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: ItInterfaceResponse })
  @ApiProblems(400, 401, 403, 404, 409, 412, 503, 504)
  async put(
    @Param('uuid', UuidParamPipe) uuid: string,
    @Body() body: UpdateItInterfaceRequest,
    @Headers('if-match') ifMatch: string | undefined,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ItInterfaceResponse> {
    const updated = await this.rpc.request<ItInterfaceResponse>(Rpc.catalog.interfaces.put, callerOf(request), {
      uuid,
      expectedVersion: expectedVersionOf(ifMatch),
      body: sentOnly(request.body, body),
    });
    void reply.header('etag', etagOf(updated.revision));
    return updated;
  }

  @Patch(':uuid')
  @ApiOperation({
    summary: 'Change some properties of an IT interface',
    description: 'Only the properties present in the body change; null clears an optional value; data replaces all rows.',
  })
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: ItInterfaceResponse })
  @ApiProblems(400, 401, 403, 404, 409, 412, 503, 504)
  async patch(
    @Param('uuid', UuidParamPipe) uuid: string,
    @Body() body: PatchItInterfaceRequest,
    @Headers('if-match') ifMatch: string | undefined,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ItInterfaceResponse> {
    const updated = await this.rpc.request<ItInterfaceResponse>(Rpc.catalog.interfaces.patch, callerOf(request), {
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
    summary: 'Delete an IT interface',
    description:
      'Global administrators and local administrators of the owner only. Refused with 409 while a system exposes the ' +
      'interface; the problem lists `deletionConflicts: ["ExposedByItSystem"]` and the `exposedBySystem`.',
  })
  @ApiHeader(IF_MATCH)
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiProblems(400, 401, 403, 404, 409, 412, 503, 504)
  async delete(
    @Param('uuid', UuidParamPipe) uuid: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Req() request: FastifyRequest,
  ): Promise<void> {
    await this.rpc.request(Rpc.catalog.interfaces.delete, callerOf(request), { uuid, expectedVersion: expectedVersionOf(ifMatch) });
  }

  @Post(':uuid/data')
  @ApiOperation({
    summary: 'Add a data row to an IT interface',
    description: 'The data type must be available in the owning organisation (400). The ETag header holds the interface’s new revision.',
  })
  @ApiHeader(IF_MATCH)
  @ApiCreatedResponse({ type: ItInterfaceDataResponse })
  @ApiProblems(400, 401, 403, 404, 412, 503, 504)
  async addData(
    @Param('uuid', UuidParamPipe) uuid: string,
    @Body() body: ItInterfaceDataWriteRequest,
    @Headers('if-match') ifMatch: string | undefined,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ItInterfaceDataResponse> {
    const result = await this.rpc.request<ItInterfaceDataRpcResult>(Rpc.catalog.interfaces.addData, callerOf(request), {
      uuid,
      expectedVersion: expectedVersionOf(ifMatch),
      body: sentOnly(request.body, body),
    });
    void reply.header('etag', etagOf(result.revision)).header('location', `/api/v2/it-interfaces/${uuid}/data/${result.row.uuid}`);
    return result.row;
  }

  @Put(':uuid/data/:dataUuid')
  @ApiOperation({ summary: 'Replace a data row of an IT interface', description: 'The ETag header holds the interface’s new revision.' })
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: ItInterfaceDataResponse })
  @ApiProblems(400, 401, 403, 404, 412, 503, 504)
  async putData(
    @Param('uuid', UuidParamPipe) uuid: string,
    @Param('dataUuid', UuidParamPipe) dataUuid: string,
    @Body() body: ItInterfaceDataWriteRequest,
    @Headers('if-match') ifMatch: string | undefined,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ItInterfaceDataResponse> {
    const result = await this.rpc.request<ItInterfaceDataRpcResult>(Rpc.catalog.interfaces.putData, callerOf(request), {
      uuid,
      dataUuid,
      expectedVersion: expectedVersionOf(ifMatch),
      body: sentOnly(request.body, body),
    });
    void reply.header('etag', etagOf(result.revision));
    return result.row;
  }

  @Delete(':uuid/data/:dataUuid')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove a data row from an IT interface' })
  @ApiHeader(IF_MATCH)
  @ApiNoContentResponse({ description: 'Removed; the ETag header holds the interface’s new revision' })
  @ApiProblems(400, 401, 403, 404, 412, 503, 504)
  async deleteData(
    @Param('uuid', UuidParamPipe) uuid: string,
    @Param('dataUuid', UuidParamPipe) dataUuid: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<void> {
    const result = await this.rpc.request<{ revision: number }>(Rpc.catalog.interfaces.deleteData, callerOf(request), {
      uuid,
      dataUuid,
      expectedVersion: expectedVersionOf(ifMatch),
    });
    void reply.header('etag', etagOf(result.revision));
  }
}
