import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Patch, Post, Query, Req, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  CreateReminderRequest,
  ListRemindersQuery,
  PatchReminderRequest,
  ReminderDeliveryResponse,
  ReminderResponse,
  Rpc,
  sentOnly,
} from '@kitos/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiProblems } from '../http/api-problems';
import { callerOf } from '../http/caller';
import { UuidParamPipe, etagOf, expectedVersionOf, ifMatchHeader } from '../http/validation';
import { RpcClient } from '../rpc/rpc-client';

const IF_MATCH = ifMatchHeader('the reminder');

/**
 * `/api/v2/reminders`: KITOS "advis". KITOS has them only in its internal UI API (`api/v1/advice`, cookie + CSRF), none
 * in the public v2 API, so they are a public v2 resource here, in the v2 style (UUIDs, `relatedEntity`, ETags).
 */
@ApiTags('reminders')
@Controller('api/v2/reminders')
export class RemindersController {
  constructor(private readonly rpc: RpcClient) {}

  @Post()
  @ApiOperation({
    summary: 'Create a reminder (advis) about a contract, a system usage or a data processing registration',
    description:
      'Immediate reminders are sent at once; Repeat reminders on their schedule (Day, Week, Month, Quarter, HalfYear, Year, ' +
      'counted from the start day, at the configured hour, Danish time). Recipients are holders of role types on the object ' +
      '(their e-mail from their user) or fixed addresses, in To and Cc. Local admins and the module admins of the object ' +
      '(contracts: contract-module admins; usages: system-module admins; DPRs: either) create them (403); an object of ' +
      'another organisation is not found (404). Mails that cannot be delivered become alerts (`/api/v2/alerts`).',
  })
  @ApiCreatedResponse({ type: ReminderResponse, description: 'Created; the ETag header holds its version' })
  @ApiProblems(400, 401, 403, 404, 503, 504)
  async create(
    @Body() body: CreateReminderRequest,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ReminderResponse> {
    const created = await this.rpc.request<ReminderResponse>(Rpc.contracts.reminders.create, callerOf(request), body);
    void reply.header('etag', etagOf(created.version)).header('location', `/api/v2/reminders/${created.uuid}`);
    return created;
  }

  @Get()
  @ApiOperation({
    summary: 'List reminders of an object or an organisation',
    description:
      'Give relatedEntityUuid (with relatedEntityType) for one object, or organizationUuid. The automatic deadline reminders ' +
      '(read-only, `automatic` set) are listed with the manual ones. Members of the organisation only (404).',
  })
  @ApiOkResponse({ type: [ReminderResponse] })
  @ApiProblems(400, 401, 404, 503, 504)
  list(@Query() query: ListRemindersQuery, @Req() request: FastifyRequest): Promise<ReminderResponse[]> {
    return this.rpc.request<ReminderResponse[]>(Rpc.contracts.reminders.list, callerOf(request), query);
  }

  @Get(':uuid')
  @ApiOperation({ summary: 'Read one reminder' })
  @ApiOkResponse({ type: ReminderResponse, description: 'The ETag header holds its version' })
  @ApiProblems(400, 401, 404, 503, 504)
  async get(
    @Param('uuid', UuidParamPipe) uuid: string,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ReminderResponse> {
    const reminder = await this.rpc.request<ReminderResponse>(Rpc.contracts.reminders.get, callerOf(request), { uuid });
    void reply.header('etag', etagOf(reminder.version));
    return reminder;
  }

  @Get(':uuid/deliveries')
  @ApiOperation({
    summary: 'The sent log of a reminder',
    description:
      'Per occurrence (newest first): its status, whether it went out late (after downtime), the attempt that settled it and ' +
      'the addresses it went to. Works for automatic reminders too, by the uuid they are listed with.',
  })
  @ApiOkResponse({ type: [ReminderDeliveryResponse] })
  @ApiProblems(400, 401, 404, 503, 504)
  deliveries(@Param('uuid', UuidParamPipe) uuid: string, @Req() request: FastifyRequest): Promise<ReminderDeliveryResponse[]> {
    return this.rpc.request<ReminderDeliveryResponse[]>(Rpc.contracts.reminders.deliveries, callerOf(request), { uuid });
  }

  @Patch(':uuid')
  @ApiOperation({
    summary: 'Change a reminder',
    description: 'Only the properties sent change. A new schedule counts from now: occurrences missed under the old one are not sent.',
  })
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: ReminderResponse })
  @ApiProblems(400, 401, 403, 404, 409, 412, 503, 504)
  async patch(
    @Param('uuid', UuidParamPipe) uuid: string,
    @Body() body: PatchReminderRequest,
    @Headers('if-match') ifMatch: string | undefined,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ReminderResponse> {
    const changes = sentOnly(request.body, body);
    return this.write(Rpc.contracts.reminders.patch, request, reply, { uuid, expectedVersion: expectedVersionOf(ifMatch), changes });
  }

  @Patch(':uuid/deactivate')
  @ApiOperation({ summary: 'Deactivate a reminder', description: 'Nothing more is sent; the reminder and its log stay.' })
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: ReminderResponse })
  @ApiProblems(400, 401, 403, 404, 409, 412, 503, 504)
  deactivate(
    @Param('uuid', UuidParamPipe) uuid: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ReminderResponse> {
    return this.write(Rpc.contracts.reminders.deactivate, request, reply, { uuid, expectedVersion: expectedVersionOf(ifMatch) });
  }

  @Delete(':uuid')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a reminder' })
  @ApiHeader(IF_MATCH)
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiProblems(400, 401, 403, 404, 409, 412, 503, 504)
  async delete(
    @Param('uuid', UuidParamPipe) uuid: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Req() request: FastifyRequest,
  ): Promise<void> {
    await this.rpc.request(Rpc.contracts.reminders.delete, callerOf(request), { uuid, expectedVersion: expectedVersionOf(ifMatch) });
  }

  private async write(subject: string, request: FastifyRequest, reply: FastifyReply, data: object): Promise<ReminderResponse> {
    const reminder = await this.rpc.request<ReminderResponse>(subject, callerOf(request), data);
    void reply.header('etag', etagOf(reminder.version));
    return reminder;
  }
}
