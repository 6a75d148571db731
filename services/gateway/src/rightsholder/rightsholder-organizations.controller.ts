import { Controller, Get, Query, Req } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ItSystemOrganizationResponse, ListRightsHolderOrganizationsQuery, Rpc, type Page } from '@kitos/contracts';
import type { FastifyRequest } from 'fastify';
import { ApiProblems } from '../http/api-problems';
import { callerOf } from '../http/caller';
import { RpcClient } from '../rpc/rpc-client';

/** KITOS `GET /api/v2/rightsholder/organizations`. */
@ApiTags('rightsholder')
@Controller('api/v2/rightsholder/organizations')
export class RightsHolderOrganizationsController {
  constructor(private readonly rpc: RpcClient) {}

  @Get()
  @ApiOperation({
    summary: 'The organisations where you hold rights-holder access',
    description: 'Ordered by name; an empty list when you hold it nowhere (as in KITOS, not 403).',
  })
  @ApiOkResponse({ type: [ItSystemOrganizationResponse] })
  @ApiProblems(400, 401, 503, 504)
  async list(@Query() query: ListRightsHolderOrganizationsQuery, @Req() request: FastifyRequest): Promise<ItSystemOrganizationResponse[]> {
    const page = await this.rpc.request<Page<ItSystemOrganizationResponse>>(
      Rpc.catalog.itSystems.rightsHolder.organizations,
      callerOf(request),
      query,
    );
    return page.items;
  }
}
