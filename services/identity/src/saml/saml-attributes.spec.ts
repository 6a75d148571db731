import { OIOSAML2, OIOSAML3, mapSamlAttributes } from './saml-attributes';
import { OioBppError } from './oio-bpp';

const bpp = (cvr: string, privilege: string) =>
  Buffer.from(
    `<bpp:PrivilegeList xmlns:bpp="http://itst.dk/oiosaml/basic_privilege_profile"><PrivilegeGroup Scope="urn:dk:gov:saml:cvrNumberIdentifier:${cvr}"><Privilege>${privilege}</Privilege></PrivilegeGroup></bpp:PrivilegeList>`,
  ).toString('base64');

const PERSISTENT = 'urn:oasis:names:tc:SAML:2.0:nameid-format:persistent';

describe('mapSamlAttributes', () => {
  const oio3 = {
    [OIOSAML3.specVersion]: ['OIO-SAML-3.0'],
    [OIOSAML3.cvr]: ['55133018'],
    [OIOSAML3.persistentId]: ['urn:uuid:7f1c2a52-3f0c-4c7c-9a51-2d5c3b1f4e10'],
    [OIOSAML3.email]: ['karen@aarhus.example'],
    [OIOSAML3.fullName]: ['Karen Marie Jensen'],
    [OIOSAML3.privileges]: [bpp('55133018', 'urn:p:1')],
  };

  it('maps OIOSAML 3: persistent UUID, CVR, e-mail, name split from fullName, privileges', () => {
    const sut = mapSamlAttributes({ nameId: 'opaque', nameIdFormat: PERSISTENT, attributes: oio3 }, 'oiosaml3');
    expect(sut).toEqual({
      persistentId: 'urn:uuid:7f1c2a52-3f0c-4c7c-9a51-2d5c3b1f4e10',
      cvr: '55133018',
      email: 'karen@aarhus.example',
      firstName: 'Karen Marie',
      lastName: 'Jensen',
      privilegeGroups: [{ scope: 'urn:dk:gov:saml:cvrNumberIdentifier:55133018', cvr: '55133018', privileges: ['urn:p:1'] }],
    });
  });

  it('prefers firstName/lastName over fullName when the identity provider sends them', () => {
    const sut = mapSamlAttributes(
      { nameId: null, nameIdFormat: null, attributes: { ...oio3, [OIOSAML3.firstName]: ['Karen'], [OIOSAML3.lastName]: ['Marie Jensen'] } },
      'oiosaml3',
    );
    expect([sut.firstName, sut.lastName]).toEqual(['Karen', 'Marie Jensen']);
  });

  it('maps OIOSAML 2 names (KOMBIT): CVR, Privileges_intermediate, mail, cn/surname, and the NameID as the persistent id', () => {
    const sut = mapSamlAttributes(
      {
        nameId: 'C=DK,O=Aarhus Kommune // CVR:55133018,CN=Jens Hansen,Serial=CVR:55133018-RID:1234',
        nameIdFormat: 'urn:oasis:names:tc:SAML:1.1:nameid-format:X509SubjectName',
        attributes: {
          [OIOSAML2.cvr]: ['55133018'],
          [OIOSAML2.privileges]: [bpp('55133018', 'urn:p:2')],
          [OIOSAML2.email]: ['jens@aarhus.example'],
          [OIOSAML2.fullName]: ['Jens Hansen'],
          [OIOSAML2.lastName]: ['Hansen'],
        },
      },
      'oiosaml2',
    );
    expect(sut).toMatchObject({
      persistentId: 'C=DK,O=Aarhus Kommune // CVR:55133018,CN=Jens Hansen,Serial=CVR:55133018-RID:1234',
      cvr: '55133018',
      email: 'jens@aarhus.example',
      firstName: 'Jens',
      lastName: 'Hansen',
    });
    expect(sut.privilegeGroups[0].privileges).toEqual(['urn:p:2']);
  });

  it('reads only its own names with a fixed profile, and both with auto (OIOSAML 3 first)', () => {
    const attributes = { [OIOSAML2.cvr]: ['29189846'], [OIOSAML3.cvr]: ['55133018'], [OIOSAML2.email]: ['x@y.example'] };
    const at = (profile: 'oiosaml3' | 'oiosaml2' | 'auto') => mapSamlAttributes({ nameId: null, nameIdFormat: null, attributes }, profile);
    expect([at('oiosaml3').cvr, at('oiosaml3').email]).toEqual(['55133018', null]);
    expect(at('oiosaml2').cvr).toBe('29189846');
    expect([at('auto').cvr, at('auto').email]).toEqual(['55133018', 'x@y.example']);
  });

  it('does not take a transient NameID for a persistent identity', () => {
    const sut = mapSamlAttributes(
      { nameId: '_abc', nameIdFormat: 'urn:oasis:names:tc:SAML:2.0:nameid-format:transient', attributes: {} },
      'auto',
    );
    expect(sut.persistentId).toBeNull();
  });

  it('drops an e-mail that is not one and a CVR that is not 8 digits', () => {
    const sut = mapSamlAttributes(
      { nameId: null, nameIdFormat: null, attributes: { [OIOSAML3.email]: ['not-an-email'], [OIOSAML3.cvr]: ['123'] } },
      'auto',
    );
    expect([sut.email, sut.cvr]).toEqual([null, null]);
  });

  it('reads several privilege lists, and fails on one that cannot be read', () => {
    const two = mapSamlAttributes(
      { nameId: null, nameIdFormat: null, attributes: { [OIOSAML3.privileges]: [bpp('55133018', 'urn:a'), bpp('29189846', 'urn:b')] } },
      'oiosaml3',
    );
    expect(two.privilegeGroups.map((g) => g.cvr)).toEqual(['55133018', '29189846']);
    expect(() =>
      mapSamlAttributes({ nameId: null, nameIdFormat: null, attributes: { [OIOSAML3.privileges]: ['PGJyb2tlbg=='] } }, 'auto'),
    ).toThrow(OioBppError);
  });
});
