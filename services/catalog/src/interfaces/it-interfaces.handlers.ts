import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { DomainError, isUuid } from '@kitos/common';
import {
  CreateItInterfaceRequest,
  ItInterfaceDataWriteRequest,
  ListItInterfacesQuery,
  PatchItInterfaceRequest,
  Rpc,
  UpdateItInterfaceRequest,
  validateInto,
  validatePatch,
  type DeleteItInterfaceRpc,
  type GetItInterfaceRpc,
  ListRightsHolderItInterfacesQuery,
  RightsHolderCreateItInterfaceRequest,
  RightsHolderPutItInterfaceRequest,
  RightsHolderPatchItInterfaceRequest,
  DeactivateItInterfaceRequest,
  type ItInterfacePermissionsResponse,
  type ResourceCollectionPermissionsResponse,
  type PermissionsRpc,
  CollectionPermissionsQuery,
  type ItInterfaceDataRpc,
  type ItInterfaceDataRpcResult,
  type ItInterfaceResponse,
  type Page,
  type PatchItInterfaceRpc,
  type PutItInterfaceRpc,
} from '@kitos/contracts';
import { callerOf, uuidOf, type RpcRequest, expectedVersionOf } from '@kitos/platform';
import { ItInterfacesService } from './it-interfaces.service';

function dataUuidOf(data: unknown): string {
  const value = (data as { dataUuid?: unknown } | null)?.dataUuid;
  if (!isUuid(value)) throw DomainError.badInput('dataUuid must be a UUID', [{ field: 'dataUuid', message: 'dataUuid must be a UUID' }]);
  return value;
}

/** Request handlers of the IT-interface catalogue on the bus; every payload is validated again here. */
type RightsHolderWriteRpc = { uuid?: unknown; expectedVersion?: unknown; changes?: unknown; body?: unknown };

@Controller()
export class ItInterfacesHandlers {
  constructor(private readonly service: ItInterfacesService) {}

  @MessagePattern(Rpc.catalog.interfaces.create)
  create(@Payload() request: RpcRequest): Promise<ItInterfaceResponse> {
    return this.service.create(callerOf(request), validateInto(CreateItInterfaceRequest, request.data));
  }

  @MessagePattern(Rpc.catalog.interfaces.permissions)
  permissions(@Payload() request: RpcRequest<PermissionsRpc>): Promise<ItInterfacePermissionsResponse> {
    return this.service.permissions(callerOf(request), uuidOf(request.data));
  }

  @MessagePattern(Rpc.catalog.interfaces.collectionPermissions)
  collectionPermissions(@Payload() request: RpcRequest): Promise<ResourceCollectionPermissionsResponse> {
    return this.service.collectionPermissions(callerOf(request), validateInto(CollectionPermissionsQuery, request.data).organizationUuid);
  }

  @MessagePattern(Rpc.catalog.interfaces.rightsHolder.list)
  rightsHolderList(@Payload() request: RpcRequest): Promise<Page<ItInterfaceResponse>> {
    return this.service.rightsHolderList(callerOf(request), validateInto(ListRightsHolderItInterfacesQuery, request.data));
  }

  @MessagePattern(Rpc.catalog.interfaces.rightsHolder.get)
  rightsHolderGet(@Payload() request: RpcRequest<GetItInterfaceRpc>): Promise<ItInterfaceResponse> {
    return this.service.rightsHolderGet(callerOf(request), uuidOf(request.data));
  }

  @MessagePattern(Rpc.catalog.interfaces.rightsHolder.create)
  rightsHolderCreate(@Payload() request: RpcRequest): Promise<ItInterfaceResponse> {
    return this.service.rightsHolderCreate(callerOf(request), validateInto(RightsHolderCreateItInterfaceRequest, request.data));
  }

  @MessagePattern(Rpc.catalog.interfaces.rightsHolder.put)
  rightsHolderPut(@Payload() request: RpcRequest<RightsHolderWriteRpc>): Promise<ItInterfaceResponse> {
    const body = validateInto(RightsHolderPutItInterfaceRequest, request.data?.body);
    return this.service.rightsHolderPut(callerOf(request), uuidOf(request.data), body, expectedVersionOf(request.data));
  }

