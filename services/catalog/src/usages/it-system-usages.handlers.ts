import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  CreateItSystemUsageRequest,
  ListItSystemUsagesQuery,
  RoleHandoverCommand,
  Rpc,
  UpdateItSystemUsageRequest,
  UsageRoleAssignment,
  validateInto,
  validatePatch,
  type DeleteItSystemUsageRpc,
  type HandedOverObject,
  type GetItSystemUsageRpc,
  type ExternalReferenceRpc,
  type ExternalReferenceResult,
  type ExternalReferenceResponse,
  UsageExternalReferenceWriteRequest,
  type ResourcePermissionsResponse,
  type ResourceCollectionPermissionsResponse,
  type PermissionsRpc,
  CollectionPermissionsQuery,
  type ItSystemUsageResponse,
  type ItSystemUsageRoleRpc,
  type Page,
  type UpdateItSystemUsageRpc,
} from '@kitos/contracts';
import { callerOf, uuidOf, type RpcRequest, expectedVersionOf } from '@kitos/platform';
import { ItSystemUsagesService } from './it-system-usages.service';

/** Request handlers of the system usages on the bus; every payload is validated again here. */
@Controller()
export class ItSystemUsagesHandlers {
  constructor(private readonly service: ItSystemUsagesService) {}

  @MessagePattern(Rpc.catalog.usages.handoverRoles)
  handOverRoles(@Payload() request: RpcRequest): Promise<HandedOverObject[]> {
    return this.service.handOverRoles(callerOf(request), validateInto(RoleHandoverCommand, request.data));
  }

  @MessagePattern(Rpc.catalog.usages.create)
  create(@Payload() request: RpcRequest): Promise<ItSystemUsageResponse> {
    return this.service.create(callerOf(request), validateInto(CreateItSystemUsageRequest, request.data));
  }

  @MessagePattern(Rpc.catalog.usages.permissions)
  permissions(@Payload() request: RpcRequest<PermissionsRpc>): Promise<ResourcePermissionsResponse> {
    return this.service.permissions(callerOf(request), uuidOf(request.data));
  }

  @MessagePattern(Rpc.catalog.usages.collectionPermissions)
  collectionPermissions(@Payload() request: RpcRequest): Promise<ResourceCollectionPermissionsResponse> {
    return this.service.collectionPermissions(callerOf(request), validateInto(CollectionPermissionsQuery, request.data).organizationUuid);
  }

  @MessagePattern(Rpc.catalog.usages.addReference)
  addReference(@Payload() request: RpcRequest<ExternalReferenceRpc>): Promise<ExternalReferenceResult<ExternalReferenceResponse>> {
    const body = validateInto(UsageExternalReferenceWriteRequest, request.data?.body);
    return this.service.addReference(callerOf(request), uuidOf(request.data), body, expectedVersionOf(request.data));
  }

  @MessagePattern(Rpc.catalog.usages.putReference)
  putReference(@Payload() request: RpcRequest<ExternalReferenceRpc>): Promise<ExternalReferenceResult<ExternalReferenceResponse>> {
    const body = validateInto(UsageExternalReferenceWriteRequest, request.data?.body);
    const referenceUuid = uuidOf({ uuid: request.data?.referenceUuid });
    return this.service.putReference(callerOf(request), uuidOf(request.data), referenceUuid, body, expectedVersionOf(request.data));
  }

  @MessagePattern(Rpc.catalog.usages.deleteReference)
  async deleteReference(@Payload() request: RpcRequest<ExternalReferenceRpc>): Promise<{ deleted: true }> {
    const referenceUuid = uuidOf({ uuid: request.data?.referenceUuid });
    await this.service.deleteReference(callerOf(request), uuidOf(request.data), referenceUuid, expectedVersionOf(request.data));
    return { deleted: true };
  }

  @MessagePattern(Rpc.catalog.usages.get)
  get(@Payload() request: RpcRequest<GetItSystemUsageRpc>): Promise<ItSystemUsageResponse> {
    return this.service.get(callerOf(request), uuidOf(request.data));
  }

  @MessagePattern(Rpc.catalog.usages.list)
  list(@Payload() request: RpcRequest): Promise<Page<ItSystemUsageResponse>> {
    return this.service.list(callerOf(request), validateInto(ListItSystemUsagesQuery, request.data));
  }

  @MessagePattern(Rpc.catalog.usages.put)
  put(@Payload() request: RpcRequest<UpdateItSystemUsageRpc>): Promise<ItSystemUsageResponse> {
    const caller = callerOf(request);
    const changes = validateInto(UpdateItSystemUsageRequest, request.data?.changes);
    return this.service.update(caller, uuidOf(request.data), changes, 'put', expectedVersionOf(request.data));
  }

  @MessagePattern(Rpc.catalog.usages.patch)
  patch(@Payload() request: RpcRequest<UpdateItSystemUsageRpc>): Promise<ItSystemUsageResponse> {
    const caller = callerOf(request);
    const changes = validatePatch(UpdateItSystemUsageRequest, request.data?.changes);
    return this.service.update(caller, uuidOf(request.data), changes, 'patch', expectedVersionOf(request.data));
  }

  @MessagePattern(Rpc.catalog.usages.addRole)
  addRole(@Payload() request: RpcRequest<ItSystemUsageRoleRpc>): Promise<ItSystemUsageResponse> {
    const caller = callerOf(request);
    const assignment = validateInto(UsageRoleAssignment, request.data?.assignment);
    return this.service.addRole(caller, uuidOf(request.data), assignment, expectedVersionOf(request.data));
  }

  @MessagePattern(Rpc.catalog.usages.removeRole)
  removeRole(@Payload() request: RpcRequest<ItSystemUsageRoleRpc>): Promise<ItSystemUsageResponse> {
    const caller = callerOf(request);
    const assignment = validateInto(UsageRoleAssignment, request.data?.assignment);
    return this.service.removeRole(caller, uuidOf(request.data), assignment, expectedVersionOf(request.data));
  }

  @MessagePattern(Rpc.catalog.usages.delete)
  async delete(@Payload() request: RpcRequest<DeleteItSystemUsageRpc>): Promise<{ deleted: true }> {
    await this.service.delete(callerOf(request), uuidOf(request.data), expectedVersionOf(request.data));
    return { deleted: true };
  }
}
