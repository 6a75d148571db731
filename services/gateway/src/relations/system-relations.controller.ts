import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Patch, Post, Put, Req, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  IncomingSystemRelationResponse,
  OutgoingSystemRelationResponse,
  PatchSystemRelationRequest,
  Rpc,
  SystemRelationWriteRequest,
  sentOnly,
} from '@kitos/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiProblems } from '../http/api-problems';
import { callerOf } from '../http/caller';
import { UuidParamPipe, etagOf, expectedVersionOf, ifMatchHeader } from '../http/validation';
import { RpcClient } from '../rpc/rpc-client';

const IF_MATCH = ifMatchHeader('the relation');

const RULES =
  'The target must be another usage of the same organisation; the interface, when given, must be exposed by the system of the ' +
  'target usage; the contract must belong to the same organisation; the frequency must be an `it-system-usage-relation-frequency-types` ' +
  'option available in the organisation. Each broken rule is a 400 naming its field. Needs write access to the usage ' +
  '(global, local or system-module administrator): 403 otherwise.';

/** Outgoing relations of a usage (written through the source usage) and the incoming ones (read through the target), as in KITOS API v2. */
@ApiTags('system-relations')
@Controller('api/v2/it-system-usages/:usageUuid')
export class SystemRelationsController {
  constructor(private readonly rpc: RpcClient) {}

  @Post('system-relations')
  @ApiOperation({ summary: 'Add a relation from this usage to another usage', description: RULES })
  @ApiCreatedResponse({ type: OutgoingSystemRelationResponse, description: 'Created; the ETag header holds its version' })
  @ApiProblems(400, 401, 403, 404, 503, 504)
  async create(
    @Param('usageUuid', UuidParamPipe) usageUuid: string,
    @Body() body: SystemRelationWriteRequest,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<OutgoingSystemRelationResponse> {
    const created = await this.rpc.request<OutgoingSystemRelationResponse>(Rpc.catalog.relations.create, callerOf(request), {
      usageUuid,
      relation: body,
    });
    void reply
      .header('etag', etagOf(created.version))
      .header('location', `/api/v2/it-system-usages/${usageUuid}/system-relations/${created.uuid}`);
    return created;
  }

  @Get('system-relations')
  @ApiOperation({
    summary: 'List the outgoing relations of a usage',
    description: 'In creation order. Members of the organisation only (404 otherwise).',
  })
  @ApiOkResponse({ type: [OutgoingSystemRelationResponse] })
  @ApiProblems(400, 401, 404, 503, 504)
  listOutgoing(
    @Param('usageUuid', UuidParamPipe) usageUuid: string,
    @Req() request: FastifyRequest,
  ): Promise<OutgoingSystemRelationResponse[]> {
    return this.rpc.request(Rpc.catalog.relations.listOutgoing, callerOf(request), { usageUuid });
  }

  @Get('incoming-system-relations')
  @ApiOperation({
    summary: 'List the relations pointing at a usage',
    description: 'Relations from other usages of the organisation to this one, in creation order. Members only (404 otherwise).',
  })
  @ApiOkResponse({ type: [IncomingSystemRelationResponse] })
  @ApiProblems(400, 401, 404, 503, 504)
  listIncoming(
    @Param('usageUuid', UuidParamPipe) usageUuid: string,
    @Req() request: FastifyRequest,
  ): Promise<IncomingSystemRelationResponse[]> {
    return this.rpc.request(Rpc.catalog.relations.listIncoming, callerOf(request), { usageUuid });
  }

  @Get('system-relations/:relationUuid')
  @ApiOperation({ summary: 'Read one outgoing relation of a usage' })
  @ApiOkResponse({ type: OutgoingSystemRelationResponse, description: 'The ETag header holds its version' })
  @ApiProblems(400, 401, 404, 503, 504)
  async get(
    @Param('usageUuid', UuidParamPipe) usageUuid: string,
    @Param('relationUuid', UuidParamPipe) relationUuid: string,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<OutgoingSystemRelationResponse> {
    const relation = await this.rpc.request<OutgoingSystemRelationResponse>(Rpc.catalog.relations.get, callerOf(request), {
      usageUuid,
      relationUuid,
    });
    void reply.header('etag', etagOf(relation.version));
    return relation;
  }

  @Put('system-relations/:relationUuid')
  @ApiOperation({
    summary: 'Replace an outgoing relation',
    description: `Every field is replaced; optional ones left out are cleared. A relation this usage does not have → 400 (as in KITOS). ${RULES}`,
  })
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: OutgoingSystemRelationResponse })
  @ApiProblems(400, 401, 403, 404, 409, 412, 503, 504)
  async put(
    @Param('usageUuid', UuidParamPipe) usageUuid: string,
    @Param('relationUuid', UuidParamPipe) relationUuid: string,
    @Body() body: SystemRelationWriteRequest,
    @Headers('if-match') ifMatch: string | undefined,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<OutgoingSystemRelationResponse> {
    const relation = await this.rpc.request<OutgoingSystemRelationResponse>(Rpc.catalog.relations.put, callerOf(request), {
      usageUuid,
      relationUuid,
      expectedVersion: expectedVersionOf(ifMatch),
      relation: body,
    });
    void reply.header('etag', etagOf(relation.version));
    return relation;
  }

  @Patch('system-relations/:relationUuid')
  @ApiOperation({
    summary: 'Change some fields of an outgoing relation',
    description: `Only the properties present change; null clears an optional one. Changing the target checks the interface again. ${RULES}`,
  })
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: OutgoingSystemRelationResponse })
  @ApiProblems(400, 401, 403, 404, 409, 412, 503, 504)
  async patch(
    @Param('usageUuid', UuidParamPipe) usageUuid: string,
    @Param('relationUuid', UuidParamPipe) relationUuid: string,
    @Body() body: PatchSystemRelationRequest,
    @Headers('if-match') ifMatch: string | undefined,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<OutgoingSystemRelationResponse> {
    const relation = await this.rpc.request<OutgoingSystemRelationResponse>(Rpc.catalog.relations.patch, callerOf(request), {
      usageUuid,
      relationUuid,
      expectedVersion: expectedVersionOf(ifMatch),
      changes: sentOnly(request.body, body),
    });
    void reply.header('etag', etagOf(relation.version));
    return relation;
  }

  @Delete('system-relations/:relationUuid')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Delete an outgoing relation',
    description: 'A relation this usage does not have → 400 (as in KITOS). Needs write access to the usage (403 otherwise).',
  })
  @ApiHeader(IF_MATCH)
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiProblems(400, 401, 403, 404, 409, 412, 503, 504)
  async delete(
    @Param('usageUuid', UuidParamPipe) usageUuid: string,
    @Param('relationUuid', UuidParamPipe) relationUuid: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Req() request: FastifyRequest,
  ): Promise<void> {
    await this.rpc.request(Rpc.catalog.relations.delete, callerOf(request), {
      usageUuid,
      relationUuid,
      expectedVersion: expectedVersionOf(ifMatch),
    });
  }
}
