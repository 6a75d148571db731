import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiHeader, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  AuditEntryResponse,
  AuditLogQuery,
  ListOrganizationUsersQuery,
  type AuditLogRpcResponse,
  ORGANIZATION_ROLES,
  RoleHandoverResponse,
  RoleRequest,
  RoleTransferRequest,
  Rpc,
  UserResponse,
} from '@kitos/contracts';
import { DomainError } from '@kitos/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiProblems } from '../http/api-problems';
import { callerOf } from '../http/caller';
import { UuidParamPipe, etagOf, expectedVersionOf, ifMatchHeader } from '../http/validation';
import { RpcClient } from '../rpc/rpc-client';

/** A handover writes every object on which the leaver holds a role, in four services: more than the usual RPC timeout. */
const HANDOVER_TIMEOUT_MS = 120_000;

/** Users as members of one organisation: their roles there, copying and transferring them, the audit log. */
@ApiTags('organization users')
@Controller('api/v2/organizations/:organizationUuid')
export class OrganizationUsersController {
  constructor(private readonly rpc: RpcClient) {}

  @Get('users')
  @ApiOperation({
    summary: 'Users with a role in the organisation (members only)',
    description: 'As KITOS: an unknown organisation → 404, one you are not a member of → 403. `roles` lists the roles held here.',
  })
  @ApiOkResponse({ type: [UserResponse] })
  @ApiProblems(400, 401, 403, 404, 503, 504)
  list(
    @Param('organizationUuid', UuidParamPipe) organizationUuid: string,
    @Query() query: ListOrganizationUsersQuery,
    @Req() request: FastifyRequest,
  ): Promise<UserResponse[]> {
    return this.rpc.request(Rpc.identity.listOrganizationUsers, callerOf(request), { organizationUuid, query });
  }

