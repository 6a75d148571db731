import { readFile } from 'node:fs/promises';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { eventually, resetJetStream } from '@kitos/testing';
import { createUsage } from '../support/gdpr';
import { adminToken, bearer, createOrganization, createUser, type TestUser } from '../support/identity';
import { http, startSystem, type RunningSystem } from '../support/system';
import { launchBrowser, newContext, screenshot, signIn, ok, inBothLanguages } from './support/browser';
import { downloadWorkbook, expectArticle30Workbook } from './support/flows';
import { expectAttribute, expectCount, expectText, expectTexts } from './support/settle';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * The compliance areas in the browser (GDPR, archiving, data quality) against the whole running system: an organisation
 * with a usage that processes personal data without a data processing agreement, a processing activity, and a usage
 * whose archive delivery is overdue and whose decision differs from the recommendation. Its DPO (a plain member) works
 * through the pages in Danish and English; every page passes axe-core.
 */
describe('the compliance pages of the web client', () => {
  let system: RunningSystem;
  let api: ReturnType<typeof http>;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let admin: string;
  let org: string;
  let dpo: TestUser;
  let payroll: string;
  let archived: string;
  let activityUuid: string;
  const names = { org: 'Æblerød Kommune', payroll: 'Løn og Økonomi', archived: 'ESDH Ærø', activity: 'Behandling af boligstøtte' };

  beforeAll(async () => {
    await resetJetStream();
    system = await startSystem({ services: ['identity', 'catalog', 'gdpr', 'archiving', 'reporting'] });
    browser = await launchBrowser();
    api = http(system.gatewayUrl);
    admin = await adminToken(api);
    org = await createOrganization(api, admin, {
      name: names.org,
      address: 'Rådhuspladsen 1, 8000 Aarhus',
      dataProtectionOfficer: { name: 'Søren Ødegård', email: 'dpo@aeblerod.dk', phone: '86 12 34 56' },
    });
    dpo = await createUser(api, admin, [{ organizationUuid: org, role: 'User' }]);

    // personal data, no DPA, no risk assessment, no retention period
    payroll = (await createUsage(api, admin, org, names.payroll)).usageUuid;
    await ok(
      api.patch(
        `/api/v2/it-system-usages/${payroll}/gdpr`,
        { dataSensitivityLevels: ['PersonData'], riskAssessmentConducted: 'No', retentionPeriodDefined: 'No' },
        bearer(admin),
      ),
    );
    activityUuid = (
      await ok(
        api.post<Json>(
          '/api/v2/processing-activities',
          {
            organizationUuid: org,
            name: names.activity,
            purposes: ['Afgørelse om boligstøtte'],
            legalBases: ['Art6-1-e'],
            dataCategories: [
              { dataSubjectCategory: 'Ansøgere', personalDataCategory: 'CPR-nummer', sensitivity: 'PersonData', retentionPeriod: '5 år' },
              { dataSubjectCategory: 'Børn', personalDataCategory: 'Helbred', sensitivity: 'SensitiveData' },
            ],
            recipients: [{ name: 'Udbetaling Danmark', category: 'Offentlig myndighed' }],
            systemUsageUuids: [payroll],
          },
          bearer(admin),
        ),
        201,
      )
    ).uuid;

    // archive duty B decided against a recommendation of K, yearly deliveries, nothing approved since 2010
    const system_ = await ok(
      api.post<Json>(
        '/api/v2/it-systems',
        { organizationUuid: org, name: names.archived, recommendedArchiveDuty: { id: 'K' } },
        bearer(admin),
      ),
      201,
    );
    archived = (
      await ok(api.post<Json>('/api/v2/it-system-usages', { organizationUuid: org, systemUuid: system_.uuid }, bearer(admin)), 201)
    ).uuid;
    await eventually(() =>
      ok(api.patch(`/api/v2/it-system-usage-archives/${archived}`, { archiveDuty: 'B', frequencyInMonths: 12 }, bearer(admin))),
    );
    await ok(
      api.post(
        `/api/v2/it-system-usages/${archived}/journal-periods`,
        { archiveId: 'A1', startDate: '2010-01-01', endDate: '2010-12-31' },
        bearer(admin),
      ),
      201,
    );

    // the read models have caught up: the dashboard counts the missing DPA, data quality reports it
    await eventually(async () => {
      const dashboard = await ok(api.get<Json>(`/api/v2/organizations/${org}/gdpr/dashboard`, bearer(admin)));
      expect(dashboard.personalDataWithoutDpa.usages.map((u: Json) => u.usageUuid)).toEqual([payroll]);
    });
    await eventually(async () => {
      const findings = await ok(api.get<Json[]>(`/api/v2/data-quality/organizations/${org}/findings?module=usages`, bearer(admin)));
      expect(findings.find((f) => f.uuid === payroll)?.findings.map((f: Json) => f.ruleId)).toContain('usage-personal-data-has-dpa');
    });
    await ok(api.post('/api/v2/data-quality/snapshots', {}, bearer(admin)), 201);
  }, 240_000);

  beforeEach(async () => {
    context = await newContext(browser, system.gatewayUrl);
    page = await context.newPage();
  });
  afterEach(() => context?.close());
  afterAll(async () => {
    await browser?.close();
    await system?.close();
  });

  it('shows the DPO the usage without a DPA on the dashboard and takes them to it', async () => {
    await signIn(page, dpo, '/gdpr');
    await inBothLanguages(page, { da: 'GDPR-overblik', en: 'GDPR overview' });
    const summary = page.getByRole('table', { name: 'Opgaver' });
    await expectText(summary.getByRole('row', { name: /Personoplysninger uden databehandleraftale/ }).getByRole('cell'), '1');

    await summary.getByRole('link', { name: 'Personoplysninger uden databehandleraftale' }).click();
    const section = page.getByRole('region', { name: /^Personoplysninger uden databehandleraftale/ });
    await section.getByRole('link', { name: names.payroll, exact: true }).click();
    // the finding's link opens the usage's GDPR tab, where it is fixed
    await page.waitForURL(`**/usages/${payroll}?tab=gdpr`);
    expect(new URL(page.url()).pathname).toBe(`/usages/${payroll}`);
  });

  it('lists the processing activities and shows an activity with its subject × data matrix and retention', async () => {
    await signIn(page, dpo, '/gdpr/processing-activities');
    await inBothLanguages(page, { da: 'Behandlingsaktiviteter', en: 'Processing activities' });
    await page.getByRole('link', { name: names.activity }).click();
    await page.waitForURL(`**/gdpr/processing-activities/${activityUuid}`);
    await inBothLanguages(page, { da: names.activity, en: names.activity });
    const matrix = page.getByRole('table', { name: /Kategorier af registrerede/ });
    const applicants = matrix.getByRole('row', { name: /^Ansøgere/ });
    await expectTexts(applicants.getByRole('cell'), ['Almindelige personoplysningerSlettefrist: 5 år', 'Behandles ikke']);
    await expectTexts(matrix.getByRole('row', { name: /^Børn/ }).getByRole('cell'), [
      'Behandles ikke',
      'Følsomme personoplysningerSlettefrist ikke angivet',
    ]);
    await page.getByRole('link', { name: names.payroll }).click();
    await page.waitForURL(`**/usages/${payroll}`);
  });

  it('shows the Article 30 record and downloads it as XLSX with the same entries as the API', async () => {
    const record = await ok(api.get<Json>(`/api/v2/organizations/${org}/gdpr/article-30`, bearer(admin)));
    await signIn(page, dpo, '/gdpr/article-30');
    await inBothLanguages(page, {
      da: 'Fortegnelse over behandlingsaktiviteter (art. 30)',
      en: 'Record of processing activities (Art. 30)',
    });
    const onScreen = page.getByRole('table', { name: 'Som dataansvarlig (art. 30, stk. 1)' });
    await expectTexts(
      onScreen.locator('tbody tr th'),
      record.controllerRecord.map((e: Json) => e.name),
    );
    // the activity's gap (no retention period for one data category) is listed under its name below the tables
    await expectText(page.getByRole('region', { name: names.activity, exact: true }), expect.stringContaining('30(1)(f)'));
    await screenshot(page, 'gdpr-article-30');

    const { workbook, filename } = await downloadWorkbook(page, 'Hent som Excel (XLSX)');
    expect(filename).toMatch(/^fortegnelse-art30-.*\.xlsx$/);
    expectArticle30Workbook(workbook, record);
    expect(record.controllerRecord.map((e: Json) => e.uuid)).toEqual(expect.arrayContaining([activityUuid, payroll]));

    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Hent som CSV' }).click()]);
    expect(csv.suggestedFilename()).toMatch(/^fortegnelse-art30-.*\.csv$/);
    const text = (await readFile(await csv.path())).toString('utf8');
    expect(text.startsWith('\uFEFF"Del";"Type";"Navn"')).toBe(true);
    expect(text).toContain(names.activity);
  });

  it('shows the archiving overview with the overdue delivery and the decision that differs from the recommendation', async () => {
    await signIn(page, dpo, '/archiving');
    await inBothLanguages(page, { da: 'Arkivering', en: 'Archiving' });
    const overdue = page.getByRole('region', { name: 'Overskredne afleveringer' });
    await expectAttribute(overdue.getByRole('link', { name: names.archived }), 'href', `/usages/${archived}`);
    const differs = page.getByRole('region', { name: 'Afgørelsen afviger fra den anbefalede arkivpligt' });
    await expectTexts(differs.getByRole('row', { name: new RegExp(names.archived) }).getByRole('cell'), [
      'B – bevares',
      'K – kasseres',
      '',
    ]);
  });

  it('shows the data-quality score next to the national median, its history and the finding to fix', async () => {
    const scores = await ok(api.get<Json>(`/api/v2/data-quality/organizations/${org}`, bearer(admin)));
    const usages = scores.modules.find((m: Json) => m.module === 'usages');
    await signIn(page, dpo, '/data-quality');
    await inBothLanguages(page, { da: 'Datakvalitet', en: 'Data quality' });
    const percent = (value: number) => new Intl.NumberFormat('da-DK', { style: 'percent', maximumFractionDigits: 1 }).format(value);
    const row = page.getByRole('table', { name: 'Score pr. modul' }).getByRole('row', { name: /^IT-systemer i anvendelse/ });
    await expectText(row.getByRole('cell').first(), percent(usages.score));
    // the history is the stored daily snapshots, which may lag the score computed now: compare with the API's history
    const history = page.getByRole('table', { name: 'Score over tid' });
    const shown = await history.locator('tbody tr td').first().textContent();
    const stored = await ok(api.get<Json[]>(`/api/v2/data-quality/organizations/${org}/history`, bearer(admin)));
    expect(stored.length).toBeGreaterThan(0);
    expect(shown).toBe(percent(stored[0].overall));
    await expectCount(page.getByRole('img', { name: 'Score over tid' }), 1);

    const work = page.getByRole('region', { name: 'Arbejdsliste' });
    const finding = work.getByRole('row', { name: new RegExp(names.payroll) });
    await expectText(finding, expect.stringContaining('Minimumskrav'));
    await screenshot(page, 'data-quality');
    await finding.getByRole('link', { name: names.payroll }).click();
    await page.waitForURL(`**/usages/${payroll}`);
  });
});
