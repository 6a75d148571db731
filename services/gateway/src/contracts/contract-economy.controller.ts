import { Controller, Get, Param, Query, Req } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { OrganizationContractEconomyQuery, OrganizationContractEconomyResponse, Rpc } from '@kitos/contracts';
import type { FastifyRequest } from 'fastify';
import { ApiProblems } from '../http/api-problems';
import { callerOf } from '../http/caller';
import { UuidParamPipe } from '../http/validation';
import { RpcClient } from '../rpc/rpc-client';

/** `/api/v2/organizations/{uuid}/contract-economy`: the economy of all an organisation's contracts. */
@ApiTags('it-contracts')
@Controller('api/v2/organizations')
export class ContractEconomyController {
  constructor(private readonly rpc: RpcClient) {}

  @Get(':uuid/contract-economy')
  @ApiOperation({
    summary: "Totals of the organisation's contract payments",
    description:
      'Internal and external payment streams of every contract of the organisation, in øre: totals, per year, per contract and per ' +
      'paying unit. A payment counts in the year of its audit date, else of its contract’s operations start; `year` keeps only that ' +
      'year. Members of the organisation only (403); an unknown organisation → 404.',
  })
  @ApiOkResponse({ type: OrganizationContractEconomyResponse })
  @ApiProblems(400, 401, 403, 404, 503, 504)
  economy(
    @Param('uuid', UuidParamPipe) organizationUuid: string,
    @Query() query: OrganizationContractEconomyQuery,
    @Req() request: FastifyRequest,
  ): Promise<OrganizationContractEconomyResponse> {
    return this.rpc.request<OrganizationContractEconomyResponse>(Rpc.contracts.itContracts.organizationEconomy, callerOf(request), {
      organizationUuid,
      ...query,
    });
  }
}
