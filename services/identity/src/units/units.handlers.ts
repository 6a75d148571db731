import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  CreateOrganizationUnitRequest,
  ImportOrganizationUnitsRequest,
  ListOrganizationUnitsQuery,
  PatchOrganizationUnitRequest,
  Rpc,
  validateInto,
  validatePatch,
  type ImportOrganizationUnitsResponse,
  type OrganizationUnitResponse,
} from '@kitos/contracts';
import { callerOf, expectedVersionOf, organizationUuidOf, uuidOf, type RpcRequest } from '@kitos/platform';
import { UnitsService } from './units.service';

type UnitData = { organizationUuid?: unknown; uuid?: unknown; body?: unknown; expectedVersion?: unknown };

@Controller()
export class UnitsHandlers {
  constructor(private readonly units: UnitsService) {}

  @MessagePattern(Rpc.identity.listUnits)
  list(@Payload() request: RpcRequest<UnitData>): Promise<OrganizationUnitResponse[]> {
    const organizationUuid = organizationUuidOf(request.data);
    const { organizationUuid: _o, ...query } = request.data ?? {};
    return this.units.list(callerOf(request), organizationUuid, validateInto(ListOrganizationUnitsQuery, query));
  }

  @MessagePattern(Rpc.identity.getUnit)
  get(@Payload() request: RpcRequest<UnitData>): Promise<OrganizationUnitResponse> {
    return this.units.get(callerOf(request), organizationUuidOf(request.data), uuidOf(request.data));
  }

  @MessagePattern(Rpc.identity.createUnit)
  create(@Payload() request: RpcRequest<UnitData>): Promise<OrganizationUnitResponse> {
    return this.units.create(
      callerOf(request),
      organizationUuidOf(request.data),
      validateInto(CreateOrganizationUnitRequest, request.data?.body),
    );
  }

  @MessagePattern(Rpc.identity.patchUnit)
  patch(@Payload() request: RpcRequest<UnitData>): Promise<OrganizationUnitResponse> {
    const changes = validatePatch(PatchOrganizationUnitRequest, request.data?.body);
    return this.units.patch(
      callerOf(request),
      organizationUuidOf(request.data),
      uuidOf(request.data),
      changes,
      expectedVersionOf(request.data),
    );
  }

  @MessagePattern(Rpc.identity.deleteUnit)
  async delete(@Payload() request: RpcRequest<UnitData>): Promise<{ deleted: true }> {
    await this.units.delete(callerOf(request), organizationUuidOf(request.data), uuidOf(request.data), expectedVersionOf(request.data));
    return { deleted: true };
  }

  @MessagePattern(Rpc.identity.importUnits)
  import(@Payload() request: RpcRequest<UnitData>): Promise<ImportOrganizationUnitsResponse> {
    return this.units.import(
      callerOf(request),
      organizationUuidOf(request.data),
      validateInto(ImportOrganizationUnitsRequest, request.data?.body),
    );
  }
}
