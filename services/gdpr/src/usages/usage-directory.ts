import { Injectable } from '@nestjs/common';
import { DomainError, ErrorCode } from '@kitos/common';
import { Rpc, type ItSystemUsageResponse } from '@kitos/contracts';
import { NatsRpcClient } from '@kitos/messaging';
import { UsageCopyRepository, type UsageCopy } from './usage-copy.repository';

/**
 * Usages as the GDPR parts see them: the local copy, read through to the catalogue once when a usage is not known yet
 * (its created event may still be on the way). A usage the copy knows as deleted is never read through.
 */
@Injectable()
export class UsageDirectory {
  constructor(
    private readonly copies: UsageCopyRepository,
    private readonly bus: NatsRpcClient,
  ) {}

  async find(uuid: string): Promise<UsageCopy | null> {
    const copy = await this.copies.find(uuid);
    if (copy || (await this.copies.known(uuid))) return copy;
    let usage: ItSystemUsageResponse;
    try {
      usage = await this.bus.systemRequest<ItSystemUsageResponse>(Rpc.catalog.usages.get, { uuid });
    } catch (error) {
      if (error instanceof DomainError && error.code === ErrorCode.NotFound) return null;
      throw error;
    }
    await this.copies.applySnapshot(
      {
        uuid: usage.uuid,
        organizationUuid: usage.organizationContext.uuid,
        systemUuid: usage.systemContext.uuid,
        systemName: usage.systemContext.name,
        localCallName: usage.general.localCallName,
      } as Parameters<UsageCopyRepository['applySnapshot']>[0],
      usage.version,
    );
    return this.copies.find(uuid);
  }

  listByOrganization(organizationUuid: string): Promise<UsageCopy[]> {
    return this.copies.listByOrganization(organizationUuid);
  }

  findMany(uuids: readonly string[]): Promise<Map<string, UsageCopy>> {
    return this.copies.findMany(uuids);
  }
}
