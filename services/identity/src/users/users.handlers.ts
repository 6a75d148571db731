import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  CreateUserRequest,
  ListOrganizationUsersQuery,
  PatchUserRequest,
  RoleRequest,
  RoleTransferRequest,
  Rpc,
  validateInto,
  type RoleHandoverResponse,
  type UserResponse,
} from '@kitos/contracts';
import { callerOf, expectedVersionOf, organizationUuidOf, uuidOf, type RpcRequest } from '@kitos/platform';
import { UsersService } from './users.service';

type OrgUserData = { organizationUuid?: unknown; uuid?: unknown; body?: unknown; query?: unknown; expectedVersion?: unknown };

@Controller()
export class UsersHandlers {
  constructor(private readonly service: UsersService) {}

  @MessagePattern(Rpc.identity.createUser)
  create(@Payload() request: RpcRequest): Promise<UserResponse> {
    return this.service.create(callerOf(request), validateInto(CreateUserRequest, request.data));
  }

  @MessagePattern(Rpc.identity.getUser)
  get(@Payload() request: RpcRequest): Promise<UserResponse> {
    return this.service.get(callerOf(request), uuidOf(request.data));
  }

  @MessagePattern(Rpc.identity.patchUser)
  patch(@Payload() request: RpcRequest<OrgUserData>): Promise<UserResponse> {
    return this.service.patch(
      callerOf(request),
      uuidOf(request.data),
      validateInto(PatchUserRequest, request.data?.body),
      expectedVersionOf(request.data),
    );
  }

  @MessagePattern(Rpc.identity.deleteUser)
  async delete(@Payload() request: RpcRequest): Promise<{ deleted: true }> {
    await this.service.delete(callerOf(request), uuidOf(request.data), expectedVersionOf(request.data));
    return { deleted: true };
  }

  @MessagePattern(Rpc.identity.listOrganizationUsers)
  list(@Payload() request: RpcRequest<OrgUserData>): Promise<UserResponse[]> {
    return this.service.listInOrganization(
      callerOf(request),
      organizationUuidOf(request.data),
      validateInto(ListOrganizationUsersQuery, request.data?.query ?? {}),
    );
  }

  @MessagePattern(Rpc.identity.getOrganizationUser)
  getInOrganization(@Payload() request: RpcRequest<OrgUserData>): Promise<UserResponse> {
    return this.service.getInOrganization(callerOf(request), organizationUuidOf(request.data), uuidOf(request.data));
  }

  @MessagePattern(Rpc.identity.removeOrganizationUser)
  async remove(@Payload() request: RpcRequest<OrgUserData>): Promise<{ removed: true }> {
    await this.service.removeFromOrganization(
      callerOf(request),
      organizationUuidOf(request.data),
      uuidOf(request.data),
      expectedVersionOf(request.data),
    );
    return { removed: true };
  }

  @MessagePattern(Rpc.identity.addRole)
  addRole(@Payload() request: RpcRequest<OrgUserData>): Promise<UserResponse> {
    const { role } = validateInto(RoleRequest, request.data?.body);
    return this.service.addRole(callerOf(request), organizationUuidOf(request.data), uuidOf(request.data), role);
  }

  @MessagePattern(Rpc.identity.removeRole)
  removeRole(@Payload() request: RpcRequest<OrgUserData>): Promise<UserResponse> {
    const { role } = validateInto(RoleRequest, request.data?.body);
    return this.service.removeRole(callerOf(request), organizationUuidOf(request.data), uuidOf(request.data), role);
  }

  @MessagePattern(Rpc.identity.copyRoles)
  copy(@Payload() request: RpcRequest<OrgUserData>): Promise<RoleHandoverResponse> {
    const { toUserUuid } = validateInto(RoleTransferRequest, request.data?.body);
    return this.service.copyRoles(callerOf(request), organizationUuidOf(request.data), uuidOf(request.data), toUserUuid, false);
  }

  @MessagePattern(Rpc.identity.transferRoles)
  transfer(@Payload() request: RpcRequest<OrgUserData>): Promise<RoleHandoverResponse> {
    const { toUserUuid } = validateInto(RoleTransferRequest, request.data?.body);
    return this.service.copyRoles(callerOf(request), organizationUuidOf(request.data), uuidOf(request.data), toUserUuid, true);
  }
}
