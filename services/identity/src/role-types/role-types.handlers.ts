import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { DomainError } from '@kitos/common';
import {
  CreateRoleTypeRequest,
  PatchRoleTypeRequest,
  ROLE_OBJECT_TYPES,
  Rpc,
  validateInto,
  validatePatch,
  type RoleObjectType,
  type RoleTypeResponse,
} from '@kitos/contracts';
import { callerOf, uuidOf, type RpcRequest } from '@kitos/platform';
import { RoleTypesService } from './role-types.service';

@Controller()
export class RoleTypesHandlers {
  constructor(private readonly roles: RoleTypesService) {}

  @MessagePattern(Rpc.identity.listRoleTypes)
  list(@Payload() request: RpcRequest<{ objectType?: unknown }>): Promise<RoleTypeResponse[]> {
    const objectType = request.data?.objectType;
    if (objectType !== undefined && !(ROLE_OBJECT_TYPES as readonly unknown[]).includes(objectType)) {
      throw DomainError.badInput(`objectType must be one of ${ROLE_OBJECT_TYPES.join(', ')}`, [
        { field: 'objectType', message: 'unknown object type' },
      ]);
    }
    return this.roles.list(callerOf(request), objectType as RoleObjectType | undefined);
  }

  @MessagePattern(Rpc.identity.createRoleType)
  create(@Payload() request: RpcRequest): Promise<RoleTypeResponse> {
    return this.roles.create(callerOf(request), validateInto(CreateRoleTypeRequest, request.data));
  }

  @MessagePattern(Rpc.identity.patchRoleType)
  patch(@Payload() request: RpcRequest<{ uuid?: unknown; body?: unknown }>): Promise<RoleTypeResponse> {
    return this.roles.patch(callerOf(request), uuidOf(request.data), validatePatch(PatchRoleTypeRequest, request.data?.body));
  }
}
