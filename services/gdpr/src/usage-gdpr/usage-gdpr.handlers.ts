import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  Rpc,
  UsageGdprWriteRequest,
  validateInto,
  validatePatch,
  type GetUsageGdprRpc,
  type UpdateUsageGdprRpc,
  type UsageGdprResponse,
} from '@kitos/contracts';
import { callerOf, uuidOf, type RpcRequest, expectedVersionOf } from '@kitos/platform';
import { UsageGdprService } from './usage-gdpr.service';

/** Request handlers of the usages' GDPR profiles; every payload is validated again here. */
@Controller()
export class UsageGdprHandlers {
  constructor(private readonly service: UsageGdprService) {}

  @MessagePattern(Rpc.gdpr.compliance.usageGdpr.get)
  get(@Payload() request: RpcRequest<GetUsageGdprRpc>): Promise<UsageGdprResponse> {
    return this.service.get(callerOf(request), uuidOf(request.data));
  }

  @MessagePattern(Rpc.gdpr.compliance.usageGdpr.put)
  put(@Payload() request: RpcRequest<UpdateUsageGdprRpc>): Promise<UsageGdprResponse> {
    const caller = callerOf(request);
    const changes = validateInto(UsageGdprWriteRequest, request.data?.changes);
    return this.service.update(caller, uuidOf(request.data), changes, 'put', expectedVersionOf(request.data, 0));
  }

  @MessagePattern(Rpc.gdpr.compliance.usageGdpr.patch)
  patch(@Payload() request: RpcRequest<UpdateUsageGdprRpc>): Promise<UsageGdprResponse> {
    const caller = callerOf(request);
    const changes = validatePatch(UsageGdprWriteRequest, request.data?.changes);
    return this.service.update(caller, uuidOf(request.data), changes, 'patch', expectedVersionOf(request.data, 0));
  }
}
