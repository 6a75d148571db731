import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { eventually, resetJetStream } from '@kitos/testing';
import { adminToken, bearer, createOrganization, createUser, sessionOf } from '../support/identity';
import { download } from '../support/gdpr';
import { http, startSystem, type RunningSystem } from '../support/system';

/**
 * The sharing-rule matrix (issue 10): every cross-organisation endpoint of reporting, read by a user of another
 * municipality, × each private field class. Organisation A writes a distinctive marker into every private field;
 * no answer another organisation gets may contain one. The owner's answers must contain them (so that the check can
 * fail), and contract economy is shared until A's local admin opts out, then gone at once.
 */
const NOTE_MARKERS = {
  usageNotes: 'PRIVAT-usage-note-7f3a',
  riskAssessmentNotes: 'PRIVAT-risk-note-7f3a',
  archiveNotes: 'PRIVAT-archive-note-7f3a',
  contractNotes: 'PRIVAT-contract-note-7f3a',
  dprRemark: 'PRIVAT-dpr-remark-7f3a',
  relationDescription: 'PRIVAT-relation-note-7f3a',
  interfaceNote: 'PRIVAT-interface-note-7f3a',
};
const PROJECT_MARKER = 'PRIVAT-projekt-7f3a';
const ECONOMY_ORE = 987_654_321;
type PrivateClass = 'note' | 'project' | 'economy';

const markersOf = (cls: PrivateClass): string[] =>
  cls === 'note' ? Object.values(NOTE_MARKERS) : cls === 'project' ? [PROJECT_MARKER] : [String(ECONOMY_ORE)];

const REPORTS = ['it-system-usages', 'it-contracts', 'data-processing-registrations', 'it-interfaces', 'system-relations'];

