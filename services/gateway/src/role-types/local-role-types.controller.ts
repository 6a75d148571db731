import { Body, Controller, Get, Headers, Param, Patch, Query, Req, Res } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { LocalRoleTypeRequest, LocalRoleTypeResponse, ROLE_OBJECT_TYPES, Rpc } from '@kitos/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiProblems } from '../http/api-problems';
import { callerOf } from '../http/caller';
import { UuidParamPipe, etagOf, expectedVersionOf, ifMatchHeader } from '../http/validation';
import { RpcClient } from '../rpc/rpc-client';

/** The role catalogue as one organisation uses it: its local administrators switch roles off and on. */
@ApiTags('role types')
@Controller('api/v2/organizations/:organizationUuid/role-types')
export class LocalRoleTypesController {
  constructor(private readonly rpc: RpcClient) {}

  @Get()
  @ApiOperation({ summary: 'Every per-object role with whether it may be assigned in the organisation (members)' })
  @ApiQuery({ name: 'objectType', required: false, enum: ROLE_OBJECT_TYPES })
  @ApiOkResponse({ type: [LocalRoleTypeResponse] })
  @ApiProblems(400, 401, 403, 404, 503, 504)
  list(
    @Param('organizationUuid', UuidParamPipe) organizationUuid: string,
    @Query('objectType') objectType: string | undefined,
    @Req() request: FastifyRequest,
  ): Promise<LocalRoleTypeResponse[]> {
    return this.rpc.request(Rpc.identity.listLocalRoleTypes, callerOf(request), { organizationUuid, objectType });
  }

  @Patch(':uuid')
  @ApiOperation({
    summary: 'Switch a role off or on in the organisation (local administrators)',
    description: 'A switched-off role cannot be newly assigned in the organisation (400 at the field); existing assignments stay.',
  })
  @ApiHeader(ifMatchHeader('the role'))
  @ApiOkResponse({ type: LocalRoleTypeResponse, description: "The ETag header holds the role's new version (its `version`)" })
  @ApiProblems(400, 401, 403, 404, 409, 412, 503, 504)
  async patch(
    @Param('organizationUuid', UuidParamPipe) organizationUuid: string,
    @Param('uuid', UuidParamPipe) uuid: string,
    @Body() body: LocalRoleTypeRequest,
    @Headers('if-match') ifMatch: string | undefined,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<LocalRoleTypeResponse> {
    const role = await this.rpc.request<LocalRoleTypeResponse>(Rpc.identity.patchLocalRoleType, callerOf(request), {
      organizationUuid,
      uuid,
      body,
      expectedVersion: expectedVersionOf(ifMatch),
    });
    void reply.header('etag', etagOf(role.version));
    return role;
  }
}
