import ExcelJS from 'exceljs';
import { randomUUID } from 'node:crypto';
import { eventually, resetJetStream } from '@kitos/testing';
import { download, parseCsv } from '../support/gdpr';
import { adminToken, bearer, createOrganization, createUser, sessionOf } from '../support/identity';
import { http, startSystem, type HttpResult, type RunningSystem } from '../support/system';

type Page = {
  columns: Array<{ key: string; header: string; type: string }>;
  rows: Array<Record<string, unknown>>;
  total: number;
  page: number;
  pageSize: number;
  view?: string;
};
type Problem = { errors?: Array<{ field: string; message: string }> };
type View = { uuid: string; organizationDefault: boolean; columns: string[] };

describe('Organisation reports, saved views and exports (reporting) through the gateway', () => {
  let system: RunningSystem;
  let api: ReturnType<typeof http>;
  let admin: string;
  let org: string;
  let la: string;
  let user: string;
  let user2: string;
  let outsider: string;
  const tag = randomUUID().slice(0, 6);
  const usages: string[] = [];

  const report = (path: string, token: string): Promise<HttpResult<Page & Problem>> =>
    api.get<Page & Problem>(`/api/v2/reports/organizations/${org}/${path}`, bearer(token));

  const createUsage = async (name: string, general: Record<string, unknown>): Promise<string> => {
    const sys = await api.post<{ uuid: string }>('/api/v2/it-systems', { organizationUuid: org, name }, bearer(admin));
    expect(sys.status).toBe(201);
    const usage = await api.post<{ uuid: string }>(
      '/api/v2/it-system-usages',
      { organizationUuid: org, systemUuid: sys.body.uuid },
      bearer(la),
    );
    expect(usage.status).toBe(201);
    expect((await api.patch(`/api/v2/it-system-usages/${usage.body.uuid}`, { general }, bearer(la))).status).toBe(200);
    return usage.body.uuid;
  };

  beforeAll(async () => {
    await resetJetStream();
    system = await startSystem({ services: ['identity', 'catalog', 'contracts', 'gdpr', 'reporting'] });
    api = http(system.gatewayUrl);
    admin = await adminToken(api);
    org = await createOrganization(api, admin);
    const otherOrg = await createOrganization(api, admin);
    la = await sessionOf(api, await createUser(api, admin, [{ organizationUuid: org, role: 'LocalAdmin' }]));
    user = await sessionOf(api, await createUser(api, admin, [{ organizationUuid: org, role: 'User' }]));
    user2 = await sessionOf(api, await createUser(api, admin, [{ organizationUuid: org, role: 'User' }]));
    outsider = await sessionOf(api, await createUser(api, admin, [{ organizationUuid: otherOrg, role: 'User' }]));

    usages.push(await createUsage(`Æblesystem ${tag}`, { localCallName: 'Øresund sag', notes: 'Hemmelig note æøå' }));
    usages.push(await createUsage(`Bogføring ${tag}`, { localCallName: 'Kasse', notes: 'Anden note' }));
    usages.push(await createUsage(`Cirkus ${tag}`, { localCallName: 'Ålborg drift' }));
    const contract = await api.post<{ uuid: string }>(
      '/api/v2/it-contracts',
      { organizationUuid: org, name: `Kontrakt ${tag}`, general: { contractId: 'K-1', notes: 'Kontraktnote' } },
      bearer(admin),
    );
    expect(contract.status).toBe(201);
    const dpr = await api.post<{ uuid: string }>(
      '/api/v2/data-processing-registrations',
      {
        organizationUuid: org,
        name: `Databehandling ${tag}`,
        general: { isAgreementConcluded: 'Yes', isAgreementConcludedRemark: 'Bemærkning' },
      },
      bearer(admin),
    );
    expect(dpr.status).toBe(201);
    // Reporting follows the events within moments.
    await eventually(
      async () => {
        const result = await report('it-system-usages?columns=systemName,localCallName,notes', la);
        const ready = result.body.rows?.filter((r) => r.localCallName !== null).length;
        if (result.status !== 200 || result.body.total !== 3 || ready !== 3) throw new Error(JSON.stringify(result.body));
      },
      { timeoutMs: 60_000 },
    );
    await eventually(
      async () => {
        const c = await report('it-contracts', la);
        const d = await report('data-processing-registrations', la);
        if (c.body.total !== 1 || d.body.total !== 1) throw new Error('contracts/DPRs not yet in the read models');
      },
      { timeoutMs: 60_000 },
    );
  }, 180_000);

  afterAll(async () => {
    await system?.close();
  });

  describe('the usage report', () => {
    it('selects columns, with headers, in the order asked', async () => {
      const result = await report('it-system-usages?columns=localCallName,systemName,notes', la);
      expect(result.status).toBe(200);
      expect(result.body.columns.map((c) => c.key)).toEqual(['localCallName', 'systemName', 'notes']);
      expect(result.body.columns[1]).toEqual({ key: 'systemName', header: 'IT-system', type: 'text' });
      expect(Object.keys(result.body.rows[0]).sort()).toEqual(['localCallName', 'notes', 'systemName', 'uuid']);
    });

    it('sorts ascending and descending', async () => {
      const asc = await report('it-system-usages?columns=systemName&sort=systemName', la);
      expect(asc.body.rows.map((r) => String(r.systemName).split(' ')[0])).toEqual(['Bogføring', 'Cirkus', 'Æblesystem']);
      const desc = await report('it-system-usages?columns=systemName&sort=-localCallName', la);
      // Binary (code point) order, as the database sorts: Ø > Å > K.
      expect(desc.body.rows.map((r) => String(r.systemName).split(' ')[0])).toEqual(['Æblesystem', 'Cirkus', 'Bogføring']);
    });

    it('filters text case-insensitively (contains), in both spellings', async () => {
      const dotted = await report('it-system-usages?columns=systemName&filter.localCallName=ØRESUND', la);
      expect(dotted.body.total).toBe(1);
      expect(dotted.body.rows[0].systemName).toBe(`Æblesystem ${tag}`);
      const bracket = await report('it-system-usages?columns=systemName&filter[localCallName]=A', la);
      expect(bracket.body.rows.map((r) => String(r.systemName).split(' ')[0])).toEqual(['Bogføring', 'Æblesystem']);
    });

    it('pages after the stable sort', async () => {
      const second = await report('it-system-usages?columns=systemName&sort=systemName&page=1&pageSize=2', la);
      expect(second.body).toMatchObject({ page: 1, pageSize: 2, total: 3 });
      expect(second.body.rows.map((r) => String(r.systemName).split(' ')[0])).toEqual(['Æblesystem']);
    });

    it('answers 400 naming the parameter for bad input', async () => {
      const unknown = await report('it-system-usages?columns=systemName,nope', la);
      expect(unknown.status).toBe(400);
      expect(unknown.body.errors).toEqual([expect.objectContaining({ field: 'columns', message: expect.stringContaining('nope') })]);
      expect((await report('it-system-usages?sort=responsibleUnit', la)).body.errors?.[0].field).toBe('sort');
      expect((await report('it-system-usages?filter.riskAssessmentDate=2025-13-01', la)).body.errors?.[0].field).toBe(
        'filter.riskAssessmentDate',
      );
      expect((await report('it-system-usages?filter.valid=maybe', la)).status).toBe(400);
      expect((await report('it-system-usages?pageSize=100000', la)).status).toBe(400);
      expect((await report('it-system-usages?bogus=1', la)).body.errors?.[0].field).toBe('bogus');
      expect((await report('nonsense', la)).status).toBe(404);
    });

    it('lists the columns with what can be sorted and filtered and what is private', async () => {
      const result = await api.get<{
        columns: Array<{ key: string; sortable: boolean; filterable: boolean; privateClass: string | null }>;
      }>('/api/v2/reports/it-system-usages/columns', bearer(user));
      expect(result.status).toBe(200);
      expect(result.body.columns.find((c) => c.key === 'notes')).toMatchObject({ sortable: true, privateClass: 'note' });
      expect(result.body.columns.find((c) => c.key === 'responsibleUnit')).toMatchObject({
        sortable: false,
        filterable: false,
        privateClass: null,
      });
    });
  });

  describe('another organisation', () => {
    it('reads the report without notes and remarks', async () => {
      const usagesOther = await report('it-system-usages', outsider);
      expect(usagesOther.status).toBe(200);
      expect(usagesOther.body.total).toBe(3);
      expect(usagesOther.body.columns.map((c) => c.key)).not.toContain('notes');
      for (const row of usagesOther.body.rows) expect(row).not.toHaveProperty('notes');
      const dprOther = await report('data-processing-registrations?columns=name,agreementConcluded', outsider);
      expect(dprOther.body.rows[0]).toEqual({ uuid: expect.any(String), name: `Databehandling ${tag}`, agreementConcluded: 'Yes' });
      const own = await report('data-processing-registrations?columns=name,agreementConcludedRemark', la);
      expect(own.body.rows[0].agreementConcludedRemark).toBe('Bemærkning');
      const contractOwn = await report('it-contracts?columns=name,contractId,notes', la);
      expect(contractOwn.body.rows[0]).toMatchObject({ contractId: 'K-1', notes: 'Kontraktnote' });
    });

    it('answers 400 when a private column is named in columns, sort or a filter', async () => {
      for (const query of ['columns=systemName,notes', 'sort=notes', 'filter.notes=hemmelig']) {
        const result = await report(`it-system-usages?${query}`, outsider);
        expect(result.status).toBe(400);
        expect(result.body.errors?.[0].message).toContain('"notes"');
      }
      expect((await report('data-processing-registrations?filter.agreementConcludedRemark=B', outsider)).status).toBe(400);
      expect((await report('it-contracts?columns=notes', outsider)).status).toBe(400);
    });

    it('is 401 without a token', async () => {
      expect((await api.get(`/api/v2/reports/organizations/${org}/it-system-usages`)).status).toBe(401);
    });
  });

  describe('saved views', () => {
    let mine: View;

    it("saves a user's own view, invisible to other users", async () => {
      const created = await api.post<View & Problem>(
        '/api/v2/report-views',
        {
          organizationUuid: org,
          report: 'it-system-usages',
          name: 'Mine',
          columns: ['systemName', 'notes'],
          sort: '-systemName',
          filters: { notes: 'note' },
        },
        bearer(user),
      );
      expect(created.status).toBe(201);
      mine = created.body;
      expect(mine.organizationDefault).toBe(false);
      const applied = await report(`it-system-usages?view=${mine.uuid}`, user);
      expect(applied.body.columns.map((c) => c.key)).toEqual(['systemName', 'notes']);
      expect(applied.body.rows.map((r) => String(r.systemName).split(' ')[0])).toEqual(['Æblesystem', 'Bogføring']);
      expect((await api.get(`/api/v2/report-views/${mine.uuid}`, bearer(user2))).status).toBe(404);
      expect((await report(`it-system-usages?view=${mine.uuid}`, user2)).status).toBe(404);
      expect((await api.get<View[]>(`/api/v2/report-views?organizationUuid=${org}`, bearer(user2))).body.map((v) => v.uuid)).not.toContain(
        mine.uuid,
      );
      expect((await api.patch(`/api/v2/report-views/${mine.uuid}`, { name: 'Fremmed' }, bearer(user2))).status).toBe(404);
    });

    it('validates views (unknown column → 400)', async () => {
      const bad = await api.post<Problem>(
        '/api/v2/report-views',
        { organizationUuid: org, report: 'it-system-usages', name: 'Dårlig', columns: ['nope'] },
        bearer(user),
      );
      expect(bad.status).toBe(400);
      expect(bad.body.errors?.[0].field).toBe('columns');
      expect(
        (await api.post('/api/v2/report-views', { organizationUuid: org, report: 'it-system-usages', name: ' ' }, bearer(user))).status,
      ).toBe(400);
    });

    it('lets only local admins set the organisation default, which then applies', async () => {
      const body = {
        organizationUuid: org,
        report: 'it-system-usages',
        name: 'Standard',
        columns: ['systemName', 'localCallName', 'notes'],
        sort: 'localCallName',
        organizationDefault: true,
      };
      expect((await api.post('/api/v2/report-views', body, bearer(user))).status).toBe(403);
      expect((await api.patch(`/api/v2/report-views/${mine.uuid}`, { organizationDefault: true }, bearer(user))).status).toBe(403);
      const created = await api.post<View>('/api/v2/report-views', body, bearer(la));
      expect(created.status).toBe(201);
      expect(created.body.organizationDefault).toBe(true);
      const applied = await report('it-system-usages', user2);
      expect(applied.body.view).toBe(created.body.uuid);
      expect(applied.body.columns.map((c) => c.key)).toEqual(['systemName', 'localCallName', 'notes']);
      expect(applied.body.rows.map((r) => r.localCallName)).toEqual(['Kasse', 'Ålborg drift', 'Øresund sag']);
      // Explicit columns replace the default; another organisation gets the default without the private column.
      expect((await report('it-system-usages?columns=systemName', user2)).body.view).toBeUndefined();
      const other = await report('it-system-usages', outsider);
      expect(other.body.columns.map((c) => c.key)).toEqual(['systemName', 'localCallName']);
      // Members may read it but not change it.
      expect((await api.patch(`/api/v2/report-views/${created.body.uuid}`, { name: 'X' }, bearer(user))).status).toBe(403);
      expect((await api.delete(`/api/v2/report-views/${created.body.uuid}`, bearer(user))).status).toBe(403);
      expect((await api.get<View[]>(`/api/v2/report-views?organizationUuid=${org}`, bearer(user2))).body.map((v) => v.uuid)).toContain(
        created.body.uuid,
      );
      expect((await api.delete(`/api/v2/report-views/${created.body.uuid}`, bearer(la))).status).toBe(204);
      expect((await report('it-system-usages', user2)).body.view).toBeUndefined();
    });
  });

  describe('exports', () => {
    it('exports CSV with BOM, ; and Danish characters', async () => {
      const file = await download(
        system.gatewayUrl,
        `/api/v2/reports/organizations/${org}/it-system-usages?format=csv&columns=systemName,localCallName,valid&sort=systemName`,
        la,
      );
      expect(file.status).toBe(200);
      expect(file.headers.get('content-type')).toContain('text/csv');
      const text = file.bytes.toString('utf8');
      expect(text.startsWith('\uFEFF"IT-system";"Lokalt kaldenavn";"Gyldig"\r\n')).toBe(true);
      const rows = parseCsv(text.slice(1)).filter((r) => r.length > 1);
      expect(rows).toHaveLength(4);
      expect(rows[3]).toEqual([`Æblesystem ${tag}`, 'Øresund sag', expect.stringMatching(/^(Ja|Nej)$/)]);
    });

    it('exports XLSX that exceljs reads back, and answers 400 before the first byte for bad input', async () => {
      const file = await download(
        system.gatewayUrl,
        `/api/v2/reports/organizations/${org}/it-system-usages?format=xlsx&columns=systemName,localCallName&sort=systemName`,
        la,
      );
      expect(file.status).toBe(200);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(file.bytes as never);
      const sheet = workbook.worksheets[0];
      expect(sheet.name).toBe('IT-systemanvendelser');
      expect(sheet.getRow(1).values).toEqual([undefined, 'IT-system', 'Lokalt kaldenavn']);
      expect(sheet.getRow(4).values).toEqual([undefined, `Æblesystem ${tag}`, 'Øresund sag']);
      expect(sheet.rowCount).toBe(4);
      const bad = await download(
        system.gatewayUrl,
        `/api/v2/reports/organizations/${org}/it-system-usages?format=xlsx&columns=notes`,
        outsider,
      );
      expect(bad.status).toBe(400);
    });
  });
});
