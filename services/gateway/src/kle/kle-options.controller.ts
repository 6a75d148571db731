import { Controller, Get, Param, Query, Req } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  KleOptionDetailsResponse,
  KleOptionResponse,
  KleTreeQuery,
  KleTreeResponse,
  ListKleOptionsQuery,
  Rpc,
  type Page,
} from '@kitos/contracts';
import type { FastifyRequest } from 'fastify';
import { ApiProblems } from '../http/api-problems';
import { callerOf } from '../http/caller';
import { UuidParamPipe } from '../http/validation';
import { RpcClient } from '../rpc/rpc-client';

@ApiTags('kle-options')
@Controller('api/v2/kle-options')
export class KleOptionsController {
  constructor(private readonly rpc: RpcClient) {}

  @Get()
  @ApiOperation({
    summary: 'List KLE entries (main groups, groups and topics)',
    description:
      'KLE, the municipal task classification. Ordered by KLE number, or by last change when changedSinceGtEq is given. ' +
      'Entries that left KLE [udgået] are left out unless includeRemoved=true. Without pageSize, every matching entry.',
  })
  @ApiOkResponse({ type: [KleOptionResponse] })
  @ApiProblems(400, 401, 503, 504)
  async list(@Query() query: ListKleOptionsQuery, @Req() request: FastifyRequest): Promise<KleOptionResponse[]> {
    const page = await this.rpc.request<Page<KleOptionResponse>>(Rpc.catalog.kle.list, callerOf(request), query);
    return page.items;
  }

  @Get('tree')
  @ApiOperation({
    summary: 'KLE as a tree',
    description: 'Main groups with their groups and topics, in KLE-number order; kleNumber limits it to one main group or group.',
  })
  @ApiOkResponse({ type: KleTreeResponse })
  @ApiProblems(400, 401, 404, 503, 504)
  tree(@Query() query: KleTreeQuery, @Req() request: FastifyRequest): Promise<KleTreeResponse> {
    return this.rpc.request<KleTreeResponse>(Rpc.catalog.kle.tree, callerOf(request), query);
  }

  @Get(':uuid')
  @ApiOperation({ summary: 'Read one KLE entry', description: 'Removed entries are found too (registrations refer to them).' })
  @ApiOkResponse({ type: KleOptionDetailsResponse })
  @ApiProblems(400, 401, 404, 503, 504)
  get(@Param('uuid', UuidParamPipe) uuid: string, @Req() request: FastifyRequest): Promise<KleOptionDetailsResponse> {
    return this.rpc.request<KleOptionDetailsResponse>(Rpc.catalog.kle.get, callerOf(request), { uuid });
  }
}
