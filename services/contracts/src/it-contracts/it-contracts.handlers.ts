import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  CollectionPermissionsQuery,
  CreateItContractRequest,
  ExternalReferenceDataWriteRequest,
  ListItContractsQuery,
  OrganizationContractEconomyQuery,
  RoleHandoverCommand,
  Rpc,
  TransferItContractsRequest,
  UpdateItContractRequest,
  validateInto,
  validatePatch,
  type ContractExternalReferenceRpc,
  type DeleteItContractRpc,
  type HandedOverObject,
  type ExternalReferenceResponse,
  type ExternalReferenceResult,
  type GetItContractRpc,
  type ItContractResponse,
  type OrganizationContractEconomyResponse,
  type OrganizationContractEconomyRpc,
  type Page,
  type ResourceCollectionPermissionsResponse,
  type ResourcePermissionsResponse,
  type UpdateItContractRpc,
} from '@kitos/contracts';
import { callerOf, organizationUuidOf, uuidOf, type RpcRequest, expectedVersionOf } from '@kitos/platform';
import { ItContractsService } from './it-contracts.service';

/** Request handlers of the IT contracts on the bus; every payload is validated again here. */
@Controller()
export class ItContractsHandlers {
  constructor(private readonly service: ItContractsService) {}

  @MessagePattern(Rpc.contracts.itContracts.handoverRoles)
  handOverRoles(@Payload() request: RpcRequest): Promise<HandedOverObject[]> {
    return this.service.handOverRoles(callerOf(request), validateInto(RoleHandoverCommand, request.data));
  }

  @MessagePattern(Rpc.contracts.itContracts.create)
  create(@Payload() request: RpcRequest): Promise<ItContractResponse> {
    return this.service.create(callerOf(request), validateInto(CreateItContractRequest, request.data));
  }

  @MessagePattern(Rpc.contracts.itContracts.get)
  get(@Payload() request: RpcRequest<GetItContractRpc>): Promise<ItContractResponse> {
    return this.service.get(callerOf(request), uuidOf(request.data));
  }

  @MessagePattern(Rpc.contracts.itContracts.list)
  list(@Payload() request: RpcRequest): Promise<Page<ItContractResponse>> {
    return this.service.list(callerOf(request), validateInto(ListItContractsQuery, request.data));
  }

  @MessagePattern(Rpc.contracts.itContracts.put)
  put(@Payload() request: RpcRequest<UpdateItContractRpc>): Promise<ItContractResponse> {
    const caller = callerOf(request);
    const changes = validateInto(UpdateItContractRequest, request.data?.changes);
    return this.service.update(caller, uuidOf(request.data), changes, 'put', expectedVersionOf(request.data));
  }

  @MessagePattern(Rpc.contracts.itContracts.patch)
  patch(@Payload() request: RpcRequest<UpdateItContractRpc>): Promise<ItContractResponse> {
    const caller = callerOf(request);
    const changes = validatePatch(UpdateItContractRequest, request.data?.changes);
    return this.service.update(caller, uuidOf(request.data), changes, 'patch', expectedVersionOf(request.data));
  }

  @MessagePattern(Rpc.contracts.itContracts.delete)
  async delete(@Payload() request: RpcRequest<DeleteItContractRpc>): Promise<{ deleted: true }> {
    await this.service.delete(callerOf(request), uuidOf(request.data), expectedVersionOf(request.data), false);
    return { deleted: true };
  }

  @MessagePattern(Rpc.contracts.itContracts.deleteWithChildren)
  async deleteWithChildren(@Payload() request: RpcRequest<DeleteItContractRpc>): Promise<{ deleted: true }> {
    await this.service.delete(callerOf(request), uuidOf(request.data), expectedVersionOf(request.data), true);
    return { deleted: true };
  }

  @MessagePattern(Rpc.contracts.itContracts.transfer)
  transfer(@Payload() request: RpcRequest): Promise<ItContractResponse[]> {
    return this.service.transfer(callerOf(request), validateInto(TransferItContractsRequest, request.data));
  }

  @MessagePattern(Rpc.contracts.itContracts.permissions)
  permissions(@Payload() request: RpcRequest<GetItContractRpc>): Promise<ResourcePermissionsResponse> {
    return this.service.permissions(callerOf(request), uuidOf(request.data));
  }

  @MessagePattern(Rpc.contracts.itContracts.collectionPermissions)
  collectionPermissions(@Payload() request: RpcRequest): Promise<ResourceCollectionPermissionsResponse> {
    return this.service.collectionPermissions(callerOf(request), validateInto(CollectionPermissionsQuery, request.data).organizationUuid);
  }

  @MessagePattern(Rpc.contracts.itContracts.addExternalReference)
  addExternalReference(
    @Payload() request: RpcRequest<ContractExternalReferenceRpc>,
  ): Promise<ExternalReferenceResult<ExternalReferenceResponse | null>> {
    const reference = validateInto(ExternalReferenceDataWriteRequest, request.data?.body);
    return this.service.changeExternalReference(
      callerOf(request),
      uuidOf(request.data),
      { kind: 'add', reference },
      expectedVersionOf(request.data),
    );
  }

  @MessagePattern(Rpc.contracts.itContracts.replaceExternalReference)
  replaceExternalReference(
    @Payload() request: RpcRequest<ContractExternalReferenceRpc>,
  ): Promise<ExternalReferenceResult<ExternalReferenceResponse | null>> {
    const reference = validateInto(ExternalReferenceDataWriteRequest, request.data?.body);
    const referenceUuid = uuidOf({ uuid: request.data?.referenceUuid });
    return this.service.changeExternalReference(
      callerOf(request),
      uuidOf(request.data),
      { kind: 'replace', referenceUuid, reference },
      expectedVersionOf(request.data),
    );
  }

  @MessagePattern(Rpc.contracts.itContracts.deleteExternalReference)
  async deleteExternalReference(@Payload() request: RpcRequest<ContractExternalReferenceRpc>): Promise<{ deleted: true }> {
    const referenceUuid = uuidOf({ uuid: request.data?.referenceUuid });
    await this.service.changeExternalReference(
      callerOf(request),
      uuidOf(request.data),
      { kind: 'delete', referenceUuid },
      expectedVersionOf(request.data),
    );
    return { deleted: true };
  }

  @MessagePattern(Rpc.contracts.itContracts.organizationEconomy)
  organizationEconomy(@Payload() request: RpcRequest<OrganizationContractEconomyRpc>): Promise<OrganizationContractEconomyResponse> {
    const organizationUuid = organizationUuidOf(request.data);
    const { organizationUuid: _o, ...query } = request.data ?? ({} as OrganizationContractEconomyRpc);
    const validated = validateInto(OrganizationContractEconomyQuery, query);
    return this.service.organizationEconomy(callerOf(request), organizationUuid, validated.year);
  }
}
