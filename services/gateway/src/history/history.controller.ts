import { Controller, Get, Param, Query, Req } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { HistoryEntry, PageQuery, Rpc, type HistoryResource } from '@kitos/contracts';
import type { FastifyRequest } from 'fastify';
import { ApiProblems } from '../http/api-problems';
import { callerOf } from '../http/caller';
import { UuidParamPipe } from '../http/validation';
import { RpcClient } from '../rpc/rpc-client';

const DESCRIPTION =
  'Every change of the object, oldest first: when, by whom, created/updated/deleted, the version it made, and each ' +
  'changed field with its old and new value (for creation the initial values). Served by the reporting service from the ' +
  'events of the owning service, so a change shows within moments; the history of a deleted object stays readable. ' +
  'Members of the owning organisation and global administrators read it; ';
const MEMBERS_ONLY = 'nobody else (404).';
const CATALOG = 'for a Global (shared) catalogue entry also whoever may read the catalogue entry; others get 404.';

@ApiTags('history')
@Controller('api/v2')
export class HistoryController {
  constructor(private readonly rpc: RpcClient) {}

  private get(resource: HistoryResource, uuid: string, query: PageQuery, request: FastifyRequest): Promise<HistoryEntry[]> {
    return this.rpc.request<HistoryEntry[]>(Rpc.reporting.history.get, callerOf(request), { ...query, resource, uuid });
  }

  @Get('it-systems/:uuid/history')
  @ApiTags('it-systems')
  @ApiOperation({ summary: 'Change history of an IT system', description: DESCRIPTION + CATALOG })
  @ApiOkResponse({ type: [HistoryEntry] })
  @ApiProblems(400, 401, 404, 503, 504)
  itSystem(@Param('uuid', UuidParamPipe) uuid: string, @Query() query: PageQuery, @Req() request: FastifyRequest): Promise<HistoryEntry[]> {
    return this.get('it-systems', uuid, query, request);
  }

  @Get('it-interfaces/:uuid/history')
  @ApiTags('it-interfaces')
  @ApiOperation({ summary: 'Change history of an IT interface', description: DESCRIPTION + CATALOG })
  @ApiOkResponse({ type: [HistoryEntry] })
  @ApiProblems(400, 401, 404, 503, 504)
  itInterface(
    @Param('uuid', UuidParamPipe) uuid: string,
    @Query() query: PageQuery,
    @Req() request: FastifyRequest,
  ): Promise<HistoryEntry[]> {
    return this.get('it-interfaces', uuid, query, request);
  }

  @Get('it-system-usages/:uuid/history')
  @ApiTags('it-system-usages')
  @ApiOperation({ summary: 'Change history of an IT system usage', description: DESCRIPTION + MEMBERS_ONLY })
  @ApiOkResponse({ type: [HistoryEntry] })
  @ApiProblems(400, 401, 404, 503, 504)
  usage(@Param('uuid', UuidParamPipe) uuid: string, @Query() query: PageQuery, @Req() request: FastifyRequest): Promise<HistoryEntry[]> {
    return this.get('it-system-usages', uuid, query, request);
  }

  @Get('it-contracts/:uuid/history')
  @ApiTags('it-contracts')
  @ApiOperation({ summary: 'Change history of an IT contract', description: DESCRIPTION + MEMBERS_ONLY })
  @ApiOkResponse({ type: [HistoryEntry] })
  @ApiProblems(400, 401, 404, 503, 504)
  contract(@Param('uuid', UuidParamPipe) uuid: string, @Query() query: PageQuery, @Req() request: FastifyRequest): Promise<HistoryEntry[]> {
    return this.get('it-contracts', uuid, query, request);
  }

  @Get('data-processing-registrations/:uuid/history')
  @ApiTags('data-processing-registrations')
  @ApiOperation({ summary: 'Change history of a data processing registration', description: DESCRIPTION + MEMBERS_ONLY })
  @ApiOkResponse({ type: [HistoryEntry] })
  @ApiProblems(400, 401, 404, 503, 504)
  dpr(@Param('uuid', UuidParamPipe) uuid: string, @Query() query: PageQuery, @Req() request: FastifyRequest): Promise<HistoryEntry[]> {
    return this.get('data-processing-registrations', uuid, query, request);
  }

  @Get('it-projects/:uuid/history')
  @ApiTags('it-projects')
  @ApiOperation({ summary: 'Change history of an IT project', description: DESCRIPTION + MEMBERS_ONLY })
  @ApiOkResponse({ type: [HistoryEntry] })
  @ApiProblems(400, 401, 404, 503, 504)
  project(@Param('uuid', UuidParamPipe) uuid: string, @Query() query: PageQuery, @Req() request: FastifyRequest): Promise<HistoryEntry[]> {
    return this.get('it-projects', uuid, query, request);
  }
}
