import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { connect, type NatsConnection } from 'nats';
import { natsConnectionOptions } from '@kitos/messaging';
import { eventually, resetJetStream } from '@kitos/testing';
import { adminToken, bearer, createOrganization, createUser, sessionOf } from '../support/identity';
import { http, startSystem, type HttpResult, type RunningSystem } from '../support/system';

type Pair = { uuid: string; name: string | null };
type Period = {
  uuid: string;
  archiveId: string;
  startDate: string;
  endDate: string;
  status: string;
  approved: boolean;
  approvalDate: string | null;
};
type Archive = {
  usageUuid: string;
  systemContext: Pair;
  organizationContext: Pair;
  archiveDuty: string | null;
  recommendedArchiveDuty: { id: string; comment: string | null } | null;
  archiveType: Pair | null;
  location: Pair | null;
  testLocation: Pair | null;
  supplierOrganization: Pair | null;
  active: boolean | null;
  notes: string | null;
  frequencyInMonths: number | null;
  documentBearing: boolean | null;
  legalBasis: { text: string; reference: string | null; decisionDate: string | null } | null;
  receivingArchive: { kind: string; name: string | null } | null;
  kleBasedDocumentDisposalAllowed: boolean | null;
  kleBasedDocumentDisposalDecisionDate: string | null;
  notification: { notifiedAt: string; reference: string | null; approved: boolean; approvedAt: string | null } | null;
  journalPeriods: Period[];
  latestApprovedPeriodEnd: string | null;
  nextDeliveryDue: string | null;
  deletionDueDate: string | null;
  findings: string[];
  lastModified: string | null;
  version: number;
};
type Problem = { status: number; errors?: Array<{ field: string; message: string }> };
type Envelope = {
  type: string;
  organizationUuid: string;
  aggregate: { type: string; uuid: string; version: number };
  data: Record<string, unknown>;
};
type Option = { uuid: string; name: string; isObligatory?: boolean };

const ARCHIVES = '/api/v2/it-system-usage-archives';
const USAGES = '/api/v2/it-system-usages';

