import { randomUUID } from 'node:crypto';
import { eventually, resetJetStream } from '@kitos/testing';
import { adminToken, createOrganization, createUser, sessionOf } from '../support/identity';
import { http, startSystem, type RunningSystem } from '../support/system';

type Api = ReturnType<typeof http>;
type Cell = number | string;

/** The callers of the matrix: roles in organisation A (a municipality), a user of C (a company), a stakeholder, nobody. */
const ROLES = [
  'GlobalAdmin',
  'A:LocalAdmin',
  'A:SystemModuleAdmin',
  'A:OrganizationModuleAdmin',
  'A:RightsHolderAccess',
  'A:User',
  'C:User',
  'Stakeholder',
  'Anonymous',
] as const;
type Role = (typeof ROLES)[number];

/**
 * Expected answer of every (action, caller) cell. Numbers are HTTP statuses; for lists, the letters say which of
 * A's and B's Global (g) and Local (l) systems the caller sees. Derived from the KITOS rules (kitos-reference §4):
 * own organisation readable by any role; other organisations' Global entries readable from a municipality (Public
 * level) but not by rights-holder users or members of a company only; Local entries of others never (stakeholders and
 * global admins excepted); a system one may not read is 404, one one may read but not change is 403.
 */
// prettier-ignore
const EXPECTED: Record<string, Record<Role, Cell>> = {
  'GET system A/global':      { GlobalAdmin: 200, 'A:LocalAdmin': 200, 'A:SystemModuleAdmin': 200, 'A:OrganizationModuleAdmin': 200, 'A:RightsHolderAccess': 200, 'A:User': 200, 'C:User': 404, Stakeholder: 200, Anonymous: 401 },
  'GET system A/local':       { GlobalAdmin: 200, 'A:LocalAdmin': 200, 'A:SystemModuleAdmin': 200, 'A:OrganizationModuleAdmin': 200, 'A:RightsHolderAccess': 200, 'A:User': 200, 'C:User': 404, Stakeholder: 200, Anonymous: 401 },
  'GET system B/global':      { GlobalAdmin: 200, 'A:LocalAdmin': 200, 'A:SystemModuleAdmin': 200, 'A:OrganizationModuleAdmin': 200, 'A:RightsHolderAccess': 404, 'A:User': 200, 'C:User': 404, Stakeholder: 200, Anonymous: 401 },
  'GET system B/local':       { GlobalAdmin: 200, 'A:LocalAdmin': 404, 'A:SystemModuleAdmin': 404, 'A:OrganizationModuleAdmin': 404, 'A:RightsHolderAccess': 404, 'A:User': 404, 'C:User': 404, Stakeholder: 200, Anonymous: 401 },
  'LIST systems (A,B)':       { GlobalAdmin: 'Ag Al Bg Bl', 'A:LocalAdmin': 'Ag Al Bg', 'A:SystemModuleAdmin': 'Ag Al Bg', 'A:OrganizationModuleAdmin': 'Ag Al Bg', 'A:RightsHolderAccess': 'Ag Al', 'A:User': 'Ag Al Bg', 'C:User': '-', Stakeholder: 'Ag Al Bg Bl', Anonymous: 401 },
  'REPORT systems (A,B)':     { GlobalAdmin: 'Ag Al Bg Bl', 'A:LocalAdmin': 'Ag Al Bg', 'A:SystemModuleAdmin': 'Ag Al Bg', 'A:OrganizationModuleAdmin': 'Ag Al Bg', 'A:RightsHolderAccess': 'Ag Al', 'A:User': 'Ag Al Bg', 'C:User': '-', Stakeholder: 'Ag Al Bg Bl', Anonymous: 401 },
  'PATCH system A/global':    { GlobalAdmin: 200, 'A:LocalAdmin': 200, 'A:SystemModuleAdmin': 200, 'A:OrganizationModuleAdmin': 403, 'A:RightsHolderAccess': 200, 'A:User': 403, 'C:User': 404, Stakeholder: 403, Anonymous: 401 },
  'PATCH scope A/global':     { GlobalAdmin: 200, 'A:LocalAdmin': 403, 'A:SystemModuleAdmin': 403, 'A:OrganizationModuleAdmin': 403, 'A:RightsHolderAccess': 403, 'A:User': 403, 'C:User': 404, Stakeholder: 403, Anonymous: 401 },
  'PATCH system B/global':    { GlobalAdmin: 200, 'A:LocalAdmin': 403, 'A:SystemModuleAdmin': 403, 'A:OrganizationModuleAdmin': 403, 'A:RightsHolderAccess': 404, 'A:User': 403, 'C:User': 404, Stakeholder: 403, Anonymous: 401 },
  'PATCH system B/local':     { GlobalAdmin: 200, 'A:LocalAdmin': 404, 'A:SystemModuleAdmin': 404, 'A:OrganizationModuleAdmin': 404, 'A:RightsHolderAccess': 404, 'A:User': 404, 'C:User': 404, Stakeholder: 403, Anonymous: 401 },
  'DELETE system A/global':   { GlobalAdmin: 204, 'A:LocalAdmin': 204, 'A:SystemModuleAdmin': 403, 'A:OrganizationModuleAdmin': 403, 'A:RightsHolderAccess': 403, 'A:User': 403, 'C:User': 404, Stakeholder: 403, Anonymous: 401 },
  'DELETE system B/global':   { GlobalAdmin: 204, 'A:LocalAdmin': 403, 'A:SystemModuleAdmin': 403, 'A:OrganizationModuleAdmin': 403, 'A:RightsHolderAccess': 404, 'A:User': 403, 'C:User': 404, Stakeholder: 403, Anonymous: 401 },
  'POST system in A':         { GlobalAdmin: 201, 'A:LocalAdmin': 403, 'A:SystemModuleAdmin': 403, 'A:OrganizationModuleAdmin': 403, 'A:RightsHolderAccess': 201, 'A:User': 403, 'C:User': 403, Stakeholder: 403, Anonymous: 401 },
  'POST system in B':         { GlobalAdmin: 201, 'A:LocalAdmin': 403, 'A:SystemModuleAdmin': 403, 'A:OrganizationModuleAdmin': 403, 'A:RightsHolderAccess': 403, 'A:User': 403, 'C:User': 403, Stakeholder: 403, Anonymous: 401 },
  'GET organization B':       { GlobalAdmin: 200, 'A:LocalAdmin': 200, 'A:SystemModuleAdmin': 200, 'A:OrganizationModuleAdmin': 200, 'A:RightsHolderAccess': 200, 'A:User': 200, 'C:User': 200, Stakeholder: 200, Anonymous: 401 },
  'master data of B shown':   { GlobalAdmin: 'yes', 'A:LocalAdmin': 'no', 'A:SystemModuleAdmin': 'no', 'A:OrganizationModuleAdmin': 'no', 'A:RightsHolderAccess': 'no', 'A:User': 'no', 'C:User': 'no', Stakeholder: 'no', Anonymous: 401 },
  'GET users of A':           { GlobalAdmin: 200, 'A:LocalAdmin': 200, 'A:SystemModuleAdmin': 200, 'A:OrganizationModuleAdmin': 200, 'A:RightsHolderAccess': 200, 'A:User': 200, 'C:User': 403, Stakeholder: 403, Anonymous: 401 },
  'GET users of B':           { GlobalAdmin: 200, 'A:LocalAdmin': 403, 'A:SystemModuleAdmin': 403, 'A:OrganizationModuleAdmin': 403, 'A:RightsHolderAccess': 403, 'A:User': 403, 'C:User': 403, Stakeholder: 403, Anonymous: 401 },
  'POST user into A':         { GlobalAdmin: 201, 'A:LocalAdmin': 201, 'A:SystemModuleAdmin': 403, 'A:OrganizationModuleAdmin': 201, 'A:RightsHolderAccess': 403, 'A:User': 403, 'C:User': 403, Stakeholder: 403, Anonymous: 401 },
  'POST user into B':         { GlobalAdmin: 201, 'A:LocalAdmin': 403, 'A:SystemModuleAdmin': 403, 'A:OrganizationModuleAdmin': 403, 'A:RightsHolderAccess': 403, 'A:User': 403, 'C:User': 403, Stakeholder: 403, Anonymous: 401 },
  'GET units of A':           { GlobalAdmin: 200, 'A:LocalAdmin': 200, 'A:SystemModuleAdmin': 200, 'A:OrganizationModuleAdmin': 200, 'A:RightsHolderAccess': 200, 'A:User': 200, 'C:User': 403, Stakeholder: 403, Anonymous: 401 },
  'GET units of B':           { GlobalAdmin: 200, 'A:LocalAdmin': 403, 'A:SystemModuleAdmin': 403, 'A:OrganizationModuleAdmin': 403, 'A:RightsHolderAccess': 403, 'A:User': 403, 'C:User': 403, Stakeholder: 403, Anonymous: 401 },
  'POST unit in A':           { GlobalAdmin: 201, 'A:LocalAdmin': 201, 'A:SystemModuleAdmin': 403, 'A:OrganizationModuleAdmin': 201, 'A:RightsHolderAccess': 403, 'A:User': 403, 'C:User': 403, Stakeholder: 403, Anonymous: 401 },
  'POST unit in B':           { GlobalAdmin: 201, 'A:LocalAdmin': 403, 'A:SystemModuleAdmin': 403, 'A:OrganizationModuleAdmin': 403, 'A:RightsHolderAccess': 403, 'A:User': 403, 'C:User': 403, Stakeholder: 403, Anonymous: 401 },
  'GET audit log of A':       { GlobalAdmin: 200, 'A:LocalAdmin': 200, 'A:SystemModuleAdmin': 403, 'A:OrganizationModuleAdmin': 403, 'A:RightsHolderAccess': 403, 'A:User': 403, 'C:User': 403, Stakeholder: 403, Anonymous: 401 },
  'GET SCIM credentials of A': { GlobalAdmin: 200, 'A:LocalAdmin': 200, 'A:SystemModuleAdmin': 403, 'A:OrganizationModuleAdmin': 403, 'A:RightsHolderAccess': 403, 'A:User': 403, 'C:User': 403, Stakeholder: 403, Anonymous: 401 },
  'GET SCIM credentials of B': { GlobalAdmin: 200, 'A:LocalAdmin': 403, 'A:SystemModuleAdmin': 403, 'A:OrganizationModuleAdmin': 403, 'A:RightsHolderAccess': 403, 'A:User': 403, 'C:User': 403, Stakeholder: 403, Anonymous: 401 },
  'PUT SCIM group mappings of B': { GlobalAdmin: 200, 'A:LocalAdmin': 403, 'A:SystemModuleAdmin': 403, 'A:OrganizationModuleAdmin': 403, 'A:RightsHolderAccess': 403, 'A:User': 403, 'C:User': 403, Stakeholder: 403, Anonymous: 401 },
  'POST organization': { GlobalAdmin: 201, 'A:LocalAdmin': 403, 'A:SystemModuleAdmin': 403, 'A:OrganizationModuleAdmin': 403, 'A:RightsHolderAccess': 403, 'A:User': 403, 'C:User': 403, Stakeholder: 403, Anonymous: 401 },
  'DELETE organization B': { GlobalAdmin: 204, 'A:LocalAdmin': 403, 'A:SystemModuleAdmin': 403, 'A:OrganizationModuleAdmin': 403, 'A:RightsHolderAccess': 403, 'A:User': 403, 'C:User': 403, Stakeholder: 403, Anonymous: 401 },
  'GET a user of A': { GlobalAdmin: 200, 'A:LocalAdmin': 200, 'A:SystemModuleAdmin': 200, 'A:OrganizationModuleAdmin': 200, 'A:RightsHolderAccess': 200, 'A:User': 200, 'C:User': 404, Stakeholder: 404, Anonymous: 401 },
  'PATCH API access of A user': { GlobalAdmin: 200, 'A:LocalAdmin': 200, 'A:SystemModuleAdmin': 403, 'A:OrganizationModuleAdmin': 200, 'A:RightsHolderAccess': 403, 'A:User': 403, 'C:User': 404, Stakeholder: 404, Anonymous: 401 },
  'PATCH API access of B user': { GlobalAdmin: 200, 'A:LocalAdmin': 404, 'A:SystemModuleAdmin': 404, 'A:OrganizationModuleAdmin': 404, 'A:RightsHolderAccess': 404, 'A:User': 404, 'C:User': 404, Stakeholder: 404, Anonymous: 401 },
  'DELETE a user': { GlobalAdmin: 204, 'A:LocalAdmin': 403, 'A:SystemModuleAdmin': 403, 'A:OrganizationModuleAdmin': 403, 'A:RightsHolderAccess': 403, 'A:User': 403, 'C:User': 403, Stakeholder: 403, Anonymous: 401 },
  'grant User role in A': { GlobalAdmin: 200, 'A:LocalAdmin': 200, 'A:SystemModuleAdmin': 403, 'A:OrganizationModuleAdmin': 200, 'A:RightsHolderAccess': 403, 'A:User': 403, 'C:User': 403, Stakeholder: 403, Anonymous: 401 },
  'grant User role in B': { GlobalAdmin: 200, 'A:LocalAdmin': 403, 'A:SystemModuleAdmin': 403, 'A:OrganizationModuleAdmin': 403, 'A:RightsHolderAccess': 403, 'A:User': 403, 'C:User': 403, Stakeholder: 403, Anonymous: 401 },
  'PATCH unit in A': { GlobalAdmin: 200, 'A:LocalAdmin': 200, 'A:SystemModuleAdmin': 403, 'A:OrganizationModuleAdmin': 200, 'A:RightsHolderAccess': 403, 'A:User': 403, 'C:User': 403, Stakeholder: 403, Anonymous: 401 },
  'DELETE unit in A': { GlobalAdmin: 204, 'A:LocalAdmin': 204, 'A:SystemModuleAdmin': 403, 'A:OrganizationModuleAdmin': 403, 'A:RightsHolderAccess': 403, 'A:User': 403, 'C:User': 403, Stakeholder: 403, Anonymous: 401 },
  'DELETE unit in B': { GlobalAdmin: 204, 'A:LocalAdmin': 403, 'A:SystemModuleAdmin': 403, 'A:OrganizationModuleAdmin': 403, 'A:RightsHolderAccess': 403, 'A:User': 403, 'C:User': 403, Stakeholder: 403, Anonymous: 401 },
  'GET role types': { GlobalAdmin: 200, 'A:LocalAdmin': 200, 'A:SystemModuleAdmin': 200, 'A:OrganizationModuleAdmin': 200, 'A:RightsHolderAccess': 200, 'A:User': 200, 'C:User': 200, Stakeholder: 200, Anonymous: 401 },
  'POST role type': { GlobalAdmin: 201, 'A:LocalAdmin': 403, 'A:SystemModuleAdmin': 403, 'A:OrganizationModuleAdmin': 403, 'A:RightsHolderAccess': 403, 'A:User': 403, 'C:User': 403, Stakeholder: 403, Anonymous: 401 },
  'GET audit log of B':       { GlobalAdmin: 200, 'A:LocalAdmin': 403, 'A:SystemModuleAdmin': 403, 'A:OrganizationModuleAdmin': 403, 'A:RightsHolderAccess': 403, 'A:User': 403, 'C:User': 403, Stakeholder: 403, Anonymous: 401 },
  'assign unit role in A':    { GlobalAdmin: 200, 'A:LocalAdmin': 200, 'A:SystemModuleAdmin': 403, 'A:OrganizationModuleAdmin': 200, 'A:RightsHolderAccess': 403, 'A:User': 403, 'C:User': 403, Stakeholder: 403, Anonymous: 401 },
  'assign unit role in B':    { GlobalAdmin: 200, 'A:LocalAdmin': 403, 'A:SystemModuleAdmin': 403, 'A:OrganizationModuleAdmin': 403, 'A:RightsHolderAccess': 403, 'A:User': 403, 'C:User': 403, Stakeholder: 403, Anonymous: 401 },
  'GET unit roles in B':      { GlobalAdmin: 200, 'A:LocalAdmin': 403, 'A:SystemModuleAdmin': 403, 'A:OrganizationModuleAdmin': 403, 'A:RightsHolderAccess': 403, 'A:User': 403, 'C:User': 403, Stakeholder: 403, Anonymous: 401 },
  'PATCH DPO of A':           { GlobalAdmin: 200, 'A:LocalAdmin': 200, 'A:SystemModuleAdmin': 403, 'A:OrganizationModuleAdmin': 403, 'A:RightsHolderAccess': 403, 'A:User': 403, 'C:User': 403, Stakeholder: 403, Anonymous: 401 },
  'PATCH name of A':          { GlobalAdmin: 200, 'A:LocalAdmin': 403, 'A:SystemModuleAdmin': 403, 'A:OrganizationModuleAdmin': 403, 'A:RightsHolderAccess': 403, 'A:User': 403, 'C:User': 403, Stakeholder: 403, Anonymous: 401 },
};

