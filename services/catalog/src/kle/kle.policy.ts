import { DomainError, requireUser, type CallerContext } from '@kitos/common';

/** KLE is read by every authenticated user (KITOS: globally readable); only global admins import it. */
export const KlePolicy = {
  assertCanRead(caller: CallerContext): void {
    requireUser(caller);
  },

  assertCanImport(caller: CallerContext): void {
    requireUser(caller);
    if (!caller.isGlobalAdmin) throw DomainError.forbidden('Only global administrators import KLE');
  },
};
