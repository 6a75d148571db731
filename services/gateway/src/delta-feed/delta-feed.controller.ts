import { Controller, Get, Query, Req } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DeletedEntitiesQuery, DeletedEntityResponse, Rpc } from '@kitos/contracts';
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
      'entries, systems of organisations where the caller is rights holder).',
  })
  @ApiOkResponse({ type: [DeletedEntityResponse] })
  @ApiProblems(400, 401, 503, 504)
  deleted(@Query() query: DeletedEntitiesQuery, @Req() request: FastifyRequest): Promise<DeletedEntityResponse[]> {
    return this.rpc.request<DeletedEntityResponse[]>(Rpc.catalog.deltaFeed.deletedEntities, callerOf(request), query);
  }
}
