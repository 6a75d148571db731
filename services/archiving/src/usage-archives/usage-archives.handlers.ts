import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { DomainError, isUuid } from '@kitos/common';
import {
  JournalPeriodWriteRequest,
  Rpc,
  UpdateUsageArchiveRequest,
  validateInto,
  validatePatch,
  type ArchivingOrganizationRpc,
  type ArchivingOverviewRow,
  type CreateJournalPeriodRpc,
  type GetUsageArchiveRpc,
  type JournalPeriodResponse,
  type JournalPeriodResult,
  type JournalPeriodRpc,
  type JournalPeriodsRpc,
  type OverdueDeliveryRow,
  type PutJournalPeriodRpc,
  type ResourcePermissionsResponse,
  type UpdateUsageArchiveRpc,
  type UsageArchiveResponse,
} from '@kitos/contracts';
import { callerOf, organizationUuidOf, uuidOf, type RpcRequest, expectedVersionOf } from '@kitos/platform';
import { ArchivingOverviewService } from '../overview/archiving-overview.service';
import { JournalPeriodsService } from './journal-periods.service';
import { UsageArchivesService } from './usage-archives.service';

function uuidField(data: unknown, field: 'usageUuid' | 'periodUuid'): string {
  const value = (data as Record<string, unknown> | null)?.[field];
  if (!isUuid(value)) throw DomainError.badInput(`${field} must be a UUID`, [{ field, message: `${field} must be a UUID` }]);
  return value.toLowerCase();
}

/** Request handlers of the archiving service on the bus; every payload is validated again here. */
@Controller()
export class UsageArchivesHandlers {
  constructor(
    private readonly archives: UsageArchivesService,
    private readonly periods: JournalPeriodsService,
    private readonly overview: ArchivingOverviewService,
  ) {}

  @MessagePattern(Rpc.archiving.usageArchive.get)
  get(@Payload() request: RpcRequest<GetUsageArchiveRpc>): Promise<UsageArchiveResponse> {
    return this.archives.get(callerOf(request), uuidOf(request.data).toLowerCase());
  }

  @MessagePattern(Rpc.archiving.usageArchive.permissions)
  permissions(@Payload() request: RpcRequest<GetUsageArchiveRpc>): Promise<ResourcePermissionsResponse> {
    return this.archives.permissions(callerOf(request), uuidOf(request.data).toLowerCase());
  }

  @MessagePattern(Rpc.archiving.usageArchive.put)
  put(@Payload() request: RpcRequest<UpdateUsageArchiveRpc>): Promise<UsageArchiveResponse> {
    const caller = callerOf(request);
    const changes = validateInto(UpdateUsageArchiveRequest, request.data?.changes);
    return this.archives.update(caller, uuidOf(request.data).toLowerCase(), changes, 'put', expectedVersionOf(request.data, 0));
  }

  @MessagePattern(Rpc.archiving.usageArchive.patch)
  patch(@Payload() request: RpcRequest<UpdateUsageArchiveRpc>): Promise<UsageArchiveResponse> {
    const caller = callerOf(request);
    const changes = validatePatch(UpdateUsageArchiveRequest, request.data?.changes);
    return this.archives.update(caller, uuidOf(request.data).toLowerCase(), changes, 'patch', expectedVersionOf(request.data, 0));
  }

  @MessagePattern(Rpc.archiving.usageArchive.delete)
  async delete(@Payload() request: RpcRequest<GetUsageArchiveRpc & { expectedVersion?: number }>): Promise<{ deleted: true }> {
    await this.archives.reset(callerOf(request), uuidOf(request.data).toLowerCase(), expectedVersionOf(request.data, 0));
    return { deleted: true };
  }

  @MessagePattern(Rpc.archiving.usageArchive.journalPeriods.create)
  createPeriod(@Payload() request: RpcRequest<CreateJournalPeriodRpc>): Promise<JournalPeriodResult> {
    const caller = callerOf(request);
    const period = validateInto(JournalPeriodWriteRequest, request.data?.period);
    return this.periods.create(caller, uuidField(request.data, 'usageUuid'), period, expectedVersionOf(request.data, 0));
  }

  @MessagePattern(Rpc.archiving.usageArchive.journalPeriods.list)
  listPeriods(@Payload() request: RpcRequest<JournalPeriodsRpc>): Promise<JournalPeriodResponse[]> {
    return this.periods.list(callerOf(request), uuidField(request.data, 'usageUuid'));
  }

  @MessagePattern(Rpc.archiving.usageArchive.journalPeriods.get)
  getPeriod(@Payload() request: RpcRequest<JournalPeriodRpc>): Promise<JournalPeriodResult> {
    return this.periods.get(callerOf(request), uuidField(request.data, 'usageUuid'), uuidField(request.data, 'periodUuid'));
  }

  @MessagePattern(Rpc.archiving.usageArchive.journalPeriods.put)
  putPeriod(@Payload() request: RpcRequest<PutJournalPeriodRpc>): Promise<JournalPeriodResult> {
    const caller = callerOf(request);
    const period = validateInto(JournalPeriodWriteRequest, request.data?.period);
    return this.periods.put(
      caller,
      uuidField(request.data, 'usageUuid'),
      uuidField(request.data, 'periodUuid'),
      period,
      expectedVersionOf(request.data, 0),
    );
  }

  @MessagePattern(Rpc.archiving.usageArchive.journalPeriods.delete)
  async deletePeriod(@Payload() request: RpcRequest<JournalPeriodRpc>): Promise<{ deleted: true }> {
    const caller = callerOf(request);
    await this.periods.delete(
      caller,
      uuidField(request.data, 'usageUuid'),
      uuidField(request.data, 'periodUuid'),
      expectedVersionOf(request.data, 0),
    );
    return { deleted: true };
  }

  @MessagePattern(Rpc.archiving.usageArchive.overdueDeliveries)
  overdueDeliveries(@Payload() request: RpcRequest<ArchivingOrganizationRpc>): Promise<OverdueDeliveryRow[]> {
    return this.overview.overdueDeliveries(callerOf(request), organizationUuidOf(request.data).toLowerCase());
  }

  @MessagePattern(Rpc.archiving.usageArchive.overview)
  archivingOverview(@Payload() request: RpcRequest<ArchivingOrganizationRpc>): Promise<ArchivingOverviewRow[]> {
    return this.overview.overview(callerOf(request), organizationUuidOf(request.data).toLowerCase());
  }
}