  @MessagePattern(Rpc.catalog.interfaces.rightsHolder.patch)
  rightsHolderPatch(@Payload() request: RpcRequest<RightsHolderWriteRpc>): Promise<ItInterfaceResponse> {
    const changes = validatePatch(RightsHolderPatchItInterfaceRequest, request.data?.changes);
    return this.service.rightsHolderPatch(callerOf(request), uuidOf(request.data), changes, expectedVersionOf(request.data));
  }

  @MessagePattern(Rpc.catalog.interfaces.rightsHolder.deactivate)
  async rightsHolderDeactivate(@Payload() request: RpcRequest<RightsHolderWriteRpc>): Promise<{ deactivated: true }> {
    validateInto(DeactivateItInterfaceRequest, request.data?.body);
    await this.service.rightsHolderDeactivate(callerOf(request), uuidOf(request.data), expectedVersionOf(request.data));
    return { deactivated: true };
  }

  @MessagePattern(Rpc.catalog.interfaces.get)
  get(@Payload() request: RpcRequest<GetItInterfaceRpc>): Promise<ItInterfaceResponse> {
    return this.service.get(callerOf(request), uuidOf(request.data));
  }

  @MessagePattern(Rpc.catalog.interfaces.list)
  list(@Payload() request: RpcRequest): Promise<Page<ItInterfaceResponse>> {
    return this.service.list(callerOf(request), validateInto(ListItInterfacesQuery, request.data));
  }

  @MessagePattern(Rpc.catalog.interfaces.put)
  put(@Payload() request: RpcRequest<PutItInterfaceRpc>): Promise<ItInterfaceResponse> {
    const caller = callerOf(request);
    const body = validateInto(UpdateItInterfaceRequest, request.data?.body);
    return this.service.put(caller, uuidOf(request.data), body, expectedVersionOf(request.data));
  }

  @MessagePattern(Rpc.catalog.interfaces.patch)
  patch(@Payload() request: RpcRequest<PatchItInterfaceRpc>): Promise<ItInterfaceResponse> {
    const caller = callerOf(request);
    const changes = validatePatch(PatchItInterfaceRequest, request.data?.changes);
    return this.service.patch(caller, uuidOf(request.data), changes, expectedVersionOf(request.data));
  }

  @MessagePattern(Rpc.catalog.interfaces.delete)
  async delete(@Payload() request: RpcRequest<DeleteItInterfaceRpc>): Promise<{ deleted: true }> {
    await this.service.delete(callerOf(request), uuidOf(request.data), expectedVersionOf(request.data));
    return { deleted: true };
  }

  @MessagePattern(Rpc.catalog.interfaces.addData)
  addData(@Payload() request: RpcRequest<ItInterfaceDataRpc>): Promise<ItInterfaceDataRpcResult> {
    const caller = callerOf(request);
    const body = validateInto(ItInterfaceDataWriteRequest, request.data?.body);
    return this.service.addDataRow(caller, uuidOf(request.data), body, expectedVersionOf(request.data));
  }

  @MessagePattern(Rpc.catalog.interfaces.putData)
  putData(@Payload() request: RpcRequest<ItInterfaceDataRpc>): Promise<ItInterfaceDataRpcResult> {
    const caller = callerOf(request);
    const body = validateInto(ItInterfaceDataWriteRequest, request.data?.body);
    return this.service.putDataRow(caller, uuidOf(request.data), dataUuidOf(request.data), body, expectedVersionOf(request.data));
  }

  @MessagePattern(Rpc.catalog.interfaces.deleteData)
  deleteData(@Payload() request: RpcRequest<ItInterfaceDataRpc>): Promise<{ revision: number }> {
    return this.service.deleteDataRow(callerOf(request), uuidOf(request.data), dataUuidOf(request.data), expectedVersionOf(request.data));
  }
}
