import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  CreateItSystemRequest,
  DeactivateItSystemRequest,
  ListItSystemsQuery,
  ListRightsHolderItSystemsQuery,
  PatchItSystemRequest,
  PutItSystemRequest,
  RightsHolderCreateItSystemRequest,
  RightsHolderPatchItSystemRequest,
  RightsHolderPutItSystemRequest,
  Rpc,
  validateInto,
  validatePatch,
  type DeleteItSystemRpc,
  type GetItSystemRpc,
  type ItSystemOrganizationResponse,
  ListRightsHolderOrganizationsQuery,
  ItSystemLegalNamesRequest,
  type ExternalReferenceRpc,
  type ExternalReferenceResult,
  type ItSystemExternalReferenceResponse,
  ItSystemExternalReferenceWriteRequest,
  type ItSystemPermissionsResponse,
  type ResourceCollectionPermissionsResponse,
  type PermissionsRpc,
  CollectionPermissionsQuery,
  type ItSystemHierarchyNodeResponse,
  type ItSystemResponse,
  type Page,
} from '@kitos/contracts';
import { callerOf, uuidOf, type RpcRequest, expectedVersionOf } from '@kitos/platform';
import { ItSystemsService } from './it-systems.service';

type WriteRpc = { uuid?: unknown; expectedVersion?: unknown; changes?: unknown; body?: unknown };

/** Request handlers of the IT-system catalogue and its rights-holder view on the bus; every payload is validated again here. */
@Controller()
export class ItSystemsHandlers {
  constructor(private readonly service: ItSystemsService) {}

  @MessagePattern(Rpc.catalog.createItSystem)
  create(@Payload() request: RpcRequest): Promise<ItSystemResponse> {
    return this.service.create(callerOf(request), validateInto(CreateItSystemRequest, request.data));
  }

  @MessagePattern(Rpc.catalog.itSystems.permissions)
  permissions(@Payload() request: RpcRequest<PermissionsRpc>): Promise<ItSystemPermissionsResponse> {
    return this.service.permissions(callerOf(request), uuidOf(request.data));
  }

  @MessagePattern(Rpc.catalog.itSystems.collectionPermissions)
  collectionPermissions(@Payload() request: RpcRequest): Promise<ResourceCollectionPermissionsResponse> {
    return this.service.collectionPermissions(callerOf(request), validateInto(CollectionPermissionsQuery, request.data).organizationUuid);
  }

  @MessagePattern(Rpc.catalog.itSystems.addReference)
  addReference(@Payload() request: RpcRequest<ExternalReferenceRpc>): Promise<ExternalReferenceResult<ItSystemExternalReferenceResponse>> {
    const body = validateInto(ItSystemExternalReferenceWriteRequest, request.data?.body);
    return this.service.addReference(callerOf(request), uuidOf(request.data), body, expectedVersionOf(request.data));
  }

  @MessagePattern(Rpc.catalog.itSystems.putReference)
  putReference(@Payload() request: RpcRequest<ExternalReferenceRpc>): Promise<ExternalReferenceResult<ItSystemExternalReferenceResponse>> {
    const body = validateInto(ItSystemExternalReferenceWriteRequest, request.data?.body);
    const referenceUuid = uuidOf({ uuid: request.data?.referenceUuid });
    return this.service.putReference(callerOf(request), uuidOf(request.data), referenceUuid, body, expectedVersionOf(request.data));
  }

  @MessagePattern(Rpc.catalog.itSystems.deleteReference)
  async deleteReference(@Payload() request: RpcRequest<ExternalReferenceRpc>): Promise<{ deleted: true }> {
    const referenceUuid = uuidOf({ uuid: request.data?.referenceUuid });
    await this.service.deleteReference(callerOf(request), uuidOf(request.data), referenceUuid, expectedVersionOf(request.data));
    return { deleted: true };
  }

  @MessagePattern(Rpc.catalog.getItSystem)
  get(@Payload() request: RpcRequest<GetItSystemRpc>): Promise<ItSystemResponse> {
    return this.service.get(callerOf(request), uuidOf(request.data));
  }

  @MessagePattern(Rpc.catalog.listItSystems)
  list(@Payload() request: RpcRequest): Promise<Page<ItSystemResponse>> {
    return this.service.list(callerOf(request), validateInto(ListItSystemsQuery, request.data));
  }

