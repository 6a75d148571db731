import { hasRole, isMember, type CallerContext } from '@kitos/common';
import type { ReminderEntityType } from '@kitos/contracts';

/** The module administrators who change each kind of object (KITOS ModuleModificationPolicy), besides local admins. */
const MODULE_ADMINS: Record<ReminderEntityType, readonly string[]> = {
  ItContract: ['ContractModuleAdmin'],
  ItSystemUsage: ['SystemModuleAdmin'],
  DataProcessingRegistration: ['SystemModuleAdmin', 'ContractModuleAdmin'],
};

/** Reminders are read by the members of the object's organisation (others do not see them: 404). */
export function canReadReminders(caller: CallerContext, organizationUuid: string): boolean {
  return isMember(caller, organizationUuid);
}

/** Reminders are changed by whoever may change the object they are about: global and local admins and its module admins. */
export function canWriteReminders(caller: CallerContext, organizationUuid: string, type: ReminderEntityType): boolean {
  return hasRole(caller, organizationUuid, 'LocalAdmin', ...MODULE_ADMINS[type]);
}

/** The automatic deadline reminders of an organisation are set by its local admins. */
export function canWriteReminderSettings(caller: CallerContext, organizationUuid: string): boolean {
  return hasRole(caller, organizationUuid, 'LocalAdmin');
}

/** An alert is seen and dismissed by its owner and by the organisation's local admins. */
export function canHandleAlert(caller: CallerContext, alert: { organizationUuid: string; ownerUuid: string | null }): boolean {
  return (caller.userUuid !== null && alert.ownerUuid === caller.userUuid) || hasRole(caller, alert.organizationUuid, 'LocalAdmin');
}
