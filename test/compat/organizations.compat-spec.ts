import { randomUUID } from 'node:crypto';
import { resetJetStream } from '@kitos/testing';
import { adminToken, bearer, createOrganization, createUser, sessionOf } from '../support/identity';
import { http, startSystem, type RunningSystem } from '../support/system';
import { expectProblem, uuidsOf } from './support/expectations';
import { KitosCompatClient } from './support/kitos-client';

/** KITOS API v2 as an existing integration (an IdM, OS2rollekatalog) reads organisations, their users and units. */

const ORGS = '/api/v2/organizations';
const EMPTY = '00000000-0000-0000-0000-000000000000';

const EXPECTED = [
  `GET ${ORGS}`,
  `GET ${ORGS}/{organizationUuid}`,
  `GET ${ORGS}/{organizationUuid}/users`,
  `GET ${ORGS}/{organizationUuid}/users/{userUuid}`,
  `GET ${ORGS}/{organizationUuid}/organization-units`,
  `GET ${ORGS}/{organizationUuid}/organization-units/{organizationUnitUuid}`,
];

type Organization = { uuid: string; name: string; cvr: string | null; organizationType: string };
type User = {
  uuid: string;
  name: string;
  firstName: string;
  lastName: string;
  email: string;
  phoneNumber: string | null;
  apiAccess: boolean;
  roles: string[];
};
type Unit = {
  uuid: string;
  name: string;
  parentOrganizationUnit: { uuid: string } | null;
  ean: number | null;
  unitId: string | null;
  origin: string;
  lastModified: string;
};

