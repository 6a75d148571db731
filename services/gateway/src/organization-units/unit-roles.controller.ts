import { Body, Controller, Get, Param, Patch, Req } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Rpc, UnitRoleAssignmentRequest, UnitRoleResponse } from '@kitos/contracts';
import type { FastifyRequest } from 'fastify';
import { ApiProblems } from '../http/api-problems';
import { callerOf } from '../http/caller';
import { UuidParamPipe } from '../http/validation';
import { RpcClient } from '../rpc/rpc-client';

/** Role holders on organisation units [Organisationsenhedsroller], seen from the unit and from the user. */
@ApiTags('organization units')
@Controller('api/v2/organizations/:organizationUuid')
export class UnitRolesController {
  constructor(private readonly rpc: RpcClient) {}

  @Get('organization-units/:uuid/roles')
  @ApiOperation({ summary: 'The role holders of a unit (members of the organisation)' })
  @ApiOkResponse({ type: [UnitRoleResponse] })
  @ApiProblems(400, 401, 403, 404, 503, 504)
  list(
    @Param('organizationUuid', UuidParamPipe) organizationUuid: string,
    @Param('uuid', UuidParamPipe) uuid: string,
    @Req() request: FastifyRequest,
  ): Promise<UnitRoleResponse[]> {
    return this.rpc.request(Rpc.identity.unitRoles.list, callerOf(request), { organizationUuid, uuid });
  }

  @Patch('organization-units/:uuid/roles/add')
  @ApiOperation({
    summary: 'Assign a role on a unit (local and organisation-module administrators)',
    description:
      'The role must be an OrganizationUnit role enabled in the organisation and the user a member (400 at the field); ' +
      'the same (role, user) twice → 409. Answers the unit’s role holders.',
  })
  @ApiOkResponse({ type: [UnitRoleResponse] })
  @ApiProblems(400, 401, 403, 404, 409, 503, 504)
  add(
    @Param('organizationUuid', UuidParamPipe) organizationUuid: string,
    @Param('uuid', UuidParamPipe) uuid: string,
    @Body() body: UnitRoleAssignmentRequest,
    @Req() request: FastifyRequest,
  ): Promise<UnitRoleResponse[]> {
    return this.rpc.request(Rpc.identity.unitRoles.add, callerOf(request), { organizationUuid, uuid, body });
  }

  @Patch('organization-units/:uuid/roles/remove')
  @ApiOperation({ summary: 'Remove a role holder from a unit', description: 'An assignment the unit does not have → 400.' })
  @ApiOkResponse({ type: [UnitRoleResponse] })
  @ApiProblems(400, 401, 403, 404, 503, 504)
  remove(
    @Param('organizationUuid', UuidParamPipe) organizationUuid: string,
    @Param('uuid', UuidParamPipe) uuid: string,
    @Body() body: UnitRoleAssignmentRequest,
    @Req() request: FastifyRequest,
  ): Promise<UnitRoleResponse[]> {
    return this.rpc.request(Rpc.identity.unitRoles.remove, callerOf(request), { organizationUuid, uuid, body });
  }

  @Get('users/:uuid/unit-roles')
  @ApiOperation({ summary: 'The unit roles a user holds in the organisation (members of the organisation)' })
  @ApiOkResponse({ type: [UnitRoleResponse] })
  @ApiProblems(400, 401, 403, 503, 504)
  ofUser(
    @Param('organizationUuid', UuidParamPipe) organizationUuid: string,
    @Param('uuid', UuidParamPipe) uuid: string,
    @Req() request: FastifyRequest,
  ): Promise<UnitRoleResponse[]> {
    return this.rpc.request(Rpc.identity.unitRoles.ofUser, callerOf(request), { organizationUuid, uuid });
  }
}
