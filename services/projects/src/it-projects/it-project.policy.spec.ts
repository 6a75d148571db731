import { ErrorCode, type CallerContext } from '@kitos/common';
import { ItProjectPolicy } from './it-project.policy';

const ORG = 'org-a';
const caller = (role: string | null, overrides: Partial<CallerContext> = {}): CallerContext => ({
  kind: 'user',
  userUuid: 'me',
  isGlobalAdmin: false,
  organizationRoles: role ? [{ organizationUuid: ORG, role }] : [{ organizationUuid: 'org-b', role: 'LocalAdmin' }],
  crossOrganizationRead: 'Public',
  isStakeholder: false,
  correlationId: 'c',
  ...overrides,
});
const project = (roles: Array<{ roleUuid: string; userUuid: string }> = []) => ({ uuid: 'p', organizationUuid: ORG, roles });
const codeOf = (action: () => void): string | null => {
  try {
    action();
    return null;
  } catch (error) {
    return (error as { code: string }).code;
  }
};

describe('ItProjectPolicy', () => {
  it.each([
    ['a global admin', caller(null, { isGlobalAdmin: true }), null, null, null, null],
    ['a local admin', caller('LocalAdmin'), null, null, null, null],
    ['a plain user', caller('User'), ErrorCode.Forbidden, null, ErrorCode.Forbidden, ErrorCode.Forbidden],
    ['a system-module admin', caller('SystemModuleAdmin'), ErrorCode.Forbidden, null, ErrorCode.Forbidden, ErrorCode.Forbidden],
    ['a user of another organisation', caller(null), ErrorCode.Forbidden, ErrorCode.NotFound, ErrorCode.NotFound, ErrorCode.NotFound],
  ])('%s: create, read, modify, delete', (_, who, create, read, modify, remove) => {
    expect(codeOf(() => ItProjectPolicy.assertCanCreate(who, ORG))).toBe(create);
    expect(codeOf(() => ItProjectPolicy.assertCanRead(who, project()))).toBe(read);
    expect(codeOf(() => ItProjectPolicy.assertCanModify(who, project(), new Set()))).toBe(modify);
    expect(codeOf(() => ItProjectPolicy.assertCanDelete(who, project()))).toBe(remove);
  });

  it('a plain member with a write-access role on the project may change it, not delete it', () => {
    const withRole = project([{ roleUuid: 'manager', userUuid: 'me' }]);
    expect(codeOf(() => ItProjectPolicy.assertCanModify(caller('User'), withRole, new Set(['manager'])))).toBeNull();
    expect(codeOf(() => ItProjectPolicy.assertCanModify(caller('User'), withRole, new Set()))).toBe(ErrorCode.Forbidden);
    expect(codeOf(() => ItProjectPolicy.assertCanDelete(caller('User'), withRole))).toBe(ErrorCode.Forbidden);
    expect(ItProjectPolicy.rolesHeldBy(caller('User'), withRole)).toEqual(['manager']);
  });

  it('anonymous callers are refused before anything else', () => {
    expect(codeOf(() => ItProjectPolicy.assertCanRead(caller(null, { kind: 'anonymous', userUuid: null }), project()))).toBe(
      ErrorCode.Unauthenticated,
    );
  });
});
