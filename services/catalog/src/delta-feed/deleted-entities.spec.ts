import { systemCaller, type CallerContext } from '@kitos/common';
import { deletedEntityFilter } from './deleted-entities';

const A = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
const B = 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb';

function caller(overrides: Partial<CallerContext>): CallerContext {
  return { ...systemCaller('c'), kind: 'user', userUuid: 'u', isGlobalAdmin: false, organizationRoles: [], ...overrides };
}

describe('deletedEntityFilter', () => {
  it('shows global admins everything', () => {
    expect(deletedEntityFilter(caller({ isGlobalAdmin: true }), false)).toEqual({});
  });

  it('shows a municipality member their own deletions and shared catalogue entries', () => {
    const member = caller({ organizationRoles: [{ organizationUuid: A, role: 'User' }], crossOrganizationRead: 'Public' });
    expect(deletedEntityFilter(member, true)).toEqual({ $or: [{ organizationUuid: { $in: [A] } }, { scope: 'Global' }] });
    expect(deletedEntityFilter(member, false)).toEqual({ organizationUuid: { $in: [A] } });
  });

  it('adds systems of the organisations where the caller is rights holder', () => {
    const holder = caller({
      organizationRoles: [{ organizationUuid: B, role: 'RightsHolderAccess' }],
      crossOrganizationRead: 'RightsHolder',
    });
    expect(deletedEntityFilter(holder, true)).toEqual({
      $or: [{ organizationUuid: { $in: [B] } }, { rightsHolderUuid: { $in: [B] } }],
    });
  });

  it('shows nothing to a caller without any organisation', () => {
    expect(deletedEntityFilter(caller({ crossOrganizationRead: 'None' }), true)).toBeNull();
  });
});
