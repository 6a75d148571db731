import { DomainError, ErrorCode, type CallerContext } from '@kitos/common';
import { normalizedKey, textOrNull, uniqueKeyOf } from './it-interface';
import { ItInterfacePolicy } from './it-interface.policy';

const ORG = '11111111-1111-4111-8111-111111111111';
const OTHER = '22222222-2222-4222-8222-222222222222';

function caller(roles: Array<[string, string]>, extra: Partial<CallerContext> = {}): CallerContext {
  return {
    kind: 'user',
    userUuid: '99999999-9999-4999-8999-999999999999',
    isGlobalAdmin: false,
    organizationRoles: roles.map(([organizationUuid, role]) => ({ organizationUuid, role })),
    crossOrganizationRead: 'Public',
    isStakeholder: false,
    correlationId: 'c-1',
    ...extra,
  };
}

function codeOf(action: () => void): ErrorCode | undefined {
  try {
    action();
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    return (error as DomainError).code;
  }
}

describe('the uniqueness key of an interface', () => {
  it('ignores case, surrounding and repeated whitespace', () => {
    expect(uniqueKeyOf('  CPR  Opslag ', 'ID-1')).toBe(uniqueKeyOf('cpr opslag', 'id-1'));
    expect(normalizedKey('Æble\tØL ')).toBe('æble øl');
  });

  it('tells name and interface id apart, whatever characters they hold', () => {
    expect(uniqueKeyOf('a|b', 'c')).not.toBe(uniqueKeyOf('a', 'b|c'));
    expect(uniqueKeyOf('a", "b', '')).not.toBe(uniqueKeyOf('a', 'b'));
    expect(uniqueKeyOf('CPR', 'v1')).not.toBe(uniqueKeyOf('CPR', 'v2'));
  });

  it('treats a missing interface id and a blank one alike', () => {
    expect(uniqueKeyOf('CPR', null)).toBe(uniqueKeyOf('CPR', '  '));
    expect(textOrNull('  ')).toBeNull();
    expect(textOrNull(' x ')).toBe(' x ');
  });
});

describe('ItInterfacePolicy', () => {
  const local = { uuid: 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa', organizationUuid: ORG, scope: 'Local' as const };
  const global = { ...local, scope: 'Global' as const };

  it('lets local admins, system-module admins and rights holders of the owner create Local interfaces, nobody else', () => {
    for (const role of ['LocalAdmin', 'SystemModuleAdmin', 'RightsHolderAccess'])
      expect(codeOf(() => ItInterfacePolicy.assertCanCreate(caller([[ORG, role]]), ORG, 'Local'))).toBeUndefined();
    expect(codeOf(() => ItInterfacePolicy.assertCanCreate(caller([[ORG, 'User']]), ORG, 'Local'))).toBe(ErrorCode.Forbidden);
    expect(codeOf(() => ItInterfacePolicy.assertCanCreate(caller([[OTHER, 'LocalAdmin']]), ORG, 'Local'))).toBe(ErrorCode.Forbidden);
  });

  it('lets only global admins create or make an interface Global', () => {
    expect(codeOf(() => ItInterfacePolicy.assertCanCreate(caller([[ORG, 'LocalAdmin']]), ORG, 'Global'))).toBe(ErrorCode.Forbidden);
    expect(codeOf(() => ItInterfacePolicy.assertCanCreate(caller([], { isGlobalAdmin: true }), ORG, 'Global'))).toBeUndefined();
    expect(codeOf(() => ItInterfacePolicy.assertCanModify(caller([[ORG, 'LocalAdmin']]), local, 'Global'))).toBe(ErrorCode.Forbidden);
    expect(codeOf(() => ItInterfacePolicy.assertCanModify(caller([[ORG, 'LocalAdmin']]), global, 'Global'))).toBeUndefined();
  });

  it('hides Local interfaces of other organisations (404) but shows Global ones read-only (403 on change)', () => {
    const outsider = caller([[OTHER, 'LocalAdmin']]);
    expect(codeOf(() => ItInterfacePolicy.assertCanRead(outsider, local))).toBe(ErrorCode.NotFound);
    expect(codeOf(() => ItInterfacePolicy.assertCanRead(outsider, global))).toBeUndefined();
    expect(codeOf(() => ItInterfacePolicy.assertCanModify(outsider, global, 'Global'))).toBe(ErrorCode.Forbidden);
  });

  it('lets only global admins and local admins of the owner delete', () => {
    expect(codeOf(() => ItInterfacePolicy.assertCanDelete(caller([[ORG, 'SystemModuleAdmin']]), local))).toBe(ErrorCode.Forbidden);
    expect(codeOf(() => ItInterfacePolicy.assertCanDelete(caller([[ORG, 'LocalAdmin']]), local))).toBeUndefined();
  });
});
