import { randomUUID } from 'node:crypto';
import { eventually, resetJetStream } from '@kitos/testing';
import { adminToken, bearer, createOrganization, createUser, sessionOf } from '../support/identity';
import { http, startSystem, type HttpResult, type RunningSystem } from '../support/system';

type Change = { field: string; oldValue: unknown; newValue: unknown };
type Entry = { occurredAt: string; actor: { uuid: string | null; name?: string }; event: string; version: number; changes: Change[] };

describe('Field-level change history (reporting) through the gateway', () => {
  let system: RunningSystem;
  let api: ReturnType<typeof http>;
  let admin: string;
  let org: string;
  let la: string;
  let laUuid: string;
  let outsider: string;

  const historyOf = (path: string, token?: string): Promise<HttpResult<Entry[]>> =>
    api.get<Entry[]>(`${path}/history`, token ? bearer(token) : {});

  /** Waits until the history has `count` entries (reporting follows the events within moments). */
  const waitForHistory = (path: string, count: number, token = admin): Promise<Entry[]> =>
    eventually(async () => {
      const result = await historyOf(path, token);
      if (result.status !== 200 || result.body.length < count)
        throw new Error(`history answered ${result.status}: ${JSON.stringify(result.body)}`);
      return result.body;
    });

  const createSystem = async (fields: Record<string, unknown> = {}): Promise<string> => {
    const created = await api.post<{ uuid: string }>(
      '/api/v2/it-systems',
      { organizationUuid: org, name: `System ${randomUUID().slice(0, 8)}`, ...fields },
      bearer(admin),
    );
    if (created.status !== 201) throw new Error(`creating a system answered ${created.status}: ${JSON.stringify(created.body)}`);
    return created.body.uuid;
  };

  beforeAll(async () => {
    await resetJetStream();
    system = await startSystem({ services: ['identity', 'catalog', 'reporting'] });
    api = http(system.gatewayUrl);
    admin = await adminToken(api);
    org = await createOrganization(api, admin);
    const otherOrg = await createOrganization(api, admin);
    const localAdmin = await createUser(api, admin, [{ organizationUuid: org, role: 'LocalAdmin' }], {
      firstName: 'Hanne',
      lastName: 'Historik',
    });
    laUuid = localAdmin.uuid;
    la = await sessionOf(api, localAdmin);
    outsider = await sessionOf(api, await createUser(api, admin, [{ organizationUuid: otherOrg, role: 'User' }]));
  }); // the configured timeout (jest.config.js): more than the 150 s a system may take to get ready

  afterAll(async () => {
    await system?.close();
  });

  describe('an IT system usage', () => {
    let path: string;
    let entries: Entry[];

    beforeAll(async () => {
      const systemUuid = await createSystem();
      const created = await api.post<{ uuid: string }>('/api/v2/it-system-usages', { organizationUuid: org, systemUuid }, bearer(la));
      expect(created.status).toBe(201);
      path = `/api/v2/it-system-usages/${created.body.uuid}`;
      expect((await api.patch(path, { general: { localCallName: 'Sag' } }, bearer(la))).status).toBe(200);
      expect((await api.patch(path, { general: { localCallName: 'Ny sag', notes: 'Intern note' } }, bearer(la))).status).toBe(200);
      expect((await api.delete(path, bearer(la))).status).toBe(204);
      entries = await waitForHistory(path, 4, la);
    });

    it('lists created, both changes and the deletion in version order, by whom', () => {
      expect(entries.map((e) => [e.event, e.version])).toEqual([
        ['created', 1],
        ['updated', 2],
        ['updated', 3],
        ['deleted', 4],
      ]);
      for (const entry of entries) expect(entry.actor.uuid).toBe(laUuid);
      expect(entries.map((e) => e.occurredAt)).toEqual([...entries.map((e) => e.occurredAt)].sort());
    });

    it('gives each changed field with its old and new value, notes included for the own organisation', () => {
      const callName = (entry: Entry) => entry.changes.find((c) => c.field.endsWith('localCallName'));
      expect(callName(entries[1])).toMatchObject({ oldValue: null, newValue: 'Sag' });
      expect(callName(entries[2])).toMatchObject({ oldValue: 'Sag', newValue: 'Ny sag' });
      expect(entries[2].changes.find((c) => c.field.endsWith('notes'))).toMatchObject({ oldValue: null, newValue: 'Intern note' });
      expect(entries[3].changes).toEqual([]);
    });

    it('names the acting user once identity has told reporting', async () => {
      const named = await eventually(async () => {
        const result = await historyOf(path, la);
        if (!result.body[0]?.actor.name) throw new Error('no name yet');
        return result.body;
      });
      expect(named[0].actor).toEqual({ uuid: laUuid, name: expect.stringContaining('Hanne') });
    });

    it('pages', async () => {
      const second = await api.get<Entry[]>(`${path}/history?page=1&pageSize=2`, bearer(la));
      expect(second.status).toBe(200);
      expect(second.body.map((e) => e.version)).toEqual([3, 4]);
      expect((await api.get(`${path}/history?pageSize=0`, bearer(la))).status).toBe(400);
    });

    it('is not found for a user of another organisation', async () => {
      expect((await historyOf(path, outsider)).status).toBe(404);
    });
  });

  describe('IT systems', () => {
    it('records create, two patches and the deletion with old and new values', async () => {
      const uuid = await createSystem({ description: 'Første' });
      const path = `/api/v2/it-systems/${uuid}`;
      expect((await api.patch(path, { description: 'Anden' }, bearer(admin))).status).toBe(200);
      expect((await api.patch(path, { description: 'Tredje', formerName: 'Gammel' }, bearer(admin))).status).toBe(200);
      expect((await api.delete(path, bearer(admin))).status).toBe(204);
      const entries = await waitForHistory(path, 4);
      expect(entries.map((e) => e.event)).toEqual(['created', 'updated', 'updated', 'deleted']);
      expect(entries.map((e) => e.version)).toEqual([1, 2, 3, 4]);
      expect(entries[0].changes).toEqual(expect.arrayContaining([{ field: 'description', oldValue: null, newValue: 'Første' }]));
      expect(entries[1].changes).toEqual([{ field: 'description', oldValue: 'Første', newValue: 'Anden' }]);
      expect(entries[2].changes).toEqual(
        expect.arrayContaining([
          { field: 'description', oldValue: 'Anden', newValue: 'Tredje' },
          { field: 'formerName', oldValue: null, newValue: 'Gammel' },
        ]),
      );
      for (const entry of entries) expect(entry.actor.uuid).toMatch(/^[0-9a-f-]{36}$/);
      // A Global system's history is readable across organisations with Public read.
      expect((await historyOf(path, outsider)).status).toBe(200);
    });

    it("hides a Local system's history from other organisations", async () => {
      const uuid = await createSystem({ scope: 'Local' });
      const path = `/api/v2/it-systems/${uuid}`;
      await waitForHistory(path, 1);
      expect((await historyOf(path, la)).status).toBe(200);
      expect((await historyOf(path, outsider)).status).toBe(404);
    });
  });

  describe('requests', () => {
    it('answers 404 for an unknown object, 400 for a bad uuid and 401 without a token', async () => {
      expect((await historyOf(`/api/v2/it-contracts/${randomUUID()}`, admin)).status).toBe(404);
      expect((await historyOf(`/api/v2/it-projects/${randomUUID()}`, la)).status).toBe(404);
      expect((await historyOf('/api/v2/it-systems/not-a-uuid', admin)).status).toBe(400);
      expect((await historyOf('/api/v2/data-processing-registrations/not-a-uuid', admin)).status).toBe(400);
      expect((await historyOf(`/api/v2/it-interfaces/${randomUUID()}`)).status).toBe(401);
    });
  });
});
