/**
 * What the parts of the catalogue ask of each other. Each part implements its port with a class that depends only
 * on the database (a repository or a small lookup), never on another part's service, so the parts can reference each
 * other without circular wiring. Every `require…` method throws `DomainError.badInput` with a field-level error
 * (the `field` it was given) when a reference is unknown or not allowed, so callers can collect them into one 400.
 */
import type { OptionTypeKind as OptionKind, OutgoingSystemRelationResponse, RoleObjectType } from '@kitos/contracts';
import type { CallerContext } from '@kitos/common';
import type { FieldRef } from '@kitos/common';

/** The option types (KITOS §2.8), by the path segment used in the API; the list lives with the shared DTOs. */
export { OPTION_TYPE_KINDS as OPTION_KINDS, type OptionTypeKind as OptionKind } from '@kitos/contracts';

export interface NamedRef {
  uuid: string;
  name: string;
}

export type { FieldRef };

/** Option types: global values, activated per organisation (implemented in `options/`). */
export abstract class OptionCatalog {
  /** The options, in order; each must exist and be available in the organisation (enabled and obligatory or locally active). */
  abstract requireAvailable(kind: OptionKind, organizationUuid: string, refs: readonly FieldRef[]): Promise<NamedRef[]>;
  /** Names of options by uuid (also of unavailable ones, for reading old registrations). */
  abstract namesOf(kind: OptionKind, uuids: readonly string[]): Promise<Map<string, string>>;
}

export interface KleRef {
  uuid: string;
  /** The KLE number, e.g. `02.05.01` for a topic, `02.05` for a group, `02` for a main group. */
  kleNumber: string;
  description: string;
}

/** The KLE task classification (implemented in `kle/`). */
export abstract class KleCatalog {
  /** The KLE entries in order; each must exist and not be removed from KLE. */
  abstract requireExisting(refs: readonly FieldRef[]): Promise<KleRef[]>;
  abstract byUuids(uuids: readonly string[]): Promise<Map<string, KleRef>>;
  /** Uuids of the entries whose number starts with the given number (a main group or group includes its subtree). */
  abstract uuidsUnderNumber(kleNumber: string): Promise<string[]>;
}

/** Local copies of identity's organisations, units, users and per-object role types (implemented by `@kitos/directory`). */
export abstract class OrganizationDirectory {
  abstract requireOrganization(ref: FieldRef): Promise<NamedRef & { cvr: string | null }>;
  abstract organizationNames(uuids: readonly string[]): Promise<Map<string, string>>;
  /** Units of exactly this organisation. */
  abstract requireUnits(organizationUuid: string, refs: readonly FieldRef[]): Promise<NamedRef[]>;
  /** Users holding any right in the organisation. */
  abstract requireMembers(organizationUuid: string, refs: readonly FieldRef[]): Promise<NamedRef[]>;
  /** Enabled role types for this kind of object; with `organizationUuid`, also not switched off there. */
  abstract requireRoleTypes(objectType: RoleObjectType, refs: readonly FieldRef[], organizationUuid?: string): Promise<NamedRef[]>;
  abstract userNames(uuids: readonly string[]): Promise<Map<string, string>>;
}

export interface UsageRef {
  uuid: string;
  organizationUuid: string;
  systemUuid: string;
}

/** System usages as other parts see them (implemented in `usages/`). */
export abstract class UsageLookup {
  abstract get(uuid: string): Promise<UsageRef | null>;
  /** systemUuid → uuids of the organisations that use it (only systems with usages are keys). */
  abstract usingOrganizations(systemUuids: readonly string[]): Promise<Map<string, string[]>>;
  abstract countBySystem(systemUuid: string): Promise<number>;
  /** Uuids of the systems an organisation uses. */
  abstract systemsUsedBy(organizationUuid: string): Promise<string[]>;
  /** Number of using organisations for every system that has usages. */
  abstract usageCounts(): Promise<Map<string, number>>;
  /** systemUuid → the main contracts of its usages (only systems with a usage that has one are keys). */
  abstract mainContractsOf(systemUuids: readonly string[]): Promise<Map<string, string[]>>;
}

/** Interfaces as other parts see them (implemented in `interfaces/`). */
export abstract class InterfaceLookup {
  abstract exposedBy(systemUuid: string): Promise<NamedRef[]>;
  abstract get(uuid: string): Promise<(NamedRef & { organizationUuid: string; exposedBySystemUuid: string | null }) | null>;
}

/** A contract as the contracts service's events describe it. */
export interface KnownContract extends NamedRef {
  organizationUuid: string;
  /** The usages the contract covers. */
  systemUsageUuids: string[];
  supplierUuid: string | null;
  valid: boolean | null;
  validFrom: string | null;
  validTo: string | null;
  enforcedValid: boolean;
}

/** Contracts known to the catalogue from the contracts service's events (implemented in `relations/`). */
export abstract class ContractDirectory {
  abstract requireContract(organizationUuid: string, ref: FieldRef): Promise<NamedRef>;
  /** A live contract, or null. */
  abstract find(uuid: string): Promise<KnownContract | null>;
  /** Live contracts by uuid. */
  abstract findMany(uuids: readonly string[]): Promise<Map<string, KnownContract>>;
  /** The live contracts covering any of the usages. */
  abstract covering(usageUuids: readonly string[]): Promise<KnownContract[]>;
}

/** System relations as the usages see them (implemented in `relations/`). */
export abstract class RelationLookup {
  /** The outgoing relations of each usage, in the shape of `GET …/system-relations` (usages without relations are absent). */
  abstract outgoingOf(usageUuids: readonly string[]): Promise<Map<string, OutgoingSystemRelationResponse[]>>;
  /**
   * Uuids of the usages with an outgoing relation that matches every criterion given: to one of these usages, and/or
   * with this associated contract (KITOS `relatedToSystemUsageUuid`, `relatedToSystemUuid`, `relatedToContractUuid`).
   */
  abstract fromUsagesRelatedTo(criteria: { toSystemUsageUuids?: readonly string[]; contractUuid?: string }): Promise<string[]>;
}

/** What the usages do when a contract changes (implemented in `usages/`). */
export abstract class UsageMainContracts {
  /** Usages whose main contract is this one but no longer covered by it (or it is deleted) lose it, each with an event. */
  abstract dropMainContractWhereNotCovered(
    caller: CallerContext,
    contract: { uuid: string; systemUsageUuids: readonly string[] },
  ): Promise<number>;
}
