import { randomUUID } from 'node:crypto';
import { connect, type NatsConnection } from 'nats';
import { EventPublisher, natsConnectionOptions } from '@kitos/messaging';
import { GdprEvents, type EventDefinition } from '@kitos/contracts';
import { eventually, resetJetStream } from '@kitos/testing';
import { defaultOptionUuid } from '../../services/catalog/src/options/option-ids';
import { adminToken, bearer, createOrganization, createUser, sessionOf } from '../support/identity';
import { http, startSystem, type HttpResult, type RunningSystem } from '../support/system';

type Pair = { uuid: string; name: string | null };
type Totals = { acquisitionØre: number; operationØre: number; otherØre: number; totalØre: number };
type Contract = {
  uuid: string;
  name: string;
  version: number;
  organizationContext: Pair;
  parentContract: Pair | null;
  general: Record<string, unknown> & { agreementElements: Pair[]; validity: Record<string, unknown> };
  procurement: Record<string, unknown>;
  supplier: { organization: (Pair & { cvr: string | null }) | null; signed: boolean; signedBy: string | null; signedAt: string | null };
  responsible: { organizationUnit: Pair | null; signed: boolean; signedBy: string | null; signedAt: string | null };
  systemUsages: Pair[];
  dataProcessingRegistrations: Pair[];
  paymentModel: Record<string, unknown>;
  agreementPeriod: Record<string, unknown>;
  termination: { terminatedAt: string | null; terms: Record<string, unknown> };
  payments: { internal: Array<Record<string, unknown> & { uuid: string }>; external: Array<Record<string, unknown> & { uuid: string }> };
  roles: Array<{ role: Pair; user: Pair }>;
  externalReferences: Array<{ uuid: string; title: string }>;
  validity: { valid: boolean; enforcedValid: boolean; validationErrors: string[] };
  deadlines: Record<string, string | null>;
  economy: { internal: Totals; external: Totals; total: Totals; byYear: Array<Totals & { year: number | null }> };
};
type Problem = { status: number; errors?: Array<{ field: string; message: string }>; existingUuid?: string };
type Envelope = {
  type: string;
  organizationUuid: string;
  aggregate: { type: string; uuid: string; version: number };
  data: Record<string, unknown>;
};

const BASE = '/api/v2/it-contracts';

