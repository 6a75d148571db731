import { randomUUID } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { eventually } from '@kitos/testing';
import { adminToken, bearer, createOrganization, createUser, type TestUser } from '../support/identity';
import { http, startSystem, type RunningSystem } from '../support/system';
import { accessibilityViolations, launchBrowser, newContext, screenshot, signIn } from './support/browser';
import { expectCount, settled } from './support/settle';

type Named = { uuid: string; name: string | null };
type Usage = {
  uuid: string;
  version: number;
  localKleDeviations: { addedKLE: Named[]; removedKLE: Named[] };
  roles: Array<{ role: Named; user: Named }>;
};
type Relation = { uuid: string; toSystemUsage: Named; description: string | null; urlReference: string | null };
type Archive = {
  archiveDuty: string | null;
  frequencyInMonths: number | null;
  journalPeriods: Array<{ archiveId: string; startDate: string; endDate: string; status: string }>;
};
type Kle = { uuid: string; kleNumber: string; description: string; removed: string | null };

/**
 * The usage page's tabs that change things besides general data and GDPR: a local KLE deviation each way, a role, a
 * relation (created and edited), the archiving fields and a journal period (with the end-before-start rule at its field),
 * each checked in the API afterwards; the history timeline then shows the changes; every tab without serious
 * accessibility violations in Danish and English.
 */
