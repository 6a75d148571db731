import { eventually, resetJetStream } from '@kitos/testing';
import ExcelJS from 'exceljs';
import { createUsage, download, parseCsv } from '../support/gdpr';
import { adminToken, bearer, createOrganization, createUser, sessionOf } from '../support/identity';
import { http, startSystem, type RunningSystem } from '../support/system';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const DPO = { name: 'Søren Ødegård', email: 'dpo@aeblerod.dk', phone: '86 12 34 56' };

/**
 * Processing activities, the Article 30 record (JSON, CSV, XLSX), the GDPR report and the dashboard, for an organisation
 * seeded through the API: usages with GDPR registrations, a processing activity, registrations (DPAs) of its own, and a
 * registration of another organisation that names it as processor.
 */
describe('Processing activities, the Article 30 record and the compliance dashboard', () => {
  let system: RunningSystem;
  let api: ReturnType<typeof http>;
  let admin: string;
  let org: string;
  let supplier: string;
  let neighbour: string;
  let member: string;
  let outsider: string;
  let u1: string;
  let u2: string;
  let u3: string;
  let u4: string;
  let neighbourUsage: string;
  let activityUuid: string;
  let sensitive: { uuid: string; name: string };
  let country: { uuid: string; name: string };
  let dprUuid: string;
  let neighbourDpr: string;

  const post = async (path: string, body: unknown, token = admin) => {
    const result = await api.post<Json>(path, body, bearer(token));
    if (result.status !== 201) throw new Error(`${path} answered ${result.status}: ${JSON.stringify(result.body)}`);
    return result.body;
  };
  const patchGdpr = async (usage: string, body: unknown) => {
    const result = await api.patch<Json>(`/api/v2/it-system-usages/${usage}/gdpr`, body, bearer(admin));
    if (result.status !== 200) throw new Error(`gdpr answered ${result.status}: ${JSON.stringify(result.body)}`);
  };

  beforeAll(async () => {
    await resetJetStream();
    system = await startSystem({ services: ['identity', 'catalog', 'gdpr'] });
    api = http(system.gatewayUrl);
    admin = await adminToken(api);
    org = await createOrganization(api, admin, {
      name: 'Æblerød Kommune',
      address: 'Rådhuspladsen 1, 8000 Århus',
      email: 'post@aeblerod.dk',
      dataProtectionOfficer: DPO,
    });
    supplier = await createOrganization(api, admin, { name: 'Leverandør ApS', organizationType: 'Company' });
    neighbour = await createOrganization(api, admin, { name: 'Nabø Kommune' });
    member = await sessionOf(api, await createUser(api, admin, [{ organizationUuid: org, role: 'User' }]));
    outsider = await sessionOf(api, await createUser(api, admin, [{ organizationUuid: neighbour, role: 'LocalAdmin' }]));

    // the catalogue seeds its default option values in the background after start
    const firstOption = (kind: string) =>
      eventually(async () => {
        const values = (await api.get<Json[]>(`/api/v2/${kind}?organizationUuid=${org}`, bearer(admin))).body;
        expect(values.length).toBeGreaterThan(0);
        return values[0] as { uuid: string; name: string };
      });
    sensitive = await firstOption('it-system-usage-sensitive-personal-data-types');
    country = await firstOption('data-processing-registration-country-types');

    u1 = (await createUsage(api, admin, org, 'Borgerservice Ærø')).usageUuid;
    u2 = (await createUsage(api, admin, org, 'Løn og Økonomi')).usageUuid;
    u3 = (await createUsage(api, admin, org, 'Vejrudsigt')).usageUuid;
    u4 = (await createUsage(api, admin, org, 'Ukendt fagsystem')).usageUuid;
    neighbourUsage = (await createUsage(api, admin, neighbour, 'Nabøs journal')).usageUuid;

    await patchGdpr(u1, {
      purpose: 'Sagsbehandling i borgerservice',
      dataSensitivityLevels: ['PersonData', 'SensitiveData'],
      sensitivePersonDataUuids: [sensitive.uuid],
      specificPersonalData: ['CprNumber'],
      technicalPrecautionsInPlace: 'Yes',
      technicalPrecautionsApplied: ['Encryption', 'AccessControl'],
      riskAssessmentConducted: 'Yes',
      riskAssessmentConductedDate: '2020-01-15',
      riskAssessmentResult: 'Medium',
      dpiaConducted: 'No',
      retentionPeriodDefined: 'Yes',
      nextDataRetentionEvaluationDate: '2027-01-01',
      dataRetentionEvaluationFrequencyInMonths: 12,
    });
    await patchGdpr(u2, { dataSensitivityLevels: ['PersonData'], riskAssessmentConducted: 'No', retentionPeriodDefined: 'No' });
    await patchGdpr(u3, { dataSensitivityLevels: ['None'] });

    dprUuid = (
      await post('/api/v2/data-processing-registrations', {
        organizationUuid: org,
        name: 'Databehandleraftale – Borgerservice',
        general: {
          isAgreementConcluded: 'Yes',
          agreementConcludedAt: '2023-02-01',
          dataProcessorUuids: [supplier],
          transferToInsecureThirdCountries: 'Yes',
          insecureCountriesSubjectToDataTransferUuids: [country.uuid],
        },
        systemUsageUuids: [u1],
        oversight: { oversightInterval: 'Yearly', isOversightCompleted: 'Yes', oversightDates: [{ completedAt: '2020-03-01' }] },
      })
    ).uuid;
    neighbourDpr = (
      await post('/api/v2/data-processing-registrations', {
        organizationUuid: neighbour,
        name: 'Nabøs aftale med Æblerød',
        general: { isAgreementConcluded: 'Yes', dataProcessorUuids: [org], transferToInsecureThirdCountries: 'No' },
        systemUsageUuids: [neighbourUsage],
      })
    ).uuid;
  });

  afterAll(async () => {
    await system?.close();
  });

  describe('processing activities', () => {
    const body = () => ({
      organizationUuid: org,
      name: 'Behandling af ansøgninger om boligstøtte',
      purposes: ['Afgørelse om boligstøtte'],
      legalBases: ['Art6-1-e', 'Art9-2-b'],
      nationalLawReferences: ['Databeskyttelseslovens § 7'],
      dataCategories: [
        {
          dataSubjectCategory: 'Ansøgere',
          personalDataCategory: 'CPR-nummer og indkomst',
          sensitivity: 'PersonData',
          retentionPeriod: '5 år efter sagens afslutning',
        },
        { dataSubjectCategory: 'Børn i husstanden', personalDataCategory: 'Helbredsoplysninger', sensitivity: 'SensitiveData' },
      ],
      recipients: [
        { name: 'Udbetaling Danmark', category: 'Offentlig myndighed' },
        { name: 'Cloud Inc.', category: 'Underleverandør', thirdCountry: true, country: 'US' },
      ],
      systemUsageUuids: [u1],
      securityMeasures: 'Adgangsstyring efter arbejdsbetinget behov',
    });

    it('registers an activity (201) with its findings; members read it, others do not see it', async () => {
      const created = await api.post<Json>('/api/v2/processing-activities', body(), bearer(admin));
      expect(created.status).toBe(201);
      activityUuid = created.body.uuid;
      expect(created.body).toMatchObject({
        organizationContext: { uuid: org, name: 'Æblerød Kommune' },
        systemUsages: [{ uuid: u1, name: 'Borgerservice Ærø' }],
        dataProtectionOfficer: DPO,
        version: 1,
      });
      expect(created.body.findings).toEqual([
        expect.objectContaining({ article: '30(1)(e)', field: 'recipients[1].transferBasis' }),
        expect.objectContaining({ article: '30(1)(f)', field: 'dataCategories[1].retentionPeriod' }),
      ]);
      expect((await api.get(`/api/v2/processing-activities/${activityUuid}`, bearer(member))).status).toBe(200);
      expect((await api.get(`/api/v2/processing-activities/${activityUuid}`, bearer(outsider))).status).toBe(404);
      const listed = await api.get<Json[]>(`/api/v2/processing-activities?organizationUuid=${org}`, bearer(outsider));
      expect(listed.body).toEqual([]);
      const mine = await api.get<Json[]>(`/api/v2/processing-activities?systemUsageUuid=${u1}`, bearer(member));
      expect(mine.body.map((a) => a.uuid)).toEqual([activityUuid]);
    });

    it('refuses a second activity with the same name in the organisation (409)', async () => {
      const again = await api.post<Json>(
        '/api/v2/processing-activities',
        { ...body(), name: 'BEHANDLING af ansøgninger om boligstøtte', systemUsageUuids: [] },
        bearer(admin),
      );
      expect(again.status).toBe(409);
    });

    it('refuses usages of another organisation, duplicates and joint controllers without joint control (400 by field)', async () => {
      const result = await api.post<Json>(
        '/api/v2/processing-activities',
        { ...body(), name: 'Andet', systemUsageUuids: [neighbourUsage, u2, u2], jointControllers: [{ name: 'Region' }] },
        bearer(admin),
      );
      expect(result.status).toBe(400);
      expect(result.body.errors.map((e: Json) => e.field).sort()).toEqual([
        'jointControllers',
        'systemUsageUuids[0]',
        'systemUsageUuids[2]',
      ]);
      const badBasis = await api.post<Json>(
        '/api/v2/processing-activities',
        { ...body(), name: 'Andet', legalBases: ['Art99'] },
        bearer(admin),
      );
      expect(badBasis.status).toBe(400);
    });

    it('refuses writes by plain members (403) and creation in another organisation (403)', async () => {
      expect((await api.patch(`/api/v2/processing-activities/${activityUuid}`, { purposes: [] }, bearer(member))).status).toBe(403);
      expect((await api.post('/api/v2/processing-activities', { ...body(), name: 'X' }, bearer(outsider))).status).toBe(403);
      expect((await api.patch(`/api/v2/processing-activities/${activityUuid}`, { purposes: [] }, bearer(outsider))).status).toBe(404);
    });

    it('PATCH changes the fields sent; a stale If-Match → 412', async () => {
      const stale = await api.patch(
        `/api/v2/processing-activities/${activityUuid}`,
        { description: 'x' },
        { ...bearer(admin), 'if-match': '"99"' },
      );
      expect(stale.status).toBe(412);
      const patched = await api.patch<Json>(
        `/api/v2/processing-activities/${activityUuid}`,
        { description: 'Boligstøtte efter lov om individuel boligstøtte' },
        bearer(admin),
      );
      expect(patched.status).toBe(200);
      expect(patched.body).toMatchObject({
        description: 'Boligstøtte efter lov om individuel boligstøtte',
        purposes: ['Afgørelse om boligstøtte'],
        version: 2,
      });
    });

    it('loses a linked usage when the usage is deleted', async () => {
      const { usageUuid: temp } = await createUsage(api, admin, org, 'Midlertidigt');
      const created = await post('/api/v2/processing-activities', {
        ...body(),
        name: 'Midlertidig behandling',
        systemUsageUuids: [temp, u2],
      });
      expect((await api.delete(`/api/v2/it-system-usages/${temp}`, bearer(admin))).status).toBe(204);
      await eventually(async () => {
        const read = await api.get<Json>(`/api/v2/processing-activities/${created.uuid}`, bearer(admin));
        expect(read.body.systemUsages.map((u: Json) => u.uuid)).toEqual([u2]);
      });
      expect((await api.delete(`/api/v2/processing-activities/${created.uuid}`, bearer(admin))).status).toBe(204);
      expect((await api.get(`/api/v2/processing-activities/${created.uuid}`, bearer(admin))).status).toBe(404);
    });
  });

  describe('Article 30 record', () => {
    let record: Json;

    beforeAll(async () => {
      record = await eventually(async () => {
        const result = await api.get<Json>(`/api/v2/organizations/${org}/gdpr/article-30`, bearer(member));
        expect(result.status).toBe(200);
        expect(result.body.processorRecord).toHaveLength(1);
        const usage1 = result.body.controllerRecord.find((e: Json) => e.uuid === u1);
        expect(usage1.recipients).toContain('Leverandør ApS (databehandler)');
        return result.body;
      });
    });

    it('is for members only (403 for others, 401 without a token, 400 for an unknown format)', async () => {
      expect((await api.get(`/api/v2/organizations/${org}/gdpr/article-30`, bearer(outsider))).status).toBe(403);
      expect((await api.get(`/api/v2/organizations/${org}/gdpr/article-30`)).status).toBe(401);
      expect((await api.get(`/api/v2/organizations/${org}/gdpr/article-30?format=pdf`, bearer(admin))).status).toBe(400);
      const unknown = '5b0f3c1e-2a4d-4e6f-8a9b-0c1d2e3f4a5b';
      expect((await api.get(`/api/v2/organizations/${unknown}/gdpr/article-30`, bearer(admin))).status).toBe(404);
      expect((await api.get(`/api/v2/processing-activities/${unknown}`, bearer(admin))).status).toBe(404);
      expect((await api.get('/api/v2/processing-activities/not-a-uuid', bearer(admin))).status).toBe(400);
    });

    it('names the controller and its DPO, Art. 30(1)(a)', () => {
      expect(record.controller).toEqual({
        organizationUuid: org,
        name: 'Æblerød Kommune',
        cvr: null,
        address: 'Rådhuspladsen 1, 8000 Århus',
        email: 'post@aeblerod.dk',
        phone: null,
        dataController: null,
        dataProtectionOfficer: DPO,
      });
      expect(record.organizationFindings).toEqual([]);
    });

    it('lists the activity first, then the usages processing personal data (not those with None)', () => {
      expect(record.controllerRecord.map((e: Json) => [e.kind, e.uuid])).toEqual([
        ['processingActivity', activityUuid],
        ['systemUsage', u1],
        ['systemUsage', u2],
        ['systemUsage', u4],
      ]);
      expect(record.controllerRecord.map((e: Json) => e.uuid)).not.toContain(u3);
    });

    it('records the activity field by field, with its findings', () => {
      expect(record.controllerRecord[0]).toEqual({
        kind: 'processingActivity',
        uuid: activityUuid,
        name: 'Behandling af ansøgninger om boligstøtte',
        jointControllers: [],
        representative: null,
        purposes: ['Afgørelse om boligstøtte'],
        legalBases: ['GDPR art. 6, stk. 1, litra e', 'GDPR art. 9, stk. 2, litra b', 'Databeskyttelseslovens § 7'],
        dataSubjectCategories: ['Ansøgere', 'Børn i husstanden'],
        personalDataCategories: ['CPR-nummer og indkomst', 'Helbredsoplysninger'],
        recipients: ['Udbetaling Danmark (Offentlig myndighed)', 'Cloud Inc. (Underleverandør)'],
        thirdCountryTransfers: ['Cloud Inc.: US'],
        erasureTimeLimits: ['CPR-nummer og indkomst (Ansøgere): 5 år efter sagens afslutning'],
        securityMeasures: ['Adgangsstyring efter arbejdsbetinget behov', 'Kryptering', 'Adgangsstyring'],
        systems: ['Borgerservice Ærø'],
        findings: [
          {
            article: '30(1)(e)',
            field: 'recipients[1].transferBasis',
            message: 'The transfer basis or safeguards for recipient "Cloud Inc." are not documented',
          },
          {
            article: '30(1)(f)',
            field: 'dataCategories[1].retentionPeriod',
            message: 'No erasure deadline for "Helbredsoplysninger" about "Børn i husstanden"',
          },
        ],
      });
    });

    it('records a usage from its registration, its DPA and its activities', () => {
      const entry = record.controllerRecord[1];
      expect(entry).toEqual({
        kind: 'systemUsage',
        uuid: u1,
        name: 'Borgerservice Ærø',
        jointControllers: [],
        representative: null,
        purposes: ['Sagsbehandling i borgerservice', 'Afgørelse om boligstøtte'],
        legalBases: ['GDPR art. 6, stk. 1, litra e', 'GDPR art. 9, stk. 2, litra b', 'Databeskyttelseslovens § 7'],
        dataSubjectCategories: ['Ansøgere', 'Børn i husstanden'],
        personalDataCategories: [
          'Almindelige personoplysninger',
          'Følsomme personoplysninger',
          sensitive.name,
          'CPR-nummer',
          'CPR-nummer og indkomst',
          'Helbredsoplysninger',
        ],
        recipients: ['Leverandør ApS (databehandler)', 'Udbetaling Danmark (Offentlig myndighed)', 'Cloud Inc. (Underleverandør)'],
        thirdCountryTransfers: [`${country.name} (Databehandleraftale – Borgerservice)`, 'US (Cloud Inc.)'],
        erasureTimeLimits: [
          'Bevaringsfrist defineret; næste evaluering 2027-01-01, hver 12. måned',
          'CPR-nummer og indkomst: 5 år efter sagens afslutning',
        ],
        securityMeasures: ['Kryptering', 'Adgangsstyring', 'Adgangsstyring efter arbejdsbetinget behov'],
        systems: ['Borgerservice Ærø'],
        findings: [],
      });
    });

    it('lists every missing mandatory field of an unregistered usage as a finding', () => {
      const unknown = record.controllerRecord.find((e: Json) => e.uuid === u4);
      expect(unknown.findings.map((f: Json) => `${f.article} ${f.field}`)).toEqual([
        '30(1)(c) dataSensitivityLevels',
        '30(1)(b) purpose',
        '30(1)(c) dataSubjectCategories',
        '30(1)(d) recipients',
        '30(1)(f) retentionPeriodDefined',
        '30(1)(g) technicalPrecautionsApplied',
      ]);
    });

    it('has the processor view, Art. 30(2), from the registration of the organisation it processes for', () => {
      expect(record.processorRecord).toEqual([
        {
          dataProcessingRegistrationUuid: neighbourDpr,
          name: 'Nabøs aftale med Æblerød',
          controller: { uuid: neighbour, name: 'Nabø Kommune' },
          controllerDataProtectionOfficer: null,
          categoriesOfProcessing: ['Nabøs aftale med Æblerød', 'Nabøs journal'],
          thirdCountryTransfers: [],
          securityMeasures: [],
          findings: [
            {
              article: '30(2)(a)',
              field: 'controllerDataProtectionOfficer',
              message: "The controller's data protection officer is not known",
            },
            {
              article: '30(2)(d)',
              field: 'securityMeasures',
              message: 'No technical or organisational security measures are registered on the systems',
            },
          ],
        },
      ]);
    });

    /** The cells every format must show for the record, from the JSON record checked above. */
    function expectedRows(): string[][] {
      const j = (v: string[]) => v.join('\n');
      const f = (e: Json) => e.findings.map((x: Json) => `${x.article} ${x.field}: ${x.message}`).join('\n');
      const dpo = `${DPO.name}, ${DPO.email}, ${DPO.phone}`;
      const rows = [
        [
          'Art. 30(1)(a)',
          'Organisation',
          'Æblerød Kommune',
          org,
          'Æblerød Kommune, Rådhuspladsen 1, 8000 Århus, post@aeblerod.dk',
          '',
          dpo,
          '',
          '',
          '',
          '',
          '',
          '',
          '',
          '',
          '',
          '',
        ],
      ];
      for (const e of record.controllerRecord)
        rows.push([
          'Art. 30(1)',
          e.kind === 'processingActivity' ? 'Behandlingsaktivitet' : 'IT-system',
          e.name,
          e.uuid,
          'Æblerød Kommune',
          j(e.jointControllers),
          dpo,
          j(e.purposes),
          j(e.legalBases),
          j(e.dataSubjectCategories),
          j(e.personalDataCategories),
          j(e.recipients),
          j(e.thirdCountryTransfers),
          j(e.erasureTimeLimits),
          j(e.securityMeasures),
          j(e.systems),
          f(e),
        ]);
      const p = record.processorRecord[0];
      rows.push([
        'Art. 30(2)',
        'Databehandler',
        p.name,
        p.dataProcessingRegistrationUuid,
        'Nabø Kommune',
        '',
        '',
        j(p.categoriesOfProcessing),
        '',
        '',
        '',
        'Æblerød Kommune',
        '',
        '',
        '',
        'Nabøs journal',
        f(p),
      ]);
      return rows;
    }

    it('streams the same record as CSV: UTF-8 with BOM, ; separated, correct æøå', async () => {
      const csv = await download(system.gatewayUrl, `/api/v2/organizations/${org}/gdpr/article-30?format=csv`, member);
      expect(csv.status).toBe(200);
      expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      expect(csv.headers.get('content-disposition')).toMatch(/^attachment; filename="fortegnelse-art30-.*\.csv"$/);
      expect([...csv.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const rows = parseCsv(csv.bytes.toString('utf8').slice(1));
      expect(rows[0][0]).toBe('Del');
      expect(rows[0]).toHaveLength(17);
      expect(rows[0][14]).toBe('(g) Tekniske og organisatoriske sikkerhedsforanstaltninger');
      expect(rows.slice(1)).toEqual(expectedRows());
    });

    it('streams the same record as XLSX (parsed back with exceljs): one sheet per part and the findings', async () => {
      const xlsx = await download(system.gatewayUrl, `/api/v2/organizations/${org}/gdpr/article-30?format=xlsx`, member);
      expect(xlsx.status).toBe(200);
      expect(xlsx.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(xlsx.bytes as unknown as ArrayBuffer);
      expect(workbook.worksheets.map((w) => w.name)).toEqual([
        'Dataansvarlig',
        'Fortegnelse art. 30(1)',
        'Databehandler art. 30(2)',
        'Mangler',
      ]);
      const values = (name: string) => {
        const rows: string[][] = [];
        workbook.getWorksheet(name)!.eachRow((row) => {
          const cells = row.values as unknown[]; // 1-based and sparse: empty cells are holes
          rows.push(
            Array.from({ length: Math.max(cells.length - 1, 0) }, (_, i) =>
              cells[i + 1] === null || cells[i + 1] === undefined ? '' : String(cells[i + 1]),
            ),
          );
        });
        return rows;
      };
      const pad = (row: string[]) => [...row, ...Array(17 - row.length).fill('')];
      const expected = expectedRows();
      expect(values('Fortegnelse art. 30(1)').slice(1).map(pad)).toEqual(expected.slice(1, -1));
      expect(values('Databehandler art. 30(2)').slice(1).map(pad)).toEqual(expected.slice(-1));
      const controller = Object.fromEntries(
        values('Dataansvarlig')
          .slice(1)
          .map(([k, v]) => [k, v ?? '']),
      );
      expect(controller).toMatchObject({
        Navn: 'Æblerød Kommune',
        Adresse: 'Rådhuspladsen 1, 8000 Århus',
        'Databeskyttelsesrådgiver (DPO)': `${DPO.name}, ${DPO.email}, ${DPO.phone}`,
      });
      const findings = values('Mangler').slice(1);
      const count =
        record.controllerRecord.reduce((n: number, e: Json) => n + e.findings.length, 0) + record.processorRecord[0].findings.length;
      expect(findings).toHaveLength(count);
      expect(findings[0]).toEqual([
        'Behandlingsaktivitet',
        'Behandling af ansøgninger om boligstøtte',
        activityUuid,
        '30(1)(e)',
        'recipients[1].transferBasis',
        'The transfer basis or safeguards for recipient "Cloud Inc." are not documented',
      ]);
    });
  });

  describe('GDPR report (one row per usage)', () => {
    it('shows the GDPR flags, DPA concluded and insecure countries, in JSON, CSV and XLSX', async () => {
      const rows = await api.get<Json[]>(`/api/v2/organizations/${org}/gdpr/report`, bearer(member));
      expect(rows.status).toBe(200);
      expect(rows.body.map((r) => r.systemName)).toEqual(['Borgerservice Ærø', 'Løn og Økonomi', 'Ukendt fagsystem', 'Vejrudsigt']);
      expect(rows.body[0]).toMatchObject({
        usageUuid: u1,
        dataSensitivityLevels: ['Almindelige personoplysninger', 'Følsomme personoplysninger'],
        sensitivePersonData: [sensitive.name],
        specificPersonalData: ['CPR-nummer'],
        dataProcessingAgreementConcluded: true,
        insecureThirdCountries: [country.name],
        riskAssessmentConductedDate: '2020-01-15',
        dpiaConducted: 'No',
      });
      expect(rows.body[1]).toMatchObject({ usageUuid: u2, dataProcessingAgreementConcluded: false, insecureThirdCountries: [] });

      const csv = await download(system.gatewayUrl, `/api/v2/organizations/${org}/gdpr/report?format=csv`, member);
      const parsed = parseCsv(csv.bytes.toString('utf8').replace(/^\uFEFF/, ''));
      expect(parsed[0].slice(0, 3)).toEqual(['UUID', 'IT-system', 'Lokalt kaldenavn']);
      expect(parsed[1].slice(0, 2)).toEqual([u1, 'Borgerservice Ærø']);
      expect(parsed[1][parsed[0].indexOf('Databehandleraftale indgået')]).toBe('Ja');
      expect(parsed[1][parsed[0].indexOf('Usikre tredjelande')]).toBe(country.name);
      expect(parsed[2][parsed[0].indexOf('Databehandleraftale indgået')]).toBe('Nej');

      const xlsx = await download(system.gatewayUrl, `/api/v2/organizations/${org}/gdpr/report?format=xlsx`, member);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(xlsx.bytes as unknown as ArrayBuffer);
      const sheet = workbook.getWorksheet('GDPR-rapport')!;
      expect(sheet.getRow(2).getCell(2).value).toBe('Borgerservice Ærø');
      expect(sheet.rowCount).toBe(5);
      expect((await api.get(`/api/v2/organizations/${org}/gdpr/report`, bearer(outsider))).status).toBe(403);
    });
  });

  describe('compliance dashboard', () => {
    it('counts the gaps of the seeded organisation', async () => {
      // the dashboard is computed from gdpr's copies of the usages and registrations, which follow events: every part
      // of it is awaited, not only the one that arrives last in a quiet run
      await eventually(async () => {
        const result = await api.get<Json>(`/api/v2/organizations/${org}/gdpr/dashboard`, bearer(member));
        expect(result.status).toBe(200);
        const dashboard = result.body;
        const uuids = (key: string) => dashboard[key].usages.map((u: Json) => u.usageUuid);
        expect(dashboard.overdueOversight.count).toBe(1);
        expect(dashboard).toMatchObject({
          organizationUuid: org,
          riskAssessmentMaxAgeMonths: 36,
          usageCount: 4,
          personalDataUsageCount: 2,
        });
        expect(uuids('personalDataWithoutDpa')).toEqual([u2]);
        expect(uuids('missingRiskAssessment')).toEqual([u2]);
        expect(uuids('outdatedRiskAssessment')).toEqual([u1]);
        expect(dashboard.outdatedRiskAssessment.usages[0].date).toBe('2020-01-15');
        expect(uuids('sensitiveWithoutDpia')).toEqual([u1]);
        expect(uuids('undefinedRetention')).toEqual([u2]);
        expect(uuids('overdueOversight')).toEqual([u1]);
        expect(dashboard.overdueOversightRegistrations).toEqual([
          { dataProcessingRegistrationUuid: dprUuid, name: 'Databehandleraftale – Borgerservice', nextOversightDate: '2021-03-01' },
        ]);
        expect(dashboard.deletionBeforeApprovedArchiving.count).toBe(0);
      });
      expect((await api.get(`/api/v2/organizations/${org}/gdpr/dashboard`, bearer(outsider))).status).toBe(403);
    });

    it('counts a DPA once its agreement is concluded', async () => {
      const dpr = await post('/api/v2/data-processing-registrations', {
        organizationUuid: org,
        name: 'Databehandleraftale – Løn',
        general: { isAgreementConcluded: 'Yes', dataProcessorUuids: [supplier] },
        systemUsageUuids: [u2],
      });
      await eventually(async () => {
        const result = await api.get<Json>(`/api/v2/organizations/${org}/gdpr/dashboard`, bearer(member));
        expect(result.body.personalDataWithoutDpa.count).toBe(0);
      });
      expect((await api.delete(`/api/v2/data-processing-registrations/${dpr.uuid}`, bearer(admin))).status).toBe(204);
      await eventually(async () => {
        const result = await api.get<Json>(`/api/v2/organizations/${org}/gdpr/dashboard`, bearer(member));
        expect(result.body.personalDataWithoutDpa.count).toBe(1);
      });
    });
  });
});
