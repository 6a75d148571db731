import { randomUUID } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { adminToken, bearer, createOrganization, createUser, type TestUser } from '../support/identity';
import { http, startSystem, type RunningSystem } from '../support/system';
import { accessibilityViolations, launchBrowser, newContext, screenshot, signIn } from './support/browser';

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
    expect(await notice.locator('time').getAttribute('datetime')).toBe(stored.body.deadlines.noticeDeadline);
    expect(await notice.getByText('Inden for 90 dage').count()).toBe(1);
    expect(await page.locator('[data-deadline="endIfNoticeToday"] time').getAttribute('datetime')).toBe(
      stored.body.deadlines.endIfNoticeToday,
    );
    await accessibleInBothLanguages(name, name);
    await screenshot(page, 'contract-page');

    await page.getByRole('link', { name: 'IT-kontrakter' }).first().click();
    const row = page.getByRole('row').filter({ hasText: name });
    await row.waitFor();
    expect(await row.locator('time').first().count()).toBe(1);
    expect(await row.getByText('Inden for 90 dage').count()).toBeGreaterThan(0);
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
    expect(await contractName.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (await contractName.getAttribute('aria-describedby'))!;
    expect(await page.locator(`[id="${describedBy}"]`).textContent()).toMatch(/\S/);
    expect(await accessibilityViolations(page)).toEqual([]);

    await contractName.fill('Licensaftale Office');
    await general.getByRole('button', { name: 'Gem' }).click();
    await page.getByRole('heading', { name: 'Licensaftale Office', level: 1 }).waitFor();

    await page.getByLabel('Udløber').fill('2099-12-31');
    await page.getByLabel('Opsigelsesfrist (måneder)').selectOption({ label: '3' });
    await page.getByLabel('Opsigelse til udgangen af').selectOption({ label: 'Kvartal' });
    await page.getByRole('button', { name: 'Gem' }).nth(1).click();
    await page.locator('[data-deadline="noticeDeadline"] time').waitFor();
    const stored = await api.get<{ version: number; deadlines: Deadlines }>(`/api/v2/it-contracts/${created.body.uuid}`, bearer(token));
    expect(stored.body.version).toBe(3);
    expect(await page.locator('[data-deadline="noticeDeadline"] time').getAttribute('datetime')).toBe(stored.body.deadlines.noticeDeadline);
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
    expect(await dialog.textContent()).toContain('Din session er udløbet');
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.unroute('**/api/v2/it-contracts/*');
    await dialog.getByLabel('E-mail').fill(manager.email);
    await dialog.getByLabel('Adgangskode').fill(manager.password);
    await dialog.getByRole('button', { name: 'Log ind' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect(await notes.inputValue()).toBe('Genforhandles inden udløb');
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
    expect(await next.getAttribute('datetime')).toBe('2027-03-01');
    expect(await page.getByRole('cell', { name: /2026/ }).count()).toBe(1);
    await accessibleInBothLanguages(name, name);
    await screenshot(page, 'data-processing-page');

    await page.getByRole('link', { name: 'Databehandling' }).first().click();
    const row = page.getByRole('row').filter({ hasText: name });
    await row.waitFor();
    expect(await row.locator('time[datetime="2027-03-01"]').count()).toBe(1);
    await accessibleInBothLanguages('Data processing', 'Databehandling');
  });
});
