import { randomUUID } from 'node:crypto';
import { connect, type NatsConnection } from 'nats';
import { ContractEvents, type EventDefinition } from '@kitos/contracts';
import { EventPublisher, natsConnectionOptions } from '@kitos/messaging';
import { eventually, resetJetStream } from '@kitos/testing';
import { adminToken, bearer, createOrganization, createUser, sessionOf } from '../support/identity';
import { http, startSystem, type HttpResult, type RunningSystem } from '../support/system';

type Ref = { uuid: string; name: string | null };
type Dpr = {
  uuid: string;
  name: string;
  general: {
    isAgreementConcluded: string | null;
    agreementConcludedAt: string | null;
    transferToInsecureThirdCountries: string | null;
    insecureCountriesSubjectToDataTransfer: Ref[];
    dataProcessors: Array<Ref & { cvr: string | null }>;
    hasSubDataProcessors: string | null;
    subDataProcessors: Array<{ dataProcessorOrganization: Ref; insecureThirdCountrySubjectToDataProcessing: Ref | null }>;
    mainContract: Ref | null;
    associatedContracts: Ref[];
    valid: boolean;
    responsibleOrganizationUnit: Ref | null;
    dataResponsible: Ref | null;
    basisForTransfer: Ref | null;
  };
  systemUsages: Ref[];
  oversight: {
    oversightOptions: Ref[];
    oversightInterval: string | null;
    isOversightCompleted: string | null;
    oversightDates: Array<{ completedAt: string; remark: string | null }>;
    oversightScheduledInspectionDate: string | null;
    nextOversightDate: string | null;
  };
  roles: Array<{ role: Ref; user: Ref }>;
  version: number;
};
type Problem = { status: number; errors?: Array<{ field: string; message: string }> };
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Envelope = { type: string; aggregate: { uuid: string; version: number }; data: Record<string, any> };

const BASE = '/api/v2/data-processing-registrations';

