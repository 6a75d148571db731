import { systemCaller } from '@kitos/common';
import { StaleVersionError, type Stored } from '@kitos/persistence';
import type { AuditRepository } from '../auth/audit.repository';
import type { TokensService } from '../auth/tokens.service';
import type { Organization } from '../organizations/organization';
import type { OrganizationsRepository } from '../organizations/organizations.repository';
import type { User } from '../users/user';
import type { UsersRepository } from '../users/users.repository';
import { OIOSAML3 } from './saml-attributes';
import { SamlLoginService } from './saml-login.service';
import type { IdentityProviderSettings, SamlSettings } from './saml-settings';
import type { SamlUsersRepository } from './saml-users.repository';
import { SamlRefusal } from './saml.errors';
import { defaultPrivilegeRoles } from './privilege-roles';

const NOW = new Date('2026-11-26T12:00:00.000Z');
const CVR_A = '55133018';
const CVR_B = '29189846';
const ORG_A = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
const READ = 'https://kitos.example/roles/usersystemrole/readaccess/1';
const ADMIN = 'https://kitos.example/roles/usersystemrole/localadmin/1';
const idp: IdentityProviderSettings = {
  id: 'kombit',
  displayName: 'KOMBIT',
  entryPoint: 'https://idp.example/sso',
  idpCerts: [],
  issuer: null,
  wantAssertionsEncrypted: true,
  attributeProfile: 'oiosaml3',
  defaultRole: null,
  nameIdFormat: 'urn:oasis:names:tc:SAML:2.0:nameid-format:persistent',
  trustedCvrs: null,
};
const settings = { privilegeRoles: defaultPrivilegeRoles('https://kitos.example') } as unknown as SamlSettings;

const bpp = (groups: Record<string, string[]>) =>
  Buffer.from(
    `<bpp:PrivilegeList xmlns:bpp="http://itst.dk/oiosaml/basic_privilege_profile">${Object.entries(groups)
      .map(
        ([cvr, ps]) =>
          `<PrivilegeGroup Scope="urn:dk:gov:saml:cvrNumberIdentifier:${cvr}">${ps.map((p) => `<Privilege>${p}</Privilege>`).join('')}</PrivilegeGroup>`,
      )
      .join('')}</bpp:PrivilegeList>`,
  ).toString('base64');

const assertion = (groups: Record<string, string[]>, extra: Record<string, string[]> = {}) => ({
  nameId: 'opaque',
  nameIdFormat: 'urn:oasis:names:tc:SAML:2.0:nameid-format:persistent',
  attributes: {
    [OIOSAML3.persistentId]: ['p-1'],
    [OIOSAML3.email]: ['karen@aarhus.example'],
    [OIOSAML3.cvr]: [CVR_A],
    [OIOSAML3.privileges]: [bpp(groups)],
    ...extra,
  },
});

function existing(overrides: Partial<Stored<User>> = {}): Stored<User> {
  return {
    uuid: 'uuuuuuuu-uuuu-4uuu-8uuu-uuuuuuuuuuuu',
    version: 4,
    firstName: 'Karen',
    lastName: 'Jensen',
    email: 'karen@aarhus.example',
    emailKey: 'karen@aarhus.example',
    phoneNumber: null,
    passwordHash: null,
    hasApiAccess: false,
    hasStakeholderAccess: false,
    isSystemIntegrator: false,
    isGlobalAdmin: false,
    rights: [{ organizationUuid: ORG_A, role: 'User' }],
    createdAt: NOW,
    lastModified: NOW,
    ssoIdentities: [{ idp: 'kombit', nameId: 'p-1' }],
    ...overrides,
  };
}

async function reasonOf(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SamlRefusal);
  return (error as SamlRefusal).reason;
}

