import { randomUUID } from 'node:crypto';
import { readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { eventually, resetJetStream } from '@kitos/testing';
import { importCommand } from '../../services/gateway/src/kitos-import/import-cli';
import type { ImportReport, ImportType, Counts } from '../../services/gateway/src/kitos-import/import-report';
import { startFakeKitos, type FakeKitos, type FakeKitosData } from '../support/fake-kitos';
import { adminToken, bearer, createOrganization, createUser, sessionOf } from '../support/identity';
import { http, startSystem, type RunningSystem } from '../support/system';

const API_USER = { email: 'api@testkommune.dk', password: 'kitos-api-secret' };
const T0 = '2025-01-10T08:00:00.000Z';

const id = () => randomUUID();
const ORG = id();
const KOMBIT = id();
const U = { root: id(), bsv: id(), pas: id() };
const USERS = { anne: id(), bo: id(), ghost: id() };
const S = { esdh: id(), module: id(), economy: id(), bad: id(), old: id(), later: id() };
const I = { sag: id() };
const R = { toEsdh: id(), toEconomy: id() };
const US = { esdh: id(), module: id(), economy: id(), bad: id(), old: id(), later: id() };
const C = { main: id(), child: id(), bad: id() };
const D = { main: id() };
const SUPPLIER = { uuid: id(), name: 'Leverandør A/S', cvr: '25123468' };
const PROCESSOR = { uuid: id(), name: 'Hosting ApS', cvr: '31000009' };
const SUBPROCESSOR = { uuid: id(), name: 'Cloud Inc.', cvr: null };
const org = { uuid: ORG, name: 'Testkommune', cvr: '55133018' };

const names: Record<string, string> = {
  [S.esdh]: 'ESDH Test',
  [S.module]: 'ESDH Modul',
  [S.economy]: 'Økonomi Test',
  [S.bad]: 'Ukendt type',
  [S.old]: 'Gammelt system',
};

function municipality(): FakeKitosData {
  const unit = (uuid: string, name: string, parent: string | null, extra: Record<string, unknown> = {}) => ({
    uuid,
    name,
    parentOrganizationUnit: parent ? { uuid: parent, name: 'parent' } : null,
    ean: null,
    unitId: null,
    origin: 'Kitos',
    lastModified: T0,
    ...extra,
  });
  const system = (uuid: string, name: string, extra: Record<string, unknown> = {}) => ({
    uuid,
    name,
    formerName: null,
    description: null,
    externalUuid: null,
    parentSystem: null,
    rightsHolder: null,
    businessType: null,
    kle: [],
    scope: 'Global',
    deactivated: false,
    externalReferences: [],
    organizationContext: org,
    lastModified: T0,
    ...extra,
  });
  const usage = (uuid: string, systemUuid: string, general: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
    uuid,
    systemContext: { uuid: systemUuid, name: names[systemUuid] },
    organizationContext: org,
    general: { validity: { valid: true, lifeCycleStatus: null, validFrom: null, validTo: null }, ...general },
    organizationUsage: { usingOrganizationUnits: [], responsibleOrganizationUnit: null },
    localKleDeviations: { addedKLE: [], removedKLE: [] },
    roles: [],
    externalReferences: [],
    lastModified: T0,
    ...extra,
  });
  const contract = (uuid: string, name: string, extra: Record<string, unknown> = {}) => ({
    uuid,
    name,
    organizationContext: org,
    parentContract: null,
    general: { validity: { valid: true, enforcedValid: false, validFrom: null, validTo: null, requireValidParent: false } },
    systemUsages: [],
    dataProcessingRegistrations: [],
    roles: [],
    externalReferences: [],
    lastModified: T0,
    ...extra,
  });
  return {
    organization: { ...org, organizationType: 'Municipality' },
    units: [
      unit(U.root, 'Testkommune', null),
      unit(U.pas, 'Pas og kørekort', U.bsv, { unitId: 'BSV-PAS' }),
      unit(U.bsv, 'Borgerservice', U.root, { ean: 5798000012345, unitId: 'BSV' }),
    ],
    users: [
      {
        uuid: USERS.anne,
        name: 'Anne Berg',
        firstName: 'Anne',
        lastName: 'Berg',
        email: 'anne.berg@testkommune.dk',
        phoneNumber: '12345678',
        apiAccess: false,
        roles: ['LocalAdmin', 'User'],
      },
      {
        uuid: USERS.bo,
        name: 'Bo Dam',
        firstName: 'Bo',
        lastName: 'Dam',
        email: 'bo.dam@testkommune.dk',
        phoneNumber: null,
        apiAccess: true,
        roles: ['User'],
      },
      {
        uuid: USERS.ghost,
        name: 'Uden Post',
        firstName: 'Uden',
        lastName: 'Post',
        email: null,
        phoneNumber: null,
        apiAccess: false,
        roles: ['User'],
      },
    ],
    systems: [
      system(S.module, 'ESDH Modul', { parentSystem: { uuid: S.esdh, name: 'ESDH Test' } }),
      system(S.esdh, 'ESDH Test', {
        description: 'Sags- og dokumenthåndtering',
        businessType: { uuid: id(), name: 'Støttesystem' },
        externalReferences: [{ uuid: id(), title: 'Leverandør', documentId: null, url: 'https://esdh.example', masterReference: true }],
      }),
      system(S.economy, 'Økonomi Test', {
        organizationContext: { uuid: KOMBIT, name: 'KOMBIT', cvr: '19435075' },
        rightsHolder: { uuid: KOMBIT, name: 'KOMBIT', cvr: '19435075' },
      }),
      system(S.bad, 'Ukendt type', { businessType: { uuid: id(), name: 'Hemmelig type' } }),
      system(S.old, 'Gammelt system', { deactivated: true }),
    ],
    interfaces: [
      {
        uuid: I.sag,
        name: 'Sagsopslag',
        interfaceId: 'SAG-1',
        version: '1.0',
        description: 'Slår sager op',
        notes: null,
        urlReference: 'https://esdh.example/api',
        itInterfaceType: null,
        scope: 'Global',
        deactivated: false,
        exposedBySystem: { uuid: S.esdh, name: 'ESDH Test' },
        organizationContext: org,
        // data rows: the data type matched by name (an obligatory value here), one without a type
        data: [
          { uuid: id(), description: 'Sagsnummer og titel', dataType: { uuid: id(), name: 'Sagsdata' } },
          { uuid: id(), description: 'Fritekst', dataType: null },
        ],
        lastModified: T0,
      },
    ],
    usages: [
      usage(
        US.esdh,
        S.esdh,
        {
          localSystemId: 'ESDH-1',
          localCallName: 'Sagen',
          systemVersion: '5.2',
          notes: 'Kernesystem',
          dataClassification: { uuid: id(), name: 'Interne data' },
          numberOfExpectedUsers: { lowerBound: 10, upperBound: 50 },
          validity: { valid: true, lifeCycleStatus: 'Operational', validFrom: '2019-12-31T23:00:00Z', validTo: null },
          containsAITechnology: 'No',
          mainContract: { uuid: C.main, name: 'Driftskontrakt ESDH' },
        },
        {
          organizationUsage: {
            usingOrganizationUnits: [
              { uuid: U.bsv, name: 'Borgerservice' },
              { uuid: U.pas, name: 'Pas og kørekort' },
            ],
            responsibleOrganizationUnit: { uuid: U.bsv, name: 'Borgerservice' },
          },
          externalReferences: [{ uuid: id(), title: 'Driftsaftale', documentId: 'ESDH-2024-1', url: null, masterReference: false }],
          roles: [
            { role: { uuid: id(), name: 'Systemejer' }, user: { uuid: USERS.anne, name: 'Anne Berg' } },
            { role: { uuid: id(), name: 'Lokal tovholder' }, user: { uuid: USERS.anne, name: 'Anne Berg' } },
          ],
          gdpr: {
            purpose: 'Sagsbehandling',
            businessCritical: 'Yes',
            hostedAt: 'External',
            directoryDocumentation: { name: 'Fortegnelse', url: 'https://intra.example/fortegnelse' },
            dataSensitivityLevels: ['PersonData', 'SensitiveData'],
            sensitivePersonData: [{ uuid: id(), name: 'Helbredsoplysninger' }],
            specificPersonalData: ['CprNumber'],
            registeredDataCategories: [{ uuid: id(), name: 'Borgere' }],
            technicalPrecautionsInPlace: 'Yes',
            technicalPrecautionsApplied: ['Encryption', 'AccessControl'],
            technicalPrecautionsDocumentation: null,
            userSupervision: 'Yes',
            userSupervisionDate: '2024-01-31T23:00:00Z',
            riskAssessmentConducted: 'Yes',
            riskAssessmentConductedDate: '2023-06-01T00:00:00Z',
            riskAssessmentResult: 'Medium',
            riskAssessmentNotes: 'Adgangsstyring skærpet',
            plannedRiskAssessmentDate: '2026-06-01T00:00:00Z',
            // answered No, with a date left behind in KITOS: dropped with a note
            dpiaConducted: 'No',
            dpiaDate: '2022-01-01T00:00:00Z',
            retentionPeriodDefined: 'Yes',
            nextDataRetentionEvaluationDate: '2027-01-01T00:00:00Z',
            dataRetentionEvaluationFrequencyInMonths: 24,
          },
          archiving: {
            archiveDuty: 'B',
            type: { uuid: id(), name: 'Arkiveringsversion' },
            // not obligatory: activated by the import
            location: { uuid: id(), name: 'Stadsarkiv' },
            testLocation: { uuid: id(), name: 'Kommunalt arkiv' },
            supplierOrganization: SUPPLIER,
            active: true,
            notes: 'Aflevering hvert 5. år',
            frequencyInMonths: 60,
            documentBearing: true,
            journalPeriods: [
              { uuid: id(), archiveId: 'AV-2019', startDate: '2015-01-01T00:00:00Z', endDate: '2019-12-31T00:00:00Z', approved: true },
            ],
          },
        },
      ),
      usage(
        US.module,
        S.module,
        {},
        {
          outgoingSystemRelations: [
            {
              uuid: R.toEsdh,
              toSystemUsage: { uuid: US.esdh, name: 'ESDH Test' },
              relationInterface: { uuid: I.sag, name: 'Sagsopslag' },
              associatedContract: { uuid: C.main, name: 'Driftskontrakt ESDH' },
              relationFrequency: { uuid: id(), name: 'Dagligt' },
              description: 'Henter sager',
              urlReference: null,
            },
            { uuid: R.toEconomy, toSystemUsage: { uuid: US.economy, name: 'Økonomi Test' }, description: null },
          ],
        },
      ),
      usage(US.economy, S.economy, { validity: { valid: true, lifeCycleStatus: null, validFrom: '0001-01-01T00:00:00Z', validTo: null } }),
      usage(US.bad, S.bad, {}),
      usage(US.old, S.old, { localCallName: 'Det gamle' }),
    ],
    contracts: [
      // the child first: the import puts parents first
      contract(C.child, 'Tillægsaftale ESDH', { parentContract: { uuid: C.main, name: 'Driftskontrakt ESDH' } }),
      contract(C.main, 'Driftskontrakt ESDH', {
        general: {
          contractId: 'K-2020-1',
          contractType: { uuid: id(), name: 'Hovedkontrakt' },
          contractTemplate: { uuid: id(), name: 'K04' },
          agreementElements: [
            { uuid: id(), name: 'Drift' },
            { uuid: id(), name: 'Support' },
          ],
          notes: 'Drift af ESDH',
          criticality: { uuid: id(), name: 'Høj' },
          validity: {
            valid: true,
            enforcedValid: false,
            validFrom: '2019-12-31T23:00:00Z',
            validTo: '2027-12-31T00:00:00Z',
            requireValidParent: false,
          },
        },
        procurement: {
          purchaseType: { uuid: id(), name: 'Udbud (EU)' },
          procurementStrategy: { uuid: id(), name: 'Genudbud' },
          procurementPlan: { quarterOfYear: 2, year: 2027 },
          procurementInitiated: 'No',
        },
        supplier: { organization: SUPPLIER, signed: true, signedBy: 'Direktør', signedAt: '2019-11-30T23:00:00Z' },
        responsible: {
          organizationUnit: { uuid: U.bsv, name: 'Borgerservice' },
          signed: true,
          signedBy: 'Anne Berg',
          signedAt: '2019-12-01T10:00:00Z',
        },
        systemUsages: [
          { uuid: US.esdh, name: 'ESDH Test' },
          { uuid: US.economy, name: 'Økonomi Test' },
        ],
        dataProcessingRegistrations: [{ uuid: D.main, name: 'Databehandling ESDH' }],
        paymentModel: {
          operationsRemunerationStartedAt: '2020-01-01T00:00:00Z',
          paymentFrequency: { uuid: id(), name: 'Kvartalsvis' },
          paymentModel: { uuid: id(), name: 'Abonnement' },
          priceRegulation: { uuid: id(), name: 'Nettoprisindeks' },
        },
        agreementPeriod: {
          durationYears: 4,
          durationMonths: 6,
          isContinuous: false,
          // not obligatory: not active in a new organisation, so the import activates it
          extensionOptions: { uuid: id(), name: '2 x 6 måneder' },
          extensionOptionsUsed: 1,
          irrevocableUntil: '2023-12-31T00:00:00Z',
        },
        termination: {
          terminatedAt: null,
          terms: { noticePeriodMonths: { uuid: id(), name: '6' }, noticePeriodExtendsCurrent: false, noticeByEndOf: 'EndOfQuarter' },
        },
        payments: {
          external: [
            {
              organizationUnit: { uuid: U.bsv, name: 'Borgerservice' },
              acquisition: 125000.5,
              operation: 48000,
              other: 0,
              accountingEntry: '4711',
              auditStatus: 'Green',
              auditDate: '2024-03-01T00:00:00Z',
              note: 'Første år',
            },
          ],
          internal: [
            {
              organizationUnit: { uuid: U.pas, name: 'Pas og kørekort' },
              acquisition: 0,
              operation: 1200.25,
              other: 300,
              accountingEntry: null,
              auditStatus: 'White',
              auditDate: null,
              note: null,
            },
          ],
        },
        roles: [{ role: { uuid: id(), name: 'Kontraktejer' }, user: { uuid: USERS.anne, name: 'Anne Berg' } }],
        externalReferences: [
          { uuid: id(), title: 'Kontrakt (PDF)', documentId: 'K-2020-1', url: 'https://esdh.example/k.pdf', masterReference: true },
        ],
      }),
      contract(C.bad, 'Hemmelig kontrakt', { general: { contractType: { uuid: id(), name: 'Hemmelig kontrakttype' } } }),
    ],
    dataProcessingRegistrations: [
      {
        uuid: D.main,
        name: 'Databehandling ESDH',
        organizationContext: org,
        general: {
          dataResponsible: { uuid: id(), name: 'Kommunen' },
          dataResponsibleRemark: 'Kommunen alene',
          isAgreementConcluded: 'Yes',
          isAgreementConcludedRemark: 'Underskrevet',
          agreementConcludedAt: '2020-01-31T23:00:00Z',
          basisForTransfer: { uuid: id(), name: 'Standardkontraktbestemmelser (SCC)' },
          transferToInsecureThirdCountries: 'Yes',
          insecureCountriesSubjectToDataTransfer: [{ uuid: id(), name: 'USA' }],
          dataProcessors: [PROCESSOR],
          hasSubDataProcessors: 'Yes',
          subDataProcessors: [
            {
              dataProcessorOrganization: SUBPROCESSOR,
              basisForTransfer: { uuid: id(), name: 'Standardkontraktbestemmelser (SCC)' },
              transferToInsecureThirdCountry: 'Yes',
              insecureThirdCountrySubjectToDataProcessing: { uuid: id(), name: 'USA' },
            },
          ],
          mainContract: { uuid: C.main, name: 'Driftskontrakt ESDH' },
          responsibleOrganizationUnit: { uuid: U.bsv, name: 'Borgerservice' },
        },
        systemUsages: [{ uuid: US.esdh, name: 'ESDH Test' }],
        oversight: {
          oversightOptions: [{ uuid: id(), name: 'Revisionserklæring' }],
          oversightOptionsRemark: 'ISAE 3402',
          oversightInterval: 'Yearly',
          oversightIntervalRemark: null,
          isOversightCompleted: 'Yes',
          oversightCompletedRemark: 'Gennemført',
          oversightDates: [{ uuid: id(), completedAt: '2024-04-30T22:00:00Z', remark: 'Ingen bemærkninger' }],
          oversightScheduledInspectionDate: '2025-05-01T00:00:00Z',
        },
        roles: [{ role: { uuid: id(), name: 'Tilsynsansvarlig' }, user: { uuid: USERS.bo, name: 'Bo Dam' } }],
        externalReferences: [],
        lastModified: T0,
      },
    ],
  };
}

