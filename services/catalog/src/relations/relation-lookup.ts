import { Injectable } from '@nestjs/common';
import type { OutgoingSystemRelationResponse } from '@kitos/contracts';
import { RelationLookup } from '../shared/ports';
import { RelationNames, outgoingRelation } from './relation-names';
import { SystemRelationsRepository } from './system-relations.repository';

/** System relations as the usages see them: their outgoing relations on the usage read shape, and the related-to filters. */
@Injectable()
export class SystemRelationLookup extends RelationLookup {
  constructor(
    private readonly repository: SystemRelationsRepository,
    private readonly names: RelationNames,
  ) {
    super();
  }

  async outgoingOf(usageUuids: readonly string[]): Promise<Map<string, OutgoingSystemRelationResponse[]>> {
    const result = new Map<string, OutgoingSystemRelationResponse[]>();
    const relations = await this.repository.outgoingOfMany(usageUuids);
    if (!relations.length) return result;
    const names = await this.names.of(relations);
    for (const relation of relations.filter((r) => names.isLive(r))) {
      const list = result.get(relation.fromSystemUsageUuid) ?? [];
      list.push(outgoingRelation(relation, names));
      result.set(relation.fromSystemUsageUuid, list);
    }
    return result;
  }

  async fromUsagesRelatedTo(criteria: { toSystemUsageUuids?: readonly string[]; contractUuid?: string }): Promise<string[]> {
    if (criteria.toSystemUsageUuids && !criteria.toSystemUsageUuids.length) return [];
    return this.repository.sourcesOf(criteria);
  }
}
