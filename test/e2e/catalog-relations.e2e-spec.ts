import { randomUUID } from 'node:crypto';
import { connect, type NatsConnection } from 'nats';
import { ContractEvents, type EventDefinition } from '@kitos/contracts';
import { EventPublisher, natsConnectionOptions } from '@kitos/messaging';
import { MongoConnection } from '@kitos/persistence';
import { eventually, resetJetStream } from '@kitos/testing';
import { adminToken, bearer, createOrganization, createUser, sessionOf } from '../support/identity';
import { http, startSystem, type HttpResult, type RunningSystem } from '../support/system';

type Ref = { uuid: string; name: string | null } | null;
type Relation = {
  uuid: string;
  toSystemUsage: Ref;
  fromSystemUsage?: Ref;
  relationInterface: Ref;
  associatedContract: Ref;
  relationFrequency: Ref;
  description: string | null;
  urlReference: string | null;
  version: number;
};
type Graph = {
  organizationUuid: string;
  focusUsageUuid: string | null;
  nodes: Array<{ usageUuid: string; systemUuid: string; name: string | null; distance?: number }>;
  edges: Array<{ uuid: string; from: string; to: string; interface: Ref; contract: Ref; frequency: Ref }>;
};
type Problem = { status: number; errors?: Array<{ field: string; message: string }> };
type Envelope = { type: string; aggregate: { type: string; uuid: string; version: number }; data: Record<string, unknown> };

