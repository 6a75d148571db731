import { Controller, Get, Query, Req } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CATALOG_DELETED_ENTITY_TYPES, DeletedEntitiesQuery, DeletedEntityResponse, Rpc } from '@kitos/contracts';
import type { FastifyRequest } from 'fastify';
import { ApiProblems } from '../http/api-problems';
import { callerOf } from '../http/caller';
import { RpcClient } from '../rpc/rpc-client';

@ApiTags('delta-feed')
@Controller('api/v2/delta-feed')
export class DeltaFeedController {
  constructor(private readonly rpc: RpcClient) {}

  @Get('deleted-entities')
  @ApiOperation({
    summary: 'Entities deleted since a point in time',
    description:
      'With `changedSinceGtEq` on the list endpoints this is how an integration keeps an exact copy: ordered by the time of ' +
      'deletion, inclusive of `deletedSinceUTC`, filtered to what the caller may see (own organisations, shared catalogue ' +
      'entries, systems of organisations where the caller is rights holder). Systems, usages and interfaces come from the ' +
      'catalogue’s tombstones; contracts, DPRs, organisation units and system relations from the reporting service, which ' +
      'learns deletions from the events within moments (own organisations only).',
  })
  @ApiOkResponse({ type: [DeletedEntityResponse] })
  @ApiProblems(400, 401, 503, 504)
  deleted(@Query() query: DeletedEntitiesQuery, @Req() request: FastifyRequest): Promise<DeletedEntityResponse[]> {
    const subject = (CATALOG_DELETED_ENTITY_TYPES as readonly string[]).includes(query.entityType)
      ? Rpc.catalog.deltaFeed.deletedEntities
      : Rpc.reporting.deltaFeed.deletedEntities;
    return this.rpc.request<DeletedEntityResponse[]>(subject, callerOf(request), query);
  }
}
