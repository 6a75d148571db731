import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  CreateProcessingActivityRequest,
  ListProcessingActivitiesQuery,
  PatchProcessingActivityRequest,
  ProcessingActivityWrite,
  Rpc,
  validateInto,
  validatePatch,
  type GetProcessingActivityRpc,
  type Page,
  type ProcessingActivityResponse,
  type UpdateProcessingActivityRpc,
} from '@kitos/contracts';
import { callerOf, uuidOf, type RpcRequest, expectedVersionOf } from '@kitos/platform';
import { ProcessingActivitiesService } from './processing-activities.service';

/** Request handlers of processing activities; every payload is validated again here. */
@Controller()
export class ProcessingActivitiesHandlers {
  constructor(private readonly service: ProcessingActivitiesService) {}

  @MessagePattern(Rpc.gdpr.compliance.activities.create)
  create(@Payload() request: RpcRequest): Promise<ProcessingActivityResponse> {
    return this.service.create(callerOf(request), validateInto(CreateProcessingActivityRequest, request.data));
  }

  @MessagePattern(Rpc.gdpr.compliance.activities.get)
  get(@Payload() request: RpcRequest<GetProcessingActivityRpc>): Promise<ProcessingActivityResponse> {
    return this.service.get(callerOf(request), uuidOf(request.data));
  }

  @MessagePattern(Rpc.gdpr.compliance.activities.list)
  list(@Payload() request: RpcRequest): Promise<Page<ProcessingActivityResponse>> {
    return this.service.list(callerOf(request), validateInto(ListProcessingActivitiesQuery, request.data));
  }

  @MessagePattern(Rpc.gdpr.compliance.activities.put)
  put(@Payload() request: RpcRequest<UpdateProcessingActivityRpc>): Promise<ProcessingActivityResponse> {
    const changes = validateInto(ProcessingActivityWrite, request.data?.changes);
    return this.service.update(callerOf(request), uuidOf(request.data), changes, 'put', expectedVersionOf(request.data, 0));
  }

  @MessagePattern(Rpc.gdpr.compliance.activities.patch)
  patch(@Payload() request: RpcRequest<UpdateProcessingActivityRpc>): Promise<ProcessingActivityResponse> {
    const changes = validatePatch(PatchProcessingActivityRequest, request.data?.changes) as Partial<ProcessingActivityWrite>;
    return this.service.update(callerOf(request), uuidOf(request.data), changes, 'patch', expectedVersionOf(request.data, 0));
  }

  @MessagePattern(Rpc.gdpr.compliance.activities.delete)
  async delete(@Payload() request: RpcRequest<UpdateProcessingActivityRpc>): Promise<{ deleted: true }> {
    await this.service.delete(callerOf(request), uuidOf(request.data), expectedVersionOf(request.data, 0));
    return { deleted: true };
  }
}
