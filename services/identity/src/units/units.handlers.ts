import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { DomainError, isUuid } from '@kitos/common';
import {
  CreateOrganizationUnitRequest,
  ImportOrganizationUnitsRequest,
  PatchOrganizationUnitRequest,
  Rpc,
  validateInto,
  type ImportOrganizationUnitsResponse,
  type OrganizationUnitResponse,
} from '@kitos/contracts';
import { callerOf, uuidOf, type RpcRequest } from '@kitos/platform';
import { UnitsService } from './units.service';

type UnitData = { organizationUuid?: unknown; uuid?: unknown; body?: unknown; nameQuery?: unknown };

function organizationOf(data: UnitData | undefined): string {
  if (!isUuid(data?.organizationUuid))
    throw DomainError.badInput('organizationUuid must be a UUID', [{ field: 'organizationUuid', message: 'must be a UUID' }]);
  return data.organizationUuid;
}

@Controller()
export class UnitsHandlers {
  constructor(private readonly units: UnitsService) {}

  @MessagePattern(Rpc.identity.listUnits)
  list(@Payload() request: RpcRequest<UnitData>): Promise<OrganizationUnitResponse[]> {
    const nameQuery = typeof request.data?.nameQuery === 'string' ? request.data.nameQuery : undefined;
    return this.units.list(callerOf(request), organizationOf(request.data), nameQuery);
  }

  @MessagePattern(Rpc.identity.getUnit)
  get(@Payload() request: RpcRequest<UnitData>): Promise<OrganizationUnitResponse> {
    return this.units.get(callerOf(request), organizationOf(request.data), uuidOf(request.data));
  }

  @MessagePattern(Rpc.identity.createUnit)
  create(@Payload() request: RpcRequest<UnitData>): Promise<OrganizationUnitResponse> {
    return this.units.create(
      callerOf(request),
      organizationOf(request.data),
      validateInto(CreateOrganizationUnitRequest, request.data?.body),
    );
  }

  @MessagePattern(Rpc.identity.patchUnit)
  patch(@Payload() request: RpcRequest<UnitData>): Promise<OrganizationUnitResponse> {
    const body = validateInto(PatchOrganizationUnitRequest, request.data?.body);
    const sent = Object.fromEntries(
      Object.keys(request.data?.body as object).map((k) => [k, body[k as keyof PatchOrganizationUnitRequest]]),
    );
    return this.units.patch(callerOf(request), organizationOf(request.data), uuidOf(request.data), sent);
  }

  @MessagePattern(Rpc.identity.deleteUnit)
  async delete(@Payload() request: RpcRequest<UnitData>): Promise<{ deleted: true }> {
    await this.units.delete(callerOf(request), organizationOf(request.data), uuidOf(request.data));
    return { deleted: true };
  }

  @MessagePattern(Rpc.identity.importUnits)
  import(@Payload() request: RpcRequest<UnitData>): Promise<ImportOrganizationUnitsResponse> {
    return this.units.import(
      callerOf(request),
      organizationOf(request.data),
      validateInto(ImportOrganizationUnitsRequest, request.data?.body),
    );
  }
}