  @MessagePattern(Rpc.catalog.itSystems.put)
  put(@Payload() request: RpcRequest<WriteRpc>): Promise<ItSystemResponse> {
    const body = validateInto(PutItSystemRequest, request.data?.body);
    return this.service.put(callerOf(request), uuidOf(request.data), body, expectedVersionOf(request.data));
  }

  @MessagePattern(Rpc.catalog.patchItSystem)
  patch(@Payload() request: RpcRequest<WriteRpc>): Promise<ItSystemResponse> {
    const changes = validatePatch(PatchItSystemRequest, request.data?.changes);
    return this.service.patch(callerOf(request), uuidOf(request.data), changes, expectedVersionOf(request.data));
  }

  @MessagePattern(Rpc.catalog.deleteItSystem)
  async delete(@Payload() request: RpcRequest<DeleteItSystemRpc>): Promise<{ deleted: true }> {
    await this.service.delete(callerOf(request), uuidOf(request.data), expectedVersionOf(request.data));
    return { deleted: true };
  }

  @MessagePattern(Rpc.catalog.itSystems.hierarchy)
  hierarchy(@Payload() request: RpcRequest<GetItSystemRpc>): Promise<ItSystemHierarchyNodeResponse[]> {
    return this.service.hierarchy(callerOf(request), uuidOf(request.data));
  }

  @MessagePattern(Rpc.catalog.itSystems.rightsHolder.list)
  rightsHolderList(@Payload() request: RpcRequest): Promise<Page<ItSystemResponse>> {
    return this.service.rightsHolderList(callerOf(request), validateInto(ListRightsHolderItSystemsQuery, request.data));
  }

  @MessagePattern(Rpc.catalog.itSystems.patchLegalNames)
  async patchLegalNames(@Payload() request: RpcRequest<WriteRpc>): Promise<{ updated: true }> {
    const changes = validatePatch(ItSystemLegalNamesRequest, request.data?.changes);
    await this.service.patchLegalNames(callerOf(request), uuidOf(request.data), changes, expectedVersionOf(request.data));
    return { updated: true };
  }

  @MessagePattern(Rpc.catalog.itSystems.rightsHolder.organizations)
  rightsHolderOrganizations(@Payload() request: RpcRequest): Promise<Page<ItSystemOrganizationResponse>> {
    return this.service.rightsHolderOrganizationList(callerOf(request), validateInto(ListRightsHolderOrganizationsQuery, request.data));
  }

  @MessagePattern(Rpc.catalog.itSystems.rightsHolder.get)
  rightsHolderGet(@Payload() request: RpcRequest<GetItSystemRpc>): Promise<ItSystemResponse> {
    return this.service.rightsHolderGet(callerOf(request), uuidOf(request.data));
  }

  @MessagePattern(Rpc.catalog.itSystems.rightsHolder.create)
  rightsHolderCreate(@Payload() request: RpcRequest): Promise<ItSystemResponse> {
    return this.service.rightsHolderCreate(callerOf(request), validateInto(RightsHolderCreateItSystemRequest, request.data));
  }

  @MessagePattern(Rpc.catalog.itSystems.rightsHolder.put)
  rightsHolderPut(@Payload() request: RpcRequest<WriteRpc>): Promise<ItSystemResponse> {
    const body = validateInto(RightsHolderPutItSystemRequest, request.data?.body);
    return this.service.rightsHolderPut(callerOf(request), uuidOf(request.data), body, expectedVersionOf(request.data));
  }

  @MessagePattern(Rpc.catalog.itSystems.rightsHolder.patch)
  rightsHolderPatch(@Payload() request: RpcRequest<WriteRpc>): Promise<ItSystemResponse> {
    const changes = validatePatch(RightsHolderPatchItSystemRequest, request.data?.changes);
    return this.service.rightsHolderPatch(callerOf(request), uuidOf(request.data), changes, expectedVersionOf(request.data));
  }

  @MessagePattern(Rpc.catalog.itSystems.rightsHolder.deactivate)
  deactivate(@Payload() request: RpcRequest<WriteRpc>): Promise<ItSystemResponse> {
    const body = validateInto(DeactivateItSystemRequest, request.data?.body);
    return this.service.deactivate(callerOf(request), uuidOf(request.data), body, expectedVersionOf(request.data));
  }
}
