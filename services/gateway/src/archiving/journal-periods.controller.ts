import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Post, Put, Req, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { JournalPeriodResponse, JournalPeriodWriteRequest, Rpc, type JournalPeriodResult } from '@kitos/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiProblems } from '../http/api-problems';
import { callerOf } from '../http/caller';
import { UuidParamPipe, etagOf, expectedVersionOf } from '../http/validation';
import { RpcClient } from '../rpc/rpc-client';
import { ARCHIVE_IF_MATCH } from './usage-archives.controller';

const RULES =
  '`archiveId`, `startDate` and `endDate` are required; `endDate` not before `startDate`; `approvalDate` only on an Approved ' +
  'period; no day in common with another period of the usage (both ends inclusive). Each broken rule is a 400 naming its ' +
  'field. Global, local and system-module administrators of the organisation write (403 for other members). The ETag is ' +
  "the version of the usage's archiving profile, which holds the periods.";

/** `/api/v2/it-system-usages/{usageUuid}/journal-periods`: the archive journal periods of a usage (KITOS API v2). */
@ApiTags('it-system-usages')
@Controller('api/v2/it-system-usages/:usageUuid/journal-periods')
export class JournalPeriodsController {
  constructor(private readonly rpc: RpcClient) {}

  @Post()
  @ApiOperation({ summary: 'Add a journal period to a usage', description: RULES })
  @ApiHeader(ARCHIVE_IF_MATCH)
  @ApiCreatedResponse({ type: JournalPeriodResponse, description: 'Created; ETag = the profile version, Location = the period' })
  @ApiProblems(400, 401, 403, 404, 409, 412, 503, 504)
  async create(
    @Param('usageUuid', UuidParamPipe) usageUuid: string,
    @Body() body: JournalPeriodWriteRequest,
    @Headers('if-match') ifMatch: string | undefined,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<JournalPeriodResponse> {
    const result = await this.rpc.request<JournalPeriodResult>(Rpc.archiving.usageArchive.journalPeriods.create, callerOf(request), {
      usageUuid,
      expectedVersion: expectedVersionOf(ifMatch),
      period: body,
    });
    void reply
      .header('etag', etagOf(result.version))
      .header('location', `/api/v2/it-system-usages/${usageUuid}/journal-periods/${result.period.uuid}`);
    return result.period;
  }

  @Get()
  @ApiOperation({
    summary: 'List the journal periods of a usage',
    description: 'By start date. Members of the organisation only (404 otherwise).',
  })
  @ApiOkResponse({ type: [JournalPeriodResponse] })
  @ApiProblems(400, 401, 404, 503, 504)
  list(@Param('usageUuid', UuidParamPipe) usageUuid: string, @Req() request: FastifyRequest): Promise<JournalPeriodResponse[]> {
    return this.rpc.request(Rpc.archiving.usageArchive.journalPeriods.list, callerOf(request), { usageUuid });
  }

  @Get(':periodUuid')
  @ApiOperation({ summary: 'Read one journal period', description: 'An unknown period → 404.' })
  @ApiOkResponse({ type: JournalPeriodResponse })
  @ApiProblems(400, 401, 404, 503, 504)
  async get(
    @Param('usageUuid', UuidParamPipe) usageUuid: string,
    @Param('periodUuid', UuidParamPipe) periodUuid: string,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<JournalPeriodResponse> {
    const result = await this.rpc.request<JournalPeriodResult>(Rpc.archiving.usageArchive.journalPeriods.get, callerOf(request), {
      usageUuid,
      periodUuid,
    });
    void reply.header('etag', etagOf(result.version));
    return result.period;
  }

  @Put(':periodUuid')
  @ApiOperation({ summary: 'Replace a journal period', description: `An unknown period → 404 (as KITOS). ${RULES}` })
  @ApiHeader(ARCHIVE_IF_MATCH)
  @ApiOkResponse({ type: JournalPeriodResponse })
  @ApiProblems(400, 401, 403, 404, 409, 412, 503, 504)
  async put(
    @Param('usageUuid', UuidParamPipe) usageUuid: string,
    @Param('periodUuid', UuidParamPipe) periodUuid: string,
    @Body() body: JournalPeriodWriteRequest,
    @Headers('if-match') ifMatch: string | undefined,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<JournalPeriodResponse> {
    const result = await this.rpc.request<JournalPeriodResult>(Rpc.archiving.usageArchive.journalPeriods.put, callerOf(request), {
      usageUuid,
      periodUuid,
      expectedVersion: expectedVersionOf(ifMatch),
      period: body,
    });
    void reply.header('etag', etagOf(result.version));
    return result.period;
  }

  @Delete(':periodUuid')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a journal period', description: 'An unknown period → 404 (as KITOS).' })
  @ApiHeader(ARCHIVE_IF_MATCH)
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiProblems(400, 401, 403, 404, 409, 412, 503, 504)
  async delete(
    @Param('usageUuid', UuidParamPipe) usageUuid: string,
    @Param('periodUuid', UuidParamPipe) periodUuid: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Req() request: FastifyRequest,
  ): Promise<void> {
    await this.rpc.request(Rpc.archiving.usageArchive.journalPeriods.delete, callerOf(request), {
      usageUuid,
      periodUuid,
      expectedVersion: expectedVersionOf(ifMatch),
    });
  }
}
