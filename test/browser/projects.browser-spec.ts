import { randomUUID } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { eventually } from '@kitos/testing';
import { adminToken, bearer, createOrganization, createUser, sessionOf, type TestUser } from '../support/identity';
import { http, startSystem, type RunningSystem } from '../support/system';
import { accessibilityViolations, launchBrowser, newContext, screenshot, signIn } from './support/browser';
import { expectAttribute, expectCount, expectText, expectValue, settled } from './support/settle';

interface StoredProject {
  uuid: string;
  version: number;
  risks: Array<{ description: string; probability: number; consequence: number; level: string }>;
  benefits: Array<{
    uuid: string;
    description: string;
    measure: string | null;
    targetValue: number | null;
    realisation: { planRate: number | null; belowPlan: boolean };
  }>;
  milestones: Array<{ uuid: string; name: string; date: string | null; status: string; description: string | null }>;
  tasks: Array<{ uuid: string; name: string }>;
}

/**
 * IT projects and benefits realisation in the browser against the running system: a local administrator creates a
 * project, adds a risk and finds it in the probability × consequence matrix, adds a benefit with planned and realised
 * values per year and sees its realisation rate and chart table, finds it on the attention list; a stale edit answers
 * 412 with "Hent nyeste"; an ordinary member sees the project read-only. axe finds nothing serious in Danish and English.
 */
