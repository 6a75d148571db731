import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { DomainError, isUuid } from '@kitos/common';
import {
  PatchSystemRelationRequest,
  Rpc,
  SystemRelationGraphQuery,
  SystemRelationWriteRequest,
  validateInto,
  validatePatch,
  type CreateSystemRelationRpc,
  type DeleteSystemRelationRpc,
  type IncomingSystemRelationResponse,
  type OutgoingSystemRelationResponse,
  type PatchSystemRelationRpc,
  type PutSystemRelationRpc,
  type SystemRelationGraphResponse,
  type SystemRelationGraphRpc,
  type SystemRelationRpc,
  type SystemRelationsOfUsageRpc,
} from '@kitos/contracts';
import { callerOf, organizationUuidOf, type RpcRequest, expectedVersionOf } from '@kitos/platform';
import { SystemRelationsService } from './system-relations.service';

function uuidAt(data: unknown, field: string): string {
  const value = (data as Record<string, unknown> | null)?.[field];
  if (!isUuid(value)) throw DomainError.badInput(`${field} must be a UUID`, [{ field, message: `${field} must be a UUID` }]);
  return value;
}

/** Request handlers of system relations on the bus; every payload is validated again here. */
@Controller()
export class SystemRelationsHandlers {
  constructor(private readonly service: SystemRelationsService) {}

  @MessagePattern(Rpc.catalog.relations.create)
  create(@Payload() request: RpcRequest<CreateSystemRelationRpc>): Promise<OutgoingSystemRelationResponse> {
    const caller = callerOf(request);
    const relation = validateInto(SystemRelationWriteRequest, request.data?.relation);
    const chosen = request.data?.uuid === undefined ? undefined : uuidAt(request.data, 'uuid');
    return this.service.create(caller, uuidAt(request.data, 'usageUuid'), relation, chosen);
  }

  @MessagePattern(Rpc.catalog.relations.get)
  get(@Payload() request: RpcRequest<SystemRelationRpc>): Promise<OutgoingSystemRelationResponse> {
    return this.service.get(callerOf(request), uuidAt(request.data, 'usageUuid'), uuidAt(request.data, 'relationUuid'));
  }

  @MessagePattern(Rpc.catalog.relations.listOutgoing)
  listOutgoing(@Payload() request: RpcRequest<SystemRelationsOfUsageRpc>): Promise<OutgoingSystemRelationResponse[]> {
    return this.service.listOutgoing(callerOf(request), uuidAt(request.data, 'usageUuid'));
  }

  @MessagePattern(Rpc.catalog.relations.listIncoming)
  listIncoming(@Payload() request: RpcRequest<SystemRelationsOfUsageRpc>): Promise<IncomingSystemRelationResponse[]> {
    return this.service.listIncoming(callerOf(request), uuidAt(request.data, 'usageUuid'));
  }

  @MessagePattern(Rpc.catalog.relations.put)
  put(@Payload() request: RpcRequest<PutSystemRelationRpc>): Promise<OutgoingSystemRelationResponse> {
    const caller = callerOf(request);
    const relation = validateInto(SystemRelationWriteRequest, request.data?.relation);
    const data = request.data;
    return this.service.put(caller, uuidAt(data, 'usageUuid'), uuidAt(data, 'relationUuid'), relation, expectedVersionOf(data));
  }

  @MessagePattern(Rpc.catalog.relations.patch)
  patch(@Payload() request: RpcRequest<PatchSystemRelationRpc>): Promise<OutgoingSystemRelationResponse> {
    const caller = callerOf(request);
    const changes = validatePatch(PatchSystemRelationRequest, request.data?.changes);
    const data = request.data;
    return this.service.patch(caller, uuidAt(data, 'usageUuid'), uuidAt(data, 'relationUuid'), changes, expectedVersionOf(data));
  }

  @MessagePattern(Rpc.catalog.relations.delete)
  async delete(@Payload() request: RpcRequest<DeleteSystemRelationRpc>): Promise<{ deleted: true }> {
    const data = request.data;
    await this.service.delete(callerOf(request), uuidAt(data, 'usageUuid'), uuidAt(data, 'relationUuid'), expectedVersionOf(data));
    return { deleted: true };
  }

  @MessagePattern(Rpc.catalog.relations.graph)
  graph(@Payload() request: RpcRequest<SystemRelationGraphRpc>): Promise<SystemRelationGraphResponse> {
    const caller = callerOf(request);
    const { organizationUuid: _o, ...query } = request.data ?? ({} as SystemRelationGraphRpc);
    return this.service.graph(caller, organizationUuidOf(request.data), validateInto(SystemRelationGraphQuery, query));
  }
}