describe('Sharing rules: every cross-organisation endpoint × every private field class', () => {
  let system: RunningSystem;
  let api: ReturnType<typeof http>;
  let admin: string;
  let orgA: string;
  let orgB: string;
  let laA: string;
  let userB: string;
  const ids: Record<string, string> = {};
  /** Per report: every column; the columns another organisation may ask for; those without economy either. */
  const cols: Record<string, { all: string[]; shared: string[]; sharedWithoutEconomy: string[] }> = {};

  /** The text another organisation's user gets from an endpoint (CSV as text, XLSX as the text of its cells). */
  const asText = async (path: string, token: string): Promise<{ status: number; text: string }> => {
    if (/format=xlsx/.test(path)) {
      const file = await download(system.gatewayUrl, path, token);
      if (file.status !== 200) return { status: file.status, text: file.bytes.toString('utf8') };
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(file.bytes as unknown as ArrayBuffer);
      const cells: string[] = [];
      book.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.text)))));
      return { status: 200, text: cells.join('\n') };
    }
    if (/format=csv/.test(path)) {
      const file = await download(system.gatewayUrl, path, token);
      return { status: file.status, text: file.bytes.toString('utf8') };
    }
    const result = await api.get(path, bearer(token));
    return { status: result.status, text: JSON.stringify(result.body) };
  };

  /**
   * Every cross-organisation endpoint of reporting, with the status another municipality's user gets. The reports are
   * asked for with their default columns and with every column another organisation may select.
   */
  const endpoints = (economyShared: boolean): Array<[string, number]> => [
    ...REPORTS.flatMap((r): Array<[string, number]> => {
      const selectable = (economyShared ? cols[r].shared : cols[r].sharedWithoutEconomy).join(',');
      return ['', `?columns=${selectable}`].flatMap((query): Array<[string, number]> => [
        [`/api/v2/reports/organizations/${orgA}/${r}${query}`, 200],
        [`/api/v2/reports/organizations/${orgA}/${r}${query ? `${query}&` : '?'}format=csv`, 200],
        [`/api/v2/reports/organizations/${orgA}/${r}${query ? `${query}&` : '?'}format=xlsx`, 200],
      ]);
    }),
    ['/api/v2/benchmarks/it-systems', 200],
    ['/api/v2/benchmarks/suppliers', 200],
    ['/api/v2/benchmarks/contract-end-dates', 200],
    ['/api/v2/benchmarks/costs?year=2026', 200],
    ['/api/v2/benchmarks/gdpr', 200],
    ['/api/v2/benchmarks/gdpr/national', 200],
    ['/api/v2/benchmarks/archive-duty', 200],
    [`/api/v2/benchmarks/joint-procurement?systemUuid=${ids.system}&from=2000-01-01&to=2099-12-31&year=2026`, 200],
    ...[
      'it-systems',
      'suppliers',
      'contract-end-dates',
      'costs?year=2026',
      'gdpr',
      'archive-duty',
      `joint-procurement?systemUuid=${ids.system}&from=2000-01-01&to=2099-12-31&year=2026`,
    ].flatMap((table): Array<[string, number]> => [
      [`/api/v2/benchmarks/${table}${table.includes('?') ? '&' : '?'}format=csv`, 200],
      [`/api/v2/benchmarks/${table}${table.includes('?') ? '&' : '?'}format=xlsx`, 200],
    ]),
    [`/api/v2/data-quality/organizations/${orgA}`, 200],
    [`/api/v2/data-quality/organizations/${orgA}/history`, 200],
    [`/api/v2/data-quality/organizations/${orgA}/findings`, 404],
    [`/api/v2/it-system-usages/${ids.usage}/history`, 404],
    [`/api/v2/it-contracts/${ids.contract}/history`, 404],
    [`/api/v2/data-processing-registrations/${ids.dpr}/history`, 404],
    [`/api/v2/it-projects/${ids.project}/history`, 404],
    [`/api/v2/organizations/${orgA}/sharing-settings`, 404],
    ['/api/v2/delta-feed/deleted-entities?entityType=ItContract', 200],
  ];

  const created = async (path: string, body: Record<string, unknown>, token = laA): Promise<string> => {
    const result = await api.post<{ uuid: string }>(path, body, bearer(token));
    if (result.status !== 201) throw new Error(`POST ${path} answered ${result.status}: ${JSON.stringify(result.body)}`);
    return result.body.uuid;
  };
  const ok = async (promise: Promise<{ status: number; body: unknown }>): Promise<void> => {
    const result = await promise;
    if (result.status !== 200) throw new Error(`answered ${result.status}: ${JSON.stringify(result.body)}`);
  };

  /** A's registrations: a marker in every private field; B uses the same (Global) system, so benchmarks have two municipalities. */
  const register = async (org: string, token: string, withMarkers: boolean): Promise<Record<string, string>> => {
    const [root] = (await api.get<Array<{ uuid: string }>>(`/api/v2/organizations/${org}/organization-units`, bearer(token))).body;
    const usage = await created('/api/v2/it-system-usages', { organizationUuid: org, systemUuid: ids.system }, token);
    const usage2 = await created('/api/v2/it-system-usages', { organizationUuid: org, systemUuid: ids.system2 }, token);
    const note = (marker: string) => (withMarkers ? marker : 'delt tekst');
    await ok(
      api.patch(
        `/api/v2/it-system-usages/${usage}`,
        { general: { localCallName: 'Sag', notes: note(NOTE_MARKERS.usageNotes) } },
        bearer(token),
      ),
    );
    await eventually(() => ok(api.get(`/api/v2/it-system-usages/${usage}/gdpr`, bearer(token))));
    await ok(
      api.patch(
        `/api/v2/it-system-usages/${usage}/gdpr`,
        {
          dataSensitivityLevels: ['PersonData'],
          riskAssessmentConducted: 'Yes',
          riskAssessmentConductedDate: '2025-05-01',
          riskAssessmentNotes: note(NOTE_MARKERS.riskAssessmentNotes),
        },
        bearer(token),
      ),
    );
    await eventually(() => ok(api.get(`/api/v2/it-system-usage-archives/${usage}`, bearer(token))));
    await ok(
      api.patch(`/api/v2/it-system-usage-archives/${usage}`, { archiveDuty: 'B', notes: note(NOTE_MARKERS.archiveNotes) }, bearer(token)),
    );
    await created(
      `/api/v2/it-system-usages/${usage}/system-relations`,
      { toSystemUsageUuid: usage2, description: note(NOTE_MARKERS.relationDescription) },
      token,
    );
    const contract = await created(
      '/api/v2/it-contracts',
      {
        organizationUuid: org,
        name: 'Driftsaftale ESDH',
        systemUsageUuids: [usage],
        general: { notes: note(NOTE_MARKERS.contractNotes), validity: { validFrom: '2024-01-01', validTo: '2027-12-31' } },
        payments: { external: [{ organizationUnitUuid: root.uuid, operationØre: ECONOMY_ORE, auditDate: '2026-03-01' }] },
      },
      token,
    );
    const dpr = await created(
      '/api/v2/data-processing-registrations',
      { organizationUuid: org, name: 'Databehandleraftale ESDH', general: { dataResponsibleRemark: note(NOTE_MARKERS.dprRemark) } },
      token,
    );
    await created(
      '/api/v2/it-interfaces',
      { organizationUuid: org, name: `Sag-API ${randomUUID().slice(0, 4)}`, note: note(NOTE_MARKERS.interfaceNote) },
      token,
    );
    const project = await created('/api/v2/it-projects', { organizationUuid: org, name: withMarkers ? PROJECT_MARKER : 'Projekt' }, token);
    return { usage, contract, dpr, project };
  };

  beforeAll(async () => {
    await resetJetStream();
    system = await startSystem({
      services: ['identity', 'catalog', 'contracts', 'gdpr', 'archiving', 'projects', 'reporting'],
      env: { BENCHMARK_MIN_ORGANIZATIONS: '2' },
    });
    api = http(system.gatewayUrl);
    admin = await adminToken(api);
    orgA = await createOrganization(api, admin, { name: 'Ærø Kommune' });
    orgB = await createOrganization(api, admin, { name: 'Fanø Kommune' });
    laA = await sessionOf(api, await createUser(api, admin, [{ organizationUuid: orgA, role: 'LocalAdmin' }]));
    const laB = await sessionOf(api, await createUser(api, admin, [{ organizationUuid: orgB, role: 'LocalAdmin' }]));
    userB = await sessionOf(api, await createUser(api, admin, [{ organizationUuid: orgB, role: 'User' }]));
    ids.system = await created(
      '/api/v2/it-systems',
      { organizationUuid: orgA, name: `ESDH ${randomUUID().slice(0, 6)}`, scope: 'Global' },
      admin,
    );
    ids.system2 = await created(
      '/api/v2/it-systems',
      { organizationUuid: orgA, name: `Løn ${randomUUID().slice(0, 6)}`, scope: 'Global' },
      admin,
    );
    Object.assign(ids, await register(orgA, laA, true));
    await register(orgB, laB, false);
    // A deleted contract of A, for the delta feed.
    const doomed = await created('/api/v2/it-contracts', { organizationUuid: orgA, name: 'Ophørt' });
    expect((await api.delete(`/api/v2/it-contracts/${doomed}`, bearer(laA))).status).toBe(204);
    for (const report of REPORTS) {
      const described = await api.get<{ columns: Array<{ key: string; privateClass: string | null }> }>(
        `/api/v2/reports/${report}/columns`,
        bearer(laA),
      );
      expect(described.status).toBe(200);
      cols[report] = {
        all: described.body.columns.map((c) => c.key),
        shared: described.body.columns.filter((c) => c.privateClass === null || c.privateClass === 'economy').map((c) => c.key),
        sharedWithoutEconomy: described.body.columns.filter((c) => c.privateClass === null).map((c) => c.key),
      };
    }
    // Wait until reporting has everything: A's own contract report shows the economy and the notes.
    await eventually(
      async () => {
        const own = await asText(`/api/v2/reports/organizations/${orgA}/it-contracts?columns=${cols['it-contracts'].all.join(',')}`, laA);
        expect(own.text).toContain(String(ECONOMY_ORE));
        expect(own.text).toContain(NOTE_MARKERS.contractNotes);
        const usages = await asText(
          `/api/v2/reports/organizations/${orgA}/it-system-usages?columns=${cols['it-system-usages'].all.join(',')}`,
          laA,
        );
        expect(usages.text).toContain(NOTE_MARKERS.archiveNotes);
        expect(usages.text).toContain(NOTE_MARKERS.riskAssessmentNotes);
      },
      { timeoutMs: 30_000 },
    );
    await ok(
      api.post('/api/v2/data-quality/snapshots', {}, bearer(admin)).then((r) => ({ ...r, status: r.status === 201 ? 200 : r.status })),
    );
  }, 240_000);

  afterAll(async () => {
    await system?.close();
  });

  it('the owner sees every private field in her own reports (the markers are really there)', async () => {
    const texts = await Promise.all(
      REPORTS.map((r) => asText(`/api/v2/reports/organizations/${orgA}/${r}?columns=${cols[r].all.join(',')}`, laA)),
    );
    const all = texts.map((t) => t.text).join('\n');
    for (const marker of Object.values(NOTE_MARKERS)) expect(all).toContain(marker);
    expect(all).toContain(String(ECONOMY_ORE));
  });

  it('another municipality sees A’s contract economy while A shares it', async () => {
    const contracts = await asText(
      `/api/v2/reports/organizations/${orgA}/it-contracts?columns=${cols['it-contracts'].shared.join(',')}`,
      userB,
    );
    expect(contracts.status).toBe(200);
    expect(contracts.text).toContain(String(ECONOMY_ORE));
  });

  describe.each(['note', 'project'] as const)('%s fields, never shared', (cls) => {
    it('appear in no answer to another municipality, on any endpoint or format', async () => {
      for (const [path, status] of endpoints(true)) {
        const answer = await asText(path, userB);
        expect([path, answer.status]).toEqual([path, status]);
        for (const marker of markersOf(cls)) expect([path, answer.text.includes(marker)]).toEqual([path, false]);
      }
    });
  });

  describe('economy, after A opts out', () => {
    beforeAll(async () => {
      const put = await fetch(`${system.gatewayUrl}/api/v2/organizations/${orgA}/sharing-settings`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json', ...bearer(laA) },
        body: JSON.stringify({ shareContractEconomy: false }),
      });
      expect(put.status).toBe(200);
    });

    it('appears in no answer to another municipality, at once, on any endpoint or format', async () => {
      for (const [path, status] of endpoints(false)) {
        const answer = await asText(path, userB);
        expect([path, answer.status]).toEqual([path, status]);
        for (const marker of markersOf('economy')) expect([path, answer.text.includes(marker)]).toEqual([path, false]);
      }
    });

    it('cannot be selected, sorted or filtered on by another municipality (400 naming the column)', async () => {
      const economyColumns = cols['it-contracts'].shared.filter((c) => !cols['it-contracts'].sharedWithoutEconomy.includes(c));
      expect(economyColumns.length).toBeGreaterThan(0);
      const base = `/api/v2/reports/organizations/${orgA}/it-contracts`;
      for (const query of [`columns=${economyColumns[0]}`, `sort=${economyColumns[0]}`, `filter.${economyColumns[0]}=1..`]) {
        const answer = await api.get(`${base}?${query}`, bearer(userB));
        expect([query, answer.status]).toEqual([query, 400]);
        expect(JSON.stringify(answer.body)).toContain(economyColumns[0]);
      }
    });

    it('is still the owner’s', async () => {
      expect(
        (await asText(`/api/v2/reports/organizations/${orgA}/it-contracts?columns=${cols['it-contracts'].all.join(',')}`, laA)).text,
      ).toContain(String(ECONOMY_ORE));
    });
  });

  it('only A’s local admin changes A’s setting; B’s users cannot read it', async () => {
    const put = (token: string) =>
      fetch(`${system.gatewayUrl}/api/v2/organizations/${orgA}/sharing-settings`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json', ...bearer(token) },
        body: JSON.stringify({ shareContractEconomy: true }),
      });
    expect((await put(userB)).status).toBe(404);
    const userA = await sessionOf(api, await createUser(api, admin, [{ organizationUuid: orgA, role: 'User' }]));
    expect((await put(userA)).status).toBe(403);
    const bad = await fetch(`${system.gatewayUrl}/api/v2/organizations/${orgA}/sharing-settings`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', ...bearer(laA) },
      body: JSON.stringify({ shareContractEconomy: 'nej' }),
    });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain('shareContractEconomy');
    const settings = await api.get<{ shareContractEconomy: boolean; hiddenFromOtherOrganizations: string[] }>(
      `/api/v2/organizations/${orgA}/sharing-settings`,
      bearer(userA),
    );
    expect(settings.body).toMatchObject({ shareContractEconomy: false });
    // an organisation reporting does not know has no report to share (404, not an empty list)
    expect((await api.get(`/api/v2/reports/organizations/${randomUUID()}/it-contracts`, bearer(userB))).status).toBe(404);
    expect(settings.body.hiddenFromOtherOrganizations.sort()).toEqual(['economy', 'note', 'project']);
  });
});
