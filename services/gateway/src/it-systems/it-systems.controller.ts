import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Patch, Post, Query, Req, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  CreateItSystemRequest,
  ItSystemResponse,
  ListItSystemsQuery,
  PatchItSystemRequest,
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
  description: 'ETag of the version you read; the change is refused with 412 if the system changed since',
};

@ApiTags('it-systems')
@Controller('api/v2/it-systems')
export class ItSystemsController {
  constructor(private readonly rpc: RpcClient) {}

  @Post()
  @ApiOperation({
    summary: 'Register an IT system in the catalogue',
    description:
      'The name is unique within the owning organisation (409 otherwise). New systems are Global (shared) unless scope says Local.',
  })
  @ApiCreatedResponse({ type: ItSystemResponse, description: 'Created; the ETag header holds its version' })
  @ApiProblems(400, 409, 503, 504)
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
    description: 'Stable order: creation order by default, last change when changedSinceGtEq is given.',
  })
  @ApiOkResponse({ type: [ItSystemResponse] })
  @ApiProblems(400, 503, 504)
  async list(@Query() query: ListItSystemsQuery, @Req() request: FastifyRequest): Promise<ItSystemResponse[]> {
    const page = await this.rpc.request<Page<ItSystemResponse>>(Rpc.catalog.listItSystems, callerOf(request), query);
    return page.items;
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

  @Patch(':uuid')
  @ApiOperation({
    summary: 'Change some fields of an IT system',
    description: 'Only the properties present in the body change; null clears an optional text.',
  })
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: ItSystemResponse })
  @ApiProblems(400, 404, 409, 412, 503, 504)
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
  @ApiOperation({ summary: 'Delete an IT system' })
  @ApiHeader(IF_MATCH)
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiProblems(400, 404, 409, 412, 503, 504)
  async delete(
    @Param('uuid', UuidParamPipe) uuid: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Req() request: FastifyRequest,
  ): Promise<void> {
    await this.rpc.request(Rpc.catalog.deleteItSystem, callerOf(request), { uuid, expectedVersion: expectedVersionOf(ifMatch) });
  }
}
