import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Patch, Put, Req, Res } from '@nestjs/common';
import { ApiHeader, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Rpc, UpdateUsageArchiveRequest, UsageArchiveResponse, sentOnly } from '@kitos/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiProblems } from '../http/api-problems';
import { callerOf } from '../http/caller';
import { UuidParamPipe, etagOf, expectedVersionOf, ifMatchHeader } from '../http/validation';
import { RpcClient } from '../rpc/rpc-client';

export const ARCHIVE_IF_MATCH = ifMatchHeader('the archiving profile', '"0" while never written');

const RULES =
  'The archive type, location and test location must be options (`it-system-usage-archive-types`, `-archive-location-types`, ' +
  '`-archive-test-location-types`) available in the organisation; the supplier any known organisation; `frequencyInMonths` ≥ 1; ' +
  '`receivingArchive.name` is required for kind Other; `kleBasedDocumentDisposalDecisionDate` only with ' +
  '`kleBasedDocumentDisposalAllowed` true (setting that to false or null clears the date); `notification.approvedAt` only when ' +
  'approved and not before `notifiedAt`. Each broken rule is a 400 naming its field. Global, local and system-module ' +
  'administrators of the organisation write (403 for other members; 404 for non-members).';

/** `/api/v2/it-system-usage-archives/{usageUuid}`: the archiving of a usage as its own resource (KITOS §9), keyed by the usage. */
@ApiTags('it-system-usage-archives')
@Controller('api/v2/it-system-usage-archives')
export class UsageArchivesController {
  constructor(private readonly rpc: RpcClient) {}

  @Get(':usageUuid')
  @ApiOperation({
    summary: 'Read the archiving profile of a usage',
    description:
      "Archive duty, Rigsarkivet's recommendation for the system next to it, type, location, supplier, legal basis, receiving " +
      'archive, notification, journal periods, the next delivery due and the findings of today. A usage whose archiving was ' +
      'never written answers its defaults with version 0. Members of the usage organisation only (404 otherwise).',
  })
  @ApiOkResponse({ type: UsageArchiveResponse, description: 'The ETag header holds its version' })
  @ApiProblems(400, 401, 404, 503, 504)
  async get(
    @Param('usageUuid', UuidParamPipe) uuid: string,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<UsageArchiveResponse> {
    const archive = await this.rpc.request<UsageArchiveResponse>(Rpc.archiving.usageArchive.get, callerOf(request), { uuid });
    void reply.header('etag', etagOf(archive.version));
    return archive;
  }

  @Put(':usageUuid')
  @ApiOperation({ summary: 'Replace the archiving profile of a usage', description: `Fields left out are reset. ${RULES}` })
  @ApiHeader(ARCHIVE_IF_MATCH)
  @ApiOkResponse({ type: UsageArchiveResponse })
  @ApiProblems(400, 401, 403, 404, 409, 412, 503, 504)
  async put(
    @Param('usageUuid', UuidParamPipe) uuid: string,
    @Body() body: UpdateUsageArchiveRequest,
    @Headers('if-match') ifMatch: string | undefined,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<UsageArchiveResponse> {
    return this.write(Rpc.archiving.usageArchive.put, request, reply, { uuid, expectedVersion: expectedVersionOf(ifMatch), changes: body });
  }

  @Patch(':usageUuid')
  @ApiOperation({
    summary: 'Change some fields of the archiving profile of a usage',
    description: `Only the fields sent; null clears one. ${RULES}`,
  })
  @ApiHeader(ARCHIVE_IF_MATCH)
  @ApiOkResponse({ type: UsageArchiveResponse })
  @ApiProblems(400, 401, 403, 404, 409, 412, 503, 504)
  async patch(
    @Param('usageUuid', UuidParamPipe) uuid: string,
    @Body() body: UpdateUsageArchiveRequest,
    @Headers('if-match') ifMatch: string | undefined,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<UsageArchiveResponse> {
    const changes = sentOnly(request.body, body);
    return this.write(Rpc.archiving.usageArchive.patch, request, reply, { uuid, expectedVersion: expectedVersionOf(ifMatch), changes });
  }

  @Delete(':usageUuid')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Remove the archiving registration of a usage (KITOS)',
    description:
      'Every field a client writes is cleared and the journal periods are dropped; the usage itself stays, and so does what ' +
      'archiving derives from other services (recommendation, deletion due date). Who may write the profile may do this.',
  })
  @ApiHeader(ARCHIVE_IF_MATCH)
  @ApiNoContentResponse({ description: 'Removed (also when there was nothing to remove)' })
  @ApiProblems(400, 401, 403, 404, 409, 412, 503, 504)
  async delete(
    @Param('usageUuid', UuidParamPipe) uuid: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Req() request: FastifyRequest,
  ): Promise<void> {
    await this.rpc.request(Rpc.archiving.usageArchive.delete, callerOf(request), { uuid, expectedVersion: expectedVersionOf(ifMatch) });
  }

  private async write(subject: string, request: FastifyRequest, reply: FastifyReply, data: object): Promise<UsageArchiveResponse> {
    const archive = await this.rpc.request<UsageArchiveResponse>(subject, callerOf(request), data);
    void reply.header('etag', etagOf(archive.version));
    return archive;
  }
}
