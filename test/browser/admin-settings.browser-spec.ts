import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { eventually, resetJetStream } from '@kitos/testing';
import { adminToken, bearer, createOrganization, createUser, LOCAL_ADMIN, type TestUser } from '../support/identity';
import { http, startSystem, type RunningSystem } from '../support/system';
import { accessibilityViolations, launchBrowser, newContext, screenshot, signIn, ok, inBothLanguages } from './support/browser';
import { expectAttribute, expectText, expectTexts, expectValue, settled } from './support/settle';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** The KLE sample the catalogue loads at start-up (as test/e2e/catalog-kle.e2e-spec.ts uses it), with 00.03.10 new and 00.03.04 renamed. */
const SAMPLE = readFileSync(resolve(__dirname, '../../deploy/seed/kle/emneplan-sample.xml'), 'utf8');
const CHANGED_SAMPLE = SAMPLE.replace(
  '<EmneTitel>Venskabsbysamarbejde</EmneTitel>',
  '<EmneTitel>Venskabsbysamarbejde og partnerskaber</EmneTitel>',
)
  .replace(
    '<GruppeTitel>International virksomhed og EU</GruppeTitel>',
    '<GruppeTitel>International virksomhed og EU</GruppeTitel><Emne><EmneNr>00.03.10</EmneNr><EmneTitel>Nordisk samarbejde</EmneTitel>' +
      '<EmneAdministrativInfo><OprettetDato>2024-03-01</OprettetDato></EmneAdministrativInfo></Emne>',
  )
  .replace('<UdgivelsesDato>2024-01-15</UdgivelsesDato>', '<UdgivelsesDato>2024-06-01</UdgivelsesDato>');

/**
 * Administration's settings in the browser against the whole running system: a local administrator deactivates a
 * local option value, creates a webhook, opts out of sharing contract economy and opens the reminder settings; a
 * global administrator previews and applies a KLE import; a plain user is refused politely. Every page passes axe-core
 * in Danish and English.
 */
