import { Body, Controller, Get, Headers, Param, Patch, Post, Query, Req, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { CreateRoleTypeRequest, PatchRoleTypeRequest, ROLE_OBJECT_TYPES, RoleTypeResponse, Rpc, sentOnly } from '@kitos/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiProblems } from '../http/api-problems';
import { callerOf } from '../http/caller';
import { UuidParamPipe, etagOf, expectedVersionOf, ifMatchHeader } from '../http/validation';
import { RpcClient } from '../rpc/rpc-client';

@ApiTags('role types')
@Controller('api/v2/role-types')
export class RoleTypesController {
  constructor(private readonly rpc: RpcClient) {}

  @Get()
  @ApiOperation({ summary: 'Per-object roles (e.g. system owner on a usage) with their read and write access' })
  @ApiQuery({ name: 'objectType', required: false, enum: ROLE_OBJECT_TYPES })
  @ApiOkResponse({ type: [RoleTypeResponse] })
  @ApiProblems(400, 401, 503, 504)
  list(@Query('objectType') objectType: string | undefined, @Req() request: FastifyRequest): Promise<RoleTypeResponse[]> {
    return this.rpc.request(Rpc.identity.listRoleTypes, callerOf(request), { objectType });
  }

  @Post()
  @ApiOperation({ summary: 'Define a per-object role (global administrators)', description: 'A name is unique per object type (409).' })
  @ApiCreatedResponse({ type: RoleTypeResponse })
  @ApiProblems(400, 401, 403, 409, 503, 504)
  create(@Body() body: CreateRoleTypeRequest, @Req() request: FastifyRequest): Promise<RoleTypeResponse> {
    return this.rpc.request(Rpc.identity.createRoleType, callerOf(request), body);
  }

  @Patch(':uuid')
  @ApiOperation({ summary: 'Change a per-object role (global administrators)' })
  @ApiHeader(ifMatchHeader('the role'))
  @ApiOkResponse({ type: RoleTypeResponse, description: 'The ETag header holds its new version (its `version`)' })
  @ApiProblems(400, 401, 403, 404, 409, 412, 503, 504)
  async patch(
    @Param('uuid', UuidParamPipe) uuid: string,
    @Body() body: PatchRoleTypeRequest,
    @Headers('if-match') ifMatch: string | undefined,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<RoleTypeResponse> {
    const sent = sentOnly(request.body, body);
    const role = await this.rpc.request<RoleTypeResponse>(Rpc.identity.patchRoleType, callerOf(request), {
      uuid,
      body: sent,
      expectedVersion: expectedVersionOf(ifMatch),
    });
    void reply.header('etag', etagOf(role.version));
    return role;
  }
}
