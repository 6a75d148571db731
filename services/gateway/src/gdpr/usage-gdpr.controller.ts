import { Body, Controller, Get, Headers, Param, Patch, Put, Req, Res } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Rpc, UsageGdprResponse, UsageGdprWriteRequest, sentOnly } from '@kitos/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiProblems } from '../http/api-problems';
import { callerOf } from '../http/caller';
import { UuidParamPipe, etagOf, expectedVersionOf, ifMatchHeader } from '../http/validation';
import { RpcClient } from '../rpc/rpc-client';

const IF_MATCH = ifMatchHeader('the GDPR registration', '"0" while never written');
const RULE =
  'Dependent fields may only be set when their parent question is Yes (400 naming the field): technicalPrecautionsApplied/-Documentation ' +
  '(technicalPrecautionsInPlace), userSupervisionDate/-Documentation (userSupervision), riskAssessmentConductedDate/-Result/-Documentation/-Notes ' +
  '(riskAssessmentConducted), dpiaDate/-Documentation (dpiaConducted), nextDataRetentionEvaluationDate/dataRetentionEvaluationFrequencyInMonths ' +
  '(retentionPeriodDefined). Answering the parent with anything but Yes clears them. Option values must be available in the organisation (400). ' +
  'Global, local and system-module administrators of the organisation write; members read; others do not see the usage (404).';

/** `/api/v2/it-system-usages/{uuid}/gdpr`: the GDPR registration of a usage (KITOS usage section `gdpr`), owned by the gdpr service. */
@ApiTags('it-system-usages')
@Controller('api/v2/it-system-usages')
export class UsageGdprController {
  constructor(private readonly rpc: RpcClient) {}

  @Get(':uuid/gdpr')
  @ApiOperation({
    summary: 'Read the GDPR registration of an IT system usage',
    description: 'Every usage has one (empty, version 0, until first written). Usages of other organisations are not visible (404).',
  })
  @ApiOkResponse({ type: UsageGdprResponse, description: 'The ETag header holds the registration version' })
  @ApiProblems(400, 401, 404, 503, 504)
  async get(
    @Param('uuid', UuidParamPipe) uuid: string,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<UsageGdprResponse> {
    const gdpr = await this.rpc.request<UsageGdprResponse>(Rpc.gdpr.compliance.usageGdpr.get, callerOf(request), { uuid });
    void reply.header('etag', etagOf(gdpr.version));
    return gdpr;
  }

  @Put(':uuid/gdpr')
  @ApiOperation({ summary: 'Replace the GDPR registration of an IT system usage', description: `Fields left out are emptied. ${RULE}` })
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: UsageGdprResponse })
  @ApiProblems(400, 401, 403, 404, 409, 412, 503, 504)
  put(
    @Param('uuid', UuidParamPipe) uuid: string,
    @Body() body: UsageGdprWriteRequest,
    @Headers('if-match') ifMatch: string | undefined,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<UsageGdprResponse> {
    return this.write(Rpc.gdpr.compliance.usageGdpr.put, request, reply, {
      uuid,
      expectedVersion: expectedVersionOf(ifMatch),
      changes: body,
    });
  }

  @Patch(':uuid/gdpr')
  @ApiOperation({
    summary: 'Change some fields of the GDPR registration of an IT system usage',
    description: `Only the fields sent change. ${RULE}`,
  })
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: UsageGdprResponse })
  @ApiProblems(400, 401, 403, 404, 409, 412, 503, 504)
  patch(
    @Param('uuid', UuidParamPipe) uuid: string,
    @Body() body: UsageGdprWriteRequest,
    @Headers('if-match') ifMatch: string | undefined,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<UsageGdprResponse> {
    const changes = sentOnly(request.body, body);
    return this.write(Rpc.gdpr.compliance.usageGdpr.patch, request, reply, { uuid, expectedVersion: expectedVersionOf(ifMatch), changes });
  }

  private async write(subject: string, request: FastifyRequest, reply: FastifyReply, data: object): Promise<UsageGdprResponse> {
    const gdpr = await this.rpc.request<UsageGdprResponse>(subject, callerOf(request), data);
    void reply.header('etag', etagOf(gdpr.version));
    return gdpr;
  }
}
