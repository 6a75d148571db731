import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { DomainError, requireUser } from '@kitos/common';
import {
  CreateOptionTypeRequest,
  GetAvailableOptionRpc,
  ListAvailableOptionsRpc,
  OPTION_TYPE_KINDS,
  OptionNamesRpc,
  PatchLocalOptionTypeRequest,
  PatchOptionTypeRequest,
  RequireAvailableOptionsRpc,
  Rpc,
  validateInto,
  validatePatch,
  type AvailableOptionTypeResponse,
  type CreateGlobalOptionRpc,
  type GlobalOptionRpc,
  type GlobalOptionTypeResponse,
  type LocalOptionRpc,
  type LocalOptionTypeResponse,
  type LocalOptionsRpc,
  type OptionKindRpc,
  type OptionRef,
  type OptionTypeKind,
  type OptionTypeResponse,
  type Page,
  type PatchGlobalOptionRpc,
  type PatchLocalOptionRpc,
} from '@kitos/contracts';
import { callerOf, organizationUuidOf, uuidOf, type RpcRequest, expectedVersionOf } from '@kitos/platform';
import { OptionsService } from './options.service';

function kindOf(data: unknown): OptionTypeKind {
  const kind = (data as { kind?: unknown } | null)?.kind;
  if (!(OPTION_TYPE_KINDS as readonly unknown[]).includes(kind))
    throw DomainError.badInput(`kind must be one of ${OPTION_TYPE_KINDS.join(', ')}`, [{ field: 'kind', message: 'unknown option type' }]);
  return kind as OptionTypeKind;
}

/** Option types on the bus: the gateway's reads and administration, and the questions other services ask. */
@Controller()
export class OptionsHandlers {
  constructor(private readonly service: OptionsService) {}

  @MessagePattern(Rpc.catalog.options.list)
  list(@Payload() request: RpcRequest): Promise<Page<OptionTypeResponse>> {
    const query = validateInto(ListAvailableOptionsRpc, request.data);
    return this.service.listAvailable(callerOf(request), query.kind, query.organizationUuid, query);
  }

  @MessagePattern(Rpc.catalog.options.get)
  get(@Payload() request: RpcRequest): Promise<AvailableOptionTypeResponse> {
    const query = validateInto(GetAvailableOptionRpc, request.data);
    return this.service.getAvailable(callerOf(request), query.kind, query.organizationUuid, query.uuid);
  }

  @MessagePattern(Rpc.catalog.options.requireAvailable)
  requireAvailable(@Payload() request: RpcRequest): Promise<OptionRef[]> {
    requireUser(callerOf(request));
    const query = validateInto(RequireAvailableOptionsRpc, request.data);
    return this.service.requireAvailable(query.kind, query.organizationUuid, query.refs);
  }

  @MessagePattern(Rpc.catalog.options.names)
  names(@Payload() request: RpcRequest): Promise<OptionRef[]> {
    requireUser(callerOf(request));
    const query = validateInto(OptionNamesRpc, request.data);
    return this.service.names(query.kind, query.uuids);
  }

  @MessagePattern(Rpc.catalog.options.listGlobal)
  listGlobal(@Payload() request: RpcRequest<OptionKindRpc>): Promise<GlobalOptionTypeResponse[]> {
    return this.service.listGlobal(callerOf(request), kindOf(request.data));
  }

  @MessagePattern(Rpc.catalog.options.getGlobal)
  getGlobal(@Payload() request: RpcRequest<GlobalOptionRpc>): Promise<GlobalOptionTypeResponse> {
    return this.service.getGlobal(callerOf(request), kindOf(request.data), uuidOf(request.data));
  }

  @MessagePattern(Rpc.catalog.options.createGlobal)
  createGlobal(@Payload() request: RpcRequest<CreateGlobalOptionRpc>): Promise<GlobalOptionTypeResponse> {
    const kind = kindOf(request.data);
    return this.service.createGlobal(callerOf(request), kind, validateInto(CreateOptionTypeRequest, request.data?.option));
  }

  @MessagePattern(Rpc.catalog.options.patchGlobal)
  patchGlobal(@Payload() request: RpcRequest<PatchGlobalOptionRpc>): Promise<GlobalOptionTypeResponse> {
    const kind = kindOf(request.data);
    const changes = validatePatch(PatchOptionTypeRequest, request.data?.changes);
    return this.service.patchGlobal(callerOf(request), kind, uuidOf(request.data), changes, expectedVersionOf(request.data));
  }

  @MessagePattern(Rpc.catalog.options.listLocal)
  listLocal(@Payload() request: RpcRequest<LocalOptionsRpc>): Promise<LocalOptionTypeResponse[]> {
    return this.service.listLocal(callerOf(request), kindOf(request.data), organizationUuidOf(request.data));
  }

  @MessagePattern(Rpc.catalog.options.getLocal)
  getLocal(@Payload() request: RpcRequest<LocalOptionRpc>): Promise<LocalOptionTypeResponse> {
    return this.service.getLocal(callerOf(request), kindOf(request.data), organizationUuidOf(request.data), uuidOf(request.data));
  }

  @MessagePattern(Rpc.catalog.options.patchLocal)
  patchLocal(@Payload() request: RpcRequest<PatchLocalOptionRpc>): Promise<LocalOptionTypeResponse> {
    const kind = kindOf(request.data);
    const changes = validatePatch(PatchLocalOptionTypeRequest, request.data?.changes);
    return this.service.patchLocal(
      callerOf(request),
      kind,
      organizationUuidOf(request.data),
      uuidOf(request.data),
      changes,
      expectedVersionOf(request.data, 0),
    );
  }
}
