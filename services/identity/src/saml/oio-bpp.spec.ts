import { OioBppError, parseOioBpp } from './oio-bpp';

const NS = 'xmlns:bpp="http://itst.dk/oiosaml/basic_privilege_profile"';
const base64 = (xml: string) => Buffer.from(xml).toString('base64');

describe('parseOioBpp', () => {
  it('reads the privilege groups of a base64 privilege list, with the CVR of each scope', () => {
    const sut = parseOioBpp(
      base64(
        `<?xml version="1.0" encoding="UTF-8"?><bpp:PrivilegeList ${NS}>` +
          '<PrivilegeGroup Scope="urn:dk:gov:saml:cvrNumberIdentifier:55133018">' +
          '<Privilege>https://kitos.dk/roles/usersystemrole/readaccess/1</Privilege>' +
          '<Privilege> https://kitos.dk/roles/usersystemrole/localadmin/1 </Privilege>' +
          '<Constraint Name="urn:dk:kombit:KLE">00.*</Constraint>' +
          '</PrivilegeGroup>' +
          '<PrivilegeGroup Scope="urn:dk:gov:saml:cvrNumberIdentifier:29189846"><Privilege>urn:x</Privilege></PrivilegeGroup>' +
          '</bpp:PrivilegeList>',
      ),
    );
    expect(sut).toEqual([
      {
        scope: 'urn:dk:gov:saml:cvrNumberIdentifier:55133018',
        cvr: '55133018',
        privileges: ['https://kitos.dk/roles/usersystemrole/readaccess/1', 'https://kitos.dk/roles/usersystemrole/localadmin/1'],
      },
      { scope: 'urn:dk:gov:saml:cvrNumberIdentifier:29189846', cvr: '29189846', privileges: ['urn:x'] },
    ]);
  });

  it('accepts the list as XML text and namespaced group and privilege elements', () => {
    const sut = parseOioBpp(
      `<bpp:PrivilegeList ${NS}><bpp:PrivilegeGroup Scope="urn:dk:gov:saml:cvrNumberIdentifier:55133018"><bpp:Privilege>urn:p</bpp:Privilege></bpp:PrivilegeGroup></bpp:PrivilegeList>`,
    );
    expect(sut).toEqual([{ scope: 'urn:dk:gov:saml:cvrNumberIdentifier:55133018', cvr: '55133018', privileges: ['urn:p'] }]);
  });

  it('gives no CVR for groups scoped otherwise (e.g. a production unit)', () => {
    const [group] = parseOioBpp(
      `<bpp:PrivilegeList ${NS}><PrivilegeGroup Scope="urn:dk:gov:saml:productionUnitIdentifier:1003388394"><Privilege>urn:p</Privilege></PrivilegeGroup></bpp:PrivilegeList>`,
    );
    expect(group.cvr).toBeNull();
  });

  it.each([
    ['not XML', base64('just text')],
    ['neither XML nor base64', '%%% not base64 %%%'],
    ['another root element', base64('<Privileges><Privilege>urn:p</Privilege></Privileges>')],
    ['a DTD (entity expansion)', base64(`<!DOCTYPE x [<!ENTITY a "aaaa">]><bpp:PrivilegeList ${NS}/>`)],
    ['unclosed elements', base64(`<bpp:PrivilegeList ${NS}><PrivilegeGroup>`)],
  ])('refuses %s', (_what, value) => {
    expect(() => parseOioBpp(value)).toThrow(OioBppError);
  });
});
