import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  CreateOrganizationRequest,
  ListOrganizationsQuery,
  PatchOrganizationRequest,
  Rpc,
  validateInto,
  validatePatch,
  type OrganizationResponse,
} from '@kitos/contracts';
import { callerOf, expectedVersionOf, uuidOf, type RpcRequest } from '@kitos/platform';
import { OrganizationsService } from './organizations.service';

@Controller()
export class OrganizationsHandlers {
  constructor(private readonly service: OrganizationsService) {}

  @MessagePattern(Rpc.identity.createOrganization)
  create(@Payload() request: RpcRequest): Promise<OrganizationResponse> {
    return this.service.create(callerOf(request), validateInto(CreateOrganizationRequest, request.data));
  }

  @MessagePattern(Rpc.identity.getOrganization)
  get(@Payload() request: RpcRequest): Promise<OrganizationResponse> {
    return this.service.get(callerOf(request), uuidOf(request.data));
  }

  @MessagePattern(Rpc.identity.listOrganizations)
  list(@Payload() request: RpcRequest): Promise<OrganizationResponse[]> {
    return this.service.list(callerOf(request), validateInto(ListOrganizationsQuery, request.data));
  }

  @MessagePattern(Rpc.identity.patchOrganization)
  patch(@Payload() request: RpcRequest<{ uuid?: unknown; changes?: unknown; expectedVersion?: unknown }>): Promise<OrganizationResponse> {
    const changes = validatePatch(PatchOrganizationRequest, request.data?.changes);
    return this.service.patch(callerOf(request), uuidOf(request.data), changes, expectedVersionOf(request.data));
  }

  @MessagePattern(Rpc.identity.deleteOrganization)
  async delete(@Payload() request: RpcRequest): Promise<{ deleted: true }> {
    await this.service.delete(callerOf(request), uuidOf(request.data), expectedVersionOf(request.data));
    return { deleted: true };
  }
}
