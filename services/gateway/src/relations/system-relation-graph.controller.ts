import { Controller, Get, Param, Query, Req } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Rpc, SystemRelationGraphQuery, SystemRelationGraphResponse } from '@kitos/contracts';
import type { FastifyRequest } from 'fastify';
import { ApiProblems } from '../http/api-problems';
import { callerOf } from '../http/caller';
import { UuidParamPipe } from '../http/validation';
import { RpcClient } from '../rpc/rpc-client';

/**
 * The dependency graph of an organisation's systems. Relations are organisation data, so the graph sits under the
 * organisation, like KITOS's other members-only organisation resources (`/organizations/{uuid}/users`, `…/organization-units`).
 */
@ApiTags('system-relations')
@Controller('api/v2/organizations/:organizationUuid/system-relation-graph')
export class SystemRelationGraphController {
  constructor(private readonly rpc: RpcClient) {}

  @Get()
  @ApiOperation({
    summary: 'The system relation graph of an organisation',
    description:
      'Nodes are the usages that take part in a relation (named after their system); an edge runs from the usage that ' +
      'depends to the usage it relates to. With `focusUsageUuid`, the impact view: the focus and every usage that depends ' +
      'on it through incoming relations, transitively (cycles are followed once), up to `depth` relations away, each node ' +
      'with its `distance`. Members of the organisation only (403); an unknown organisation → 404.',
  })
  @ApiOkResponse({ type: SystemRelationGraphResponse })
  @ApiProblems(400, 401, 403, 404, 503, 504)
  graph(
    @Param('organizationUuid', UuidParamPipe) organizationUuid: string,
    @Query() query: SystemRelationGraphQuery,
    @Req() request: FastifyRequest,
  ): Promise<SystemRelationGraphResponse> {
    return this.rpc.request(Rpc.catalog.relations.graph, callerOf(request), { organizationUuid, ...query });
  }
}
