import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  CreateDataProcessingRegistrationRequest,
  DprGeneralWrite,
  DprOversightWrite,
  ListDataProcessingRegistrationsQuery,
  RoleHandoverCommand,
  Rpc,
  UpdateDataProcessingRegistrationRequest,
  sentOnly,
  validateInto,
  type DataProcessingRegistrationResponse,
  type HandedOverObject,
  type DeleteDataProcessingRegistrationRpc,
  type GetDataProcessingRegistrationRpc,
  type OverdueOversightResponse,
  type OverdueOversightsRpc,
  type Page,
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

  @MessagePattern(Rpc.gdpr.dpr.overdueOversights)
  overdue(@Payload() request: RpcRequest<OverdueOversightsRpc>): Promise<OverdueOversightResponse[]> {
    return this.service.overdueOversights(callerOf(request), organizationUuidOf(request.data));
  }
}
