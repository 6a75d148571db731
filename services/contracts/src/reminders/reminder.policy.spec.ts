import type { CallerContext } from '@kitos/common';
import { canHandleAlert, canReadReminders, canWriteReminderSettings, canWriteReminders } from './reminder.policy';

const ORG = '11111111-1111-4111-8111-111111111111';
const OTHER = '22222222-2222-4222-8222-222222222222';

function caller(role: string | null, organizationUuid = ORG, userUuid = 'u1', isGlobalAdmin = false): CallerContext {
  return {
    kind: 'user',
    userUuid,
    isGlobalAdmin,
    organizationRoles: role ? [{ organizationUuid, role }] : [],
    crossOrganizationRead: 'Public',
    isStakeholder: false,
    correlationId: 'c',
  };
}

describe('reminder policy', () => {
  it.each([
    ['LocalAdmin', 'ItContract', true],
    ['ContractModuleAdmin', 'ItContract', true],
    ['SystemModuleAdmin', 'ItContract', false],
    ['User', 'ItContract', false],
    ['SystemModuleAdmin', 'ItSystemUsage', true],
    ['ContractModuleAdmin', 'ItSystemUsage', false],
    ['SystemModuleAdmin', 'DataProcessingRegistration', true],
    ['ContractModuleAdmin', 'DataProcessingRegistration', true],
    ['OrganizationModuleAdmin', 'DataProcessingRegistration', false],
  ] as const)('%s may change reminders about an %s: %s', (role, type, allowed) => {
    expect(canWriteReminders(caller(role), ORG, type)).toBe(allowed);
  });

  it('gives a role in another organisation neither read nor write', () => {
    expect(canReadReminders(caller('LocalAdmin', OTHER), ORG)).toBe(false);
    expect(canWriteReminders(caller('LocalAdmin', OTHER), ORG, 'ItContract')).toBe(false);
  });

  it('lets every member read and global admins do everything', () => {
    expect(canReadReminders(caller('User'), ORG)).toBe(true);
    expect(canWriteReminders(caller(null, ORG, 'g', true), ORG, 'ItSystemUsage')).toBe(true);
  });

  it('leaves the settings to local admins', () => {
    expect(canWriteReminderSettings(caller('LocalAdmin'), ORG)).toBe(true);
    expect(canWriteReminderSettings(caller('ContractModuleAdmin'), ORG)).toBe(false);
  });

  it('shows an alert to its owner and to local admins only', () => {
    const alert = { organizationUuid: ORG, ownerUuid: 'owner' };
    expect(canHandleAlert(caller('User', ORG, 'owner'), alert)).toBe(true);
    expect(canHandleAlert(caller('User', ORG, 'someone'), alert)).toBe(false);
    expect(canHandleAlert(caller('LocalAdmin', ORG, 'someone'), alert)).toBe(true);
  });
});