describe('system relations and the relation graph end to end through the gateway', () => {
  let system: RunningSystem;
  let api: ReturnType<typeof http>;
  let nc: NatsConnection;
  let ga: Record<string, string>;
  let orgA: string;
  let orgB: string;
  let systemAdminA: Record<string, string>;
  let userA: Record<string, string>;
  let localAdminB: Record<string, string>;
  const systems: Record<'x' | 'y' | 'z', string> = { x: '', y: '', z: '' };
  const usages: Record<'x' | 'y' | 'z' | 'foreignY', string> = { x: '', y: '', z: '', foreignY: '' };
  let interfaceOfY: string;
  let interfaceOfX: string;
  let daily: string;
  let unavailableFrequency: string;
  const contractA = randomUUID();
  const contractB = randomUUID();

  const relationsOf = (usage: string) => `/api/v2/it-system-usages/${usage}/system-relations`;
  const graphOf = (org: string, query = '') => `/api/v2/organizations/${org}/system-relation-graph${query}`;

  /** PUT (the shared test client has no PUT). */
  const put = async <T = Record<string, unknown>>(path: string, body: unknown, headers: Record<string, string>): Promise<HttpResult<T>> => {
    const response = await fetch(`${system.gatewayUrl}${path}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: (text ? JSON.parse(text) : undefined) as T };
  };

  const expectProblem = (result: HttpResult<unknown>, status: number, field?: string) => {
    expect(result.status).toBe(status);
    expect(result.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    if (field) expect((result.body as Problem).errors?.map((e) => e.field)).toContain(field);
  };

  const created = async (path: string, body: unknown, headers = ga): Promise<string> => {
    const result = await api.post<{ uuid: string }>(path, body, headers);
    if (result.status !== 201) throw new Error(`POST ${path} answered ${result.status}: ${JSON.stringify(result.body)}`);
    return result.body.uuid;
  };

  /**
   * Publishes a contract event the way the contracts service will (issue 5 replaces this): through that service's
   * EventPublisher onto its stream CONTRACTS, where the catalogue's durable consumer picks it up.
   */
  const publishContractEvent = async <T extends object>(
    definition: EventDefinition<T>,
    uuid: string,
    version: number,
    organizationUuid: string,
    data: T,
  ) => {
    await system.services
      .get('contracts')!
      .app.get(EventPublisher)
      .publish({
        id: randomUUID(),
        type: definition.type,
        version: definition.version,
        occurredAt: new Date().toISOString(),
        organizationUuid,
        actor: { kind: 'user', userUuid: null },
        aggregate: { type: 'it-contract', uuid, version },
        data,
      });
  };

  const lastEvent = async (subject: string): Promise<Envelope> => {
    const jsm = await nc.jetstreamManager();
    const message = await jsm.streams.getMessage('CATALOG', { last_by_subj: subject });
    return JSON.parse(new TextDecoder().decode(message.data)) as Envelope;
  };

  const storedRelation = (uuid: string) =>
    system.services
      .get('catalog')!
      .app.get(MongoConnection)
      .connection.collection('system_relations')
      .findOne({ _id: uuid as never });

  beforeAll(async () => {
    await resetJetStream();
    system = await startSystem();
    api = http(system.gatewayUrl);
    ga = bearer(await adminToken(api));
    orgA = await createOrganization(api, ga.authorization.slice(7));
    orgB = await createOrganization(api, ga.authorization.slice(7));
    const token = ga.authorization.slice(7);
    systemAdminA = bearer(await sessionOf(api, await createUser(api, token, [{ organizationUuid: orgA, role: 'SystemModuleAdmin' }])));
    userA = bearer(await sessionOf(api, await createUser(api, token, [{ organizationUuid: orgA, role: 'User' }])));
    localAdminB = bearer(await sessionOf(api, await createUser(api, token, [{ organizationUuid: orgB, role: 'LocalAdmin' }])));
    nc = await connect(natsConnectionOptions(system.env.NATS_URL as string));

    for (const [key, name] of [
      ['x', 'ESDH'],
      ['y', 'Ydelsessystem'],
      ['z', 'Økonomi'],
    ] as const)
      systems[key] = await created('/api/v2/it-systems', { organizationUuid: orgA, name: `${name} ${randomUUID().slice(0, 6)}` });
    interfaceOfY = await created('/api/v2/it-interfaces', {
      organizationUuid: orgA,
      name: `Ydelse-API ${randomUUID().slice(0, 6)}`,
      exposedBySystemUuid: systems.y,
    });
    interfaceOfX = await created('/api/v2/it-interfaces', {
      organizationUuid: orgA,
      name: `ESDH-API ${randomUUID().slice(0, 6)}`,
      exposedBySystemUuid: systems.x,
    });
    // usages need the organisation in the catalogue's directory (fed by identity's events)
    usages.x = await eventually(() => created('/api/v2/it-system-usages', { organizationUuid: orgA, systemUuid: systems.x }));
    usages.y = await created('/api/v2/it-system-usages', { organizationUuid: orgA, systemUuid: systems.y });
    usages.z = await created('/api/v2/it-system-usages', { organizationUuid: orgA, systemUuid: systems.z });
    usages.foreignY = await eventually(() => created('/api/v2/it-system-usages', { organizationUuid: orgB, systemUuid: systems.y }));

    const frequencies = await eventually(async () => {
      const result = await api.get<Array<{ uuid: string; name: string }>>(
        `/api/v2/it-system-usage-relation-frequency-types?organizationUuid=${orgA}`,
        ga,
      );
      expect(result.body.length).toBeGreaterThan(0);
      return result.body;
    });
    daily = frequencies.find((f) => f.name === 'Dagligt')!.uuid;
    unavailableFrequency = await created('/api/v2/option-types/it-system-usage-relation-frequency-types', {
      name: `Hvert skudår ${randomUUID().slice(0, 6)}`,
      isObligatory: false,
    });

    await publishContractEvent(ContractEvents.contractCreated, contractA, 1, orgA, {
      contract: { uuid: contractA, organizationUuid: orgA, name: 'Driftsaftale ESDH', lastModified: new Date().toISOString() },
    });
    await publishContractEvent(ContractEvents.contractCreated, contractB, 1, orgB, {
      contract: { uuid: contractB, organizationUuid: orgB, name: 'Anden kommunes kontrakt', lastModified: new Date().toISOString() },
    });
  });

  afterAll(async () => {
    await nc?.close();
    await system?.close();
  });

  it('creates a relation with interface, contract and frequency, reads it back and records its events', async () => {
    const body = {
      toSystemUsageUuid: usages.y,
      relationInterfaceUuid: interfaceOfY,
      associatedContractUuid: contractA,
      relationFrequencyUuid: daily,
      description: 'Sager sendes dagligt',
      urlReference: 'https://wiki.kommune.dk/integrationer/esdh-ydelse',
    };
    // the contract arrives through the contracts stream: retry until the catalogue has consumed it
    const result = await eventually(async () => {
      const attempt = await api.post<Relation>(relationsOf(usages.x), body, systemAdminA);
      expect(attempt.status).toBe(201);
      return attempt;
    });
    expect(result.headers.get('etag')).toBe('"1"');
    expect(result.headers.get('location')).toBe(`${relationsOf(usages.x)}/${result.body.uuid}`);
    expect(result.body).toMatchObject({
      toSystemUsage: { uuid: usages.y },
      relationInterface: { uuid: interfaceOfY, name: expect.stringMatching(/^Ydelse-API/) },
      associatedContract: { uuid: contractA, name: 'Driftsaftale ESDH' },
      relationFrequency: { uuid: daily, name: 'Dagligt' },
      description: 'Sager sendes dagligt',
      urlReference: body.urlReference,
      version: 1,
    });
    const uuid = result.body.uuid;

    // usages are named after their system; the catalogue learns system names from its own events
    await eventually(async () =>
      expect((await api.get<Relation>(`${relationsOf(usages.x)}/${uuid}`, userA)).body.toSystemUsage?.name).toMatch(/^Ydelsessystem/),
    );
    expect((await api.get<Relation[]>(relationsOf(usages.x), userA)).body.map((r) => r.uuid)).toEqual([uuid]);
    const incoming = await api.get<Relation[]>(`/api/v2/it-system-usages/${usages.y}/incoming-system-relations`, userA);
    expect(incoming.status).toBe(200);
    expect(incoming.body).toEqual([
      expect.objectContaining({
        uuid,
        fromSystemUsage: { uuid: usages.x, name: expect.stringMatching(/^ESDH/) },
        description: 'Sager sendes dagligt',
      }),
    ]);
    expect((await api.get<Relation[]>(`/api/v2/it-system-usages/${usages.x}/incoming-system-relations`, userA)).body).toEqual([]);

    await eventually(async () =>
      expect(await lastEvent('evt.catalog.system-relation.created.v1')).toMatchObject({
        aggregate: { type: 'system-relation', uuid, version: 1 },
        data: { relation: { fromSystemUsageUuid: usages.x, toSystemUsageUuid: usages.y, associatedContractUuid: contractA } },
      }),
    );
  });

  describe('refuses broken references with 400 naming the field', () => {
    const attempt = (body: Record<string, unknown>) => api.post(relationsOf(usages.x), body, systemAdminA);

    it('a relation to the usage itself', async () => {
      expectProblem(await attempt({ toSystemUsageUuid: usages.x }), 400, 'toSystemUsageUuid');
    });

    it('a usage of another organisation', async () => {
      expectProblem(await attempt({ toSystemUsageUuid: usages.foreignY }), 400, 'toSystemUsageUuid');
    });

    it('an unknown usage', async () => {
      expectProblem(await attempt({ toSystemUsageUuid: randomUUID() }), 400, 'toSystemUsageUuid');
    });

    it('an interface not exposed by the system of the target usage', async () => {
      expectProblem(await attempt({ toSystemUsageUuid: usages.y, relationInterfaceUuid: interfaceOfX }), 400, 'relationInterfaceUuid');
      expectProblem(await attempt({ toSystemUsageUuid: usages.y, relationInterfaceUuid: randomUUID() }), 400, 'relationInterfaceUuid');
    });

    it('an unknown contract, and a contract of another organisation', async () => {
      expectProblem(await attempt({ toSystemUsageUuid: usages.y, associatedContractUuid: randomUUID() }), 400, 'associatedContractUuid');
      await eventually(async () =>
        expect(
          ((await attempt({ toSystemUsageUuid: usages.y, associatedContractUuid: contractB })).body as Problem).errors?.[0]?.message,
        ).toMatch(/same organisation/),
      );
    });

    it('a frequency not available in the organisation, and one that is not a frequency', async () => {
      expectProblem(
        await attempt({ toSystemUsageUuid: usages.y, relationFrequencyUuid: unavailableFrequency }),
        400,
        'relationFrequencyUuid',
      );
      expectProblem(await attempt({ toSystemUsageUuid: usages.y, relationFrequencyUuid: randomUUID() }), 400, 'relationFrequencyUuid');
    });

    it('every broken reference at once, an invalid URL and an unknown field', async () => {
      const result = await attempt({
        toSystemUsageUuid: usages.y,
        relationInterfaceUuid: interfaceOfX,
        relationFrequencyUuid: unavailableFrequency,
        associatedContractUuid: randomUUID(),
      });
      expect((result.body as Problem).errors?.map((e) => e.field).sort()).toEqual([
        'associatedContractUuid',
        'relationFrequencyUuid',
        'relationInterfaceUuid',
      ]);
      expectProblem(await attempt({ toSystemUsageUuid: usages.y, urlReference: 'not a url' }), 400, 'urlReference');
      expectProblem(await attempt({ toSystemUsageUuid: usages.y, colour: 'blue' }), 400, 'colour');
      expectProblem(await attempt({}), 400, 'toSystemUsageUuid');
    });
  });

  describe('permissions', () => {
    it('a member without write access may read but not change relations (403)', async () => {
      expectProblem(await api.post(relationsOf(usages.x), { toSystemUsageUuid: usages.z }, userA), 403);
      expect((await api.get(relationsOf(usages.x), userA)).status).toBe(200);
    });

    it("another organisation's administrator is refused (403, as KITOS), reading and writing, and changes nothing", async () => {
      const relation = await created(relationsOf(usages.x), { toSystemUsageUuid: usages.z }, systemAdminA);
      const path = `${relationsOf(usages.x)}/${relation}`;
      expectProblem(await api.get(relationsOf(usages.x), localAdminB), 403);
      expectProblem(await api.get(`/api/v2/it-system-usages/${usages.x}/incoming-system-relations`, localAdminB), 403);
      expectProblem(await api.post(relationsOf(usages.x), { toSystemUsageUuid: usages.z }, localAdminB), 403);
      expectProblem(await api.get(path, localAdminB), 403);
      expectProblem(await put(path, { toSystemUsageUuid: usages.z, description: 'fremmed' }, localAdminB), 403);
      expectProblem(await api.delete(path, localAdminB), 403);
      const after = await api.get<Relation>(path, systemAdminA);
      expect(after.status).toBe(200);
      expect(after.body.description ?? null).toBeNull();
      expect((await api.delete(path, systemAdminA)).status).toBe(204);
    });

    it('an unknown usage and an unknown relation are 404 on reading', async () => {
      expectProblem(await api.get(relationsOf(randomUUID()), ga), 404);
      expectProblem(await api.get(`${relationsOf(usages.x)}/${randomUUID()}`, ga), 404);
    });

    it('an anonymous caller is 401', async () => {
      expect((await api.get(relationsOf(usages.x))).status).toBe(401);
    });
  });

  it('patches and replaces a relation with If-Match, refuses stale versions, and deletes it', async () => {
    const uuid = await created(
      relationsOf(usages.y),
      { toSystemUsageUuid: usages.z, description: 'Bilag', relationFrequencyUuid: daily },
      systemAdminA,
    );
    const path = `${relationsOf(usages.y)}/${uuid}`;

    const patched = await api.patch<Relation>(path, { description: 'Bilag og posteringer' }, { ...systemAdminA, 'if-match': '"1"' });
    expect(patched.status).toBe(200);
    expect(patched.headers.get('etag')).toBe('"2"');
    expect(patched.body).toMatchObject({ description: 'Bilag og posteringer', relationFrequency: { uuid: daily }, version: 2 });
    await eventually(async () =>
      expect(await lastEvent('evt.catalog.system-relation.updated.v1')).toMatchObject({
        aggregate: { uuid, version: 2 },
        data: { changes: [{ field: 'description', oldValue: 'Bilag', newValue: 'Bilag og posteringer' }] },
      }),
    );
    expectProblem(await api.patch(path, { description: 'for sent' }, { ...systemAdminA, 'if-match': '"1"' }), 412);
    expectProblem(await api.patch(path, { toSystemUsageUuid: null }, systemAdminA), 400, 'toSystemUsageUuid');
    expectProblem(
      await api.patch(path, { toSystemUsageUuid: usages.x, relationInterfaceUuid: interfaceOfY }, systemAdminA),
      400,
      'relationInterfaceUuid',
    );
    expectProblem(await api.patch(path, { description: 'x' }, userA), 403);

    const replaced = await put<Relation>(
      path,
      { toSystemUsageUuid: usages.x, relationInterfaceUuid: interfaceOfX },
      { ...systemAdminA, 'if-match': '"2"' },
    );
    expect(replaced.status).toBe(200);
    expect(replaced.body).toMatchObject({
      toSystemUsage: { uuid: usages.x },
      relationInterface: { uuid: interfaceOfX },
      relationFrequency: null,
      description: null,
      version: 3,
    });
    expectProblem(await put(path, { toSystemUsageUuid: usages.y }, systemAdminA), 400, 'toSystemUsageUuid');

    // KITOS: a relation the usage does not have is bad input on PUT and DELETE
    expectProblem(await api.delete(`${relationsOf(usages.x)}/${uuid}`, systemAdminA), 400, 'relationUuid');
    expectProblem(
      await put(`${relationsOf(usages.y)}/${randomUUID()}`, { toSystemUsageUuid: usages.x }, systemAdminA),
      400,
      'relationUuid',
    );
    expectProblem(await api.delete(path, userA), 403);

    expect((await api.delete(path, systemAdminA)).status).toBe(204);
    expectProblem(await api.get(path, systemAdminA), 404);
    await eventually(async () =>
      expect(await lastEvent('evt.catalog.system-relation.deleted.v1')).toMatchObject({
        aggregate: { uuid },
        data: { reason: 'Requested' },
      }),
    );
  });

  it('draws the relation graph of the organisation and the impact view of a usage, through cycles', async () => {
    const org = await createOrganization(api, ga.authorization.slice(7));
    const member = bearer(
      await sessionOf(api, await createUser(api, ga.authorization.slice(7), [{ organizationUuid: org, role: 'User' }])),
    );
    const u: Record<string, string> = {};
    u.a = await eventually(() => created('/api/v2/it-system-usages', { organizationUuid: org, systemUuid: systems.x }));
    u.b = await created('/api/v2/it-system-usages', { organizationUuid: org, systemUuid: systems.y });
    u.c = await created('/api/v2/it-system-usages', { organizationUuid: org, systemUuid: systems.z });
    // a → b (through b's interface), b → c, c → a: a cycle
    const ab = await created(`/api/v2/it-system-usages/${u.a}/system-relations`, {
      toSystemUsageUuid: u.b,
      relationInterfaceUuid: interfaceOfY,
    });
    const bc = await created(`/api/v2/it-system-usages/${u.b}/system-relations`, { toSystemUsageUuid: u.c });
    const ca = await created(`/api/v2/it-system-usages/${u.c}/system-relations`, { toSystemUsageUuid: u.a });

    const graph = await api.get<Graph>(graphOf(org), member);
    expect(graph.status).toBe(200);
    expect(graph.body.focusUsageUuid).toBeNull();
    expect(graph.body.nodes.map((n) => n.usageUuid).sort()).toEqual([u.a, u.b, u.c].sort());
    expect(graph.body.nodes.find((n) => n.usageUuid === u.b)).toMatchObject({
      systemUuid: systems.y,
      name: expect.stringMatching(/^Ydelsessystem/),
    });
    expect(graph.body.edges).toEqual(
      expect.arrayContaining([
        { uuid: ab, from: u.a, to: u.b, interface: { uuid: interfaceOfY, name: expect.any(String) }, contract: null, frequency: null },
        expect.objectContaining({ uuid: bc, from: u.b, to: u.c }),
        expect.objectContaining({ uuid: ca, from: u.c, to: u.a }),
      ]),
    );
    expect(graph.body.edges).toHaveLength(3);

    const direct = await api.get<Graph>(graphOf(org, `?focusUsageUuid=${u.b}&depth=1`), member);
    expect(direct.status).toBe(200);
    expect(direct.body.nodes.map((n) => [n.usageUuid, n.distance])).toEqual([
      [u.b, 0],
      [u.a, 1],
    ]);
    expect(direct.body.edges.map((e) => e.uuid)).toEqual([ab]);

    const transitive = await api.get<Graph>(graphOf(org, `?focusUsageUuid=${u.b}`), member);
    expect(transitive.body.nodes.map((n) => [n.usageUuid, n.distance])).toEqual([
      [u.b, 0],
      [u.a, 1],
      [u.c, 2],
    ]);
    expect(transitive.body.edges.map((e) => e.uuid)).toEqual([ab, ca, bc]);

    expectProblem(await api.get(graphOf(org, `?focusUsageUuid=${usages.x}`), member), 400, 'focusUsageUuid');
    expectProblem(await api.get(graphOf(org, '?depth=0'), member), 400, 'depth');
    expectProblem(await api.get(graphOf(org), localAdminB), 403);
    expectProblem(await api.get(graphOf(randomUUID()), ga), 404);
    expect((await api.get<Graph>(graphOf(orgB), localAdminB)).body.edges).toEqual([]);
  });

  it('deletes the relations of a deleted usage in both directions, each with its deletion event', async () => {
    const outgoing = await created(relationsOf(usages.z), { toSystemUsageUuid: usages.x }, systemAdminA);
    const incoming = await created(relationsOf(usages.y), { toSystemUsageUuid: usages.z }, systemAdminA);
    const unrelated = await created(relationsOf(usages.y), { toSystemUsageUuid: usages.x }, systemAdminA);

    expect((await api.delete(`/api/v2/it-system-usages/${usages.z}`, ga)).status).toBe(204);

    await eventually(async () => {
      expect(await storedRelation(outgoing)).toMatchObject({ deleted: true });
      expect(await storedRelation(incoming)).toMatchObject({ deleted: true });
    });
    expect(await storedRelation(unrelated)).toMatchObject({ deleted: false });
    await eventually(async () =>
      expect(await lastEvent('evt.catalog.system-relation.deleted.v1')).toMatchObject({
        aggregate: { uuid: expect.stringMatching(new RegExp(`^(${outgoing}|${incoming})$`)) },
        data: { reason: 'UsageDeleted' },
      }),
    );
    expect((await api.get<Relation[]>(relationsOf(usages.y), userA)).body.map((r) => r.uuid)).not.toContain(incoming);
    expect((await api.get<Graph>(graphOf(orgA), userA)).body.nodes.map((n) => n.usageUuid)).not.toContain(usages.z);
    expectProblem(await api.post(relationsOf(usages.x), { toSystemUsageUuid: usages.z }, systemAdminA), 400, 'toSystemUsageUuid');
  });

  it('clears the interface when the target system stops exposing it, and the contract when it is deleted', async () => {
    const uuid = await eventually(() =>
      created(
        relationsOf(usages.x),
        { toSystemUsageUuid: usages.y, relationInterfaceUuid: interfaceOfY, associatedContractUuid: contractA },
        systemAdminA,
      ),
    );
    const path = `${relationsOf(usages.x)}/${uuid}`;

    expect((await api.patch(`/api/v2/it-interfaces/${interfaceOfY}`, { exposedBySystemUuid: null }, ga)).status).toBe(200);
    await eventually(async () =>
      expect((await api.get<Relation>(path, userA)).body).toMatchObject({ relationInterface: null, version: 2 }),
    );

    await publishContractEvent(ContractEvents.contractDeleted, contractA, 2, orgA, {
      uuid: contractA,
      organizationUuid: orgA,
      name: 'Driftsaftale ESDH',
      deletedAt: new Date().toISOString(),
    });
    await eventually(async () =>
      expect((await api.get<Relation>(path, userA)).body).toMatchObject({ associatedContract: null, version: 3 }),
    );
    expectProblem(await api.patch(path, { associatedContractUuid: contractA }, systemAdminA), 400, 'associatedContractUuid');
  });
});

describe('the catalogue consumes contract events before the contracts service has ever run', () => {
  let system: RunningSystem;

  beforeAll(async () => {
    await resetJetStream();
    system = await startSystem({ services: ['identity', 'catalog'] });
  });

  afterAll(async () => {
    await system?.close();
  });

  it('creates the CONTRACTS stream itself and applies the events published to it later', async () => {
    const api = http(system.gatewayUrl);
    const ga = bearer(await adminToken(api));
    const nc = await connect(natsConnectionOptions(system.env.NATS_URL as string));
    try {
      const jsm = await nc.jetstreamManager();
      await eventually(async () => expect((await jsm.streams.info('CONTRACTS')).config.subjects).toEqual(['evt.contracts.>']));

      const org = await createOrganization(api, ga.authorization.slice(7));
      const systemUuid = (await api.post<{ uuid: string }>('/api/v2/it-systems', { organizationUuid: org, name: `S ${randomUUID()}` }, ga))
        .body.uuid;
      const from = await eventually(async () => {
        const result = await api.post<{ uuid: string }>('/api/v2/it-system-usages', { organizationUuid: org, systemUuid }, ga);
        expect(result.status).toBe(201);
        return result.body.uuid;
      });
      const otherSystem = (await api.post<{ uuid: string }>('/api/v2/it-systems', { organizationUuid: org, name: `T ${randomUUID()}` }, ga))
        .body.uuid;
      const to = (await api.post<{ uuid: string }>('/api/v2/it-system-usages', { organizationUuid: org, systemUuid: otherSystem }, ga)).body
        .uuid;
      const contract = randomUUID();
      // what the contracts service will publish (issue 5); here through the bus's EventPublisher onto the stream
      await system.services
        .get('catalog')!
        .app.get(EventPublisher)
        .publish({
          id: randomUUID(),
          type: ContractEvents.contractCreated.type,
          version: 1,
          occurredAt: new Date().toISOString(),
          organizationUuid: org,
          actor: { kind: 'user', userUuid: null },
          aggregate: { type: 'it-contract', uuid: contract, version: 1 },
          data: { contract: { uuid: contract, organizationUuid: org, name: 'Rammeaftale', lastModified: new Date().toISOString() } },
        });

      const relation = await eventually(async () => {
        const result = await api.post<Relation>(
          `/api/v2/it-system-usages/${from}/system-relations`,
          { toSystemUsageUuid: to, associatedContractUuid: contract },
          ga,
        );
        expect(result.status).toBe(201);
        return result.body;
      });
      expect(relation.associatedContract).toEqual({ uuid: contract, name: 'Rammeaftale' });
    } finally {
      await nc.close();
    }
  });
});
