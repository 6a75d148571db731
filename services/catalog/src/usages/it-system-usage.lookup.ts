import { Injectable } from '@nestjs/common';
import { UsageLookup, type UsageRef } from '../shared/ports';
import { ItSystemUsagesRepository } from './it-system-usages.repository';
import { UsingOrganizations } from './using-organizations';

/** System usages as the other parts of the catalogue see them, straight from the usages collection. */
@Injectable()
export class ItSystemUsageLookup extends UsageLookup {
  constructor(
    private readonly repository: ItSystemUsagesRepository,
    private readonly using: UsingOrganizations,
  ) {
    super();
  }

  async get(uuid: string): Promise<UsageRef | null> {
    const usage = await this.repository.findByUuid(uuid);
    return usage ? { uuid: usage.uuid, organizationUuid: usage.organizationUuid, systemUuid: usage.systemUuid } : null;
  }

  /** From the per-system documents kept with every usage written (see UsingOrganizations): `_id` lookups only. */
  usingOrganizations(systemUuids: readonly string[]): Promise<Map<string, string[]>> {
    return this.using.of(systemUuids);
  }

  countBySystem(systemUuid: string): Promise<number> {
    return this.repository.countBySystem(systemUuid);
  }

  async systemsUsedBy(organizationUuid: string): Promise<string[]> {
    return [...new Set((await this.repository.pairs({ organizationUuid })).map((p) => p.systemUuid))];
  }

  /** From the same per-system documents as usingOrganizations (the reads of both are shared): no query over the usages. */
  mainContractsOf(systemUuids: readonly string[]): Promise<Map<string, string[]>> {
    return this.using.mainContractsOf(systemUuids);
  }

  async usageCounts(): Promise<Map<string, number>> {
    const counts = new Map<string, number>();
    for (const pair of await this.repository.pairs({})) counts.set(pair.systemUuid, (counts.get(pair.systemUuid) ?? 0) + 1);
    return counts;
  }
}
