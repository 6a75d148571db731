import { Body, Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ReadModelRebuildRun, ReadModelStatus, RebuildReadModelsBody, Rpc } from '@kitos/contracts';
import type { FastifyRequest } from 'fastify';
import { ApiProblems } from '../http/api-problems';
import { callerOf } from '../http/caller';
import { RpcClient } from '../rpc/rpc-client';

/** Operating the reporting service's read models (global administrators). */
@ApiTags('reporting')
@Controller('api/v2/reporting/read-models')
export class ReadModelsController {
  constructor(private readonly rpc: RpcClient) {}

  @Get()
  @ApiOperation({
    summary: 'State of the read models',
    description: 'Objects and tombstones per read model, and the newest full rebuild. Global administrators only (403).',
  })
  @ApiOkResponse({ type: ReadModelStatus })
  @ApiProblems(401, 403, 503, 504)
  status(@Req() request: FastifyRequest): Promise<ReadModelStatus> {
    return this.rpc.request(Rpc.reporting.readModels.status, callerOf(request), {});
  }

  @Post('rebuild')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Rebuild every read model from the event streams',
    description:
      'Replays all services’ JetStream streams from their first message into new collections, switches them in, then ' +
      'applies what arrived meanwhile; reports keep answering from the old read models until the switch. Every message up ' +
      'to each stream’s last sequence at the start is accounted for (per stream: expected, applied, ignored, skipped, ' +
      'missing); a stream not read to that point within the deadline, or an invalid message (dead-lettered; unless ' +
      '`acceptInvalid`), ends the run `failed` without switching. Answers at once ' +
      'with the run (`state: running`); follow it at `GET /api/v2/reporting/read-models`. While a rebuild runs, another ' +
      'request returns the running one. The same as `npm run reporting:rebuild`. Global administrators only (403).',
  })
  @ApiAcceptedResponse({ type: ReadModelRebuildRun })
  @ApiProblems(401, 403, 409, 503, 504)
  rebuild(@Body() body: RebuildReadModelsBody, @Req() request: FastifyRequest): Promise<ReadModelRebuildRun> {
    return this.rpc.request(Rpc.reporting.readModels.rebuild, callerOf(request), {
      acceptInvalid: body?.acceptInvalid ?? false,
      ...(body?.deadlineSeconds !== undefined ? { deadlineSeconds: body.deadlineSeconds } : {}),
    });
  }
}