describe('IT projects in the web client', () => {
  let system: RunningSystem;
  let api: ReturnType<typeof http>;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let admin: TestUser;
  let member: TestUser;
  let organization: string;
  let adminSession: string;
  const suffix = randomUUID().slice(0, 6);
  const projectName = `Nyt ESDH ${suffix}`;
  let projectUuid = '';

  beforeAll(async () => {
    system = await startSystem({ services: ['identity', 'catalog', 'contracts', 'projects'] });
    api = http(system.gatewayUrl);
    const token = await adminToken(api);
    organization = await createOrganization(api, token, { name: `Aarhus Kommune ${suffix}` });
    admin = await createUser(api, token, [{ organizationUuid: organization, role: 'LocalAdmin' }]);
    member = await createUser(api, token, [{ organizationUuid: organization, role: 'User' }]);
    adminSession = await sessionOf(api, admin);
    // the projects service learns the organisation and its members from identity's events
    await eventually(async () => {
      const phases = await api.get(`/api/v2/organizations/${organization}/project-phase-names`, bearer(adminSession));
      expect(phases.status).toBe(200);
    });
    browser = await launchBrowser();
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

  async function stored(uuid = projectUuid): Promise<StoredProject> {
    const result = await api.get<StoredProject>(`/api/v2/it-projects/${uuid}`, bearer(adminSession));
    expect(result.status).toBe(200);
    return result.body;
  }

  async function accessibleInBothLanguages(englishHeading: string, danishHeading: string): Promise<void> {
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByLabel('Sprog').selectOption('en');
    await page.getByRole('heading', { name: englishHeading, level: 1 }).waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByLabel('Language').selectOption('da');
    await page.getByRole('heading', { name: danishHeading, level: 1 }).waitFor();
  }

  it('creates a project from the list and finds it there with its phase, filtered by name', async () => {
    await signIn(page, admin, '/projects');
    await page.getByRole('heading', { name: 'IT-projekter', level: 1 }).waitFor();
    await accessibleInBothLanguages('IT projects', 'IT-projekter');
    await page.getByRole('link', { name: 'Opret projekt' }).click();
    await page.getByRole('heading', { name: 'Opret IT-projekt', level: 1 }).waitFor();
    await accessibleInBothLanguages('Create IT project', 'Opret IT-projekt');
    await page.getByLabel('Projektnavn').fill(projectName);
    await page.getByLabel('Projekt ID').fill('P-2026-18');
    await page.getByLabel('Nuværende fase').selectOption({ label: 'Analyse' });
    await page.getByRole('button', { name: 'Opret projekt' }).click();

    await page.getByRole('heading', { name: projectName, level: 1 }).waitFor();
    projectUuid = new URL(page.url()).pathname.split('/').pop()!;
    const project = await stored();
    expect(project.uuid).toBe(projectUuid);
    // the phases by the organisation's names, the current one marked in words
    await expectCount(page.getByTestId('phases').getByRole('rowheader', { name: 'Analyse (nuværende)' }), 1);

    await page.getByRole('link', { name: 'Projekter', exact: true }).click();
    await page.getByLabel('Projektnavn indeholder').fill(suffix);
    const row = page.getByRole('row').filter({ hasText: projectName });
    await row.waitFor();
    await expectCount(row.getByRole('cell', { name: 'Analyse' }), 1);
    await expectAttribute(row.getByRole('link', { name: projectName }), 'href', `/projects/${projectUuid}`);
  });

  it('adds a risk and shows it in the probability × consequence matrix and the list', async () => {
    await signIn(page, admin, `/projects/${projectUuid}`);
    await page.getByRole('heading', { name: projectName, level: 1 }).waitFor();
    const form = page.getByRole('form', { name: 'Tilføj risiko' });
    await form.getByLabel('Risiko').fill('Leverandøren leverer integrationen for sent');
    await form.getByLabel('Sandsynlighed (1–5)').selectOption('4');
    await form.getByLabel('Konsekvens (1–5)').selectOption('5');
    await form.getByLabel('Afbødning').fill('Ugentlige statusmøder');
    await form.getByRole('button', { name: 'Tilføj risiko' }).click();

    const cell = page.getByTestId('risk-matrix').locator('td[data-probability="4"][data-consequence="5"]');
    await cell.getByText('Leverandøren leverer integrationen for sent').waitFor();
    await expectAttribute(cell, 'data-count', '1');
    await expectText(cell, expect.stringContaining('1 risiko, score 20, Kritisk'));
    await settled(
      'the risks counted in the matrix',
      () =>
        page
          .getByTestId('risk-matrix')
          .locator('td[data-count]')
          .evaluateAll((cells) => cells.reduce((sum, c) => sum + Number(c.getAttribute('data-count')), 0)),
      (counts) => expect(counts).toBe(1),
    );
    await expectCount(page.getByText('Kritiske: 1, høje: 0, middel: 0, lave: 0.'), 1);
    const risk = (await stored()).risks[0]!;
    expect(risk).toMatchObject({ probability: 4, consequence: 5, level: 'Critical' });
    await expectCount(page.getByTestId('risk-list').getByRole('row').filter({ hasText: 'Ugentlige statusmøder' }), 1);
  });

  it('adds a benefit with planned and realised per year and shows its realisation rate, its chart table, and the attention list', async () => {
    await signIn(page, admin, `/projects/${projectUuid}`);
    await page.getByRole('heading', { name: projectName, level: 1 }).waitFor();
    const year = new Date().getUTCFullYear();
    const form = page.getByRole('form', { name: 'Tilføj gevinst' });
    await form.getByLabel('Gevinst', { exact: true }).fill('Færre manuelle journaliseringer');
    await form.getByLabel('Type').selectOption({ label: 'Økonomisk' });
    await form.getByLabel('Måles i').fill('Sparede lønkroner');
    await form.getByLabel('År (række 1)').fill(String(year - 1));
    await form.getByLabel('Planlagt (række 1)').fill('100000');
    await form.getByLabel('Realiseret (række 1)').fill('80000');
    await form.getByRole('button', { name: 'Tilføj år' }).click();
    await form.getByLabel('År (række 2)').fill(String(year + 1));
    await form.getByLabel('Planlagt (række 2)').fill('200000');
    await form.getByRole('button', { name: 'Tilføj gevinst' }).click();

    const benefit = page.getByRole('article', { name: 'Færre manuelle journaliseringer' });
    await benefit.waitFor();
    const project = await stored();
    const storedBenefit = project.benefits[0]!;
    // measured to date: last year only; realised 80 000 of planned 100 000 kr.
    expect(storedBenefit.realisation.planRate).toBeCloseTo(0.8);
    expect(storedBenefit.realisation.belowPlan).toBe(true);
    await expectText(benefit.getByTestId('plan-rate'), expect.stringMatching(/^80\s%$/));
    await benefit.getByText(/Realiseringsgrad til dato: 80\s%/).waitFor();
    await expectCount(benefit.getByText('Under plan'), 1);
    // the chart's table beside it holds the same numbers
    const table = benefit.getByRole('table', { name: 'Færre manuelle journaliseringer: planlagt og realiseret pr. år' });
    await settled(
      'the benefit chart table',
      () =>
        table
          .locator('tbody tr')
          .evaluateAll((trs) => trs.map((tr) => Array.from(tr.querySelectorAll('th, td')).map((c) => c.textContent!.replace(/\s/g, ' ')))),
      (rows) =>
        expect(rows).toEqual([
          [String(year - 1), '100.000,00 kr.', '80.000,00 kr.'],
          [String(year + 1), '200.000,00 kr.', 'ikke målt'],
        ]),
    );
    await benefit.locator('[data-chart-ready="true"] canvas').first().waitFor();
    await accessibleInBothLanguages(projectName, projectName);
    await screenshot(page, 'project-page');

    await page.goto('/projects/benefits-attention');
    await page.getByRole('heading', { name: 'Gevinster der kræver opmærksomhed', level: 1 }).waitFor();
    const row = page.getByTestId('benefits-attention').locator(`tr[data-benefit="${storedBenefit.uuid}"]`);
    await row.waitFor();
    await expectCount(row.getByText('Under plan'), 1);
    await expectAttribute(row.getByRole('link', { name: projectName }), 'href', `/projects/${projectUuid}#project-benefits`);
    await accessibleInBothLanguages('Benefits needing attention', 'Gevinster der kræver opmærksomhed');
  });

  it('answers a stale edit with the conflict message and "Hent nyeste", then saves on the newest version', async () => {
    await signIn(page, admin, `/projects/${projectUuid}`);
    const general = page.getByRole('form', { name: 'Projektforhold' });
    await general.getByLabel('Bemærkninger').waitFor();
    const before = await stored();
    const changed = await api.patch(
      `/api/v2/it-projects/${projectUuid}`,
      { general: { notes: 'Ændret et andet sted' } },
      { ...bearer(adminSession), 'if-match': `"${before.version}"` },
    );
    expect(changed.status).toBe(200);
    await general.getByLabel('Bemærkninger').fill('Styregruppen mødes månedligt');
    await general.getByRole('button', { name: 'Gem' }).click();
    const alert = general.getByRole('alert');
    await alert.getByText('En anden har ændret objektet').waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await alert.getByRole('button', { name: 'Hent nyeste' }).click();
    // the newest version replaces the form (its notes are the other change's)
    await page.waitForFunction(
      () => (document.getElementById('field-general.notes') as HTMLTextAreaElement | null)?.value === 'Ændret et andet sted',
    );
    await general.getByLabel('Bemærkninger').fill('Styregruppen mødes månedligt');
    await general.getByRole('button', { name: 'Gem' }).click();
    await general.getByText('Gemt.').waitFor();
    const after = await api.get<{ general: { notes: string } }>(`/api/v2/it-projects/${projectUuid}`, bearer(adminSession));
    expect(after.body.general.notes).toBe('Styregruppen mødes månedligt');
  });

  it('records the realised value of a benefit and shows the new rate', async () => {
    await signIn(page, admin, `/projects/${projectUuid}`);
    const benefit = page.getByRole('article', { name: 'Færre manuelle journaliseringer' });
    const form = benefit.getByRole('form', { name: 'Opdatér planlagt og realiseret: Færre manuelle journaliseringer' });
    const realised = form.getByLabel('Realiseret (række 1)');
    await expectValue(realised, '80000');
    await realised.fill('100000');
    await form.getByRole('button', { name: 'Gem' }).click();
    await form.getByText('Gemt.').waitFor();
    await benefit.getByText(/Realiseringsgrad til dato: 100\s%/).waitFor();
    await expectCount(benefit.getByText('Følger planen'), 1);
    const project = await stored();
    expect(project.benefits[0]!.realisation).toMatchObject({ planRate: 1, belowPlan: false });
  });

  it("edits a milestone in its row, deletes a task after confirming, and changes a benefit's target and a phase's name", async () => {
    const write = async (path: string, body: object) => {
      const { version } = await stored();
      const created = await api.post(`/api/v2/it-projects/${projectUuid}/${path}`, body, {
        ...bearer(adminSession),
        'if-match': `"${version}"`,
      });
      expect(created.status).toBe(201);
    };
    await write('milestones', { name: 'Kontrakt underskrevet', date: '2026-09-01', description: 'Efter udbuddet' });
    await write('tasks', { name: 'Afklar snitflader', status: 'InProgress' });
    await write('tasks', { name: 'Uddan superbrugere' });

    await signIn(page, admin, `/projects/${projectUuid}`);
    const milestones = page.locator('#project-milestones');
    await milestones.getByRole('button', { name: 'Rediger Kontrakt underskrevet' }).click();
    const form = milestones.getByRole('form', { name: 'Rediger Kontrakt underskrevet' });
    await expectValue(form.getByLabel('Dato'), '2026-09-01');
    await form.getByLabel('Milepælens navn').fill('Kontrakt underskrevet (udskudt)');
    await form.getByLabel('Dato').fill('2026-11-15');
    await form.getByLabel('Status').selectOption({ label: 'I gang' });
    expect(await accessibilityViolations(page)).toEqual([]);
    await form.getByRole('button', { name: 'Gem' }).click();
    // the form closes and the row shows the new version
    await form.waitFor({ state: 'detached' });
    await milestones.getByRole('rowheader', { name: 'Kontrakt underskrevet (udskudt)' }).waitFor();
    const milestone = (await stored()).milestones.find((m) => m.name === 'Kontrakt underskrevet (udskudt)');
    // what the form does not show (the description) is kept
    expect(milestone).toMatchObject({ date: '2026-11-15', status: 'InProgress', description: 'Efter udbuddet' });

    const tasks = page.locator('#project-tasks');
    await tasks.getByRole('button', { name: 'Slet Afklar snitflader' }).click();
    // nothing is deleted before the confirmation; "Annuller" keeps it
    await tasks.getByRole('button', { name: 'Annuller' }).click();
    await tasks.getByRole('button', { name: 'Slet Afklar snitflader' }).click();
    expect((await stored()).tasks.map((task) => task.name).sort()).toEqual(['Afklar snitflader', 'Uddan superbrugere']);
    expect(await accessibilityViolations(page)).toEqual([]);
    await tasks.getByRole('button', { name: 'Ja, slet Afklar snitflader' }).click();
    await tasks.getByRole('rowheader', { name: 'Afklar snitflader' }).waitFor({ state: 'detached' });
    expect((await stored()).tasks.map((task) => task.name)).toEqual(['Uddan superbrugere']);

    // a benefit's measure and target change in its own form (the target is typed in kroner and stored in øre)
    const benefit = page.getByRole('article', { name: 'Færre manuelle journaliseringer' });
    await benefit.getByRole('button', { name: 'Rediger Færre manuelle journaliseringer' }).click();
    const definition = benefit.getByRole('form', { name: 'Rediger Færre manuelle journaliseringer' });
    await expectValue(definition.getByLabel('Måles i'), 'Sparede lønkroner');
    await definition.getByLabel('Måles i').fill('Sparede lønkroner pr. år');
    await definition.getByLabel('Mål', { exact: true }).fill('250000');
    await definition.getByRole('button', { name: 'Gem' }).click();
    await definition.waitFor({ state: 'detached' });
    expect((await stored()).benefits[0]).toMatchObject({ measure: 'Sparede lønkroner pr. år', targetValue: 25_000_000 });

    // an administrator renames a phase for the whole organisation
    const phaseNames = page.getByRole('form', { name: 'Fasernes navne' });
    await phaseNames.getByLabel('Fase 2').fill('Analyse og design');
    await phaseNames.getByRole('button', { name: 'Gem' }).click();
    await page.getByTestId('phases').getByRole('rowheader', { name: 'Analyse og design (nuværende)' }).waitFor();
    const names = await api.get<{ phase2: string }>(`/api/v2/organizations/${organization}/project-phase-names`, bearer(adminSession));
    expect(names.body.phase2).toBe('Analyse og design');
    await accessibleInBothLanguages(projectName, projectName);
  });

  it('shows the project read-only to a member without write rights', async () => {
    await signIn(page, member, `/projects/${projectUuid}`);
    await page.getByRole('heading', { name: projectName, level: 1 }).waitFor();
    await page.getByText('Du kan se projektet, men ikke ændre det.', { exact: false }).waitFor();
    expect(await page.getByRole('form').count()).toBe(0);
    expect(await page.getByRole('button', { name: /Tilføj|Gem|Slet/ }).count()).toBe(0);
    // the matrix and the benefits are there to read
    await expectCount(page.getByTestId('risk-matrix').locator('td[data-count="1"]'), 1);
    await page.getByRole('article', { name: 'Færre manuelle journaliseringer' }).waitFor();
    await page.goto('/projects');
    await page.getByRole('heading', { name: 'IT-projekter', level: 1 }).waitFor();
    // the list has drawn (its project is listed) before the missing button is checked
    await page.getByRole('link', { name: projectName, exact: true }).first().waitFor();
    expect(await page.getByRole('link', { name: 'Opret projekt' }).count()).toBe(0);
  });
});