/** The shipped catalogue's unit role "Leder" (services/identity/src/role-types/role-catalogue.ts). */
const UNIT_LEADER_ROLE = 'bb9f08da-51fc-44e5-aad1-a010d4eb1dcd';

describe('tenant isolation: every role against its own and another organisation', () => {
  let system: RunningSystem;
  let admin: string;
  let api: Api;
  const orgs = { A: '', B: '', C: '' };
  const systems = { Ag: '', Al: '', Bg: '', Bl: '' };
  const tokens = new Map<Role, string | undefined>();

  beforeAll(async () => {
    await resetJetStream();
    system = await startSystem({ services: ['identity', 'catalog', 'reporting'] });
    api = http(system.gatewayUrl);
    admin = await adminToken(api);
    orgs.A = await createOrganization(api, admin, { organizationType: 'Municipality' });
    orgs.B = await createOrganization(api, admin, { organizationType: 'Municipality' });
    orgs.C = await createOrganization(api, admin, { organizationType: 'Company' });
    const gaApi = http(system.gatewayUrl, admin);
    const system_ = async (org: string, scope: string) =>
      (await gaApi.post<{ uuid: string }>('/api/v2/it-systems', { organizationUuid: org, name: `S ${randomUUID().slice(0, 8)}`, scope }))
        .body.uuid;
    systems.Ag = await system_(orgs.A, 'Global');
    systems.Al = await system_(orgs.A, 'Local');
    systems.Bg = await system_(orgs.B, 'Global');
    systems.Bl = await system_(orgs.B, 'Local');
    tokens.set('GlobalAdmin', admin);
    tokens.set('Anonymous', undefined);
    for (const role of ['LocalAdmin', 'SystemModuleAdmin', 'OrganizationModuleAdmin', 'RightsHolderAccess', 'User']) {
      tokens.set(`A:${role}` as Role, await sessionOf(api, await createUser(api, admin, [{ organizationUuid: orgs.A, role }])));
    }
    tokens.set('C:User', await sessionOf(api, await createUser(api, admin, [{ organizationUuid: orgs.C, role: 'User' }])));
    tokens.set(
      'Stakeholder',
      await sessionOf(api, await createUser(api, admin, [{ organizationUuid: orgs.C, role: 'User' }], { hasStakeholderAccess: true })),
    );
  });
  afterAll(() => system?.close());

  const seen = (uuids: string[]) => {
    const names = (Object.keys(systems) as Array<keyof typeof systems>).filter((k) => uuids.includes(systems[k]));
    return names.length ? names.map((n) => `${n[0]}${n[1]}`).join(' ') : '-';
  };
  const fresh = async (org: string) =>
    (
      await http(system.gatewayUrl, admin).post<{ uuid: string }>('/api/v2/it-systems', {
        organizationUuid: org,
        name: `D ${randomUUID().slice(0, 8)}`,
      })
    ).body.uuid;
  const newUser = (org: string) => ({
    firstName: 'Ny',
    lastName: 'Bruger',
    email: `n-${randomUUID()}@kommune.example`,
    rights: [{ organizationUuid: org, role: 'User' }],
  });

  const asAdmin = () => http(system.gatewayUrl, admin);
  const freshOrganization = () => createOrganization(api, admin, { organizationType: 'Municipality' });
  const freshUser = async (org: string) => (await createUser(api, admin, [{ organizationUuid: org, role: 'User' }])).uuid;
  const freshUnit = async (org: string) => {
    const [root] = (await asAdmin().get<Array<{ uuid: string }>>(`/api/v2/organizations/${org}/organization-units`)).body;
    return (
      await asAdmin().post<{ uuid: string }>(`/api/v2/organizations/${org}/organization-units`, { name: 'Ny enhed', parentUuid: root.uuid })
    ).body.uuid;
  };

  const ACTIONS: Record<string, (c: Api) => Promise<Cell>> = {
    'GET system A/global': async (c) => (await c.get(`/api/v2/it-systems/${systems.Ag}`)).status,
    'GET system A/local': async (c) => (await c.get(`/api/v2/it-systems/${systems.Al}`)).status,
    'GET system B/global': async (c) => (await c.get(`/api/v2/it-systems/${systems.Bg}`)).status,
    'GET system B/local': async (c) => (await c.get(`/api/v2/it-systems/${systems.Bl}`)).status,
    'LIST systems (A,B)': async (c) => {
      const result = await c.get<Array<{ uuid: string }>>('/api/v2/it-systems');
      return result.status === 200 ? seen(result.body.map((s) => s.uuid)) : result.status;
    },
    'REPORT systems (A,B)': async (c) => {
      const result = await c.get<{ items: Array<{ uuid: string }> }>('/api/v2/reports/it-systems');
      return result.status === 200 ? seen(result.body.items.map((s) => s.uuid)) : result.status;
    },
    'PATCH system A/global': async (c) => (await c.patch(`/api/v2/it-systems/${systems.Ag}`, { description: randomUUID() })).status,
    'PATCH scope A/global': async (c) => {
      const status = (await c.patch(`/api/v2/it-systems/${systems.Ag}`, { scope: 'Local' })).status;
      if (status === 200) await http(system.gatewayUrl, admin).patch(`/api/v2/it-systems/${systems.Ag}`, { scope: 'Global' });
      return status;
    },
    'PATCH system B/global': async (c) => (await c.patch(`/api/v2/it-systems/${systems.Bg}`, { description: randomUUID() })).status,
    'PATCH system B/local': async (c) => (await c.patch(`/api/v2/it-systems/${systems.Bl}`, { description: randomUUID() })).status,
    'DELETE system A/global': async (c) => (await c.delete(`/api/v2/it-systems/${await fresh(orgs.A)}`)).status,
    'DELETE system B/global': async (c) => (await c.delete(`/api/v2/it-systems/${await fresh(orgs.B)}`)).status,
    'POST system in A': async (c) => (await c.post('/api/v2/it-systems', { organizationUuid: orgs.A, name: `N ${randomUUID()}` })).status,
    'POST system in B': async (c) => (await c.post('/api/v2/it-systems', { organizationUuid: orgs.B, name: `N ${randomUUID()}` })).status,
    'GET organization B': async (c) => (await c.get(`/api/v2/organizations/${orgs.B}`)).status,
    'master data of B shown': async (c) => {
      const result = await c.get<{ masterData: unknown }>(`/api/v2/organizations/${orgs.B}`);
      return result.status === 200 ? (result.body.masterData ? 'yes' : 'no') : result.status;
    },
    'GET users of A': async (c) => (await c.get(`/api/v2/organizations/${orgs.A}/users`)).status,
    'GET users of B': async (c) => (await c.get(`/api/v2/organizations/${orgs.B}/users`)).status,
    'POST user into A': async (c) => (await c.post('/api/v2/users', newUser(orgs.A))).status,
    'POST user into B': async (c) => (await c.post('/api/v2/users', newUser(orgs.B))).status,
    'GET units of A': async (c) => (await c.get(`/api/v2/organizations/${orgs.A}/organization-units`)).status,
    'GET units of B': async (c) => (await c.get(`/api/v2/organizations/${orgs.B}/organization-units`)).status,
    'POST unit in A': async (c) => {
      const units = await http(system.gatewayUrl, admin).get<Array<{ uuid: string }>>(`/api/v2/organizations/${orgs.A}/organization-units`);
      return (await c.post(`/api/v2/organizations/${orgs.A}/organization-units`, { name: 'Enhed', parentUuid: units.body[0].uuid })).status;
    },
    'POST unit in B': async (c) => {
      const units = await http(system.gatewayUrl, admin).get<Array<{ uuid: string }>>(`/api/v2/organizations/${orgs.B}/organization-units`);
      return (await c.post(`/api/v2/organizations/${orgs.B}/organization-units`, { name: 'Enhed', parentUuid: units.body[0].uuid })).status;
    },
    'GET audit log of A': async (c) => (await c.get(`/api/v2/organizations/${orgs.A}/audit-log`)).status,
    'GET SCIM credentials of A': async (c) => (await c.get(`/api/v2/organizations/${orgs.A}/scim-credentials`)).status,
    'GET SCIM credentials of B': async (c) => (await c.get(`/api/v2/organizations/${orgs.B}/scim-credentials`)).status,
    'PUT SCIM group mappings of B': async (c) =>
      (await c.put(`/api/v2/organizations/${orgs.B}/scim-group-mappings`, { mappings: [] })).status,
    'POST organization': async (c) =>
      (await c.post('/api/v2/organizations', { name: `O ${randomUUID().slice(0, 8)}`, organizationType: 'Company' })).status,
    'DELETE organization B': async (c) => (await c.delete(`/api/v2/organizations/${await freshOrganization()}`)).status,
    'GET a user of A': async (c) => (await c.get(`/api/v2/users/${await freshUser(orgs.A)}`)).status,
    'PATCH API access of A user': async (c) => (await c.patch(`/api/v2/users/${await freshUser(orgs.A)}`, { hasApiAccess: true })).status,
    'PATCH API access of B user': async (c) => (await c.patch(`/api/v2/users/${await freshUser(orgs.B)}`, { hasApiAccess: true })).status,
    'DELETE a user': async (c) => (await c.delete(`/api/v2/users/${await freshUser(orgs.A)}`)).status,
    'grant User role in A': async (c) =>
      (await c.post(`/api/v2/organizations/${orgs.A}/users/${await freshUser(orgs.C)}/roles`, { role: 'User' })).status,
    'grant User role in B': async (c) =>
      (await c.post(`/api/v2/organizations/${orgs.B}/users/${await freshUser(orgs.C)}/roles`, { role: 'User' })).status,
    'PATCH unit in A': async (c) =>
      (await c.patch(`/api/v2/organizations/${orgs.A}/organization-units/${await freshUnit(orgs.A)}`, { name: 'Omdøbt' })).status,
    'DELETE unit in A': async (c) =>
      (await c.delete(`/api/v2/organizations/${orgs.A}/organization-units/${await freshUnit(orgs.A)}`)).status,
    'DELETE unit in B': async (c) =>
      (await c.delete(`/api/v2/organizations/${orgs.B}/organization-units/${await freshUnit(orgs.B)}`)).status,
    'GET role types': async (c) => (await c.get('/api/v2/role-types')).status,
    'POST role type': async (c) =>
      (await c.post('/api/v2/role-types', { objectType: 'ItContract', name: `R ${randomUUID().slice(0, 8)}` })).status,
    'GET audit log of B': async (c) => (await c.get(`/api/v2/organizations/${orgs.B}/audit-log`)).status,
    'assign unit role in A': async (c) =>
      (
        await c.patch(`/api/v2/organizations/${orgs.A}/organization-units/${await freshUnit(orgs.A)}/roles/add`, {
          roleUuid: UNIT_LEADER_ROLE,
          userUuid: await freshUser(orgs.A),
        })
      ).status,
    'assign unit role in B': async (c) =>
      (
        await c.patch(`/api/v2/organizations/${orgs.B}/organization-units/${await freshUnit(orgs.B)}/roles/add`, {
          roleUuid: UNIT_LEADER_ROLE,
          userUuid: await freshUser(orgs.B),
        })
      ).status,
    'GET unit roles in B': async (c) =>
      (await c.get(`/api/v2/organizations/${orgs.B}/organization-units/${await freshUnit(orgs.B)}/roles`)).status,
    'PATCH DPO of A': async (c) =>
      (await c.patch(`/api/v2/organizations/${orgs.A}`, { dataProtectionOfficer: { name: `DPO ${randomUUID().slice(0, 4)}` } })).status,
    'PATCH name of A': async (c) =>
      (await c.patch(`/api/v2/organizations/${orgs.A}`, { name: `Kommune ${randomUUID().slice(0, 8)}` })).status,
  };

  it('answers every cell of the matrix as the rules say (the matrix is printed)', async () => {
    // the reporting read model follows the catalogue through events
    await eventually(async () =>
      expect((await http(system.gatewayUrl, admin).get<{ total: number }>('/api/v2/reports/it-systems')).body.total).toBeGreaterThanOrEqual(
        4,
      ),
    );
    const actual: Record<string, Record<string, Cell>> = {};
    for (const [action, run] of Object.entries(ACTIONS)) {
      actual[action] = {};
      for (const role of ROLES) actual[action][role] = await run(http(system.gatewayUrl, tokens.get(role)));
    }
    const width = Math.max(...Object.keys(ACTIONS).map((a) => a.length));
    const lines = [
      ['action'.padEnd(width), ...ROLES.map((r) => r.padStart(Math.max(r.length, 11)))].join(' | '),
      ...Object.keys(ACTIONS).map((action) =>
        [
          action.padEnd(width),
          ...ROLES.map((r) => {
            const cell = String(actual[action][r]);
            const mark = cell === String(EXPECTED[action][r]) ? ' ' : '!';
            return `${cell}${mark}`.padStart(Math.max(r.length, 11));
          }),
        ].join(' | '),
      ),
    ];
    console.log(
      `tenant isolation matrix (A and B municipalities, C a company; ! marks a cell that differs from the rules)\n${lines.join('\n')}`,
    );
    expect(actual).toEqual(EXPECTED);
  });
});