describe('IT contracts through the gateway (identity, catalog and contracts running)', () => {
  let system: RunningSystem;
  let api: ReturnType<typeof http>;
  let admin: string;
  let org: string;
  let otherOrg: string;
  let supplierOrg: string;
  let la: string;
  let cma: string;
  let plainUser: { uuid: string; token: string };
  let otherLa: string;
  let bothLa: string;
  let units: string[];
  let otherUnit: string;
  let nc: NatsConnection;
  const options = new Map<string, Map<string, string>>();

  const put = async <T = Contract>(
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

  /** The uuid of a default option value (seeded by the catalogue) by its name. */
  const option = async (kind: string, name: string): Promise<string> => {
    // the catalogue seeds its default values while starting: ask again until they are there
    return eventually(async () => {
      if (!options.get(kind)?.has(name)) {
        const listed = await api.get<Array<{ uuid: string; name: string }>>(`/api/v2/${kind}?organizationUuid=${org}`, bearer(admin));
        expect(listed.status).toBe(200);
        options.set(kind, new Map(listed.body.map((o) => [o.name, o.uuid])));
      }
      const uuid = options.get(kind)!.get(name);
      if (!uuid) throw new Error(`no option ${name} of ${kind}`);
      return uuid;
    });
  };

  const createContract = async (fields: Record<string, unknown> = {}, token = la): Promise<Contract> => {
    const created = await api.post<Contract>(
      BASE,
      { organizationUuid: org, name: `Kontrakt ${randomUUID().slice(0, 8)}`, ...fields },
      bearer(token),
    );
    if (created.status !== 201) throw new Error(`creating a contract answered ${created.status}: ${JSON.stringify(created.body)}`);
    return created.body;
  };

  const createUnit = async (organizationUuid: string, name: string): Promise<string> => {
    const base = `/api/v2/organizations/${organizationUuid}/organization-units`;
    const [root] = (await api.get<Array<{ uuid: string }>>(base, bearer(admin))).body;
    const created = await api.post<{ uuid: string }>(base, { name, parentUuid: root.uuid }, bearer(admin));
    if (created.status !== 201) throw new Error(`creating a unit answered ${created.status}: ${JSON.stringify(created.body)}`);
    return created.body.uuid;
  };

  const createUsage = async (
    organizationUuid: string,
    token = admin,
  ): Promise<{ uuid: string; systemUuid: string; systemName: string }> => {
    const systemName = `System ${randomUUID().slice(0, 8)}`;
    const system_ = await api.post<{ uuid: string }>('/api/v2/it-systems', { organizationUuid, name: systemName }, bearer(admin));
    expect(system_.status).toBe(201);
    const usage = await api.post<{ uuid: string }>(
      '/api/v2/it-system-usages',
      { organizationUuid, systemUuid: system_.body.uuid },
      bearer(token),
    );
    expect(usage.status).toBe(201);
    return { uuid: usage.body.uuid, systemUuid: system_.body.uuid, systemName };
  };

  const lastEvent = async (subject: string): Promise<Envelope> => {
    const jsm = await nc.jetstreamManager();
    const message = await jsm.streams.getMessage('CONTRACTS', { last_by_subj: subject });
    return JSON.parse(new TextDecoder().decode(message.data)) as Envelope;
  };

  /**
   * Publishes a data processing registration event exactly as the gdpr service will (its contract is fixed in
   * `libs/contracts/src/events/gdpr.events.ts`; the gdpr service is built at the same time and is not started here):
   * through the bus's EventPublisher onto the stream GDPR, where the contracts service's durable consumer reads it.
   */
  const publishGdprEvent = async <T extends object>(
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
        aggregate: { type: 'data-processing-registration', uuid, version },
        data,
      });
  };

  const registration = (uuid: string, organizationUuid: string, name: string) => ({
    uuid,
    organizationUuid,
    name,
    systemUsageUuids: [],
    mainContractUuid: null,
    agreementConcluded: null,
    dataProcessorUuids: [],
    nextOversightDate: null,
    responsibleOrganizationUnitUuid: null,
    lastModified: new Date().toISOString(),
  });

  beforeAll(async () => {
    await resetJetStream();
    system = await startSystem({ services: ['identity', 'catalog', 'contracts'] });
    api = http(system.gatewayUrl);
    admin = await adminToken(api);
    org = await createOrganization(api, admin, { name: `Vejle ${randomUUID().slice(0, 6)}` });
    otherOrg = await createOrganization(api, admin);
    supplierOrg = await createOrganization(api, admin, {
      name: `Leverandør ${randomUUID().slice(0, 6)}`,
      organizationType: 'Company',
      cvr: '29189846',
    });
    la = await sessionOf(api, await createUser(api, admin, [{ organizationUuid: org, role: 'LocalAdmin' }]));
    cma = await sessionOf(api, await createUser(api, admin, [{ organizationUuid: org, role: 'ContractModuleAdmin' }]));
    const user = await createUser(api, admin, [{ organizationUuid: org, role: 'User' }]);
    plainUser = { uuid: user.uuid, token: await sessionOf(api, user) };
    otherLa = await sessionOf(api, await createUser(api, admin, [{ organizationUuid: otherOrg, role: 'LocalAdmin' }]));
    bothLa = await sessionOf(
      api,
      await createUser(api, admin, [
        { organizationUuid: org, role: 'LocalAdmin' },
        { organizationUuid: otherOrg, role: 'LocalAdmin' },
      ]),
    );
    units = [await createUnit(org, 'Digitalisering'), await createUnit(org, 'Jobcenter')];
    otherUnit = await createUnit(otherOrg, 'Fremmed enhed');
    nc = await connect(natsConnectionOptions(system.env.NATS_URL as string));
  }); // the configured timeout (jest.config.js): more than the 150 s a system may take to get ready

  afterAll(async () => {
    await nc?.close();
    await system?.close();
  });

  it('registers a contract with every section, reads, lists, patches (If-Match), replaces and deletes it', async () => {
    const usage = await createUsage(org);
    const body = {
      organizationUuid: org,
      name: 'Driftsaftale ESDH',
      general: {
        contractId: 'KTR-2023-014',
        contractTypeUuid: await option('it-contract-contract-types', 'Hovedkontrakt'),
        contractTemplateUuid: await option('it-contract-contract-template-types', 'K04'),
        agreementElementUuids: [
          await option('it-contract-agreement-element-types', 'Drift'),
          await option('it-contract-agreement-element-types', 'Support'),
        ],
        notes: 'Rammeaftale via SKI 02.19',
        criticalityUuid: await option('it-contract-criticality-types', 'Høj'),
        validity: { validFrom: '2023-01-01', validTo: '2099-12-31', enforcedValid: false, requireValidParent: false },
      },
      procurement: {
        purchaseTypeUuid: await option('it-contract-purchase-types', 'Rammeaftale (SKI)'),
        procurementStrategyUuid: await option('it-contract-procurement-strategy-types', 'Genudbud'),
        procurementPlan: { quarterOfYear: 3, year: 2027 },
        procurementInitiated: 'No',
      },
      supplier: { organizationUuid: supplierOrg, signed: true, signedBy: 'Lars Leverandør', signedAt: '2022-12-15' },
      responsible: { organizationUnitUuid: units[0], signed: true, signedBy: 'Mette Hansen', signedAt: '2022-12-16T23:30:00Z' },
      systemUsageUuids: [usage.uuid],
      paymentModel: {
        operationsRemunerationStartedAt: '2023-04-01',
        paymentFrequencyUuid: await option('it-contract-payment-frequency-types', 'Kvartalsvis'),
        paymentModelUuid: await option('it-contract-payment-model-types', 'Abonnement'),
        priceRegulationUuid: await option('it-contract-price-regulation-types', 'Nettoprisindeks'),
      },
      agreementPeriod: {
        durationYears: 4,
        durationMonths: 0,
        extensionOptionsUuid: await option('it-contract-agreement-extension-option-types', '2 x 1 år'),
        extensionOptionsUsed: 1,
        irrevocableUntil: '2024-12-31',
      },
      termination: {
        terms: { noticePeriodMonthsUuid: await option('it-contract-notice-period-month-types', '6'), noticeByEndOf: 'Quarter' },
      },
      payments: {
        internal: [
          {
            organizationUnitUuid: units[0],
            acquisitionØre: 0,
            operationØre: 2_500_000,
            accountingEntry: '6.45.51.1-02',
            auditStatus: 'Green',
            auditDate: '2024-02-15',
          },
        ],
        external: [{ organizationUnitUuid: units[1], acquisitionØre: 12_500_000, operationØre: 4_800_000, otherØre: 99, note: 'Licens' }],
      },
      externalReferences: [{ title: 'Kontrakt i ESDH', url: 'https://esdh.example/sag/1', masterReference: true }],
    };
    const created = await api.post<Contract>(BASE, body, bearer(la));
    expect(created.status).toBe(201);
    expect(created.headers.get('etag')).toBe('"1"');
    const uuid = created.body.uuid;
    expect(created.headers.get('location')).toBe(`${BASE}/${uuid}`);
    expect(created.body).toMatchObject({
      name: 'Driftsaftale ESDH',
      version: 1,
      organizationContext: { uuid: org },
      parentContract: null,
      general: {
        contractId: 'KTR-2023-014',
        contractType: { name: 'Hovedkontrakt' },
        contractTemplate: { name: 'K04' },
        agreementElements: [{ name: 'Drift' }, { name: 'Support' }],
        criticality: { name: 'Høj' },
        validity: { validFrom: '2023-01-01', validTo: '2099-12-31', valid: true, validationErrors: [], requireValidParent: false },
      },
      procurement: {
        purchaseType: { name: 'Rammeaftale (SKI)' },
        procurementPlan: { quarterOfYear: 3, year: 2027 },
        procurementInitiated: 'No',
      },
      supplier: { organization: { uuid: supplierOrg, cvr: '29189846' }, signed: true, signedBy: 'Lars Leverandør', signedAt: '2022-12-15' },
      responsible: { organizationUnit: { uuid: units[0], name: 'Digitalisering' }, signedAt: '2022-12-17' },
      systemUsages: [{ uuid: usage.uuid, name: usage.systemName }],
      paymentModel: { operationsRemunerationStartedAt: '2023-04-01', paymentModel: { name: 'Abonnement' } },
      agreementPeriod: { durationYears: 4, isContinuous: false, extensionOptions: { name: '2 x 1 år' }, extensionOptionsUsed: 1 },
      termination: { terminatedAt: null, terms: { noticePeriodMonths: { name: '6' }, noticeByEndOf: 'EndOfQuarter' } },
      validity: { valid: true, enforcedValid: false, validationErrors: [] },
      externalReferences: [{ title: 'Kontrakt i ESDH' }],
    });
    expect(created.body.payments.internal[0]).toMatchObject({
      organizationUnit: { name: 'Digitalisering' },
      operationØre: 2_500_000,
      auditStatus: 'Green',
    });
    expect(created.body.economy.total).toEqual({ acquisitionØre: 12_500_000, operationØre: 7_300_000, otherØre: 99, totalØre: 19_800_099 });
    expect(created.body.economy.byYear).toEqual([
      { year: 2023, acquisitionØre: 12_500_000, operationØre: 4_800_000, otherØre: 99, totalØre: 17_300_099 },
      { year: 2024, acquisitionØre: 0, operationØre: 2_500_000, otherØre: 0, totalØre: 2_500_000 },
    ]);
    // validTo 2099: the current period ends then, and the second option is still left
    expect(created.body.deadlines).toMatchObject({ nextExtensionOptionDate: '2099-12-31', terminationEffectiveDate: null });
    expect(created.body.deadlines.endIfNoticeToday).toMatch(/-(03-31|06-30|09-30|12-31)$/);
    expect(created.body.deadlines.noticeDeadline! < created.body.deadlines.endIfNoticeToday!).toBe(true);

    const read = await api.get<Contract>(`${BASE}/${uuid}`, bearer(plainUser.token));
    expect(read.status).toBe(200);
    expect(read.headers.get('etag')).toBe('"1"');
    expect(read.body).toEqual(created.body);
    expect(
      (await api.get<Contract[]>(`${BASE}?organizationUuid=${org}&nameEquals=driftsaftale esdh`, bearer(plainUser.token))).body.map(
        (c) => c.uuid,
      ),
    ).toEqual([uuid]);

    // PATCH replaces the sections sent, keeps the others; a payment keeps its uuid
    const kept = created.body.payments.internal[0].uuid;
    const patched = await api.patch<Contract>(
      `${BASE}/${uuid}`,
      {
        general: { contractId: 'KTR-2', validity: { validFrom: '2023-01-01' } },
        payments: { internal: [{ uuid: kept, organizationUnitUuid: units[0], operationØre: 1 }] },
      },
      { ...bearer(cma), 'if-match': '"1"' },
    );
    expect(patched.status).toBe(200);
    expect(patched.headers.get('etag')).toBe('"2"');
    expect(patched.body.general).toMatchObject({ contractId: 'KTR-2', contractType: null, agreementElements: [] });
    expect(patched.body.payments).toMatchObject({ internal: [{ uuid: kept, operationØre: 1 }], external: [] });
    expect(patched.body.supplier.organization?.uuid).toBe(supplierOrg);
    // a stale If-Match → 412; an unchanged PATCH writes nothing
    expectProblem(await api.patch(`${BASE}/${uuid}`, { name: 'Ny' }, { ...bearer(la), 'if-match': '"1"' }), 412);
    expect(
      (
        await api.patch<Contract>(
          `${BASE}/${uuid}`,
          { general: patched.body.general ? { contractId: 'KTR-2', validity: { validFrom: '2023-01-01' } } : {} },
          bearer(la),
        )
      ).body.version,
    ).toBe(2);

    // PUT: every part not sent is reset; the name is required
    expectProblem(await put(`${BASE}/${uuid}`, { general: { notes: 'x' } }, la), 400, 'name');
    const replaced = await put(`${BASE}/${uuid}`, { name: 'Driftsaftale ESDH', general: { notes: 'Kun noter' } }, la);
    expect(replaced.status).toBe(200);
    expect(replaced.body).toMatchObject({
      version: 3,
      general: { notes: 'Kun noter', contractId: null },
      supplier: { organization: null, signed: false },
      systemUsages: [],
      payments: { internal: [], external: [] },
      externalReferences: [],
    });

    expect((await api.delete(`${BASE}/${uuid}`, bearer(la))).status).toBe(204);
    expect((await api.get(`${BASE}/${uuid}`, bearer(la))).status).toBe(404);
    // the name is free again
    await createContract({ name: 'Driftsaftale ESDH' });
  });

  describe('names', () => {
    it('are unique per organisation, case and spacing ignored (409); another organisation may use the same', async () => {
      const first = await createContract({ name: 'Licens  Office 365' });
      const second = await api.post<Problem>(BASE, { organizationUuid: org, name: 'licens office 365' }, bearer(la));
      expectProblem(second, 409);
      expect(second.body.existingUuid).toBe(first.uuid);
      expect((await api.post(BASE, { organizationUuid: otherOrg, name: 'Licens Office 365' }, bearer(otherLa))).status).toBe(201);
      const other = await createContract();
      expectProblem(await api.patch(`${BASE}/${other.uuid}`, { name: 'LICENS OFFICE 365' }, bearer(la)), 409);
    });

    it('are required, at most 200 characters', async () => {
      expectProblem(await api.post(BASE, { organizationUuid: org }, bearer(la)), 400, 'name');
      expectProblem(await api.post(BASE, { organizationUuid: org, name: 'x'.repeat(201) }, bearer(la)), 400, 'name');
      const contract = await createContract();
      expectProblem(await api.patch(`${BASE}/${contract.uuid}`, { name: null }, bearer(la)), 400, 'name');
    });
  });

  describe('parent contract', () => {
    it('is shown and must exist (404), be readable (403) and be of the same organisation (400)', async () => {
      const parent = await createContract();
      const child = await createContract({ parentContractUuid: parent.uuid });
      expect(child.parentContract).toEqual({ uuid: parent.uuid, name: parent.name });
      expectProblem(
        await api.post(BASE, { organizationUuid: org, name: `K ${randomUUID()}`, parentContractUuid: randomUUID() }, bearer(la)),
        404,
      );
      const foreign = await api.post<Contract>(BASE, { organizationUuid: otherOrg, name: `Fremmed ${randomUUID()}` }, bearer(otherLa));
      expectProblem(await api.patch(`${BASE}/${child.uuid}`, { parentContractUuid: foreign.body.uuid }, bearer(la)), 403);
      // readable (member of both organisations) but of another organisation → 400
      expectProblem(
        await api.patch(`${BASE}/${child.uuid}`, { parentContractUuid: foreign.body.uuid }, bearer(bothLa)),
        400,
        'parentContractUuid',
      );
    });

    it('cannot be the contract itself or one of its sub-contracts (400)', async () => {
      const top = await createContract();
      const child = await createContract({ parentContractUuid: top.uuid });
      const grandchild = await createContract({ parentContractUuid: child.uuid });
      expectProblem(await api.patch(`${BASE}/${top.uuid}`, { parentContractUuid: top.uuid }, bearer(la)), 400, 'parentContractUuid');
      expectProblem(await api.patch(`${BASE}/${top.uuid}`, { parentContractUuid: child.uuid }, bearer(la)), 400, 'parentContractUuid');
      expectProblem(await api.patch(`${BASE}/${top.uuid}`, { parentContractUuid: grandchild.uuid }, bearer(la)), 400, 'parentContractUuid');
    });

    it('moves several contracts to a new parent (transfer), refusing cycles (400), unknown (404) and unreadable ones (403)', async () => {
      const newParent = await createContract();
      const a = await createContract();
      const b = await createContract();
      const moved = await api.post<Contract[]>(
        `${BASE}/transfer`,
        { contractUuids: [a.uuid, b.uuid], parentUuid: newParent.uuid },
        bearer(la),
      );
      expect(moved.status).toBe(200);
      expect(moved.body.map((c) => [c.uuid, c.parentContract?.uuid])).toEqual([
        [a.uuid, newParent.uuid],
        [b.uuid, newParent.uuid],
      ]);
      expect((await api.get<Contract>(`${BASE}/${a.uuid}`, bearer(la))).body.version).toBe(2);
      expectProblem(
        await api.post(`${BASE}/transfer`, { contractUuids: [newParent.uuid], parentUuid: a.uuid }, bearer(la)),
        400,
        'parentUuid',
      );
      expectProblem(
        await api.post(`${BASE}/transfer`, { contractUuids: [a.uuid, a.uuid], parentUuid: null }, bearer(la)),
        400,
        'contractUuids[1]',
      );
      expectProblem(await api.post(`${BASE}/transfer`, { contractUuids: [randomUUID()], parentUuid: null }, bearer(la)), 404);
      expectProblem(await api.post(`${BASE}/transfer`, { contractUuids: [a.uuid], parentUuid: randomUUID() }, bearer(la)), 404);
      const foreign = await api.post<Contract>(BASE, { organizationUuid: otherOrg, name: `Fremmed ${randomUUID()}` }, bearer(otherLa));
      expectProblem(await api.post(`${BASE}/transfer`, { contractUuids: [foreign.body.uuid], parentUuid: null }, bearer(la)), 403);
      expectProblem(await api.post(`${BASE}/transfer`, { contractUuids: [a.uuid], parentUuid: null }, bearer(plainUser.token)), 403);
      const toTop = await api.post<Contract[]>(`${BASE}/transfer`, { contractUuids: [a.uuid] }, bearer(la));
      expect(toTop.body[0].parentContract).toBeNull();
    });

    it('deleting a parent keeps its sub-contracts at the top; delete-with-children removes the whole subtree', async () => {
      const parent = await createContract();
      const child = await createContract({ parentContractUuid: parent.uuid });
      expect((await api.delete(`${BASE}/${parent.uuid}`, bearer(la))).status).toBe(204);
      const orphan = await api.get<Contract>(`${BASE}/${child.uuid}`, bearer(la));
      expect(orphan.body).toMatchObject({ parentContract: null, version: 2 });

      const top = await createContract();
      const mid = await createContract({ parentContractUuid: top.uuid });
      const leaf = await createContract({ parentContractUuid: mid.uuid });
      const bystander = await createContract();
      expectProblem(await api.delete(`${BASE}/${top.uuid}/delete-with-children`, bearer(plainUser.token)), 403);
      expect((await api.delete(`${BASE}/${top.uuid}/delete-with-children`, bearer(la))).status).toBe(204);
      for (const gone of [top, mid, leaf]) expect((await api.get(`${BASE}/${gone.uuid}`, bearer(la))).status).toBe(404);
      expect((await api.get(`${BASE}/${bystander.uuid}`, bearer(la))).status).toBe(200);
    });
  });

  describe('validation of the sections (400 naming the field)', () => {
    it.each<[string, () => Promise<Record<string, unknown>>, string]>([
      [
        'a repeated agreement element',
        async () => {
          const e = await option('it-contract-agreement-element-types', 'Licens');
          return { general: { agreementElementUuids: [e, e] } };
        },
        'general.agreementElementUuids[1]',
      ],
      ['an unknown option', async () => ({ general: { contractTypeUuid: randomUUID() } }), 'general.contractTypeUuid'],
      [
        'an option of another kind',
        async () => ({ general: { contractTypeUuid: await option('it-contract-criticality-types', 'Lav') } }),
        'general.contractTypeUuid',
      ],
      [
        'an option not activated in the organisation (D30 is not obligatory)',
        async () => ({ general: { contractTemplateUuid: defaultOptionUuid('it-contract-contract-template-types', 'D30') } }),
        'general.contractTemplateUuid',
      ],
      [
        'validTo before validFrom',
        async () => ({ general: { validity: { validFrom: '2024-01-02', validTo: '2024-01-01' } } }),
        'general.validity.validTo',
      ],
      [
        'a procurement plan in quarter 5',
        async () => ({ procurement: { procurementPlan: { quarterOfYear: 5, year: 2027 } } }),
        'procurement.procurementPlan.quarterOfYear',
      ],
      [
        'procurementInitiated not Yes/No/Undecided',
        async () => ({ procurement: { procurementInitiated: 'Maybe' } }),
        'procurement.procurementInitiated',
      ],
      ['an unknown supplier', async () => ({ supplier: { organizationUuid: randomUUID() } }), 'supplier.organizationUuid'],
      [
        'a responsible unit of another organisation',
        async () => ({ responsible: { organizationUnitUuid: otherUnit } }),
        'responsible.organizationUnitUuid',
      ],
      ['a usage of another organisation', async () => ({ systemUsageUuids: [(await createUsage(otherOrg)).uuid] }), 'systemUsageUuids[0]'],
      ['an unknown usage', async () => ({ systemUsageUuids: [randomUUID()] }), 'systemUsageUuids[0]'],
      [
        'a repeated usage',
        async () => {
          const u = (await createUsage(org)).uuid;
          return { systemUsageUuids: [u, u] };
        },
        'systemUsageUuids[1]',
      ],
      [
        'an unknown data processing registration',
        async () => ({ dataProcessingRegistrationUuids: [randomUUID()] }),
        'dataProcessingRegistrationUuids[0]',
      ],
      [
        'a duration on an ongoing agreement',
        async () => ({ agreementPeriod: { isContinuous: true, durationYears: 2 } }),
        'agreementPeriod.isContinuous',
      ],
      ['13 duration months', async () => ({ agreementPeriod: { durationMonths: 12 } }), 'agreementPeriod.durationMonths'],
      [
        'more options used than the agreement has',
        async () => ({
          agreementPeriod: {
            extensionOptionsUuid: await option('it-contract-agreement-extension-option-types', '1 x 1 år'),
            extensionOptionsUsed: 2,
          },
        }),
        'agreementPeriod.extensionOptionsUsed',
      ],
      [
        'noticeByEndOf not a period',
        async () => ({ termination: { terms: { noticeByEndOf: 'Week' } } }),
        'termination.terms.noticeByEndOf',
      ],
      [
        'a negative amount',
        async () => ({ payments: { internal: [{ organizationUnitUuid: units[0], acquisitionØre: -1 }] } }),
        'payments.internal[0].acquisitionØre',
      ],
      [
        'a fractional amount (øre are integers)',
        async () => ({ payments: { external: [{ organizationUnitUuid: units[0], operationØre: 10.5 }] } }),
        'payments.external[0].operationØre',
      ],
      [
        'a paying unit of another organisation',
        async () => ({ payments: { external: [{ organizationUnitUuid: otherUnit }] } }),
        'payments.external[0].organizationUnitUuid',
      ],
      [
        'an audit status not a traffic light',
        async () => ({ payments: { internal: [{ organizationUnitUuid: units[0], auditStatus: 'Blue' }] } }),
        'payments.internal[0].auditStatus',
      ],
      [
        'a payment uuid the contract does not have',
        async () => ({ payments: { internal: [{ uuid: randomUUID(), organizationUnitUuid: units[0] }] } }),
        'payments.internal[0].uuid',
      ],
      [
        'a user who is not a member',
        async () => {
          const role = await api.post<{ uuid: string }>(
            '/api/v2/role-types',
            { objectType: 'ItContract', name: `Rolle ${randomUUID().slice(0, 6)}` },
            bearer(admin),
          );
          const stranger = await createUser(api, admin, [{ organizationUuid: otherOrg, role: 'User' }]);
          return { roles: [{ roleUuid: role.body.uuid, userUuid: stranger.uuid }] };
        },
        'roles[0].userUuid',
      ],
      [
        'a role type for usages, not contracts',
        async () => {
          const role = await api.post<{ uuid: string }>(
            '/api/v2/role-types',
            { objectType: 'ItSystemUsage', name: `Rolle ${randomUUID().slice(0, 6)}` },
            bearer(admin),
          );
          return { roles: [{ roleUuid: role.body.uuid, userUuid: plainUser.uuid }] };
        },
        'roles[0].roleUuid',
      ],
      [
        'two master references',
        async () => ({
          externalReferences: [
            { title: 'a', masterReference: true },
            { title: 'b', masterReference: true },
          ],
        }),
        'externalReferences',
      ],
      ['an unknown property', async () => ({ general: { colour: 'red' } }), 'general.colour'],
    ])('%s', async (_, body, field) => {
      expectProblem(await api.post(BASE, { organizationUuid: org, name: `K ${randomUUID()}`, ...(await body()) }, bearer(la)), 400, field);
    });

    it('reports every problem of a write together', async () => {
      const result = await api.post<Problem>(
        BASE,
        {
          organizationUuid: org,
          name: `K ${randomUUID()}`,
          supplier: { organizationUuid: randomUUID() },
          responsible: { organizationUnitUuid: otherUnit },
        },
        bearer(la),
      );
      expectProblem(result, 400);
      expect(result.body.errors?.map((e) => e.field).sort()).toEqual(['responsible.organizationUnitUuid', 'supplier.organizationUuid']);
    });

    it('an unknown organisation → 400; an empty-GUID path → 400', async () => {
      expectProblem(await api.post(BASE, { organizationUuid: randomUUID(), name: 'X' }, bearer(admin)), 400, 'organizationUuid');
      expectProblem(await api.get(`${BASE}/00000000-0000-0000-0000-000000000000`, bearer(la)), 400);
    });
  });

  describe('access', () => {
    it('members read; only administrators of the organisation create, change and delete (403); others get 403', async () => {
      const contract = await createContract({}, cma);
      expect((await api.get(`${BASE}/${contract.uuid}`, bearer(plainUser.token))).status).toBe(200);
      expectProblem(await api.post(BASE, { organizationUuid: org, name: `K ${randomUUID()}` }, bearer(plainUser.token)), 403);
      expectProblem(await api.patch(`${BASE}/${contract.uuid}`, { general: { notes: 'x' } }, bearer(plainUser.token)), 403);
      expectProblem(await api.delete(`${BASE}/${contract.uuid}`, bearer(plainUser.token)), 403);
      expectProblem(await api.get(`${BASE}/${contract.uuid}`, bearer(otherLa)), 403);
      expectProblem(await api.post(BASE, { organizationUuid: org, name: `K ${randomUUID()}` }, bearer(otherLa)), 403);
      expectProblem(await api.patch(`${BASE}/${contract.uuid}`, { general: { notes: 'x' } }, bearer(otherLa)), 403);
      expect((await api.get<Contract[]>(`${BASE}?organizationUuid=${org}`, bearer(otherLa))).body).toEqual([]);
      expect((await api.get(BASE)).status).toBe(401);
      expectProblem(await api.get(`${BASE}/${randomUUID()}`, bearer(la)), 404);
    });

    it('a member holding a contract role with write access may change that contract', async () => {
      const role = await api.post<{ uuid: string; name: string }>(
        '/api/v2/role-types',
        { objectType: 'ItContract', name: `Kontraktejer ${randomUUID().slice(0, 6)}`, hasWriteAccess: true },
        bearer(admin),
      );
      expect(role.status).toBe(201);
      const contract = await createContract({ roles: [{ roleUuid: role.body.uuid, userUuid: plainUser.uuid }] });
      expect(contract.roles).toEqual([
        { role: { uuid: role.body.uuid, name: role.body.name }, user: { uuid: plainUser.uuid, name: expect.any(String) } },
      ]);
      const changed = await api.patch<Contract>(
        `${BASE}/${contract.uuid}`,
        { general: { notes: 'Ændret af kontraktejer' } },
        bearer(plainUser.token),
      );
      expect(changed.status).toBe(200);
      const other = await createContract();
      expectProblem(await api.patch(`${BASE}/${other.uuid}`, { general: { notes: 'x' } }, bearer(plainUser.token)), 403);
    });
  });

  describe('filters', () => {
    it('KITOS filters: usage, system, supplier, responsible unit, name, changedSinceGtEq, ordering and paging', async () => {
      const usage = await createUsage(org);
      const marker = randomUUID().slice(0, 8);
      const a = await createContract({
        name: `Filter ${marker} B`,
        systemUsageUuids: [usage.uuid],
        supplier: { organizationUuid: supplierOrg },
      });
      const b = await createContract({ name: `Filter ${marker} A`, responsible: { organizationUnitUuid: units[1] } });
      const uuids = async (query: string) =>
        (await api.get<Contract[]>(`${BASE}?organizationUuid=${org}&${query}`, bearer(la))).body.map((c) => c.uuid);
      expect(await uuids(`systemUsageUuid=${usage.uuid}`)).toEqual([a.uuid]);
      expect(await uuids(`systemUuid=${usage.systemUuid}`)).toEqual([a.uuid]);
      expect(await uuids(`supplierUuid=${supplierOrg}&nameContent=${marker}`)).toEqual([a.uuid]);
      expect(await uuids(`responsibleOrgUnitUuid=${units[1]}&nameContent=${marker}`)).toEqual([b.uuid]);
      expect(await uuids(`nameContent=${marker.toUpperCase()}&orderByProperty=Name`)).toEqual([b.uuid, a.uuid]);
      expect(await uuids(`nameContent=${marker}&orderByProperty=Name&pageSize=1&page=1`)).toEqual([a.uuid]);
      const since = new Date().toISOString();
      await api.patch(`${BASE}/${b.uuid}`, { general: { notes: 'nyt' } }, bearer(la));
      expect(await uuids(`changedSinceGtEq=${since}&nameContent=${marker}`)).toEqual([b.uuid]);
      expectProblem(await api.get(`${BASE}?pageSize=251`, bearer(la)), 400, 'pageSize');
      expectProblem(await api.get(`${BASE}?supplierUuid=00000000-0000-0000-0000-000000000000`, bearer(la)), 400, 'supplierUuid');
    });
  });

  describe('validity and deadlines', () => {
    it('shows the reasons and inherits from a parent that must be valid; force valid overrides', async () => {
      const ended = await createContract({ general: { validity: { validFrom: '2019-01-01', validTo: '2020-12-31' } } });
      expect(ended.validity).toEqual({ valid: false, enforcedValid: false, validationErrors: ['EndDatePassed'] });
      const future = await createContract({ general: { validity: { validFrom: '2999-01-01' } } });
      expect(future.validity.validationErrors).toEqual(['StartDateNotPassed']);
      const inheriting = await createContract({ parentContractUuid: ended.uuid, general: { validity: { requireValidParent: true } } });
      expect(inheriting.validity).toMatchObject({ valid: false, validationErrors: ['InvalidParentContract'] });
      const independent = await createContract({ parentContractUuid: ended.uuid });
      expect(independent.validity.valid).toBe(true);
      const forced = await api.patch<Contract>(
        `${BASE}/${ended.uuid}`,
        { general: { validity: { validFrom: '2019-01-01', validTo: '2020-12-31', enforcedValid: true } } },
        bearer(la),
      );
      expect(forced.body.validity).toEqual({ valid: true, enforcedValid: true, validationErrors: ['EndDatePassed'] });
      expect((await api.get<Contract>(`${BASE}/${inheriting.uuid}`, bearer(la))).body.validity.valid).toBe(true);
      const terminated = await createContract({
        termination: {
          terminatedAt: '2020-01-15',
          terms: { noticePeriodMonthsUuid: await option('it-contract-notice-period-month-types', '3') },
        },
      });
      expect(terminated.validity.validationErrors).toEqual(['TerminationPeriodExceeded']);
      expect(terminated.deadlines).toMatchObject({ terminationEffectiveDate: '2020-04-15', noticeDeadline: null });
    });

    it('derives the notice deadline from irrevocability, notice period and end of year', async () => {
      const contract = await createContract({
        agreementPeriod: { isContinuous: true, irrevocableUntil: '2998-12-31' },
        termination: {
          terms: { noticePeriodMonthsUuid: await option('it-contract-notice-period-month-types', '6'), noticeByEndOf: 'EndOfCalendarYear' },
        },
      });
      expect(contract.deadlines).toEqual({
        noticeDeadline: '2998-06-30',
        endIfNoticeToday: '2998-12-31',
        irrevocableUntil: '2998-12-31',
        nextExtensionOptionDate: null,
        terminationEffectiveDate: null,
      });
    });
  });

  describe('economy of the organisation', () => {
    it('sums every contract by year, contract and unit, in øre; members only', async () => {
      const economyOrg = await createOrganization(api, admin);
      const unit = await createUnit(economyOrg, 'Økonomi');
      const token = await sessionOf(api, await createUser(api, admin, [{ organizationUuid: economyOrg, role: 'ContractModuleAdmin' }]));
      const make = (name: string, payments: unknown, operationsStart: string | null) =>
        api.post<Contract>(
          BASE,
          { organizationUuid: economyOrg, name, payments, paymentModel: { operationsRemunerationStartedAt: operationsStart } },
          bearer(token),
        );
      expect(
        (await make('B-aftale', { internal: [{ organizationUnitUuid: unit, operationØre: 100, auditDate: '2024-03-01' }] }, null)).status,
      ).toBe(201);
      expect(
        (await make('A-aftale', { external: [{ organizationUnitUuid: unit, acquisitionØre: 1000, otherØre: 1 }] }, '2023-04-01')).status,
      ).toBe(201);
      const all = await api.get<Record<string, unknown>>(`/api/v2/organizations/${economyOrg}/contract-economy`, bearer(token));
      expect(all.status).toBe(200);
      expect(all.body).toMatchObject({
        year: null,
        internal: { operationØre: 100, totalØre: 100 },
        external: { acquisitionØre: 1000, otherØre: 1, totalØre: 1001 },
        total: { totalØre: 1101 },
        byYear: [
          { year: 2023, totalØre: 1001 },
          { year: 2024, totalØre: 100 },
        ],
        contracts: [
          { contract: { name: 'A-aftale' }, totalØre: 1001 },
          { contract: { name: 'B-aftale' }, totalØre: 100 },
        ],
        organizationUnits: [{ organizationUnit: { uuid: unit, name: 'Økonomi' }, totalØre: 1101 }],
      });
      const year = await api.get<Record<string, unknown>>(`/api/v2/organizations/${economyOrg}/contract-economy?year=2024`, bearer(token));
      expect(year.body).toMatchObject({ year: 2024, total: { totalØre: 100 }, contracts: [{ contract: { name: 'B-aftale' } }] });
      expectProblem(await api.get(`/api/v2/organizations/${economyOrg}/contract-economy`, bearer(la)), 403);
      expectProblem(await api.get(`/api/v2/organizations/${randomUUID()}/contract-economy`, bearer(admin)), 404);
      expectProblem(await api.get(`/api/v2/organizations/${economyOrg}/contract-economy?year=abc`, bearer(token)), 400, 'year');
    });
  });

  describe('events and links to other services', () => {
    it('publishes created, updated (with field changes and deadlines) and deleted events', async () => {
      const contract = await createContract({
        supplier: { organizationUuid: supplierOrg },
        general: { validity: { validFrom: '2020-01-01' } },
        termination: {
          terms: { noticePeriodMonthsUuid: await option('it-contract-notice-period-month-types', '3'), noticeByEndOf: 'EndOfMonth' },
        },
      });
      await eventually(async () =>
        expect(await lastEvent('evt.contracts.it-contract.created.v1')).toMatchObject({
          organizationUuid: org,
          aggregate: { type: 'it-contract', uuid: contract.uuid, version: 1 },
          data: {
            contract: {
              uuid: contract.uuid,
              organizationUuid: org,
              name: contract.name,
              supplierUuid: supplierOrg,
              systemUsageUuids: [],
              dataProcessingRegistrationUuids: [],
              valid: true,
              validFrom: '2020-01-01',
              validTo: null,
              enforcedValid: false,
              deadlines: { noticeDeadline: contract.deadlines.noticeDeadline, endIfNoticeToday: contract.deadlines.endIfNoticeToday },
            },
          },
        }),
      );
      await api.patch(`${BASE}/${contract.uuid}`, { general: { contractId: 'K-9', validity: { validFrom: '2020-01-01' } } }, bearer(la));
      await eventually(async () => {
        const updated = await lastEvent('evt.contracts.it-contract.updated.v1');
        expect(updated.aggregate).toMatchObject({ uuid: contract.uuid, version: 2 });
        expect(updated.data.changes).toEqual([{ field: 'general.contractId', oldValue: null, newValue: 'K-9' }]);
      });
      await api.delete(`${BASE}/${contract.uuid}`, bearer(la));
      await eventually(async () =>
        expect(await lastEvent('evt.contracts.it-contract.deleted.v1')).toMatchObject({
          aggregate: { uuid: contract.uuid, version: 3 },
          data: { uuid: contract.uuid, organizationUuid: org, name: contract.name },
        }),
      );
    });

    it('publishes notes, the notice period and the economy, and a new economy when the payments change', async () => {
      const contract = await createContract({
        general: { notes: 'Kun til intern brug', validity: { validFrom: '2020-01-01' } },
        paymentModel: { operationsRemunerationStartedAt: '2023-04-01' },
        termination: { terms: { noticePeriodMonthsUuid: await option('it-contract-notice-period-month-types', '6') } },
        payments: {
          internal: [{ organizationUnitUuid: units[0], operationØre: 2_500_000, auditDate: '2024-02-15' }],
          external: [{ organizationUnitUuid: units[1], acquisitionØre: 12_500_000, operationØre: 4_800_000, otherØre: 99 }],
        },
      });
      await eventually(async () => {
        const created = await lastEvent('evt.contracts.it-contract.created.v1');
        expect(created.aggregate).toMatchObject({ uuid: contract.uuid, version: 1 });
        expect(created.data.contract).toMatchObject({
          notes: 'Kun til intern brug',
          noticePeriodMonths: 6,
          economy: {
            acquisitionOre: 12_500_000,
            operationOre: 7_300_000,
            otherOre: 99,
            totalOre: 19_800_099,
            byYear: [
              { year: 2023, acquisitionOre: 12_500_000, operationOre: 4_800_000, otherOre: 99, totalOre: 17_300_099 },
              { year: 2024, acquisitionOre: 0, operationOre: 2_500_000, otherOre: 0, totalOre: 2_500_000 },
            ],
          },
        });
      });
      const changed = await api.patch(
        `${BASE}/${contract.uuid}`,
        { payments: { internal: [{ uuid: contract.payments.internal[0].uuid, organizationUnitUuid: units[0], operationØre: 100 }] } },
        bearer(la),
      );
      expect(changed.status).toBe(200);
      await eventually(async () => {
        const updated = await lastEvent('evt.contracts.it-contract.updated.v1');
        expect(updated.aggregate).toMatchObject({ uuid: contract.uuid, version: 2 });
        expect((updated.data.changes as Array<{ field: string }>).map((c) => c.field)).toEqual(['payments.internal', 'payments.external']);
        // the internal payment lost its audit date: it counts in the year operations remuneration began
        expect(updated.data.contract).toMatchObject({
          notes: 'Kun til intern brug',
          noticePeriodMonths: 6,
          economy: {
            acquisitionOre: 0,
            operationOre: 100,
            otherOre: 0,
            totalOre: 100,
            byYear: [{ year: 2023, acquisitionOre: 0, operationOre: 100, otherOre: 0, totalOre: 100 }],
          },
        });
      });
    });

    it('a usage deleted in the catalogue disappears from the contracts that cover it (new version and event)', async () => {
      const usage = await createUsage(org);
      const other = await createUsage(org);
      const contract = await createContract({ systemUsageUuids: [usage.uuid, other.uuid] });
      expect(contract.systemUsages.map((u) => u.uuid)).toEqual([usage.uuid, other.uuid]);
      expect((await api.delete(`/api/v2/it-system-usages/${usage.uuid}`, bearer(admin))).status).toBe(204);
      await eventually(async () => {
        const read = await api.get<Contract>(`${BASE}/${contract.uuid}`, bearer(la));
        expect(read.body.systemUsages.map((u) => u.uuid)).toEqual([other.uuid]);
        expect(read.body.version).toBe(2);
      });
      await eventually(async () => {
        const updated = await lastEvent('evt.contracts.it-contract.updated.v1');
        expect(updated).toMatchObject({
          aggregate: { uuid: contract.uuid, version: 2 },
          data: { contract: { systemUsageUuids: [other.uuid] } },
        });
        expect(updated.data.changes).toEqual([{ field: 'systemUsageUuids', oldValue: [usage.uuid, other.uuid], newValue: [other.uuid] }]);
      });
      // the deleted usage can no longer be linked
      expectProblem(
        await api.patch(`${BASE}/${contract.uuid}`, { systemUsageUuids: [usage.uuid] }, bearer(la)),
        400,
        'systemUsageUuids[0]',
      );
    });

    it('links data processing registrations of the same organisation known from gdpr events, and drops them when deleted', async () => {
      const dpr = randomUUID();
      const foreignDpr = randomUUID();
      await publishGdprEvent(GdprEvents.dataProcessingRegistrationCreated, dpr, 1, org, {
        registration: registration(dpr, org, 'Databehandleraftale KMD'),
      });
      await publishGdprEvent(GdprEvents.dataProcessingRegistrationCreated, foreignDpr, 1, otherOrg, {
        registration: registration(foreignDpr, otherOrg, 'Fremmed aftale'),
      });
      const contract = await eventually(async () => {
        const created = await api.post<Contract>(
          BASE,
          { organizationUuid: org, name: `K ${randomUUID()}`, dataProcessingRegistrationUuids: [dpr] },
          bearer(la),
        );
        expect(created.status).toBe(201);
        return created.body;
      });
      expect(contract.dataProcessingRegistrations).toEqual([{ uuid: dpr, name: 'Databehandleraftale KMD' }]);
      await eventually(async () => {
        const result = await api.patch(`${BASE}/${contract.uuid}`, { dataProcessingRegistrationUuids: [dpr, foreignDpr] }, bearer(la));
        expectProblem(result, 400, 'dataProcessingRegistrationUuids[1]');
        expect((result.body as Problem).errors?.[0].message).toMatch(/organisation/);
      });
      expect((await api.get<Contract[]>(`${BASE}?dataProcessingRegistrationUuid=${dpr}`, bearer(la))).body.map((c) => c.uuid)).toEqual([
        contract.uuid,
      ]);
      await publishGdprEvent(GdprEvents.dataProcessingRegistrationDeleted, dpr, 2, org, {
        uuid: dpr,
        organizationUuid: org,
        name: 'Databehandleraftale KMD',
        deletedAt: new Date().toISOString(),
      });
      await eventually(async () => {
        const read = await api.get<Contract>(`${BASE}/${contract.uuid}`, bearer(la));
        expect(read.body.dataProcessingRegistrations).toEqual([]);
        expect(read.body.version).toBe(2);
      });
    });

    it('the catalogue learns the contract (relations may name it) and forgets it when it is deleted', async () => {
      const from = await createUsage(org);
      const to = await createUsage(org);
      const contract = await createContract();
      const relation = await eventually(async () => {
        const created = await api.post<{ uuid: string; associatedContract: Pair | null }>(
          `/api/v2/it-system-usages/${from.uuid}/system-relations`,
          { toSystemUsageUuid: to.uuid, associatedContractUuid: contract.uuid },
          bearer(admin),
        );
        expect(created.status).toBe(201);
        return created.body;
      });
      expect(relation.associatedContract).toEqual({ uuid: contract.uuid, name: contract.name });
      expect((await api.delete(`${BASE}/${contract.uuid}`, bearer(la))).status).toBe(204);
      await eventually(async () => {
        const read = await api.get<{ associatedContract: Pair | null }>(
          `/api/v2/it-system-usages/${from.uuid}/system-relations/${relation.uuid}`,
          bearer(admin),
        );
        expect(read.body.associatedContract).toBeNull();
      });
    });
  });
});
