import { DomainError, hasRole, isMember, requireUser, type CallerContext } from '@kitos/common';

/**
 * Who may do what with option types (KITOS §4): global values are read by every signed-in user and maintained by
 * global administrators; an organisation's settings (and so what is available there) are read by its members and
 * maintained by its local administrators, global administrators anywhere.
 */
export const OptionPolicy = {
  assertCanReadGlobal(caller: CallerContext): void {
    requireUser(caller);
  },

  assertCanMaintainGlobal(caller: CallerContext): void {
    requireUser(caller);
    if (!caller.isGlobalAdmin) throw DomainError.forbidden('Only global administrators maintain the global values of option types');
  },

  assertCanReadIn(caller: CallerContext, organizationUuid: string): void {
    requireUser(caller);
    if (!isMember(caller, organizationUuid)) throw DomainError.forbidden('Only members of the organisation read its option types');
  },

  assertCanSetIn(caller: CallerContext, organizationUuid: string): void {
    requireUser(caller);
    if (!hasRole(caller, organizationUuid, 'LocalAdmin'))
      throw DomainError.forbidden("Only the organisation's local administrators (and global administrators) change its option types");
  },
};