const counts = (report: ImportReport): Record<ImportType, Partial<Counts>> =>
  Object.fromEntries(
    Object.entries(report.counts).map(([type, c]) => [type, Object.fromEntries(Object.entries(c).filter(([, n]) => n > 0))]),
  ) as Record<ImportType, Partial<Counts>>;

describe('import from KITOS (npm run import:kitos, POST /api/v2/admin/imports) against a fake KITOS API v2', () => {
  let system: RunningSystem;
  let api: ReturnType<typeof http>;
  let admin: string;
  let kitos: FakeKitos;
  let systemOwnerRole: string;
  let kleTopic: { uuid: string; kleNumber: string };
  let systemKle: { uuid: string; kleNumber: string };

  const run = async (extra: string[], tty = false) => {
    let output = '';
    const result = await importCommand({
      natsUrl: system.env.NATS_URL as string,
      argv: ['--url', kitos.url, '--organization', ORG, ...extra],
      env: { KITOS_IMPORT_EMAIL: API_USER.email, KITOS_IMPORT_PASSWORD: API_USER.password },
      out: { write: (text: string) => (output += text), isTTY: tty },
    });
    if (!result.report) throw new Error(`the import did not run: ${output}`);
    return { code: result.code, report: result.report, output };
  };

  const get = async <T = Record<string, unknown>>(path: string): Promise<T> => {
    const result = await api.get<T>(path, bearer(admin));
    if (result.status !== 200) throw new Error(`GET ${path} answered ${result.status}: ${JSON.stringify(result.body)}`);
    return result.body;
  };

  beforeAll(async () => {
    await resetJetStream();
    system = await startSystem();
    api = http(system.gatewayUrl);
    admin = await adminToken(api);
    kitos = await startFakeKitos(municipality(), API_USER);
    // a KLE entry here (the catalogue imports the sample emneplan at start); KITOS knows it under another uuid
    [kleTopic, systemKle] = await eventually(async () => {
      const kle = await api.get<Array<{ uuid: string; kleNumber: string }>>('/api/v2/kle-options', bearer(admin));
      const topics = kle.body.filter((k) => k.kleNumber.split('.').length === 3);
      if (topics.length < 2) throw new Error('no KLE yet');
      return [topics[0], topics[1]];
    });
    // the system's KLE: one by KLE number, one not here; the usage removes the one the system has here
    const moduleSystem = kitos.data.systems.find((s) => s.uuid === S.module) as Record<string, unknown>;
    moduleSystem.kle = [
      { uuid: id(), name: systemKle.kleNumber },
      { uuid: id(), name: '99.99.98' },
    ];
    const module = kitos.data.usages.find((u) => u.uuid === US.module) as Record<string, unknown>;
    module.localKleDeviations = {
      addedKLE: [{ uuid: id(), name: kleTopic.kleNumber }],
      removedKLE: [
        { uuid: id(), name: '99.99.99' },
        { uuid: id(), name: systemKle.kleNumber },
      ],
    };
    // KITOS answers the organisation's own description of an option value (and values not here, which are ignored)
    kitos.data.optionTypes = {
      'it-system-usage-data-classification-types': [
        { uuid: id(), name: 'Interne data', description: 'Data til intern brug i Testkommune' },
        { uuid: id(), name: 'Hemmelig', description: 'Kun i KITOS' },
      ],
    };
    // the shipped role catalogue has "Systemejer" for usages; the import matches KITOS's role by name
    const roles = await api.get<Array<{ uuid: string; name: string }>>('/api/v2/role-types?objectType=ItSystemUsage', bearer(admin));
    const systemOwner = roles.body.find((r) => r.name === 'Systemejer');
    if (!systemOwner) throw new Error(`the role catalogue has no Systemejer for usages (answered ${roles.status})`);
    systemOwnerRole = systemOwner.uuid;
  }); // the configured timeout (jest.config.js): more than the 150 s a system may take to get ready

  afterAll(async () => {
    await kitos?.close();
    await system?.close();
  });

  it('a dry run lists exactly what KITOS holds, with every object that cannot be imported and why, and writes nothing', async () => {
    const { code, report, output } = await run(['--page-size', '2'], true);
    expect(code).toBe(2);
    expect(report.abortedBecause).toBeNull();
    expect(counts(report)).toEqual({
      organization: { created: 4 },
      'organization-unit': { created: 2, unchanged: 1 },
      user: { created: 2, skipped: 1 },
      'local-option': { created: 2, updated: 1 },
      'it-system': { created: 4, skipped: 1 },
      'it-interface': { created: 1 },
      'it-system-usage': { created: 3, skipped: 2 },
      'usage-gdpr': { created: 1 },
      'usage-archiving': { created: 1 },
      'data-processing-registration': { created: 1 },
      'it-contract': { created: 2, skipped: 1 },
      'system-relation': { created: 1, skipped: 1 },
    });
    const problems = report.entries.filter((e) => e.outcome === 'skipped').map((e) => [e.uuid, e.reason]);
    expect(problems).toEqual([
      [USERS.ghost, 'the user has no e-mail address'],
      [S.bad, 'option value "Hemmelig type" (business-types) is not available here'],
      [US.economy, 'general.validity.validFrom 0001-01-01 is out of range (1900–2199)'],
      [US.bad, 'its IT system Ukendt type is not imported'],
      [C.bad, 'option value "Hemmelig kontrakttype" (it-contract-contract-types) is not available here'],
      [R.toEconomy, 'the usage it points to (Økonomi Test) is not imported'],
    ]);
    expect(report.entries.find((e) => e.uuid === S.economy)?.notes).toEqual([
      'owned in KITOS by KOMBIT, which is not here: registered by the importing organisation',
      'rights holder KOMBIT is not an organisation here and was left out',
    ]);
    // paged reads: three units in pages of two
    expect(
      kitos.requests
        .filter((r) => r.includes('/organization-units'))
        .map((r) => new URL(r.split(' ')[1], 'http://x').searchParams.get('page')),
    ).toEqual(['0', '1']);
    // the live progress line on a terminal, and a line per type
    expect(output).toContain('\r\x1b[2KIT systems         1/5 …');
    expect(output).toMatch(/IT system usages\s+3 to be created\s+0 to be updated\s+0 unchanged\s+2 skipped\s+0 failed/);
    expect(output).toContain(`skipped IT system usages ${US.economy}`);
    expect((await api.get(`/api/v2/organizations/${ORG}`, bearer(admin))).status).toBe(404);
    expect((await api.get(`/api/v2/it-systems/${S.esdh}`, bearer(admin))).status).toBe(404);
  }, 120_000);

  it('--apply creates it all with the KITOS uuids, and the API here answers with the same fields', async () => {
    const path = join(tmpdir(), `kitos-import-${randomUUID()}.xlsx`);
    const { code, report, output } = await run(['--apply', '--report', path]);
    expect(code).toBe(2);
    expect(output).toMatch(/IT systems\s+4 created\s+0 updated\s+0 unchanged\s+1 skipped\s+0 failed/);
    expect(counts(report)).toEqual({
      organization: { created: 4 },
      'organization-unit': { created: 2, unchanged: 1 },
      user: { created: 2, skipped: 1 },
      'local-option': { created: 2, updated: 1 },
      'it-system': { created: 4, skipped: 1 },
      'it-interface': { created: 1 },
      'it-system-usage': { created: 3, skipped: 2 },
      'usage-gdpr': { created: 1 },
      'usage-archiving': { created: 1 },
      'data-processing-registration': { created: 1 },
      'it-contract': { created: 2, skipped: 1 },
      'system-relation': { created: 1, skipped: 1 },
    });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await readFile(path)) as unknown as ArrayBuffer);
    expect(workbook.getWorksheet('Objects')?.rowCount).toBe(report.entries.length + 1);
    await rm(path);

    expect(await get(`/api/v2/organizations/${ORG}`)).toMatchObject({
      uuid: ORG,
      name: 'Testkommune',
      cvr: '55133018',
      organizationType: 'Municipality',
    });
    const units = await get<
      Array<{ uuid: string; name: string; parentOrganizationUnit: { uuid: string } | null; ean: number | null; unitId: string | null }>
    >(`/api/v2/organizations/${ORG}/organization-units`);
    const root = units.find((u) => !u.parentOrganizationUnit);
    expect(root?.name).toBe('Testkommune');
    expect(units.find((u) => u.uuid === U.bsv)).toMatchObject({
      name: 'Borgerservice',
      parentOrganizationUnit: { uuid: root?.uuid },
      ean: 5798000012345,
      unitId: 'BSV',
    });
    expect(units.find((u) => u.uuid === U.pas)).toMatchObject({
      name: 'Pas og kørekort',
      parentOrganizationUnit: { uuid: U.bsv },
      unitId: 'BSV-PAS',
    });
    expect(await get(`/api/v2/users/${USERS.anne}`)).toMatchObject({
      firstName: 'Anne',
      lastName: 'Berg',
      email: 'anne.berg@testkommune.dk',
      phoneNumber: '12345678',
      hasApiAccess: false,
      rights: expect.arrayContaining([
        { organizationUuid: ORG, role: 'LocalAdmin' },
        { organizationUuid: ORG, role: 'User' },
      ]),
    });
    expect(await get(`/api/v2/it-systems/${S.esdh}`)).toMatchObject({
      name: 'ESDH Test',
      description: 'Sags- og dokumenthåndtering',
      businessType: { name: 'Støttesystem' },
      scope: 'Global',
      organizationContext: { uuid: ORG },
      externalReferences: [{ title: 'Leverandør', url: 'https://esdh.example', masterReference: true }],
    });
    expect(await get(`/api/v2/it-systems/${S.module}`)).toMatchObject({
      parentSystem: { uuid: S.esdh },
      kle: [{ uuid: systemKle.uuid, kleNumber: systemKle.kleNumber }],
    });
    expect(report.entries.find((e) => e.uuid === S.module)?.notes).toEqual(['KLE 99.99.98 is not a KLE entry here; left out']);
    expect(await get(`/api/v2/it-systems/${S.economy}`)).toMatchObject({ organizationContext: { uuid: ORG }, rightsHolder: null });
    expect(await get(`/api/v2/it-interfaces/${I.sag}`)).toMatchObject({
      name: 'Sagsopslag',
      interfaceId: 'SAG-1',
      version: '1.0',
      urlReference: 'https://esdh.example/api',
      exposedBySystem: { uuid: S.esdh },
    });
    const rows = (await get<{ data: Array<{ description: string; dataType: { name: string } | null }> }>(`/api/v2/it-interfaces/${I.sag}`))
      .data;
    expect(rows.map((r) => [r.description, r.dataType?.name ?? null]).sort()).toEqual([
      ['Fritekst', null],
      ['Sagsnummer og titel', 'Sagsdata'],
    ]);
    expect(await get(`/api/v2/it-system-usages/${US.esdh}`)).toMatchObject({
      systemContext: { uuid: S.esdh },
      organizationContext: { uuid: ORG },
      general: {
        localSystemId: 'ESDH-1',
        localCallName: 'Sagen',
        systemVersion: '5.2',
        notes: 'Kernesystem',
        dataClassification: { name: 'Interne data' },
        numberOfExpectedUsers: { lowerBound: 10, upperBound: 50 },
        validity: { lifeCycleStatus: 'Operational', validFrom: '2020-01-01', validTo: null },
        containsAITechnology: 'No',
        // set after the contracts, which are imported after the usages
        mainContract: { uuid: C.main, name: 'Driftskontrakt ESDH' },
      },
      organizationUsage: {
        usingOrganizationUnits: expect.arrayContaining([
          expect.objectContaining({ uuid: U.bsv }),
          expect.objectContaining({ uuid: U.pas }),
        ]),
        responsibleOrganizationUnit: { uuid: U.bsv },
      },
      externalReferences: [{ title: 'Driftsaftale', documentId: 'ESDH-2024-1', url: null, masterReference: false }],
      roles: [{ role: { uuid: systemOwnerRole, name: 'Systemejer' }, user: { uuid: USERS.anne } }],
    });
    expect(report.entries.find((e) => e.uuid === US.esdh)?.notes).toEqual([
      'role Lokal tovholder (Anne Berg): no such role type for system usages here; left out',
      'main contract Driftskontrakt ESDH is set after the contracts, when it is imported and covers the usage',
    ]);
    expect(await get(`/api/v2/it-system-usages/${US.module}/system-relations/${R.toEsdh}`)).toMatchObject({
      uuid: R.toEsdh,
      toSystemUsage: { uuid: US.esdh },
      relationInterface: { uuid: I.sag },
      associatedContract: { uuid: C.main },
      relationFrequency: { name: 'Dagligt' },
      description: 'Henter sager',
    });
    expect(report.entries.find((e) => e.uuid === R.toEsdh)?.notes).toBeUndefined();
    // local KLE deviations: matched by KLE number; one that is not on the system here cannot be removed
    expect(await get(`/api/v2/it-system-usages/${US.module}`)).toMatchObject({
      localKleDeviations: { addedKLE: [{ uuid: kleTopic.uuid }], removedKLE: [{ uuid: systemKle.uuid }] },
    });
    expect(report.entries.find((e) => e.uuid === US.module)?.notes).toEqual([
      'removed KLE 99.99.99 is not on the IT system here; left out',
    ]);
    // a system deactivated in KITOS is created active for its usage, then deactivated
    expect(await get(`/api/v2/it-systems/${S.old}`)).toMatchObject({ deactivated: true });
    expect(await get(`/api/v2/it-system-usages/${US.old}`)).toMatchObject({
      systemContext: { uuid: S.old },
      general: { localCallName: 'Det gamle' },
    });
    expect((await api.get(`/api/v2/it-system-usages/${US.economy}`, bearer(admin))).status).toBe(404);
    // the organisation's own description of an option value, as KITOS has it
    const classifications = await get<Array<{ name: string; description: string | null }>>(
      `/api/v2/it-system-usage-data-classification-types?organizationUuid=${ORG}`,
    );
    expect(classifications.find((c) => c.name === 'Interne data')?.description).toBe('Data til intern brug i Testkommune');
    expect(report.entries.filter((e) => e.type === 'local-option' && e.outcome === 'updated')).toEqual([
      expect.objectContaining({ name: 'Interne data (it-system-usage-data-classification-types)', fields: ['description'] }),
    ]);

    // contracts: every section, the economy in kroner (KITOS) and øre (here)
    const roleOf = async (objectType: string, name: string) =>
      (await get<Array<{ uuid: string; name: string }>>(`/api/v2/role-types?objectType=${objectType}`)).find((r) => r.name === name)?.uuid;
    const mainContract = await get<Record<string, unknown>>(`/api/v2/it-contracts/${C.main}`);
    expect(mainContract).toMatchObject({
      uuid: C.main,
      name: 'Driftskontrakt ESDH',
      organizationContext: { uuid: ORG },
      parentContract: null,
      general: {
        contractId: 'K-2020-1',
        contractType: { name: 'Hovedkontrakt' },
        contractTemplate: { name: 'K04' },
        notes: 'Drift af ESDH',
        criticality: { name: 'Høj' },
        validity: { enforcedValid: false, validFrom: '2020-01-01', validTo: '2027-12-31', requireValidParent: false },
      },
      procurement: {
        purchaseType: { name: 'Udbud (EU)' },
        procurementStrategy: { name: 'Genudbud' },
        procurementPlan: { quarterOfYear: 2, year: 2027 },
        procurementInitiated: 'No',
      },
      supplier: {
        organization: { uuid: SUPPLIER.uuid, name: 'Leverandør A/S' },
        signed: true,
        signedBy: 'Direktør',
        signedAt: '2019-12-01',
      },
      responsible: { organizationUnit: { uuid: U.bsv }, signed: true, signedBy: 'Anne Berg', signedAt: '2019-12-01' },
      systemUsages: [{ uuid: US.esdh }],
      dataProcessingRegistrations: [{ uuid: D.main }],
      paymentModel: {
        operationsRemunerationStartedAt: '2020-01-01',
        paymentFrequency: { name: 'Kvartalsvis' },
        paymentModel: { name: 'Abonnement' },
        priceRegulation: { name: 'Nettoprisindeks' },
      },
      agreementPeriod: {
        durationYears: 4,
        durationMonths: 6,
        isContinuous: false,
        extensionOptions: { name: '2 x 6 måneder' },
        extensionOptionsUsed: 1,
        irrevocableUntil: '2023-12-31',
      },
      termination: {
        terminatedAt: null,
        terms: { noticePeriodMonths: { name: '6' }, noticePeriodExtendsCurrent: false, noticeByEndOf: 'EndOfQuarter' },
      },
      payments: {
        external: [
          {
            organizationUnit: { uuid: U.bsv },
            acquisition: 125000.5,
            acquisitionØre: 12500050,
            operation: 48000,
            other: 0,
            accountingEntry: '4711',
            auditStatus: 'Green',
            auditDate: '2024-03-01',
            note: 'Første år',
          },
        ],
        internal: [
          { organizationUnit: { uuid: U.pas }, acquisition: 0, operation: 1200.25, operationØre: 120025, other: 300, auditStatus: 'White' },
        ],
      },
      roles: [{ role: { uuid: await roleOf('ItContract', 'Kontraktejer') }, user: { uuid: USERS.anne } }],
      externalReferences: [{ title: 'Kontrakt (PDF)', documentId: 'K-2020-1', url: 'https://esdh.example/k.pdf', masterReference: true }],
    });
    expect((mainContract.general as { agreementElements: Array<{ name: string }> }).agreementElements.map((e) => e.name).sort()).toEqual([
      'Drift',
      'Support',
    ]);
    expect(report.entries.find((e) => e.uuid === C.main)?.notes).toEqual(['system usage Økonomi Test is not imported and was left out']);
    expect(await get(`/api/v2/it-contracts/${C.child}`)).toMatchObject({ name: 'Tillægsaftale ESDH', parentContract: { uuid: C.main } });
    expect((await api.get(`/api/v2/it-contracts/${C.bad}`, bearer(admin))).status).toBe(404);
    // the supplier and the processors are organisations here, with KITOS's uuids
    expect(await get(`/api/v2/organizations/${SUPPLIER.uuid}`)).toMatchObject({
      name: 'Leverandør A/S',
      cvr: '25123468',
      organizationType: 'Company',
    });
    // the extension option "2 x 6 måneder" is not obligatory: the import activated it in the organisation
    expect(report.entries.filter((e) => e.type === 'local-option').map((e) => [e.name, e.outcome])).toEqual([
      ['Stadsarkiv (it-system-usage-archive-location-types)', 'created'],
      ['2 x 6 måneder (it-contract-agreement-extension-option-types)', 'created'],
      ['Interne data (it-system-usage-data-classification-types)', 'updated'],
    ]);

    // the usage's GDPR profile (gdpr) and archiving (archiving), read back through the usage and their own resources
    expect(await get(`/api/v2/it-system-usages/${US.esdh}/gdpr`)).toMatchObject({
      purpose: 'Sagsbehandling',
      businessCritical: 'Yes',
      hostedAt: 'External',
      directoryDocumentation: { name: 'Fortegnelse', url: 'https://intra.example/fortegnelse' },
      dataSensitivityLevels: expect.arrayContaining(['PersonData', 'SensitiveData']),
      sensitivePersonData: [{ name: 'Helbredsoplysninger' }],
      specificPersonalData: ['CprNumber'],
      registeredDataCategories: [{ name: 'Borgere' }],
      technicalPrecautionsInPlace: 'Yes',
      technicalPrecautionsApplied: expect.arrayContaining(['Encryption', 'AccessControl']),
      userSupervision: 'Yes',
      userSupervisionDate: '2024-02-01',
      riskAssessmentConducted: 'Yes',
      riskAssessmentConductedDate: '2023-06-01',
      riskAssessmentResult: 'Medium',
      riskAssessmentNotes: 'Adgangsstyring skærpet',
      plannedRiskAssessmentDate: '2026-06-01',
      dpiaConducted: 'No',
      dpiaDate: null,
      retentionPeriodDefined: 'Yes',
      nextDataRetentionEvaluationDate: '2027-01-01',
      dataRetentionEvaluationFrequencyInMonths: 24,
    });
    expect(report.entries.find((e) => e.type === 'usage-gdpr')?.notes).toEqual([
      'gdpr.dpiaDate left out: dpiaConducted is not Yes in KITOS',
    ]);
    expect(await get(`/api/v2/it-system-usage-archives/${US.esdh}`)).toMatchObject({
      archiveDuty: 'B',
      type: { name: 'Arkiveringsversion' },
      location: { name: 'Stadsarkiv' },
      testLocation: { name: 'Kommunalt arkiv' },
      supplierOrganization: { uuid: SUPPLIER.uuid },
      active: true,
      notes: 'Aflevering hvert 5. år',
      frequencyInMonths: 60,
      documentBearing: true,
      journalPeriods: [{ archiveId: 'AV-2019', startDate: '2015-01-01', endDate: '2019-12-31', approved: true }],
    });

    // data processing: every section, oversight dates, the main contract set after the contracts
    expect(await get(`/api/v2/data-processing-registrations/${D.main}`)).toMatchObject({
      uuid: D.main,
      name: 'Databehandling ESDH',
      organizationContext: { uuid: ORG },
      general: {
        dataResponsible: { name: 'Kommunen' },
        dataResponsibleRemark: 'Kommunen alene',
        isAgreementConcluded: 'Yes',
        isAgreementConcludedRemark: 'Underskrevet',
        agreementConcludedAt: '2020-02-01',
        basisForTransfer: { name: 'Standardkontraktbestemmelser (SCC)' },
        transferToInsecureThirdCountries: 'Yes',
        insecureCountriesSubjectToDataTransfer: [{ name: 'USA' }],
        dataProcessors: [{ uuid: PROCESSOR.uuid, name: 'Hosting ApS' }],
        hasSubDataProcessors: 'Yes',
        subDataProcessors: [
          {
            dataProcessorOrganization: { uuid: SUBPROCESSOR.uuid, name: 'Cloud Inc.' },
            basisForTransfer: { name: 'Standardkontraktbestemmelser (SCC)' },
            transferToInsecureThirdCountry: 'Yes',
            insecureThirdCountrySubjectToDataProcessing: { name: 'USA' },
          },
        ],
        mainContract: { uuid: C.main },
        responsibleOrganizationUnit: { uuid: U.bsv },
      },
      systemUsages: [{ uuid: US.esdh }],
      oversight: {
        oversightOptions: [{ name: 'Revisionserklæring' }],
        oversightOptionsRemark: 'ISAE 3402',
        oversightInterval: 'Yearly',
        isOversightCompleted: 'Yes',
        oversightCompletedRemark: 'Gennemført',
        oversightDates: [{ completedAt: '2024-05-01', remark: 'Ingen bemærkninger' }],
        oversightScheduledInspectionDate: '2025-05-01',
      },
      roles: [{ role: { uuid: await roleOf('DataProcessingRegistration', 'Tilsynsansvarlig') }, user: { uuid: USERS.bo } }],
    });
    expect(report.entries.find((e) => e.uuid === D.main)?.notes).toEqual([
      'main contract Driftskontrakt ESDH is set once the contracts are imported',
    ]);
  }, 180_000);

  it('running it again changes nothing', async () => {
    const before = (await get<{ version: number }>(`/api/v2/it-system-usages/${US.esdh}`)).version;
    const { report } = await run(['--apply']);
    expect(counts(report)).toEqual({
      organization: { unchanged: 1 },
      'organization-unit': { unchanged: 3 },
      user: { unchanged: 2, skipped: 1 },
      'local-option': {},
      'it-system': { unchanged: 4, skipped: 1 },
      'it-interface': { unchanged: 1 },
      'it-system-usage': { unchanged: 3, skipped: 2 },
      'usage-gdpr': { unchanged: 1 },
      'usage-archiving': { unchanged: 1 },
      'data-processing-registration': { unchanged: 1 },
      'it-contract': { unchanged: 2, skipped: 1 },
      'system-relation': { unchanged: 1, skipped: 1 },
    });
    expect((await get<{ version: number }>(`/api/v2/it-system-usages/${US.esdh}`)).version).toBe(before);
  }, 120_000);

  it('--since brings over only what changed in KITOS after that time', async () => {
    const changedAt = new Date().toISOString();
    const usage = kitos.data.usages.find((u) => u.uuid === US.esdh) as unknown as {
      general: Record<string, unknown>;
      lastModified: string;
    };
    usage.general = { ...usage.general, localCallName: 'Sagen 2' };
    usage.lastModified = changedAt;
    kitos.requests.length = 0;
    const { report } = await run(['--apply', '--since', changedAt]);
    expect(report.entries.filter((e) => e.outcome === 'updated')).toEqual([
      {
        type: 'it-system-usage',
        uuid: US.esdh,
        name: 'Sagen 2',
        outcome: 'updated',
        fields: ['general'],
        notes: ['role Lokal tovholder (Anne Berg): no such role type for system usages here; left out'],
      },
    ]);
    expect(report.entries.filter((e) => e.type === 'it-system-usage').map((e) => e.uuid)).toEqual([US.esdh]);
    expect(report.entries.filter((e) => e.type === 'it-system' || e.type === 'it-interface')).toEqual([]);
    expect(kitos.requests.find((r) => r.startsWith('GET /api/v2/it-system-usages'))).toContain(
      `changedSinceGtEq=${encodeURIComponent(changedAt)}`,
    );
    expect(await get(`/api/v2/it-system-usages/${US.esdh}`)).toMatchObject({
      general: { localCallName: 'Sagen 2', localSystemId: 'ESDH-1', mainContract: { uuid: C.main } },
    });
  }, 120_000);

  it('--since brings over only a contract changed in KITOS', async () => {
    const changedAt = new Date().toISOString();
    const child = kitos.data.contracts?.find((c) => c.uuid === C.child) as unknown as {
      general: Record<string, unknown>;
      lastModified: string;
    };
    child.general = { ...child.general, notes: 'Forlænget' };
    child.lastModified = changedAt;
    const before = (await get<{ version: number }>(`/api/v2/it-contracts/${C.main}`)).version;
    const { report } = await run(['--apply', '--since', changedAt]);
    expect(
      report.entries.filter((e) => e.outcome === 'created' || e.outcome === 'updated').map((e) => [e.type, e.uuid, e.outcome, e.fields]),
    ).toEqual([['it-contract', C.child, 'updated', ['general']]]);
    expect(report.entries.filter((e) => e.type === 'it-contract' || e.type === 'data-processing-registration').map((e) => e.uuid)).toEqual([
      C.child,
    ]);
    expect(await get(`/api/v2/it-contracts/${C.child}`)).toMatchObject({
      general: { notes: 'Forlænget' },
      parentContract: { uuid: C.main },
    });
    expect((await get<{ version: number }>(`/api/v2/it-contracts/${C.main}`)).version).toBe(before);
  }, 120_000);

  it("--since brings over an interface's changed data rows; a row equal to one here keeps its uuid", async () => {
    type Row = { uuid: string; description: string; dataType: { name: string } | null };
    const before = (await get<{ data: Row[] }>(`/api/v2/it-interfaces/${I.sag}`)).data;
    const changedAt = new Date().toISOString();
    const sag = kitos.data.interfaces.find((i) => i.uuid === I.sag) as unknown as { data: unknown[]; lastModified: string };
    const original = sag.data;
    sag.data = [...original.slice(1), { uuid: id(), description: 'Journalnotat', dataType: { uuid: id(), name: 'Dokumenter' } }];
    sag.lastModified = changedAt;
    const { report } = await run(['--apply', '--since', changedAt]);
    expect(
      report.entries.filter((e) => e.outcome === 'created' || e.outcome === 'updated').map((e) => [e.type, e.uuid, e.outcome, e.fields]),
    ).toEqual([['it-interface', I.sag, 'updated', ['data']]]);
    const after = (await get<{ data: Row[] }>(`/api/v2/it-interfaces/${I.sag}`)).data;
    expect(after.map((r) => [r.description, r.dataType?.name ?? null]).sort()).toEqual([
      ['Fritekst', null],
      ['Journalnotat', 'Dokumenter'],
    ]);
    expect(after.find((r) => r.description === 'Fritekst')?.uuid).toBe(before.find((r) => r.description === 'Fritekst')?.uuid);
    expect(counts((await run(['--apply', '--since', changedAt])).report)['it-interface']).toEqual({ unchanged: 1 });
    sag.data = original;
    sag.lastModified = new Date().toISOString();
    expect(counts((await run(['--apply', '--since', sag.lastModified])).report)['it-interface']).toEqual({ updated: 1 });
  }, 120_000);

  it('KITOS failing part-way (500 on the contracts) stops the run, and running again resumes', async () => {
    const later = id();
    kitos.data.contracts?.push({
      ...(kitos.data.contracts[0] as Record<string, unknown>),
      uuid: later,
      name: 'Ny kontrakt',
      lastModified: new Date().toISOString(),
    } as never);
    kitos.failOn = '/api/v2/it-contracts';
    const stopped = await run(['--apply']);
    expect(stopped.code).toBe(1);
    expect(stopped.report.abortedBecause).toBe('KITOS failed: GET /api/v2/it-contracts answered 500');
    expect(counts(stopped.report)['data-processing-registration']).toEqual({ unchanged: 1 });
    expect(counts(stopped.report)['it-contract']).toEqual({});
    expect((await api.get(`/api/v2/it-contracts/${later}`, bearer(admin))).status).toBe(404);

    const resumed = await run(['--apply']);
    expect(resumed.report.abortedBecause).toBeNull();
    expect(counts(resumed.report)['it-contract']).toEqual({ created: 1, unchanged: 2, skipped: 1 });
    expect(await get(`/api/v2/it-contracts/${later}`)).toMatchObject({ name: 'Ny kontrakt', parentContract: { uuid: C.main } });
    kitos.data.contracts?.pop();
  }, 180_000);

  it('a crash midway stops the run with what was done, and running again resumes', async () => {
    kitos.data.systems.push({
      ...kitos.data.systems[1],
      uuid: S.later,
      name: 'Nyt system',
      externalReferences: [],
      lastModified: new Date().toISOString(),
    });
    kitos.data.usages.push({
      ...kitos.data.usages[1],
      uuid: US.later,
      systemContext: { uuid: S.later, name: 'Nyt system' },
      outgoingSystemRelations: [],
    });
    kitos.breakOn = '/api/v2/it-system-usages';
    const stopped = await run(['--apply']);
    expect(stopped.code).toBe(1);
    expect(stopped.report.abortedBecause).toMatch(/^KITOS (could not be reached|broke off)/);
    expect(stopped.output).toContain('Run the same command again to resume.');
    expect(counts(stopped.report)['it-system']).toEqual({ created: 1, unchanged: 4, skipped: 1 });
    expect((await api.get(`/api/v2/it-system-usages/${US.later}`, bearer(admin))).status).toBe(404);

    const resumed = await run(['--apply']);
    expect(resumed.report.abortedBecause).toBeNull();
    expect(counts(resumed.report)['it-system']).toEqual({ unchanged: 5, skipped: 1 });
    expect(counts(resumed.report)['it-system-usage']).toEqual({ created: 1, unchanged: 3, skipped: 2 });
    expect(await get(`/api/v2/it-system-usages/${US.later}`)).toMatchObject({ systemContext: { uuid: S.later } });
  }, 180_000);

  it('an object the service here refuses is reported as failed with its answer, and the rest goes on', async () => {
    const taken = id();
    kitos.data.users.push({
      uuid: taken,
      name: 'Dobbelt',
      firstName: 'Dob',
      lastName: 'Belt',
      email: 'anne.berg@testkommune.dk',
      roles: ['User'],
    });
    const { code, report } = await run(['--apply']);
    expect(code).toBe(2);
    expect(report.entries.find((e) => e.uuid === taken)).toMatchObject({
      outcome: 'failed',
      reason: expect.stringMatching(/^refused here \(CONFLICT\)/),
    });
    expect(counts(report).user).toEqual({ unchanged: 2, skipped: 1, failed: 1 });
    expect(counts(report)['it-system-usage']).toEqual({ unchanged: 4, skipped: 2 });
    kitos.data.users.pop();
  }, 120_000);

  it('a chosen uuid on create: global and local administrators only, a taken one is 409', async () => {
    const uuid = id();
    const created = await api.post<{ uuid: string }>(
      '/api/v2/it-systems',
      { uuid, organizationUuid: ORG, name: 'Valgt uuid' },
      bearer(admin),
    );
    expect({ status: created.status, uuid: created.body.uuid }).toEqual({ status: 201, uuid });
    const again = await api.post<{ existingUuid?: string }>(
      '/api/v2/it-systems',
      { uuid, organizationUuid: ORG, name: 'Andet navn' },
      bearer(admin),
    );
    expect({ status: again.status, existingUuid: again.body.existingUuid }).toEqual({ status: 409, existingUuid: uuid });
    const moduleAdmin = await sessionOf(api, await createUser(api, admin, [{ organizationUuid: ORG, role: 'SystemModuleAdmin' }]));
    const usage = { uuid: id(), organizationUuid: ORG, systemUuid: uuid };
    expect((await api.post('/api/v2/it-system-usages', usage, bearer(moduleAdmin))).status).toBe(403);
    const { uuid: _chosen, ...withoutUuid } = usage;
    expect((await api.post('/api/v2/it-system-usages', withoutUuid, bearer(moduleAdmin))).status).toBe(201);
    // contracts and registrations take a chosen uuid the same way
    const contract = { uuid: id(), organizationUuid: ORG, name: 'Valgt kontrakt' };
    const contractAdmin = await sessionOf(api, await createUser(api, admin, [{ organizationUuid: ORG, role: 'ContractModuleAdmin' }]));
    expect((await api.post('/api/v2/it-contracts', contract, bearer(contractAdmin))).status).toBe(403);
    const { uuid: _contractUuid, ...contractWithoutUuid } = contract;
    expect(
      (await api.post('/api/v2/it-contracts', { ...contractWithoutUuid, name: 'Uden valgt uuid' }, bearer(contractAdmin))).status,
    ).toBe(201);
    expect((await api.post<{ uuid: string }>('/api/v2/it-contracts', contract, bearer(admin))).body.uuid).toBe(contract.uuid);
    expect((await api.post('/api/v2/it-contracts', { ...contract, uuid: C.main, name: 'Anden' }, bearer(admin))).status).toBe(409);
    const registration = { uuid: id(), organizationUuid: ORG, name: 'Valgt databehandling' };
    expect((await api.post<{ uuid: string }>('/api/v2/data-processing-registrations', registration, bearer(admin))).body.uuid).toBe(
      registration.uuid,
    );
    expect((await api.post('/api/v2/data-processing-registrations', { ...registration, name: 'Anden' }, bearer(admin))).status).toBe(409);
    const unit = await api.post<{ uuid: string }>(
      `/api/v2/organizations/${ORG}/organization-units`,
      { uuid: U.bsv, name: 'Kopi', parentUuid: U.bsv },
      bearer(admin),
    );
    expect(unit.status).toBe(409);
  }, 120_000);

  it('runs as a job through the admin endpoint, for global and local administrators of the organisation only', async () => {
    const body = { url: kitos.url, ...API_USER, organizationUuid: ORG };
    const otherLa = await sessionOf(
      api,
      await createUser(api, admin, [{ organizationUuid: await createOrganization(api, admin), role: 'LocalAdmin' }]),
    );
    expect((await api.post('/api/v2/admin/imports', body, bearer(otherLa))).status).toBe(403);
    expect((await api.post('/api/v2/admin/imports', { ...body, url: 'not a url' }, bearer(admin))).status).toBe(400);

    const started = await api.post<{ uuid: string; state: string }>('/api/v2/admin/imports', body, bearer(admin));
    expect(started.status).toBe(202);
    expect(started.headers.get('location')).toBe(`/api/v2/admin/imports/${started.body.uuid}`);
    const done = await eventually(
      async () => {
        const job = await get<{ state: string; progress: Array<{ type: string; finished: boolean }>; report: ImportReport | null }>(
          `/api/v2/admin/imports/${started.body.uuid}`,
        );
        if (job.state === 'running') throw new Error('still running');
        return job;
      },
      { timeoutMs: 60_000 },
    );
    expect(done.state).toBe('finished');
    expect(done.progress.map((p) => p.type)).toEqual([
      'organization',
      'organization-unit',
      'user',
      'it-system',
      'it-interface',
      'it-system-usage',
      'usage-gdpr',
      'data-processing-registration',
      'it-contract',
      'system-relation',
    ]);
    expect(done.report?.apply).toBe(false);
    expect(counts(done.report as ImportReport)['it-system-usage']).toEqual({ unchanged: 4, skipped: 2 });
    expect((await api.get(`/api/v2/admin/imports/${started.body.uuid}`, bearer(otherLa))).status).toBe(403);
    const xlsx = await fetch(`${system.gatewayUrl}/api/v2/admin/imports/${started.body.uuid}/report.xlsx`, { headers: bearer(admin) });
    expect(xlsx.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await xlsx.arrayBuffer());
    expect(workbook.getWorksheet('Objects')?.rowCount).toBe((done.report as ImportReport).entries.length + 1);
    expect((await api.get(`/api/v2/admin/imports/${randomUUID()}`, bearer(admin))).status).toBe(404);
  }, 180_000);
});
