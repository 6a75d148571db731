import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  CollectionPermissionsQuery,
  CreateDataProcessingRegistrationRequest,
  DprGeneralWrite,
  DprOversightWrite,
  ListDataProcessingRegistrationsQuery,
  RoleHandoverCommand,
  OversightDatePatch,
  OversightDateWrite,
  Rpc,
  UpdateDataProcessingRegistrationRequest,
  sentOnly,
  validateInto,
  validatePatch,
  type DataProcessingRegistrationResponse,
  type HandedOverObject,
  type DeleteDataProcessingRegistrationRpc,
  type DprOversightDateRpc,
  type OversightDateResponse,
  type GetDataProcessingRegistrationRpc,
  type OverdueOversightResponse,
  type OverdueOversightsRpc,
  type Page,
  type ResourceCollectionPermissionsResponse,
  type ResourcePermissionsResponse,
  type UpdateDataProcessingRegistrationRpc,
} from '@kitos/contracts';
import { callerOf, organizationUuidOf, uuidOf, type RpcRequest, expectedVersionOf } from '@kitos/platform';
import { DprService } from './dpr.service';

/** A PATCH body as sent: the top-level properties and, inside general and oversight, only the properties present. */
function patchOf(raw: unknown): Partial<UpdateDataProcessingRegistrationRequest> {
  const validated = validateInto(UpdateDataProcessingRegistrationRequest, raw);
  const sent = sentOnly(raw, validated);
  const plain = raw as Record<string, unknown>;
  if (sent.general) sent.general = sentOnly(plain.general, sent.general) as DprGeneralWrite;
  if (sent.oversight) sent.oversight = sentOnly(plain.oversight, sent.oversight) as DprOversightWrite;
  return sent;
}

/** Request handlers of the data processing registrations on the bus; every payload is validated again here. */
@Controller()
export class DprHandlers {
  constructor(private readonly service: DprService) {}

  @MessagePattern(Rpc.gdpr.dpr.handoverRoles)
  handOverRoles(@Payload() request: RpcRequest): Promise<HandedOverObject[]> {
    return this.service.handOverRoles(callerOf(request), validateInto(RoleHandoverCommand, request.data));
  }

  @MessagePattern(Rpc.gdpr.dpr.create)
  create(@Payload() request: RpcRequest): Promise<DataProcessingRegistrationResponse> {
    return this.service.create(callerOf(request), validateInto(CreateDataProcessingRegistrationRequest, request.data));
  }

  @MessagePattern(Rpc.gdpr.dpr.get)
  get(@Payload() request: RpcRequest<GetDataProcessingRegistrationRpc>): Promise<DataProcessingRegistrationResponse> {
    return this.service.get(callerOf(request), uuidOf(request.data));
  }

  @MessagePattern(Rpc.gdpr.dpr.list)
  list(@Payload() request: RpcRequest): Promise<Page<DataProcessingRegistrationResponse>> {
    return this.service.list(callerOf(request), validateInto(ListDataProcessingRegistrationsQuery, request.data));
  }

  @MessagePattern(Rpc.gdpr.dpr.put)
  put(@Payload() request: RpcRequest<UpdateDataProcessingRegistrationRpc>): Promise<DataProcessingRegistrationResponse> {
    const caller = callerOf(request);
    const changes = validateInto(UpdateDataProcessingRegistrationRequest, request.data?.changes);
    return this.service.update(caller, uuidOf(request.data), changes, 'full', expectedVersionOf(request.data));
  }

  @MessagePattern(Rpc.gdpr.dpr.patch)
  patch(@Payload() request: RpcRequest<UpdateDataProcessingRegistrationRpc>): Promise<DataProcessingRegistrationResponse> {
    const caller = callerOf(request);
    return this.service.update(caller, uuidOf(request.data), patchOf(request.data?.changes), 'patch', expectedVersionOf(request.data));
  }

  @MessagePattern(Rpc.gdpr.dpr.delete)
  async delete(@Payload() request: RpcRequest<DeleteDataProcessingRegistrationRpc>): Promise<{ deleted: true }> {
    await this.service.delete(callerOf(request), uuidOf(request.data), expectedVersionOf(request.data));
    return { deleted: true };
  }

  @MessagePattern(Rpc.gdpr.dpr.permissions)
  permissions(@Payload() request: RpcRequest<GetDataProcessingRegistrationRpc>): Promise<ResourcePermissionsResponse> {
    return this.service.permissions(callerOf(request), uuidOf(request.data));
  }

  @MessagePattern(Rpc.gdpr.dpr.collectionPermissions)
  collectionPermissions(@Payload() request: RpcRequest): Promise<ResourceCollectionPermissionsResponse> {
    return this.service.collectionPermissions(callerOf(request), validateInto(CollectionPermissionsQuery, request.data).organizationUuid);
  }

  @MessagePattern(Rpc.gdpr.dpr.addOversightDate)
  addOversightDate(@Payload() request: RpcRequest<DprOversightDateRpc>): Promise<OversightDateResponse | null> {
    const date = validateInto(OversightDateWrite, request.data?.date);
    return this.service.changeOversightDate(
      callerOf(request),
      uuidOf(request.data),
      { kind: 'add', date },
      expectedVersionOf(request.data),
    );
  }

  @MessagePattern(Rpc.gdpr.dpr.patchOversightDate)
  patchOversightDate(@Payload() request: RpcRequest<DprOversightDateRpc>): Promise<OversightDateResponse | null> {
    const date = validatePatch(OversightDatePatch, request.data?.date);
    const dateUuid = uuidOf({ uuid: request.data?.oversightDateUuid });
    return this.service.changeOversightDate(
      callerOf(request),
      uuidOf(request.data),
      { kind: 'patch', dateUuid, date },
      expectedVersionOf(request.data),
    );
  }

  @MessagePattern(Rpc.gdpr.dpr.deleteOversightDate)
  async deleteOversightDate(@Payload() request: RpcRequest<DprOversightDateRpc>): Promise<{ deleted: true }> {
    const dateUuid = uuidOf({ uuid: request.data?.oversightDateUuid });
    await this.service.changeOversightDate(
      callerOf(request),
      uuidOf(request.data),
      { kind: 'delete', dateUuid },
      expectedVersionOf(request.data),
    );
    return { deleted: true };
  }

  @MessagePattern(Rpc.gdpr.dpr.overdueOversights)
  overdue(@Payload() request: RpcRequest<OverdueOversightsRpc>): Promise<OverdueOversightResponse[]> {
    return this.service.overdueOversights(callerOf(request), organizationUuidOf(request.data));
  }
}
