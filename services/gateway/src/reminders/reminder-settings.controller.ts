import { Body, Controller, Get, Param, Put, Req } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ReminderSettingsRequest, ReminderSettingsResponse, Rpc } from '@kitos/contracts';
import type { FastifyRequest } from 'fastify';
import { ApiProblems } from '../http/api-problems';
import { callerOf } from '../http/caller';
import { UuidParamPipe } from '../http/validation';
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
  @ApiOkResponse({ type: ReminderSettingsResponse })
  @ApiProblems(400, 401, 404, 503, 504)
  get(
    @Param('organizationUuid', UuidParamPipe) organizationUuid: string,
    @Req() request: FastifyRequest,
  ): Promise<ReminderSettingsResponse> {
    return this.rpc.request<ReminderSettingsResponse>(Rpc.contracts.reminders.getSettings, callerOf(request), { organizationUuid });
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
  @ApiOkResponse({ type: ReminderSettingsResponse })
  @ApiProblems(400, 401, 403, 404, 503, 504)
  put(
    @Param('organizationUuid', UuidParamPipe) organizationUuid: string,
    @Body() body: ReminderSettingsRequest,
    @Req() request: FastifyRequest,
  ): Promise<ReminderSettingsResponse> {
    return this.rpc.request<ReminderSettingsResponse>(Rpc.contracts.reminders.putSettings, callerOf(request), { organizationUuid, body });
  }
}
