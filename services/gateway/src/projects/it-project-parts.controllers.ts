import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Patch, Post, Put, Req, Res, type Type } from '@nestjs/common';
import {
  ApiBody,
  ApiCreatedResponse,
  ApiHeader,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
} from '@nestjs/swagger';
import {
  ProjectBenefitPatch,
  ProjectBenefitResponse,
  ProjectBenefitWrite,
  ProjectEconomyYearPatch,
  ProjectEconomyYearResponse,
  ProjectEconomyYearWrite,
  ProjectMilestonePatch,
  ProjectMilestoneResponse,
  ProjectMilestoneWrite,
  ProjectRiskPatch,
  ProjectRiskResponse,
  ProjectRiskWrite,
  ProjectStakeholderPatch,
  ProjectStakeholderResponse,
  ProjectStakeholderWrite,
  ProjectStatusReportResponse,
  ProjectStatusReportWrite,
  ProjectTaskPatch,
  ProjectTaskResponse,
  ProjectTaskWrite,
  Rpc,
  type ProjectPartKind,
} from '@kitos/contracts';
import { DomainError } from '@kitos/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiProblems } from '../http/api-problems';
import { callerOf } from '../http/caller';
import { UuidParamPipe, etagOf, expectedVersionOf } from '../http/validation';
import { RpcClient } from '../rpc/rpc-client';
import { PROJECT_IF_MATCH } from './it-projects.controller';

interface PartDefinition {
  kind: ProjectPartKind;
  what: string;
  write: Type<unknown>;
  patch: Type<unknown> | null;
  response: Type<unknown>;
  byYear?: boolean;
  rules: string;
}

const PARTS: PartDefinition[] = [
  {
    kind: 'milestones',
    what: 'milestone',
    write: ProjectMilestoneWrite,
    patch: ProjectMilestonePatch,
    response: ProjectMilestoneResponse,
    rules: 'Status NotStarted/InProgress/Done/Blocked; the responsible user must be a member of the organisation (400).',
  },
  {
    kind: 'tasks',
    what: 'task',
    write: ProjectTaskWrite,
    patch: ProjectTaskPatch,
    response: ProjectTaskResponse,
    rules: 'Status NotStarted/InProgress/Done/Blocked; the responsible user must be a member of the organisation (400).',
  },
  {
    kind: 'status-reports',
    what: 'status report',
    write: ProjectStatusReportWrite,
    patch: null,
    response: ProjectStatusReportResponse,
    rules:
      'Traffic lights Green/Yellow/Red/White for overall, time, cost, quality and resources, with comments. Reports are only added: ' +
      'the history is kept, never overwritten; the latest (by date) is shown on the project.',
  },
  {
    kind: 'economy-years',
    what: 'economy row',
    write: ProjectEconomyYearWrite,
    patch: ProjectEconomyYearPatch,
    response: ProjectEconomyYearResponse,
    byYear: true,
    rules:
      'Budget and actual in integer øre ≥ 0 (400), split into acquisition/operation × internal/external. One row per year: POST of ' +
      'a year the project has → 409; change a row with PUT/PATCH …/economy-years/{year}.',
  },
  {
    kind: 'risks',
    what: 'risk',
    write: ProjectRiskWrite,
    patch: ProjectRiskPatch,
    response: ProjectRiskResponse,
    rules:
      'Probability and consequence 1–5 (400); score = probability × consequence; level Low 1–4, Medium 5–9, High 10–16, Critical 20–25.',
  },
  {
    kind: 'stakeholders',
    what: 'stakeholder',
    write: ProjectStakeholderWrite,
    patch: ProjectStakeholderPatch,
    response: ProjectStakeholderResponse,
    rules: 'A stakeholder with interest and influence, and its communication plan entry (what, when, medium, responsible member).',
  },
  {
    kind: 'benefits',
    what: 'benefit',
    write: ProjectBenefitWrite,
    patch: ProjectBenefitPatch,
    response: ProjectBenefitResponse,
    rules:
      'Type Economic (values in whole øre, 400 otherwise), Qualitative or QualityOfService; planned and realised values per year, ' +
      'one row per year (400). The response carries the realisation rates (see docs/projects.md).',
  },
];

