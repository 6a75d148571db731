import { randomUUID } from 'node:crypto';
import { eventually, resetJetStream } from '@kitos/testing';
import { adminToken, bearer, createOrganization, createUser, sessionOf } from '../support/identity';
import { http, startSystem, type RunningSystem } from '../support/system';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
type Holder = { role: { uuid: string }; user: { uuid: string } };

/** Fixed uuids of the shipped role catalogue (services/identity/src/role-types/role-catalogue.ts). */
const SYSTEMEJER = '411e9149-2d17-4004-9036-5ddca682aed5';
const SUPERBRUGER = 'db24e93a-6ce1-42c2-bd3c-1627d406253d';
const KONTRAKTANSVARLIG = 'aa3a3267-6a60-4c90-9c75-dbe12cfa378e';
const DATAANSVARLIG = '1936b50f-9bb5-49cb-9c97-c917dee2c31d';
const PROJEKTLEDER = 'd81e6f5a-6e4f-4cf9-b6c4-72e1fc740150';
const ENHEDSLEDER = 'bb9f08da-51fc-44e5-aad1-a010d4eb1dcd';

const holders = (body: Json) => (body.roles as Holder[]).map((r) => `${r.role.uuid}:${r.user.uuid}`).sort();

describe('identity: the role catalogue, local switch-off, KITOS role options, leaver handover and organisation edits', () => {
  let system: RunningSystem;
  let api: ReturnType<typeof http>;
  let ga: Record<string, string>;
  let orgA: string;
  let orgB: string;
  let localAdminA: Record<string, string>;
  let localAdminB: Record<string, string>;

  beforeAll(async () => {
    await resetJetStream();
    system = await startSystem({ services: ['identity', 'catalog', 'contracts', 'gdpr', 'projects'] });
    api = http(system.gatewayUrl);
    ga = bearer(await adminToken(api));
    orgA = await createOrganization(api, ga.authorization.slice(7));
    orgB = await createOrganization(api, ga.authorization.slice(7));
    localAdminA = bearer(
      await sessionOf(api, await createUser(api, ga.authorization.slice(7), [{ organizationUuid: orgA, role: 'LocalAdmin' }])),
    );
    localAdminB = bearer(
      await sessionOf(api, await createUser(api, ga.authorization.slice(7), [{ organizationUuid: orgB, role: 'LocalAdmin' }])),
    );
  });
  afterAll(() => system?.close());

  /** A usage of a new system (one usage per system and organisation). */
  async function usageIn(organizationUuid: string): Promise<string> {
    const name = `ESDH ${randomUUID().slice(0, 8)}`;
    const created = await api.post<{ uuid: string }>('/api/v2/it-systems', { organizationUuid, name }, ga);
    expect(created.status).toBe(201);
    const systemUuid = created.body.uuid;
    const result = await api.post<{ uuid: string }>('/api/v2/it-system-usages', { organizationUuid, systemUuid }, ga);
    expect(result.status).toBe(201);
    return result.body.uuid;
  }

  /** A unit under the organisation's root. */
  async function unitIn(organizationUuid: string, name: string): Promise<Json> {
    const tree = await api.get<Json[]>(`/api/v2/organizations/${organizationUuid}/organization-units`, ga);
    const root = tree.body.find((u) => u.parentOrganizationUnit === null)!;
    const created = await api.post<Json>(
      `/api/v2/organizations/${organizationUuid}/organization-units`,
      { name, parentUuid: root.uuid },
      ga,
    );
    expect(created.status).toBe(201);
    return created.body;
  }

  describe('the role catalogue shipped with the product', () => {
    it('is present after start: every kind of object has roles with Danish and English descriptions, rights and practice rules', async () => {
      const roles = await eventually(async () => {
        const result = await api.get<Json[]>('/api/v2/role-types', localAdminA);
        expect(result.status).toBe(200);
        expect(result.body.filter((r) => r.builtIn)).toHaveLength(27);
        return result.body;
      });
      const systemejer = roles.find((r) => r.uuid === SYSTEMEJER)!;
      expect(systemejer).toMatchObject({ objectType: 'ItSystemUsage', name: 'Systemejer', hasReadAccess: true, hasWriteAccess: true });
      expect(systemejer.description).toMatch(/Ejer systemet/);
      expect(systemejer.descriptionEn).toMatch(/Owns the system/);
      expect(systemejer.practiceRuleIds).toContain('usage-responsible-unit');
      for (const kind of ['ItSystemUsage', 'ItContract', 'DataProcessingRegistration', 'OrganizationUnit', 'ItProject']) {
        const ofKind = roles.filter((r) => r.builtIn && r.objectType === kind);
        expect(ofKind.length).toBeGreaterThanOrEqual(4);
        for (const r of ofKind) expect([r.description?.length > 20, r.descriptionEn?.length > 20]).toEqual([true, true]);
      }
      expect(roles.find((r) => r.uuid === SUPERBRUGER)).toMatchObject({ hasWriteAccess: false });
    });

    it('refuses practice rule ids that are not rule ids (found by Schemathesis: control characters and empty strings)', async () => {
      const refused = await api.patch<Json>(`/api/v2/role-types/${SYSTEMEJER}`, { practiceRuleIds: ['\u009eX', '', '', 'B\u0001'] }, ga);
      expect(refused.status).toBe(400);
      expect(refused.body.errors.map((e: Json) => e.field)).toContain('practiceRuleIds');
    });

    it("keeps a global administrator's edit over a restart of identity, without duplicating a role", async () => {
      const edited = 'Ejer systemet lokalt (redigeret af den globale administrator).';
      const patched = await api.patch<Json>(`/api/v2/role-types/${SYSTEMEJER}`, { description: edited, hasWriteAccess: false }, ga);
      expect(patched.status).toBe(200);
      expect((await api.patch(`/api/v2/role-types/${SYSTEMEJER}`, { description: 'x' }, localAdminA)).status).toBe(403);

      await system.stop('identity');
      await system.start('identity');

      const roles = await eventually(async () => {
        const result = await api.get<Json[]>('/api/v2/role-types', ga);
        expect(result.status).toBe(200);
        return result.body;
      });
      expect(roles.filter((r) => r.uuid === SYSTEMEJER)).toEqual([expect.objectContaining({ description: edited, hasWriteAccess: false })]);
      expect(roles.filter((r) => r.builtIn)).toHaveLength(27);
      expect(roles.filter((r) => r.objectType === 'ItSystemUsage' && r.name === 'Systemejer')).toHaveLength(1);
      // restore, for the handover below (write access does not matter there, but keep the catalogue as shipped)
      expect((await api.patch(`/api/v2/role-types/${SYSTEMEJER}`, { hasWriteAccess: true }, ga)).status).toBe(200);
    });
  });

  describe('KITOS role option types', () => {
    it('lists the roles available in an organisation in the KITOS shape, with paging, and reads one with isAvailable', async () => {
      const list = await api.get<Json[]>(`/api/v2/it-system-usage-role-types?organizationUuid=${orgA}`, localAdminA);
      expect(list.status).toBe(200);
      expect(list.body.find((r) => r.uuid === SUPERBRUGER)).toEqual({
        uuid: SUPERBRUGER,
        name: 'Superbruger',
        description: expect.stringMatching(/Kender systemet/),
        writeAccess: false,
      });
      expect(list.body.every((r) => Object.keys(r).sort().join() === 'description,name,uuid,writeAccess')).toBe(true);
      const paged = await api.get<Json[]>(`/api/v2/it-system-usage-role-types?organizationUuid=${orgA}&page=1&pageSize=2`, localAdminA);
      expect(paged.body).toEqual(list.body.slice(2, 4));

      for (const [path, uuid] of [
        ['it-contract-role-types', KONTRAKTANSVARLIG],
        ['data-processing-registration-role-types', DATAANSVARLIG],
        ['organization-unit-role-types', ENHEDSLEDER],
      ]) {
        const one = await api.get<Json>(`/api/v2/${path}/${uuid}?organizationUuid=${orgA}`, localAdminA);
        expect([path, one.status, one.body.isAvailable]).toEqual([path, 200, true]);
        expect((await api.get<Json[]>(`/api/v2/${path}?organizationUuid=${orgA}`, localAdminA)).body.map((r) => r.uuid)).toContain(uuid);
      }
      // a role of another kind, a missing organisation, another organisation's member, no token
      expect((await api.get(`/api/v2/it-system-usage-role-types/${KONTRAKTANSVARLIG}?organizationUuid=${orgA}`, ga)).status).toBe(404);
      const missing = await api.get<Json>('/api/v2/it-contract-role-types', ga);
      expect([missing.status, missing.body.errors?.[0]?.field]).toEqual([400, 'organizationUuid']);
      expect((await api.get(`/api/v2/it-contract-role-types?organizationUuid=${orgA}`, localAdminB)).status).toBe(403);
      expect((await api.get(`/api/v2/it-contract-role-types?organizationUuid=${orgA}`)).status).toBe(401);
    });
  });

  describe('switching a role off locally', () => {
    it('refuses a new assignment in that organisation at the field, keeps existing ones, and leaves other organisations alone', async () => {
      const holder = await createUser(api, ga.authorization.slice(7), [{ organizationUuid: orgA, role: 'User' }]);
      const usage = await usageIn(orgA);
      const before = await api.patch<Json>(
        `/api/v2/it-system-usages/${usage}/roles/add`,
        { roleUuid: SUPERBRUGER, userUuid: holder.uuid },
        localAdminA,
      );
      expect(before.status).toBe(200);

      expect(
        (await api.patch(`/api/v2/organizations/${orgA}/role-types/${SUPERBRUGER}`, { isLocallyEnabled: false }, localAdminB)).status,
      ).toBe(403);
      const off = await api.patch<Json>(
        `/api/v2/organizations/${orgA}/role-types/${SUPERBRUGER}`,
        { isLocallyEnabled: false },
        localAdminA,
      );
      expect([off.status, off.body.isLocallyEnabled, off.body.disabledInOrganizationUuids]).toEqual([200, false, [orgA]]);

      const other = await createUser(api, ga.authorization.slice(7), [{ organizationUuid: orgA, role: 'User' }]);
      const refused = await api.patch<Json>(
        `/api/v2/it-system-usages/${usage}/roles/add`,
        { roleUuid: SUPERBRUGER, userUuid: other.uuid },
        localAdminA,
      );
      expect(refused.status).toBe(400);
      expect(refused.body.errors).toEqual([expect.objectContaining({ field: 'roleUuid', message: expect.stringMatching(/switched off/) })]);
      const existing = await api.get<Json>(`/api/v2/it-system-usages/${usage}`, localAdminA);
      expect(holders(existing.body)).toEqual([`${SUPERBRUGER}:${holder.uuid}`]);

      const optionA = await api.get<Json>(`/api/v2/it-system-usage-role-types/${SUPERBRUGER}?organizationUuid=${orgA}`, localAdminA);
      expect(optionA.body.isAvailable).toBe(false);
      expect(
        (await api.get<Json[]>(`/api/v2/it-system-usage-role-types?organizationUuid=${orgA}`, localAdminA)).body.map((r) => r.uuid),
      ).not.toContain(SUPERBRUGER);
      const optionB = await api.get<Json>(`/api/v2/it-system-usage-role-types/${SUPERBRUGER}?organizationUuid=${orgB}`, localAdminB);
      expect(optionB.body.isAvailable).toBe(true);

      const on = await api.patch<Json>(`/api/v2/organizations/${orgA}/role-types/${SUPERBRUGER}`, { isLocallyEnabled: true }, localAdminA);
      expect([on.status, on.body.isLocallyEnabled]).toEqual([200, true]);
      const accepted = await api.patch(
        `/api/v2/it-system-usages/${usage}/roles/add`,
        { roleUuid: SUPERBRUGER, userUuid: other.uuid },
        localAdminA,
      );
      expect(accepted.status).toBe(200);
    });
  });

  describe("a leaver's handover", () => {
    it('copies the per-object roles of usages, contracts, DPRs and projects to the receiver, who then holds both', async () => {
      const leaver = await createUser(api, ga.authorization.slice(7), [{ organizationUuid: orgA, role: 'User' }]);
      const receiver = await createUser(api, ga.authorization.slice(7), [{ organizationUuid: orgA, role: 'User' }]);
      const contract = await api.post<Json>(
        '/api/v2/it-contracts',
        { organizationUuid: orgA, name: `Kontrakt ${randomUUID().slice(0, 8)}` },
        ga,
      );
      expect(contract.status).toBe(201);
      expect(
        (
          await api.patch(
            `/api/v2/it-contracts/${contract.body.uuid}`,
            { roles: [{ roleUuid: KONTRAKTANSVARLIG, userUuid: leaver.uuid }] },
            ga,
          )
        ).status,
      ).toBe(200);
      const copied = await api.post<Json>(
        `/api/v2/organizations/${orgA}/users/${leaver.uuid}/roles/copy`,
        { toUserUuid: receiver.uuid },
        localAdminA,
      );
      expect(copied.status).toBe(200);
      expect(copied.body.handover).toEqual({
        organizationRoles: ['User'],
        objects: [
          {
            objectType: 'ItContract',
            uuid: contract.body.uuid,
            name: contract.body.name,
            roles: [{ roleUuid: KONTRAKTANSVARLIG, roleName: 'Kontraktansvarlig' }],
          },
        ],
        removedFromLeaver: false,
      });
      const after = await api.get<Json>(`/api/v2/it-contracts/${contract.body.uuid}`, ga);
      expect(holders(after.body)).toEqual([`${KONTRAKTANSVARLIG}:${leaver.uuid}`, `${KONTRAKTANSVARLIG}:${receiver.uuid}`].sort());
      // a second copy adds nothing
      expect(
        (await api.post(`/api/v2/organizations/${orgA}/users/${leaver.uuid}/roles/copy`, { toUserUuid: receiver.uuid }, localAdminA))
          .status,
      ).toBe(200);
      expect(holders((await api.get<Json>(`/api/v2/it-contracts/${contract.body.uuid}`, ga)).body)).toHaveLength(2);
    });

    it('transfers usage, contract, DPR and project roles and loses none when the contracts service stops in the middle', async () => {
      const leaver = await createUser(api, ga.authorization.slice(7), [{ organizationUuid: orgA, role: 'User' }]);
      const receiver = await createUser(api, ga.authorization.slice(7), [{ organizationUuid: orgA, role: 'User' }]);
      const usage = await usageIn(orgA);
      const name = (prefix: string) => `${prefix} ${randomUUID().slice(0, 8)}`;
      const contract = (await api.post<Json>('/api/v2/it-contracts', { organizationUuid: orgA, name: name('Kontrakt') }, ga)).body;
      const dpr = (await api.post<Json>('/api/v2/data-processing-registrations', { organizationUuid: orgA, name: name('DBA') }, ga)).body;
      const project = (await api.post<Json>('/api/v2/it-projects', { organizationUuid: orgA, name: name('Projekt') }, ga)).body;
      const assign = async (path: string, roleUuid: string) => {
        const result = await api.patch(path, { roles: [{ roleUuid, userUuid: leaver.uuid }] }, ga);
        expect([path, result.status]).toEqual([path, 200]);
      };
      await assign(`/api/v2/it-system-usages/${usage}`, SYSTEMEJER);
      await assign(`/api/v2/it-contracts/${contract.uuid}`, KONTRAKTANSVARLIG);
      await assign(`/api/v2/data-processing-registrations/${dpr.uuid}`, DATAANSVARLIG);
      await assign(`/api/v2/it-projects/${project.uuid}`, PROJEKTLEDER);
      const unit = await unitIn(orgA, name('Enhed'));
      const unitRoles = `/api/v2/organizations/${orgA}/organization-units/${unit.uuid}/roles`;
      expect((await api.patch(`${unitRoles}/add`, { roleUuid: ENHEDSLEDER, userUuid: leaver.uuid }, ga)).status).toBe(200);
      const objects = [
        [`/api/v2/it-system-usages/${usage}`, SYSTEMEJER],
        [`/api/v2/it-contracts/${contract.uuid}`, KONTRAKTANSVARLIG],
        [`/api/v2/data-processing-registrations/${dpr.uuid}`, DATAANSVARLIG],
        [`/api/v2/it-projects/${project.uuid}`, PROJEKTLEDER],
      ] as const;
      const transfer = () =>
        api.post<Json>(`/api/v2/organizations/${orgA}/users/${leaver.uuid}/roles/transfer`, { toUserUuid: receiver.uuid }, localAdminA);

      await system.stop('contracts');
      const interrupted = await transfer();
      expect(interrupted.status).toBe(503);
      // added first: the receiver holds the usage role already, the leaver still holds it
      expect(holders((await api.get<Json>(objects[0][0], ga)).body)).toEqual(
        [`${SYSTEMEJER}:${leaver.uuid}`, `${SYSTEMEJER}:${receiver.uuid}`].sort(),
      );
      await system.start('contracts');
      // nothing lost: the leaver still holds every role, and is still a member
      for (const [path, role] of objects) expect(holders((await api.get<Json>(path, ga)).body)).toContain(`${role}:${leaver.uuid}`);
      expect((await api.get<Json>(`/api/v2/users/${leaver.uuid}`, ga)).body.rights).toEqual([{ organizationUuid: orgA, role: 'User' }]);

      const completed = await transfer();
      expect(completed.status).toBe(200);
      expect(completed.body.handover.removedFromLeaver).toBe(true);
      expect(
        (completed.body.handover.objects as Json[]).map((o) => [o.objectType, o.uuid, o.roles.map((r: Json) => r.roleUuid)]).sort(),
      ).toEqual(
        [
          ['ItSystemUsage', usage, [SYSTEMEJER]],
          ['ItContract', contract.uuid, [KONTRAKTANSVARLIG]],
          ['DataProcessingRegistration', dpr.uuid, [DATAANSVARLIG]],
          ['ItProject', project.uuid, [PROJEKTLEDER]],
          ['OrganizationUnit', unit.uuid, [ENHEDSLEDER]],
        ].sort(),
      );
      for (const [path, role] of objects) expect(holders((await api.get<Json>(path, ga)).body)).toEqual([`${role}:${receiver.uuid}`]);
      expect((await api.get<Json[]>(unitRoles, ga)).body.map((r) => `${r.role.uuid}:${r.user.uuid}`)).toEqual([
        `${ENHEDSLEDER}:${receiver.uuid}`,
      ]);
      expect((await api.get<Json>(`/api/v2/users/${leaver.uuid}`, ga)).body.rights).toEqual([]);

      // another organisation's administrator cannot hand over in A
      const third = await createUser(api, ga.authorization.slice(7), [{ organizationUuid: orgA, role: 'User' }]);
      expect(
        (await api.post(`/api/v2/organizations/${orgA}/users/${receiver.uuid}/roles/transfer`, { toUserUuid: third.uuid }, localAdminB))
          .status,
      ).toBe(404);
    });
  });

  describe('unit roles', () => {
    it('assigns, lists on the unit and on the user, and removes role holders; other organisations and bad input refused', async () => {
      const unit = await unitIn(orgA, 'Digitalisering');
      const base = `/api/v2/organizations/${orgA}/organization-units/${unit.uuid}/roles`;
      const leader = await createUser(api, ga.authorization.slice(7), [{ organizationUuid: orgA, role: 'User' }]);
      const outsider = await createUser(api, ga.authorization.slice(7), [{ organizationUuid: orgB, role: 'User' }]);

      const added = await api.patch<Json[]>(`${base}/add`, { roleUuid: ENHEDSLEDER, userUuid: leader.uuid }, localAdminA);
      expect(added.status).toBe(200);
      const expected = {
        unit: { uuid: unit.uuid, name: 'Digitalisering' },
        role: { uuid: ENHEDSLEDER, name: 'Leder' },
        user: { uuid: leader.uuid, name: 'Test Bruger' },
      };
      expect(added.body).toEqual([expected]);
      expect((await api.get<Json[]>(base, bearer(await sessionOf(api, leader)))).body).toEqual([expected]);
      expect((await api.get<Json[]>(`/api/v2/organizations/${orgA}/users/${leader.uuid}/unit-roles`, localAdminA)).body).toEqual([
        expected,
      ]);

      // twice → 409; a role of another kind, a non-member, an unknown unit; another organisation's administrator
      expect((await api.patch(`${base}/add`, { roleUuid: ENHEDSLEDER, userUuid: leader.uuid }, localAdminA)).status).toBe(409);
      const wrongKind = await api.patch<Json>(`${base}/add`, { roleUuid: SYSTEMEJER, userUuid: outsider.uuid }, localAdminA);
      expect([wrongKind.status, wrongKind.body.errors?.map((e: Json) => e.field)]).toEqual([400, ['roleUuid', 'userUuid']]);
      const unknownUnit = `/api/v2/organizations/${orgA}/organization-units/${randomUUID()}/roles/add`;
      expect((await api.patch(unknownUnit, { roleUuid: ENHEDSLEDER, userUuid: leader.uuid }, localAdminA)).status).toBe(404);
      expect((await api.patch(`${base}/add`, { roleUuid: ENHEDSLEDER, userUuid: leader.uuid }, localAdminB)).status).toBe(403);
      expect((await api.get(base, localAdminB)).status).toBe(403);
      expect((await api.patch(`${base}/remove`, { roleUuid: ENHEDSLEDER, userUuid: leader.uuid }, localAdminB)).status).toBe(403);

      // switched off locally → refused at the field
      expect(
        (await api.patch(`/api/v2/organizations/${orgA}/role-types/${ENHEDSLEDER}`, { isLocallyEnabled: false }, localAdminA)).status,
      ).toBe(200);
      const second = await createUser(api, ga.authorization.slice(7), [{ organizationUuid: orgA, role: 'User' }]);
      const off = await api.patch<Json>(`${base}/add`, { roleUuid: ENHEDSLEDER, userUuid: second.uuid }, localAdminA);
      expect([off.status, off.body.errors?.[0]?.field]).toEqual([400, 'roleUuid']);
      expect(
        (await api.patch(`/api/v2/organizations/${orgA}/role-types/${ENHEDSLEDER}`, { isLocallyEnabled: true }, localAdminA)).status,
      ).toBe(200);

      const removed = await api.patch<Json[]>(`${base}/remove`, { roleUuid: ENHEDSLEDER, userUuid: leader.uuid }, localAdminA);
      expect([removed.status, removed.body]).toEqual([200, []]);
      expect((await api.patch(`${base}/remove`, { roleUuid: ENHEDSLEDER, userUuid: leader.uuid }, localAdminA)).status).toBe(400);
      expect((await api.get<Json[]>(`/api/v2/organizations/${orgA}/users/${leader.uuid}/unit-roles`, localAdminA)).body).toEqual([]);
    });
  });

  describe('editing an organisation', () => {
    it('reaches the Article 30 record; name and CVR are for global administrators, CVR validated and unique', async () => {
      const dpo = { name: 'Dorte Databeskytter', email: 'dpo@kommune.example', phone: '+45 12 34 56 78' };
      const edited = await api.patch<Json>(
        `/api/v2/organizations/${orgA}`,
        { dataProtectionOfficer: dpo, address: 'Rådhuspladsen 2, 8000 Aarhus C' },
        localAdminA,
      );
      expect(edited.status).toBe(200);
      expect(edited.body.masterData).toMatchObject({ dataProtectionOfficer: dpo, address: 'Rådhuspladsen 2, 8000 Aarhus C' });
      expect(edited.headers.get('etag')).toBe(`"${edited.body.version}"`);

      await eventually(async () => {
        const record = await api.get<Json>(`/api/v2/organizations/${orgA}/gdpr/article-30`, localAdminA);
        expect(record.status).toBe(200);
        expect(record.body.controller).toMatchObject({ address: 'Rådhuspladsen 2, 8000 Aarhus C', dataProtectionOfficer: dpo });
      });

      expect((await api.patch(`/api/v2/organizations/${orgA}`, { name: 'Ny Kommune' }, localAdminA)).status).toBe(403);
      expect((await api.patch(`/api/v2/organizations/${orgA}`, { email: 'post@example.dk' }, localAdminB)).status).toBe(403);
      const badCvr = await api.patch<Json>(`/api/v2/organizations/${orgA}`, { cvr: '12345678' }, ga);
      expect([badCvr.status, badCvr.body.errors?.[0]?.field]).toEqual([400, 'cvr']);
      const badName = await api.patch<Json>(`/api/v2/organizations/${orgA}`, { name: null }, ga);
      expect([badName.status, badName.body.errors?.[0]?.field]).toEqual([400, 'name']);
      const cvrB = await api.patch<Json>(`/api/v2/organizations/${orgB}`, { cvr: '55133018' }, ga);
      expect(cvrB.status).toBe(200);
      expect((await api.patch(`/api/v2/organizations/${orgA}`, { cvr: '55133018' }, ga)).status).toBe(409);
      const stale = await api.patch(`/api/v2/organizations/${orgA}`, { phone: '1' }, { ...ga, 'if-match': '"1"' });
      expect(stale.status).toBe(412);

      const renamed = await api.patch<Json>(`/api/v2/organizations/${orgA}`, { name: 'Æblerød Kommune (ny)' }, ga);
      expect([renamed.status, renamed.body.name]).toEqual([200, 'Æblerød Kommune (ny)']);
      await eventually(async () => {
        const record = await api.get<Json>(`/api/v2/organizations/${orgA}/gdpr/article-30`, localAdminA);
        expect(record.body.controller.name).toBe('Æblerød Kommune (ny)');
      });
    });
  });
});
