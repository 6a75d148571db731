import { randomUUID } from 'node:crypto';
import { connect, type NatsConnection } from 'nats';
import { systemCaller } from '@kitos/common';
import { OPTION_TYPE_KINDS, Rpc, type OptionTypeKind } from '@kitos/contracts';
import { natsConnectionOptions } from '@kitos/messaging';
import { eventually, resetJetStream } from '@kitos/testing';
import { adminToken, bearer, createOrganization, createUser, sessionOf } from '../support/identity';
import { http, startSystem, type RunningSystem } from '../support/system';

type Global = {
  uuid: string;
  kind: string;
  name: string;
  description: string | null;
  isObligatory: boolean;
  isEnabled: boolean;
  priority: number;
  version: number;
};
type Local = {
  uuid: string;
  name: string;
  description: string | null;
  localDescription: string | null;
  isActive: boolean;
  isAvailable: boolean;
  isObligatory: boolean;
};
type Public = { uuid: string; name: string; description: string | null; isAvailable?: boolean };
type Problem = { status: number; detail: string; errors?: Array<{ field: string; message: string }> };
type Envelope = { type: string; organizationUuid: string | null; aggregate: { type: string; uuid: string }; data: Record<string, unknown> };

const KIND: OptionTypeKind = 'business-types';