describe('SamlLoginService', () => {
  let users: jest.Mocked<Pick<UsersRepository, 'findByEmail' | 'insert' | 'update'>>;
  let ssoUsers: jest.Mocked<Pick<SamlUsersRepository, 'findBySsoIdentity'>>;
  let organizations: jest.Mocked<Pick<OrganizationsRepository, 'findByCvr'>>;
  let audit: jest.Mocked<Pick<AuditRepository, 'record'>>;
  let sut: SamlLoginService;
  let ids: number;

  beforeEach(() => {
    ids = 0;
    users = {
      findByEmail: jest.fn().mockResolvedValue(null),
      insert: jest.fn().mockResolvedValue(undefined),
      update: jest.fn().mockResolvedValue(undefined),
    };
    ssoUsers = { findBySsoIdentity: jest.fn().mockResolvedValue(null) };
    organizations = {
      findByCvr: jest.fn(async (cvr: string) => (cvr === CVR_A ? ({ uuid: ORG_A } as Stored<Organization>) : null)),
    };
    audit = { record: jest.fn().mockResolvedValue(undefined) };
    const tokens = { issue: jest.fn().mockResolvedValue({ token: 'jwt', expires: NOW }) } as unknown as TokensService;
    sut = new SamlLoginService(
      users as unknown as UsersRepository,
      ssoUsers as unknown as SamlUsersRepository,
      organizations as unknown as OrganizationsRepository,
      tokens,
      audit as unknown as AuditRepository,
      settings,
      { now: () => NOW },
      { uuid: () => `00000000-0000-4000-8000-00000000000${++ids}` },
    );
  });

  it('provisions a new user with exactly the privileged roles, in organisations that exist, and the SSO identity', async () => {
    await sut.login(systemCaller('c'), idp, assertion({ [CVR_A]: [READ, ADMIN], [CVR_B]: [ADMIN] }));
    const [, state, events] = users.insert.mock.calls[0];
    expect(state).toMatchObject({
      email: 'karen@aarhus.example',
      passwordHash: null,
      rights: [
        { organizationUuid: ORG_A, role: 'User' },
        { organizationUuid: ORG_A, role: 'LocalAdmin' },
      ],
      ssoIdentities: [{ idp: 'kombit', nameId: 'p-1' }],
    });
    expect(events.map((e) => e.type)).toEqual(['identity.user.created']);
  });

  it('leaves a returning user alone when nothing changed (no write, no rights.changed)', async () => {
    ssoUsers.findBySsoIdentity.mockResolvedValue(existing());
    await sut.login(systemCaller('c'), idp, assertion({ [CVR_A]: [READ] }));
    expect(users.update).not.toHaveBeenCalled();
    expect(audit.record.mock.calls.map(([entry]) => entry.action)).toEqual(['login.succeeded']);
  });

  it('adds the SSO identity to a user found by e-mail, and records changed rights with an event', async () => {
    users.findByEmail.mockResolvedValue(existing({ ssoIdentities: undefined }));
    await sut.login(systemCaller('c'), idp, assertion({ [CVR_A]: [ADMIN] }));
    const [uuid, version, set, events] = users.update.mock.calls[0];
    expect([uuid, version]).toEqual(['uuuuuuuu-uuuu-4uuu-8uuu-uuuuuuuuuuuu', 4]);
    expect(set).toMatchObject({
      rights: [{ organizationUuid: ORG_A, role: 'LocalAdmin' }],
      ssoIdentities: [{ idp: 'kombit', nameId: 'p-1' }],
    });
    expect(events.map((e) => e.type)).toEqual(['identity.user.updated']);
    expect(audit.record.mock.calls.map(([entry]) => entry.action)).toEqual(['rights.changed', 'login.succeeded']);
  });

  it('retries when the user changed concurrently', async () => {
    ssoUsers.findBySsoIdentity.mockResolvedValue(existing());
    users.update.mockRejectedValueOnce(new StaleVersionError('u', 4)).mockResolvedValueOnce(undefined);
    await expect(sut.login(systemCaller('c'), idp, assertion({ [CVR_A]: [ADMIN] }))).resolves.toMatchObject({ token: 'jwt' });
    expect(users.update).toHaveBeenCalledTimes(2);
  });

  it('refuses without our privileges, for unknown organisations, API users and new users without e-mail', async () => {
    expect(await reasonOf(sut.login(systemCaller('c'), idp, assertion({ [CVR_A]: ['urn:other'] })))).toBe('missing-privileges');
    expect(await reasonOf(sut.login(systemCaller('c'), idp, assertion({ [CVR_B]: [READ] })))).toBe('unknown-organization');
    ssoUsers.findBySsoIdentity.mockResolvedValueOnce(existing({ hasApiAccess: true }));
    expect(await reasonOf(sut.login(systemCaller('c'), idp, assertion({ [CVR_A]: [READ] })))).toBe('api-user');
    expect(await reasonOf(sut.login(systemCaller('c'), idp, assertion({ [CVR_A]: [READ] }, { [OIOSAML3.email]: [] })))).toBe(
      'missing-email',
    );
    expect(await reasonOf(sut.login(systemCaller('c'), idp, assertion({}, { [OIOSAML3.privileges]: ['bm90IHhtbA=='] })))).toBe(
      'invalid-privileges',
    );
  });

  it('grants the identity provider’s default role in the CVR attribute’s organisation when no privilege of ours comes', async () => {
    await sut.login(systemCaller('c'), { ...idp, defaultRole: 'User' }, assertion({}));
    expect(users.insert.mock.calls[0][1]).toMatchObject({ rights: [{ organizationUuid: ORG_A, role: 'User' }] });
  });

  it('ignores privileges for organisations the identity provider is not trusted for', async () => {
    const limited = { ...idp, trustedCvrs: [CVR_B] };
    expect(await reasonOf(sut.login(systemCaller('c'), limited, assertion({ [CVR_A]: [READ] })))).toBe('missing-privileges');
  });
});