describe('KITOS API v2 compatibility: organizations, users and organization units', () => {
  let system: RunningSystem;
  const kitos = new KitosCompatClient(() => system.gatewayUrl, EXPECTED);
  let api: ReturnType<typeof http>;
  let admin: string;
  let org: string;
  let orgName: string;
  let otherOrg: string;
  let la: { uuid: string; email: string; token: string };
  let apiUser: { uuid: string; email: string };
  let outsider: string;

  beforeAll(async () => {
    await resetJetStream();
    system = await startSystem({ services: ['identity'] });
    api = http(system.gatewayUrl);
    admin = await adminToken(api);
    orgName = `Compatkommune ${randomUUID().slice(0, 6)}`;
    org = await createOrganization(api, admin, { name: orgName, cvr: '29189838' });
    otherOrg = await createOrganization(api, admin);
    const laUser = await createUser(api, admin, [
      { organizationUuid: org, role: 'LocalAdmin' },
      { organizationUuid: org, role: 'User' },
    ]);
    la = { uuid: laUser.uuid, email: laUser.email, token: await sessionOf(api, laUser) };
    apiUser = await createUser(api, admin, [{ organizationUuid: org, role: 'User' }], { hasApiAccess: true });
    outsider = await sessionOf(api, await createUser(api, admin, [{ organizationUuid: otherOrg, role: 'LocalAdmin' }]));
  });

  afterAll(async () => {
    if (system) kitos.report('organizations');
    await system?.close();
  });

  describe('organizations', () => {
    it('reads one organisation: 200, unknown 404, empty guid 400', async () => {
      const one = await kitos.get<Organization>(`${ORGS}/${org}`, la.token);
      expect(one.status).toBe(200);
      expect(one.body).toMatchObject({ uuid: org, name: orgName, cvr: '29189838', organizationType: 'Municipality' });
      expectProblem(await kitos.get(`${ORGS}/${randomUUID()}`, la.token), 404);
      expectProblem(await kitos.get(`${ORGS}/${EMPTY}`, la.token), 400);
    });

    it('lists with nameContent, cvrContent, nameOrCvrContent, uuid, onlyWhereUserHasMembership and paging', async () => {
      const q = (query: string, token = la.token) => kitos.get<Organization[]>(`${ORGS}?${query}`, token);
      const name = encodeURIComponent(orgName.slice(-10));
      expect(uuidsOf(await q(`nameContent=${name}`))).toEqual([org]);
      expect(uuidsOf(await q('cvrContent=2918983'))).toContain(org);
      expect(uuidsOf(await q(`nameOrCvrContent=${name}`))).toEqual([org]);
      expect(uuidsOf(await q('nameOrCvrContent=189838'))).toContain(org);
      expect(uuidsOf(await q(`uuid=${otherOrg}`))).toEqual([otherOrg]);
      expectProblem(await q(`uuid=${EMPTY}`), 400, 'uuid');
      expect(uuidsOf(await q('onlyWhereUserHasMembership=true'))).toEqual([org]);
      expect(uuidsOf(await q('onlyWhereUserHasMembership=true', outsider))).toEqual([otherOrg]);
      expect(uuidsOf(await q('onlyWhereUserHasMembership=false&pageSize=250')).length).toBeGreaterThanOrEqual(2);
      expectProblem(await q('onlyWhereUserHasMembership=yes'), 400, 'onlyWhereUserHasMembership');
      const all = uuidsOf(await q('pageSize=250'));
      const paged = [...uuidsOf(await q('pageSize=1&page=0')), ...uuidsOf(await q('pageSize=1&page=1'))];
      expect(paged).toEqual(all.slice(0, 2));
    });
  });

  describe('users', () => {
    it("lists members in KITOS's shape (apiAccess, roles in the organisation) with nameOrEmailQuery, emailQuery, roleQuery and paging", async () => {
      const base = `${ORGS}/${org}/users`;
      const listed = await kitos.get<User[]>(`${base}?emailQuery=${encodeURIComponent(apiUser.email.toUpperCase())}`, la.token);
      expect(listed.status).toBe(200);
      expect(listed.body).toHaveLength(1);
      expect(listed.body[0]).toMatchObject({
        uuid: apiUser.uuid,
        firstName: 'Test',
        lastName: 'Bruger',
        name: 'Test Bruger',
        email: apiUser.email,
        phoneNumber: null,
        apiAccess: true,
        roles: ['User'],
      });
      const mine = await kitos.get<User[]>(`${base}?emailQuery=${encodeURIComponent(la.email)}`, la.token);
      expect(mine.body[0]).toMatchObject({ apiAccess: false });
      expect([...mine.body[0].roles].sort()).toEqual(['LocalAdmin', 'User']);
      expect(uuidsOf(await kitos.get(`${base}?emailQuery=${encodeURIComponent(apiUser.email.slice(1))}`, la.token))).toEqual([]);
      expect(uuidsOf(await kitos.get(`${base}?nameOrEmailQuery=${encodeURIComponent(apiUser.email.slice(2, 20))}`, la.token))).toEqual([
        apiUser.uuid,
      ]);
      expect(uuidsOf(await kitos.get(`${base}?roleQuery=LocalAdmin`, la.token))).toEqual([la.uuid]);
      const all = uuidsOf(await kitos.get(`${base}`, la.token));
      expect(all.sort()).toEqual([la.uuid, apiUser.uuid].sort());
      const paged = [
        ...uuidsOf(await kitos.get(`${base}?pageSize=1&page=0`, la.token)),
        ...uuidsOf(await kitos.get(`${base}?pageSize=1&page=1`, la.token)),
      ];
      expect(paged.sort()).toEqual(all.sort());
    });

    it('answers 403 to non-members and 404 for an unknown organisation (as KITOS)', async () => {
      expectProblem(await kitos.get(`${ORGS}/${org}/users`, outsider), 403);
      expectProblem(await kitos.get(`${ORGS}/${randomUUID()}/users`, la.token), 404);
      expectProblem(await kitos.get(`${ORGS}/${EMPTY}/users`, la.token), 400);
    });

    it('reads one user of the organisation; 404 when the user holds no role there', async () => {
      const one = await kitos.get<User>(`${ORGS}/${org}/users/${apiUser.uuid}`, la.token);
      expect(one.status).toBe(200);
      expect(one.body).toMatchObject({ uuid: apiUser.uuid, apiAccess: true, roles: ['User'] });
      const elsewhere = await createUser(api, admin, [{ organizationUuid: otherOrg, role: 'User' }]);
      expectProblem(await kitos.get(`${ORGS}/${org}/users/${elsewhere.uuid}`, la.token), 404);
      expectProblem(await kitos.get(`${ORGS}/${org}/users/${randomUUID()}`, la.token), 404);
      expectProblem(await kitos.get(`${ORGS}/${org}/users/${apiUser.uuid}`, outsider), 403);
      expectProblem(await kitos.get(`${ORGS}/${randomUUID()}/users/${apiUser.uuid}`, la.token), 404);
    });
  });

  describe('X-KITOS-SERIALIZE-ENUM-AS-INTEGER', () => {
    it("answers enums as KITOS's integers when asked, as names otherwise", async () => {
      const header = { 'X-KITOS-SERIALIZE-ENUM-AS-INTEGER': 'true' };
      const asInteger = await kitos.get<Organization & { organizationType: unknown }>(`${ORGS}/${org}`, la.token, header);
      expect(asInteger.body.organizationType).toBe(1);
      const listed = await kitos.get<Array<{ uuid: string; organizationType: unknown }>>(`${ORGS}?uuid=${org}`, la.token, header);
      expect(listed.body).toEqual([expect.objectContaining({ uuid: org, organizationType: 1 })]);
      const user = await kitos.get<{ roles: unknown[] }>(`${ORGS}/${org}/users/${la.uuid}`, la.token, header);
      expect([...user.body.roles].sort()).toEqual([0, 1]);
      expect(
        (await kitos.get<Organization>(`${ORGS}/${org}`, la.token, { 'X-KITOS-SERIALIZE-ENUM-AS-INTEGER': 'false' })).body.organizationType,
      ).toBe('Municipality');
      expect((await kitos.get<Organization>(`${ORGS}/${org}`, la.token)).body.organizationType).toBe('Municipality');
    });
  });

  describe('organization units', () => {
    it('lists with nameQuery, changedSinceGtEq (oldest change first) and paging; reads one', async () => {
      const base = `${ORGS}/${org}/organization-units`;
      const [root] = (await kitos.get<Unit[]>(base, la.token)).body;
      const create = async (name: string) => (await api.post<Unit>(base, { name, parentUuid: root.uuid }, bearer(la.token))).body;
      const a = await create('Borgerservice');
      const b = await create('Jobcenter');
      const c = await create('Teknik og Miljø');
      // b's write answered before c's began, through the gateway, the bus and the store: c is later by at least a millisecond
      const since = c.lastModified;
      expect((await api.patch(`${base}/${a.uuid}`, { name: 'Borgerservice Syd' }, bearer(la.token))).status).toBe(200);

      const listed = await kitos.get<Unit[]>(base, la.token);
      expect(uuidsOf(listed)).toEqual([root.uuid, a.uuid, b.uuid, c.uuid]);
      expect(listed.body[1]).toMatchObject({
        name: 'Borgerservice Syd',
        parentOrganizationUnit: { uuid: root.uuid },
        ean: null,
        unitId: null,
        origin: 'Kitos',
      });
      expect(uuidsOf(await kitos.get(`${base}?nameQuery=job`, la.token))).toEqual([b.uuid]);
      expect(uuidsOf(await kitos.get(`${base}?changedSinceGtEq=${encodeURIComponent(since)}`, la.token))).toEqual([c.uuid, a.uuid]);
      const paged = [
        ...uuidsOf(await kitos.get(`${base}?pageSize=3&page=0`, la.token)),
        ...uuidsOf(await kitos.get(`${base}?pageSize=3&page=1`, la.token)),
      ];
      expect(paged).toEqual([root.uuid, a.uuid, b.uuid, c.uuid]);
      expectProblem(await kitos.get(`${base}?changedSinceGtEq=igår`, la.token), 400, 'changedSinceGtEq');
      expectProblem(await kitos.get(base, outsider), 403);

      const one = await kitos.get<Unit>(`${base}/${b.uuid}`, la.token);
      expect(one.status).toBe(200);
      expect(one.body).toMatchObject({ uuid: b.uuid, name: 'Jobcenter' });
      expectProblem(await kitos.get(`${base}/${randomUUID()}`, la.token), 404);
    });
  });
});