describe('Archiving of usages through the gateway (identity, catalog, archiving running)', () => {
  let system: RunningSystem;
  let api: ReturnType<typeof http>;
  let admin: string;
  let org: string;
  let otherOrg: string;
  let supplierOrg: string;
  let la: string;
  let sma: string;
  let plainUser: string;
  let otherLa: string;
  let archiveTypes: Option[];
  let locations: Option[];
  let testLocations: Option[];
  let nc: NatsConnection;

  const send = async <T = Archive>(method: string, path: string, body: unknown, token: string, headers: Record<string, string> = {}) => {
    const response = await fetch(`${system.gatewayUrl}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...bearer(token), ...headers },
      body: JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: (text ? JSON.parse(text) : undefined) as T };
  };
  const put = <T = Archive>(path: string, body: unknown, token: string, headers?: Record<string, string>) =>
    send<T>('PUT', path, body, token, headers);

  const expectProblem = (result: HttpResult<unknown>, status: number, field?: string) => {
    expect({ status: result.status, body: result.body }).toMatchObject({ status });
    expect(result.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    if (field) expect((result.body as Problem).errors?.map((e) => e.field)).toContain(field);
  };

  const createSystem = async (recommendation?: string): Promise<{ uuid: string; name: string }> => {
    const name = `System ${randomUUID().slice(0, 8)}`;
    const created = await api.post<{ uuid: string; name: string }>(
      '/api/v2/it-systems',
      { organizationUuid: org, name, ...(recommendation ? { recommendedArchiveDuty: { id: recommendation } } : {}) },
      bearer(admin),
    );
    if (created.status !== 201) throw new Error(`creating a system answered ${created.status}: ${JSON.stringify(created.body)}`);
    return created.body;
  };

  const createUsage = async (
    recommendation?: string,
    organizationUuid = org,
  ): Promise<{ usageUuid: string; systemUuid: string; systemName: string }> => {
    const target = await createSystem(recommendation);
    const created = await api.post<{ uuid: string }>(USAGES, { organizationUuid, systemUuid: target.uuid }, bearer(admin));
    if (created.status !== 201) throw new Error(`creating a usage answered ${created.status}: ${JSON.stringify(created.body)}`);
    return { usageUuid: created.body.uuid, systemUuid: target.uuid, systemName: target.name };
  };

  const options = async (kind: string): Promise<Option[]> => {
    const listed = await api.get<Option[]>(`/api/v2/option-types/${kind}`, bearer(admin));
    if (listed.status !== 200) throw new Error(`listing ${kind} answered ${listed.status}`);
    return listed.body;
  };
  const obligatory = (values: Option[]) => values.filter((o) => o.isObligatory);
  const optional = (values: Option[]) => values.filter((o) => !o.isObligatory);

  /** Every archiving event about one usage, in stream order. */
  const archivingEvents = async (usageUuid: string): Promise<Envelope[]> => {
    const jsm = await nc.jetstreamManager();
    const info = await jsm.streams.info('ARCHIVING');
    const events: Envelope[] = [];
    for (let seq = info.state.first_seq; seq <= info.state.last_seq; seq++) {
      const message = await jsm.streams.getMessage('ARCHIVING', { seq }).catch(() => null);
      if (!message) continue;
      const event = JSON.parse(new TextDecoder().decode(message.data)) as Envelope;
      if (event.aggregate.uuid === usageUuid) events.push(event);
    }
    return events;
  };

  beforeAll(async () => {
    await resetJetStream();
    system = await startSystem({ services: ['identity', 'catalog', 'archiving'] });
    api = http(system.gatewayUrl);
    admin = await adminToken(api);
    org = await createOrganization(api, admin, { name: `Vejle ${randomUUID().slice(0, 6)}` });
    otherOrg = await createOrganization(api, admin);
    supplierOrg = await createOrganization(api, admin, {
      name: `Arkivleverandør ${randomUUID().slice(0, 6)}`,
      organizationType: 'Company',
    });
    la = await sessionOf(api, await createUser(api, admin, [{ organizationUuid: org, role: 'LocalAdmin' }]));
    sma = await sessionOf(api, await createUser(api, admin, [{ organizationUuid: org, role: 'SystemModuleAdmin' }]));
    plainUser = await sessionOf(api, await createUser(api, admin, [{ organizationUuid: org, role: 'User' }]));
    otherLa = await sessionOf(api, await createUser(api, admin, [{ organizationUuid: otherOrg, role: 'LocalAdmin' }]));
    [archiveTypes, locations, testLocations] = await Promise.all([
      options('it-system-usage-archive-types'),
      options('it-system-usage-archive-location-types'),
      options('it-system-usage-archive-test-location-types'),
    ]);
    nc = await connect(natsConnectionOptions(system.env.NATS_URL as string));
  }); // the configured timeout (jest.config.js): more than the 150 s a system may take to get ready

  afterAll(async () => {
    await nc?.close();
    await system?.close();
  });

  describe('the archiving profile', () => {
    it('answers the defaults of a usage never written, with the recommendation of its system', async () => {
      const { usageUuid, systemUuid, systemName } = await createUsage('B');
      const read = await api.get<Archive>(`${ARCHIVES}/${usageUuid}`, bearer(plainUser));
      expect(read.status).toBe(200);
      expect(read.headers.get('etag')).toBe('"0"');
      expect(read.body).toMatchObject({
        usageUuid,
        systemContext: { uuid: systemUuid, name: systemName },
        organizationContext: { uuid: org, name: expect.stringMatching(/^Vejle /) },
        archiveDuty: null,
        recommendedArchiveDuty: { id: 'B', comment: null },
        journalPeriods: [],
        nextDeliveryDue: null,
        findings: [],
        lastModified: null,
        version: 0,
      });
    });

    it('writes every field with PUT, changes some with PATCH, resets with PUT and publishes each change', async () => {
      const { usageUuid } = await createUsage('B');
      const body = {
        archiveDuty: 'B',
        archiveTypeUuid: obligatory(archiveTypes)[0].uuid,
        locationUuid: obligatory(locations)[0].uuid,
        testLocationUuid: obligatory(testLocations)[0].uuid,
        supplierOrganizationUuid: supplierOrg,
        active: true,
        notes: 'Afleveres med ESDH',
        frequencyInMonths: 60,
        documentBearing: true,
        legalBasis: {
          text: 'Bek. nr. 183 af 28/02/2018, bilag 1',
          reference: 'https://www.retsinformation.dk/eli/lta/2018/183',
          decisionDate: '2018-03-01',
        },
        receivingArchive: { kind: 'MunicipalArchive', name: 'Vejle Stadsarkiv' },
        kleBasedDocumentDisposalAllowed: true,
        kleBasedDocumentDisposalDecisionDate: '2019-06-20',
        notification: { notifiedAt: '2024-02-01', reference: 'RA 2024-1', approved: true, approvedAt: '2024-04-15' },
      };
      const written = await put(`${ARCHIVES}/${usageUuid}`, body, la, { 'if-match': '"0"' });
      expect(written.status).toBe(200);
      expect(written.headers.get('etag')).toBe('"1"');
      expect(written.body).toMatchObject({
        archiveDuty: 'B',
        archiveType: { uuid: body.archiveTypeUuid, name: obligatory(archiveTypes)[0].name },
        location: { uuid: body.locationUuid, name: obligatory(locations)[0].name },
        testLocation: { uuid: body.testLocationUuid, name: obligatory(testLocations)[0].name },
        supplierOrganization: { uuid: supplierOrg, name: expect.stringMatching(/^Arkivleverandør /) },
        active: true,
        frequencyInMonths: 60,
        documentBearing: true,
        legalBasis: body.legalBasis,
        receivingArchive: body.receivingArchive,
        kleBasedDocumentDisposalAllowed: true,
        kleBasedDocumentDisposalDecisionDate: '2019-06-20',
        notification: body.notification,
        findings: [],
        version: 1,
      });
      expect((await api.get<Archive>(`${ARCHIVES}/${usageUuid}`, bearer(plainUser))).body).toEqual(written.body);

      // PATCH: only the fields sent; the permission to discard by KLE going takes its decision date with it
      const patched = await api.patch<Archive>(
        `${ARCHIVES}/${usageUuid}`,
        { notes: null, kleBasedDocumentDisposalAllowed: false },
        { ...bearer(sma), 'if-match': '"1"' },
      );
      expect(patched.status).toBe(200);
      expect(patched.body).toMatchObject({
        notes: null,
        kleBasedDocumentDisposalAllowed: false,
        kleBasedDocumentDisposalDecisionDate: null,
        archiveDuty: 'B',
        frequencyInMonths: 60,
        version: 2,
      });
      // nothing changed → no new version
      expect((await api.patch<Archive>(`${ARCHIVES}/${usageUuid}`, { notes: null }, bearer(la))).body.version).toBe(2);

      const replaced = await put(`${ARCHIVES}/${usageUuid}`, { archiveDuty: 'K' }, la);
      expect(replaced.body).toMatchObject({
        archiveDuty: 'K',
        archiveType: null,
        supplierOrganization: null,
        legalBasis: null,
        notification: null,
        version: 3,
      });

      await eventually(async () => {
        const events = await archivingEvents(usageUuid);
        expect(events.map((e) => [e.type, e.aggregate.version])).toEqual([
          ['archiving.usage-archive.changed', 1],
          ['archiving.usage-archive.changed', 2],
          ['archiving.usage-archive.changed', 3],
        ]);
        expect(events[0]).toMatchObject({
          organizationUuid: org,
          aggregate: { type: 'usage-archive', uuid: usageUuid },
          data: {
            archive: {
              usageUuid,
              organizationUuid: org,
              archiveDuty: 'B',
              recommendedArchiveDuty: 'B',
              nextDeliveryDue: null,
              findings: [],
              notes: 'Afleveres med ESDH',
            },
          },
        });
        expect(events[1].data.archive).toMatchObject({ notes: null });
        expect((events[1].data.changes as Array<{ field: string }>).map((c) => c.field).sort()).toEqual([
          'kleBasedDocumentDisposalAllowed',
          'kleBasedDocumentDisposalDecisionDate',
          'notes',
        ]);
      });
    });

    it('refuses invalid input with 400 naming each field', async () => {
      const { usageUuid } = await createUsage();
      const path = `${ARCHIVES}/${usageUuid}`;
      expectProblem(await api.patch(path, { frequencyInMonths: 0 }, bearer(la)), 400, 'frequencyInMonths');
      expectProblem(await api.patch(path, { frequencyInMonths: 1.5 }, bearer(la)), 400, 'frequencyInMonths');
      expectProblem(await api.patch(path, { archiveDuty: 'Maybe' }, bearer(la)), 400, 'archiveDuty');
      expectProblem(await api.patch(path, { colour: 'blue' }, bearer(la)), 400);
      expectProblem(await api.patch(path, { legalBasis: { text: '' } }, bearer(la)), 400, 'legalBasis.text');
      expectProblem(await api.patch(path, { receivingArchive: { kind: 'Other' } }, bearer(la)), 400, 'receivingArchive.name');
      expectProblem(
        await api.patch(path, { kleBasedDocumentDisposalDecisionDate: '2020-01-01' }, bearer(la)),
        400,
        'kleBasedDocumentDisposalDecisionDate',
      );
      expectProblem(
        await api.patch(path, { notification: { notifiedAt: '2024-02-01', approvedAt: '2024-03-01' } }, bearer(la)),
        400,
        'notification.approvedAt',
      );
      expectProblem(
        await api.patch(path, { notification: { notifiedAt: '2024-02-01', approved: true, approvedAt: '2024-01-01' } }, bearer(la)),
        400,
        'notification.approvedAt',
      );
      // options not available in the organisation (not activated, or of another kind) and unknown organisations
      const unavailable = await api.patch(
        path,
        {
          archiveTypeUuid: optional(archiveTypes)[0].uuid,
          locationUuid: obligatory(archiveTypes)[0].uuid,
          testLocationUuid: randomUUID(),
          supplierOrganizationUuid: randomUUID(),
        },
        bearer(la),
      );
      expectProblem(unavailable, 400);
      expect((unavailable.body as Problem).errors?.map((e) => e.field).sort()).toEqual([
        'archiveTypeUuid',
        'locationUuid',
        'supplierOrganizationUuid',
        'testLocationUuid',
      ]);
      expect((await api.get<Archive>(path, bearer(la))).body.version).toBe(0);
    });

    it('lets administrators write, members read, and hides the profile from everyone else', async () => {
      const { usageUuid } = await createUsage();
      const path = `${ARCHIVES}/${usageUuid}`;
      expect((await api.patch(path, { archiveDuty: 'B' }, bearer(sma))).status).toBe(200);
      expectProblem(await api.patch(path, { archiveDuty: 'K' }, bearer(plainUser)), 403);
      expectProblem(await put(path, { archiveDuty: 'K' }, plainUser), 403);
      expect((await api.get(path, bearer(plainUser))).status).toBe(200);
      // another organisation is refused as KITOS refuses it (403), reading, changing and deleting
      expectProblem(await api.get(path, bearer(otherLa)), 403);
      expectProblem(await api.patch(path, { archiveDuty: 'K' }, bearer(otherLa)), 403);
      expectProblem(await api.delete(path, bearer(otherLa)), 403);
      // KITOS GET …/permissions: by the same checks
      expect((await api.get(`${path}/permissions`, bearer(sma))).body).toEqual({ read: true, modify: true, delete: true });
      expect((await api.get(`${path}/permissions`, bearer(plainUser))).body).toEqual({ read: true, modify: false, delete: false });
      expectProblem(await api.get(`${path}/permissions`, bearer(otherLa)), 403);
      expectProblem(await api.get(`${ARCHIVES}/${randomUUID()}/permissions`, bearer(admin)), 404);
      expectProblem(await api.get(`${path}/permissions`), 401);
      expect((await api.get<{ archiveDuty?: string }>(path, bearer(plainUser))).body.archiveDuty).toBe('B');
      expectProblem(await api.get(path), 401);
      expectProblem(await api.get(`${ARCHIVES}/${randomUUID()}`, bearer(admin)), 404);
      expectProblem(await api.get(`${ARCHIVES}/not-a-uuid`, bearer(admin)), 400);
      // optimistic concurrency
      expectProblem(await api.patch(path, { archiveDuty: 'K' }, { ...bearer(la), 'if-match': '"7"' }), 412);
      expectProblem(await api.patch(path, { archiveDuty: 'K' }, { ...bearer(la), 'if-match': 'seven' }), 400, 'If-Match');
    });
  });

  describe('journal periods', () => {
    const periodsOf = (usageUuid: string) => `${USAGES}/${usageUuid}/journal-periods`;

    it('creates, reads, lists, replaces and deletes periods with the KITOS status codes', async () => {
      const { usageUuid } = await createUsage();
      const base = periodsOf(usageUuid);
      const created = await api.post<Period>(base, { archiveId: 'AV-2015', startDate: '2015-01-01', endDate: '2019-12-31' }, bearer(la));
      expect(created.status).toBe(201);
      expect(created.headers.get('etag')).toBe('"1"');
      expect(created.headers.get('location')).toBe(`${base}/${created.body.uuid}`);
      expect(created.body).toMatchObject({
        archiveId: 'AV-2015',
        startDate: '2015-01-01',
        endDate: '2019-12-31',
        status: 'Planned',
        approved: false,
        approvalDate: null,
      });

      // KITOS clients send `approved` and date-times (read as Danish days)
      const kitos = await api.post<Period>(
        base,
        { archiveId: 'AV-2010', startDate: '2009-12-31T23:00:00Z', endDate: '2014-12-31T12:00:00Z', approved: true },
        bearer(la),
      );
      expect(kitos.status).toBe(201);
      expect(kitos.body).toMatchObject({ startDate: '2010-01-01', endDate: '2014-12-31', status: 'Approved', approved: true });

      const listed = await api.get<Period[]>(base, bearer(plainUser));
      expect(listed.status).toBe(200);
      expect(listed.body.map((p) => p.archiveId)).toEqual(['AV-2010', 'AV-2015']);
      const one = await api.get<Period>(`${base}/${created.body.uuid}`, bearer(plainUser));
      expect(one.status).toBe(200);
      expect(one.headers.get('etag')).toBe('"2"');
      expect(one.body).toEqual(created.body);

      const replaced = await put<Period>(
        `${base}/${created.body.uuid}`,
        { archiveId: 'AV-2015b', startDate: '2015-01-01', endDate: '2019-12-31', status: 'Approved', approvalDate: '2020-06-30' },
        la,
        { 'if-match': '"2"' },
      );
      expect(replaced.status).toBe(200);
      expect(replaced.headers.get('etag')).toBe('"3"');
      expect(replaced.body).toMatchObject({
        uuid: created.body.uuid,
        archiveId: 'AV-2015b',
        status: 'Approved',
        approved: true,
        approvalDate: '2020-06-30',
      });
      expect((await api.get<Archive>(`${ARCHIVES}/${usageUuid}`, bearer(la))).body).toMatchObject({
        latestApprovedPeriodEnd: '2019-12-31',
        journalPeriods: [{ archiveId: 'AV-2010' }, { archiveId: 'AV-2015b' }],
      });

      const deleted = await api.delete(`${base}/${created.body.uuid}`, bearer(la));
      expect(deleted.status).toBe(204);
      expectProblem(await api.get(`${base}/${created.body.uuid}`, bearer(la)), 404);
      expectProblem(await put(`${base}/${created.body.uuid}`, { archiveId: 'X', startDate: '2030-01-01', endDate: '2030-12-31' }, la), 404);
      expectProblem(await api.delete(`${base}/${created.body.uuid}`, bearer(la)), 404);
      expect((await api.get<Period[]>(base, bearer(la))).body.map((p) => p.archiveId)).toEqual(['AV-2010']);
    });

    it('refuses invalid and overlapping periods with 400', async () => {
      const { usageUuid } = await createUsage();
      const base = periodsOf(usageUuid);
      const first = await api.post<Period>(base, { archiveId: 'A', startDate: '2010-01-01', endDate: '2014-12-31' }, bearer(la));
      expect(first.status).toBe(201);
      expectProblem(await api.post(base, { startDate: '2015-01-01', endDate: '2019-12-31' }, bearer(la)), 400, 'archiveId');
      expectProblem(await api.post(base, { archiveId: ' ', startDate: '2015-01-01', endDate: '2019-12-31' }, bearer(la)), 400, 'archiveId');
      expectProblem(await api.post(base, { archiveId: 'B', endDate: '2019-12-31' }, bearer(la)), 400, 'startDate');
      expectProblem(await api.post(base, { archiveId: 'B', startDate: '2019-01-01', endDate: '2018-12-31' }, bearer(la)), 400, 'endDate');
      expectProblem(await api.post(base, { archiveId: 'B', startDate: '2014-12-31', endDate: '2019-12-31' }, bearer(la)), 400, 'startDate');
      expectProblem(await api.post(base, { archiveId: 'B', startDate: '2009-01-01', endDate: '2020-12-31' }, bearer(la)), 400, 'startDate');
      expectProblem(
        await api.post(base, { archiveId: 'B', startDate: '2015-01-01', endDate: '2019-12-31', approvalDate: '2020-01-01' }, bearer(la)),
        400,
        'approvalDate',
      );
      expectProblem(
        await api.post(
          base,
          { archiveId: 'B', startDate: '2015-01-01', endDate: '2019-12-31', status: 'Planned', approved: true },
          bearer(la),
        ),
        400,
        'approved',
      );
      expectProblem(
        await api.post(base, { archiveId: 'B', startDate: '2015-01-01', endDate: '2019-12-31', status: 'Done' }, bearer(la)),
        400,
        'status',
      );
      // a period may be changed in place without overlapping itself, but not onto another
      const second = await api.post<Period>(base, { archiveId: 'B', startDate: '2015-01-01', endDate: '2019-12-31' }, bearer(la));
      expect(second.status).toBe(201);
      expect((await put(`${base}/${first.body.uuid}`, { archiveId: 'A', startDate: '2011-01-01', endDate: '2014-12-31' }, la)).status).toBe(
        200,
      );
      expectProblem(
        await put(`${base}/${first.body.uuid}`, { archiveId: 'A', startDate: '2011-01-01', endDate: '2015-01-01' }, la),
        400,
        'startDate',
      );
    });

    it('lets administrators write, members read, others nothing', async () => {
      const { usageUuid } = await createUsage();
      const base = periodsOf(usageUuid);
      const period = { archiveId: 'A', startDate: '2010-01-01', endDate: '2014-12-31' };
      expectProblem(await api.post(base, period, bearer(plainUser)), 403);
      expectProblem(await api.post(base, period, bearer(otherLa)), 403);
      const created = await api.post<Period>(base, period, bearer(sma));
      expect(created.status).toBe(201);
      expect((await api.get(base, bearer(plainUser))).status).toBe(200);
      expectProblem(await api.get(base, bearer(otherLa)), 403);
      expectProblem(await api.get(`${base}/${created.body.uuid}`, bearer(otherLa)), 403);
      expectProblem(await put(`${base}/${created.body.uuid}`, period, otherLa), 403);
      expectProblem(await api.delete(`${base}/${created.body.uuid}`, bearer(otherLa)), 403);
      expectProblem(await put(`${base}/${created.body.uuid}`, period, plainUser), 403);
      expectProblem(await api.delete(`${base}/${created.body.uuid}`, bearer(plainUser)), 403);
      expectProblem(await api.delete(`${base}/${created.body.uuid}`, { ...bearer(la), 'if-match': '"9"' }), 412);
      expectProblem(await api.post(periodsOf(randomUUID()), period, bearer(admin)), 404);
      expectProblem(await api.get(base), 401);
    });
  });

  describe('recommendation, deliveries and findings', () => {
    it('shows a disagreement with the recommendation and re-judges it when the catalogue changes the recommendation', async () => {
      const { usageUuid, systemUuid } = await createUsage('K');
      const written = await api.patch<Archive>(`${ARCHIVES}/${usageUuid}`, { archiveDuty: 'B' }, bearer(la));
      expect(written.body).toMatchObject({ recommendedArchiveDuty: { id: 'K' }, findings: ['DisagreesWithRecommendation'] });
      // Undecided is no decision: no disagreement
      const undecided = await api.patch<Archive>(`${ARCHIVES}/${usageUuid}`, { archiveDuty: 'Undecided' }, bearer(la));
      expect(undecided.body.findings).toEqual([]);
      await api.patch(`${ARCHIVES}/${usageUuid}`, { archiveDuty: 'B' }, bearer(la));

      expect(
        (
          await api.patch(
            `/api/v2/it-systems/${systemUuid}`,
            { recommendedArchiveDuty: { id: 'B', comment: 'd-guldliste 2024' } },
            bearer(admin),
          )
        ).status,
      ).toBe(200);
      await eventually(async () => {
        const events = await archivingEvents(usageUuid);
        expect(events.at(-1)?.data).toMatchObject({
          archive: { recommendedArchiveDuty: 'B', findings: [] },
          changes: expect.arrayContaining([
            { field: 'recommendedArchiveDuty', oldValue: 'K', newValue: 'B' },
            { field: 'findings', oldValue: ['DisagreesWithRecommendation'], newValue: [] },
          ]),
        });
        expect(events.at(-1)?.aggregate.version).toBe(4);
      });
      expect((await api.get<Archive>(`${ARCHIVES}/${usageUuid}`, bearer(la))).body).toMatchObject({
        recommendedArchiveDuty: { id: 'B', comment: 'd-guldliste 2024' },
        findings: [],
        version: 4,
      });
    });

    it('computes the next delivery due and lists the overdue deliveries of the organisation', async () => {
      const overdue = await createUsage('B');
      await api.patch(`${ARCHIVES}/${overdue.usageUuid}`, { archiveDuty: 'B', frequencyInMonths: 12 }, bearer(la));
      const firstOnly = await api.post(
        `${USAGES}/${overdue.usageUuid}/journal-periods`,
        { archiveId: 'P', startDate: '2010-01-31', endDate: '2010-12-31' },
        bearer(la),
      );
      expect(firstOnly.status).toBe(201);
      // none approved: the first start + the frequency
      expect((await api.get<Archive>(`${ARCHIVES}/${overdue.usageUuid}`, bearer(la))).body).toMatchObject({
        nextDeliveryDue: '2011-01-31',
        latestApprovedPeriodEnd: null,
      });
      await api.post(
        `${USAGES}/${overdue.usageUuid}/journal-periods`,
        { archiveId: 'Q', startDate: '2011-01-01', endDate: '2015-01-31', status: 'Approved' },
        bearer(la),
      );
      const judged = (await api.get<Archive>(`${ARCHIVES}/${overdue.usageUuid}`, bearer(la))).body;
      // the latest approved end + 12 months
      expect(judged).toMatchObject({ nextDeliveryDue: '2016-01-31', latestApprovedPeriodEnd: '2015-01-31', findings: ['DeliveryOverdue'] });

      const onTime = await createUsage('B');
      await api.patch(`${ARCHIVES}/${onTime.usageUuid}`, { archiveDuty: 'B', frequencyInMonths: 600 }, bearer(la));
      await api.post(
        `${USAGES}/${onTime.usageUuid}/journal-periods`,
        { archiveId: 'R', startDate: '2020-01-01', endDate: '2024-02-29', approved: true },
        bearer(la),
      );
      expect((await api.get<Archive>(`${ARCHIVES}/${onTime.usageUuid}`, bearer(la))).body).toMatchObject({
        nextDeliveryDue: '2074-02-28',
        findings: [],
      });

      // K is never delivered
      const discarded = await createUsage('K');
      await api.patch(`${ARCHIVES}/${discarded.usageUuid}`, { archiveDuty: 'K', frequencyInMonths: 1 }, bearer(la));
      await api.post(
        `${USAGES}/${discarded.usageUuid}/journal-periods`,
        { archiveId: 'S', startDate: '2000-01-01', endDate: '2000-12-31' },
        bearer(la),
      );
      expect((await api.get<Archive>(`${ARCHIVES}/${discarded.usageUuid}`, bearer(la))).body.nextDeliveryDue).toBeNull();

      await eventually(async () => {
        const events = await archivingEvents(overdue.usageUuid);
        expect(events.at(-1)?.data.archive).toMatchObject({
          nextDeliveryDue: '2016-01-31',
          latestApprovedPeriodEnd: '2015-01-31',
          findings: ['DeliveryOverdue'],
        });
      });

      const path = `/api/v2/organizations/${org}/archiving/overdue-deliveries`;
      const list = await api.get<Array<{ usage: Pair; nextDeliveryDue: string; daysOverdue: number; frequencyInMonths: number }>>(
        path,
        bearer(plainUser),
      );
      expect(list.status).toBe(200);
      const uuids = list.body.map((r) => r.usage.uuid);
      expect(uuids).toContain(overdue.usageUuid);
      expect(uuids).not.toContain(onTime.usageUuid);
      expect(uuids).not.toContain(discarded.usageUuid);
      expect(list.body.find((r) => r.usage.uuid === overdue.usageUuid)).toMatchObject({
        usage: { name: overdue.systemName },
        nextDeliveryDue: '2016-01-31',
        frequencyInMonths: 12,
        daysOverdue: expect.any(Number),
      });
      expect(list.body.find((r) => r.usage.uuid === overdue.usageUuid)!.daysOverdue).toBeGreaterThan(3000);
      expectProblem(await api.get(path, bearer(otherLa)), 403);
      expectProblem(await api.get(`/api/v2/organizations/${randomUUID()}/archiving/overdue-deliveries`, bearer(admin)), 404);
      expectProblem(await api.get(path), 401);
    });
  });

  describe('the archiving overview', () => {
    it('lists every usage of the organisation as JSON, CSV and XLSX', async () => {
      const organizationUuid = await createOrganization(api, admin, { name: `Overblik ${randomUUID().slice(0, 6)}` });
      const member = await sessionOf(api, await createUser(api, admin, [{ organizationUuid, role: 'User' }]));
      const described = await createUsage('K', organizationUuid);
      const bare = await createUsage(undefined, organizationUuid);
      await api.patch(
        `${ARCHIVES}/${described.usageUuid}`,
        {
          archiveDuty: 'B',
          frequencyInMonths: 60,
          legalBasis: { text: 'Bek. 183/2018; bilag 1', decisionDate: '2018-03-01' },
          receivingArchive: { kind: 'Rigsarkivet' },
        },
        bearer(admin),
      );
      await api.post(
        `${USAGES}/${described.usageUuid}/journal-periods`,
        { archiveId: 'AV-1', startDate: '2010-01-01', endDate: '2014-12-31', approved: true },
        bearer(admin),
      );
      const path = `/api/v2/organizations/${organizationUuid}/archiving/overview`;

      type Row = {
        usage: Pair;
        archiveDuty: string | null;
        recommendedArchiveDuty: string | null;
        journalPeriods: Period[];
        findings: string[];
        nextDeliveryDue: string | null;
        legalBasis: unknown;
      };
      const json = await eventually(async () => {
        const result = await api.get<Row[]>(path, bearer(member));
        expect(result.status).toBe(200);
        expect(result.body.map((r) => r.usage.uuid).sort()).toEqual([described.usageUuid, bare.usageUuid].sort());
        return result.body;
      });
      expect(json.find((r) => r.usage.uuid === described.usageUuid)).toMatchObject({
        usage: { name: described.systemName },
        archiveDuty: 'B',
        recommendedArchiveDuty: 'K',
        legalBasis: { text: 'Bek. 183/2018; bilag 1', reference: null, decisionDate: '2018-03-01' },
        journalPeriods: [{ archiveId: 'AV-1', status: 'Approved' }],
        nextDeliveryDue: '2019-12-31',
        findings: ['DisagreesWithRecommendation', 'DeliveryOverdue'],
      });
      expect(json.find((r) => r.usage.uuid === bare.usageUuid)).toMatchObject({ archiveDuty: null, journalPeriods: [], findings: [] });

      const csv = await fetch(`${system.gatewayUrl}${path}?format=csv`, { headers: bearer(member) });
      expect(csv.status).toBe(200);
      expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
      expect(csv.headers.get('content-disposition')).toContain('.csv');
      const bytes = Buffer.from(await csv.arrayBuffer());
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const lines = bytes.toString('utf8').slice(1).trimEnd().split('\r\n');
      expect(lines).toHaveLength(3);
      expect(lines[0].split(';')).toEqual(expect.arrayContaining(['Usage UUID', 'Archive duty', 'Journal periods', 'Findings']));
      const describedLine = lines.find((l) => l.startsWith(described.usageUuid))!;
      expect(describedLine).toContain('"Bek. 183/2018; bilag 1"');
      expect(describedLine).toContain('AV-1 2010-01-01–2014-12-31 Approved');
      expect(describedLine).toContain('DisagreesWithRecommendation, DeliveryOverdue');

      const xlsx = await fetch(`${system.gatewayUrl}${path}?format=xlsx`, { headers: bearer(member) });
      expect(xlsx.status).toBe(200);
      expect(xlsx.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(await xlsx.arrayBuffer());
      const sheet = workbook.getWorksheet('Arkivering')!;
      const headers = (sheet.getRow(1).values as unknown[]).slice(1);
      expect(sheet.rowCount).toBe(3);
      const rows = [2, 3].map((n) => Object.fromEntries(headers.map((h, i) => [h as string, sheet.getRow(n).getCell(i + 1).value])));
      expect(rows.find((r) => r['Usage UUID'] === described.usageUuid)).toMatchObject({
        'IT system': described.systemName,
        'Archive duty': 'B',
        'Recommended archive duty': 'K',
        'Frequency (months)': 60,
        'Next delivery due': '2019-12-31',
        Findings: 'DisagreesWithRecommendation, DeliveryOverdue',
      });

      expectProblem(await api.get(`${path}?format=pdf`, bearer(member)), 400, 'format');
      expectProblem(await api.get(path, bearer(otherLa)), 403);
    });
  });

  describe('deletion of the usage', () => {
    it('removes the profile and its periods with a tombstone event', async () => {
      const { usageUuid } = await createUsage();
      await api.patch(`${ARCHIVES}/${usageUuid}`, { archiveDuty: 'B' }, bearer(la));
      await api.post(
        `${USAGES}/${usageUuid}/journal-periods`,
        { archiveId: 'A', startDate: '2010-01-01', endDate: '2014-12-31' },
        bearer(la),
      );
      expect((await api.delete(`${USAGES}/${usageUuid}`, bearer(la))).status).toBe(204);
      await eventually(async () => {
        const events = await archivingEvents(usageUuid);
        expect(events.at(-1)).toMatchObject({
          type: 'archiving.usage-archive.deleted',
          organizationUuid: org,
          aggregate: { uuid: usageUuid, version: 3 },
          data: { usageUuid, organizationUuid: org },
        });
      });
      expectProblem(await api.get(`${ARCHIVES}/${usageUuid}`, bearer(la)), 404);
      expectProblem(await api.get(`${USAGES}/${usageUuid}/journal-periods`, bearer(la)), 404);
      expectProblem(await api.patch(`${ARCHIVES}/${usageUuid}`, { archiveDuty: 'K' }, bearer(la)), 404);
    });
  });
});
