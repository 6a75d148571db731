import { Controller, Get, Param, Patch, Query, Req } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AlertResponse, ListAlertsQuery, Rpc } from '@kitos/contracts';
import type { FastifyRequest } from 'fastify';
import { ApiProblems } from '../http/api-problems';
import { callerOf } from '../http/caller';
import { UuidParamPipe } from '../http/validation';
import { RpcClient } from '../rpc/rpc-client';

/** `/api/v2/alerts`: KITOS alerts, here for reminders that could not be delivered. */
@ApiTags('reminders')
@Controller('api/v2/alerts')
export class AlertsController {
  constructor(private readonly rpc: RpcClient) {}

  @Get()
  @ApiOperation({
    summary: 'Alerts for reminders that could not be delivered',
    description:
      'Mail disabled, the SMTP server refused or did not answer, no recipients left, or recipients rejected. A user sees the ' +
      "alerts of their own reminders; local admins see all of the organisation's. Members only (404).",
  })
  @ApiOkResponse({ type: [AlertResponse] })
  @ApiProblems(400, 401, 404, 503, 504)
  list(@Query() query: ListAlertsQuery, @Req() request: FastifyRequest): Promise<AlertResponse[]> {
    return this.rpc.request<AlertResponse[]>(Rpc.contracts.reminders.listAlerts, callerOf(request), query);
  }

  @Patch(':uuid/dismiss')
  @ApiOperation({ summary: 'Dismiss an alert', description: 'Its owner or a local admin (403).' })
  @ApiOkResponse({ type: AlertResponse })
  @ApiProblems(400, 401, 403, 404, 503, 504)
  dismiss(@Param('uuid', UuidParamPipe) uuid: string, @Req() request: FastifyRequest): Promise<AlertResponse> {
    return this.rpc.request<AlertResponse>(Rpc.contracts.reminders.dismissAlert, callerOf(request), { uuid });
  }
}
