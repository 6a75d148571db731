import { readFile } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { eventually, resetJetStream } from '@kitos/testing';
import { parseCsv } from '../support/gdpr';
import { adminToken, bearer, createOrganization, createUser, LOCAL_ADMIN, type TestUser } from '../support/identity';
import { http, startSystem, type HttpResult, type RunningSystem } from '../support/system';
import {
  accessibilityViolations,
  inBothLanguages as checkBothLanguages,
  launchBrowser,
  newContext,
  screenshot,
  signIn,
} from './support/browser';
import { REPORT_PAGE, downloadWorkbook, expectReportCells, reportCells, reportRow, sheetRows } from './support/flows';
import { expectAttribute, expectCount, expectText, expectTexts, expectValue, settled } from './support/settle';

/**
 * The cross-municipal reports in the browser against the whole running system, with the suppression threshold at 3
 * organisations (BENCHMARK_MIN_ORGANIZATIONS, as the e2e benchmark specs): four municipalities use a common system
 * (figures shown), two of them a rarer one (figures suppressed). A user of the first municipality reads the reports in
 * Danish and English, searches for joint procurement partners and downloads the tables.
 */
const MIN = 3;
const YEAR = new Date().getUTCFullYear();

describe('the reports pages of the web client', () => {
  let system: RunningSystem;
  let api: ReturnType<typeof http>;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let admin: string;
  let reader: TestUser;
  let supplier: string;
  const municipalities: string[] = [];
  const names = {
    municipalities: ['Æblerød Kommune', 'Bøgeby Kommune', 'Egedal Nord Kommune', 'Fyrreby Kommune'],
    common: `Fælles ESDH ${randomUUID().slice(0, 4)}`,
    rare: `Sjældent Løn ${randomUUID().slice(0, 4)}`,
    supplier: 'Leverandør Øst A/S',
  };
  const systems: Record<'common' | 'rare', string> = { common: '', rare: '' };

  const until = (what: string, write: () => Promise<HttpResult<unknown>>) =>
    eventually(async () => {
      const result = await write();
      if (![200, 201].includes(result.status)) throw new Error(`${what} answered ${result.status}: ${JSON.stringify(result.body)}`);
      return result;
    });

  /** A municipality's usage of a system: processes personal data, with a contract ending on validTo and a year's payments. */
  const enrol = async (organizationUuid: string, systemUuid: string, validTo: string, costOre: number) => {
    const usage = await api.post<{ uuid: string }>('/api/v2/it-system-usages', { organizationUuid, systemUuid }, bearer(admin));
    expect(usage.status).toBe(201);
    await until('usage GDPR', () =>
      api.patch(
        `/api/v2/it-system-usages/${usage.body.uuid}/gdpr`,
        { dataSensitivityLevels: ['PersonData'], dpiaConducted: 'Yes', riskAssessmentConducted: 'No' },
        bearer(admin),
      ),
    );
    const [root] = (await api.get<Array<{ uuid: string }>>(`/api/v2/organizations/${organizationUuid}/organization-units`, bearer(admin)))
      .body;
    await until('contract', () =>
      api.post(
        '/api/v2/it-contracts',
        {
          organizationUuid,
          name: `Driftsaftale ${randomUUID().slice(0, 6)}`,
          general: { validity: { validFrom: '2024-01-01', validTo } },
          supplier: { organizationUuid: supplier },
          systemUsageUuids: [usage.body.uuid],
          payments: { internal: [{ organizationUnitUuid: root.uuid, operationØre: costOre, auditDate: `${YEAR}-03-01` }] },
        },
        bearer(admin),
      ),
    );
  };

  /** A report in Danish and then in English (axe-core each time, once its chart is drawn), back to Danish. */
  const inBothLanguages = (heading: { da: string; en: string }) => checkBothLanguages(page, heading, REPORT_PAGE);

  const rowOf = (figure: string, system: string) => reportRow(page, figure, system);
  const cells = (figure: string, system: string, expected: string[] | jest.AsymmetricMatcher) =>
    expectReportCells(page, figure, system, expected);

  beforeAll(async () => {
    await resetJetStream();
    system = await startSystem({
      services: ['identity', 'catalog', 'contracts', 'gdpr', 'reporting'],
      env: { BENCHMARK_MIN_ORGANIZATIONS: String(MIN) },
    });
    browser = await launchBrowser();
    api = http(system.gatewayUrl);
    admin = await adminToken(api);
    supplier = await createOrganization(api, admin, { name: names.supplier, organizationType: 'Company' });
    for (const [i, name] of names.municipalities.entries()) {
      municipalities.push(await createOrganization(api, admin, { name, email: `it@kommune${i + 1}.example`, phone: `7000 000${i + 1}` }));
    }
    reader = await createUser(api, admin, [{ organizationUuid: municipalities[0], role: 'User' }]);
    for (const key of ['common', 'rare'] as const) {
      const created = await api.post<{ uuid: string }>(
        '/api/v2/it-systems',
        { organizationUuid: municipalities[0], name: names[key], rightsHolderUuid: supplier },
        bearer(admin),
      );
      expect(created.status).toBe(201);
      systems[key] = created.body.uuid;
    }
    const ends = ['2031-03-31', '2031-06-30', '2031-11-30', '2040-12-31'];
    for (const [i, org] of municipalities.entries()) await enrol(org, systems.common, ends[i], (i + 1) * 100_000);
    for (const org of municipalities.slice(0, 2)) await enrol(org, systems.rare, '2032-12-31', 50_000);
    // every contract and GDPR profile has reached reporting
    await eventually(
      async () => {
        const gdpr = await api.get<Array<{ system: { uuid: string }; suppressed: boolean; usagesWithPersonalData: number | null }>>(
          `/api/v2/benchmarks/gdpr?systemUuid=${systems.common}`,
          bearer(admin),
        );
        const dates = await api.get<unknown[]>('/api/v2/benchmarks/contract-end-dates', bearer(admin));
        if (gdpr.body[0]?.usagesWithPersonalData !== 4 || dates.body.length !== 6) throw new Error('not projected yet');
      },
      { timeoutMs: 90_000 },
    );
  }, 300_000);
  beforeEach(async () => {
    context = await newContext(browser, system.gatewayUrl);
    page = await context.newPage();
  });
  afterEach(() => context?.close());
  afterAll(async () => {
    await browser?.close();
    await system?.close();
  });

  it('shows the systems the municipalities have in common, the own ones marked', async () => {
    await signIn(page, reader, '/reports');
    await inBothLanguages({ da: 'Anvendelse af IT-systemer og leverandører', en: 'Usage of IT systems and suppliers' });
    const figure = 'IT-systemer brugt af flest kommuner';
    await cells(figure, names.common, [names.supplier, '4']);
    await cells(figure, names.rare, [names.supplier, '2']);
    // the reader's municipality uses both: marked in words, not by style alone
    await expectText(rowOf(figure, names.common).getByRole('rowheader'), `${names.common} jer`);
  });

  it('marks suppressed groups as such, never as zero, on the GDPR and cost pages, and downloads the costs as CSV', async () => {
    await signIn(page, reader, '/reports/gdpr');
    await inBothLanguages({ da: 'GDPR på tværs af kommuner', en: 'GDPR across municipalities' });
    const gdpr = 'Andel med databehandleraftale, konsekvensanalyse og risikovurdering pr. system';
    await cells(gdpr, names.common, ['4', '0 %', '100 %', '0 %']);
    await cells(gdpr, names.rare, Array(4).fill('skjult — for få organisationer'));

    await page.getByRole('link', { name: 'Omkostninger' }).click();
    await inBothLanguages({ da: 'Omkostninger pr. IT-system', en: 'Costs per IT system' });
    const costs = 'Gennemsnitlig årlig omkostning pr. kommune';
    await settled(
      `the costs of ${names.common}`,
      () => reportCells(page, costs, names.common),
      (shown) => expect(shown.slice(0, 3)).toEqual(['4', '2.500,00 kr.', '10.000,00 kr.']),
    );
    await cells(costs, names.rare, Array(4).fill('skjult — for få organisationer'));
    await screenshot(page, 'reports-costs');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Hent som CSV' }).click()]);
    const rows = parseCsv((await readFile(await download.path())).toString('utf8').replace(/^\uFEFF/, '')).filter((r) => r.length > 1);
    const bySystem = new Map(rows.slice(1).map((r) => [r[0], r]));
    expect(rows[0].slice(0, 6)).toEqual([
      'IT-system',
      'Leverandør',
      'År',
      'Undertrykt (for få kommuner)',
      'Antal kommuner',
      'Omkostning i alt (kr.)',
    ]);
    expect(bySystem.get(names.common)?.slice(2, 7)).toEqual([String(YEAR), 'Nej', '4', '10000,00', '2500,00']);
    expect(bySystem.get(names.rare)?.slice(3, 6)).toEqual(['Ja', '', '']);
  });

  it('shows contract end dates as a timeline with its table', async () => {
    await signIn(page, reader, '/reports/contract-end-dates');
    await page.getByRole('heading', { level: 2, name: 'Kontraktudløb pr. IT-system' }).waitFor();
    await page.getByLabel('Fra').fill('2031-01-01');
    await page.getByLabel('Til').fill('2032-12-31');
    await page.getByRole('button', { name: 'Vis' }).click();
    const table = page.getByRole('table', { name: 'Kontrakter der udløber i perioden' });
    await table.locator('tbody tr').nth(4).waitFor(); // the table is drawn after the answer to "Vis"
    await expectCount(table.locator('tbody tr'), 5);
    await inBothLanguages({ da: 'Kontraktudløb pr. IT-system', en: 'Contract end dates per IT system' });
  });

  it('finds the municipalities whose contracts for the common system end in the window, with contacts, and downloads them as XLSX', async () => {
    await signIn(page, reader, '/reports/joint-procurement');
    await page.getByRole('heading', { level: 2, name: 'Fælles udbud' }).waitFor();
    // without a system the server's problem is shown at the field
    await page.getByRole('button', { name: 'Find kommuner' }).click();
    await expectText(page.locator('#field-target-error'), expect.stringMatching(/systemUuid/));

    await page.getByLabel('IT-system', { exact: true }).selectOption({ label: names.common });
    await page.getByLabel('Fra').fill('2031-01-01');
    await page.getByLabel('Til').fill('2031-12-31');
    await page.getByRole('button', { name: 'Find kommuner' }).click();
    await page.getByText('3 kommuner har kontrakter, der udløber eller kan opsiges i perioden.').waitFor();
    const table = page.getByRole('table', { name: 'Første udløbs- eller opsigelsesdato pr. kommune' });
    await expectTexts(table.getByRole('rowheader'), [`${names.municipalities[0]} jer`, names.municipalities[1], names.municipalities[2]]);
    await expectAttribute(table.getByRole('link', { name: 'it@kommune2.example' }), 'href', 'mailto:it@kommune2.example');
    // three municipalities share their economy: the combined cost is shown
    await expectText(page.getByText(/Samlet årlig omkostning/).locator('..'), expect.stringMatching(/6\.000,00/));
    await page.locator('[data-chart-ready="true"]').first().waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'reports-joint-procurement');

    const rows = sheetRows((await downloadWorkbook(page, 'Hent som Excel (XLSX)')).workbook, 0);
    expect(rows[0].slice(0, 3)).toEqual(['Kommune', 'E-mail', 'Telefon']);
    expect(rows.slice(1).map((r) => r[0])).toEqual(names.municipalities.slice(0, 3));
    expect(rows.slice(1).every((r) => r[3] === names.common)).toBe(true);

    await page.getByLabel('Sprog').selectOption('en');
    await page.getByRole('heading', { level: 2, name: 'Joint procurement' }).waitFor();
    await page.getByText('3 municipalities have contracts ending or terminable in the period.').waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
  });

  it('lets a global administrator edit the data-quality rule pack: problems at the rule’s fields, a new version, the old one readable', async () => {
    const adminUuid = JSON.parse(Buffer.from(admin.split('.')[1], 'base64url').toString()).sub as string;
    const granted = await api.post(`/api/v2/organizations/${municipalities[0]}/users/${adminUuid}/roles`, { role: 'User' }, bearer(admin));
    expect(granted.status).toBe(200);
    const before = (await api.get<{ version: number; rules: Array<{ title: string }> }>('/api/v2/data-quality/rule-pack', bearer(admin)))
      .body;
    await signIn(page, LOCAL_ADMIN, '/data-quality/rule-pack');
    await page.getByRole('heading', { level: 1, name: 'Regelsæt for datakvalitet' }).waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByLabel('Sprog').selectOption('en');
    await page.getByRole('heading', { level: 1, name: 'Data quality rule pack' }).waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByLabel('Language').selectOption('da');

    const field = (path: string) => page.locator(`[id="field-rules[0].${path}"]`);
    const error = (path: string) => page.locator(`[id="field-rules[0].${path}-error"]`);
    const [type, params] = [await field('check.type').inputValue(), await field('check.params').inputValue()];
    // no JSON object: said at the field before anything is sent
    await field('check.params').fill('[1');
    await page.getByRole('button', { name: 'Gem som ny version' }).click();
    await expectText(error('check.params'), expect.stringMatching(/JSON-objekt/));
    // a private field (notes) is refused by the server: its problem is shown at the same rule's parameters
    await field('check.type').selectOption('required');
    await field('check.params').fill('{"field": "data.notes"}');
    await page.getByRole('button', { name: 'Gem som ny version' }).click();
    // the server's message, not the JSON message still shown from the first try
    await settled(
      'the server problem at check.params',
      (timeout) => error('check.params').textContent({ timeout }),
      (text) => {
        expect(text).toMatch(/\S/);
        expect(text).not.toMatch(/JSON-objekt/);
      },
    );
    expect((await api.get<{ version: number }>('/api/v2/data-quality/rule-pack', bearer(admin))).body.version).toBe(before.version);

    await field('check.type').selectOption(type);
    await field('check.params').fill(params);
    await field('title').fill(`${before.rules[0].title} (rettet)`);
    await page.getByRole('button', { name: 'Gem som ny version' }).click();
    await page.getByText(`Regelsættet er gemt som version ${before.version + 1}.`).waitFor();
    const after = (await api.get<{ version: number; rules: Array<{ title: string }> }>('/api/v2/data-quality/rule-pack', bearer(admin)))
      .body;
    expect(after.version).toBe(before.version + 1);
    expect(after.rules[0].title).toBe(`${before.rules[0].title} (rettet)`);
    expect(after.rules.slice(1)).toEqual(before.rules.slice(1));

    // the old version is fetched after the choice: until it arrives the form still shows the new one
    await page.getByLabel('Version').selectOption(String(before.version));
    await expectValue(field('title'), before.rules[0].title);
    await expectAttribute(field('title'), 'readonly', expect.any(String));
  });
});
