import { Body, Controller, Get, Param, Put, Req } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Rpc, SharingSettings, SharingSettingsWrite } from '@kitos/contracts';
import type { FastifyRequest } from 'fastify';
import { ApiProblems } from '../http/api-problems';
import { callerOf } from '../http/caller';
import { UuidParamPipe } from '../http/validation';
import { RpcClient } from '../rpc/rpc-client';

const RULES =
  'Sharing rules agreed among the municipalities: everything an organisation registers is shared in cross-organisation ' +
  'reports and benchmarks, except project data and notes/remarks (never shared) and contract economy when the ' +
  'organisation opts out here. A change is effective at once, also for reports built earlier (docs/reporting.md).';

@ApiTags('organizations', 'reporting')
@Controller('api/v2/organizations')
export class SharingSettingsController {
  constructor(private readonly rpc: RpcClient) {}

  @Get(':uuid/sharing-settings')
  @ApiOperation({ summary: 'The organisation’s sharing settings', description: `${RULES} Members of the organisation (404 for others).` })
  @ApiOkResponse({ type: SharingSettings })
  @ApiProblems(400, 401, 404, 503, 504)
  get(@Param('uuid', UuidParamPipe) uuid: string, @Req() request: FastifyRequest): Promise<SharingSettings> {
    return this.rpc.request(Rpc.reporting.sharing.get, callerOf(request), { organizationUuid: uuid });
  }

  @Put(':uuid/sharing-settings')
  @ApiOperation({
    summary: 'Change the organisation’s sharing settings',
    description: `${RULES} The organisation’s local administrators and global administrators (403 for other members, 404 for others).`,
  })
  @ApiOkResponse({ type: SharingSettings })
  @ApiProblems(400, 401, 403, 404, 503, 504)
  put(
    @Param('uuid', UuidParamPipe) uuid: string,
    @Body() body: SharingSettingsWrite,
    @Req() request: FastifyRequest,
  ): Promise<SharingSettings> {
    return this.rpc.request(Rpc.reporting.sharing.put, callerOf(request), { ...body, organizationUuid: uuid });
  }
}
