import { resetJetStream } from '@kitos/testing';
import { adminToken, bearer, createOrganization, createUser, sessionOf } from '../support/identity';
import { http, startSystem, type RunningSystem } from '../support/system';

type Unit = {
  uuid: string;
  name: string;
  parentOrganizationUnit: { uuid: string; name: string } | null;
  unitId: string | null;
  ean: number | null;
  origin: string;
};

describe('organisation units through the gateway', () => {
  let system: RunningSystem;
  let api: ReturnType<typeof http>;
  let admin: string;

  beforeAll(async () => {
    await resetJetStream();
    system = await startSystem({ services: ['identity'] });
    api = http(system.gatewayUrl);
    admin = await adminToken(api);
  });
  afterAll(() => system?.close());

  it('starts with one root named after the organisation; units are created, moved and deleted by the rules', async () => {
    const org = await createOrganization(api, admin, { name: 'Ærø Kommune' });
    const base = `/api/v2/organizations/${org}/organization-units`;
    const [root] = (await api.get<Unit[]>(base, bearer(admin))).body;
    expect(root).toMatchObject({ name: 'Ærø Kommune', parentOrganizationUnit: null });

    const la = await sessionOf(api, await createUser(api, admin, [{ organizationUuid: org, role: 'LocalAdmin' }]));
    const a = await api.post<Unit>(base, { name: 'Borgerservice', parentUuid: root.uuid, unitId: 'BSV', ean: 5798000012345 }, bearer(la));
    expect(a.status).toBe(201);
    const b = await api.post<Unit>(base, { name: 'Pas', parentUuid: a.body.uuid }, bearer(la));
    expect(b.body.parentOrganizationUnit).toEqual({ uuid: a.body.uuid, name: 'Borgerservice' });
    expect((await api.post(base, { name: 'X', parentUuid: root.uuid, unitId: 'BSV' }, bearer(la))).status).toBe(409);
    expect((await api.post(base, { name: 'X', parentUuid: '5f0c8c5e-4a3b-4c7d-9e1f-2a3b4c5d6e7f' }, bearer(la))).status).toBe(400);

    expect((await api.patch(`${base}/${a.body.uuid}`, { parentUuid: b.body.uuid }, bearer(la))).status).toBe(400);
    expect((await api.patch(`${base}/${root.uuid}`, { parentUuid: a.body.uuid }, bearer(la))).status).toBe(400);
    expect(
      (await api.patch<Unit>(`${base}/${b.body.uuid}`, { parentUuid: root.uuid, name: 'Pas og kørekort' }, bearer(la))).body,
    ).toMatchObject({
      name: 'Pas og kørekort',
      parentOrganizationUnit: { uuid: root.uuid },
    });

    expect((await api.delete(`${base}/${root.uuid}`, bearer(la))).status).toBe(400);
    await api.patch(`${base}/${b.body.uuid}`, { parentUuid: a.body.uuid }, bearer(la));
    const blocked = await api.delete<{ children: Array<{ uuid: string }> }>(`${base}/${a.body.uuid}`, bearer(la));
    expect(blocked.status).toBe(409);
    expect(blocked.body.children).toEqual([{ uuid: b.body.uuid, name: 'Pas og kørekort' }]);
    expect((await api.delete(`${base}/${b.body.uuid}`, bearer(la))).status).toBe(204);
    expect((await api.get(`${base}/${b.body.uuid}`, bearer(la))).status).toBe(404);
  });

  it('imports a tree from CSV and from JSON, all or nothing', async () => {
    const org = await createOrganization(api, admin);
    const base = `/api/v2/organizations/${org}/organization-units`;
    const csv = 'unitId;name;parentUnitId;ean\nADM;Administration;;\nIT;IT-afdelingen;ADM;\nDRIFT;"Drift; servere";IT;5798000000001\n';
    const imported = await api.post(`${base}/import`, { format: 'csv', csv }, bearer(admin));
    expect(imported.body).toEqual({ created: 3, updated: 0, unchanged: 0 });
    const again = await api.post(
      `${base}/import`,
      {
        format: 'json',
        units: [
          { unitId: 'IT', name: 'Digitalisering', parentUnitId: 'ADM' },
          { unitId: 'ADM', name: 'Administration' },
        ],
      },
      bearer(admin),
    );
    expect(again.body).toEqual({ created: 0, updated: 1, unchanged: 1 });
    const units = (await api.get<Unit[]>(base, bearer(admin))).body;
    expect(units.map((u) => [u.unitId, u.name, u.parentOrganizationUnit?.name ?? null])).toEqual(
      expect.arrayContaining([
        ['ADM', 'Administration', units[0].name],
        ['IT', 'Digitalisering', 'Administration'],
        ['DRIFT', 'Drift; servere', 'Digitalisering'],
      ]),
    );
    const invalid = await api.post<{ errors: Array<{ field: string }> }>(
      `${base}/import`,
      { format: 'json', units: [{ unitId: 'NEW', name: 'Ny', parentUnitId: 'MISSING' }] },
      bearer(admin),
    );
    expect(invalid.status).toBe(400);
    expect(invalid.body.errors.map((e) => e.field)).toEqual(['units[0].parentUnitId']);
    expect((await api.get<Unit[]>(base, bearer(admin))).body).toHaveLength(units.length);
  });

  it('shows units to members only and lets only administrators change them', async () => {
    const org = await createOrganization(api, admin);
    const other = await createOrganization(api, admin);
    const base = `/api/v2/organizations/${org}/organization-units`;
    const member = await sessionOf(api, await createUser(api, admin, [{ organizationUuid: org, role: 'User' }]));
    const outsider = await sessionOf(api, await createUser(api, admin, [{ organizationUuid: other, role: 'LocalAdmin' }]));
    const [root] = (await api.get<Unit[]>(base, bearer(member))).body;
    expect(root.parentOrganizationUnit).toBeNull();
    expect((await api.get(base, bearer(outsider))).status).toBe(403);
    expect((await api.post(base, { name: 'X', parentUuid: root.uuid }, bearer(member))).status).toBe(403);
    expect((await api.post(base, { name: 'X', parentUuid: root.uuid }, bearer(outsider))).status).toBe(403);
  });
});
