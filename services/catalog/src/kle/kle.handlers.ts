import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  KleImportRpc,
  KleTreeQuery,
  ListKleOptionsQuery,
  Rpc,
  validateInto,
  type GetKleOptionRpc,
  type KleImportPreviewResponse,
  type KleImportRefRpc,
  type KleOptionDetailsResponse,
  type KleOptionResponse,
  type KleTreeResponse,
  type Page,
} from '@kitos/contracts';
import { callerOf, uuidOf, type RpcRequest } from '@kitos/platform';
import { KleService } from './kle.service';

/** Request handlers of KLE on the bus; every payload is validated again here. */
@Controller()
export class KleHandlers {
  constructor(private readonly service: KleService) {}

  @MessagePattern(Rpc.catalog.kle.list)
  list(@Payload() request: RpcRequest): Promise<Page<KleOptionResponse>> {
    return this.service.list(callerOf(request), validateInto(ListKleOptionsQuery, request.data));
  }

  @MessagePattern(Rpc.catalog.kle.get)
  get(@Payload() request: RpcRequest<GetKleOptionRpc>): Promise<KleOptionDetailsResponse> {
    return this.service.get(callerOf(request), uuidOf(request.data));
  }

  @MessagePattern(Rpc.catalog.kle.tree)
  tree(@Payload() request: RpcRequest): Promise<KleTreeResponse> {
    return this.service.tree(callerOf(request), validateInto(KleTreeQuery, request.data));
  }

  @MessagePattern(Rpc.catalog.kle.previewImport)
  previewImport(@Payload() request: RpcRequest): Promise<KleImportPreviewResponse> {
    const caller = callerOf(request);
    return this.service.previewImport(caller, validateInto(KleImportRpc, request.data).xml);
  }

  @MessagePattern(Rpc.catalog.kle.getImport)
  getImport(@Payload() request: RpcRequest<KleImportRefRpc>): Promise<KleImportPreviewResponse> {
    return this.service.getImport(callerOf(request), uuidOf(request.data));
  }

  @MessagePattern(Rpc.catalog.kle.applyImport)
  applyImport(@Payload() request: RpcRequest<KleImportRefRpc>): Promise<KleImportPreviewResponse> {
    return this.service.applyImport(callerOf(request), uuidOf(request.data));
  }
}
