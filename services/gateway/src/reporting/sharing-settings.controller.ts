import { Body, Controller, Get, Headers, Param, Put, Req, Res } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Rpc, SharingSettings, SharingSettingsWrite } from '@kitos/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiProblems } from '../http/api-problems';
import { callerOf } from '../http/caller';
import { UuidParamPipe, etagOf, expectedVersionOf, ifMatchHeader } from '../http/validation';
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
  @ApiOkResponse({ type: SharingSettings, description: 'The ETag header holds their version ("0" while never changed)' })
  @ApiProblems(400, 401, 404, 503, 504)
  async get(
    @Param('uuid', UuidParamPipe) uuid: string,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SharingSettings> {
    const settings = await this.rpc.request<SharingSettings>(Rpc.reporting.sharing.get, callerOf(request), { organizationUuid: uuid });
    void reply.header('etag', etagOf(settings.version));
    return settings;
  }

  @Put(':uuid/sharing-settings')
  @ApiOperation({
    summary: 'Change the organisation’s sharing settings',
    description: `${RULES} The organisation’s local administrators and global administrators (403 for other members, 404 for others).`,
  })
  @ApiHeader(ifMatchHeader('the sharing settings'))
  @ApiOkResponse({ type: SharingSettings, description: 'The ETag header holds their new version' })
  @ApiProblems(400, 401, 403, 404, 412, 503, 504)
  async put(
    @Param('uuid', UuidParamPipe) uuid: string,
    @Body() body: SharingSettingsWrite,
    @Headers('if-match') ifMatch: string | undefined,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SharingSettings> {
    const settings = await this.rpc.request<SharingSettings>(Rpc.reporting.sharing.put, callerOf(request), {
      ...body,
      organizationUuid: uuid,
      expectedVersion: expectedVersionOf(ifMatch),
    });
    void reply.header('etag', etagOf(settings.version));
    return settings;
  }
}
