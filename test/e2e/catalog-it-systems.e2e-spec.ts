import { randomUUID } from 'node:crypto';
import { eventually, resetJetStream } from '@kitos/testing';
import { adminToken, bearer, createOrganization, createUser, sessionOf } from '../support/identity';
import { http, startSystem, type HttpResult, type RunningSystem } from '../support/system';

type Ref = { uuid: string; name: string | null };
type Org = Ref & { cvr: string | null };
type System = {
  uuid: string;
  name: string;
  formerName: string | null;
  description: string | null;
  externalUuid: string | null;
  parentSystem: Ref | null;
  rightsHolder: Org | null;
  businessType: Ref | null;
  kle: Array<{ uuid: string; name: string | null; kleNumber: string | null }>;
  scope: string;
  deactivated: boolean;
  deactivationReason: string | null;
  recommendedArchiveDuty: { id: string; comment: string | null };
  externalReferences: Array<{ uuid: string; title: string; documentId: string | null; url: string | null; masterReference: boolean }>;
  usingOrganizations: Org[];
  organizationContext: Org;
  createdBy: Ref | null;
  version: number;
};
type Problem = {
  status: number;
  detail: string;
  errors?: Array<{ field: string; message: string }>;
  deletionConflicts?: string[];
  conflicts?: Array<{ conflict: string; items: Ref[] }>;
};
type Api = ReturnType<typeof http>;

/** PUT and DELETE with a body, which the shared client does not send. */
async function send<T>(baseUrl: string, token: string, method: string, path: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...bearer(token), ...headers },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: (text ? JSON.parse(text) : undefined) as T };
}

const fieldsOf = (result: HttpResult<unknown>) => ((result.body as Problem).errors ?? []).map((e) => e.field);

