/**
 * A create retried with its Idempotency-Key while its first run is still working (the gateway answered 504 and
 * released the key, the service was only slow): both runs reach the service with the same key and so target the same
 * uuid (`newAggregateUuid`). The one that writes second is refused by the store's unique `_id` or by a uniqueness check
 * that sees the first run's object ("name taken"); `createOnce` (libs/common) makes that refusal the first run's
 * object. Here the runs are sent to the services at once, straight over the bus with the key in the caller context,
 * as the gateway passes it down after a 504: every answer is the same object, the store holds one, and the stream one
 * `created` event for it. Through the gateway, concurrent POSTs with one key answer 201 and the gateway's documented
 * 409 "still being processed", and one object exists.
 */
import { randomUUID } from 'node:crypto';
import { connect, type NatsConnection } from 'nats';
import { ErrorCode, systemCaller, type CallerContext } from '@kitos/common';
import {
  CatalogEvents,
  CatalogInterfaceEvents,
  CatalogOptionEvents,
  CatalogRelationEvents,
  CatalogUsageEvents,
  ContractEvents,
  GdprEvents,
  IdentityEvents,
  ProjectEvents,
  ReminderEvents,
  Rpc,
  eventSubject,
} from '@kitos/contracts';
import { NatsRpcClient, natsConnectionOptions } from '@kitos/messaging';
import { eventually, resetJetStream } from '@kitos/testing';
import { adminToken, createOrganization } from '../support/identity';
import { http, startSystem, type HttpResult, type RunningSystem } from '../support/system';

type Json = Record<string, unknown>;

/** How many runs of one create are sent at once. */
const RUNS = 3;

interface OverlappingCreate {
  readonly subject: string;
  /** The RPC's data (the same for every run), with fresh dependencies where it needs them. */
  readonly data: () => Promise<Json>;
  /** The created object's uuid in an answer (default: `uuid`). */
  readonly identity?: (answer: Json) => string;
  /** How many objects of this kind the create's scope holds, read through the gateway. */
  readonly count: (data: Json) => Promise<number>;
  /** The stream and event type of the object's `created` event (parts added inside an aggregate have none of their own). */
  readonly created?: { readonly stream: string; readonly type: string };
}

