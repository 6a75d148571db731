import { defaultPrivilegeRoles, privilegeUri, rolesFromPrivileges } from './privilege-roles';

describe('privilege roles', () => {
  it('names a privilege URI per role under the SP entity ID, as KITOS does (readaccess = User)', () => {
    expect(privilegeUri('https://kitos.example/', 'User')).toBe('https://kitos.example/roles/usersystemrole/readaccess/1');
    expect(privilegeUri('https://kitos.example', 'SystemModuleAdmin')).toBe(
      'https://kitos.example/roles/usersystemrole/systemmoduleadmin/1',
    );
  });

  it('has no default privilege for rights-holder access (only global administrators grant it)', () => {
    expect([...defaultPrivilegeRoles('https://kitos.example').values()]).not.toContain('RightsHolderAccess');
    expect(privilegeUri('https://kitos.example', 'RightsHolderAccess')).toBeNull();
  });

  it('turns privileges into roles per CVR, once each, ignoring other systems and groups without a CVR', () => {
    const sut = rolesFromPrivileges(
      [
        {
          scope: 'urn:dk:gov:saml:cvrNumberIdentifier:55133018',
          cvr: '55133018',
          privileges: [
            'https://kitos.example/roles/usersystemrole/readaccess/1',
            'https://kitos.example/roles/usersystemrole/readaccess/1',
            'https://other.example/roles/usersystemrole/admin/1',
          ],
        },
        { scope: 'urn:x', cvr: null, privileges: ['https://kitos.example/roles/usersystemrole/localadmin/1'] },
        {
          scope: 'urn:dk:gov:saml:cvrNumberIdentifier:29189846',
          cvr: '29189846',
          privileges: ['https://kitos.example/roles/usersystemrole/localadmin/1'],
        },
      ],
      defaultPrivilegeRoles('https://kitos.example'),
    );
    expect(sut).toEqual([
      { cvr: '55133018', role: 'User' },
      { cvr: '29189846', role: 'LocalAdmin' },
    ]);
  });
});
