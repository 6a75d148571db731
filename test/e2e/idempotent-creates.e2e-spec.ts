/**
 * `Idempotency-Key` on every POST, down to the services (issue 15 item 5): every POST of the published API
 * (docs/openapi.json) is listed below — either as a create whose service derives the new object's uuid from the key
 * (then it is exercised here: a retry whose kept answer is gone, as after a 504, finds the first object and creates
 * nothing), or with the reason why a repeat creates nothing or why the gateway's kept answer is all it has. A new POST
 * that is not listed fails the first test, so that it cannot forget idempotent handling.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { connect } from 'nats';
import { natsConnectionOptions } from '@kitos/messaging';
import { resetJetStream } from '@kitos/testing';
import { scopedRecordKey } from '../../services/gateway/src/idempotency/idempotency-key';
import { IDEMPOTENCY_BUCKET } from '../../services/gateway/src/idempotency/idempotency.store';
import { adminToken, createOrganization } from '../support/identity';
import { http, startSystem, type HttpResult, type RunningSystem } from '../support/system';

type Api = ReturnType<typeof http>;
type Json = Record<string, unknown>;

/** A create whose service finds what an earlier run of the same request made. */
interface DerivedCreate {
  readonly kind: 'derived';
  /** The request to send (the same body each time this is called), with fresh dependencies where it needs them. */
  readonly request: () => Promise<{ path: string; body: Json }>;
  /** How many objects of this kind the request's scope holds (parts of its parent, objects of the organisation …). */
  readonly count: (path: string) => Promise<number>;
  /** The created object's identity in the answer (default: `uuid`). */
  readonly identity?: (body: Json) => unknown;
}

/** A POST whose repeat creates nothing by its nature, or where only the gateway's kept answer protects a retry. */
interface Exempt {
  readonly kind: 'repeatable' | 'gateway-only' | 'public';
  readonly reason: string;
}

const ALL_SERVICES = ['identity', 'catalog', 'contracts', 'projects', 'gdpr', 'archiving', 'reporting'];
const PROJECT_PARTS: Record<string, Json> = {
  milestones: { name: 'Milepæl' },
  tasks: { name: 'Opgave' },
  'status-reports': {
    date: '2026-01-15',
    overall: { status: 'Green' },
    time: { status: 'Green' },
    cost: { status: 'Yellow' },
    quality: { status: 'Green' },
    resources: { status: 'Green' },
  },
  risks: { description: 'Leverandøren går konkurs', probability: 2, consequence: 4 },
  stakeholders: { name: 'Borgerne' },
  benefits: { description: 'Færre henvendelser', type: 'Qualitative' },
};

