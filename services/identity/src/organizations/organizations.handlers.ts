import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { CreateOrganizationRequest, ListOrganizationsQuery, Rpc, validateInto, type OrganizationResponse } from '@kitos/contracts';
import { callerOf, uuidOf, type RpcRequest } from '@kitos/platform';
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

  @MessagePattern(Rpc.identity.deleteOrganization)
  async delete(@Payload() request: RpcRequest): Promise<{ deleted: true }> {
    await this.service.delete(callerOf(request), uuidOf(request.data));
    return { deleted: true };
  }
}