describe('The IT-system catalogue (KITOS §2.3) through the gateway', () => {
  let system: RunningSystem;
  let gaToken: string;
  let ga: Api;
  let municipality: string;
  let municipalityName: string;
  let supplier: string;
  let otherMunicipality: string;
  let localAdmin: Api;
  let plainUser: Api;
  let rightsHolder: Api;
  let rightsHolderToken: string;
  let municipalityRightsHolder: Api;
  let businessType: Ref;
  let unavailableBusinessType: Ref;
  let kleTopics: Array<{ uuid: string; kleNumber: string }>;

  const put = <T>(token: string, path: string, body: unknown, headers?: Record<string, string>) =>
    send<T>(system.gatewayUrl, token, 'PUT', path, body, headers);
  const create = async (fields: Record<string, unknown>, api: Api = ga) => {
    const result = await api.post<System>('/api/v2/it-systems', { organizationUuid: municipality, name: `S ${randomUUID()}`, ...fields });
    if (result.status !== 201) throw new Error(`creating a system answered ${result.status}: ${JSON.stringify(result.body)}`);
    return result.body;
  };
  const as = async (rights: Array<{ organizationUuid: string; role: string }>) =>
    http(system.gatewayUrl, await sessionOf(ga, await createUser(ga, gaToken, rights)));

  beforeAll(async () => {
    await resetJetStream();
    system = await startSystem();
    gaToken = await adminToken(http(system.gatewayUrl));
    ga = http(system.gatewayUrl, gaToken);
    municipalityName = `Kommune ${randomUUID().slice(0, 8)}`;
    municipality = await createOrganization(ga, gaToken, { name: municipalityName });
    supplier = await createOrganization(ga, gaToken, { name: `Leverandør ${randomUUID().slice(0, 8)}`, organizationType: 'Company' });
    otherMunicipality = await createOrganization(ga, gaToken);
    localAdmin = await as([{ organizationUuid: municipality, role: 'LocalAdmin' }]);
    plainUser = await as([{ organizationUuid: municipality, role: 'User' }]);
    const rightsHolderUser = await createUser(ga, gaToken, [{ organizationUuid: supplier, role: 'RightsHolderAccess' }]);
    rightsHolderToken = await sessionOf(ga, rightsHolderUser);
    rightsHolder = http(system.gatewayUrl, rightsHolderToken);
    municipalityRightsHolder = await as([{ organizationUuid: municipality, role: 'RightsHolderAccess' }]);
    const businessTypes = (await ga.get<Array<Ref & { isObligatory: boolean }>>('/api/v2/option-types/business-types')).body;
    businessType = businessTypes.find((b) => b.isObligatory)!;
    unavailableBusinessType = businessTypes.find((b) => !b.isObligatory)!;
    // KLE is imported from the embedded sample when the catalogue starts
    kleTopics = await eventually(async () => {
      const kle = (await ga.get<Array<{ uuid: string; kleNumber: string }>>('/api/v2/kle-options')).body;
      const topics = kle.filter((k) => k.kleNumber.split('.').length === 3).slice(0, 2);
      expect(topics).toHaveLength(2);
      return topics;
    });
  });

  afterAll(async () => {
    await system?.close();
  });

  describe('registration', () => {
    it('registers a system in an organisation created a moment ago, with every KITOS field in the KITOS shape', async () => {
      const fresh = await createOrganization(ga, gaToken, { name: 'Helt Ny Kommune' });
      const parent = await create({});
      const externalUuid = randomUUID();
      const created = await ga.post<System>('/api/v2/it-systems', {
        organizationUuid: fresh,
        name: 'Sag og Dokument',
        formerName: 'SD 1',
        description: 'ESDH',
        externalUuid,
        parentUuid: parent.uuid,
        rightsHolderUuid: supplier,
        businessTypeUuid: businessType.uuid,
        kleUuids: kleTopics.map((k) => k.uuid),
        recommendedArchiveDuty: { id: 'B', comment: 'Bevares' },
        externalReferences: [{ title: 'Produktside', url: 'https://leverandor.example/sd', documentId: 'D-1', masterReference: true }],
      });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        name: 'Sag og Dokument',
        formerName: 'SD 1',
        externalUuid,
        parentSystem: { uuid: parent.uuid, name: parent.name },
        rightsHolder: { uuid: supplier, name: expect.stringMatching(/^Leverandør/) },
        businessType: { uuid: businessType.uuid, name: businessType.name },
        kle: kleTopics.map((k) => ({ uuid: k.uuid, name: k.kleNumber, kleNumber: k.kleNumber })),
        scope: 'Global',
        deactivated: false,
        recommendedArchiveDuty: { id: 'B', comment: 'Bevares' },
        externalReferences: [
          {
            uuid: expect.any(String),
            title: 'Produktside',
            url: 'https://leverandor.example/sd',
            documentId: 'D-1',
            masterReference: true,
          },
        ],
        usingOrganizations: [],
        organizationContext: { uuid: fresh, name: 'Helt Ny Kommune' },
        createdBy: { uuid: expect.any(String), name: expect.any(String) },
      });
      expect((await ga.get<System>(`/api/v2/it-systems/${created.body.uuid}`)).body).toEqual(created.body);
    });

    it('refuses an owning organisation that does not exist → 400', async () => {
      const result = await ga.post('/api/v2/it-systems', { organizationUuid: randomUUID(), name: 'Nowhere' });
      expect(result.status).toBe(400);
      expect(fieldsOf(result)).toEqual(['organizationUuid']);
    });

    it('lets global admins and rights holders of the owner create; local admins and rights holders elsewhere get 403', async () => {
      expect((await localAdmin.post('/api/v2/it-systems', { organizationUuid: municipality, name: 'By LA' })).status).toBe(403);
      expect((await rightsHolder.post('/api/v2/it-systems', { organizationUuid: municipality, name: 'By RH' })).status).toBe(403);
      const own = await rightsHolder.post<System>('/api/v2/it-systems', { organizationUuid: supplier, name: `By RH ${randomUUID()}` });
      expect(own.status).toBe(201);
      expect(own.body.organizationContext.uuid).toBe(supplier);
    });

    it('keeps new systems Global; only global admins choose Local (403)', async () => {
      const local = await rightsHolder.post('/api/v2/it-systems', {
        organizationUuid: supplier,
        name: `L ${randomUUID()}`,
        scope: 'Local',
      });
      expect(local.status).toBe(403);
      expect((await create({ scope: 'Local' })).scope).toBe('Local');
    });

    it.each([
      ['an unknown rights holder', { rightsHolderUuid: randomUUID() }, 'rightsHolderUuid'],
      ['an unknown business type', { businessTypeUuid: randomUUID() }, 'businessTypeUuid'],
      ['a business type not available in the organisation', () => ({ businessTypeUuid: unavailableBusinessType.uuid }), 'businessTypeUuid'],
      ['an unknown KLE reference', { kleUuids: [randomUUID()] }, 'kleUuids[0]'],
      ['a repeated KLE reference', () => ({ kleUuids: [kleTopics[0].uuid, kleTopics[0].uuid] }), 'kleUuids[1]'],
      ['an unknown parent system', { parentUuid: randomUUID() }, 'parentUuid'],
      [
        'an archive-duty comment without a recommendation',
        { recommendedArchiveDuty: { id: 'Undecided', comment: 'x' } },
        'recommendedArchiveDuty.comment',
      ],
      ['an unknown archive-duty recommendation', { recommendedArchiveDuty: { id: 'C' } }, 'recommendedArchiveDuty.id'],
      [
        'two master references',
        {
          externalReferences: [
            { title: 'a', masterReference: true },
            { title: 'b', masterReference: true },
          ],
        },
        'externalReferences',
      ],
      ['a reference URL that is not http(s)', { externalReferences: [{ title: 'a', url: 'ftp://x' }] }, 'externalReferences[0].url'],
      ['a reference without a title', { externalReferences: [{ url: 'https://x.dk' }] }, 'externalReferences[0].title'],
      ['an empty-GUID parent', { parentUuid: '00000000-0000-0000-0000-000000000000' }, 'parentUuid'],
    ])('refuses %s → 400 naming the field', async (_what, fields, field) => {
      const body = typeof fields === 'function' ? fields() : fields;
      const result = await ga.post('/api/v2/it-systems', { organizationUuid: municipality, name: `Bad ${randomUUID()}`, ...body });
      expect(result.status).toBe(400);
      expect(fieldsOf(result)).toContain(field);
    });

    it('refuses a parent the caller may not read → 403', async () => {
      const hidden = await create({ organizationUuid: otherMunicipality, scope: 'Local' });
      const result = await municipalityRightsHolder.post('/api/v2/it-systems', {
        organizationUuid: municipality,
        name: `Child ${randomUUID()}`,
        parentUuid: hidden.uuid,
      });
      expect(result.status).toBe(403);
    });
  });

  describe('changes', () => {
    it('refuses a parent that makes a cycle → 400', async () => {
      const top = await create({});
      const child = await create({ parentUuid: top.uuid });
      const grandchild = await create({ parentUuid: child.uuid });
      const loop = await ga.patch(`/api/v2/it-systems/${top.uuid}`, { parentUuid: grandchild.uuid });
      expect(loop.status).toBe(400);
      expect(fieldsOf(loop)).toEqual(['parentUuid']);
      expect((await ga.patch(`/api/v2/it-systems/${top.uuid}`, { parentUuid: top.uuid })).status).toBe(400);
    });

    it('shows the whole tree of a system as KITOS does, from its top', async () => {
      const top = await create({});
      const a = await create({ parentUuid: top.uuid });
      const b = await create({ parentUuid: top.uuid, deactivated: true });
      const leaf = await create({ parentUuid: a.uuid });
      const result = await ga.get<Array<{ node: Ref; parent: Ref | null; deactivated: boolean }>>(
        `/api/v2/it-systems/${leaf.uuid}/hierarchy`,
      );
      expect(result.status).toBe(200);
      expect(result.body).toEqual(
        expect.arrayContaining([
          { node: { uuid: top.uuid, name: top.name }, parent: null, deactivated: false },
          { node: { uuid: a.uuid, name: a.name }, parent: { uuid: top.uuid, name: top.name }, deactivated: false },
          { node: { uuid: b.uuid, name: b.name }, parent: { uuid: top.uuid, name: top.name }, deactivated: true },
          { node: { uuid: leaf.uuid, name: leaf.name }, parent: { uuid: a.uuid, name: a.name }, deactivated: false },
        ]),
      );
      expect(result.body).toHaveLength(4);
      expect((await ga.get(`/api/v2/it-systems/${randomUUID()}/hierarchy`)).status).toBe(404);
    });

    it('lets only global admins change the scope (403 for the local admin of the owner)', async () => {
      const target = await create({});
      expect((await localAdmin.patch(`/api/v2/it-systems/${target.uuid}`, { scope: 'Local' })).status).toBe(403);
      expect((await localAdmin.patch(`/api/v2/it-systems/${target.uuid}`, { description: 'LA may edit' })).status).toBe(200);
      expect((await plainUser.patch(`/api/v2/it-systems/${target.uuid}`, { description: 'user may not' })).status).toBe(403);
      expect((await ga.patch<System>(`/api/v2/it-systems/${target.uuid}`, { scope: 'Local' })).body.scope).toBe('Local');
    });

    it('PUT replaces every writable field, resetting what is left out; If-Match is honoured', async () => {
      const target = await create({
        description: 'old',
        kleUuids: [kleTopics[0].uuid],
        recommendedArchiveDuty: { id: 'K', comment: 'c' },
        externalReferences: [{ title: 'keep me' }],
      });
      const keep = target.externalReferences[0].uuid;
      const replaced = await put<System>(
        gaToken,
        `/api/v2/it-systems/${target.uuid}`,
        { name: `${target.name} 2`, externalReferences: [{ uuid: keep, title: 'kept', masterReference: true }] },
        { 'if-match': '"1"' },
      );
      expect(replaced.status).toBe(200);
      expect(replaced.headers.get('etag')).toBe('"2"');
      expect(replaced.body).toMatchObject({
        name: `${target.name} 2`,
        description: null,
        kle: [],
        recommendedArchiveDuty: { id: 'Undecided', comment: null },
        externalReferences: [{ uuid: keep, title: 'kept', masterReference: true }],
      });
      expect((await put(gaToken, `/api/v2/it-systems/${target.uuid}`, { name: 'stale' }, { 'if-match': '"1"' })).status).toBe(412);
      expect(fieldsOf(await put(gaToken, `/api/v2/it-systems/${target.uuid}`, { description: 'no name' }))).toContain('name');
      const unknownRef = await put(gaToken, `/api/v2/it-systems/${target.uuid}`, {
        name: 'x',
        externalReferences: [{ uuid: randomUUID(), title: 't' }],
      });
      expect(fieldsOf(unknownRef)).toEqual(['externalReferences[0].uuid']);
      expect((await put(gaToken, `/api/v2/it-systems/${randomUUID()}`, { name: 'x' })).status).toBe(404);
    });

    it('PATCH changes only what is sent and validates it as POST does', async () => {
      const target = await create({ description: 'keep', businessTypeUuid: businessType.uuid });
      const patched = await ga.patch<System>(`/api/v2/it-systems/${target.uuid}`, {
        kleUuids: [kleTopics[1].uuid],
        rightsHolderUuid: supplier,
      });
      expect(patched.body).toMatchObject({
        description: 'keep',
        businessType: { uuid: businessType.uuid },
        kle: [{ uuid: kleTopics[1].uuid }],
      });
      expect(fieldsOf(await ga.patch(`/api/v2/it-systems/${target.uuid}`, { name: null }))).toContain('name');
      expect(fieldsOf(await ga.patch(`/api/v2/it-systems/${target.uuid}`, { businessTypeUuid: unavailableBusinessType.uuid }))).toEqual([
        'businessTypeUuid',
      ]);
      expect((await ga.patch(`/api/v2/it-systems/${randomUUID()}`, { description: 'x' })).status).toBe(404);
    });
  });

  describe('deletion', () => {
    it('is for global admins and local admins of the owner (403 for others, rights holders included)', async () => {
      const target = await create({ rightsHolderUuid: supplier });
      expect((await plainUser.delete(`/api/v2/it-systems/${target.uuid}`)).status).toBe(403);
      expect((await rightsHolder.delete(`/api/v2/it-systems/${target.uuid}`)).status).toBe(403);
      expect((await localAdmin.delete(`/api/v2/it-systems/${target.uuid}`)).status).toBe(204);
      expect((await ga.get(`/api/v2/it-systems/${target.uuid}`)).status).toBe(404);
      expect((await ga.delete(`/api/v2/it-systems/${target.uuid}`)).status).toBe(404);
    });

    it('is refused with 409 listing the child systems, and allowed once they are gone', async () => {
      const parent = await create({});
      const child = await create({ parentUuid: parent.uuid });
      const refused = await ga.delete<Problem>(`/api/v2/it-systems/${parent.uuid}`);
      expect(refused.status).toBe(409);
      expect(refused.body).toMatchObject({
        deletionConflicts: ['HasChildSystems'],
        conflicts: [{ conflict: 'HasChildSystems', items: [{ uuid: child.uuid, name: child.name }] }],
      });
      expect((await ga.delete(`/api/v2/it-systems/${child.uuid}`)).status).toBe(204);
      expect((await ga.delete(`/api/v2/it-systems/${parent.uuid}`)).status).toBe(204);
    });
  });

  describe('filters', () => {
    let owner: string;
    let withAll: System;
    let plain: System;
    let off: System;

    beforeAll(async () => {
      owner = await createOrganization(ga, gaToken);
      withAll = await create({
        organizationUuid: owner,
        name: 'Filter Alpha',
        rightsHolderUuid: supplier,
        businessTypeUuid: businessType.uuid,
        kleUuids: [kleTopics[0].uuid],
      });
      plain = await create({ organizationUuid: owner, name: 'Filter Beta' });
      off = await create({ organizationUuid: owner, name: 'Filter Gamma', deactivated: true, rightsHolderUuid: supplier });
    });

    const uuids = async (query: string) => {
      const result = await ga.get<System[]>(`/api/v2/it-systems?organizationUuid=${owner}&${query}`);
      expect(result.status).toBe(200);
      return result.body.map((s) => s.uuid);
    };

    it('by rights holder, business type, KLE number and KLE uuid', async () => {
      expect(await uuids(`rightsHolderUuid=${supplier}`)).toEqual([withAll.uuid]);
      expect(await uuids(`rightsHolderUuid=${supplier}&includeDeactivated=true`)).toEqual([withAll.uuid, off.uuid]);
      expect(await uuids(`businessTypeUuid=${businessType.uuid}`)).toEqual([withAll.uuid]);
      expect(await uuids(`kleUuid=${kleTopics[0].uuid}`)).toEqual([withAll.uuid]);
      expect(await uuids(`kleNumber=${kleTopics[0].kleNumber}`)).toEqual([withAll.uuid]);
      expect(await uuids(`kleNumber=${kleTopics[0].kleNumber.split('.')[0]}`)).toEqual([withAll.uuid]);
    });

    it('by name (contains or equals, case-insensitively) and change time', async () => {
      expect(await uuids('nameContains=BETA')).toEqual([plain.uuid]);
      expect(await uuids('nameEquals=filter alpha')).toEqual([withAll.uuid]);
      expect(await uuids('nameEquals=Filter')).toEqual([]);
      expect(await uuids('changedSinceGtEq=2999-01-01T00:00:00Z')).toEqual([]);
      expect(await uuids('changedSinceGtEq=2000-01-01T00:00:00Z')).toEqual([withAll.uuid, plain.uuid]);
    });

    it('refuses malformed filters → 400', async () => {
      expect(fieldsOf(await ga.get('/api/v2/it-systems?numberOfUsers=-1'))).toContain('numberOfUsers');
      expect(fieldsOf(await ga.get('/api/v2/it-systems?kleUuid=nope'))).toContain('kleUuid');
      expect(fieldsOf(await ga.get('/api/v2/it-systems?usedInOrganizationUuid=00000000-0000-0000-0000-000000000000'))).toContain(
        'usedInOrganizationUuid',
      );
    });
  });

  describe('rights-holder endpoints (/api/v2/rightsholder/it-systems)', () => {
    let inMunicipality: System;
    let notTheirs: System;

    beforeAll(async () => {
      inMunicipality = await create({ rightsHolderUuid: supplier, description: 'registered by the municipality' });
      notTheirs = await create({});
    });

    it('are only for users with rights-holder access (403)', async () => {
      expect((await localAdmin.get('/api/v2/rightsholder/it-systems')).status).toBe(403);
      expect((await localAdmin.get(`/api/v2/rightsholder/it-systems/${inMunicipality.uuid}`)).status).toBe(403);
    });

    it('list the systems whose rights holder is an organisation where the caller holds the access', async () => {
      const listed = await rightsHolder.get<System[]>('/api/v2/rightsholder/it-systems');
      expect(listed.status).toBe(200);
      expect(listed.body.map((s) => s.uuid)).toContain(inMunicipality.uuid);
      expect(listed.body.every((s) => s.rightsHolder?.uuid === supplier)).toBe(true);
      expect((await rightsHolder.get(`/api/v2/rightsholder/it-systems?rightsHolderUuid=${municipality}`)).status).toBe(403);
    });

    it('read one of theirs, 403 for a system of someone else, 404 for an unknown one', async () => {
      expect((await rightsHolder.get<System>(`/api/v2/rightsholder/it-systems/${inMunicipality.uuid}`)).body.uuid).toBe(
        inMunicipality.uuid,
      );
      expect((await rightsHolder.get(`/api/v2/rightsholder/it-systems/${notTheirs.uuid}`)).status).toBe(403);
      expect((await rightsHolder.get(`/api/v2/rightsholder/it-systems/${randomUUID()}`)).status).toBe(404);
    });

    it('create with a description in an organisation where they hold the access; their own uuid must be unused', async () => {
      const missing = await rightsHolder.post('/api/v2/rightsholder/it-systems', {
        rightsHolderUuid: supplier,
        name: `RH ${randomUUID()}`,
      });
      expect(fieldsOf(missing)).toContain('description');
      const elsewhere = await rightsHolder.post('/api/v2/rightsholder/it-systems', {
        rightsHolderUuid: municipality,
        name: `RH ${randomUUID()}`,
        description: 'x',
      });
      expect(elsewhere.status).toBe(403);
      const uuid = randomUUID();
      const created = await rightsHolder.post<System>('/api/v2/rightsholder/it-systems', {
        uuid,
        rightsHolderUuid: supplier,
        name: `RH ${uuid}`,
        description: 'Fra leverandøren',
        kleUuids: [kleTopics[0].uuid],
      });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        uuid,
        rightsHolder: { uuid: supplier },
        organizationContext: { uuid: supplier },
        scope: 'Global',
      });
      const again = await rightsHolder.post('/api/v2/rightsholder/it-systems', {
        uuid,
        rightsHolderUuid: supplier,
        name: 'Other',
        description: 'x',
      });
      expect(again.status).toBe(409);
    });

    it('change their systems with PUT and PATCH, also those owned by a municipality; 403 for others', async () => {
      const patched = await rightsHolder.patch<System>(`/api/v2/rightsholder/it-systems/${inMunicipality.uuid}`, { formerName: 'Gammel' });
      expect(patched.status).toBe(200);
      expect(patched.body).toMatchObject({ formerName: 'Gammel', description: 'registered by the municipality' });
      expect(fieldsOf(await rightsHolder.patch(`/api/v2/rightsholder/it-systems/${inMunicipality.uuid}`, { description: null }))).toContain(
        'description',
      );
      expect((await rightsHolder.patch(`/api/v2/rightsholder/it-systems/${inMunicipality.uuid}`, { scope: 'Local' })).status).toBe(400);
      const replaced = await put<System>(rightsHolderToken, `/api/v2/rightsholder/it-systems/${inMunicipality.uuid}`, {
        name: inMunicipality.name,
        description: 'Ny beskrivelse',
      });
      expect(replaced.status).toBe(200);
      expect(replaced.body).toMatchObject({ formerName: null, description: 'Ny beskrivelse', rightsHolder: { uuid: supplier } });
      expect((await rightsHolder.patch(`/api/v2/rightsholder/it-systems/${notTheirs.uuid}`, { formerName: 'x' })).status).toBe(403);
      expect(
        (await put(rightsHolderToken, `/api/v2/rightsholder/it-systems/${notTheirs.uuid}`, { name: 'x', description: 'y' })).status,
      ).toBe(403);
    });

    it('DELETE deactivates with a mandatory reason (400 without), recorded on the system', async () => {
      const target = await create({ rightsHolderUuid: supplier });
      const path = `/api/v2/rightsholder/it-systems/${target.uuid}`;
      expect(fieldsOf(await send(system.gatewayUrl, rightsHolderToken, 'DELETE', path, {}))).toContain('deactivationReason');
      expect((await send(system.gatewayUrl, rightsHolderToken, 'DELETE', path, { deactivationReason: '   ' })).status).toBe(400);
      expect(
        (
          await send(system.gatewayUrl, rightsHolderToken, 'DELETE', `/api/v2/rightsholder/it-systems/${notTheirs.uuid}`, {
            deactivationReason: 'x',
          })
        ).status,
      ).toBe(403);
      const deactivated = await send<System>(system.gatewayUrl, rightsHolderToken, 'DELETE', path, {
        deactivationReason: 'Produktet er udgået',
      });
      expect(deactivated.status).toBe(204); // as KITOS
      expect(deactivated.headers.get('etag')).toMatch(/^"\d+"$/);
      expect((await ga.get<System>(`/api/v2/it-systems/${target.uuid}`)).body).toMatchObject({
        deactivated: true,
        deactivationReason: 'Produktet er udgået',
      });
      const reactivated = await ga.patch<System>(`/api/v2/it-systems/${target.uuid}`, { deactivated: false });
      expect(reactivated.body).toMatchObject({ deactivated: false, deactivationReason: null });
    });
  });

  describe("the catalogue's copy of identity's directory", () => {
    it('forgets a deleted organisation: systems can no longer be registered in it or name it as rights holder', async () => {
      const doomed = await createOrganization(ga, gaToken);
      await create({ organizationUuid: doomed });
      expect((await ga.delete(`/api/v2/organizations/${doomed}`)).status).toBe(204);
      await eventually(async () => {
        const result = await ga.post('/api/v2/it-systems', { organizationUuid: doomed, name: `After ${randomUUID()}` });
        expect(result.status).toBe(400);
      });
      const asRightsHolder = await ga.post('/api/v2/it-systems', {
        organizationUuid: municipality,
        name: `RH ${randomUUID()}`,
        rightsHolderUuid: doomed,
      });
      expect(fieldsOf(asRightsHolder)).toEqual(['rightsHolderUuid']);
    });

    it('names the owner and the creator from the copy', async () => {
      const created = await create({});
      expect(created.organizationContext).toEqual({ uuid: municipality, name: municipalityName, cvr: null });
      expect(created.createdBy?.name).toEqual(expect.any(String));
    });
  });
});
