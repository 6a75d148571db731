import { Body, Controller, Get, Headers, HttpCode, Param, ParseIntPipe, Post, Put, Query, Req, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  DataQualityFindingsQuery,
  DataQualityHistoryEntry,
  DataQualityHistoryQuery,
  DataQualityObjectFindings,
  DataQualityScoreResponse,
  DataQualitySnapshotResponse,
  PutRulePackRequest,
  Rpc,
  RulePackResponse,
} from '@kitos/contracts';
import { DomainError } from '@kitos/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiProblems } from '../http/api-problems';
import { callerOf } from '../http/caller';
import { UuidParamPipe, etagOf, expectedVersionOf, ifMatchHeader } from '../http/validation';
import { RpcClient } from '../rpc/rpc-client';

const SCORES =
  'Object score = passed / applicable enabled rules of the current rule pack (objects to which no rule applies are left ' +
  'out); module score = mean of the organisation’s object scores; overall = mean of its module scores; national median = ' +
  'median over all organisations with a score in the module. Evaluated on the read models at the time of the request.';

const SHARED =
  'Scores are aggregates shared across organisations: members of the organisation, global admins and users who read ' +
  'across organisations see them; others get 404.';

const versionPipe = new ParseIntPipe({
  exceptionFactory: () =>
    DomainError.badInput('The version must be a whole number', [{ field: 'version', message: 'must be a whole number' }]),
});

/** Data quality against the shared registration practice (issue 10 item 5): the rule pack, scores, findings, history. */
@ApiTags('data-quality')
@Controller('api/v2/data-quality')
export class DataQualityController {
  constructor(private readonly rpc: RpcClient) {}

  @Get('rule-pack')
  @ApiOperation({
    summary: 'The current rule pack',
    description:
      'The shared registration practice: minimum and quality requirements per module (usages, contracts, dprs, relations, ' +
      'interfaces), each a declarative check of a fixed type. Shipped as `registration-practice.v1` (version 1); every edit ' +
      'makes a new version. Any logged-in user reads it.',
  })
  @ApiOkResponse({ type: RulePackResponse, description: 'The ETag header holds its version' })
  @ApiProblems(401, 503, 504)
  async rulePack(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<RulePackResponse> {
    const pack = await this.rpc.request<RulePackResponse>(Rpc.reporting.dataQuality.rulePack, callerOf(request), {});
    void reply.header('etag', etagOf(pack.version));
    return pack;
  }

  @Get('rule-pack/versions/:version')
  @ApiOperation({ summary: 'One version of the rule pack', description: 'Versions are kept for good. Unknown version → 404.' })
  @ApiOkResponse({ type: RulePackResponse })
  @ApiProblems(400, 401, 404, 503, 504)
  rulePackVersion(@Param('version', versionPipe) version: number, @Req() request: FastifyRequest): Promise<RulePackResponse> {
    return this.rpc.request(Rpc.reporting.dataQuality.rulePackVersion, callerOf(request), { version });
  }

  @Put('rule-pack')
  @ApiOperation({
    summary: 'Edit the rule pack (new version)',
    description:
      'Global admins only (403). The body is the whole pack; `version` must be the current version (412 otherwise: read it ' +
      'again). Creates version n+1 and keeps the old ones. Each rule: `{id, module, level, title, description, enabled, ' +
      'check: {type, params}}`; check types `required` {field, when?}, `requiredWhen` {field, when}, `oneOf` {field, values, ' +
      'when?}, `maxAgeMonths` {field, months, when?}, `hasLinked` {link, when?} (usages: `dpr-with-agreement`, `dpr`, ' +
      '`contract`); `when` = {field, equals}. Unknown check types, parameters, fields or links, private fields (notes, ' +
      'remarks, economy) and duplicate ids → 400 naming the field (e.g. `rules[2].check.params.field`). Disable a rule ' +
      'with `enabled: false`. If-Match (the ETag of the GET) may name the version read as well.',
  })
  @ApiHeader(ifMatchHeader('the rule pack'))
  @ApiOkResponse({ type: RulePackResponse, description: 'The ETag header holds the new version' })
  @ApiProblems(400, 401, 403, 412, 503, 504)
  async putRulePack(
    @Body() body: PutRulePackRequest,
    @Headers('if-match') ifMatch: string | undefined,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<RulePackResponse> {
    const pack = await this.rpc.request<RulePackResponse>(Rpc.reporting.dataQuality.putRulePack, callerOf(request), {
      ...body,
      expectedVersion: expectedVersionOf(ifMatch),
    });
    void reply.header('etag', etagOf(pack.version));
    return pack;
  }

  @Get('organizations/:uuid')
  @ApiOperation({ summary: 'An organisation’s data-quality scores next to the national median', description: `${SCORES} ${SHARED}` })
  @ApiOkResponse({ type: DataQualityScoreResponse })
  @ApiProblems(400, 401, 404, 503, 504)
  organization(@Param('uuid', UuidParamPipe) uuid: string, @Req() request: FastifyRequest): Promise<DataQualityScoreResponse> {
    return this.rpc.request(Rpc.reporting.dataQuality.organization, callerOf(request), { organizationUuid: uuid });
  }

  @Get('organizations/:uuid/findings')
  @ApiOperation({
    summary: 'The objects of an organisation that fail rules, with their findings',
    description:
      'Objects with at least one finding, by module then name, paged. Findings name the organisation’s objects, so only ' +
      'its members and global admins see them; anyone else gets 404.',
  })
  @ApiOkResponse({ type: [DataQualityObjectFindings] })
  @ApiProblems(400, 401, 404, 503, 504)
  findings(
    @Param('uuid', UuidParamPipe) uuid: string,
    @Query() query: DataQualityFindingsQuery,
    @Req() request: FastifyRequest,
  ): Promise<DataQualityObjectFindings[]> {
    return this.rpc.request(Rpc.reporting.dataQuality.findings, callerOf(request), { ...query, organizationUuid: uuid });
  }

  @Get('organizations/:uuid/history')
  @ApiOperation({
    summary: 'An organisation’s score history',
    description:
      'One snapshot per Danish calendar day (taken hourly if missing, or on demand by a global admin), oldest first, with ' +
      `the national medians of that day. ${SHARED}`,
  })
  @ApiOkResponse({ type: [DataQualityHistoryEntry] })
  @ApiProblems(400, 401, 404, 503, 504)
  history(
    @Param('uuid', UuidParamPipe) uuid: string,
    @Query() query: DataQualityHistoryQuery,
    @Req() request: FastifyRequest,
  ): Promise<DataQualityHistoryEntry[]> {
    return this.rpc.request(Rpc.reporting.dataQuality.history, callerOf(request), { ...query, organizationUuid: uuid });
  }

  @Post('snapshots')
  @HttpCode(201)
  @ApiOperation({
    summary: 'Take today’s score snapshot of every organisation now',
    description:
      'Global admins only (403). Writes each organisation’s snapshot of today, replacing one taken earlier the same day ' +
      '(at most one per organisation and day).',
  })
  @ApiCreatedResponse({ type: DataQualitySnapshotResponse })
  @ApiProblems(401, 403, 503, 504)
  snapshot(@Req() request: FastifyRequest): Promise<DataQualitySnapshotResponse> {
    return this.rpc.request(Rpc.reporting.dataQuality.snapshot, callerOf(request), {});
  }
}
