import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { DomainError } from '@kitos/common';
import {
  CreateItSystemRequest,
  ListItSystemsQuery,
  PatchItSystemRequest,
  Rpc,
  validateInto,
  validatePatch,
  type DeleteItSystemRpc,
  type GetItSystemRpc,
  type ItSystemResponse,
  type Page,
  type PatchItSystemRpc,
} from '@kitos/contracts';
import { callerOf, uuidOf, type RpcRequest } from '@kitos/platform';
import { ItSystemsService } from './it-systems.service';

function versionOf(data: unknown): number | undefined {
  const version = (data as { expectedVersion?: unknown } | null)?.expectedVersion;
  if (version === undefined || version === null) return undefined;
  if (!Number.isInteger(version) || (version as number) < 1) throw DomainError.badInput('expectedVersion must be a positive integer');
  return version as number;
}

/** Request handlers of the IT-system catalogue on the bus; every payload is validated again here. */
@Controller()
export class ItSystemsHandlers {
  constructor(private readonly service: ItSystemsService) {}

  @MessagePattern(Rpc.catalog.createItSystem)
  create(@Payload() request: RpcRequest): Promise<ItSystemResponse> {
    return this.service.create(callerOf(request), validateInto(CreateItSystemRequest, request.data));
  }

  @MessagePattern(Rpc.catalog.getItSystem)
  get(@Payload() request: RpcRequest<GetItSystemRpc>): Promise<ItSystemResponse> {
    return this.service.get(callerOf(request), uuidOf(request.data));
  }

  @MessagePattern(Rpc.catalog.listItSystems)
  list(@Payload() request: RpcRequest): Promise<Page<ItSystemResponse>> {
    return this.service.list(callerOf(request), validateInto(ListItSystemsQuery, request.data));
  }

  @MessagePattern(Rpc.catalog.patchItSystem)
  patch(@Payload() request: RpcRequest<PatchItSystemRpc>): Promise<ItSystemResponse> {
    const caller = callerOf(request);
    const changes = validatePatch(PatchItSystemRequest, request.data?.changes);
    return this.service.patch(caller, uuidOf(request.data), changes, versionOf(request.data));
  }

  @MessagePattern(Rpc.catalog.deleteItSystem)
  async delete(@Payload() request: RpcRequest<DeleteItSystemRpc>): Promise<{ deleted: true }> {
    await this.service.delete(callerOf(request), uuidOf(request.data), versionOf(request.data));
    return { deleted: true };
  }
}