const NOTE = 'Every change of a part is a change of the project: its version (ETag) and its event. Archived projects are read-only (409).';

interface PartResult {
  item: unknown;
  projectVersion: number;
}

/** `/api/v2/it-projects/{uuid}/<kind>`: one controller per kind of part, so each is documented with its own types. */
function partsController(part: PartDefinition): Type<unknown> {
  const idName = part.byYear ? 'year' : 'partUuid';
  /** Operation ids unique per kind of part (the classes below share their names across kinds). */
  const operationId = (verb: string) => `ItProjects_${part.kind.replace(/-(\w)/g, (_, c: string) => c.toUpperCase())}_${verb}`;
  const idParam = part.byYear
    ? { name: idName, description: 'The year of the row', schema: { type: 'string', pattern: '^\\d{4}$', example: '2026' } }
    : { name: idName, description: `The uuid of the ${part.what}`, schema: { type: 'string', format: 'uuid' } };
  const parseId = (value: string): string => {
    if (part.byYear) {
      if (!/^\d{4}$/.test(value))
        throw DomainError.badInput('The year must have four digits', [{ field: 'year', message: 'year must be YYYY' }]);
      return value;
    }
    return new UuidParamPipe().transform(value);
  };

  @ApiTags('it-projects')
  @Controller(`api/v2/it-projects/:uuid/${part.kind}`)
  class ProjectPartsController {
    constructor(readonly rpc: RpcClient) {}

    @Post()
    @ApiOperation({
      operationId: operationId('create'),
      summary: `Add a ${part.what} to an IT project`,
      description: `${part.rules} ${NOTE}`,
    })
    @ApiHeader(PROJECT_IF_MATCH)
    @ApiCreatedResponse({ type: part.response, description: "Added; the ETag header holds the project's new version" })
    @ApiProblems(400, 401, 403, 404, 409, 412, 503, 504)
    @ApiParam({ name: 'uuid', description: 'The IT project' })
    @ApiBodyOf(part.write)
    async create(
      @Param('uuid', UuidParamPipe) uuid: string,
      @Body() body: object,
      @Headers('if-match') ifMatch: string | undefined,
      @Req() request: FastifyRequest,
      @Res({ passthrough: true }) reply: FastifyReply,
    ): Promise<unknown> {
      return this.send(Rpc.projects.itProjects.parts.create, request, reply, { uuid, body, expectedVersion: expectedVersionOf(ifMatch) });
    }

    @Get()
    @ApiOperation({
      operationId: operationId('list'),
      summary: `The ${part.kind} of an IT project`,
      description: 'Members of the organisation; others get 404.',
    })
    @ApiOkResponse({ type: [part.response], description: "The ETag header holds the project's version" })
    @ApiProblems(400, 401, 404, 503, 504)
    async list(
      @Param('uuid', UuidParamPipe) uuid: string,
      @Req() request: FastifyRequest,
      @Res({ passthrough: true }) reply: FastifyReply,
    ): Promise<unknown[]> {
      const result = await this.rpc.request<{ items: unknown[]; projectVersion: number }>(
        Rpc.projects.itProjects.parts.list,
        callerOf(request),
        { uuid, kind: part.kind },
      );
      void reply.header('etag', etagOf(result.projectVersion));
      return result.items;
    }

    @Get(`:${idName}`)
    @ApiOperation({ operationId: operationId('get'), summary: `One ${part.what} of an IT project` })
    @ApiParam(idParam)
    @ApiOkResponse({ type: part.response })
    @ApiProblems(400, 401, 404, 503, 504)
    async get(
      @Param('uuid', UuidParamPipe) uuid: string,
      @Param(idName) id: string,
      @Req() request: FastifyRequest,
      @Res({ passthrough: true }) reply: FastifyReply,
    ): Promise<unknown> {
      return this.send(Rpc.projects.itProjects.parts.get, request, reply, { uuid, partId: parseId(id) });
    }

    async send(subject: string, request: FastifyRequest, reply: FastifyReply, data: object): Promise<unknown> {
      const result = await this.rpc.request<PartResult>(subject, callerOf(request), { ...data, kind: part.kind });
      void reply.header('etag', etagOf(result.projectVersion));
      return result.item;
    }
  }

  if (!part.patch) return ProjectPartsController;
  const patchType = part.patch;

  @ApiTags('it-projects')
  @Controller(`api/v2/it-projects/:uuid/${part.kind}`)
  class MutableProjectPartsController extends ProjectPartsController {
    @Put(`:${idName}`)
    @ApiOperation({
      operationId: operationId('put'),
      summary: `Replace a ${part.what}`,
      description: `Properties left out are reset. ${part.rules} ${NOTE}`,
    })
    @ApiParam(idParam)
    @ApiHeader(PROJECT_IF_MATCH)
    @ApiBodyOf(part.write)
    @ApiOkResponse({ type: part.response })
    @ApiProblems(400, 401, 403, 404, 409, 412, 503, 504)
    async put(
      @Param('uuid', UuidParamPipe) uuid: string,
      @Param(idName) id: string,
      @Body() body: object,
      @Headers('if-match') ifMatch: string | undefined,
      @Req() request: FastifyRequest,
      @Res({ passthrough: true }) reply: FastifyReply,
    ): Promise<unknown> {
      const data = { uuid, partId: parseId(id), body, expectedVersion: expectedVersionOf(ifMatch) };
      return this.send(Rpc.projects.itProjects.parts.put, request, reply, data);
    }

    @Patch(`:${idName}`)
    @ApiOperation({
      operationId: operationId('patch'),
      summary: `Change some properties of a ${part.what}`,
      description: `Properties sent replace the stored ones. ${NOTE}`,
    })
    @ApiParam(idParam)
    @ApiHeader(PROJECT_IF_MATCH)
    @ApiBodyOf(patchType)
    @ApiOkResponse({ type: part.response })
    @ApiProblems(400, 401, 403, 404, 409, 412, 503, 504)
    async patch(
      @Param('uuid', UuidParamPipe) uuid: string,
      @Param(idName) id: string,
      @Body() body: object,
      @Headers('if-match') ifMatch: string | undefined,
      @Req() request: FastifyRequest,
      @Res({ passthrough: true }) reply: FastifyReply,
    ): Promise<unknown> {
      const data = { uuid, partId: parseId(id), body, expectedVersion: expectedVersionOf(ifMatch) };
      return this.send(Rpc.projects.itProjects.parts.patch, request, reply, data);
    }

    @Delete(`:${idName}`)
    @HttpCode(204)
    @ApiOperation({ operationId: operationId('delete'), summary: `Remove a ${part.what}`, description: NOTE })
    @ApiParam(idParam)
    @ApiHeader(PROJECT_IF_MATCH)
    @ApiNoContentResponse({ description: "Removed; the ETag header holds the project's new version" })
    @ApiProblems(400, 401, 403, 404, 409, 412, 503, 504)
    async delete(
      @Param('uuid', UuidParamPipe) uuid: string,
      @Param(idName) id: string,
      @Headers('if-match') ifMatch: string | undefined,
      @Req() request: FastifyRequest,
      @Res({ passthrough: true }) reply: FastifyReply,
    ): Promise<void> {
      const result = await this.rpc.request<{ projectVersion: number }>(Rpc.projects.itProjects.parts.delete, callerOf(request), {
        uuid,
        kind: part.kind,
        partId: parseId(id),
        expectedVersion: expectedVersionOf(ifMatch),
      });
      void reply.header('etag', etagOf(result.projectVersion));
    }
  }
  return MutableProjectPartsController;
}

/** The request body is validated by the projects service against the part's class (kind-specific); documented here. */
function ApiBodyOf(type: Type<unknown>): MethodDecorator {
  return ApiBody({ type });
}

export const PROJECT_PART_CONTROLLERS: Array<Type<unknown>> = PARTS.map(partsController);
