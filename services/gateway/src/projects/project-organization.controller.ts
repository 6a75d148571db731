import { Body, Controller, Get, Headers, Param, Patch, Put, Req, Res } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { BenefitAttentionResponse, ProjectPhaseNamesResponse, ProjectPhaseNamesWrite, Rpc, sentOnly } from '@kitos/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiProblems } from '../http/api-problems';
import { callerOf } from '../http/caller';
import { UuidParamPipe, etagOf, expectedVersionOf, ifMatchHeader } from '../http/validation';
import { RpcClient } from '../rpc/rpc-client';

const IF_MATCH = ifMatchHeader('the phase names', '"0" while the defaults apply');

/** What an organisation has of IT projects as a whole: its phase names and the benefits that need attention. */
@ApiTags('it-projects')
@Controller('api/v2/organizations/:organizationUuid')
export class ProjectOrganizationController {
  constructor(private readonly rpc: RpcClient) {}

  @Get('project-phase-names')
  @ApiOperation({
    summary: "The organisation's names of the five project phases",
    description: 'Defaults Foranalyse, Analyse, Gennemførelse, Implementering, Afslutning. Members only; others get 404.',
  })
  @ApiOkResponse({ type: ProjectPhaseNamesResponse, description: 'The ETag header holds their version' })
  @ApiProblems(400, 401, 404, 503, 504)
  async getPhaseNames(
    @Param('organizationUuid', UuidParamPipe) organizationUuid: string,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ProjectPhaseNamesResponse> {
    const names = await this.rpc.request<ProjectPhaseNamesResponse>(Rpc.projects.itProjects.phaseNames.get, callerOf(request), {
      organizationUuid,
    });
    void reply.header('etag', etagOf(names.version));
    return names;
  }

  @Put('project-phase-names')
  @ApiOperation({ summary: 'Rename all five project phases', description: 'All five names (400). Global and local administrators (403).' })
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: ProjectPhaseNamesResponse })
  @ApiProblems(400, 401, 403, 404, 409, 412, 503, 504)
  async putPhaseNames(
    @Param('organizationUuid', UuidParamPipe) organizationUuid: string,
    @Body() body: ProjectPhaseNamesWrite,
    @Headers('if-match') ifMatch: string | undefined,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ProjectPhaseNamesResponse> {
    return this.writeNames(request, reply, { organizationUuid, mode: 'put', names: body, expectedVersion: expectedVersionOf(ifMatch) });
  }

  @Patch('project-phase-names')
  @ApiOperation({ summary: 'Rename some project phases', description: 'The names sent. Global and local administrators (403).' })
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: ProjectPhaseNamesResponse })
  @ApiProblems(400, 401, 403, 404, 409, 412, 503, 504)
  async patchPhaseNames(
    @Param('organizationUuid', UuidParamPipe) organizationUuid: string,
    @Body() body: ProjectPhaseNamesWrite,
    @Headers('if-match') ifMatch: string | undefined,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ProjectPhaseNamesResponse> {
    const names = sentOnly(request.body, body);
    return this.writeNames(request, reply, { organizationUuid, mode: 'patch', names, expectedVersion: expectedVersionOf(ifMatch) });
  }

  @Get('it-projects/benefits/attention')
  @ApiOperation({
    summary: 'Benefits that need attention',
    description:
      'The benefits of the organisation’s active (not archived) projects that are overdue (target date passed, target not reached) ' +
      'or below plan (realised gain to date < planned gain to date). Members only; others get 404.',
  })
  @ApiOkResponse({ type: [BenefitAttentionResponse] })
  @ApiProblems(400, 401, 404, 503, 504)
  benefitsAttention(
    @Param('organizationUuid', UuidParamPipe) organizationUuid: string,
    @Req() request: FastifyRequest,
  ): Promise<BenefitAttentionResponse[]> {
    return this.rpc.request<BenefitAttentionResponse[]>(Rpc.projects.itProjects.benefitsAttention, callerOf(request), { organizationUuid });
  }

  private async writeNames(request: FastifyRequest, reply: FastifyReply, data: object): Promise<ProjectPhaseNamesResponse> {
    const names = await this.rpc.request<ProjectPhaseNamesResponse>(Rpc.projects.itProjects.phaseNames.write, callerOf(request), data);
    void reply.header('etag', etagOf(names.version));
    return names;
  }
}