describe('option types end to end through the gateway', () => {
  let system: RunningSystem;
  let api: ReturnType<typeof http>;
  let nc: NatsConnection;
  let admin: string;
  let orgA: string;
  let orgB: string;
  let localAdminA: Record<string, string>;
  let userA: Record<string, string>;
  let localAdminB: Record<string, string>;

  beforeAll(async () => {
    await resetJetStream();
    system = await startSystem();
    api = http(system.gatewayUrl);
    admin = await adminToken(api);
    orgA = await createOrganization(api, admin);
    orgB = await createOrganization(api, admin);
    localAdminA = bearer(await sessionOf(api, await createUser(api, admin, [{ organizationUuid: orgA, role: 'LocalAdmin' }])));
    userA = bearer(await sessionOf(api, await createUser(api, admin, [{ organizationUuid: orgA, role: 'User' }])));
    localAdminB = bearer(await sessionOf(api, await createUser(api, admin, [{ organizationUuid: orgB, role: 'LocalAdmin' }])));
    nc = await connect(natsConnectionOptions(system.env.NATS_URL as string));
  });

  afterAll(async () => {
    await nc?.close();
    await system?.close();
  });

  const ga = () => bearer(admin);
  const uniqueName = (prefix: string) => `${prefix} ${randomUUID().slice(0, 8)}`;
  const createValue = async (body: Record<string, unknown>, kind: string = KIND) => {
    const created = await api.post<Global>(`/api/v2/option-types/${kind}`, body, ga());
    expect(created.status).toBe(201);
    return created.body;
  };
  const availableIn = async (org: string, headers: Record<string, string> = ga(), kind: string = KIND) => {
    const result = await api.get<Public[]>(`/api/v2/${kind}?organizationUuid=${org}`, headers);
    expect(result.status).toBe(200);
    return result.body;
  };
  const expectProblem = (result: { status: number; body: unknown }, status: number, field?: string) => {
    expect(result.status).toBe(status);
    if (field) expect((result.body as Problem).errors?.map((e) => e.field)).toContain(field);
  };
  const lastEvent = async (subject: string): Promise<Envelope> => {
    const jsm = await nc.jetstreamManager();
    const message = await jsm.streams.getMessage('CATALOG', { last_by_subj: subject });
    return JSON.parse(new TextDecoder().decode(message.data)) as Envelope;
  };
  const rpc = async (subject: string, data: unknown): Promise<{ response?: unknown; err?: Problem & { code: string } }> => {
    const packet = JSON.stringify({ pattern: subject, data: { caller: systemCaller('e2e-options'), data }, id: randomUUID() });
    const reply = await nc.request(subject, new TextEncoder().encode(packet), { timeout: 5000 });
    return JSON.parse(new TextDecoder().decode(reply.data)) as { response?: unknown; err?: Problem & { code: string } };
  };

  it('seeds the Danish defaults once: obligatory ones are available everywhere, the others wait for activation', async () => {
    const all = await eventually(async () => {
      const result = await api.get<Global[]>('/api/v2/option-types/it-system-usage-relation-frequency-types', ga());
      expect(result.body.map((o) => o.name)).toEqual([
        'Realtid',
        'Dagligt',
        'Ugentligt',
        'Månedligt',
        'Kvartalsvis',
        'Årligt',
        'Efter behov',
      ]);
      return (await api.get<Global[]>(`/api/v2/option-types/${KIND}`, ga())).body;
    });
    expect(all.find((o) => o.name === 'Fagsystem')).toMatchObject({ isObligatory: true, isEnabled: true });
    expect(all.find((o) => o.name === 'Styringssystem')).toMatchObject({ isObligatory: false });
    const names = (await availableIn(orgA, localAdminA)).map((o) => o.name);
    expect(names).toEqual(expect.arrayContaining(['Fagsystem', 'Støttesystem', 'Infrastruktur', 'Selvbetjening']));
    expect(names).not.toContain('Styringssystem');
  });

  describe('global values (global administrators)', () => {
    it('creates, patches with If-Match and disables a value; a disabled value is available nowhere but still readable', async () => {
      const name = uniqueName('Borgerservice');
      const created = await api.post<Global>(
        `/api/v2/option-types/${KIND}`,
        { name, description: 'Ekspedition', isObligatory: true, priority: 5 },
        ga(),
      );
      expect(created.status).toBe(201);
      expect(created.headers.get('etag')).toBe('"1"');
      expect(created.body).toMatchObject({
        name,
        kind: KIND,
        description: 'Ekspedition',
        isObligatory: true,
        isEnabled: true,
        priority: 5,
        version: 1,
      });
      const uuid = created.body.uuid;
      expect(created.headers.get('location')).toBe(`/api/v2/option-types/${KIND}/${uuid}`);
      expect((await availableIn(orgA, userA)).find((o) => o.uuid === uuid)).toEqual({ uuid, name, description: 'Ekspedition' });

      const renamed = `${name} og borgerbetjening`;
      const patched = await api.patch<Global>(
        `/api/v2/option-types/${KIND}/${uuid}`,
        { name: renamed, description: null },
        { ...ga(), 'if-match': '"1"' },
      );
      expect(patched.status).toBe(200);
      expect(patched.body).toMatchObject({ name: renamed, description: null, version: 2 });
      expect(patched.headers.get('etag')).toBe('"2"');
      expectProblem(await api.patch(`/api/v2/option-types/${KIND}/${uuid}`, { priority: 6 }, { ...ga(), 'if-match': '"1"' }), 412);

      const disabled = await api.patch<Global>(`/api/v2/option-types/${KIND}/${uuid}`, { isEnabled: false }, ga());
      expect(disabled.body).toMatchObject({ isEnabled: false, version: 3 });
      expect((await availableIn(orgA, userA)).map((o) => o.uuid)).not.toContain(uuid);
      const one = await api.get<Public>(`/api/v2/${KIND}/${uuid}?organizationUuid=${orgA}`, userA);
      expect(one.status).toBe(200);
      expect(one.body).toEqual({ uuid, name: renamed, description: null, isAvailable: false });
      expect((await api.get<Global>(`/api/v2/option-types/${KIND}/${uuid}`, userA)).body).toMatchObject({ isEnabled: false });

      await eventually(async () => {
        const event = await lastEvent('evt.catalog.option.updated.v1');
        expect(event).toMatchObject({
          type: 'catalog.option.updated',
          organizationUuid: null,
          aggregate: { type: 'option', uuid },
          data: { option: { uuid, isEnabled: false }, changes: [{ field: 'isEnabled', oldValue: true, newValue: false }] },
        });
      });
    });

    it('orders values by priority, highest first', async () => {
      const kind = 'it-interface-interface-data-types';
      const low = await createValue({ name: uniqueName('Lav'), isObligatory: true, priority: 0 }, kind);
      const high = await createValue({ name: uniqueName('Høj'), isObligatory: true, priority: 999 }, kind);
      const order = (await availableIn(orgA, ga(), kind)).map((o) => o.uuid);
      expect(order[0]).toBe(high.uuid);
      expect(order.indexOf(low.uuid)).toBe(order.length - 1);
    });

    it('a duplicate name in the kind → 409, case-insensitively, also by renaming; another kind may reuse it', async () => {
      const name = uniqueName('Dublet');
      const first = await createValue({ name });
      expectProblem(await api.post(`/api/v2/option-types/${KIND}`, { name: name.toUpperCase() }, ga()), 409);
      const second = await createValue({ name: uniqueName('Anden') });
      expectProblem(await api.patch(`/api/v2/option-types/${KIND}/${second.uuid}`, { name }, ga()), 409);
      expect((await api.post(`/api/v2/option-types/it-interface-interface-types`, { name }, ga())).status).toBe(201);
      expect(first.name).toBe(name);
    });

    it('only global administrators create and change values → 403 for a local administrator or a user', async () => {
      const value = await createValue({ name: uniqueName('Kun GA') });
      expectProblem(await api.post(`/api/v2/option-types/${KIND}`, { name: uniqueName('LA') }, localAdminA), 403);
      expectProblem(await api.patch(`/api/v2/option-types/${KIND}/${value.uuid}`, { isEnabled: false }, userA), 403);
      expect((await api.get<Global>(`/api/v2/option-types/${KIND}/${value.uuid}`, ga())).body.isEnabled).toBe(true);
    });

    it('bad input → 400 naming the field; an unknown value → 404; no token → 401', async () => {
      expectProblem(await api.post(`/api/v2/option-types/${KIND}`, {}, ga()), 400, 'name');
      expectProblem(await api.post(`/api/v2/option-types/${KIND}`, { name: 'x'.repeat(151) }, ga()), 400, 'name');
      expectProblem(await api.post(`/api/v2/option-types/${KIND}`, { name: uniqueName('P'), priority: -1 }, ga()), 400, 'priority');
      expectProblem(await api.post(`/api/v2/option-types/${KIND}`, { name: uniqueName('U'), colour: 'blue' }, ga()), 400, 'colour');
      expectProblem(await api.post('/api/v2/option-types/usage-roles', { name: uniqueName('K') }, ga()), 400, 'kind');
      const value = await createValue({ name: uniqueName('Null') });
      expectProblem(await api.patch(`/api/v2/option-types/${KIND}/${value.uuid}`, { name: null }, ga()), 400, 'name');
      expectProblem(await api.patch(`/api/v2/option-types/${KIND}/${value.uuid}`, { isEnabled: 'no' }, ga()), 400, 'isEnabled');
      expectProblem(await api.patch(`/api/v2/option-types/${KIND}/${randomUUID()}`, { isEnabled: false }, ga()), 404);
      expectProblem(await api.get(`/api/v2/option-types/it-interface-interface-types/${value.uuid}`, ga()), 404);
      expectProblem(await api.get(`/api/v2/option-types/${KIND}`), 401);
    });
  });

  describe("an organisation's settings (local administrators)", () => {
    it('activates a value for its own organisation only, overrides the description there, and deactivates it again', async () => {
      const value = await createValue({ name: uniqueName('Tilvalg'), description: 'Global tekst' });
      const path = (org: string) => `/api/v2/organizations/${org}/option-types/${KIND}/${value.uuid}`;
      expect((await availableIn(orgA, userA)).map((o) => o.uuid)).not.toContain(value.uuid);

      const activated = await api.patch<Local>(path(orgA), { isActive: true, description: 'Vores tekst' }, localAdminA);
      expect(activated.status).toBe(200);
      expect(activated.body).toMatchObject({
        uuid: value.uuid,
        isActive: true,
        isAvailable: true,
        description: 'Vores tekst',
        localDescription: 'Vores tekst',
      });
      expect((await availableIn(orgA, userA)).find((o) => o.uuid === value.uuid)).toEqual({
        uuid: value.uuid,
        name: value.name,
        description: 'Vores tekst',
      });
      expect((await availableIn(orgB, localAdminB)).map((o) => o.uuid)).not.toContain(value.uuid);
      expect((await api.get<Public>(`/api/v2/${KIND}/${value.uuid}?organizationUuid=${orgB}`, localAdminB)).body).toMatchObject({
        description: 'Global tekst',
        isAvailable: false,
      });
      await eventually(async () =>
        expect(await lastEvent('evt.catalog.local-option.created.v1')).toMatchObject({
          organizationUuid: orgA,
          aggregate: { type: 'local-option' },
          data: { setting: { organizationUuid: orgA, optionUuid: value.uuid, isActive: true, description: 'Vores tekst' } },
        }),
      );

      const reset = await api.patch<Local>(path(orgA), { description: null }, localAdminA);
      expect(reset.body).toMatchObject({ description: 'Global tekst', localDescription: null, isActive: true });
      const deactivated = await api.patch<Local>(path(orgA), { isActive: false }, localAdminA);
      expect(deactivated.body).toMatchObject({ isActive: false, isAvailable: false });
      expect((await availableIn(orgA, userA)).map((o) => o.uuid)).not.toContain(value.uuid);
      await eventually(async () =>
        expect(await lastEvent('evt.catalog.local-option.updated.v1')).toMatchObject({
          organizationUuid: orgA,
          data: { setting: { optionUuid: value.uuid, isActive: false }, changes: [{ field: 'isActive', oldValue: true, newValue: false }] },
        }),
      );

      const listed = await api.get<Local[]>(`/api/v2/organizations/${orgA}/option-types/${KIND}`, userA);
      expect(listed.status).toBe(200);
      expect(listed.body.find((o) => o.uuid === value.uuid)).toMatchObject({ isActive: false, isAvailable: false, isObligatory: false });
    });

    it('a global administrator may change any organisation; disabling a value hides it even where it is active', async () => {
      const value = await createValue({ name: uniqueName('GA lokalt') });
      const set = await api.patch<Local>(`/api/v2/organizations/${orgB}/option-types/${KIND}/${value.uuid}`, { isActive: true }, ga());
      expect(set.body).toMatchObject({ isAvailable: true });
      expect((await availableIn(orgB, localAdminB)).map((o) => o.uuid)).toContain(value.uuid);
      await api.patch(`/api/v2/option-types/${KIND}/${value.uuid}`, { isEnabled: false }, ga());
      expect((await availableIn(orgB, localAdminB)).map((o) => o.uuid)).not.toContain(value.uuid);
      expectProblem(
        await api.patch(`/api/v2/organizations/${orgB}/option-types/${KIND}/${value.uuid}`, { isActive: true }, ga()),
        400,
        'isActive',
      );
    });

    it('another organisation → 403; a user without the local admin role → 403; reading another organisation → 403', async () => {
      const value = await createValue({ name: uniqueName('Fremmed') });
      expectProblem(
        await api.patch(`/api/v2/organizations/${orgB}/option-types/${KIND}/${value.uuid}`, { isActive: true }, localAdminA),
        403,
      );
      expectProblem(await api.patch(`/api/v2/organizations/${orgA}/option-types/${KIND}/${value.uuid}`, { isActive: true }, userA), 403);
      expectProblem(await api.get(`/api/v2/organizations/${orgB}/option-types/${KIND}`, userA), 403);
      expectProblem(await api.get(`/api/v2/${KIND}?organizationUuid=${orgB}`, userA), 403);
      expectProblem(await api.get(`/api/v2/${KIND}/${value.uuid}?organizationUuid=${orgB}`, localAdminA), 403);
      expect((await availableIn(orgB, localAdminB)).map((o) => o.uuid)).not.toContain(value.uuid);
    });

    it('an unknown value → 404; a bad body → 400; an obligatory value cannot be (de)activated → 400', async () => {
      const value = await createValue({ name: uniqueName('Regler') });
      const obligatory = await createValue({ name: uniqueName('Obligatorisk'), isObligatory: true });
      const path = (uuid: string) => `/api/v2/organizations/${orgA}/option-types/${KIND}/${uuid}`;
      expectProblem(await api.patch(path(randomUUID()), { isActive: true }, localAdminA), 404);
      expectProblem(await api.get(`/api/v2/${KIND}/${randomUUID()}?organizationUuid=${orgA}`, localAdminA), 404);
      expectProblem(await api.patch(path(value.uuid), { isActive: 'yes' }, localAdminA), 400, 'isActive');
      expectProblem(await api.patch(path(value.uuid), { isEnabled: false }, localAdminA), 400, 'isEnabled');
      expectProblem(await api.patch(path(value.uuid), { description: 'x'.repeat(2001) }, localAdminA), 400, 'description');
      expectProblem(await api.patch(path(obligatory.uuid), { isActive: false }, localAdminA), 400, 'isActive');
      expectProblem(await api.get(`/api/v2/${KIND}`, localAdminA), 400, 'organizationUuid');
      expectProblem(await api.get(`/api/v2/${KIND}?organizationUuid=${orgA}&pageSize=251`, localAdminA), 400, 'pageSize');
      const described = await api.patch<Local>(path(obligatory.uuid), { description: 'Lokal' }, localAdminA);
      expect(described.body).toMatchObject({ description: 'Lokal', isAvailable: true });
    });

    it('pages the available values with page and pageSize', async () => {
      const all = await availableIn(orgA, userA);
      const first = await api.get<Public[]>(`/api/v2/${KIND}?organizationUuid=${orgA}&page=0&pageSize=2`, userA);
      const second = await api.get<Public[]>(`/api/v2/${KIND}?organizationUuid=${orgA}&page=1&pageSize=2`, userA);
      expect([...first.body, ...second.body]).toEqual(all.slice(0, 4));
    });
  });

  it('documents the read endpoints of every kind in OpenAPI, each with its own operation id', async () => {
    const doc = (await (await fetch(`${system.gatewayUrl}/api/docs-json`)).json()) as {
      paths: Record<string, Record<string, { operationId: string }>>;
    };
    for (const kind of OPTION_TYPE_KINDS) {
      expect(doc.paths[`/api/v2/${kind}`]?.get).toBeDefined();
      expect(doc.paths[`/api/v2/${kind}/{uuid}`]?.get).toBeDefined();
    }
    expect(doc.paths['/api/v2/option-types/{kind}/{uuid}']?.patch).toBeDefined();
    expect(doc.paths['/api/v2/organizations/{organizationUuid}/option-types/{kind}/{uuid}']?.patch).toBeDefined();
    const ids = Object.values(doc.paths).flatMap((methods) => Object.values(methods).map((op) => op.operationId));
    expect(new Set(ids).size).toBe(ids.length);
  });

  describe('request/reply for the other services', () => {
    it('requireAvailable answers the values in order, or refuses naming each unknown or unavailable one by its field', async () => {
      const available = await createValue({ name: uniqueName('Til rådighed'), isObligatory: true });
      const inactive = await createValue({ name: uniqueName('Ikke aktiveret') });
      const ok = await rpc(Rpc.catalog.options.requireAvailable, {
        kind: KIND,
        organizationUuid: orgA,
        refs: [{ field: 'general.businessTypeUuid', uuid: available.uuid }],
      });
      expect(ok).toMatchObject({ response: [{ uuid: available.uuid, name: available.name }] });

      const refused = await rpc(Rpc.catalog.options.requireAvailable, {
        kind: KIND,
        organizationUuid: orgA,
        refs: [
          { field: 'a', uuid: available.uuid },
          { field: 'b', uuid: inactive.uuid },
          { field: 'c', uuid: randomUUID() },
          { field: 'd', uuid: 'not-a-uuid' },
        ],
      });
      expect(refused.err?.code).toBe('BAD_INPUT');
      expect(refused.err?.errors?.map((e) => e.field)).toEqual(['b', 'c', 'd']);

      await api.patch(`/api/v2/organizations/${orgA}/option-types/${KIND}/${inactive.uuid}`, { isActive: true }, localAdminA);
      expect(
        (
          await rpc(Rpc.catalog.options.requireAvailable, {
            kind: KIND,
            organizationUuid: orgA,
            refs: [{ field: 'b', uuid: inactive.uuid }],
          })
        ).err,
      ).toBeUndefined();
      const otherKind = await rpc(Rpc.catalog.options.requireAvailable, {
        kind: 'it-interface-interface-types',
        organizationUuid: orgA,
        refs: [{ field: 'typeUuid', uuid: available.uuid }],
      });
      expect(otherKind.err?.errors).toEqual([{ field: 'typeUuid', message: expect.stringContaining('not a known value') }]);
    });

    it('list and names answer other services too; a malformed request → BAD_INPUT', async () => {
      const value = await createValue({ name: uniqueName('Navn'), isEnabled: false });
      const names = await rpc(Rpc.catalog.options.names, { kind: KIND, uuids: [value.uuid, randomUUID()] });
      expect(names.response).toEqual([{ uuid: value.uuid, name: value.name }]);
      const listed = (await rpc(Rpc.catalog.options.list, { kind: KIND, organizationUuid: orgA })) as { response: { items: Public[] } };
      expect(listed.response.items.map((o) => o.name)).toContain('Fagsystem');
      expect((await rpc(Rpc.catalog.options.requireAvailable, { kind: 'usage-roles', organizationUuid: orgA, refs: [] })).err?.code).toBe(
        'BAD_INPUT',
      );
    });
  });
});