describe('A create whose retry overtook its first run', () => {
  let system: RunningSystem;
  let admin: ReturnType<typeof http>;
  let nc: NatsConnection;
  let bus: NatsRpcClient;
  let callerUuid: string;
  let org: string;

  const suffix = () => randomUUID().slice(0, 8);
  const ok = async <T = Json>(result: Promise<HttpResult<T>>, what: string): Promise<T> => {
    const answer = await result;
    if (answer.status >= 300) throw new Error(`${what}: ${answer.status} ${JSON.stringify(answer.body)}`);
    return answer.body;
  };
  const length = async (path: string, pick: (body: unknown) => unknown = (b) => b) => {
    const list = pick(await ok(admin.get(path), path));
    if (!Array.isArray(list)) throw new Error(`${path} did not answer a list`);
    return list.length;
  };
  const newSystem = async () =>
    (await ok(admin.post<{ uuid: string }>('/api/v2/it-systems', { organizationUuid: org, name: `System ${suffix()}` }), 'system')).uuid;
  const newUsage = async () =>
    (await ok(admin.post<{ uuid: string }>('/api/v2/it-system-usages', { organizationUuid: org, systemUuid: await newSystem() }), 'usage'))
      .uuid;

  /** The global administrator as the gateway passes them down, with the key of the retried request. */
  const callerWith = (idempotencyKey: string): CallerContext => ({
    ...systemCaller(randomUUID()),
    kind: 'user',
    userUuid: callerUuid,
    idempotencyKey,
  });

  /** The `created` events of `uuid` in the producing service's stream. */
  const createdEvents = async (stream: string, type: string, uuid: string): Promise<number> => {
    const consumer = await nc.jetstream().consumers.get(stream, { filterSubjects: [eventSubject(type, 1)] });
    const pending = (await consumer.info()).num_pending;
    let found = 0;
    if (pending === 0) return 0;
    const messages = await consumer.fetch({ max_messages: pending, expires: 5000 });
    let read = 0;
    for await (const message of messages) {
      const event = message.json<{ aggregate: { uuid: string }; data: { unit?: { uuid: string } } }>();
      // a unit's events are the organisation's unit tree's: the unit is named in the data
      if ((event.data.unit?.uuid ?? event.aggregate.uuid) === uuid) found++;
      if (++read >= pending) break;
    }
    return found;
  };

  const CREATES: Record<string, OverlappingCreate> = {
    'IT project': {
      subject: Rpc.projects.itProjects.create,
      data: async () => ({ organizationUuid: org, name: `Projekt ${suffix()}` }),
      count: () => length(`/api/v2/it-projects?organizationUuid=${org}&pageSize=250`),
      created: { stream: 'PROJECTS', type: ProjectEvents.itProjectCreated.type },
    },
    'IT contract': {
      subject: Rpc.contracts.itContracts.create,
      data: async () => ({ organizationUuid: org, name: `Kontrakt ${suffix()}` }),
      count: () => length(`/api/v2/it-contracts?organizationUuid=${org}&pageSize=250`),
      created: { stream: 'CONTRACTS', type: ContractEvents.contractCreated.type },
    },
    'data processing registration': {
      subject: Rpc.gdpr.dpr.create,
      data: async () => ({ organizationUuid: org, name: `Databehandling ${suffix()}` }),
      count: () => length(`/api/v2/data-processing-registrations?organizationUuid=${org}&pageSize=250`),
      created: { stream: 'GDPR', type: GdprEvents.dataProcessingRegistrationCreated.type },
    },
    'processing activity': {
      subject: Rpc.gdpr.compliance.activities.create,
      data: async () => ({ organizationUuid: org, name: `Behandling ${suffix()}` }),
      count: () => length(`/api/v2/processing-activities?organizationUuid=${org}&pageSize=250`),
      created: { stream: 'GDPR', type: GdprEvents.processingActivityCreated.type },
    },
    'IT interface': {
      subject: Rpc.catalog.interfaces.create,
      data: async () => ({ organizationUuid: org, name: `Snitflade ${suffix()}` }),
      count: () => length(`/api/v2/it-interfaces?organizationUuid=${org}&pageSize=250`),
      created: { stream: 'CATALOG', type: CatalogInterfaceEvents.itInterfaceCreated.type },
    },
    'IT system': {
      subject: Rpc.catalog.createItSystem,
      data: async () => ({ organizationUuid: org, name: `System ${suffix()}` }),
      count: () => length(`/api/v2/it-systems?organizationUuid=${org}&pageSize=250`),
      created: { stream: 'CATALOG', type: CatalogEvents.itSystemCreated.type },
    },
    'IT system usage': {
      subject: Rpc.catalog.usages.create,
      data: async () => ({ organizationUuid: org, systemUuid: await newSystem() }),
      count: () => length(`/api/v2/it-system-usages?organizationUuid=${org}&pageSize=250`),
      created: { stream: 'CATALOG', type: CatalogUsageEvents.itSystemUsageCreated.type },
    },
    'system relation': {
      subject: Rpc.catalog.relations.create,
      data: async () => ({ usageUuid: await newUsage(), relation: { toSystemUsageUuid: await newUsage(), description: 'Sender sager' } }),
      count: (data) => length(`/api/v2/it-system-usages/${data.usageUuid as string}/system-relations`),
      created: { stream: 'CATALOG', type: CatalogRelationEvents.systemRelationCreated.type },
    },
    'option type': {
      subject: Rpc.catalog.options.createGlobal,
      data: async () => ({ kind: 'business-types', option: { name: `Forretning ${suffix()}` } }),
      count: () => length('/api/v2/option-types/business-types'),
      created: { stream: 'CATALOG', type: CatalogOptionEvents.optionCreated.type },
    },
    organisation: {
      subject: Rpc.identity.createOrganization,
      data: async () => ({ name: `Kommune ${suffix()}`, organizationType: 'Municipality' }),
      count: () => length('/api/v2/organizations?pageSize=250'),
      created: { stream: 'IDENTITY', type: IdentityEvents.organizationCreated.type },
    },
    'organisation unit': {
      subject: Rpc.identity.createUnit,
      data: async () => {
        const units = await ok(
          admin.get<Array<{ uuid: string; parentUuid: string | null }>>(`/api/v2/organizations/${org}/organization-units`),
          'units',
        );
        return { organizationUuid: org, body: { name: `Enhed ${suffix()}`, parentUuid: units.find((u) => !u.parentUuid)!.uuid } };
      },
      count: () => length(`/api/v2/organizations/${org}/organization-units?pageSize=250`),
      created: { stream: 'IDENTITY', type: IdentityEvents.organizationUnitCreated.type },
    },
    user: {
      subject: Rpc.identity.createUser,
      data: async () => ({
        firstName: 'Over',
        lastName: 'Halet',
        email: `overhalet-${suffix()}@kommune.example`,
        rights: [{ organizationUuid: org, role: 'User' }],
      }),
      count: () => length(`/api/v2/organizations/${org}/users?pageSize=250`),
      created: { stream: 'IDENTITY', type: IdentityEvents.userCreated.type },
    },
    'role type': {
      subject: Rpc.identity.createRoleType,
      data: async () => ({ objectType: 'ItContract', name: `Rolle ${suffix()}` }),
      count: () => length('/api/v2/role-types?objectType=ItContract'),
      created: { stream: 'IDENTITY', type: IdentityEvents.roleTypeCreated.type },
    },
    reminder: {
      subject: Rpc.contracts.reminders.create,
      data: async () => ({
        relatedEntity: { type: 'ItSystemUsage', uuid: await newUsage() },
        type: 'Immediate',
        subject: 'Emne',
        body: 'Tekst',
        to: { emails: ['a@kommune.dk'] },
      }),
      count: () => length(`/api/v2/reminders?organizationUuid=${org}&includeInactive=true`),
      created: { stream: 'CONTRACTS', type: ReminderEvents.reminderCreated.type },
    },
    'report view': {
      subject: Rpc.reporting.orgReports.views.create,
      data: async () => ({ organizationUuid: org, report: 'it-system-usages', name: `Visning ${suffix()}` }),
      count: () => length(`/api/v2/report-views?organizationUuid=${org}&report=it-system-usages`),
    },
    webhook: {
      subject: Rpc.reporting.webhooks.create,
      data: async () => ({ organizationUuid: org, url: `https://hooks.example/${suffix()}`, topics: ['catalog.it-system.created'] }),
      count: () => length(`/api/v2/webhooks?organizationUuid=${org}`),
    },
    "project's milestone": {
      subject: Rpc.projects.itProjects.parts.create,
      data: async () => ({
        uuid: (
          await ok(admin.post<{ uuid: string }>('/api/v2/it-projects', { organizationUuid: org, name: `Projekt ${suffix()}` }), 'project')
        ).uuid,
        kind: 'milestones',
        body: { name: 'Milepæl' },
      }),
      identity: (answer) => (answer.item as Json).uuid as string,
      count: (data) => length(`/api/v2/it-projects/${data.uuid as string}/milestones`),
    },
    "interface's data row": {
      subject: Rpc.catalog.interfaces.addData,
      data: async () => ({
        uuid: (
          await ok(admin.post<{ uuid: string }>('/api/v2/it-interfaces', { organizationUuid: org, name: `Data ${suffix()}` }), 'interface')
        ).uuid,
        body: { description: 'CPR-nummer' },
      }),
      identity: (answer) => (answer.row as Json).uuid as string,
      count: (data) => length(`/api/v2/it-interfaces/${data.uuid as string}`, (b) => (b as Json).data),
    },
    "system's external reference": {
      subject: Rpc.catalog.itSystems.addReference,
      data: async () => ({ uuid: await newSystem(), body: { title: `Reference ${suffix()}` } }),
      identity: (answer) => (answer.reference as Json).uuid as string,
      count: (data) => length(`/api/v2/it-systems/${data.uuid as string}`, (b) => (b as Json).externalReferences),
    },
    "usage's external reference": {
      subject: Rpc.catalog.usages.addReference,
      data: async () => ({ uuid: await newUsage(), body: { title: `Reference ${suffix()}` } }),
      identity: (answer) => (answer.reference as Json).uuid as string,
      count: (data) => length(`/api/v2/it-system-usages/${data.uuid as string}`, (b) => (b as Json).externalReferences),
    },
    "contract's external reference": {
      subject: Rpc.contracts.itContracts.addExternalReference,
      data: async () => ({
        uuid: (await ok(admin.post<{ uuid: string }>('/api/v2/it-contracts', { organizationUuid: org, name: `K ${suffix()}` }), 'contract'))
          .uuid,
        body: { title: `Reference ${suffix()}` },
      }),
      identity: (answer) => (answer.reference as Json).uuid as string,
      count: (data) => length(`/api/v2/it-contracts/${data.uuid as string}`, (b) => (b as Json).externalReferences),
    },
    "DPR's oversight date": {
      subject: Rpc.gdpr.dpr.addOversightDate,
      data: async () => ({
        uuid: (
          await ok(
            admin.post<{ uuid: string }>('/api/v2/data-processing-registrations', {
              organizationUuid: org,
              name: `Tilsyn ${suffix()}`,
              oversight: { isOversightCompleted: 'Yes' },
            }),
            'dpr',
          )
        ).uuid,
        date: { completedAt: '2025-03-01', remark: 'Årligt' },
      }),
      count: (data) =>
        length(`/api/v2/data-processing-registrations/${data.uuid as string}`, (b) => ((b as Json).oversight as Json).oversightDates),
    },
    "usage's journal period": {
      subject: Rpc.archiving.usageArchive.journalPeriods.create,
      data: async () => ({ usageUuid: await newUsage(), period: { archiveId: 'AV-2015', startDate: '2015-01-01', endDate: '2019-12-31' } }),
      identity: (answer) => (answer.period as Json).uuid as string,
      count: (data) => length(`/api/v2/it-system-usages/${data.usageUuid as string}/journal-periods`),
    },
  };

  beforeAll(async () => {
    await resetJetStream();
    // about concurrency, not latency: a generous RPC timeout keeps a busy machine's slowness from turning into 504s
    system = await startSystem({
      services: ['identity', 'catalog', 'contracts', 'projects', 'gdpr', 'archiving', 'reporting'],
      env: { RPC_TIMEOUT_MS: '20000' },
    });
    const session = await adminToken(http(system.gatewayUrl));
    admin = http(system.gatewayUrl, session);
    callerUuid = (JSON.parse(Buffer.from(session.split('.')[1], 'base64url').toString()) as { sub: string }).sub;
    org = await createOrganization(admin, session);
    nc = await connect(natsConnectionOptions(system.env.NATS_URL as string));
    bus = new NatsRpcClient(nc, { rpcTimeoutMs: 20000 });
  });
  afterAll(async () => {
    await nc?.close();
    await system?.close();
  });

  it.each(Object.keys(CREATES))('%s: runs at once with one key answer one object, stored once, created once', async (what) => {
    const create = CREATES[what];
    const identity = create.identity ?? ((answer: Json) => answer.uuid as string);
    const data = await create.data();
    const before = await create.count(data);
    const caller = callerWith(randomUUID());
    const replies = await Promise.all(Array.from({ length: RUNS }, () => bus.exchange<Json>(create.subject, caller, data)));
    const failures = replies.flatMap((r) => (r.ok ? [] : [`${r.error.code}: ${r.error.message}`]));
    expect(failures).toEqual([]);
    const uuids = replies.map((r) => (r.ok ? identity(r.response) : null));
    expect(uuids[0]).toEqual(expect.any(String));
    expect(new Set(uuids).size).toBe(1);
    expect(await create.count(data)).toBe(before + 1);
    if (create.created) {
      const { stream, type } = create.created;
      // the outbox relay publishes after the write: wait for the event, then make sure no second one followed it
      await eventually(async () => expect(await createdEvents(stream, type, uuids[0]!)).toBeGreaterThan(0), { timeoutMs: 20000 });
      expect(await createdEvents(stream, type, uuids[0]!)).toBe(1);
    }
  });

  it.each(['IT project', 'IT contract', 'data processing registration', 'processing activity', 'IT interface', 'IT system', 'role type'])(
    '%s: another create with the same name (another key, or none) is still 409 name taken',
    async (what) => {
      const create = CREATES[what];
      const data = await create.data();
      const first = await bus.exchange<Json>(create.subject, callerWith(randomUUID()), data);
      expect(first.ok).toBe(true);
      for (const caller of [callerWith(randomUUID()), { ...systemCaller(randomUUID()), kind: 'user' as const, userUuid: callerUuid }]) {
        const again = await bus.exchange<Json>(create.subject, caller, data);
        expect(again.ok ? 'created' : again.error.code).toBe(ErrorCode.Conflict);
      }
    },
  );

  it('through the gateway: concurrent POSTs with one key answer 201 and the gateway\'s 409 "still being processed"; one object', async () => {
    for (const [path, body, list] of [
      [
        '/api/v2/it-projects',
        { organizationUuid: org, name: `Projekt ${suffix()}` },
        `/api/v2/it-projects?organizationUuid=${org}&pageSize=250`,
      ],
      [
        '/api/v2/it-contracts',
        { organizationUuid: org, name: `Kontrakt ${suffix()}` },
        `/api/v2/it-contracts?organizationUuid=${org}&pageSize=250`,
      ],
      [
        '/api/v2/data-processing-registrations',
        { organizationUuid: org, name: `Databehandling ${suffix()}` },
        `/api/v2/data-processing-registrations?organizationUuid=${org}&pageSize=250`,
      ],
    ] as const) {
      const before = await length(list);
      const headers = { 'idempotency-key': randomUUID() };
      const answers = await Promise.all(Array.from({ length: RUNS }, () => admin.post<Json>(path, body, headers)));
      const created = answers.filter((a) => a.status === 201);
      expect([path, answers.every((a) => a.status === 201 || a.status === 409)]).toEqual([path, true]);
      expect(created.length).toBeGreaterThanOrEqual(1);
      expect(new Set(created.map((a) => a.body.uuid)).size).toBe(1);
      for (const refused of answers.filter((a) => a.status === 409)) expect(String(refused.body.detail)).toMatch(/still being processed/i);
      expect(await length(list)).toBe(before + 1);
      // once answered, a retry is the kept answer
      const retry = await admin.post<Json>(path, body, headers);
      expect([retry.status, retry.body.uuid, retry.headers.get('idempotent-replayed')]).toEqual([201, created[0].body.uuid, 'true']);
    }
  });
});
