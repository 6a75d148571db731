import { Body, Controller, Get, Headers, Param, Patch, Req, Res } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import {
  LocalOptionTypeResponse,
  OPTION_TYPE_KINDS,
  PatchLocalOptionTypeRequest,
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

/** One organisation's settings of the option types: read by its members, changed by its local administrators. */
@ApiTags('option types')
@Controller('api/v2/organizations/:organizationUuid/option-types')
export class LocalOptionTypesController {
  constructor(private readonly rpc: RpcClient) {}

  @Get(':kind')
  @ApiOperation({
    summary: "The enabled values of an option type with the organisation's settings",
    description:
      'isActive, the local description and whether each value is available there. Members of the organisation and global administrators.',
  })
  @ApiParam(KIND)
  @ApiOkResponse({ type: [LocalOptionTypeResponse] })
  @ApiProblems(400, 401, 403, 503, 504)
  list(
    @Param('organizationUuid', UuidParamPipe) organizationUuid: string,
    @Param('kind', OptionKindPipe) kind: OptionTypeKind,
    @Req() request: FastifyRequest,
  ): Promise<LocalOptionTypeResponse[]> {
    return this.rpc.request(Rpc.catalog.options.listLocal, callerOf(request), { kind, organizationUuid });
  }

  @Get(':kind/:uuid')
  @ApiOperation({ summary: "One value of an option type with the organisation's setting" })
  @ApiParam(KIND)
  @ApiOkResponse({
    type: LocalOptionTypeResponse,
    description: 'The ETag header holds the version of the organisation’s setting ("0": none yet)',
  })
  @ApiProblems(400, 401, 403, 404, 503, 504)
  async get(
    @Param('organizationUuid', UuidParamPipe) organizationUuid: string,
    @Param('kind', OptionKindPipe) kind: OptionTypeKind,
    @Param('uuid', UuidParamPipe) uuid: string,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<LocalOptionTypeResponse> {
    const option = await this.rpc.request<LocalOptionTypeResponse>(Rpc.catalog.options.getLocal, callerOf(request), {
      kind,
      organizationUuid,
      uuid,
    });
    void reply.header('etag', etagOf(option.version));
    return option;
  }

  @Patch(':kind/:uuid')
  @ApiOperation({
    summary: 'Activate or deactivate a value in the organisation, or override its description (local administrators)',
    description:
      'Only the properties sent change. Obligatory values are always available (isActive → 400); a disabled value cannot be activated (400). ' +
      'A description of null or "" returns to the global description.',
  })
  @ApiParam(KIND)
  @ApiHeader(ifMatchHeader('the organisation’s setting of the value'))
  @ApiOkResponse({ type: LocalOptionTypeResponse, description: 'The ETag header holds the new version of the setting' })
  @ApiProblems(400, 401, 403, 404, 409, 412, 503, 504)
  async patch(
    @Param('organizationUuid', UuidParamPipe) organizationUuid: string,
    @Param('kind', OptionKindPipe) kind: OptionTypeKind,
    @Param('uuid', UuidParamPipe) uuid: string,
    @Body() body: PatchLocalOptionTypeRequest,
    @Headers('if-match') ifMatch: string | undefined,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<LocalOptionTypeResponse> {
    const option = await this.rpc.request<LocalOptionTypeResponse>(Rpc.catalog.options.patchLocal, callerOf(request), {
      kind,
      organizationUuid,
      uuid,
      changes: sentOnly(request.body, body),
      expectedVersion: expectedVersionOf(ifMatch),
    });
    void reply.header('etag', etagOf(option.version));
    return option;
  }
}