describe('the tabs of a system in use in the web client', () => {
  let system: RunningSystem;
  let browser: Browser;
  let api: ReturnType<typeof http>;
  let token: string;
  let organization: string;
  let user: TestUser;
  let usageUuid: string;
  let inherited: Kle;
  let local: Kle;
  const contexts: BrowserContext[] = [];
  const suffix = randomUUID().slice(0, 6);
  const mainName = `Sagssystem ${suffix}`;
  const targetName = `Ydelsessystem ${suffix}`;

  async function noViolations(page: Page): Promise<void> {
    expect(await accessibilityViolations(page)).toEqual([]);
  }

  async function usageOf(path = ''): Promise<Usage> {
    const result = await api.get<Usage>(`/api/v2/it-system-usages/${usageUuid}${path}`, bearer(token));
    expect(result.status).toBe(200);
    return result.body;
  }

  async function takeIntoUse(name: string, kleUuids: string[] = []): Promise<string> {
    const created = await api.post<{ uuid: string }>(
      '/api/v2/it-systems',
      { organizationUuid: organization, name, kleUuids },
      bearer(token),
    );
    expect(created.status).toBe(201);
    const usage = await api.post<{ uuid: string }>(
      '/api/v2/it-system-usages',
      { organizationUuid: organization, systemUuid: created.body.uuid },
      bearer(token),
    );
    expect(usage.status).toBe(201);
    return usage.body.uuid;
  }

  beforeAll(async () => {
    system = await startSystem();
    browser = await launchBrowser();
    api = http(system.gatewayUrl);
    token = await adminToken(api);
    organization = await createOrganization(api, token, { name: 'Kolding Kommune' });
    user = await createUser(api, token, [{ organizationUuid: organization, role: 'LocalAdmin' }], {
      firstName: 'Karen',
      lastName: 'Arkivar',
    });
    // two topics of the KLE sample catalog imports at start-up: one the system has, one the municipality adds
    const kle = await api.get<Kle[]>('/api/v2/kle-options?kleNumberPrefix=00.01', bearer(token));
    const topics = kle.body.filter((k) => k.kleNumber.split('.').length === 3 && !k.removed);
    expect(topics.length).toBeGreaterThanOrEqual(2);
    [inherited, local] = topics;
    usageUuid = await takeIntoUse(mainName, [inherited.uuid]);
    await takeIntoUse(targetName);
  }, 240_000);
  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((c) => c.close()));
  });
  afterAll(async () => {
    await browser?.close();
    await system?.close();
  });

  async function signedInPage(who: TestUser = user): Promise<Page> {
    const context = await newContext(browser, system.gatewayUrl);
    contexts.push(context);
    const page = await context.newPage();
    await signIn(page, who);
    await page.getByRole('heading', { name: 'Velkommen til KITOS' }).waitFor();
    return page;
  }

  async function openTab(page: Page, tab: string): Promise<void> {
    await page.getByRole('tab', { name: tab }).click();
    await page.getByRole('heading', { name: tab, level: 2 }).waitFor();
    await page.locator('.spinner-status').first().waitFor({ state: 'detached' }); // the tab's data has arrived
  }

  it('adds a KLE deviation each way, a role, a relation and a journal period through the UI, and the API has them', async () => {
    const page = await signedInPage();
    await page.goto(`/usages/${usageUuid}`);
    await page.getByRole('heading', { name: mainName, level: 1 }).waitFor();

    // local KLE: opt out of the system's topic, add another one found by its number
    await openTab(page, 'Lokale KLE-afvigelser');
    await page.getByRole('button', { name: `Fravælg ${inherited.kleNumber}` }).click();
    await page.getByText('Fravalgt lokalt').waitFor();
    await page.getByLabel('Søg i KLE').fill(local.kleNumber);
    await page.getByRole('button', { name: `Tilføj ${local.kleNumber}` }).click();
    await page.getByRole('button', { name: `Fjern ${local.kleNumber}` }).waitFor();
    await noViolations(page);
    const afterKle = await usageOf();
    expect(afterKle.localKleDeviations.removedKLE.map((k) => k.uuid)).toEqual([inherited.uuid]);
    expect(afterKle.localKleDeviations.addedKLE.map((k) => k.uuid)).toEqual([local.uuid]);

    // roles: give the signed-in user a usage role
    await openTab(page, 'Roller');
    const role = page.getByLabel('Rolle (skal udfyldes)');
    const roleName = (await role.locator('option').nth(1).textContent()) ?? '';
    await role.selectOption({ index: 1 });
    await page.getByLabel('Søg bruger').fill(user.email);
    const userSelect = page.getByLabel('Bruger (skal udfyldes)');
    await expectCount(userSelect.locator('option', { hasText: user.email }), 1);
    await userSelect.selectOption({ label: `Karen Arkivar (${user.email})` });
    await page.getByRole('button', { name: 'Tildel rolle' }).click();
    await page.getByText('Rollen er tildelt.').waitFor();
    await page.getByRole('cell', { name: 'Karen Arkivar', exact: true }).waitFor();
    await noViolations(page);
    const afterRole = await usageOf();
    expect(afterRole.roles).toEqual([
      { role: expect.objectContaining({ name: roleName }), user: expect.objectContaining({ uuid: user.uuid }) },
    ]);

    // relations: create one to the other usage, then edit its description
    await openTab(page, 'Relationer');
    await page.getByRole('button', { name: 'Opret relation' }).click();
    await page.getByRole('button', { name: 'Gem' }).click();
    await page.getByLabel('Til system (skal udfyldes)').and(page.locator('[aria-invalid="true"]')).waitFor(); // required, said at the field
    await page.getByLabel('Til system (skal udfyldes)').selectOption({ label: targetName });
    await page.getByLabel('Beskrivelse').fill('Ydelsesdata overføres dagligt');
    await page.getByLabel('Reference (link)').fill('https://wiki.kolding.dk/integrationer/ydelse');
    await noViolations(page);
    await page.getByRole('button', { name: 'Gem' }).click();
    await page.getByText('Ændringerne er gemt.').waitFor();
    await page.getByRole('link', { name: targetName }).waitFor();
    await page.getByRole('button', { name: `Rediger relationen til ${targetName}` }).click();
    await page.getByLabel('Beskrivelse').fill('Ydelsesdata overføres hver nat');
    await page.getByRole('button', { name: 'Gem' }).click();
    await page.getByRole('cell', { name: 'Ydelsesdata overføres hver nat' }).waitFor();
    await noViolations(page);
    await screenshot(page, 'usage-relations');
    const relations = await api.get<Relation[]>(`/api/v2/it-system-usages/${usageUuid}/system-relations`, bearer(token));
    expect(relations.body).toEqual([
      expect.objectContaining({
        toSystemUsage: expect.objectContaining({ name: targetName }),
        description: 'Ydelsesdata overføres hver nat',
        urlReference: 'https://wiki.kolding.dk/integrationer/ydelse',
      }),
    ]);

    // archiving: the duty and frequency, then a journal period (an end before the start is refused at its field)
    await openTab(page, 'Arkivering');
    await page.getByLabel('Arkiveringspligt').selectOption('B');
    await page.getByLabel('Arkiveringsfrekvens (måneder)').fill('60');
    await page.getByLabel('Dokumentbærende').selectOption('true');
    await page.getByRole('button', { name: 'Gem' }).click();
    await page.getByText('Ændringerne er gemt.').waitFor();
    await page.getByRole('button', { name: 'Tilføj journalperiode' }).click();
    const period = page.getByRole('form', { name: 'Ny journalperiode' });
    await period.getByLabel('Arkiverings-ID (skal udfyldes)').fill('AVID.KOL.2001');
    await period.getByLabel('Startdato (skal udfyldes)').fill('2016-01-01');
    await period.getByLabel('Slutdato (skal udfyldes)').fill('2015-12-31');
    await period.getByRole('button', { name: 'Gem' }).click();
    await period.getByText('Slutdatoen må ikke ligge før startdatoen').waitFor();
    await noViolations(page);
    await period.getByLabel('Slutdato (skal udfyldes)').fill('2020-12-31');
    await period.getByLabel('Status').selectOption('Delivered');
    await period.getByRole('button', { name: 'Gem' }).click();
    await page.getByRole('rowheader', { name: 'AVID.KOL.2001' }).waitFor();
    await noViolations(page);
    const archive = await api.get<Archive>(`/api/v2/it-system-usage-archives/${usageUuid}`, bearer(token));
    expect(archive.body).toMatchObject({
      archiveDuty: 'B',
      frequencyInMonths: 60,
      journalPeriods: [{ archiveId: 'AVID.KOL.2001', startDate: '2016-01-01', endDate: '2020-12-31', status: 'Delivered' }],
    });

    // history: the KLE change, with its field named and the KLE number instead of its uuid
    await openTab(page, 'Historik');
    await eventually(
      async () => {
        await page.reload();
        const timeline = page.getByRole('list', { name: 'Ændringer, nyeste først' });
        await timeline.waitFor({ timeout: 5_000 });
        await timeline.getByText('Fravalgte KLE').first().waitFor({ timeout: 2_000 });
        await timeline.getByRole('insertion').filter({ hasText: inherited.kleNumber }).first().waitFor({ timeout: 2_000 });
      },
      { timeoutMs: 60_000, intervalMs: 500 },
    );
    await noViolations(page);
    await screenshot(page, 'usage-history');
  }, 240_000);

  it("lets a member whose only right is a per-usage role with write access change the usage's tabs (the API's permissions)", async () => {
    const ownerName = `Ejersystem ${suffix}`;
    const owned = await takeIntoUse(ownerName);
    const writer = await api.post<{ uuid: string }>(
      '/api/v2/role-types',
      { objectType: 'ItSystemUsage', name: `Systemejer ${suffix}`, hasWriteAccess: true },
      bearer(token),
    );
    expect(writer.status).toBe(201);
    const owner = await createUser(api, token, [{ organizationUuid: organization, role: 'User' }], { firstName: 'Ole', lastName: 'Ejer' });
    const assigned = await api.patch(
      `/api/v2/it-system-usages/${owned}/roles/add`,
      { roleUuid: writer.body.uuid, userUuid: owner.uuid },
      bearer(token),
    );
    expect(assigned.status).toBe(200);

    const page = await signedInPage(owner);
    await page.goto(`/usages/${owned}`);
    await page.getByRole('heading', { name: ownerName, level: 1 }).waitFor();
    await page.getByLabel('Lokalt kaldenavn').fill('Ejerens kaldenavn');
    await page.getByRole('button', { name: 'Gem' }).click();
    await page.getByText('Ændringerne er gemt.').waitFor();
    const saved = await api.get<{ general: { localCallName: string } }>(`/api/v2/it-system-usages/${owned}`, bearer(token));
    expect(saved.body.general.localCallName).toBe('Ejerens kaldenavn');
    // the GDPR profile is the organisation administrators' (its write checks their roles): read-only for the owner
    await openTab(page, 'GDPR');
    await settled(
      'the GDPR purpose read-only',
      (timeout) => page.locator('#field-purpose').isDisabled({ timeout }),
      (disabled) => expect(disabled).toBe(true),
    );
    expect(await page.getByRole('button', { name: 'Gem' }).count()).toBe(0);
  }, 120_000);

  it('has no serious accessibility violations on any tab, in Danish and in English', async () => {
    const page = await signedInPage();
    await page.goto(`/usages/${usageUuid}`);
    await page.getByRole('heading', { name: mainName, level: 1 }).waitFor();
    for (const tab of [
      'Systemforside',
      'Organisation',
      'Lokale KLE-afvigelser',
      'Roller',
      'Relationer',
      'GDPR',
      'Arkivering',
      'Kontrakter',
      'Historik',
    ]) {
      await openTab(page, tab);
      await noViolations(page);
    }
    await page.getByLabel('Sprog').selectOption('en');
    for (const tab of [
      'General',
      'Organisation',
      'Local KLE deviations',
      'Roles',
      'Relations',
      'GDPR',
      'Archiving',
      'Contracts',
      'History',
    ]) {
      await openTab(page, tab);
      await noViolations(page);
    }
    await page.getByLabel('Language').selectOption('da');
  }, 180_000);
});