  @Get('users/:uuid')
  @ApiOperation({
    summary: 'One user of the organisation (members only)',
    description: 'KITOS `GET /api/v2/organizations/{org}/users/{user}`: 404 when the user holds no role in the organisation.',
  })
  @ApiOkResponse({ type: UserResponse, description: 'The ETag header holds its version' })
  @ApiProblems(400, 401, 403, 404, 503, 504)
  async get(
    @Param('organizationUuid', UuidParamPipe) organizationUuid: string,
    @Param('uuid', UuidParamPipe) uuid: string,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<UserResponse> {
    const user = await this.rpc.request<UserResponse>(Rpc.identity.getOrganizationUser, callerOf(request), { organizationUuid, uuid });
    void reply.header('etag', etagOf(user.version));
    return user;
  }

  @Delete('users/:uuid')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove a user from the organisation: all of their roles there (local administrators)' })
  @ApiHeader(ifMatchHeader('the user'))
  @ApiNoContentResponse({ description: 'Removed' })
  @ApiProblems(400, 401, 403, 404, 412, 503, 504)
  async remove(
    @Param('organizationUuid', UuidParamPipe) organizationUuid: string,
    @Param('uuid', UuidParamPipe) uuid: string,
    @Headers('if-match') ifMatch: string | undefined,
    @Req() request: FastifyRequest,
  ): Promise<void> {
    await this.rpc.request(Rpc.identity.removeOrganizationUser, callerOf(request), {
      organizationUuid,
      uuid,
      expectedVersion: expectedVersionOf(ifMatch),
    });
  }

  @Post('users/:uuid/roles')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Grant an organisation role',
    description:
      'Rights-holder access: global administrators. Local, system- and contract-module admin: local administrators. User and organisation-module admin: also organisation-module administrators. A role already held → 409.',
  })
  @ApiOkResponse({ type: UserResponse })
  @ApiProblems(400, 401, 403, 404, 409, 503, 504)
  addRole(
    @Param('organizationUuid', UuidParamPipe) organizationUuid: string,
    @Param('uuid', UuidParamPipe) uuid: string,
    @Body() body: RoleRequest,
    @Req() request: FastifyRequest,
  ): Promise<UserResponse> {
    return this.rpc.request(Rpc.identity.addRole, callerOf(request), { organizationUuid, uuid, body });
  }

  @Delete('users/:uuid/roles/:role')
  @ApiOperation({ summary: 'Remove an organisation role (a role not held → 400)' })
  @ApiOkResponse({ type: UserResponse })
  @ApiProblems(400, 401, 403, 404, 503, 504)
  removeRole(
    @Param('organizationUuid', UuidParamPipe) organizationUuid: string,
    @Param('uuid', UuidParamPipe) uuid: string,
    @Param('role') role: string,
    @Req() request: FastifyRequest,
  ): Promise<UserResponse> {
    if (!(ORGANIZATION_ROLES as readonly string[]).includes(role)) {
      throw DomainError.badInput(`role must be one of ${ORGANIZATION_ROLES.join(', ')}`, [{ field: 'role', message: 'unknown role' }]);
    }
    return this.rpc.request(Rpc.identity.removeRole, callerOf(request), { organizationUuid, uuid, body: { role } });
  }

  @Post('users/:uuid/roles/copy')
  @HttpCode(200)
  @ApiOperation({
    summary: "Give another user all of this user's roles in the organisation",
    description:
      "Organisation roles and the per-object roles on the organisation's usages, contracts, data processing registrations " +
      'and projects. Returns the receiving user with `handover`, what the receiver got per object. To yourself → 409; ' +
      'a service that cannot be reached → 503 (run it again: nothing is added twice).',
  })
  @ApiOkResponse({ type: RoleHandoverResponse })
  @ApiProblems(400, 401, 403, 404, 409, 503, 504)
  copy(
    @Param('organizationUuid', UuidParamPipe) organizationUuid: string,
    @Param('uuid', UuidParamPipe) uuid: string,
    @Body() body: RoleTransferRequest,
    @Req() request: FastifyRequest,
  ): Promise<RoleHandoverResponse> {
    return this.rpc.request(Rpc.identity.copyRoles, callerOf(request), { organizationUuid, uuid, body }, HANDOVER_TIMEOUT_MS);
  }

  @Post('users/:uuid/roles/transfer')
  @HttpCode(200)
  @ApiOperation({
    summary: "Move all of this user's roles in the organisation to another user",
    description:
      'For a departing employee: organisation roles and per-object roles (usages, contracts, data processing ' +
      'registrations, projects) are added to the receiver in every service first, then removed here; the leaver loses ' +
      'only roles the receiver holds. After an interruption (503) run it again: it completes without losing a role.',
  })
  @ApiOkResponse({ type: RoleHandoverResponse })
  @ApiProblems(400, 401, 403, 404, 409, 503, 504)
  transfer(
    @Param('organizationUuid', UuidParamPipe) organizationUuid: string,
    @Param('uuid', UuidParamPipe) uuid: string,
    @Body() body: RoleTransferRequest,
    @Req() request: FastifyRequest,
  ): Promise<RoleHandoverResponse> {
    return this.rpc.request(Rpc.identity.transferRoles, callerOf(request), { organizationUuid, uuid, body }, HANDOVER_TIMEOUT_MS);
  }

  @Get('audit-log')
  @ApiOperation({ summary: "The organisation's audit log: logins, failed logins, token issuance, role changes (local administrators)" })
  @ApiOkResponse({
    type: [AuditEntryResponse],
    description: 'Newest first, one page (page, limit)',
    headers: { 'X-Total-Count': { description: 'Entries matching the filters, on all pages', schema: { type: 'integer' } } },
  })
  @ApiProblems(400, 401, 403, 503, 504)
  async audit(
    @Param('organizationUuid', UuidParamPipe) organizationUuid: string,
    @Query() query: AuditLogQuery,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AuditEntryResponse[]> {
    const page = await this.rpc.request<AuditLogRpcResponse>(Rpc.identity.auditLog, callerOf(request), { organizationUuid, query });
    void reply.header('x-total-count', String(page.total));
    return page.items;
  }
}
