import { Injectable } from '@nestjs/common';
import { DomainError, type CallerContext } from '@kitos/common';
import type { Stored } from '@kitos/persistence';
import { computeChainValidity, type ContractValidity } from './contract-terms';
import { termsOf, type ItContract } from './it-contract';
import { ItContractPolicy } from './it-contract.policy';
import { ItContractsRepository } from './it-contracts.repository';

/** Deepest parent chain followed (a guard: the rules keep the hierarchy acyclic). */
const MAX_DEPTH = 100;

/** Contracts above some contracts, by uuid; null for one that does not exist. */
export type Chain = Map<string, Stored<ItContract> | null>;

/** The contract hierarchy: parents, ancestors and descendants as the repository stores them. */
@Injectable()
export class ContractHierarchy {
  constructor(private readonly repository: ItContractsRepository) {}

  /** The parent must exist (404) and be readable (403); same organisation and no cycle are checked by the caller (400). */
  async requireReadableParent(caller: CallerContext, parentUuid: string): Promise<Stored<ItContract>> {
    const parent = await this.repository.findByUuid(parentUuid);
    if (!parent) throw DomainError.notFound('Parent contract', parentUuid);
    if (!ItContractPolicy.canRead(caller, parent)) throw DomainError.forbidden('You may not read the parent contract');
    return parent;
  }

  /** Uuids of the ancestors of a contract, nearest first (the contract itself not included). */
  async ancestorUuids(uuid: string): Promise<string[]> {
    const result: string[] = [];
    let next = (await this.repository.findByUuid(uuid))?.parentUuid ?? null;
    while (next !== null && result.length < MAX_DEPTH && !result.includes(next)) {
      result.push(next);
      next = (await this.repository.findByUuid(next))?.parentUuid ?? null;
    }
    return result;
  }

  /** Every descendant, breadth-first (children before grandchildren). */
  async descendants(uuid: string): Promise<string[]> {
    const result: string[] = [];
    const queue = [uuid];
    while (queue.length && result.length < 10_000) {
      for (const child of await this.repository.childUuids(queue.shift()!)) {
        if (child === uuid || result.includes(child)) continue;
        result.push(child);
        queue.push(child);
      }
    }
    return result;
  }

  /** The contracts above the given parents, loaded once: enough to compute validity along the chain. */
  async ancestors(parentUuids: ReadonlyArray<string | null>, chain: Chain = new Map()): Promise<Chain> {
    let pending = [...new Set(parentUuids.filter((u): u is string => u !== null && !chain.has(u)))];
    for (let depth = 0; pending.length && depth < MAX_DEPTH; depth++) {
      const found = await this.repository.findManyByUuid(pending);
      for (const uuid of pending) chain.set(uuid, found.find((c) => c.uuid === uuid) ?? null);
      pending = [...new Set(found.map((c) => c.parentUuid).filter((u): u is string => u !== null && !chain.has(u)))];
    }
    return chain;
  }
}

/** A contract's validity along its parent chain (a parent that is not valid can make the child invalid). */
export function validityOf(contract: ItContract, chain: Chain, today: string): ContractValidity {
  const terms = [termsOf(contract)];
  const seen = new Set<string>();
  let parentUuid = contract.parentUuid;
  while (parentUuid !== null && !seen.has(parentUuid) && seen.size < MAX_DEPTH) {
    seen.add(parentUuid);
    const parent = chain.get(parentUuid);
    if (!parent) break;
    terms.push(termsOf(parent));
    parentUuid = parent.parentUuid;
  }
  return computeChainValidity(terms, today);
}
