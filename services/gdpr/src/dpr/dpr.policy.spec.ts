import type { CallerContext } from '@kitos/common';
import { DprPolicy } from './dpr.policy';

const org = '11111111-1111-4111-8111-111111111111';
const other = '22222222-2222-4222-8222-222222222222';
const caller = (role: string | null, organizationUuid = org, isGlobalAdmin = false): CallerContext => ({
  kind: 'user',
  userUuid: 'me',
  isGlobalAdmin,
  organizationRoles: role ? [{ organizationUuid, role }] : [],
  crossOrganizationRead: 'Public',
  isStakeholder: false,
  correlationId: 'c',
});
const registration = (roles: Array<{ roleUuid: string; userUuid: string }> = []) => ({ uuid: 'r', organizationUuid: org, roles });
const code = (action: () => void) => {
  try {
    action();
    return 'ok';
  } catch (error) {
    return (error as { code: string }).code;
  }
};

describe('the data processing registration policy (KITOS §4)', () => {
  it.each<[string, CallerContext, string, string, string]>([
    ['global admin', caller(null, org, true), 'ok', 'ok', 'ok'],
    ['local admin', caller('LocalAdmin'), 'ok', 'ok', 'ok'],
    ['system-module admin', caller('SystemModuleAdmin'), 'ok', 'ok', 'ok'],
    ['contract-module admin', caller('ContractModuleAdmin'), 'ok', 'ok', 'ok'],
    ['organisation-module admin', caller('OrganizationModuleAdmin'), 'FORBIDDEN', 'ok', 'FORBIDDEN'],
    ['plain user', caller('User'), 'FORBIDDEN', 'ok', 'FORBIDDEN'],
    ['local admin of another organisation', caller('LocalAdmin', other), 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN'],
  ])('%s: create %s, read %s, modify %s', (_name, who, create, read, modify) => {
    expect(code(() => DprPolicy.assertCanCreate(who, org))).toBe(create);
    expect(code(() => DprPolicy.assertCanRead(who, registration()))).toBe(read);
    expect(code(() => DprPolicy.assertCanModify(who, registration(), new Set()))).toBe(modify);
  });

  it('a member holding a role with write access on the registration may change it', () => {
    const held = registration([{ roleUuid: 'writer', userUuid: 'me' }]);
    expect(DprPolicy.rolesToCheck(caller('User'), held)).toEqual(['writer']);
    expect(code(() => DprPolicy.assertCanModify(caller('User'), held, new Set(['writer'])))).toBe('ok');
    expect(code(() => DprPolicy.assertCanModify(caller('User'), held, new Set()))).toBe('FORBIDDEN');
  });

  it('anonymous callers are refused as unauthenticated', () => {
    expect(code(() => DprPolicy.assertCanRead({ ...caller(null), kind: 'anonymous', userUuid: null }, registration()))).toBe(
      'UNAUTHENTICATED',
    );
  });
});
