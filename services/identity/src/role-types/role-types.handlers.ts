import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { DomainError } from '@kitos/common';
import {
  CreateRoleTypeRequest,
  LocalRoleTypeRequest,
  PatchRoleTypeRequest,
  ROLE_OBJECT_TYPES,
  RoleOptionTypeQuery,
  RoleOptionTypesQuery,
  Rpc,
  validateInto,
  validatePatch,
  type AvailableRoleOptionTypeResponse,
  type LocalRoleTypeResponse,
  type RoleObjectType,
  type RoleOptionTypeResponse,
  type RoleTypeResponse,
} from '@kitos/contracts';
import { callerOf, expectedVersionOf, organizationUuidOf, uuidOf, type RpcRequest } from '@kitos/platform';
import { RoleTypesService } from './role-types.service';

type RoleData = {
  objectType?: unknown;
  organizationUuid?: unknown;
  uuid?: unknown;
  body?: unknown;
  query?: unknown;
  expectedVersion?: unknown;
};

@Controller()
export class RoleTypesHandlers {
  constructor(private readonly roles: RoleTypesService) {}

  @MessagePattern(Rpc.identity.listRoleTypes)
  list(@Payload() request: RpcRequest<{ objectType?: unknown }>): Promise<RoleTypeResponse[]> {
    return this.roles.list(callerOf(request), optionalObjectType(request.data?.objectType));
  }

  @MessagePattern(Rpc.identity.createRoleType)
  create(@Payload() request: RpcRequest): Promise<RoleTypeResponse> {
    return this.roles.create(callerOf(request), validateInto(CreateRoleTypeRequest, request.data));
  }

  @MessagePattern(Rpc.identity.patchRoleType)
  patch(@Payload() request: RpcRequest<{ uuid?: unknown; body?: unknown; expectedVersion?: unknown }>): Promise<RoleTypeResponse> {
    return this.roles.patch(
      callerOf(request),
      uuidOf(request.data),
      validatePatch(PatchRoleTypeRequest, request.data?.body),
      expectedVersionOf(request.data),
    );
  }

  @MessagePattern(Rpc.identity.listLocalRoleTypes)
  listLocal(@Payload() request: RpcRequest<RoleData>): Promise<LocalRoleTypeResponse[]> {
    return this.roles.listLocal(callerOf(request), organizationUuidOf(request.data), optionalObjectType(request.data?.objectType));
  }

  @MessagePattern(Rpc.identity.patchLocalRoleType)
  patchLocal(@Payload() request: RpcRequest<RoleData>): Promise<LocalRoleTypeResponse> {
    const { isLocallyEnabled } = validateInto(LocalRoleTypeRequest, request.data?.body);
    return this.roles.switchLocally(
      callerOf(request),
      organizationUuidOf(request.data),
      uuidOf(request.data),
      isLocallyEnabled,
      expectedVersionOf(request.data),
    );
  }

  @MessagePattern(Rpc.identity.listRoleOptions)
  options(@Payload() request: RpcRequest<RoleData>): Promise<RoleOptionTypeResponse[]> {
    const query = validateInto(RoleOptionTypesQuery, request.data?.query ?? {});
    return this.roles.options(
      callerOf(request),
      objectTypeOf(request.data?.objectType),
      query.organizationUuid,
      query.page,
      query.pageSize,
    );
  }

  @MessagePattern(Rpc.identity.getRoleOption)
  option(@Payload() request: RpcRequest<RoleData>): Promise<AvailableRoleOptionTypeResponse> {
    const query = validateInto(RoleOptionTypeQuery, request.data?.query ?? {});
    return this.roles.option(callerOf(request), objectTypeOf(request.data?.objectType), uuidOf(request.data), query.organizationUuid);
  }
}

function optionalObjectType(value: unknown): RoleObjectType | undefined {
  return value === undefined ? undefined : objectTypeOf(value);
}

function objectTypeOf(value: unknown): RoleObjectType {
  if (!(ROLE_OBJECT_TYPES as readonly unknown[]).includes(value))
    throw DomainError.badInput(`objectType must be one of ${ROLE_OBJECT_TYPES.join(', ')}`, [
      { field: 'objectType', message: 'unknown object type' },
    ]);
  return value as RoleObjectType;
}
