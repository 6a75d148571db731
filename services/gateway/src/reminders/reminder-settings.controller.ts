import { Body, Controller, Get, Headers, Param, Put, Req, Res } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ReminderSettingsRequest, ReminderSettingsResponse, Rpc } from '@kitos/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiProblems } from '../http/api-problems';
import { callerOf } from '../http/caller';
import { UuidParamPipe, etagOf, expectedVersionOf, ifMatchHeader } from '../http/validation';
import { RpcClient } from '../rpc/rpc-client';

/** `/api/v2/organizations/{uuid}/reminder-settings`: the automatic deadline reminders of one organisation. */
@ApiTags('reminders')
@Controller('api/v2/organizations/:organizationUuid/reminder-settings')
export class ReminderSettingsController {
  constructor(private readonly rpc: RpcClient) {}

  @Get()
  @ApiOperation({
    summary: "Read the organisation's automatic deadline reminders",
    description:
      'Defaults (nobody to send to, lead times 90/30/7 days, every deadline) until a local admin saves them. Members only (404).',
  })
  @ApiOkResponse({ type: ReminderSettingsResponse, description: 'The ETag header holds their version ("0" for the defaults)' })
  @ApiProblems(400, 401, 404, 503, 504)
  async get(
    @Param('organizationUuid', UuidParamPipe) organizationUuid: string,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ReminderSettingsResponse> {
    const settings = await this.rpc.request<ReminderSettingsResponse>(Rpc.contracts.reminders.getSettings, callerOf(request), {
      organizationUuid,
    });
    void reply.header('etag', etagOf(settings.version));
    return settings;
  }

  @Put()
  @ApiOperation({
    summary: "Set the organisation's automatic deadline reminders",
    description:
      'Recipients (addresses and/or role types on the object, e.g. contract roles), lead times and the deadlines to remind of: ' +
      'the notice deadline, the end of the irrevocable period and the extension-option date of contracts, the next oversight ' +
      'of DPRs and the next archive delivery of usages. When an owner reports a new date, the pending reminders follow it. ' +
      'Local admins only (403).',
  })
  @ApiHeader(ifMatchHeader('the reminder settings'))
  @ApiOkResponse({ type: ReminderSettingsResponse, description: 'The ETag header holds their new version' })
  @ApiProblems(400, 401, 403, 404, 412, 503, 504)
  async put(
    @Param('organizationUuid', UuidParamPipe) organizationUuid: string,
    @Body() body: ReminderSettingsRequest,
    @Headers('if-match') ifMatch: string | undefined,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ReminderSettingsResponse> {
    const settings = await this.rpc.request<ReminderSettingsResponse>(Rpc.contracts.reminders.putSettings, callerOf(request), {
      organizationUuid,
      body,
      expectedVersion: expectedVersionOf(ifMatch),
    });
    void reply.header('etag', etagOf(settings.version));
    return settings;
  }
}
