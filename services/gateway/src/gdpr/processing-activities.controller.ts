import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Patch, Post, Put, Query, Req, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  CreateProcessingActivityRequest,
  ListProcessingActivitiesQuery,
  PatchProcessingActivityRequest,
  ProcessingActivityResponse,
  ProcessingActivityWrite,
  Rpc,
  sentOnly,
  type Page,
} from '@kitos/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiProblems } from '../http/api-problems';
import { callerOf } from '../http/caller';
import { UuidParamPipe, etagOf, expectedVersionOf, ifMatchHeader } from '../http/validation';
import { RpcClient } from '../rpc/rpc-client';

const IF_MATCH = ifMatchHeader('the processing activity');
const RULES =
  'The name is unique per organisation (409). Linked system usages must be usages of the same organisation (400), without duplicates; ' +
  'joint controllers only with controllerRole JointController (400). Missing Art. 30 fields do not block saving: they are listed as `findings`.';

/** `/api/v2/processing-activities`: an organisation's processing activities, the entries of its record of processing (beyond KITOS). */
@ApiTags('processing-activities')
@Controller('api/v2/processing-activities')
export class ProcessingActivitiesController {
  constructor(private readonly rpc: RpcClient) {}

  @Post()
  @ApiOperation({
    summary: 'Register a processing activity',
    description: `Global, local and system-module administrators of the organisation (403 otherwise). ${RULES}`,
  })
  @ApiCreatedResponse({ type: ProcessingActivityResponse })
  @ApiProblems(400, 401, 403, 409, 503, 504)
  async create(
    @Body() body: CreateProcessingActivityRequest,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ProcessingActivityResponse> {
    const created = await this.rpc.request<ProcessingActivityResponse>(Rpc.gdpr.compliance.activities.create, callerOf(request), body);
    void reply.header('etag', etagOf(created.version)).header('location', `/api/v2/processing-activities/${created.uuid}`);
    return created;
  }

  @Get()
  @ApiOperation({
    summary: 'List processing activities',
    description: "Only the caller's organisations' activities (all for global administrators), in creation order.",
  })
  @ApiOkResponse({ type: [ProcessingActivityResponse] })
  @ApiProblems(400, 401, 503, 504)
  async list(@Query() query: ListProcessingActivitiesQuery, @Req() request: FastifyRequest): Promise<ProcessingActivityResponse[]> {
    return (await this.rpc.request<Page<ProcessingActivityResponse>>(Rpc.gdpr.compliance.activities.list, callerOf(request), query)).items;
  }

  @Get(':uuid')
  @ApiOperation({ summary: 'Read a processing activity', description: 'Activities of other organisations are not visible (404).' })
  @ApiOkResponse({ type: ProcessingActivityResponse })
  @ApiProblems(400, 401, 404, 503, 504)
  async get(
    @Param('uuid', UuidParamPipe) uuid: string,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ProcessingActivityResponse> {
    const activity = await this.rpc.request<ProcessingActivityResponse>(Rpc.gdpr.compliance.activities.get, callerOf(request), { uuid });
    void reply.header('etag', etagOf(activity.version));
    return activity;
  }

  @Put(':uuid')
  @ApiOperation({ summary: 'Replace a processing activity', description: `Fields left out are emptied. ${RULES}` })
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: ProcessingActivityResponse })
  @ApiProblems(400, 401, 403, 404, 409, 412, 503, 504)
  put(
    @Param('uuid', UuidParamPipe) uuid: string,
    @Body() body: ProcessingActivityWrite,
    @Headers('if-match') ifMatch: string | undefined,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ProcessingActivityResponse> {
    return this.write(Rpc.gdpr.compliance.activities.put, request, reply, {
      uuid,
      expectedVersion: expectedVersionOf(ifMatch),
      changes: body,
    });
  }

  @Patch(':uuid')
  @ApiOperation({
    summary: 'Change some fields of a processing activity',
    description: `Only the fields sent change (each list as a whole). ${RULES}`,
  })
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: ProcessingActivityResponse })
  @ApiProblems(400, 401, 403, 404, 409, 412, 503, 504)
  patch(
    @Param('uuid', UuidParamPipe) uuid: string,
    @Body() body: PatchProcessingActivityRequest,
    @Headers('if-match') ifMatch: string | undefined,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ProcessingActivityResponse> {
    const changes = sentOnly(request.body, body);
    return this.write(Rpc.gdpr.compliance.activities.patch, request, reply, { uuid, expectedVersion: expectedVersionOf(ifMatch), changes });
  }

  @Delete(':uuid')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a processing activity' })
  @ApiHeader(IF_MATCH)
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiProblems(400, 401, 403, 404, 409, 412, 503, 504)
  async delete(
    @Param('uuid', UuidParamPipe) uuid: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Req() request: FastifyRequest,
  ): Promise<void> {
    await this.rpc.request(Rpc.gdpr.compliance.activities.delete, callerOf(request), { uuid, expectedVersion: expectedVersionOf(ifMatch) });
  }

  private async write(subject: string, request: FastifyRequest, reply: FastifyReply, data: object): Promise<ProcessingActivityResponse> {
    const activity = await this.rpc.request<ProcessingActivityResponse>(subject, callerOf(request), data);
    void reply.header('etag', etagOf(activity.version));
    return activity;
  }
}