describe('the administration settings pages of the web client', () => {
  let system: RunningSystem;
  let api: ReturnType<typeof http>;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let admin: string;
  let org: string;
  let localAdmin: TestUser;
  let member: TestUser;
  let option: Json;
  const valueName = 'Fagsystem til borgerservice';

  beforeAll(async () => {
    await resetJetStream();
    system = await startSystem({
      services: ['identity', 'catalog', 'contracts', 'reporting'],
      env: { WEBHOOK_MAX_ATTEMPTS: '2', WEBHOOK_BACKOFF_MS: '100' }, // a dead letter within a second
    });
    browser = await launchBrowser();
    api = http(system.gatewayUrl);
    admin = await adminToken(api);
    org = await createOrganization(api, admin, { name: 'Æblerød Kommune' });
    localAdmin = await createUser(api, admin, [{ organizationUuid: org, role: 'LocalAdmin' }]);
    member = await createUser(api, admin, [{ organizationUuid: org, role: 'User' }]);
    // the global administrator works in the organisation too (the client needs a current organisation)
    const adminUuid = JSON.parse(Buffer.from(admin.split('.')[1], 'base64url').toString()).sub as string;
    await ok(api.post(`/api/v2/organizations/${org}/users/${adminUuid}/roles`, { role: 'User' }, bearer(admin)));
    option = await ok(
      api.post<Json>(
        '/api/v2/option-types/business-types',
        { name: valueName, description: 'Systemer til borgerbetjening' },
        bearer(admin),
      ),
      201,
    );
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

  const localValue = async () =>
    (await ok(api.get<Json[]>(`/api/v2/organizations/${org}/option-types/business-types`, bearer(admin)))).find(
      (v) => v.uuid === option.uuid,
    );

  it('lets a local administrator activate and deactivate a local option value and describe it; the API follows', async () => {
    await signIn(page, localAdmin, '/admin/option-types');
    await inBothLanguages(page, { da: 'Lokale tilpasninger af udfaldsrum', en: 'Local option types' });
    await page.getByLabel('Udfaldsrum').selectOption('business-types');
    const row = page.getByRole('row', { name: new RegExp(valueName) });
    await row.getByRole('button', { name: `Aktivér ${valueName}` }).click();
    await row.getByText('Aktiv', { exact: true }).waitFor();
    expect(await localValue()).toMatchObject({ isActive: true, isAvailable: true });

    await row.getByRole('button', { name: `Deaktivér ${valueName}` }).click();
    await row.getByText('Ikke aktiv', { exact: true }).waitFor();
    expect(await localValue()).toMatchObject({ isActive: false, isAvailable: false });

    await row.getByRole('button', { name: `Rediger beskrivelse af ${valueName}` }).click();
    await page.getByLabel(`Lokal beskrivelse af ${valueName}`).fill('Hos os: borgerservicecentrets systemer');
    await page.getByRole('button', { name: 'Gem' }).click();
    // the form closes when the server has answered (the text area itself holds the typed text until then)
    await page.getByLabel(`Lokal beskrivelse af ${valueName}`).waitFor({ state: 'detached' });
    await row.getByText('Hos os: borgerservicecentrets systemer').waitFor();
    expect(await localValue()).toMatchObject({ localDescription: 'Hos os: borgerservicecentrets systemer', isActive: false });
    expect(await accessibilityViolations(page)).toEqual([]);
  });

  it('lets a global administrator create a global value and edit it, a stale edit answered with the conflict message', async () => {
    await signIn(page, LOCAL_ADMIN, '/admin/option-types');
    await page.getByRole('heading', { level: 1, name: 'Lokale tilpasninger af udfaldsrum' }).waitFor();
    await page.getByLabel('Udfaldsrum').selectOption('it-contract-purchase-types');
    await page.getByRole('button', { name: 'Opret global værdi' }).click();
    await page.getByLabel('Navn', { exact: true }).fill('Fælleskommunalt udbud');
    await page.getByLabel('Prioritet').fill('50');
    await page.getByRole('button', { name: 'Gem' }).click();
    const globals = page.getByRole('table', { name: 'Globale værdier i Indkøbsformer' });
    await globals.getByRole('row', { name: /Fælleskommunalt udbud/ }).waitFor();
    const created = (await ok(api.get<Json[]>('/api/v2/option-types/it-contract-purchase-types', bearer(admin)))).find(
      (v) => v.name === 'Fælleskommunalt udbud',
    );
    expect(created).toMatchObject({ priority: 50, isEnabled: true, isObligatory: false });
    await inBothLanguages(page, { da: 'Lokale tilpasninger af udfaldsrum', en: 'Local option types' });

    await globals.getByRole('button', { name: 'Rediger Fælleskommunalt udbud' }).click();
    await page.getByLabel('Navn', { exact: true }).waitFor();
    // someone else changes the value after it was read: the save is refused with 412, "Hent nyeste" reloads it
    await ok(api.patch(`/api/v2/option-types/it-contract-purchase-types/${created!.uuid}`, { priority: 60 }, bearer(admin)));
    await page.getByLabel('Aktiveret globalt').uncheck();
    await page.getByRole('button', { name: 'Gem' }).click();
    await page.getByText('En anden har ændret objektet, siden du hentede det.', { exact: false }).waitFor();
    await page.getByRole('button', { name: 'Hent nyeste' }).click();
    await expectValue(page.getByLabel('Prioritet'), '60');
    await page.getByLabel('Aktiveret globalt').uncheck();
    await page.getByRole('button', { name: 'Gem' }).click();
    await globals
      .getByRole('row', { name: /Fælleskommunalt udbud/ })
      .getByText('Deaktiveret globalt')
      .waitFor();
    expect(await ok(api.get<Json>(`/api/v2/option-types/it-contract-purchase-types/${created!.uuid}`, bearer(admin)))).toMatchObject({
      isEnabled: false,
      priority: 60,
    });
  });

  it('creates a webhook (its secret shown once), lists it, opens its page and pauses it', async () => {
    await signIn(page, localAdmin, '/admin/webhooks');
    await inBothLanguages(page, { da: 'Webhooks', en: 'Webhooks' });
    await page.getByRole('button', { name: 'Opret abonnement' }).click();
    await page.getByLabel('Adresse (URL)').fill('integration.aeblerod.dk/kitos');
    await page.getByLabel('Hændelsestyper').fill('contracts.it-contract.updated\ncatalog.it-system.*');
    await page.getByRole('button', { name: 'Opret abonnement' }).click();
    await page.locator('#field-url-error').getByText('Adressen skal være en fuld URL, fx https://…').waitFor();
    expect(await ok(api.get<Json[]>(`/api/v2/webhooks?organizationUuid=${org}`, bearer(admin)))).toEqual([]);

    const url = 'http://127.0.0.1:9/kitos/events';
    await page.getByLabel('Adresse (URL)').fill(url);
    await page.getByRole('button', { name: 'Opret abonnement' }).click();
    const secret = await page.getByTestId('webhook-secret').textContent();
    expect(secret?.length).toBeGreaterThanOrEqual(16);
    const link = page.getByRole('link', { name: `Vis abonnement til ${url}` });
    await link.waitFor();
    const listed = await ok(api.get<Json[]>(`/api/v2/webhooks?organizationUuid=${org}`, bearer(admin)));
    expect(listed).toEqual([
      expect.objectContaining({ url, topics: ['contracts.it-contract.updated', 'catalog.it-system.*'], active: true }),
    ]);
    expect(await accessibilityViolations(page)).toEqual([]);

    await link.click();
    await page.waitForURL(`**/admin/webhooks/${listed[0].uuid}`);
    await inBothLanguages(page, { da: 'Abonnement', en: 'Subscription' });
    await page.getByText('Ingen døde breve.').waitFor();
    await page.getByRole('button', { name: 'Rediger abonnement' }).click();
    await page.getByLabel('Aktiv').uncheck();
    await page.getByRole('button', { name: 'Gem' }).click();
    await page.getByText('Sat på pause').waitFor();
    expect(await ok(api.get<Json>(`/api/v2/webhooks/${listed[0].uuid}`, bearer(admin)))).toMatchObject({ active: false });
  });

  it('two administrators edit the same webhook: the second save gets the conflict message, "Hent nyeste" brings the first one’s change', async () => {
    const hook = await ok(
      api.post<Json>(
        '/api/v2/webhooks',
        { organizationUuid: org, url: 'http://127.0.0.1:9/first', topics: ['catalog.*.*'] },
        bearer(admin),
      ),
      201,
    );
    const other = await newContext(browser, system.gatewayUrl);
    try {
      const second = await other.newPage();
      for (const p of [page, second]) {
        await signIn(p, localAdmin, `/admin/webhooks/${hook.uuid}`);
        await p.getByRole('button', { name: 'Rediger abonnement' }).click();
        await p.getByLabel('Adresse (URL)').waitFor();
      }
      await page.getByLabel('Hændelsestyper').fill('contracts.it-contract.updated');
      await page.getByRole('button', { name: 'Gem' }).click();
      await page.getByText('contracts.it-contract.updated', { exact: true }).waitFor();

      await second.getByLabel('Adresse (URL)').fill('http://127.0.0.1:9/second');
      await second.getByRole('button', { name: 'Gem' }).click();
      await second.getByText('En anden har ændret objektet, siden du hentede det.', { exact: false }).waitFor();
      expect(await ok(api.get<Json>(`/api/v2/webhooks/${hook.uuid}`, bearer(admin)))).toMatchObject({
        url: 'http://127.0.0.1:9/first',
        topics: ['contracts.it-contract.updated'],
      });
      await second.getByRole('button', { name: 'Hent nyeste' }).click();
      // still on the page, the form starts over from the first administrator's save
      await eventually(async () => expect(await second.getByLabel('Hændelsestyper').inputValue()).toBe('contracts.it-contract.updated'));
      expect(await second.getByLabel('Adresse (URL)').inputValue()).toBe('http://127.0.0.1:9/first');
      expect(await second.getByText('En anden har ændret objektet', { exact: false }).count()).toBe(0);
      await second.getByLabel('Adresse (URL)').fill('http://127.0.0.1:9/second');
      await second.getByRole('button', { name: 'Gem' }).click();
      await second.getByText('http://127.0.0.1:9/second', { exact: true }).waitFor();
      expect(await ok(api.get<Json>(`/api/v2/webhooks/${hook.uuid}`, bearer(admin)))).toMatchObject({
        url: 'http://127.0.0.1:9/second',
        topics: ['contracts.it-contract.updated'],
      });
    } finally {
      await other.close();
    }
  });

  it("shows a subscription's dead letters, sends one again and replays events from a time", async () => {
    // nothing listens on port 9: every attempt fails, and after the second the delivery is a dead letter
    const hook = await ok(
      api.post<Json>(
        '/api/v2/webhooks',
        { organizationUuid: org, url: 'http://127.0.0.1:9/closed', topics: ['catalog.it-system.created'] },
        bearer(admin),
      ),
      201,
    );
    await ok(api.post('/api/v2/it-systems', { organizationUuid: org, name: 'Sagsbehandling Æblerød' }, bearer(admin)), 201);
    const [dead] = await eventually(
      async () => {
        const letters = await ok(api.get<Json[]>(`/api/v2/webhooks/${hook.uuid}/dead-letters`, bearer(admin)));
        expect(letters).toHaveLength(1);
        return letters;
      },
      { timeoutMs: 30_000 },
    );
    expect(dead).toMatchObject({ eventType: 'catalog.it-system.created', attempts: 2 });

    await signIn(page, localAdmin, `/admin/webhooks/${hook.uuid}`);
    await inBothLanguages(page, { da: 'Abonnement', en: 'Subscription' });
    const deliveries = page.getByRole('table', { name: 'Seneste leverancer, nyeste først' });
    await deliveries.waitFor();
    await expectTexts(deliveries.locator('tbody tr th'), ['catalog.it-system.created']);
    await expectText(deliveries.locator('tbody tr td').first(), 'Opgivet (dødt brev)');
    await expectText(deliveries.locator('tbody tr td').nth(2), '2');
    const letters = page.getByRole('table', { name: 'Døde breve' });
    await expectTexts(letters.locator('tbody tr th'), ['catalog.it-system.created']);
    await letters.getByRole('button', { name: 'Send catalog.it-system.created igen' }).click();
    await page.getByText('Afsendelsen er sat i kø igen.').waitFor();

    await page.getByLabel('Fra (dato og klokkeslæt)').fill('2020-01-01T00:00');
    await page.getByRole('button', { name: 'Genudsend' }).click();
    const queued = await page.getByText(/^\d+ hændelser er sat i kø/).textContent();
    expect(Number(/^(\d+)/.exec(queued ?? '')?.[1])).toBeGreaterThanOrEqual(1);
    expect(await accessibilityViolations(page)).toEqual([]);
  });

  it('lets a local administrator opt out of sharing contract economy, saved at once', async () => {
    await signIn(page, localAdmin, '/admin/sharing');
    await inBothLanguages(page, { da: 'Deling af data på tværs af kommuner', en: 'Sharing data across municipalities' });
    await page.getByText('Projektdata og noter/bemærkninger.').waitFor();
    await page.getByLabel('Del ikke kontraktøkonomi (fravalg)').check();
    await page.getByRole('button', { name: 'Gem' }).click();
    await page.getByText('Ændringerne er gemt.').waitFor();
    const saved = await ok(api.get<Json>(`/api/v2/organizations/${org}/sharing-settings`, bearer(admin)));
    expect(saved).toMatchObject({ shareContractEconomy: false });
    expect(saved.hiddenFromOtherOrganizations).toContain('economy');
    await page.getByText(/Skjult for andre organisationer nu: .*kontraktøkonomi/).waitFor();
    await page.reload();
    // the form may be drawn before the saved settings have arrived
    const optOut = page.getByLabel('Del ikke kontraktøkonomi (fravalg)');
    await settled(
      'the opt-out after a reload',
      (timeout) => optOut.isChecked({ timeout }),
      (checked) => expect(checked).toBe(true),
    );
  });

  it('shows and saves the reminder settings', async () => {
    await signIn(page, localAdmin, '/admin/reminders');
    await inBothLanguages(page, { da: 'Advis-indstillinger', en: 'Reminder settings' });
    // the server's problem is shown at its field
    await page.getByLabel('Modtagere (e-mailadresser)').fill('kontrakter-aeblerod');
    await page.getByRole('button', { name: 'Gem' }).click();
    await page.locator('[id="field-to.emails-error"]').waitFor();
    await expectAttribute(page.getByLabel('Modtagere (e-mailadresser)'), 'aria-invalid', 'true');
    await page.getByLabel('Modtagere (e-mailadresser)').fill('kontrakter@aeblerod.dk');
    await page.getByLabel('Dage før fristen').fill('60, 14');
    await page.getByRole('button', { name: 'Gem' }).click();
    await page.getByText('Ændringerne er gemt.').waitFor();
    expect(await ok(api.get<Json>(`/api/v2/organizations/${org}/reminder-settings`, bearer(admin)))).toMatchObject({
      to: { emails: ['kontrakter@aeblerod.dk'] },
      leadDays: [60, 14],
    });
  });

  it('lets a global administrator preview a KLE import and apply exactly that change', async () => {
    await signIn(page, LOCAL_ADMIN, '/admin/kle');
    await page.getByRole('heading', { level: 1, name: 'Import af KLE' }).waitFor();
    // a document that is no emneplan: the server's problem (line and column) at the file field
    await page.getByLabel('Emneplan (XML-fil)').setInputFiles({
      name: 'broken.xml',
      mimeType: 'application/xml',
      buffer: Buffer.from('<KLE-Emneplan><Hovedgruppe></KLE-Emneplan>', 'utf8'),
    });
    await page.getByRole('button', { name: 'Vis ændringer' }).click();
    await page
      .locator('#field-body-error')
      .getByText(/^line 1, column \d+: /)
      .waitFor();
    await page.getByLabel('Emneplan (XML-fil)').setInputFiles({
      name: 'emneplan.xml',
      mimeType: 'application/xml',
      buffer: Buffer.from(CHANGED_SAMPLE, 'utf8'),
    });
    await page.getByRole('button', { name: 'Vis ændringer' }).click();
    const added = page.getByRole('table', { name: 'Tilføjes (1)' });
    await added.waitFor();
    await expectTexts(added.locator('tbody tr'), ['00.03.10Nordisk samarbejde']);
    await expectTexts(page.getByRole('table', { name: 'Omdøbes (1)' }).locator('tbody tr td'), [
      'Venskabsbysamarbejde',
      'Venskabsbysamarbejde og partnerskaber',
    ]);
    await inBothLanguages(page, { da: 'Import af KLE', en: 'KLE import' });
    await screenshot(page, 'admin-kle-import');
    expect((await ok(api.get<Json[]>('/api/v2/kle-options?kleNumberPrefix=00.03.10', bearer(admin)))).length).toBe(0);

    await page.getByRole('button', { name: 'Anvend importen' }).click();
    await page.getByText(/Importen er anvendt .*: KLE er opdateret\./).waitFor();
    await eventually(async () => {
      const kle = await ok(api.get<Json[]>('/api/v2/kle-options?kleNumberPrefix=00.03.10', bearer(admin)));
      expect(kle.map((k) => k.description)).toEqual(['Nordisk samarbejde']);
    });
  });

  it('refuses politely: a plain member sees no settings, a local administrator no KLE import', async () => {
    await signIn(page, member, '/admin/webhooks');
    await page.getByText('Ingen adgang').waitFor();
    await page.getByText(/Siden er for lokale administratorer og globale administratorer/).waitFor();
    expect(await page.getByRole('button', { name: 'Opret abonnement' }).count()).toBe(0);
    await inBothLanguages(page, { da: 'Webhooks', en: 'Webhooks' });

    await context.close();
    context = await newContext(browser, system.gatewayUrl);
    page = await context.newPage();
    await signIn(page, localAdmin, '/admin/kle');
    await page.getByText('Siden er kun for globale administratorer.').waitFor();
    expect(await page.getByLabel('Emneplan (XML-fil)').count()).toBe(0);
    await inBothLanguages(page, { da: 'Import af KLE', en: 'KLE import' });
  });
});
