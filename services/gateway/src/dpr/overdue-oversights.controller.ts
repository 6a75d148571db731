import { Controller, Get, Param, Req } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { OverdueOversightResponse, Rpc } from '@kitos/contracts';
import type { FastifyRequest } from 'fastify';
import { ApiProblems } from '../http/api-problems';
import { callerOf } from '../http/caller';
import { UuidParamPipe } from '../http/validation';
import { RpcClient } from '../rpc/rpc-client';

/** Oversights [tilsyn] that are due: organisation data, so under the organisation like KITOS's members-only resources. */
@ApiTags('data-processing-registrations')
@Controller('api/v2/organizations/:organizationUuid/data-processing-registrations/overdue-oversights')
export class OverdueOversightsController {
  constructor(private readonly rpc: RpcClient) {}

  @Get()
  @ApiOperation({
    summary: 'Data processing registrations whose next oversight is overdue',
    description:
      'The registrations of the organisation whose nextOversightDate lies before today (Danish calendar day), the longest overdue ' +
      'first. nextOversightDate = the last completed oversight + the interval (6, 12 or 24 months, a missing day becoming the ' +
      'last of the month), or the scheduled inspection date when that is earlier or nothing is completed yet. Members only (403); ' +
      'an unknown organisation → 404.',
  })
  @ApiOkResponse({ type: [OverdueOversightResponse] })
  @ApiProblems(400, 401, 403, 404, 503, 504)
  overdue(
    @Param('organizationUuid', UuidParamPipe) organizationUuid: string,
    @Req() request: FastifyRequest,
  ): Promise<OverdueOversightResponse[]> {
    return this.rpc.request(Rpc.gdpr.dpr.overdueOversights, callerOf(request), { organizationUuid });
  }
}