describe('data processing registrations through the gateway (issue 6, items 3 and 4)', () => {
  let system: RunningSystem;
  let api: ReturnType<typeof http>;
  let nc: NatsConnection;
  let token: string;
  let ga: Record<string, string>;
  let orgA: string;
  let orgB: string;
  let processor: string;
  let localAdminA: Record<string, string>;
  let contractAdminA: Record<string, string>;
  let userA: Record<string, string>;
  let userAUuid: string;
  let localAdminB: Record<string, string>;
  let outsiderUuid: string;
  let usageA1: string;
  let usageA2: string;
  let usageB: string;
  let rootUnitA: string;
  let rootUnitB: string;
  let writerRole: string;
  const option: Record<string, string> = {};

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
    expect({ status: result.status, body: result.body }).toMatchObject({ status });
    expect(result.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    if (field) expect((result.body as Problem).errors?.map((e) => e.field)).toContain(field);
  };

  const create = async (body: Record<string, unknown>, headers = ga): Promise<Dpr> => {
    const result = await api.post<Dpr>(BASE, { organizationUuid: orgA, name: `DBA ${randomUUID().slice(0, 8)}`, ...body }, headers);
    if (result.status !== 201) throw new Error(`POST answered ${result.status}: ${JSON.stringify(result.body)}`);
    return result.body;
  };
  const patch = (uuid: string, body: unknown, headers = ga) => api.patch<Dpr>(`${BASE}/${uuid}`, body, headers);
  const read = async (uuid: string): Promise<Dpr> => (await api.get<Dpr>(`${BASE}/${uuid}`, ga)).body;

  /**
   * Publishes a contract event the way the contracts service does (issue 5): onto its stream CONTRACTS, where the
   * gdpr service's durable consumer picks it up. The contracts service is not started here; its events are what
   * the registrations depend on (associations and validity).
   */
  const publishContract = async <T extends object>(definition: EventDefinition<T>, uuid: string, version: number, data: T) => {
    await system.services
      .get('gdpr')!
      .app.get(EventPublisher)
      .publish({
        id: randomUUID(),
        type: definition.type,
        version: definition.version,
        occurredAt: new Date().toISOString(),
        organizationUuid: orgA,
        actor: { kind: 'user', userUuid: null },
        aggregate: { type: 'it-contract', uuid, version },
        data,
      });
  };
  const contractSnapshot = (uuid: string, fields: Record<string, unknown>) => ({
    contract: { uuid, organizationUuid: orgA, name: 'Driftsaftale løn', lastModified: new Date().toISOString(), ...fields },
  });

  const lastEvent = async (event: string): Promise<Envelope> => {
    const jsm = await nc.jetstreamManager();
    const message = await jsm.streams.getMessage('GDPR', { last_by_subj: `evt.gdpr.data-processing-registration.${event}.v1` });
    return JSON.parse(new TextDecoder().decode(message.data)) as Envelope;
  };

  const usageIn = async (organizationUuid: string, name: string): Promise<string> => {
    const registered = await api.post<{ uuid: string }>(
      '/api/v2/it-systems',
      { organizationUuid, name: `${name} ${randomUUID().slice(0, 6)}` },
      ga,
    );
    expect(registered.status).toBe(201);
    return eventually(async () => {
      const created = await api.post<{ uuid: string }>(
        '/api/v2/it-system-usages',
        { organizationUuid, systemUuid: registered.body.uuid },
        ga,
      );
      expect(created.status).toBe(201);
      return created.body.uuid;
    });
  };

  const rootUnitOf = async (organizationUuid: string) =>
    eventually(async () => {
      const units = await api.get<Array<{ uuid: string; parentOrganizationUnit: unknown }>>(
        `/api/v2/organizations/${organizationUuid}/organization-units`,
        ga,
      );
      const root = units.body.find((u) => u.parentOrganizationUnit === null);
      expect(root).toBeDefined();
      return root!.uuid;
    });

  beforeAll(async () => {
    await resetJetStream();
    system = await startSystem({ services: ['identity', 'catalog', 'gdpr'] });
    api = http(system.gatewayUrl);
    token = await adminToken(api);
    ga = bearer(token);
    nc = await connect(natsConnectionOptions(system.env.NATS_URL as string));
    orgA = await createOrganization(api, token);
    orgB = await createOrganization(api, token);
    processor = await createOrganization(api, token, { organizationType: 'Company', cvr: '12345674' });
    localAdminA = bearer(await sessionOf(api, await createUser(api, token, [{ organizationUuid: orgA, role: 'LocalAdmin' }])));
    contractAdminA = bearer(await sessionOf(api, await createUser(api, token, [{ organizationUuid: orgA, role: 'ContractModuleAdmin' }])));
    const plain = await createUser(api, token, [{ organizationUuid: orgA, role: 'User' }]);
    userAUuid = plain.uuid;
    userA = bearer(await sessionOf(api, plain));
    localAdminB = bearer(await sessionOf(api, await createUser(api, token, [{ organizationUuid: orgB, role: 'LocalAdmin' }])));
    outsiderUuid = (await createUser(api, token, [{ organizationUuid: orgB, role: 'User' }])).uuid;
    usageA1 = await usageIn(orgA, 'Løn');
    usageA2 = await usageIn(orgA, 'Ydelse');
    usageB = await usageIn(orgB, 'Løn');
    rootUnitA = await rootUnitOf(orgA);
    rootUnitB = await rootUnitOf(orgB);
    const role = await api.post<{ uuid: string }>(
      '/api/v2/role-types',
      { objectType: 'DataProcessingRegistration', name: `Dataansvarlig kontakt ${randomUUID().slice(0, 6)}`, hasWriteAccess: true },
      ga,
    );
    expect(role.status).toBe(201);
    writerRole = role.body.uuid;
    for (const [key, kind] of [
      ['country', 'data-processing-registration-country-types'],
      ['basis', 'data-processing-registration-basis-for-transfer-types'],
      ['responsible', 'data-processing-registration-data-responsible-types'],
      ['oversight', 'data-processing-registration-oversight-types'],
    ] as const) {
      const values = await eventually(async () => {
        const result = await api.get<Array<{ uuid: string; name: string }>>(`/api/v2/${kind}?organizationUuid=${orgA}`, ga);
        expect(result.status).toBe(200);
        expect(result.body.length).toBeGreaterThan(0);
        return result.body;
      });
      option[key] = values[0].uuid;
    }
  });

  afterAll(async () => {
    await nc?.close();
    await system?.close();
  });

  describe('creating, naming and permissions', () => {
    it('creates a registration with every part, answers 201 with an ETag, and publishes a created event with the snapshot', async () => {
      const name = `Databehandleraftale løn ${randomUUID().slice(0, 6)}`;
      const result = await api.post<Dpr>(
        BASE,
        {
          organizationUuid: orgA,
          name,
          general: {
            dataResponsibleUuid: option.responsible,
            dataResponsibleRemark: 'Kommunen er dataansvarlig',
            isAgreementConcluded: 'Yes',
            isAgreementConcludedRemark: 'Underskrevet digitalt',
            agreementConcludedAt: '2024-03-01',
            basisForTransferUuid: option.basis,
            transferToInsecureThirdCountries: 'Yes',
            insecureCountriesSubjectToDataTransferUuids: [option.country],
            dataProcessorUuids: [processor],
            hasSubDataProcessors: 'Yes',
            subDataProcessors: [
              {
                dataProcessorOrganizationUuid: orgB,
                transferToInsecureThirdCountry: 'Yes',
                insecureThirdCountrySubjectToDataProcessingUuid: option.country,
              },
            ],
            responsibleOrganizationUnitUuid: rootUnitA,
          },
          systemUsageUuids: [usageA1],
          oversight: {
            oversightOptionUuids: [option.oversight],
            oversightOptionsRemark: 'ISAE 3000',
            oversightInterval: 'Yearly',
            oversightIntervalRemark: 'Hvert forår',
            isOversightCompleted: 'Yes',
            oversightCompletedRemark: 'Ingen anmærkninger',
            oversightDates: [{ completedAt: '2024-02-29', remark: 'Revisionserklæring' }],
          },
          roles: [{ roleUuid: writerRole, userUuid: userAUuid }],
          externalReferences: [{ title: 'Aftale i ESDH', url: 'https://esdh.example/1', masterReference: true }],
        },
        localAdminA,
      );
      expect(result.status).toBe(201);
      expect(result.headers.get('etag')).toBe('"1"');
      const dpr = result.body;
      expect(dpr).toMatchObject({
        name,
        general: {
          isAgreementConcluded: 'Yes',
          agreementConcludedAt: '2024-03-01',
          dataProcessors: [{ uuid: processor, cvr: '12345674' }],
          hasSubDataProcessors: 'Yes',
          valid: true,
          mainContract: null,
          responsibleOrganizationUnit: { uuid: rootUnitA },
        },
        systemUsages: [{ uuid: usageA1 }],
        oversight: { oversightInterval: 'Yearly', nextOversightDate: '2025-02-28' },
        roles: [{ role: { uuid: writerRole }, user: { uuid: userAUuid } }],
      });
      expect(dpr.general.dataResponsible?.name).toBeTruthy();
      expect(dpr.general.subDataProcessors[0].insecureThirdCountrySubjectToDataProcessing?.uuid).toBe(option.country);

      const event = await eventually(async () => {
        const e = await lastEvent('created');
        expect(e.aggregate.uuid).toBe(dpr.uuid);
        return e;
      });
      expect(event.data.registration).toMatchObject({
        uuid: dpr.uuid,
        organizationUuid: orgA,
        systemUsageUuids: [usageA1],
        mainContractUuid: null,
        agreementConcluded: 'Yes',
        agreementConcludedDate: '2024-03-01',
        dataProcessorUuids: [processor],
        nextOversightDate: '2025-02-28',
        transferToInsecureThirdCountries: 'Yes',
        insecureThirdCountries: [{ uuid: option.country }],
        subDataProcessors: [
          { organization: { uuid: orgB }, transferToInsecureThirdCountry: 'Yes', insecureThirdCountry: { uuid: option.country } },
        ],
        lastOversightDate: '2024-02-29',
        dataResponsibleRemark: 'Kommunen er dataansvarlig',
        agreementConcludedRemark: 'Underskrevet digitalt',
        oversightOptionsRemark: 'ISAE 3000',
        oversightIntervalRemark: 'Hvert forår',
        oversightCompletedRemark: 'Ingen anmærkninger',
      });
    });

    it('refuses a name already used in the organisation (409, case-insensitive) but allows it in another organisation', async () => {
      const first = await create({});
      expectProblem(await api.post(BASE, { organizationUuid: orgA, name: first.name.toUpperCase() }, ga), 409);
      expect((await api.post(BASE, { organizationUuid: orgB, name: first.name }, ga)).status).toBe(201);
      const second = await create({});
      expectProblem(await patch(second.uuid, { name: first.name }), 409);
    });

    it('validates the name: required and at most 200 characters (400)', async () => {
      expectProblem(await api.post(BASE, { organizationUuid: orgA }, ga), 400, 'name');
      expectProblem(await api.post(BASE, { organizationUuid: orgA, name: 'x'.repeat(201) }, ga), 400, 'name');
      expect((await api.post(BASE, { organizationUuid: orgA, name: `${'x'.repeat(190)}${randomUUID().slice(0, 10)}` }, ga)).status).toBe(
        201,
      );
    });

    it('refuses an unknown organisation (400), a non-member (403) and a plain user (403); contract-module admins create', async () => {
      expectProblem(await api.post(BASE, { organizationUuid: randomUUID(), name: 'X' }, ga), 400, 'organizationUuid');
      expectProblem(await api.post(BASE, { organizationUuid: orgA, name: `X ${randomUUID()}` }, localAdminB), 403);
      expectProblem(await api.post(BASE, { organizationUuid: orgA, name: `X ${randomUUID()}` }, userA), 403);
      expect((await api.post(BASE, { organizationUuid: orgA, name: `X ${randomUUID()}` }, contractAdminA)).status).toBe(201);
      expectProblem(await api.post(BASE, { organizationUuid: orgA, name: 'X' }, {}), 401);
    });

    it('lets members read, keeps other organisations out (403 by uuid, left out of lists) and answers 404 for unknown ones', async () => {
      const dpr = await create({});
      expect((await api.get(`${BASE}/${dpr.uuid}`, userA)).status).toBe(200);
      expectProblem(await api.get(`${BASE}/${dpr.uuid}`, localAdminB), 403);
      expectProblem(await api.get(`${BASE}/${randomUUID()}`, ga), 404);
      expectProblem(await api.get(`${BASE}/00000000-0000-0000-0000-000000000000`, ga), 400);
      const listed = await api.get<Dpr[]>(`${BASE}?pageSize=250`, localAdminB);
      expect(listed.body.map((d) => d.uuid)).not.toContain(dpr.uuid);
      expectProblem(await patch(dpr.uuid, { name: 'B tager over' }, localAdminB), 403);
      expectProblem(await api.delete(`${BASE}/${dpr.uuid}`, localAdminB), 403);
    });

    it('lets a plain member change a registration only while holding a role with write access on it', async () => {
      const dpr = await create({});
      expectProblem(await patch(dpr.uuid, { general: { dataResponsibleRemark: 'Ændret af bruger' } }, userA), 403);
      expect((await patch(dpr.uuid, { roles: [{ roleUuid: writerRole, userUuid: userAUuid }] })).status).toBe(200);
      const changed = await patch(dpr.uuid, { general: { dataResponsibleRemark: 'Ændret af bruger' } }, userA);
      expect(changed.status).toBe(200);
      expect((await api.delete(`${BASE}/${dpr.uuid}`, userA)).status).toBe(204);
    });

    it('refuses role holders who are not members and roles that are not DataProcessingRegistration roles (400), and a pair twice', async () => {
      const dpr = await create({});
      expectProblem(await patch(dpr.uuid, { roles: [{ roleUuid: writerRole, userUuid: outsiderUuid }] }), 400, 'roles[0].userUuid');
      expectProblem(await patch(dpr.uuid, { roles: [{ roleUuid: randomUUID(), userUuid: userAUuid }] }), 400, 'roles[0].roleUuid');
      expectProblem(
        await patch(dpr.uuid, {
          roles: [
            { roleUuid: writerRole, userUuid: userAUuid },
            { roleUuid: writerRole, userUuid: userAUuid },
          ],
        }),
        400,
        'roles[1]',
      );
    });
  });

  describe('answers that carry dependent values only when Yes', () => {
    it('agreementConcludedAt: refused unless Yes, kept with Yes, cleared when the answer changes', async () => {
      expectProblem(
        await api.post(
          BASE,
          {
            organizationUuid: orgA,
            name: `A ${randomUUID()}`,
            general: { isAgreementConcluded: 'No', agreementConcludedAt: '2024-01-01' },
          },
          ga,
        ),
        400,
        'general.agreementConcludedAt',
      );
      const dpr = await create({ general: { isAgreementConcluded: 'Yes', agreementConcludedAt: '2024-01-01T10:00:00Z' } });
      expect(dpr.general.agreementConcludedAt).toBe('2024-01-01');
      expectProblem(
        await patch(dpr.uuid, { general: { isAgreementConcluded: 'Irrelevant', agreementConcludedAt: '2024-02-01' } }),
        400,
        'general.agreementConcludedAt',
      );
      const cleared = await patch(dpr.uuid, { general: { isAgreementConcluded: 'DontKnow' } });
      expect(cleared.status).toBe(200);
      expect(cleared.body.general).toMatchObject({ isAgreementConcluded: 'DontKnow', agreementConcludedAt: null });
      expectProblem(await patch(dpr.uuid, { general: { agreementConcludedAt: '2024-02-01' } }), 400, 'general.agreementConcludedAt');
    });

    it('insecure third countries: refused unless Yes, No clears them', async () => {
      expectProblem(
        await api.post(
          BASE,
          {
            organizationUuid: orgA,
            name: `C ${randomUUID()}`,
            general: { transferToInsecureThirdCountries: 'No', insecureCountriesSubjectToDataTransferUuids: [option.country] },
          },
          ga,
        ),
        400,
        'general.insecureCountriesSubjectToDataTransferUuids',
      );
      const dpr = await create({
        general: { transferToInsecureThirdCountries: 'Yes', insecureCountriesSubjectToDataTransferUuids: [option.country] },
      });
      expect(dpr.general.insecureCountriesSubjectToDataTransfer.map((c) => c.uuid)).toEqual([option.country]);
      const cleared = await patch(dpr.uuid, { general: { transferToInsecureThirdCountries: 'No' } });
      expect(cleared.body.general).toMatchObject({ transferToInsecureThirdCountries: 'No', insecureCountriesSubjectToDataTransfer: [] });
      expectProblem(await patch(dpr.uuid, { general: { insecureCountriesSubjectToDataTransferUuids: [option.country] } }), 400);
      expectProblem(
        await patch(dpr.uuid, {
          general: { transferToInsecureThirdCountries: 'Yes', insecureCountriesSubjectToDataTransferUuids: [randomUUID()] },
        }),
        400,
        'general.insecureCountriesSubjectToDataTransferUuids[0]',
      );
    });

    it('sub-processors: refused unless Yes, No clears them; a sub-processor country needs its own Yes', async () => {
      const sub = { dataProcessorOrganizationUuid: processor };
      expectProblem(
        await api.post(
          BASE,
          { organizationUuid: orgA, name: `S ${randomUUID()}`, general: { hasSubDataProcessors: 'No', subDataProcessors: [sub] } },
          ga,
        ),
        400,
        'general.subDataProcessors',
      );
      const dpr = await create({ general: { hasSubDataProcessors: 'Yes', subDataProcessors: [sub] } });
      expect(dpr.general.subDataProcessors.map((s) => s.dataProcessorOrganization.uuid)).toEqual([processor]);
      const cleared = await patch(dpr.uuid, { general: { hasSubDataProcessors: 'No' } });
      expect(cleared.body.general).toMatchObject({ hasSubDataProcessors: 'No', subDataProcessors: [] });
      expectProblem(
        await patch(dpr.uuid, {
          general: {
            hasSubDataProcessors: 'Yes',
            subDataProcessors: [
              { ...sub, transferToInsecureThirdCountry: 'No', insecureThirdCountrySubjectToDataProcessingUuid: option.country },
            ],
          },
        }),
        400,
        'general.subDataProcessors[0].insecureThirdCountrySubjectToDataProcessingUuid',
      );
      expectProblem(
        await patch(dpr.uuid, {
          general: { hasSubDataProcessors: 'Yes', subDataProcessors: [{ dataProcessorOrganizationUuid: randomUUID() }] },
        }),
        400,
      );
    });

    it('oversight dates: refused unless completed = Yes, No clears them and the next date follows', async () => {
      expectProblem(
        await api.post(
          BASE,
          {
            organizationUuid: orgA,
            name: `O ${randomUUID()}`,
            oversight: { isOversightCompleted: 'No', oversightDates: [{ completedAt: '2024-01-01' }] },
          },
          ga,
        ),
        400,
        'oversight.oversightDates',
      );
      const dpr = await create({
        oversight: {
          oversightInterval: 'EveryHalfYear', // the name this API used before KITOS's BiYearly: still taken
          isOversightCompleted: 'Yes',
          oversightDates: [{ completedAt: '2023-08-31' }, { completedAt: '2022-01-10' }],
          oversightScheduledInspectionDate: '2030-01-01',
        },
      });
      expect(dpr.oversight.oversightInterval).toBe('BiYearly');
      expect(dpr.oversight.nextOversightDate).toBe('2024-02-29');
      expect(dpr.oversight.oversightDates.map((d) => d.completedAt)).toEqual(['2022-01-10', '2023-08-31']);
      const cleared = await patch(dpr.uuid, { oversight: { isOversightCompleted: 'No' } });
      expect(cleared.body.oversight).toMatchObject({ isOversightCompleted: 'No', oversightDates: [], nextOversightDate: '2030-01-01' });
      expectProblem(
        await patch(dpr.uuid, { oversight: { oversightDates: [{ completedAt: '2024-01-01' }] } }),
        400,
        'oversight.oversightDates',
      );
      const event = await eventually(async () => {
        const e = await lastEvent('updated');
        expect(e.aggregate.uuid).toBe(dpr.uuid);
        return e;
      });
      expect(event.data.registration.nextOversightDate).toBe('2030-01-01');
      expect(event.data.changes).toEqual(
        expect.arrayContaining([
          { field: 'oversight.isOversightCompleted', oldValue: 'Yes', newValue: 'No' },
          { field: 'oversight.nextOversightDate', oldValue: '2024-02-29', newValue: '2030-01-01' },
        ]),
      );
    });

    it('oversight dates through their sub-resource move the next oversight: added, changed and deleted', async () => {
      const dpr = await create({ oversight: { oversightInterval: 'Yearly', isOversightCompleted: 'Yes' } });
      expect(dpr.oversight.nextOversightDate).toBeNull();
      const dates = `${BASE}/${dpr.uuid}/oversight-dates`;
      const next = async () => (await api.get<Dpr>(`${BASE}/${dpr.uuid}`, ga)).body.oversight.nextOversightDate;
      const added = await api.post<{ uuid: string }>(dates, { completedAt: '2026-03-01' }, ga);
      expect(added.status).toBe(200);
      expect(await next()).toBe('2027-03-01');
      expect((await api.patch(`${dates}/${added.body.uuid}`, { completedAt: '2026-06-15' }, ga)).status).toBe(200);
      expect(await next()).toBe('2027-06-15');
      expect((await api.delete(`${dates}/${added.body.uuid}`, ga)).status).toBe(204);
      expect(await next()).toBeNull();
    });
  });

  describe('references', () => {
    it('takes usages of the same organisation only (400 for another organisation or an unknown usage), and no duplicates', async () => {
      expectProblem(
        await api.post(BASE, { organizationUuid: orgA, name: `U ${randomUUID()}`, systemUsageUuids: [usageB] }, ga),
        400,
        'systemUsageUuids[0]',
      );
      expectProblem(
        await api.post(BASE, { organizationUuid: orgA, name: `U ${randomUUID()}`, systemUsageUuids: [randomUUID()] }, ga),
        400,
        'systemUsageUuids[0]',
      );
      expectProblem(
        await api.post(BASE, { organizationUuid: orgA, name: `U ${randomUUID()}`, systemUsageUuids: [usageA1, usageA1] }, ga),
        400,
        'systemUsageUuids[1]',
      );
      const dpr = await create({ systemUsageUuids: [usageA1, usageA2] });
      expect(dpr.systemUsages.map((u) => u.uuid)).toEqual([usageA1, usageA2]);
      expect(dpr.systemUsages[0].name).toMatch(/^Løn/);
    });

    it('takes a responsible unit of the same organisation only (400 otherwise)', async () => {
      const dpr = await create({});
      expectProblem(
        await patch(dpr.uuid, { general: { responsibleOrganizationUnitUuid: rootUnitB } }),
        400,
        'general.responsibleOrganizationUnitUuid',
      );
      const changed = await patch(dpr.uuid, { general: { responsibleOrganizationUnitUuid: rootUnitA } });
      expect(changed.body.general.responsibleOrganizationUnit?.uuid).toBe(rootUnitA);
    });

    it('refuses option values that are unknown or of another kind (400)', async () => {
      expectProblem(
        await api.post(BASE, { organizationUuid: orgA, name: `V ${randomUUID()}`, general: { dataResponsibleUuid: option.country } }, ga),
        400,
        'general.dataResponsibleUuid',
      );
      expectProblem(
        await api.post(
          BASE,
          { organizationUuid: orgA, name: `V ${randomUUID()}`, oversight: { oversightOptionUuids: [randomUUID()] } },
          ga,
        ),
        400,
        'oversight.oversightOptionUuids[0]',
      );
      expectProblem(
        await api.post(BASE, { organizationUuid: orgA, name: `V ${randomUUID()}`, general: { dataProcessorUuids: [randomUUID()] } }, ga),
        400,
        'general.dataProcessorUuids[0]',
      );
    });

    it('removes a usage deleted in the catalogue from every registration, with an updated event', async () => {
      const usage = await usageIn(orgA, 'Midlertidig');
      const dpr = await create({ systemUsageUuids: [usage, usageA1] });
      expect((await api.delete(`/api/v2/it-system-usages/${usage}`, ga)).status).toBe(204);
      await eventually(async () => expect((await read(dpr.uuid)).systemUsages.map((u) => u.uuid)).toEqual([usageA1]));
      await eventually(async () => {
        const event = await lastEvent('updated');
        expect(event.aggregate.uuid).toBe(dpr.uuid);
        expect(event.data.registration.systemUsageUuids).toEqual([usageA1]);
      });
    });
  });

  describe('the main contract, from the contracts service events', () => {
    it('must be one of the associated contracts; validity follows it; it is dropped when the contract lets go', async () => {
      const dpr = await create({});
      const contract = randomUUID();
      expectProblem(await patch(dpr.uuid, { general: { mainContractUuid: contract } }), 400, 'general.mainContractUuid');

      await publishContract(
        ContractEvents.contractCreated,
        contract,
        1,
        contractSnapshot(contract, { dataProcessingRegistrationUuids: [dpr.uuid], valid: true }),
      );
      await eventually(async () =>
        expect((await read(dpr.uuid)).general.associatedContracts).toEqual([{ uuid: contract, name: 'Driftsaftale løn' }]),
      );
      const withMain = await patch(dpr.uuid, { general: { mainContractUuid: contract } });
      expect(withMain.status).toBe(200);
      expect(withMain.body.general).toMatchObject({ mainContract: { uuid: contract, name: 'Driftsaftale løn' }, valid: true });

      await publishContract(ContractEvents.contractUpdated, contract, 2, {
        ...contractSnapshot(contract, { dataProcessingRegistrationUuids: [dpr.uuid], validFrom: '2020-01-01', validTo: '2021-12-31' }),
        changes: [],
      });
      await eventually(async () => expect((await read(dpr.uuid)).general.valid).toBe(false));

      await publishContract(ContractEvents.contractUpdated, contract, 3, {
        ...contractSnapshot(contract, { dataProcessingRegistrationUuids: [] }),
        changes: [],
      });
      await eventually(async () =>
        expect((await read(dpr.uuid)).general).toMatchObject({ mainContract: null, associatedContracts: [], valid: true }),
      );
      await eventually(async () => {
        const event = await lastEvent('updated');
        expect(event.aggregate.uuid).toBe(dpr.uuid);
        expect(event.data.changes).toEqual([{ field: 'general.mainContractUuid', oldValue: contract, newValue: null }]);
      });
    });
  });

  describe('PUT, PATCH, ETag and DELETE', () => {
    it('PUT resets what it leaves out and needs the name; If-Match with an old version → 412', async () => {
      const dpr = await create({ systemUsageUuids: [usageA1], general: { isAgreementConcluded: 'No' } });
      expectProblem(await put(`${BASE}/${dpr.uuid}`, { general: {} }, ga), 400, 'name');
      const replaced = await put<Dpr>(
        `${BASE}/${dpr.uuid}`,
        { name: dpr.name, oversight: { oversightInterval: 'Yearly' } },
        { ...ga, 'if-match': '"1"' },
      );
      expect(replaced.status).toBe(200);
      expect(replaced.headers.get('etag')).toBe('"2"');
      expect(replaced.body).toMatchObject({
        systemUsages: [],
        general: { isAgreementConcluded: null },
        oversight: { oversightInterval: 'Yearly' },
      });
      expectProblem(await patch(dpr.uuid, { name: `${dpr.name} ny` }, { ...ga, 'if-match': '"1"' }), 412);
      expect((await patch(dpr.uuid, { name: `${dpr.name} ny` }, { ...ga, 'if-match': '"2"' })).status).toBe(200);
    });

    it('refuses unknown properties (400) and deletes with 204, after which the name can be used again', async () => {
      const dpr = await create({});
      expectProblem(await patch(dpr.uuid, { general: { color: 'red' } }), 400);
      expect((await api.delete(`${BASE}/${dpr.uuid}`, ga)).status).toBe(204);
      expectProblem(await api.get(`${BASE}/${dpr.uuid}`, ga), 404);
      expect((await api.post(BASE, { organizationUuid: orgA, name: dpr.name }, ga)).status).toBe(201);
      const event = await eventually(async () => {
        const e = await lastEvent('deleted');
        expect(e.aggregate.uuid).toBe(dpr.uuid);
        return e;
      });
      expect(event.data).toMatchObject({ uuid: dpr.uuid, organizationUuid: orgA, name: dpr.name });
    });
  });

  describe('listing with the KITOS filters', () => {
    it('filters by organisation, name, usage, system, processor, sub-processor and agreement', async () => {
      const tag = randomUUID().slice(0, 8);
      const a = await create({
        name: `Filter ${tag} alfa`,
        systemUsageUuids: [usageA2],
        general: {
          isAgreementConcluded: 'Yes',
          dataProcessorUuids: [processor],
          hasSubDataProcessors: 'Yes',
          subDataProcessors: [{ dataProcessorOrganizationUuid: orgB }],
        },
      });
      const b = await create({ name: `Filter ${tag} beta` });
      const uuids = async (query: string) =>
        (await api.get<Dpr[]>(`${BASE}?organizationUuid=${orgA}&${query}`, ga)).body.map((d) => d.uuid);
      expect(await uuids(`nameContains=${tag}`)).toEqual([a.uuid, b.uuid]);
      expect(await uuids(`nameEquals=${encodeURIComponent(`FILTER ${tag} BETA`)}`)).toEqual([b.uuid]);
      expect(await uuids(`nameContains=${tag}&agreementConcluded=true`)).toEqual([a.uuid]);
      expect(await uuids(`nameContains=${tag}&agreementConcluded=false`)).toEqual([b.uuid]);
      expect(await uuids(`nameContains=${tag}&dataProcessorUuid=${processor}`)).toEqual([a.uuid]);
      expect(await uuids(`nameContains=${tag}&subDataProcessorUuid=${orgB}`)).toEqual([a.uuid]);
      expect(await uuids(`nameContains=${tag}&systemUsageUuid=${usageA2}`)).toEqual([a.uuid]);
      const systemOfA2 = (await api.get<{ systemContext: Ref }>(`/api/v2/it-system-usages/${usageA2}`, ga)).body.systemContext.uuid;
      expect(await uuids(`nameContains=${tag}&systemUuid=${systemOfA2}`)).toEqual([a.uuid]);
      expect(await uuids(`nameContains=${tag}&orderByProperty=Name&pageSize=1&page=1`)).toEqual([b.uuid]);
      expectProblem(await api.get(`${BASE}?agreementConcluded=maybe`, ga), 400);
      expect((await api.get<Dpr[]>(`${BASE}?organizationUuid=${orgA}`, localAdminB)).body).toEqual([]);
    });
  });

  describe('overdue oversights', () => {
    it('lists the registrations whose next oversight has passed, for members only', async () => {
      const overdue = await create({
        oversight: { oversightInterval: 'Yearly', isOversightCompleted: 'Yes', oversightDates: [{ completedAt: '2020-02-29' }] },
      });
      const scheduled = await create({ oversight: { oversightScheduledInspectionDate: '2021-06-01' } });
      const future = await create({ oversight: { oversightScheduledInspectionDate: '2999-01-01' } });
      const result = await api.get<
        Array<{ uuid: string; nextOversightDate: string; daysOverdue: number; lastCompletedOversight: string | null }>
      >(`/api/v2/organizations/${orgA}/data-processing-registrations/overdue-oversights`, userA);
      expect(result.status).toBe(200);
      const uuids = result.body.map((r) => r.uuid);
      expect(uuids).toEqual(expect.arrayContaining([overdue.uuid, scheduled.uuid]));
      expect(uuids).not.toContain(future.uuid);
      expect(uuids.indexOf(overdue.uuid)).toBeLessThan(uuids.indexOf(scheduled.uuid));
      expect(result.body.find((r) => r.uuid === overdue.uuid)).toMatchObject({
        nextOversightDate: '2021-02-28',
        lastCompletedOversight: '2020-02-29',
      });
      expect(result.body.find((r) => r.uuid === overdue.uuid)!.daysOverdue).toBeGreaterThan(365);
      expectProblem(await api.get(`/api/v2/organizations/${orgA}/data-processing-registrations/overdue-oversights`, localAdminB), 403);
      expectProblem(await api.get(`/api/v2/organizations/${randomUUID()}/data-processing-registrations/overdue-oversights`, ga), 404);
    });
  });
});
