import { DomainError, ErrorCode, type CallerContext } from '@kitos/common';
import { ItSystemUsagePolicy } from './it-system-usage.policy';

const ORG = '11111111-1111-4111-8111-111111111111';
const OTHER = '22222222-2222-4222-8222-222222222222';
const USER = '99999999-9999-4999-8999-999999999999';
const WRITE_ROLE = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
const READ_ROLE = 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb';

function caller(roles: Array<[string, string]>, isGlobalAdmin = false): CallerContext {
  return {
    kind: 'user',
    userUuid: USER,
    isGlobalAdmin,
    organizationRoles: roles.map(([organizationUuid, role]) => ({ organizationUuid, role })),
    crossOrganizationRead: 'Public',
    isStakeholder: false,
    correlationId: 'c',
  };
}

const usage = (roles: Array<{ roleUuid: string; userUuid: string }> = []) => ({ uuid: 'u', organizationUuid: ORG, roles });

function codeOf(action: () => void): ErrorCode | null {
  try {
    action();
    return null;
  } catch (error) {
    return (error as DomainError).code;
  }
}

describe('ItSystemUsagePolicy', () => {
  it.each(['LocalAdmin', 'SystemModuleAdmin'])('lets a %s of the organisation create', (role) => {
    expect(codeOf(() => ItSystemUsagePolicy.assertCanCreate(caller([[ORG, role]]), ORG))).toBeNull();
  });

  it.each(['User', 'ContractModuleAdmin', 'OrganizationModuleAdmin', 'RightsHolderAccess'])('refuses creation to a %s', (role) => {
    expect(codeOf(() => ItSystemUsagePolicy.assertCanCreate(caller([[ORG, role]]), ORG))).toBe(ErrorCode.Forbidden);
  });

  it('refuses creation in another organisation', () => {
    expect(codeOf(() => ItSystemUsagePolicy.assertCanCreate(caller([[OTHER, 'LocalAdmin']]), ORG))).toBe(ErrorCode.Forbidden);
  });

  it('lets a global admin create anywhere', () => {
    expect(codeOf(() => ItSystemUsagePolicy.assertCanCreate(caller([], true), ORG))).toBeNull();
  });

  it('shows a usage to every member and hides it from others', () => {
    expect(codeOf(() => ItSystemUsagePolicy.assertCanRead(caller([[ORG, 'User']]), usage()))).toBeNull();
    expect(codeOf(() => ItSystemUsagePolicy.assertCanRead(caller([[OTHER, 'LocalAdmin']]), usage()))).toBe(ErrorCode.Forbidden);
  });

  it('lets a plain member change a usage on which they hold a role with write access', () => {
    const target = usage([{ roleUuid: WRITE_ROLE, userUuid: USER }]);
    expect(codeOf(() => ItSystemUsagePolicy.assertCanModify(caller([[ORG, 'User']]), target, new Set([WRITE_ROLE])))).toBeNull();
  });

  it('refuses a plain member whose role on the usage has no write access', () => {
    const target = usage([{ roleUuid: READ_ROLE, userUuid: USER }]);
    expect(codeOf(() => ItSystemUsagePolicy.assertCanModify(caller([[ORG, 'User']]), target, new Set()))).toBe(ErrorCode.Forbidden);
  });

  it('refuses a plain member when the write role is held by someone else', () => {
    const target = usage([{ roleUuid: WRITE_ROLE, userUuid: OTHER }]);
    expect(codeOf(() => ItSystemUsagePolicy.assertCanModify(caller([[ORG, 'User']]), target, new Set([WRITE_ROLE])))).toBe(
      ErrorCode.Forbidden,
    );
    expect(ItSystemUsagePolicy.rolesHeldBy(caller([[ORG, 'User']]), target)).toEqual([]);
  });

  it('does not ask about roles for module admins', () => {
    expect(ItSystemUsagePolicy.needsRoleAccess(caller([[ORG, 'SystemModuleAdmin']]), usage())).toBe(false);
    expect(ItSystemUsagePolicy.needsRoleAccess(caller([[ORG, 'User']]), usage())).toBe(true);
  });
});
