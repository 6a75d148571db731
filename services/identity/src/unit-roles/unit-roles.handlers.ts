import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { Rpc, UnitRoleAssignmentRequest, validateInto, type UnitRoleResponse } from '@kitos/contracts';
import { callerOf, organizationUuidOf, uuidOf, type RpcRequest } from '@kitos/platform';
import { UnitRolesService } from './unit-roles.service';

type UnitRoleData = { organizationUuid?: unknown; uuid?: unknown; userUuid?: unknown; body?: unknown };

@Controller()
export class UnitRolesHandlers {
  constructor(private readonly roles: UnitRolesService) {}

  @MessagePattern(Rpc.identity.unitRoles.list)
  list(@Payload() request: RpcRequest<UnitRoleData>): Promise<UnitRoleResponse[]> {
    return this.roles.list(callerOf(request), organizationUuidOf(request.data), uuidOf(request.data));
  }

  @MessagePattern(Rpc.identity.unitRoles.ofUser)
  ofUser(@Payload() request: RpcRequest<UnitRoleData>): Promise<UnitRoleResponse[]> {
    return this.roles.ofUser(callerOf(request), organizationUuidOf(request.data), uuidOf(request.data));
  }

  @MessagePattern(Rpc.identity.unitRoles.add)
  add(@Payload() request: RpcRequest<UnitRoleData>): Promise<UnitRoleResponse[]> {
    const body = validateInto(UnitRoleAssignmentRequest, request.data?.body);
    return this.roles.add(callerOf(request), organizationUuidOf(request.data), uuidOf(request.data), body);
  }

  @MessagePattern(Rpc.identity.unitRoles.remove)
  remove(@Payload() request: RpcRequest<UnitRoleData>): Promise<UnitRoleResponse[]> {
    const body = validateInto(UnitRoleAssignmentRequest, request.data?.body);
    return this.roles.remove(callerOf(request), organizationUuidOf(request.data), uuidOf(request.data), body);
  }
}
