import { Body, Controller, Get, Headers, Param, Patch, Post, Req, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import {
  CreateOptionTypeRequest,
  GlobalOptionTypeResponse,
  OPTION_TYPE_KINDS,
  PatchOptionTypeRequest,
  Rpc,
  sentOnly,
  type OptionTypeKind,
} from '@kitos/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiProblems } from '../http/api-problems';
import { callerOf } from '../http/caller';
import { UuidParamPipe, etagOf, expectedVersionOf, ifMatchHeader } from '../http/validation';
import { RpcClient } from '../rpc/rpc-client';
import { OptionKindPipe } from './option-kind.pipe';

const KIND = { name: 'kind', enum: OPTION_TYPE_KINDS, description: 'The option type, as in its read path /api/v2/{kind}' };
const IF_MATCH = ifMatchHeader('the value');

/** Global values of the option types: read by every signed-in user, maintained by global administrators. */
@ApiTags('option types')
@Controller('api/v2/option-types')
export class OptionTypesController {
  constructor(private readonly rpc: RpcClient) {}

  @Get(':kind')
  @ApiOperation({
    summary: 'Every global value of an option type, also disabled ones',
    description: 'Highest priority first, then by name. Any signed-in user.',
  })
  @ApiParam(KIND)
  @ApiOkResponse({ type: [GlobalOptionTypeResponse] })
  @ApiProblems(400, 401, 503, 504)
  list(@Param('kind', OptionKindPipe) kind: OptionTypeKind, @Req() request: FastifyRequest): Promise<GlobalOptionTypeResponse[]> {
    return this.rpc.request(Rpc.catalog.options.listGlobal, callerOf(request), { kind });
  }

  @Post(':kind')
  @ApiOperation({
    summary: 'Add a global value to an option type (global administrators)',
    description: 'The name is unique within the type, case-insensitively (409). New values are enabled and not obligatory unless said.',
  })
  @ApiParam(KIND)
  @ApiCreatedResponse({ type: GlobalOptionTypeResponse, description: 'Created; the ETag header holds its version' })
  @ApiProblems(400, 401, 403, 409, 503, 504)
  async create(
    @Param('kind', OptionKindPipe) kind: OptionTypeKind,
    @Body() body: CreateOptionTypeRequest,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<GlobalOptionTypeResponse> {
    const created = await this.rpc.request<GlobalOptionTypeResponse>(Rpc.catalog.options.createGlobal, callerOf(request), {
      kind,
      option: body,
    });
    void reply.header('etag', etagOf(created.version)).header('location', `/api/v2/option-types/${kind}/${created.uuid}`);
    return created;
  }

  @Get(':kind/:uuid')
  @ApiOperation({ summary: 'One global value of an option type' })
  @ApiParam(KIND)
  @ApiOkResponse({ type: GlobalOptionTypeResponse, description: 'The ETag header holds its version' })
  @ApiProblems(400, 401, 404, 503, 504)
  async get(
    @Param('kind', OptionKindPipe) kind: OptionTypeKind,
    @Param('uuid', UuidParamPipe) uuid: string,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<GlobalOptionTypeResponse> {
    const option = await this.rpc.request<GlobalOptionTypeResponse>(Rpc.catalog.options.getGlobal, callerOf(request), { kind, uuid });
    void reply.header('etag', etagOf(option.version));
    return option;
  }

  @Patch(':kind/:uuid')
  @ApiOperation({
    summary: 'Change a global value (global administrators)',
    description:
      'Only the properties sent change. Values are never deleted, since registrations may refer to them: `isEnabled: false` disables one everywhere.',
  })
  @ApiParam(KIND)
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: GlobalOptionTypeResponse })
  @ApiProblems(400, 401, 403, 404, 409, 412, 503, 504)
  async patch(
    @Param('kind', OptionKindPipe) kind: OptionTypeKind,
    @Param('uuid', UuidParamPipe) uuid: string,
    @Body() body: PatchOptionTypeRequest,
    @Headers('if-match') ifMatch: string | undefined,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<GlobalOptionTypeResponse> {
    const option = await this.rpc.request<GlobalOptionTypeResponse>(Rpc.catalog.options.patchGlobal, callerOf(request), {
      kind,
      uuid,
      expectedVersion: expectedVersionOf(ifMatch),
      changes: sentOnly(request.body, body),
    });
    void reply.header('etag', etagOf(option.version));
    return option;
  }
}
