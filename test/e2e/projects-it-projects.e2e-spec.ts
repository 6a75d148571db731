import { randomUUID } from 'node:crypto';
import { connect, type NatsConnection } from 'nats';
import { natsConnectionOptions } from '@kitos/messaging';
import { eventually, resetJetStream } from '@kitos/testing';
import { adminToken, bearer, createOrganization, createUser, sessionOf } from '../support/identity';
import { http, startSystem, type HttpResult, type RunningSystem } from '../support/system';

type Pair = { uuid: string; name: string | null };
type Project = {
  uuid: string;
  name: string;
  version: number;
  organizationContext: Pair;
  general: { projectId: string | null; projectType: Pair | null; description: string | null; responsibleOrganizationUnit: Pair | null };
  parentProject: Pair | null;
  childProjects: Pair[];
  isProgramme: boolean;
  phases: {
    currentPhase: string | null;
    phases: Array<{ phase: string; name: string; startDate: string | null; endDate: string | null; current: boolean }>;
  };
  roles: Array<{ role: Pair; user: Pair }>;
  systemUsages: Pair[];
  contracts: Pair[];
  externalReferences: Array<{ uuid: string; title: string }>;
  archived: boolean;
  latestStatusReport: { uuid: string; date: string; overall: { status: string } } | null;
  economy: { years: Array<{ year: number }>; budgetTotal: { total: { total: number } }; actualTotal: { total: { total: number } } };
  risks: Array<{ uuid: string; score: number; level: string }>;
  benefits: Array<{ uuid: string; realisation: Record<string, unknown> }>;
  benefitsRealisation: Record<string, unknown>;
};
type Problem = { status: number; errors?: Array<{ field: string; message: string }>; existingUuid?: string };
type Envelope = { type: string; organizationUuid: string; aggregate: { uuid: string; version: number }; data: Record<string, unknown> };

const BASE = '/api/v2/it-projects';
const YEAR = Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Copenhagen', year: 'numeric' }).format(new Date()));

