import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  CreateReminderRequest,
  ListAlertsQuery,
  ListRemindersQuery,
  PatchReminderRequest,
  ReminderSettingsRequest,
  Rpc,
  validateInto,
  validatePatch,
  type AlertResponse,
  type ReminderDeliveryResponse,
  type ReminderResponse,
  type ReminderSettingsResponse,
} from '@kitos/contracts';
import { callerOf, organizationUuidOf, uuidOf, type RpcRequest, expectedVersionOf } from '@kitos/platform';
import { RemindersService } from './reminders.service';

/** Request handlers of the reminders, their settings and alerts on the bus; every payload is validated again here. */
@Controller()
export class RemindersHandlers {
  constructor(private readonly service: RemindersService) {}

  @MessagePattern(Rpc.contracts.reminders.create)
  create(@Payload() request: RpcRequest): Promise<ReminderResponse> {
    return this.service.create(callerOf(request), validateInto(CreateReminderRequest, request.data));
  }

  @MessagePattern(Rpc.contracts.reminders.get)
  get(@Payload() request: RpcRequest): Promise<ReminderResponse> {
    return this.service.get(callerOf(request), uuidOf(request.data));
  }

  @MessagePattern(Rpc.contracts.reminders.list)
  list(@Payload() request: RpcRequest): Promise<ReminderResponse[]> {
    return this.service.list(callerOf(request), validateInto(ListRemindersQuery, request.data ?? {}));
  }

  @MessagePattern(Rpc.contracts.reminders.patch)
  patch(@Payload() request: RpcRequest<{ changes?: unknown }>): Promise<ReminderResponse> {
    const changes = validatePatch(PatchReminderRequest, request.data?.changes ?? {});
    return this.service.patch(callerOf(request), uuidOf(request.data), expectedVersionOf(request.data), changes);
  }

  @MessagePattern(Rpc.contracts.reminders.deactivate)
  deactivate(@Payload() request: RpcRequest): Promise<ReminderResponse> {
    return this.service.deactivate(callerOf(request), uuidOf(request.data), expectedVersionOf(request.data));
  }

  @MessagePattern(Rpc.contracts.reminders.delete)
  async delete(@Payload() request: RpcRequest): Promise<{ deleted: true }> {
    await this.service.delete(callerOf(request), uuidOf(request.data), expectedVersionOf(request.data));
    return { deleted: true };
  }

  @MessagePattern(Rpc.contracts.reminders.deliveries)
  deliveries(@Payload() request: RpcRequest): Promise<ReminderDeliveryResponse[]> {
    return this.service.deliveriesOf(callerOf(request), uuidOf(request.data));
  }

  @MessagePattern(Rpc.contracts.reminders.getSettings)
  getSettings(@Payload() request: RpcRequest): Promise<ReminderSettingsResponse> {
    return this.service.getSettings(callerOf(request), organizationUuidOf(request.data));
  }

  @MessagePattern(Rpc.contracts.reminders.putSettings)
  putSettings(@Payload() request: RpcRequest<{ body?: unknown; expectedVersion?: unknown }>): Promise<ReminderSettingsResponse> {
    const body = validateInto(ReminderSettingsRequest, request.data?.body);
    return this.service.putSettings(callerOf(request), organizationUuidOf(request.data), body, expectedVersionOf(request.data, 0));
  }

  @MessagePattern(Rpc.contracts.reminders.listAlerts)
  listAlerts(@Payload() request: RpcRequest): Promise<AlertResponse[]> {
    return this.service.listAlerts(callerOf(request), validateInto(ListAlertsQuery, request.data ?? {}));
  }

  @MessagePattern(Rpc.contracts.reminders.dismissAlert)
  dismissAlert(@Payload() request: RpcRequest): Promise<AlertResponse> {
    return this.service.dismissAlert(callerOf(request), uuidOf(request.data));
  }
}
