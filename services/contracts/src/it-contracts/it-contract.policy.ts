import { DomainError, hasRole, isMember, requireUser, type CallerContext } from '@kitos/common';

interface Owned {
  readonly uuid: string;
  readonly organizationUuid: string;
  readonly roles: ReadonlyArray<{ readonly roleUuid: string; readonly userUuid: string }>;
}

const MODULE_ROLES = ['LocalAdmin', 'ContractModuleAdmin'] as const;

/**
 * Who may do what with a contract (KITOS §4): contracts are private to their organisation. Members read them; anyone
 * else gets 403 on a contract they name (KITOS answers 403 for another organisation's contract) and does not see it in
 * lists. Global admins, local admins and contract-module admins of the organisation create, change and delete them, and
 * so does a member holding, on that contract, a role type with write access.
 */
export const ItContractPolicy = {
  assertCanCreate(caller: CallerContext, organizationUuid: string): void {
    requireUser(caller);
    if (!hasRole(caller, organizationUuid, ...MODULE_ROLES))
      throw DomainError.forbidden('Only global, local and contract-module administrators of the organisation create contracts');
  },

  canRead(caller: CallerContext, contract: Pick<Owned, 'organizationUuid'>): boolean {
    return isMember(caller, contract.organizationUuid);
  },

  assertCanRead(caller: CallerContext, contract: Pick<Owned, 'organizationUuid'>): void {
    requireUser(caller);
    if (!ItContractPolicy.canRead(caller, contract)) throw DomainError.forbidden("You may not read another organisation's contracts");
  },

  /** Whether the caller's right to change the contract rests on per-contract roles (no module-admin role). */
  needsRoleAccess(caller: CallerContext, contract: Owned): boolean {
    return !hasRole(caller, contract.organizationUuid, ...MODULE_ROLES);
  },

  /** The per-contract role types the caller holds on the contract. */
  rolesHeldBy(caller: CallerContext, contract: Owned): string[] {
    return [...new Set(contract.roles.filter((r) => r.userUuid === caller.userUuid).map((r) => r.roleUuid))];
  },

  /** `writeRoleUuids`: the per-contract role types whose holders may change a contract. */
  assertCanModify(caller: CallerContext, contract: Owned, writeRoleUuids: ReadonlySet<string>): void {
    ItContractPolicy.assertCanRead(caller, contract);
    if (!ItContractPolicy.needsRoleAccess(caller, contract)) return;
    if (!ItContractPolicy.rolesHeldBy(caller, contract).some((role) => writeRoleUuids.has(role)))
      throw DomainError.forbidden('You may not change this contract');
  },
};
