import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Patch, Post, Put, Query, Req, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  CreateItProjectRequest,
  ItProjectResponse,
  ListItProjectsQuery,
  ReplaceItProjectRequest,
  Rpc,
  UpdateItProjectRequest,
  sentOnly,
  type Page,
} from '@kitos/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiProblems } from '../http/api-problems';
import { callerOf } from '../http/caller';
import { UuidParamPipe, etagOf, expectedVersionOf, ifMatchHeader } from '../http/validation';
import { RpcClient } from '../rpc/rpc-client';

export const PROJECT_IF_MATCH = ifMatchHeader('the project (or any of its parts)');

const PRIVATE =
  'Project data is private to its organisation: members read it, users of other organisations get 404 and it is never part ' +
  'of cross-organisation reports. ';

/** `/api/v2/it-projects`: IT projects with phases, status reports, economy, risks, stakeholders and benefits realisation. */
@ApiTags('it-projects')
@Controller('api/v2/it-projects')
export class ItProjectsController {
  constructor(private readonly rpc: RpcClient) {}

  @Post()
  @ApiOperation({
    summary: 'Create an IT project',
    description:
      PRIVATE +
      'Global and local administrators of the organisation create projects (403). The name is unique in the organisation (409 with ' +
      '`existingUuid`). References (unit, type, parent, roles, usages, contracts) must belong to the organisation (400).',
  })
  @ApiCreatedResponse({ type: ItProjectResponse, description: 'Created; the ETag header holds its version' })
  @ApiProblems(400, 401, 403, 409, 503, 504)
  async create(
    @Body() body: CreateItProjectRequest,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ItProjectResponse> {
    const created = await this.rpc.request<ItProjectResponse>(Rpc.projects.itProjects.create, callerOf(request), body);
    void reply.header('etag', etagOf(created.version)).header('location', `/api/v2/it-projects/${created.uuid}`);
    return created;
  }

  @Get()
  @ApiOperation({
    summary: 'List IT projects',
    description:
      PRIVATE +
      "Only projects of the caller's organisations (all for global administrators), silently. Stable order: creation order by " +
      'default, the name with orderByProperty=Name, last change when changedSinceGtEq is given.',
  })
  @ApiOkResponse({ type: [ItProjectResponse] })
  @ApiProblems(400, 401, 503, 504)
  async list(@Query() query: ListItProjectsQuery, @Req() request: FastifyRequest): Promise<ItProjectResponse[]> {
    return (await this.rpc.request<Page<ItProjectResponse>>(Rpc.projects.itProjects.list, callerOf(request), query)).items;
  }

  @Get(':uuid')
  @ApiOperation({
    summary: 'Read one IT project',
    description: PRIVATE + 'With every part, the latest status report and the realisation rates.',
  })
  @ApiOkResponse({ type: ItProjectResponse, description: 'The ETag header holds its version' })
  @ApiProblems(400, 401, 404, 503, 504)
  async get(
    @Param('uuid', UuidParamPipe) uuid: string,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ItProjectResponse> {
    const project = await this.rpc.request<ItProjectResponse>(Rpc.projects.itProjects.get, callerOf(request), { uuid });
    void reply.header('etag', etagOf(project.version));
    return project;
  }

  @Put(':uuid')
  @ApiOperation({
    summary: 'Replace every section of an IT project',
    description:
      'Sections left out are reset (empty lists, null values, archived false); parts are not touched. Administrators and holders ' +
      'of a project role with write access change projects (403). An archived project accepts only un-archiving (409).',
  })
  @ApiHeader(PROJECT_IF_MATCH)
  @ApiOkResponse({ type: ItProjectResponse })
  @ApiProblems(400, 401, 403, 404, 409, 412, 503, 504)
  async put(
    @Param('uuid', UuidParamPipe) uuid: string,
    @Body() body: ReplaceItProjectRequest,
    @Headers('if-match') ifMatch: string | undefined,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ItProjectResponse> {
    return this.write(Rpc.projects.itProjects.put, request, reply, { uuid, expectedVersion: expectedVersionOf(ifMatch), changes: body });
  }

  @Patch(':uuid')
  @ApiOperation({
    summary: 'Replace some sections of an IT project',
    description:
      'Each section present replaces that whole section; null resets it; absent sections stay. `{ "archived": false }` un-archives ' +
      'an archived project; any other change of an archived project → 409.',
  })
  @ApiHeader(PROJECT_IF_MATCH)
  @ApiOkResponse({ type: ItProjectResponse })
  @ApiProblems(400, 401, 403, 404, 409, 412, 503, 504)
  async patch(
    @Param('uuid', UuidParamPipe) uuid: string,
    @Body() body: UpdateItProjectRequest,
    @Headers('if-match') ifMatch: string | undefined,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ItProjectResponse> {
    const changes = sentOnly(request.body, body);
    return this.write(Rpc.projects.itProjects.patch, request, reply, { uuid, expectedVersion: expectedVersionOf(ifMatch), changes });
  }

  @Delete(':uuid')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Delete an IT project',
    description: 'Global and local administrators (403). A programme with projects (409) and an archived project (409) are not deleted.',
  })
  @ApiHeader(PROJECT_IF_MATCH)
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiProblems(400, 401, 403, 404, 409, 412, 503, 504)
  async delete(
    @Param('uuid', UuidParamPipe) uuid: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Req() request: FastifyRequest,
  ): Promise<void> {
    await this.rpc.request(Rpc.projects.itProjects.delete, callerOf(request), { uuid, expectedVersion: expectedVersionOf(ifMatch) });
  }

  private async write(subject: string, request: FastifyRequest, reply: FastifyReply, data: object): Promise<ItProjectResponse> {
    const project = await this.rpc.request<ItProjectResponse>(subject, callerOf(request), data);
    void reply.header('etag', etagOf(project.version));
    return project;
  }
}
