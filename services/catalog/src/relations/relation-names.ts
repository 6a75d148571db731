import { Injectable } from '@nestjs/common';
import type { IdentityNamePair, OutgoingSystemRelationResponse, SystemRelationResponseBase } from '@kitos/contracts';
import type { Stored } from '@kitos/persistence';
import { InterfaceLookup, OptionCatalog, UsageLookup, type UsageRef } from '../shared/ports';
import { KnownContracts } from './contract-directory';
import { SystemNames } from './system-names';
import type { SystemRelation } from './system-relation';

export const RELATION_FREQUENCY_KIND = 'it-system-usage-relation-frequency-types';

export interface NamedUsage extends UsageRef {
  /** A usage is known by the name of the system it uses. */
  readonly name: string | null;
}

/** The usages and names that a set of relations refers to, fetched once for all of them. */
export class RelationNameBook {
  constructor(
    readonly usages: ReadonlyMap<string, NamedUsage>,
    private readonly interfaces: ReadonlyMap<string, string>,
    private readonly contracts: ReadonlyMap<string, string>,
    private readonly frequencies: ReadonlyMap<string, string>,
  ) {}

  usage(uuid: string): IdentityNamePair {
    return { uuid, name: this.usages.get(uuid)?.name ?? null };
  }

  /** Both ends of the relation are (still) live usages; a relation to a just-deleted usage is hidden until its cascade removes it. */
  isLive(relation: Pick<SystemRelation, 'fromSystemUsageUuid' | 'toSystemUsageUuid'>): boolean {
    return this.usages.has(relation.fromSystemUsageUuid) && this.usages.has(relation.toSystemUsageUuid);
  }

  interface(uuid: string | null): IdentityNamePair | null {
    return uuid ? { uuid, name: this.interfaces.get(uuid) ?? null } : null;
  }

  contract(uuid: string | null): IdentityNamePair | null {
    return uuid ? { uuid, name: this.contracts.get(uuid) ?? null } : null;
  }

  frequency(uuid: string | null): IdentityNamePair | null {
    return uuid ? { uuid, name: this.frequencies.get(uuid) ?? null } : null;
  }
}

@Injectable()
export class RelationNames {
  constructor(
    private readonly usages: UsageLookup,
    private readonly interfaces: InterfaceLookup,
    private readonly options: OptionCatalog,
    private readonly contracts: KnownContracts,
    private readonly systems: SystemNames,
  ) {}

  /** Everything the relations refer to; `extraUsages` adds usages without relations (such as an impact view's focus). */
  async of(relations: readonly SystemRelation[], extraUsages: readonly string[] = []): Promise<RelationNameBook> {
    const distinct = (values: Array<string | null>) => [...new Set(values.filter((v): v is string => v !== null))];
    const usageUuids = distinct([...relations.flatMap((r) => [r.fromSystemUsageUuid, r.toSystemUsageUuid]), ...extraUsages]);
    const interfaceUuids = distinct(relations.map((r) => r.relationInterfaceUuid));
    const [usageRefs, interfaces, contracts, frequencies] = await Promise.all([
      Promise.all(usageUuids.map((uuid) => this.usages.get(uuid))),
      Promise.all(interfaceUuids.map((uuid) => this.interfaces.get(uuid))),
      this.contracts.names(distinct(relations.map((r) => r.associatedContractUuid))),
      this.options.namesOf(RELATION_FREQUENCY_KIND, distinct(relations.map((r) => r.relationFrequencyUuid))),
    ]);
    const live = usageRefs.filter((u): u is UsageRef => u !== null);
    const systemNames = await this.systems.of(live.map((u) => u.systemUuid));
    return new RelationNameBook(
      new Map(live.map((u) => [u.uuid, { ...u, name: systemNames.get(u.systemUuid) ?? null }])),
      new Map(interfaces.flatMap((i) => (i ? [[i.uuid, i.name] as const] : []))),
      contracts,
      frequencies,
    );
  }
}

export function relationBase(r: Stored<SystemRelation>, names: RelationNameBook): SystemRelationResponseBase {
  return {
    uuid: r.uuid,
    relationInterface: names.interface(r.relationInterfaceUuid),
    associatedContract: names.contract(r.associatedContractUuid),
    relationFrequency: names.frequency(r.relationFrequencyUuid),
    description: r.description,
    urlReference: r.urlReference,
    lastModified: r.lastModified.toISOString(),
    version: r.version,
  };
}

export function outgoingRelation(relation: Stored<SystemRelation>, names: RelationNameBook): OutgoingSystemRelationResponse {
  return { ...relationBase(relation, names), toSystemUsage: names.usage(relation.toSystemUsageUuid) };
}
