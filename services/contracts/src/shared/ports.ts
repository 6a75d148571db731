/**
 * What the parts of the contracts service ask of the data they do not own. Every `require…` method throws
 * `DomainError.badInput` with a field-level error (the `field` it was given) when a reference is unknown or not
 * allowed, so callers can collect them into one 400.
 */
import type { OptionTypeKind, RoleObjectType } from '@kitos/contracts';
import type { FieldRef } from '@kitos/common';

export interface NamedRef {
  uuid: string;
  name: string;
}

export type { FieldRef };

/** Option types, owned by the catalogue and asked over request/reply (implemented in `options/`). */
export abstract class OptionCatalog {
  /** The options, in order; each must exist and be available in the organisation. */
  abstract requireAvailable(kind: OptionTypeKind, organizationUuid: string, refs: readonly FieldRef[]): Promise<NamedRef[]>;
}

/** Local copies of identity's organisations, units, users and per-object role types (implemented by `@kitos/directory`). */
export abstract class OrganizationDirectory {
  abstract requireOrganization(ref: FieldRef): Promise<NamedRef & { cvr: string | null }>;
  abstract organizations(uuids: readonly string[]): Promise<Map<string, NamedRef & { cvr: string | null }>>;
  abstract organizationNames(uuids: readonly string[]): Promise<Map<string, string>>;
  /** Units of exactly this organisation. */
  abstract requireUnits(organizationUuid: string, refs: readonly FieldRef[]): Promise<NamedRef[]>;
  /** Users holding any right in the organisation. */
  abstract requireMembers(organizationUuid: string, refs: readonly FieldRef[]): Promise<NamedRef[]>;
  /** Enabled role types for this kind of object; with `organizationUuid`, also not switched off there. */
  abstract requireRoleTypes(objectType: RoleObjectType, refs: readonly FieldRef[], organizationUuid?: string): Promise<NamedRef[]>;
  /** Which of the given role types are enabled, of this kind and give write access. */
  abstract writeRoleTypes(objectType: RoleObjectType, roleUuids: readonly string[]): Promise<Set<string>>;
  abstract userNames(uuids: readonly string[]): Promise<Map<string, string>>;
}