describe('Idempotency-Key on every POST, down to the services', () => {
  let system: RunningSystem;
  let admin: Api;
  let adminSession: string;
  let callerUuid: string;
  let org: string;
  let table: Record<string, DerivedCreate | Exempt>;

  const ok = async <T = Json>(result: Promise<HttpResult<T>> | HttpResult<T>, what: string): Promise<T> => {
    const answer = await result;
    if (answer.status >= 300) throw new Error(`${what}: ${answer.status} ${JSON.stringify(answer.body)}`);
    return answer.body;
  };
  const suffix = () => randomUUID().slice(0, 8);
  const newSystem = async () =>
    (await ok(admin.post<{ uuid: string }>('/api/v2/it-systems', { organizationUuid: org, name: `System ${suffix()}` }), 'system')).uuid;
  const newUsage = async () =>
    (await ok(admin.post<{ uuid: string }>('/api/v2/it-system-usages', { organizationUuid: org, systemUuid: await newSystem() }), 'usage'))
      .uuid;
  const newProject = async () =>
    (await ok(admin.post<{ uuid: string }>('/api/v2/it-projects', { organizationUuid: org, name: `Projekt ${suffix()}` }), 'project')).uuid;
  const length = async (path: string, pick: (body: Json) => unknown = (b) => b) => {
    const body = await ok(admin.get<Json>(path), path);
    const list = pick(body);
    if (!Array.isArray(list)) throw new Error(`${path} did not answer a list: ${JSON.stringify(body)}`);
    return list.length;
  };
  /** The parent's path of a sub-resource POST (`/api/v2/x/{uuid}/parts` → `/api/v2/x/{uuid}`). */
  const parentOf = (path: string) => path.slice(0, path.lastIndexOf('/'));

  beforeAll(async () => {
    await resetJetStream();
    system = await startSystem({ services: ALL_SERVICES });
    adminSession = await adminToken(http(system.gatewayUrl));
    admin = http(system.gatewayUrl, adminSession);
    callerUuid = (JSON.parse(Buffer.from(adminSession.split('.')[1], 'base64url').toString()) as { sub: string }).sub;
    org = await createOrganization(admin, adminSession);

    const projectPart = (kind: string): DerivedCreate => ({
      kind: 'derived',
      request: async () => ({ path: `/api/v2/it-projects/${await newProject()}/${kind}`, body: PROJECT_PARTS[kind] }),
      count: (path) => length(path),
    });
    const externalReference = (parent: () => Promise<string>, base: string): DerivedCreate => ({
      kind: 'derived',
      request: async () => ({ path: `${base}/${await parent()}/external-references`, body: { title: `Reference ${suffix()}` } }),
      count: (path) => length(parentOf(path), (b) => b.externalReferences),
    });

    table = {
      // sign-in: creates nothing, and the answers are credentials that must not be kept (the gateway ignores the key)
      AuthController_getToken: { kind: 'public', reason: 'sign-in: creates nothing' },
      AuthController_oauthToken: { kind: 'public', reason: 'sign-in: creates nothing' },
      AuthController_login: { kind: 'public', reason: 'sign-in: creates nothing' },
      AuthController_validate: { kind: 'public', reason: 'checks a token: creates nothing' },
      SamlController_acs: { kind: 'public', reason: 'SAML sign-in: creates nothing a retry could duplicate' },

      OrganizationsController_create: {
        kind: 'derived',
        request: async () => ({ path: '/api/v2/organizations', body: { name: `Kommune ${suffix()}`, organizationType: 'Municipality' } }),
        count: async () => length('/api/v2/organizations?pageSize=250'),
      },
      OrganizationUnitsController_create: {
        kind: 'derived',
        request: async () => {
          const units = await ok(
            admin.get<Array<{ uuid: string; parentUuid: string | null }>>(`/api/v2/organizations/${org}/organization-units`),
            'units',
          );
          const root = units.find((u) => !u.parentUuid)!;
          return { path: `/api/v2/organizations/${org}/organization-units`, body: { name: `Enhed ${suffix()}`, parentUuid: root.uuid } };
        },
        count: (path) => length(`${path}?pageSize=250`),
      },
      OrganizationUnitsController_import: {
        kind: 'repeatable',
        reason: 'an upsert by unit id: a repeat finds every unit by its id and changes nothing',
      },
      OrganizationUsersController_addRole: { kind: 'repeatable', reason: 'adds a right to a set: a repeat leaves the same set' },
      OrganizationUsersController_copy: { kind: 'repeatable', reason: 'copies rights into a set: a repeat leaves the same set' },
      OrganizationUsersController_transfer: { kind: 'repeatable', reason: 'moves rights: a repeat finds nothing left to move' },
      UsersController_create: {
        kind: 'derived',
        request: async () => ({
          path: '/api/v2/users',
          body: {
            firstName: 'Idem',
            lastName: 'Potent',
            email: `idem-${suffix()}@kommune.example`,
            rights: [{ organizationUuid: org, role: 'User' }],
          },
        }),
        count: async () => length(`/api/v2/organizations/${org}/users?pageSize=250`),
      },
      ItSystemsController_create: {
        kind: 'derived',
        request: async () => ({ path: '/api/v2/it-systems', body: { organizationUuid: org, name: `System ${suffix()}` } }),
        count: async () => length(`/api/v2/it-systems?organizationUuid=${org}&pageSize=250`),
      },
      RightsHolderItSystemsController_create: {
        kind: 'derived',
        request: async () => ({
          path: '/api/v2/rightsholder/it-systems',
          body: { rightsHolderUuid: org, name: `Rettighed ${suffix()}`, description: 'Fra leverandøren' },
        }),
        count: async () => length(`/api/v2/rightsholder/it-systems?rightsHolderUuid=${org}&pageSize=250`),
      },
      RightsHolderItInterfacesController_create: {
        kind: 'derived',
        request: async () => ({
          path: '/api/v2/rightsholder/it-interfaces',
          body: {
            rightsHolderUuid: org,
            exposedBySystemUuid: (
              await ok(
                admin.post<{ uuid: string }>('/api/v2/rightsholder/it-systems', {
                  rightsHolderUuid: org,
                  name: `R ${suffix()}`,
                  description: 'D',
                }),
                'rights holder system',
              )
            ).uuid,
            name: `Snitflade ${suffix()}`,
            description: 'Fra leverandøren',
          },
        }),
        count: async () => length(`/api/v2/rightsholder/it-interfaces?rightsHolderUuid=${org}&pageSize=250`),
      },
      KleImportsController_preview: {
        kind: 'gateway-only',
        reason: 'stores a preview to look at before applying; a second preview after a lost answer is harmless and expires',
      },
      KleImportsController_apply: { kind: 'repeatable', reason: 'applies a preview once; a repeat finds it applied (409)' },
      ItSystemUsagesController_create: {
        kind: 'derived',
        request: async () => ({ path: '/api/v2/it-system-usages', body: { organizationUuid: org, systemUuid: await newSystem() } }),
        count: async () => length(`/api/v2/it-system-usages?organizationUuid=${org}&pageSize=250`),
      },
      ItContractsController_create: {
        kind: 'derived',
        request: async () => ({ path: '/api/v2/it-contracts', body: { organizationUuid: org, name: `Kontrakt ${suffix()}` } }),
        count: async () => length(`/api/v2/it-contracts?organizationUuid=${org}&pageSize=250`),
      },
      ItContractsController_transfer: { kind: 'repeatable', reason: 'moves contracts to a unit: a repeat moves nothing' },
      ItContractExternalReferencesController_add: externalReference(
        async () =>
          (await ok(admin.post<{ uuid: string }>('/api/v2/it-contracts', { organizationUuid: org, name: `K ${suffix()}` }), 'contract'))
            .uuid,
        '/api/v2/it-contracts',
      ),
      ItInterfacesController_create: {
        kind: 'derived',
        request: async () => ({ path: '/api/v2/it-interfaces', body: { organizationUuid: org, name: `Snitflade ${suffix()}` } }),
        count: async () => length(`/api/v2/it-interfaces?organizationUuid=${org}&pageSize=250`),
      },
      ItInterfacesController_addData: {
        kind: 'derived',
        request: async () => {
          const itInterface = await ok(
            admin.post<{ uuid: string }>('/api/v2/it-interfaces', { organizationUuid: org, name: `Data ${suffix()}` }),
            'interface',
          );
          return { path: `/api/v2/it-interfaces/${itInterface.uuid}/data`, body: { description: 'CPR-nummer' } };
        },
        count: (path) => length(parentOf(path), (b) => b.data),
      },
      ReadModelsController_rebuild: {
        kind: 'repeatable',
        reason: 'a repeat rebuilds the same read models from the same streams (409 while one runs); nothing is added',
      },
      OptionTypesController_create: {
        kind: 'derived',
        request: async () => ({ path: '/api/v2/option-types/business-types', body: { name: `Forretning ${suffix()}` } }),
        count: async () => length('/api/v2/option-types/business-types'),
      },
      ItSystemExternalReferencesController_add: externalReference(newSystem, '/api/v2/it-systems'),
      ItSystemUsageExternalReferencesController_add: externalReference(newUsage, '/api/v2/it-system-usages'),
      WebhooksController_create: {
        kind: 'derived',
        request: async () => ({
          path: '/api/v2/webhooks',
          body: { organizationUuid: org, url: `https://hooks.example/${suffix()}`, topics: ['catalog.it-system.created'] },
        }),
        count: async () => length(`/api/v2/webhooks?organizationUuid=${org}`),
      },
      WebhooksController_redeliver: {
        kind: 'repeatable',
        reason: 'a delivery again; webhooks are at least once by contract and receivers deduplicate by the delivery id',
      },
      WebhooksController_replay: {
        kind: 'repeatable',
        reason: 'deliveries again; webhooks are at least once by contract and receivers deduplicate by the delivery id',
      },
      DataQualityController_snapshot: {
        kind: 'repeatable',
        reason: "records today's score of the organisation, one per day: a repeat replaces it with the same score",
      },
      OrgReportsController_createView: {
        kind: 'derived',
        request: async () => ({
          path: '/api/v2/report-views',
          body: { organizationUuid: org, report: 'it-system-usages', name: `Visning ${suffix()}` },
        }),
        count: async () => length(`/api/v2/report-views?organizationUuid=${org}&report=it-system-usages`),
      },
      RoleTypesController_create: {
        kind: 'derived',
        request: async () => ({ path: '/api/v2/role-types', body: { objectType: 'ItContract', name: `Rolle ${suffix()}` } }),
        count: async () => length('/api/v2/role-types?objectType=ItContract'),
      },
      ScimAdminController_create: {
        kind: 'gateway-only',
        reason:
          'the answer holds a secret shown once and stored only as a hash; after a lost answer the administrator revokes the unused credential',
      },
      ProcessingActivitiesController_create: {
        kind: 'derived',
        request: async () => ({ path: '/api/v2/processing-activities', body: { organizationUuid: org, name: `Behandling ${suffix()}` } }),
        count: async () => length(`/api/v2/processing-activities?organizationUuid=${org}&pageSize=250`),
      },
      SystemRelationsController_create: {
        kind: 'derived',
        request: async () => ({
          path: `/api/v2/it-system-usages/${await newUsage()}/system-relations`,
          body: { toSystemUsageUuid: await newUsage(), description: 'Sender sager' },
        }),
        count: (path) => length(path),
      },
      ItProjectsController_create: {
        kind: 'derived',
        request: async () => ({ path: '/api/v2/it-projects', body: { organizationUuid: org, name: `Projekt ${suffix()}` } }),
        count: async () => length(`/api/v2/it-projects?organizationUuid=${org}&pageSize=250`),
      },
      ItProjects_milestones_create: projectPart('milestones'),
      ItProjects_tasks_create: projectPart('tasks'),
      ItProjects_statusReports_create: projectPart('status-reports'),
      ItProjects_economyYears_create: {
        kind: 'repeatable',
        reason: 'one row per year: a repeat is refused with 409 naming the year, nothing is added',
      },
      ItProjects_risks_create: projectPart('risks'),
      ItProjects_stakeholders_create: projectPart('stakeholders'),
      ItProjects_benefits_create: projectPart('benefits'),
      DataProcessingRegistrationsController_create: {
        kind: 'derived',
        request: async () => ({
          path: '/api/v2/data-processing-registrations',
          body: { organizationUuid: org, name: `Databehandling ${suffix()}` },
        }),
        count: async () => length(`/api/v2/data-processing-registrations?organizationUuid=${org}&pageSize=250`),
      },
      DataProcessingRegistrationsController_addOversightDate: {
        kind: 'derived',
        request: async () => {
          const dpr = await ok(
            admin.post<{ uuid: string }>('/api/v2/data-processing-registrations', {
              organizationUuid: org,
              name: `Tilsyn ${suffix()}`,
              oversight: { isOversightCompleted: 'Yes' },
            }),
            'dpr',
          );
          return {
            path: `/api/v2/data-processing-registrations/${dpr.uuid}/oversight-dates`,
            body: { completedAt: '2025-03-01', remark: 'Årligt' },
          };
        },
        count: (path) => length(parentOf(path), (b) => (b.oversight as Json).oversightDates),
      },
      JournalPeriodsController_create: {
        kind: 'derived',
        request: async () => ({
          path: `/api/v2/it-system-usages/${await newUsage()}/journal-periods`,
          body: { archiveId: 'AV-2015', startDate: '2015-01-01', endDate: '2019-12-31' },
        }),
        count: (path) => length(path),
      },
      RemindersController_create: {
        kind: 'derived',
        request: async () => ({
          path: '/api/v2/reminders',
          body: {
            relatedEntity: { type: 'ItSystemUsage', uuid: await newUsage() },
            type: 'Immediate',
            subject: 'Emne',
            body: 'Tekst',
            to: { emails: ['a@kommune.dk'] },
          },
        }),
        count: async () => length(`/api/v2/reminders?organizationUuid=${org}&includeInactive=true`),
      },
      KitosImportsController_start: {
        kind: 'gateway-only',
        reason:
          'starts an import job; the import writes each object under its KITOS uuid after comparing with what is there, so a second job reports them unchanged',
      },
    };
  });
  afterAll(() => system?.close());

  it('every POST of the published API is listed, with a reason unless its service derives the uuid from the key', () => {
    const document = JSON.parse(readFileSync(join(__dirname, '../../docs/openapi.json'), 'utf8')) as {
      paths: Record<string, { post?: { operationId: string; parameters?: Array<{ $ref?: string }> } }>;
    };
    const posts = Object.values(document.paths).flatMap((p) => (p.post ? [p.post] : []));
    expect(posts.length).toBeGreaterThan(40);
    const unlisted = posts.map((p) => p.operationId).filter((id) => !(id in table));
    expect(unlisted).toEqual([]);
    for (const post of posts) {
      const listed = table[post.operationId];
      // every non-public POST documents the header (and the gateway's interceptor handles it for all of them)
      const documented = (post.parameters ?? []).some((p) => p.$ref === '#/components/parameters/IdempotencyKey');
      expect([post.operationId, documented]).toEqual([post.operationId, listed.kind !== 'public']);
      if (listed.kind !== 'derived') expect(listed.reason.length).toBeGreaterThan(10);
    }
    // the list names no operation that no longer exists
    const ids = new Set(posts.map((p) => p.operationId));
    expect(Object.keys(table).filter((id) => !ids.has(id))).toEqual([]);
  });

  /** What the gateway keeps is gone, as after a 504 (the claim released): only the service can tell it is a repeat. */
  const forgetKeptAnswer = async (key: string) => {
    const nc = await connect(natsConnectionOptions(system.env.NATS_URL as string));
    try {
      const kv = await nc.jetstream().views.kv(IDEMPOTENCY_BUCKET);
      const recordKey = scopedRecordKey(callerUuid, key);
      expect((await kv.get(recordKey))?.operation).toBe('PUT');
      await kv.delete(recordKey);
    } finally {
      await nc.close();
    }
  };

  it('each create: the same key and body again gives the first object and adds nothing, also when the gateway forgot the answer; another body → 422', async () => {
    const derived = Object.entries(table).filter((e): e is [string, DerivedCreate] => e[1].kind === 'derived');
    expect(derived.length).toBeGreaterThanOrEqual(25);
    for (const [operation, create] of derived) {
      const identity = create.identity ?? ((body: Json) => body.uuid);
      const { path, body } = await create.request();
      const headers = { 'idempotency-key': randomUUID() };
      const before = await create.count(path);
      const first = await admin.post<Json>(path, body, headers);
      expect([operation, first.status < 300, first.body]).toEqual([operation, true, first.body]);
      expect([operation, identity(first.body)]).toEqual([operation, expect.any(String)]);
      expect([operation, await create.count(path)]).toEqual([operation, before + 1]);
      // the gateway's kept answer
      const replay = await admin.post<Json>(path, body, headers);
      expect([operation, replay.status, identity(replay.body), replay.headers.get('idempotent-replayed')]).toEqual([
        operation,
        first.status,
        identity(first.body),
        'true',
      ]);
      const other = await admin.post<Json>(path, { ...body, anotherRequest: true }, headers);
      expect([operation, other.status]).toEqual([operation, 422]);
      // the service's own recognition: what the gateway kept is gone
      await forgetKeptAnswer(headers['idempotency-key']);
      const retry = await admin.post<Json>(path, body, headers);
      expect([operation, retry.status, identity(retry.body), retry.headers.get('idempotent-replayed')]).toEqual([
        operation,
        first.status,
        identity(first.body),
        null,
      ]);
      expect([operation, await create.count(path)]).toEqual([operation, before + 1]);
    }
  });
});
