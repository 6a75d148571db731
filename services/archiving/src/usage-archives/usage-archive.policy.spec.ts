import { ErrorCode, type CallerContext } from '@kitos/common';
import { UsageArchivePolicy } from './usage-archive.policy';

const ORG = '11111111-1111-4111-8111-111111111111';
const OTHER = '22222222-2222-4222-8222-222222222222';
const usage = { uuid: '33333333-3333-4333-8333-333333333333', organizationUuid: ORG };

const caller = (roles: Array<[string, string]>, isGlobalAdmin = false): CallerContext => ({
  kind: 'user',
  userUuid: '44444444-4444-4444-8444-444444444444',
  isGlobalAdmin,
  organizationRoles: roles.map(([organizationUuid, role]) => ({ organizationUuid, role })),
  crossOrganizationRead: 'Public',
  isStakeholder: false,
  correlationId: 'c',
});

const codeOf = (f: () => void): ErrorCode | null => {
  try {
    f();
    return null;
  } catch (error) {
    return (error as { code: ErrorCode }).code;
  }
};

describe('UsageArchivePolicy', () => {
  it.each([
    ['a global admin', caller([], true), null, null],
    ['a local admin', caller([[ORG, 'LocalAdmin']]), null, null],
    ['a system-module admin', caller([[ORG, 'SystemModuleAdmin']]), null, null],
    ['a plain user', caller([[ORG, 'User']]), null, ErrorCode.Forbidden],
    ['a contract-module admin', caller([[ORG, 'ContractModuleAdmin']]), null, ErrorCode.Forbidden],
    ['a local admin of another organisation', caller([[OTHER, 'LocalAdmin']]), ErrorCode.Forbidden, ErrorCode.Forbidden],
  ])('%s: read %s, write %s', (_name, who, read, write) => {
    expect(codeOf(() => UsageArchivePolicy.assertCanRead(who, usage))).toBe(read);
    expect(codeOf(() => UsageArchivePolicy.assertCanModify(who, usage))).toBe(write);
  });

  it('lets only members read the organisation lists', () => {
    expect(codeOf(() => UsageArchivePolicy.assertCanReadOrganization(caller([[ORG, 'User']]), ORG))).toBeNull();
    expect(codeOf(() => UsageArchivePolicy.assertCanReadOrganization(caller([[OTHER, 'User']]), ORG))).toBe(ErrorCode.Forbidden);
  });
});
