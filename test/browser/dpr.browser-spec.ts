import { randomUUID } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { eventually } from '@kitos/testing';
import { createUsage } from '../support/gdpr';
import { adminToken, bearer, createOrganization, createUser, type TestUser } from '../support/identity';
import { http, startSystem, type RunningSystem } from '../support/system';
import { accessibilityViolations, launchBrowser, newContext, screenshot, signIn, ok } from './support/browser';
import { expectMissingDpaGone, registerMissingDpa } from './support/flows';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * Databehandling in the browser against the whole running system: a registration's oversight dates (add, and the next
 * oversight moves), its linked systems, and the DPO's flow from the GDPR dashboard — a usage with personal data and no
 * data processing agreement is fixed where the finding links to, and leaves the dashboard. axe-core in Danish and
 * English on every page.
 */
describe('data processing registrations in the web client', () => {
  let system: RunningSystem;
  let api: ReturnType<typeof http>;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let admin: string;
  let organization: string;
  let dpo: TestUser;

  async function accessibleInBothLanguages(heading: string, englishHeading = heading): Promise<void> {
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByLabel('Sprog').selectOption('en');
    await page.getByRole('heading', { name: englishHeading, level: 1 }).waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByLabel('Language').selectOption('da');
    await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
  }

  beforeAll(async () => {
    system = await startSystem({ services: ['identity', 'catalog', 'contracts', 'gdpr'] });
    api = http(system.gatewayUrl);
    admin = await adminToken(api);
    organization = await createOrganization(api, admin, { name: `Vejle Kommune ${randomUUID().slice(0, 6)}` });
    // the DPO may change registrations (system module administrator), not only read them
    dpo = await createUser(api, admin, [{ organizationUuid: organization, role: 'SystemModuleAdmin' }]);
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

  it('adds an oversight date with a remark and shows the next oversight; links a system usage', async () => {
    const suffix = randomUUID().slice(0, 6);
    const usageName = `Borgerservice ${suffix}`;
    const { usageUuid } = await createUsage(api, admin, organization, usageName);
    const name = `Databehandleraftale Borgerservice ${suffix}`;
    const dpr = await ok<Json>(
      api.post(
        '/api/v2/data-processing-registrations',
        { organizationUuid: organization, name, oversight: { oversightInterval: 'Yearly', isOversightCompleted: 'Yes' } },
        bearer(admin),
      ),
      201,
    );

    await signIn(page, dpo, `/data-processing/${dpr.uuid}`);
    await page.getByRole('heading', { name, level: 1 }).waitFor();
    const oversight = page.getByRole('region', { name: 'Tilsyn' });
    await oversight.getByText('Ingen – angiv tilsynsinterval eller et planlagt tilsyn').waitFor();
    const add = oversight.getByRole('form', { name: 'Tilføj tilsyn' });
    await add.getByLabel('Dato').fill('2026-03-01');
    await add.getByLabel('Bemærkning').fill('Revisionserklæring ISAE 3000 modtaget');
    await add.getByRole('button', { name: 'Tilføj tilsyn' }).click();
    // the last completed oversight plus the yearly interval
    await oversight
      .locator('.kitos-next-oversight time[datetime="2027-03-01"]')
      .waitFor()
      .catch(async (e) => {
        throw new Error(`${e}\n${await oversight.innerText()}`);
      });
    await oversight.getByRole('row', { name: /Revisionserklæring ISAE 3000 modtaget/ }).waitFor();
    const stored = await ok<Json>(api.get(`/api/v2/data-processing-registrations/${dpr.uuid}`, bearer(admin)));
    expect(stored.oversight.nextOversightDate).toBe('2027-03-01');
    expect(stored.oversight.oversightDates).toEqual([expect.objectContaining({ completedAt: '2026-03-01' })]);

    const systems = page.getByRole('region', { name: 'IT-systemer' });
    const choose = systems.getByRole('combobox', { name: 'Tilføj IT-system' });
    await choose.locator('option', { hasText: usageName }).waitFor({ state: 'attached' });
    await choose.selectOption({ label: usageName });
    await systems.getByRole('button', { name: 'Tilføj', exact: true }).click();
    await systems.getByRole('link', { name: usageName }).waitFor();
    const linked = await ok<Json>(api.get(`/api/v2/data-processing-registrations/${dpr.uuid}`, bearer(admin)));
    expect(linked.systemUsages.map((u: Json) => u.uuid)).toEqual([usageUuid]);

    await accessibleInBothLanguages(name);
    await screenshot(page, 'data-processing-page');
  });

  it('a DPO finds a missing data processing agreement on the GDPR dashboard, fixes it where it links to, and it is gone', async () => {
    const suffix = randomUUID().slice(0, 6);
    const systemName = `Løn og Personale ${suffix}`;
    const { usageUuid } = await createUsage(api, admin, organization, systemName);
    await ok(api.patch(`/api/v2/it-system-usages/${usageUuid}/gdpr`, { dataSensitivityLevels: ['PersonData'] }, bearer(admin)));
    await eventually(async () => {
      const dashboard = await ok<Json>(api.get(`/api/v2/organizations/${organization}/gdpr/dashboard`, bearer(admin)));
      expect(dashboard.personalDataWithoutDpa.usages.map((u: Json) => u.usageUuid)).toContain(usageUuid);
    });

    await signIn(page, dpo, '/gdpr');
    await page.getByRole('heading', { name: 'GDPR-overblik', level: 1 }).waitFor();
    await registerMissingDpa(page, { usageUuid, systemName }, `Databehandleraftale løn ${suffix}`, () =>
      accessibleInBothLanguages('Opret databehandlingsregistrering', 'Create data processing registration'),
    );
    // the dashboard is read again after the change: the usage is no longer without an agreement
    await expectMissingDpaGone(page, systemName);
    const dashboard = await ok<Json>(api.get(`/api/v2/organizations/${organization}/gdpr/dashboard`, bearer(admin)));
    expect(dashboard.personalDataWithoutDpa.usages.map((u: Json) => u.usageUuid)).not.toContain(usageUuid);
    await accessibleInBothLanguages('GDPR-overblik', 'GDPR overview');
  });
});
