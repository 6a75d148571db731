import { Controller, Get, Query, Req } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ItSystemReport, ItSystemReportQuery, Rpc } from '@kitos/contracts';
import type { FastifyRequest } from 'fastify';
import { ApiProblems } from '../http/api-problems';
import { callerOf } from '../http/caller';
import { RpcClient } from '../rpc/rpc-client';

@ApiTags('reports')
@Controller('api/v2/reports')
export class ReportsController {
  constructor(private readonly rpc: RpcClient) {}

  @Get('it-systems')
  @ApiOperation({
    summary: 'IT systems in the catalogue: counts and list',
    description:
      'Served by the reporting service from its read model, which it builds from catalogue events; it follows changes within moments.',
  })
  @ApiOkResponse({ type: ItSystemReport })
  @ApiProblems(400, 503, 504)
  itSystems(@Query() query: ItSystemReportQuery, @Req() request: FastifyRequest): Promise<ItSystemReport> {
    return this.rpc.request<ItSystemReport>(Rpc.reporting.itSystemReport, callerOf(request), query);
  }
}
