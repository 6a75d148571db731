import { randomUUID } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createUsage } from '../support/gdpr';
import { adminToken, bearer, createOrganization, createUser, type TestUser } from '../support/identity';
import { http, startSystem, type RunningSystem } from '../support/system';
import { accessibilityViolations, launchBrowser, newContext, screenshot, signIn } from './support/browser';
import { expectAttribute, expectCount, expectText, expectValue } from './support/settle';

type Deadlines = { noticeDeadline: string | null; endIfNoticeToday: string | null };

/**
 * IT-kontrakter and Databehandling in the browser against the whole running system: a contract manager creates a
 * contract with terms and sees its notice deadline, edits it (a server problem shown at its field; a session that
 * expires mid-edit keeps what was typed), and a DPO registers oversight and sees the next one. Every page is checked
 * with axe-core in Danish and English.
 */
describe('contracts and data processing in the web client', () => {
  let system: RunningSystem;
  let api: ReturnType<typeof http>;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let manager: TestUser;
  let organization: string;
  const organizationName = `Holbæk Kommune ${randomUUID().slice(0, 6)}`;

  beforeAll(async () => {
    system = await startSystem({ services: ['identity', 'catalog', 'contracts', 'gdpr'] });
    api = http(system.gatewayUrl);
    const token = await adminToken(api);
    organization = await createOrganization(api, token, { name: organizationName });
    manager = await createUser(api, token, [{ organizationUuid: organization, role: 'LocalAdmin' }]);
    browser = await launchBrowser();
  });
  beforeEach(async () => {
    context = await newContext(browser, system.gatewayUrl);
    page = await context.newPage();
  });
  afterEach(() => context?.close());
  afterAll(async () => {
    await browser?.close();
    await system?.close();
  });

  async function managerToken(): Promise<string> {
    const login = await api.post<{ token: string }>('/api/v2/auth/login', { email: manager.email, password: manager.password });
    return login.body.token;
  }

  /** Both languages: the page as it is, then in English via the header's Sprog select, then back to Danish. */
  async function accessibleInBothLanguages(englishHeading: string, danishHeading: string): Promise<void> {
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByLabel('Sprog').selectOption('en');
    await page.getByRole('heading', { name: englishHeading, level: 1 }).waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByLabel('Language').selectOption('da');
    await page.getByRole('heading', { name: danishHeading, level: 1 }).waitFor();
  }

  it('creates a contract with terms and shows its notice deadline, badged as near, on its page and in the overview', async () => {
    const name = `Driftsaftale ESDH ${randomUUID().slice(0, 6)}`;
    await signIn(page, manager, '/contracts');
    await page.getByRole('heading', { name: 'IT-kontrakter', level: 1 }).waitFor();
    await page.getByRole('link', { name: 'Opret kontrakt' }).click();
    await page.getByRole('heading', { name: 'Opret IT-kontrakt' }).waitFor();
    await accessibleInBothLanguages('Create IT contract', 'Opret IT-kontrakt');
    await page.getByLabel('Kontraktnavn').fill(name);
    await page.getByLabel('KontraktID').fill('K-2026-17');
    await page.getByLabel('Indgået').fill('2025-01-01');
    // one month's notice to the end of a month: the last day to give notice is the end of this month (always near)
    await page.getByLabel('Opsigelsesfrist (måneder)').selectOption({ label: '1' });
    await page.getByLabel('Opsigelse til udgangen af').selectOption({ label: 'Måned' });
    await page.getByRole('button', { name: 'Opret kontrakt' }).click();

    await page.getByRole('heading', { name, level: 1 }).waitFor();
    const uuid = new URL(page.url()).pathname.split('/').pop()!;
    const stored = await api.get<{ deadlines: Deadlines }>(`/api/v2/it-contracts/${uuid}`, bearer(await managerToken()));
    expect(stored.body.deadlines.noticeDeadline).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const notice = page.locator('[data-deadline="noticeDeadline"]');
    await expectAttribute(notice.locator('time'), 'datetime', stored.body.deadlines.noticeDeadline);
    await expectCount(notice.getByText('Inden for 90 dage'), 1);
    await expectAttribute(page.locator('[data-deadline="endIfNoticeToday"] time'), 'datetime', stored.body.deadlines.endIfNoticeToday);
    await accessibleInBothLanguages(name, name);

    await page.getByRole('link', { name: 'IT-kontrakter' }).first().click();
    const row = page.getByRole('row').filter({ hasText: name });
    await row.waitFor();
    await row.locator('time').first().waitFor({ state: 'attached' });
    await row.getByText('Inden for 90 dage').first().waitFor({ state: 'attached' });
    await accessibleInBothLanguages('IT contracts', 'IT-kontrakter');
    await screenshot(page, 'contracts-overview');
  });

  it("edits a contract with If-Match; the server's problem is shown at the field, and the terms save and move the deadlines", async () => {
    const token = await managerToken();
    const created = await api.post<{ uuid: string }>(
      '/api/v2/it-contracts',
      { organizationUuid: organization, name: `Licensaftale ${randomUUID().slice(0, 6)}` },
      bearer(token),
    );
    expect(created.status).toBe(201);
    await signIn(page, manager, `/contracts/${created.body.uuid}`);
    await page.getByRole('heading', { name: 'Kontraktforhold' }).waitFor();

    const contractName = page.getByLabel('Kontraktnavn');
    await contractName.fill('   ');
    const general = page.getByRole('form', { name: 'Kontraktforhold' });
    await general.getByRole('button', { name: 'Gem' }).click();
    await page.getByRole('alert').first().waitFor();
    await expectAttribute(contractName, 'aria-invalid', 'true');
    const describedBy = (await expectAttribute(contractName, 'aria-describedby', expect.stringMatching(/\S/)))!;
    await expectText(page.locator(`[id="${describedBy}"]`), expect.stringMatching(/\S/));
    expect(await accessibilityViolations(page)).toEqual([]);

    await contractName.fill('Licensaftale Office');
    await general.getByRole('button', { name: 'Gem' }).click();
    await page.getByRole('heading', { name: 'Licensaftale Office', level: 1 }).waitFor();

    await page.getByLabel('Udløber').fill('2099-12-31');
    await page.getByLabel('Opsigelsesfrist (måneder)').selectOption({ label: '3' });
    await page.getByLabel('Opsigelse til udgangen af').selectOption({ label: 'Kvartal' });
    await page.getByRole('region', { name: 'Aftaleperiode og opsigelse' }).getByRole('button', { name: 'Gem' }).click();
    await page.locator('[data-deadline="noticeDeadline"] time').waitFor();
    const stored = await api.get<{ version: number; deadlines: Deadlines }>(`/api/v2/it-contracts/${created.body.uuid}`, bearer(token));
    expect(stored.body.version).toBe(3);
    await expectAttribute(page.locator('[data-deadline="noticeDeadline"] time'), 'datetime', stored.body.deadlines.noticeDeadline);
  });

  it('edits supplier, payment model and a payment line (the year total follows), links a system, edits and deactivates a reminder', async () => {
    const token = await managerToken();
    const suffix = randomUUID().slice(0, 6);
    const supplierName = `Netcompany Leverance ${suffix}`;
    const supplier = await createOrganization(api, await adminToken(api), { name: supplierName, organizationType: 'Company' });
    const usageName = `Sags- og dokumenthåndtering ${suffix}`;
    const { usageUuid } = await createUsage(api, await adminToken(api), organization, usageName);
    const created = await api.post<{ uuid: string }>(
      '/api/v2/it-contracts',
      { organizationUuid: organization, name: `Driftskontrakt ${suffix}` },
      bearer(token),
    );
    const uuid = created.body.uuid;
    const reminderName = `Genforhandling ${suffix}`;
    const reminder = await api.post<{ uuid: string }>(
      '/api/v2/reminders',
      {
        relatedEntity: { type: 'ItContract', uuid },
        type: 'Repeat',
        name: reminderName,
        subject: 'Husk genforhandling',
        body: 'Kontrakten skal genforhandles.',
        to: { emails: ['kontrakt@holbaek.example'] },
        schedule: { startDate: '2099-01-01', repetition: 'Year' },
      },
      bearer(token),
    );
    expect(reminder.status).toBe(201);
    type Stored = {
      supplier: { organization: { uuid: string } | null; signedBy: string | null };
      paymentModel: { operationsRemunerationStartedAt: string | null; paymentModel: { uuid: string } | null };
      systemUsages: Array<{ uuid: string }>;
      economy: { byYear: Array<{ year: number | null; totalØre: number }> };
    };
    const stored = async () => (await api.get<Stored>(`/api/v2/it-contracts/${uuid}`, bearer(token))).body;

    await signIn(page, manager, `/contracts/${uuid}`);
    const supplierForm = page.getByRole('form', { name: 'Leverandør' });
    await supplierForm.getByLabel('Søg efter Leverandør (navn eller CVR)').fill(`Leverance ${suffix}`);
    const supplierSelect = supplierForm.getByRole('combobox', { name: 'Leverandør', exact: true });
    await supplierSelect.locator('option', { hasText: supplierName }).waitFor({ state: 'attached' });
    await supplierSelect.selectOption({ label: supplierName });
    await supplierForm.getByLabel('Underskrevet af').fill('Kim Leverandørsen');
    await supplierForm.getByRole('button', { name: 'Gem' }).click();
    await supplierForm.getByText('Gemt.').waitFor();
    expect((await stored()).supplier).toMatchObject({ organization: { uuid: supplier }, signedBy: 'Kim Leverandørsen' });

    const paymentModel = page.getByRole('form', { name: 'Betalingsmodel' });
    const model = paymentModel.getByLabel('Betalingsmodel');
    await model.locator('option').nth(1).waitFor({ state: 'attached' });
    await model.selectOption({ index: 1 });
    await paymentModel.getByLabel('Driftsvederlag påbegyndt').fill('2026-01-01');
    await paymentModel.getByRole('button', { name: 'Gem' }).click();
    await paymentModel.getByText('Gemt.').waitFor();
    expect((await stored()).paymentModel).toMatchObject({
      operationsRemunerationStartedAt: '2026-01-01',
      paymentModel: { uuid: expect.any(String) },
    });

    const economy = page.getByRole('form', { name: 'Økonomi' });
    await economy.getByRole('button', { name: 'Tilføj betalingslinje' }).click();
    const unit = economy.getByLabel('Organisationsenhed');
    await unit.locator('option').nth(1).waitFor({ state: 'attached' });
    await unit.selectOption({ index: 1 });
    await economy.getByLabel('Anskaffelse (kr.)').fill('12.000,50');
    await economy.getByLabel('Drift (kr.)').fill('1.000');
    // no audit date: the line counts in the year operations remuneration began
    await economy.getByRole('button', { name: 'Tilføj linjen' }).click();
    const totals = economy.getByRole('table', { name: 'Totaler pr. år' });
    const year2026 = totals.getByRole('row', { name: /^2026/ });
    await expectText(year2026.getByRole('cell').last(), expect.stringMatching(/^13\.000,50\skr\.$/));
    await economy.getByRole('button', { name: 'Gem' }).click();
    await economy.getByText('Gemt.').waitFor();
    expect((await stored()).economy.byYear).toEqual([expect.objectContaining({ year: 2026, totalØre: 1_300_050 })]);
    await expectText(year2026.getByRole('cell').last(), expect.stringMatching(/^13\.000,50\skr\.$/));

    const systems = page.getByRole('region', { name: 'IT-systemer' });
    await systems
      .getByRole('combobox', { name: 'Tilføj IT-system' })
      .locator('option', { hasText: usageName })
      .waitFor({ state: 'attached' });
    await systems.getByRole('combobox', { name: 'Tilføj IT-system' }).selectOption({ label: usageName });
    await systems.getByRole('button', { name: 'Tilføj', exact: true }).click();
    await systems.getByRole('link', { name: usageName }).waitFor();
    expect((await stored()).systemUsages.map((u) => u.uuid)).toEqual([usageUuid]);

    const reminders = page.getByRole('region', { name: 'Advis' });
    await reminders.getByRole('button', { name: `Rediger advis ${reminderName}` }).click();
    const edit = reminders.getByRole('form', { name: `Rediger advis ${reminderName}` });
    await edit.getByLabel('Emne').fill('Husk genforhandling i god tid');
    await edit.getByRole('button', { name: 'Gem' }).click();
    await edit.waitFor({ state: 'detached' });
    type StoredReminder = { subject: string; active: boolean };
    const storedReminder = async () => (await api.get<StoredReminder>(`/api/v2/reminders/${reminder.body.uuid}`, bearer(token))).body;
    expect((await storedReminder()).subject).toBe('Husk genforhandling i god tid');
    await reminders.getByRole('button', { name: `Deaktivér advis ${reminderName}` }).click();
    await reminders.getByRole('button', { name: `Deaktivér advis ${reminderName}` }).waitFor({ state: 'detached' });
    expect((await storedReminder()).active).toBe(false);
    await expectText(
      reminders
        .getByRole('row', { name: new RegExp(reminderName) })
        .getByRole('cell')
        .nth(3),
      'Nej',
    );
    await reminders.getByRole('button', { name: `Vis afsendelser for ${reminderName}` }).click();
    await reminders.getByText('Intet afsendt endnu.').waitFor();

    await accessibleInBothLanguages(`Driftskontrakt ${suffix}`, `Driftskontrakt ${suffix}`);
    await screenshot(page, 'contract-page');
  });

  it('keeps typed input when the session expires during an edit: the sign-in dialog opens over the page and the save goes through after', async () => {
    const token = await managerToken();
    const created = await api.post<{ uuid: string }>(
      '/api/v2/it-contracts',
      { organizationUuid: organization, name: `Serviceaftale ${randomUUID().slice(0, 6)}` },
      bearer(token),
    );
    await signIn(page, manager, `/contracts/${created.body.uuid}`);
    const notes = page.getByLabel('Bemærkninger');
    await notes.fill('Genforhandles inden udløb');
    // the token the page holds is no longer accepted: the gateway itself answers 401 to the save
    await page.route('**/api/v2/it-contracts/*', (route) =>
      route.request().method() === 'PATCH'
        ? route.continue({ headers: { ...route.request().headers(), authorization: 'Bearer expired.token.value' } })
        : route.continue(),
    );
    await page.getByRole('form', { name: 'Kontraktforhold' }).getByRole('button', { name: 'Gem' }).click();
    const dialog = page.getByRole('dialog', { name: 'Log ind' });
    await dialog.waitFor();
    await expectText(dialog, expect.stringContaining('Din session er udløbet'));
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.unroute('**/api/v2/it-contracts/*');
    await dialog.getByLabel('E-mail').fill(manager.email);
    await dialog.getByLabel('Adgangskode').fill(manager.password);
    await dialog.getByRole('button', { name: 'Log ind' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await expectValue(notes, 'Genforhandles inden udløb');
    await page.getByRole('form', { name: 'Kontraktforhold' }).getByRole('button', { name: 'Gem' }).click();
    await page.getByText('Gemt.', { exact: true }).waitFor();
    const stored = await api.get<{ general: { notes: string } }>(`/api/v2/it-contracts/${created.body.uuid}`, bearer(token));
    expect(stored.body.general.notes).toBe('Genforhandles inden udløb');
  });

  it('creates a data processing registration with oversight and shows the next oversight on its page and in the overview', async () => {
    const name = `Databehandleraftale ${randomUUID().slice(0, 6)}`;
    await signIn(page, manager, '/data-processing');
    await page.getByRole('heading', { name: 'Databehandling', level: 1 }).waitFor();
    await page.getByRole('link', { name: 'Opret registrering' }).click();
    await page.getByLabel('Navn').fill(name);
    await page.getByLabel('Databehandleraftale indgået').selectOption({ label: 'Ja' });
    await page.getByLabel('Tilsynsinterval').selectOption({ label: 'Årligt' });
    await page.getByLabel('Gennemført tilsyn').selectOption({ label: 'Ja' });
    await page.getByLabel('Tilsyn 1').fill('2026-03-01');
    await accessibleInBothLanguages('Create data processing registration', 'Opret databehandlingsregistrering');
    await page.getByRole('button', { name: 'Opret registrering' }).click();

    await page.getByRole('heading', { name, level: 1 }).waitFor();
    const next = page.getByRole('region', { name: 'Tilsyn' }).locator('time[datetime]').first();
    // the last completed oversight plus the yearly interval
    await expectAttribute(next, 'datetime', '2027-03-01');
    await expectCount(page.getByRole('table', { name: 'Gennemførte tilsyn' }).locator('time[datetime="2026-03-01"]'), 1);
    await accessibleInBothLanguages(name, name);

    await page.getByRole('link', { name: 'Databehandling' }).first().click();
    const row = page.getByRole('row').filter({ hasText: name });
    await row.waitFor();
    await expectCount(row.locator('time[datetime="2027-03-01"]'), 1);
    await accessibleInBothLanguages('Data processing', 'Databehandling');
  });
});