describe('IT projects through the gateway', () => {
  let system: RunningSystem;
  let api: ReturnType<typeof http>;
  let nc: NatsConnection;
  let admin: string;
  let org: string;
  let otherOrg: string;
  let la: string;
  let plain: { uuid: string; token: string };
  let member: { uuid: string; token: string };
  let otherLa: string;
  let unit: string;
  let otherUnit: string;
  let writeRole: string;
  let readRole: string;
  let projectType: string;

  const put = async <T = Project>(
    path: string,
    body: unknown,
    token: string,
    headers: Record<string, string> = {},
  ): Promise<HttpResult<T>> => {
    const response = await fetch(`${system.gatewayUrl}${path}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', ...bearer(token), ...headers },
      body: JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: (text ? JSON.parse(text) : undefined) as T };
  };

  const expectProblem = (result: HttpResult<unknown>, status: number, field?: string) => {
    expect({ status: result.status, body: result.body }).toMatchObject({ status });
    expect(result.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    if (field) expect((result.body as Problem).errors?.map((e) => e.field)).toContain(field);
  };

  const createProject = async (fields: Record<string, unknown> = {}, token = la): Promise<Project> => {
    const created = await api.post<Project>(
      BASE,
      { organizationUuid: org, name: `Projekt ${randomUUID().slice(0, 8)}`, ...fields },
      bearer(token),
    );
    if (created.status !== 201) throw new Error(`creating a project answered ${created.status}: ${JSON.stringify(created.body)}`);
    return created.body;
  };

  const createUnit = async (organizationUuid: string, name: string): Promise<string> => {
    const base = `/api/v2/organizations/${organizationUuid}/organization-units`;
    const [root] = (await api.get<Array<{ uuid: string }>>(base, bearer(admin))).body;
    const created = await api.post<{ uuid: string }>(base, { name, parentUuid: root.uuid }, bearer(admin));
    if (created.status !== 201) throw new Error(`creating a unit answered ${created.status}`);
    return created.body.uuid;
  };

  const createUsage = async (organizationUuid: string): Promise<{ uuid: string; systemName: string }> => {
    const systemName = `System ${randomUUID().slice(0, 8)}`;
    const system = await api.post<{ uuid: string }>('/api/v2/it-systems', { organizationUuid, name: systemName }, bearer(admin));
    const usage = await api.post<{ uuid: string }>(
      '/api/v2/it-system-usages',
      { organizationUuid, systemUuid: system.body.uuid },
      bearer(admin),
    );
    if (usage.status !== 201) throw new Error(`creating a usage answered ${usage.status}`);
    return { uuid: usage.body.uuid, systemName };
  };

  /** The contracts service's events, as it publishes them on its stream (the contract contract in libs/contracts). */
  const publishContract = async (kind: 'created' | 'deleted', uuid: string, organizationUuid: string, name: string, version: number) => {
    const data =
      kind === 'created'
        ? { contract: { uuid, organizationUuid, name, lastModified: new Date().toISOString() } }
        : { uuid, organizationUuid, name, deletedAt: new Date().toISOString() };
    const envelope = {
      id: randomUUID(),
      type: `contracts.it-contract.${kind}`,
      version: 1,
      occurredAt: new Date().toISOString(),
      organizationUuid,
      actor: { kind: 'system', userUuid: null },
      aggregate: { type: 'it-contract', uuid, version },
      data,
    };
    await nc
      .jetstream()
      .publish(`evt.contracts.it-contract.${kind}.v1`, new TextEncoder().encode(JSON.stringify(envelope)), { msgID: envelope.id });
  };

  const lastEvent = async (subject: string): Promise<Envelope> => {
    const jsm = await nc.jetstreamManager();
    const message = await jsm.streams.getMessage('PROJECTS', { last_by_subj: subject });
    return JSON.parse(new TextDecoder().decode(message.data)) as Envelope;
  };

  beforeAll(async () => {
    await resetJetStream();
    system = await startSystem({ services: ['identity', 'catalog', 'projects'] });
    api = http(system.gatewayUrl);
    nc = await connect(natsConnectionOptions(system.env.NATS_URL as string));
    admin = await adminToken(api);
    org = await createOrganization(api, admin, { name: `Vejle ${randomUUID().slice(0, 6)}` });
    otherOrg = await createOrganization(api, admin);
    la = await sessionOf(api, await createUser(api, admin, [{ organizationUuid: org, role: 'LocalAdmin' }]));
    const plainUser = await createUser(api, admin, [{ organizationUuid: org, role: 'User' }]);
    plain = { uuid: plainUser.uuid, token: await sessionOf(api, plainUser) };
    const memberUser = await createUser(api, admin, [{ organizationUuid: org, role: 'User' }]);
    member = { uuid: memberUser.uuid, token: await sessionOf(api, memberUser) };
    otherLa = await sessionOf(api, await createUser(api, admin, [{ organizationUuid: otherOrg, role: 'LocalAdmin' }]));
    unit = await createUnit(org, 'Digitalisering');
    otherUnit = await createUnit(otherOrg, 'Fremmed enhed');
    const role = async (name: string, hasWriteAccess: boolean) =>
      (
        await api.post<{ uuid: string }>(
          '/api/v2/role-types',
          { objectType: 'ItProject', name: `${name} ${randomUUID().slice(0, 4)}`, hasWriteAccess },
          bearer(admin),
        )
      ).body.uuid;
    writeRole = await role('Projektleder', true);
    readRole = await role('Styregruppemedlem', false);
    // the catalogue seeds its default option values (it-project-types among them) just after it starts
    projectType = await eventually(
      async () => {
        const types = await api.get<Array<{ uuid: string; name: string }>>(`/api/v2/it-project-types?organizationUuid=${org}`, bearer(la));
        expect(types.body.length).toBeGreaterThan(0);
        return types.body[0].uuid;
      },
      { timeoutMs: 60_000, intervalMs: 250 },
    );
  }); // the configured timeout (jest.config.js): more than the 150 s a system may take to get ready

  afterAll(async () => {
    await nc?.close();
    await system?.close();
  });

  describe('projects', () => {
    it('creates, reads, lists, patches, replaces and deletes a project', async () => {
      const created = await api.post<Project>(
        BASE,
        {
          organizationUuid: org,
          name: 'Nyt ESDH',
          general: { projectId: 'P-1', projectTypeUuid: projectType, description: 'Udskiftning', responsibleOrganizationUnitUuid: unit },
          phases: { currentPhase: 'Phase2', dates: [{ phase: 'Phase1', startDate: '2025-01-01', endDate: '2025-03-31' }] },
          externalReferences: [{ title: 'Business case', url: 'https://intra/bc', masterReference: true }],
        },
        bearer(la),
      );
      expect(created.status).toBe(201);
      expect(created.headers.get('etag')).toBe('"1"');
      const uuid = created.body.uuid;
      expect(created.headers.get('location')).toBe(`${BASE}/${uuid}`);
      expect(created.body).toMatchObject({
        name: 'Nyt ESDH',
        version: 1,
        archived: false,
        organizationContext: { uuid: org },
        general: {
          projectId: 'P-1',
          projectType: { uuid: projectType },
          responsibleOrganizationUnit: { uuid: unit, name: 'Digitalisering' },
        },
        phases: { currentPhase: 'Phase2' },
        latestStatusReport: null,
        economy: { years: [], budgetTotal: { total: { total: 0 } } },
      });
      expect(created.body.phases.phases.map((p) => [p.phase, p.name, p.current])).toEqual([
        ['Phase1', 'Foranalyse', false],
        ['Phase2', 'Analyse', true],
        ['Phase3', 'Gennemførelse', false],
        ['Phase4', 'Implementering', false],
        ['Phase5', 'Afslutning', false],
      ]);
      expect(created.body.phases.phases[0]).toMatchObject({ startDate: '2025-01-01', endDate: '2025-03-31' });

      const read = await api.get<Project>(`${BASE}/${uuid}`, bearer(plain.token));
      expect(read.status).toBe(200);
      expect(read.headers.get('etag')).toBe('"1"');
      expect(read.body).toEqual(created.body);

      expect(
        (await api.get<Project[]>(`${BASE}?organizationUuid=${org}&nameContent=nyt esdh`, bearer(plain.token))).body.map((p) => p.uuid),
      ).toEqual([uuid]);
      expect(
        (await api.get<Project[]>(`${BASE}?organizationUuid=${org}&currentPhase=Phase2`, bearer(plain.token))).body.map((p) => p.uuid),
      ).toContain(uuid);
      expect(
        (await api.get<Project[]>(`${BASE}?organizationUuid=${org}&archived=true`, bearer(plain.token))).body.map((p) => p.uuid),
      ).not.toContain(uuid);

      const patched = await api.patch<Project>(`${BASE}/${uuid}`, { general: { projectId: 'P-2' } }, { ...bearer(la), 'if-match': '"1"' });
      expect(patched.status).toBe(200);
      expect(patched.headers.get('etag')).toBe('"2"');
      expect(patched.body.general).toMatchObject({ projectId: 'P-2', projectType: null, description: null });
      expect(patched.body.phases.currentPhase).toBe('Phase2');
      expect((await api.patch<Project>(`${BASE}/${uuid}`, { general: { projectId: 'P-2' } }, bearer(la))).body.version).toBe(2);

      const replaced = await put(`${BASE}/${uuid}`, { name: 'Nyt ESDH 2' }, la);
      expect(replaced.status).toBe(200);
      expect(replaced.body).toMatchObject({
        name: 'Nyt ESDH 2',
        version: 3,
        general: { projectId: null },
        phases: { currentPhase: null },
        externalReferences: [],
      });

      expect((await api.delete(`${BASE}/${uuid}`, bearer(la))).status).toBe(204);
      expectProblem(await api.get(`${BASE}/${uuid}`, bearer(la)), 404);
    });

    it('names are unique per organisation, case-insensitive (409), and free again after deletion', async () => {
      const first = await createProject({ name: 'Unik Navn' });
      const second = await api.post(BASE, { organizationUuid: org, name: 'unik navn' }, bearer(la));
      expectProblem(second, 409);
      expect((second.body as Problem).existingUuid).toBe(first.uuid);
      expect((await api.post(BASE, { organizationUuid: otherOrg, name: 'Unik Navn' }, bearer(otherLa))).status).toBe(201);
      const other = await createProject();
      expectProblem(await api.patch(`${BASE}/${other.uuid}`, { name: 'UNIK NAVN' }, bearer(la)), 409);
      await api.delete(`${BASE}/${first.uuid}`, bearer(la));
      expect((await api.post(BASE, { organizationUuid: org, name: 'Unik Navn' }, bearer(la))).status).toBe(201);
    });

    it('refuses invalid input with field-level 400s', async () => {
      expectProblem(await api.post(BASE, { organizationUuid: org }, bearer(la)), 400, 'name');
      expectProblem(await api.post(BASE, { organizationUuid: org, name: 'x', color: 'red' }, bearer(la)), 400);
      expectProblem(
        await api.post(
          BASE,
          { organizationUuid: org, name: `U ${randomUUID()}`, general: { responsibleOrganizationUnitUuid: otherUnit } },
          bearer(la),
        ),
        400,
        'general.responsibleOrganizationUnitUuid',
      );
      expectProblem(
        await api.post(BASE, { organizationUuid: org, name: `T ${randomUUID()}`, general: { projectTypeUuid: randomUUID() } }, bearer(la)),
        400,
        'general.projectTypeUuid',
      );
      expectProblem(
        await api.post(
          BASE,
          {
            organizationUuid: org,
            name: `P ${randomUUID()}`,
            phases: { dates: [{ phase: 'Phase3', startDate: '2025-05-01', endDate: '2025-04-30' }] },
          },
          bearer(la),
        ),
        400,
        'phases.dates[0].endDate',
      );
      expectProblem(
        await api.post(
          BASE,
          { organizationUuid: org, name: `D ${randomUUID()}`, phases: { dates: [{ phase: 'Phase1' }, { phase: 'Phase1' }] } },
          bearer(la),
        ),
        400,
        'phases.dates[1].phase',
      );
      expectProblem(
        await api.post(BASE, { organizationUuid: org, name: `Ph ${randomUUID()}`, phases: { currentPhase: 'Phase6' } }, bearer(la)),
        400,
      );
      expectProblem(
        await api.post(
          BASE,
          { organizationUuid: org, name: `R ${randomUUID()}`, roles: [{ roleUuid: writeRole, userUuid: randomUUID() }] },
          bearer(la),
        ),
        400,
        'roles[0].userUuid',
      );
      expectProblem(await api.get(`${BASE}/00000000-0000-0000-0000-000000000000`, bearer(la)), 400);
      expectProblem(await api.get(`${BASE}?pageSize=251`, bearer(la)), 400, 'pageSize');
    });

    it('uses If-Match for optimistic concurrency (412) and refuses a malformed one (400)', async () => {
      const project = await createProject();
      await api.patch(`${BASE}/${project.uuid}`, { general: { projectId: 'A' } }, bearer(la));
      expectProblem(await api.patch(`${BASE}/${project.uuid}`, { general: { projectId: 'B' } }, { ...bearer(la), 'if-match': '"1"' }), 412);
      expectProblem(
        await api.post(
          `${BASE}/${project.uuid}/risks`,
          { description: 'x', probability: 1, consequence: 1 },
          { ...bearer(la), 'if-match': '"1"' },
        ),
        412,
      );
      expectProblem(await api.patch(`${BASE}/${project.uuid}`, { general: null }, { ...bearer(la), 'if-match': 'banana' }), 400);
    });

    it('lets administrators and write-role holders change projects, and nobody else (403/404/401)', async () => {
      expectProblem(await api.post(BASE, { organizationUuid: org, name: `X ${randomUUID()}` }, bearer(plain.token)), 403);
      expectProblem(await api.post(BASE, { organizationUuid: org, name: `X ${randomUUID()}` }, bearer(otherLa)), 403);
      expect((await api.post(BASE, { organizationUuid: org, name: `X ${randomUUID()}` })).status).toBe(401);
      const project = await createProject({
        roles: [
          { roleUuid: writeRole, userUuid: member.uuid },
          { roleUuid: readRole, userUuid: plain.uuid },
        ],
      });
      expect(project.roles.map((r) => r.user.uuid).sort()).toEqual([member.uuid, plain.uuid].sort());
      const byMember = await api.patch<Project>(
        `${BASE}/${project.uuid}`,
        { general: { description: 'Ændret af projektlederen' } },
        bearer(member.token),
      );
      expect(byMember.status).toBe(200);
      expect(
        (await api.post(`${BASE}/${project.uuid}/risks`, { description: 'r', probability: 2, consequence: 2 }, bearer(member.token)))
          .status,
      ).toBe(201);
      expectProblem(await api.patch(`${BASE}/${project.uuid}`, { general: null }, bearer(plain.token)), 403);
      expectProblem(
        await api.post(`${BASE}/${project.uuid}/risks`, { description: 'r', probability: 2, consequence: 2 }, bearer(plain.token)),
        403,
      );
      expectProblem(await api.delete(`${BASE}/${project.uuid}`, bearer(member.token)), 403);
      expectProblem(await api.patch(`${BASE}/${project.uuid}`, { general: null }, bearer(otherLa)), 404);
      expectProblem(await api.delete(`${BASE}/${project.uuid}`, bearer(otherLa)), 404);
      expectProblem(
        await api.post(
          BASE,
          {
            organizationUuid: org,
            name: `Y ${randomUUID()}`,
            roles: [
              { roleUuid: writeRole, userUuid: member.uuid },
              { roleUuid: writeRole, userUuid: member.uuid },
            ],
          },
          bearer(la),
        ),
        400,
        'roles[1]',
      );
    });

    it('programmes: parents of the same organisation, children listed, no cycles (400), no deletion with children (409)', async () => {
      const programme = await createProject({ name: `Program ${randomUUID().slice(0, 6)}` });
      const child = await createProject({ parentProjectUuid: programme.uuid });
      const grandchild = await createProject({ parentProjectUuid: child.uuid });
      expect(child.parentProject).toEqual({ uuid: programme.uuid, name: programme.name });
      const read = (await api.get<Project>(`${BASE}/${programme.uuid}`, bearer(la))).body;
      expect(read).toMatchObject({ isProgramme: true, childProjects: [{ uuid: child.uuid, name: child.name }] });
      expect((await api.get<Project[]>(`${BASE}?parentProjectUuid=${programme.uuid}`, bearer(la))).body.map((p) => p.uuid)).toEqual([
        child.uuid,
      ]);
      expectProblem(
        await api.patch(`${BASE}/${programme.uuid}`, { parentProjectUuid: grandchild.uuid }, bearer(la)),
        400,
        'parentProjectUuid',
      );
      expectProblem(
        await api.patch(`${BASE}/${programme.uuid}`, { parentProjectUuid: programme.uuid }, bearer(la)),
        400,
        'parentProjectUuid',
      );
      const foreign = await api.post<Project>(BASE, { organizationUuid: otherOrg, name: `F ${randomUUID()}` }, bearer(otherLa));
      expectProblem(
        await api.patch(`${BASE}/${child.uuid}`, { parentProjectUuid: foreign.body.uuid }, bearer(la)),
        400,
        'parentProjectUuid',
      );
      const refused = await api.delete(`${BASE}/${programme.uuid}`, bearer(la));
      expectProblem(refused, 409);
      expect((await api.delete(`${BASE}/${grandchild.uuid}`, bearer(la))).status).toBe(204);
      expect((await api.delete(`${BASE}/${child.uuid}`, bearer(la))).status).toBe(204);
      expect((await api.delete(`${BASE}/${programme.uuid}`, bearer(la))).status).toBe(204);
    });

    it('links usages and contracts of the same organisation; a deleted usage or contract disappears from the links', async () => {
      const usage = await createUsage(org);
      const foreignUsage = await createUsage(otherOrg);
      const contract = randomUUID();
      const foreignContract = randomUUID();
      await publishContract('created', contract, org, 'Driftsaftale', 1);
      await publishContract('created', foreignContract, otherOrg, 'Fremmed aftale', 1);
      expectProblem(
        await api.post(BASE, { organizationUuid: org, name: `L ${randomUUID()}`, systemUsageUuids: [foreignUsage.uuid] }, bearer(la)),
        400,
        'systemUsageUuids[0]',
      );
      expectProblem(
        await api.post(BASE, { organizationUuid: org, name: `L ${randomUUID()}`, systemUsageUuids: [usage.uuid, usage.uuid] }, bearer(la)),
        400,
        'systemUsageUuids[1]',
      );
      const project = await createProject({ systemUsageUuids: [usage.uuid] });
      expect(project.systemUsages).toEqual([{ uuid: usage.uuid, name: usage.systemName }]);
      await eventually(async () =>
        expect((await api.patch(`${BASE}/${project.uuid}`, { contractUuids: [contract] }, bearer(la))).status).toBe(200),
      );
      expectProblem(await api.patch(`${BASE}/${project.uuid}`, { contractUuids: [foreignContract] }, bearer(la)), 400, 'contractUuids[0]');
      expectProblem(await api.patch(`${BASE}/${project.uuid}`, { contractUuids: [randomUUID()] }, bearer(la)), 400, 'contractUuids[0]');
      expect((await api.get<Project>(`${BASE}/${project.uuid}`, bearer(la))).body.contracts).toEqual([
        { uuid: contract, name: 'Driftsaftale' },
      ]);
      expect((await api.get<Project[]>(`${BASE}?systemUsageUuid=${usage.uuid}`, bearer(la))).body.map((p) => p.uuid)).toEqual([
        project.uuid,
      ]);

      expect((await api.delete(`/api/v2/it-system-usages/${usage.uuid}`, bearer(admin))).status).toBe(204);
      await publishContract('deleted', contract, org, 'Driftsaftale', 2);
      await eventually(async () => {
        const read = (await api.get<Project>(`${BASE}/${project.uuid}`, bearer(la))).body;
        expect(read.systemUsages).toEqual([]);
        expect(read.contracts).toEqual([]);
      });
      const updated = await lastEvent('evt.projects.it-project.updated.v1');
      expect(updated.aggregate.uuid).toBe(project.uuid);
    });

    it('archived projects are read-only except un-archiving (409)', async () => {
      const project = await createProject();
      const archived = await api.patch<Project>(`${BASE}/${project.uuid}`, { archived: true }, bearer(la));
      expect(archived.body.archived).toBe(true);
      expectProblem(await api.patch(`${BASE}/${project.uuid}`, { general: { projectId: 'X' } }, bearer(la)), 409);
      expectProblem(await api.patch(`${BASE}/${project.uuid}`, { archived: false, general: { projectId: 'X' } }, bearer(la)), 409);
      expectProblem(await api.post(`${BASE}/${project.uuid}/milestones`, { name: 'M' }, bearer(la)), 409);
      expectProblem(await api.delete(`${BASE}/${project.uuid}`, bearer(la)), 409);
      expect((await api.get<Project[]>(`${BASE}?organizationUuid=${org}&archived=true`, bearer(la))).body.map((p) => p.uuid)).toContain(
        project.uuid,
      );
      const restored = await api.patch<Project>(`${BASE}/${project.uuid}`, { archived: false }, bearer(la));
      expect(restored.status).toBe(200);
      expect(restored.body.archived).toBe(false);
      expect((await api.post(`${BASE}/${project.uuid}/milestones`, { name: 'M' }, bearer(la))).status).toBe(201);
    });
  });

  describe('phases, milestones and tasks', () => {
    it('phase names are the organisation’s: local admins rename them, members read them, others get 404', async () => {
      const path = `/api/v2/organizations/${org}/project-phase-names`;
      const initial = await api.get<Record<string, unknown>>(path, bearer(plain.token));
      expect(initial.body).toMatchObject({ phase1: 'Foranalyse', phase3: 'Gennemførelse', version: 0 });
      expectProblem(await put(path, { phase1: 'Idé' }, la), 400, 'phase2');
      expectProblem(await api.patch(path, { phase2: 'Analyse og design' }, bearer(plain.token)), 403);
      expectProblem(await api.patch(path, { phase2: '' }, bearer(la)), 400, 'phase2');
      expectProblem(await api.get(path, bearer(otherLa)), 404);
      expectProblem(await api.patch(path, { phase2: 'x' }, bearer(otherLa)), 404);
      const renamed = await api.patch<Record<string, unknown>>(path, { phase2: 'Analyse og design' }, { ...bearer(la), 'if-match': '"0"' });
      expect(renamed.status).toBe(200);
      expect(renamed.body).toMatchObject({ phase1: 'Foranalyse', phase2: 'Analyse og design', version: 1 });
      expectProblem(await api.patch(path, { phase2: 'y' }, { ...bearer(la), 'if-match': '"0"' }), 412);
      const project = await createProject({ phases: { currentPhase: 'Phase2' } });
      expect(project.phases.phases[1]).toMatchObject({ phase: 'Phase2', name: 'Analyse og design', current: true });
      expect(
        (await api.get<Record<string, unknown>>(`/api/v2/organizations/${otherOrg}/project-phase-names`, bearer(otherLa))).body.phase2,
      ).toBe('Analyse');
    });

    it.each(['milestones', 'tasks'])('%s: create, list, read, patch, replace and delete, with their rules', async (kind) => {
      const project = await createProject();
      const dateField = kind === 'milestones' ? 'date' : 'dueDate';
      const path = `${BASE}/${project.uuid}/${kind}`;
      const created = await api.post<Record<string, unknown>>(
        path,
        { name: 'Kontrakt', [dateField]: '2025-09-01', responsibleUserUuid: member.uuid, phase: 'Phase3' },
        bearer(la),
      );
      expect(created.status).toBe(201);
      expect(created.headers.get('etag')).toBe('"2"');
      expect(created.body).toMatchObject({
        name: 'Kontrakt',
        [dateField]: '2025-09-01',
        status: 'NotStarted',
        responsibleUser: { uuid: member.uuid },
        phase: 'Phase3',
      });
      const id = created.body.uuid as string;
      expect((await api.get<unknown[]>(path, bearer(plain.token))).body).toHaveLength(1);
      expect((await api.get(`${path}/${id}`, bearer(plain.token))).body).toEqual(created.body);
      const patched = await api.patch<Record<string, unknown>>(
        `${path}/${id}`,
        { status: 'InProgress' },
        { ...bearer(la), 'if-match': '"2"' },
      );
      expect(patched.body).toMatchObject({ status: 'InProgress', name: 'Kontrakt', [dateField]: '2025-09-01' });
      const replaced = await put<Record<string, unknown>>(`${path}/${id}`, { name: 'Kontrakt underskrevet', status: 'Done' }, la);
      expect(replaced.body).toMatchObject({ name: 'Kontrakt underskrevet', status: 'Done', [dateField]: null, responsibleUser: null });
      expectProblem(await api.patch(`${path}/${id}`, { status: 'Waiting' }, bearer(la)), 400, 'status');
      expectProblem(await api.patch(`${path}/${id}`, { name: null }, bearer(la)), 400, 'name');
      expectProblem(await api.post(path, { name: 'X', responsibleUserUuid: randomUUID() }, bearer(la)), 400, 'responsibleUserUuid');
      expectProblem(await api.post(path, { name: 'X', [dateField]: '2025-13-01' }, bearer(la)), 400, dateField);
      expectProblem(await api.get(`${path}/${randomUUID()}`, bearer(la)), 404);
      expect((await api.delete(`${path}/${id}`, bearer(la))).status).toBe(204);
      expectProblem(await api.get(`${path}/${id}`, bearer(la)), 404);
      expectProblem(await api.delete(`${path}/${id}`, bearer(la)), 404);
    });
  });

  describe('status reports, economy, risks and stakeholders', () => {
    it('keeps every status report and shows the latest on the project', async () => {
      const project = await createProject();
      const path = `${BASE}/${project.uuid}/status-reports`;
      const light = (status: string, comment?: string) => ({ status, comment });
      const report = (date: string, overall: string) => ({
        date,
        overall: light(overall, 'Samlet'),
        time: light('Yellow', 'Forsinket 2 uger'),
        cost: light('Green'),
        quality: light('Green'),
        resources: light('White'),
      });
      const march = await api.post<{ uuid: string; createdBy: Pair }>(path, report('2025-03-31', 'Yellow'), bearer(la));
      expect(march.status).toBe(201);
      expect(march.body.createdBy).toBeTruthy();
      await api.post(path, report('2025-06-30', 'Red'), bearer(la));
      await api.post(path, report('2025-01-31', 'Green'), bearer(la));
      expect((await api.get<unknown[]>(path, bearer(plain.token))).body).toHaveLength(3);
      const read = (await api.get<Project>(`${BASE}/${project.uuid}`, bearer(la))).body;
      expect(read.latestStatusReport).toMatchObject({ date: '2025-06-30', overall: { status: 'Red' } });
      expectProblem(await api.post(path, { ...report('2025-07-31', 'Green'), cost: light('Blue') }, bearer(la)), 400, 'cost.status');
      expectProblem(await api.post(path, { ...report('2025-07-31', 'Green'), quality: undefined }, bearer(la)), 400, 'quality');
      // the history is never overwritten: no PUT, PATCH or DELETE of a report
      expect((await put(`${path}/${march.body.uuid}`, report('2025-03-31', 'Green'), la)).status).toBe(404);
      expect((await api.delete(`${path}/${march.body.uuid}`, bearer(la))).status).toBe(404);
      expect((await api.get<unknown[]>(path, bearer(la))).body).toHaveLength(3);
    });

    it('economy: one row per year (409), integer øre ≥ 0 (400), totals', async () => {
      const project = await createProject();
      const path = `${BASE}/${project.uuid}/economy-years`;
      const amounts = (a: number, b: number, c: number, d: number) => ({
        acquisition: { internal: a, external: b },
        operation: { internal: c, external: d },
      });
      const row = await api.post<Record<string, unknown>>(
        path,
        { year: 2025, budget: amounts(100, 200, 300, 400), actual: amounts(50, 0, 0, 10) },
        bearer(la),
      );
      expect(row.status).toBe(201);
      expect(row.body).toMatchObject({
        year: 2025,
        budget: { acquisition: { total: 300 }, operation: { total: 700 }, total: { internal: 400, external: 600, total: 1000 } },
      });
      expectProblem(await api.post(path, { year: 2025, budget: amounts(1, 1, 1, 1), actual: amounts(1, 1, 1, 1) }, bearer(la)), 409);
      expectProblem(
        await api.post(path, { year: 2026, budget: amounts(-1, 0, 0, 0), actual: amounts(0, 0, 0, 0) }, bearer(la)),
        400,
        'budget.acquisition.internal',
      );
      expectProblem(
        await api.post(path, { year: 2026, budget: amounts(1.5, 0, 0, 0), actual: amounts(0, 0, 0, 0) }, bearer(la)),
        400,
        'budget.acquisition.internal',
      );
      await api.post(path, { year: 2026, budget: amounts(1000, 0, 0, 0), actual: amounts(0, 0, 0, 0) }, bearer(la));
      const patched = await api.patch<Record<string, unknown>>(`${path}/2026`, { actual: amounts(10, 20, 30, 40) }, bearer(la));
      expect(patched.body).toMatchObject({ year: 2026, budget: { total: { total: 1000 } }, actual: { total: { total: 100 } } });
      expectProblem(await put(`${path}/2026`, { year: 2027, budget: amounts(0, 0, 0, 0), actual: amounts(0, 0, 0, 0) }, la), 400, 'year');
      expectProblem(await api.patch(`${path}/2030`, { actual: amounts(0, 0, 0, 0) }, bearer(la)), 404);
      expectProblem(await api.get(`${path}/20x6`, bearer(la)), 400);
      const read = (await api.get<Project>(`${BASE}/${project.uuid}`, bearer(la))).body;
      expect(read.economy.years.map((y) => y.year)).toEqual([2025, 2026]);
      expect(read.economy.budgetTotal.total.total).toBe(2000);
      expect(read.economy.actualTotal.total.total).toBe(160);
      expect((await api.delete(`${path}/2025`, bearer(la))).status).toBe(204);
      expect((await api.get<unknown[]>(path, bearer(la))).body).toHaveLength(1);
    });

    it('risks: score = probability × consequence with its level; values 1–5 (400)', async () => {
      const project = await createProject();
      const path = `${BASE}/${project.uuid}/risks`;
      const risk = await api.post<Record<string, unknown>>(
        path,
        { description: 'Leverandøren forsinker', probability: 4, consequence: 5, mitigation: 'Bod', ownerUserUuid: member.uuid },
        bearer(la),
      );
      expect(risk.status).toBe(201);
      expect(risk.body).toMatchObject({ score: 20, level: 'Critical', owner: { uuid: member.uuid }, mitigation: 'Bod' });
      const lowered = await api.patch<Record<string, unknown>>(`${path}/${risk.body.uuid as string}`, { probability: 1 }, bearer(la));
      expect(lowered.body).toMatchObject({ score: 5, level: 'Medium', consequence: 5 });
      expectProblem(await api.post(path, { description: 'x', probability: 6, consequence: 1 }, bearer(la)), 400, 'probability');
      expectProblem(await api.post(path, { description: 'x', probability: 1, consequence: 0 }, bearer(la)), 400, 'consequence');
      expectProblem(
        await api.post(path, { description: 'x', probability: 1, consequence: 1, ownerUserUuid: randomUUID() }, bearer(la)),
        400,
        'ownerUserUuid',
      );
      expect((await api.get<Project>(`${BASE}/${project.uuid}`, bearer(la))).body.risks).toEqual([
        expect.objectContaining({ score: 5, level: 'Medium' }),
      ]);
    });

    it('stakeholders with their communication plan entries', async () => {
      const project = await createProject();
      const path = `${BASE}/${project.uuid}/stakeholders`;
      const created = await api.post<Record<string, unknown>>(
        path,
        {
          name: 'Borgerservice',
          role: 'Slutbrugere',
          interest: 'High',
          influence: 'Medium',
          communication: { what: 'Status', when: 'Månedligt', medium: 'Nyhedsbrev', responsibleUserUuid: member.uuid },
        },
        bearer(la),
      );
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        interest: 'High',
        communication: { what: 'Status', when: 'Månedligt', responsibleUser: { uuid: member.uuid } },
      });
      expectProblem(await api.post(path, { name: 'X', interest: 'Huge' }, bearer(la)), 400, 'interest');
      expectProblem(
        await api.post(path, { name: 'X', communication: { responsibleUserUuid: randomUUID() } }, bearer(la)),
        400,
        'communication.responsibleUserUuid',
      );
      const patched = await api.patch<Record<string, unknown>>(`${path}/${created.body.uuid as string}`, { influence: 'High' }, bearer(la));
      expect(patched.body).toMatchObject({ influence: 'High', interest: 'High', communication: { medium: 'Nyhedsbrev' } });
    });
  });

  describe('benefits realisation', () => {
    it('computes realisation per benefit and per project, and lists benefits that need attention', async () => {
      const project = await createProject({ name: `Gevinster ${randomUUID().slice(0, 6)}` });
      const path = `${BASE}/${project.uuid}/benefits`;
      const onPlan = await api.post<{ uuid: string; realisation: Record<string, unknown> }>(
        path,
        {
          description: 'Sparede lønkroner',
          type: 'Economic',
          ownerUserUuid: member.uuid,
          measure: 'øre pr. år',
          baseline: 0,
          targetValue: 2_000_000,
          targetDate: `${YEAR + 2}-12-31`,
          values: [{ year: YEAR - 1, planned: 900_000, realised: 900_000 }],
        },
        bearer(la),
      );
      expect(onPlan.status).toBe(201);
      expect(onPlan.body.realisation).toMatchObject({ asOfYear: YEAR, planRate: 1, targetRate: 0.45, belowPlan: false, overdue: false });
      const behind = await api.post<{ uuid: string; realisation: Record<string, unknown> }>(
        path,
        {
          description: 'Færre fejl',
          type: 'Economic',
          baseline: 0,
          targetValue: 200_000,
          targetDate: `${YEAR - 1}-06-30`,
          values: [{ year: YEAR - 1, planned: 100_000, realised: 0 }],
        },
        bearer(la),
      );
      expect(behind.body.realisation).toMatchObject({ planRate: 0, belowPlan: true, overdue: true, targetReached: false });
      const qualitative = await api.post<{ uuid: string }>(
        path,
        {
          description: 'Tilfredshed',
          type: 'Qualitative',
          baseline: -2,
          targetValue: 2,
          values: [{ year: YEAR - 1, planned: 0, realised: 1 }],
        },
        bearer(la),
      );
      expect(qualitative.status).toBe(201);

      const read = (await api.get<Project>(`${BASE}/${project.uuid}`, bearer(la))).body;
      expect(read.benefitsRealisation).toEqual({
        economicPlannedGainToDate: 1_000_000,
        economicRealisedGainToDate: 900_000,
        economicPlanRate: 0.9,
        economicTargetRate: 0.4091,
        benefitsNeedingAttention: 1,
      });

      const attention = await api.get<Array<{ project: Pair; benefit: { uuid: string }; reasons: string[] }>>(
        `/api/v2/organizations/${org}/it-projects/benefits/attention`,
        bearer(plain.token),
      );
      expect(attention.status).toBe(200);
      const mine = attention.body.filter((a) => a.project.uuid === project.uuid);
      expect(mine).toEqual([
        expect.objectContaining({ benefit: expect.objectContaining({ uuid: behind.body.uuid }), reasons: ['Overdue', 'BelowPlan'] }),
      ]);

      expectProblem(await api.post(path, { description: 'x', type: 'Economic', baseline: 0.5 }, bearer(la)), 400, 'baseline');
      expectProblem(
        await api.post(
          path,
          {
            description: 'x',
            type: 'Economic',
            values: [
              { year: 2024, planned: 1 },
              { year: 2024, planned: 2 },
            ],
          },
          bearer(la),
        ),
        400,
        'values[1].year',
      );
      expectProblem(await api.post(path, { description: 'x', type: 'Hope' }, bearer(la)), 400, 'type');
      expectProblem(
        await api.post(path, { description: 'x', type: 'Qualitative', ownerUserUuid: randomUUID() }, bearer(la)),
        400,
        'ownerUserUuid',
      );

      // fixing the measurement takes the benefit off the list
      await api.patch(`${path}/${behind.body.uuid}`, { values: [{ year: YEAR - 1, planned: 100_000, realised: 250_000 }] }, bearer(la));
      const after = await api.get<Array<{ project: Pair }>>(`/api/v2/organizations/${org}/it-projects/benefits/attention`, bearer(la));
      expect(after.body.filter((a) => a.project.uuid === project.uuid)).toEqual([]);
    });
  });

  describe('demo seed', () => {
    it('seeds projects with phases, reports, risks and benefits, and leaves them alone the second time', async () => {
      const { seedProjects } = require('../../deploy/seed/seed-projects.js') as {
        seedProjects: (args: Record<string, unknown>) => Promise<{ projects: number; projectParts: number }>;
      };
      const seedOrg = await createOrganization(api, admin);
      const call = async (method: string, path: string, body?: unknown, token?: string) => {
        const response = await fetch(`${system.gatewayUrl}${path}`, {
          method,
          headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...(token ? bearer(token) : {}) },
          body: body ? JSON.stringify(body) : undefined,
        });
        const text = await response.text();
        return { status: response.status, body: text ? JSON.parse(text) : undefined };
      };
      const check = (result: { status: number; body: unknown }, statuses: number[], what: string) => {
        if (!statuses.includes(result.status)) throw new Error(`${what}: HTTP ${result.status} ${JSON.stringify(result.body)}`);
        return result;
      };
      const args = { call, expect: check, token: admin, organizationOf: new Map([[101, { uuid: seedOrg }]]) };
      expect(await seedProjects(args)).toMatchObject({ projects: 3 });
      expect(await seedProjects(args)).toEqual({ projects: 0, projectParts: 0 });
      const projects = (await api.get<Project[]>(`${BASE}?organizationUuid=${seedOrg}&orderByProperty=Name`, bearer(admin))).body;
      expect(projects.map((p) => p.name)).toEqual(['Digitaliseringsprogram', 'Nyt ESDH-system', 'Selvbetjening for borgere']);
      expect(projects[0]).toMatchObject({ isProgramme: true });
      expect(projects[1].benefits).toHaveLength(2);
      expect(projects[1].latestStatusReport).toMatchObject({ overall: { status: 'Yellow' } });
      const attention = await api.get<unknown[]>(`/api/v2/organizations/${seedOrg}/it-projects/benefits/attention`, bearer(admin));
      expect(attention.body.length).toBeGreaterThan(0);
    });
  });

  describe('privacy and events', () => {
    it('shows no project data to a user of another organisation, anywhere', async () => {
      const secret = `Hemmeligt ${randomUUID().slice(0, 8)}`;
      const project = await createProject({ name: secret });
      await api.post(`${BASE}/${project.uuid}/benefits`, { description: `${secret} gevinst`, type: 'Qualitative' }, bearer(la));
      const usage = await createUsage(org);
      await api.patch(`${BASE}/${project.uuid}`, { systemUsageUuids: [usage.uuid] }, bearer(la));
      const outsider = bearer(otherLa);
      expect((await api.get<Project[]>(BASE, outsider)).body.map((p) => p.uuid)).not.toContain(project.uuid);
      expect((await api.get<Project[]>(`${BASE}?organizationUuid=${org}`, outsider)).body).toEqual([]);
      expect((await api.get<Project[]>(`${BASE}?systemUsageUuid=${usage.uuid}`, outsider)).body).toEqual([]);
      expectProblem(await api.get(`${BASE}/${project.uuid}`, outsider), 404);
      for (const kind of ['milestones', 'tasks', 'status-reports', 'economy-years', 'risks', 'stakeholders', 'benefits']) {
        expectProblem(await api.get(`${BASE}/${project.uuid}/${kind}`, outsider), 404);
        expectProblem(await api.post(`${BASE}/${project.uuid}/${kind}`, {}, outsider), 404);
      }
      expectProblem(await api.get(`/api/v2/organizations/${org}/it-projects/benefits/attention`, outsider), 404);
      expectProblem(await api.get(`/api/v2/organizations/${org}/project-phase-names`, outsider), 404);
      // cross-organisation endpoints of the other services carry nothing of the project
      for (const path of [
        '/api/v2/it-systems?pageSize=250',
        `/api/v2/it-system-usages?organizationUuid=${org}`,
        '/api/v2/organizations?pageSize=250',
      ]) {
        const result = await api.get(path, outsider);
        expect(result.status).toBe(200);
        expect(JSON.stringify(result.body)).not.toContain(secret);
      }
    });

    it('publishes created, updated (with field changes) and deleted events, marked private to the organisation', async () => {
      const project = await createProject({ general: { projectId: 'E-1' } });
      await eventually(async () =>
        expect(await lastEvent('evt.projects.it-project.created.v1')).toMatchObject({
          organizationUuid: org,
          aggregate: { uuid: project.uuid, version: 1 },
          data: {
            project: {
              uuid: project.uuid,
              organizationUuid: org,
              visibility: 'Organization',
              name: project.name,
              projectId: 'E-1',
              benefits: [],
            },
          },
        }),
      );
      const risk = await api.post<{ uuid: string }>(
        `${BASE}/${project.uuid}/risks`,
        { description: 'R', probability: 3, consequence: 3 },
        bearer(la),
      );
      await eventually(async () => {
        const updated = await lastEvent('evt.projects.it-project.updated.v1');
        expect(updated.aggregate).toMatchObject({ uuid: project.uuid, version: 2 });
        expect(updated.data.project).toMatchObject({
          visibility: 'Organization',
          risks: [{ uuid: risk.body.uuid, score: 9, level: 'Medium' }],
        });
        expect(updated.data.changes).toEqual([
          { field: `risks[${risk.body.uuid}]`, oldValue: null, newValue: expect.objectContaining({ probability: 3 }) },
        ]);
      });
      await api.patch(`${BASE}/${project.uuid}`, { general: { projectId: 'E-2' } }, bearer(la));
      await eventually(async () =>
        expect((await lastEvent('evt.projects.it-project.updated.v1')).data.changes).toEqual([
          { field: 'general.projectId', oldValue: 'E-1', newValue: 'E-2' },
        ]),
      );
      await api.delete(`${BASE}/${project.uuid}`, bearer(la));
      await eventually(async () =>
        expect(await lastEvent('evt.projects.it-project.deleted.v1')).toMatchObject({
          aggregate: { uuid: project.uuid, version: 4 },
          data: { uuid: project.uuid, organizationUuid: org, visibility: 'Organization', name: project.name },
        }),
      );
    });
  });
});
