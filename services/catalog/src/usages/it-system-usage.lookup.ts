import { Injectable } from '@nestjs/common';
import { UsageLookup, type UsageRef } from '../shared/ports';
import { ItSystemUsagesRepository } from './it-system-usages.repository';

/** System usages as the other parts of the catalogue see them, straight from the usages collection. */
@Injectable()
export class ItSystemUsageLookup extends UsageLookup {
  constructor(private readonly repository: ItSystemUsagesRepository) {
    super();
  }

  async get(uuid: string): Promise<UsageRef | null> {
    const usage = await this.repository.findByUuid(uuid);
    return usage ? { uuid: usage.uuid, organizationUuid: usage.organizationUuid, systemUuid: usage.systemUuid } : null;
  }

  async usingOrganizations(systemUuids: readonly string[]): Promise<Map<string, string[]>> {
    const result = new Map<string, string[]>();
    if (!systemUuids.length) return result;
    for (const pair of await this.repository.pairs({ systemUuids })) {
      const organizations = result.get(pair.systemUuid) ?? [];
      if (!organizations.includes(pair.organizationUuid)) organizations.push(pair.organizationUuid);
      result.set(pair.systemUuid, organizations);
    }
    return result;
  }

  countBySystem(systemUuid: string): Promise<number> {
    return this.repository.countBySystem(systemUuid);
  }

  async systemsUsedBy(organizationUuid: string): Promise<string[]> {
    return [...new Set((await this.repository.pairs({ organizationUuid })).map((p) => p.systemUuid))];
  }

  async mainContractsOf(systemUuids: readonly string[]): Promise<Map<string, string[]>> {
    const result = new Map<string, string[]>();
    for (const { systemUuid, mainContractUuid } of await this.repository.mainContracts(systemUuids))
      result.set(systemUuid, [...(result.get(systemUuid) ?? []), mainContractUuid]);
    return result;
  }

  async usageCounts(): Promise<Map<string, number>> {
    const counts = new Map<string, number>();
    for (const pair of await this.repository.pairs({})) counts.set(pair.systemUuid, (counts.get(pair.systemUuid) ?? 0) + 1);
    return counts;
  }
}
