import { randomUUID } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { adminToken, bearer, createOrganization, createUser, type TestUser } from '../support/identity';
import { http, startSystem, type RunningSystem } from '../support/system';
import { inBothLanguages, launchBrowser, newContext, screenshot, signIn } from './support/browser';
import { moveUnit, transferRoles } from './support/flows';
import { expectCount, expectText } from './support/settle';

type Unit = { uuid: string; name: string; parentOrganizationUnit: { uuid: string; name: string } | null };
type User = { uuid: string; roles: string[]; rights: Array<{ organizationUuid: string; role: string }> };

/**
 * Administration in the browser against the whole running system: a local administrator moves a unit in the tree
 * (the API then has the new parent), hands a leaver's roles over to a successor (the API then has them on the
 * successor and no longer on the leaver) and finds the handover in the audit log. Only administrators see the menu
 * entry. Every administration page passes axe-core in Danish and English.
 */
describe('administration in the web client', () => {
  let system: RunningSystem;
  let api: ReturnType<typeof http>;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let globalToken: string;
  let organization: string;
  let admin: TestUser;
  let leaver: TestUser;
  let successor: TestUser;
  let plainUser: TestUser;
  const units: Record<'root' | 'citizens' | 'passports' | 'it', string> = { root: '', citizens: '', passports: '', it: '' };
  const suffix = randomUUID().slice(0, 6);

  async function createUnit(name: string, parentUuid: string): Promise<string> {
    const created = await api.post<{ uuid: string }>(
      `/api/v2/organizations/${organization}/organization-units`,
      { name, parentUuid },
      bearer(globalToken),
    );
    if (created.status !== 201) throw new Error(`creating a unit answered ${created.status}: ${JSON.stringify(created.body)}`);
    return created.body.uuid;
  }

  beforeAll(async () => {
    // the handover asks every service that owns per-object roles (usages, contracts, registrations, projects)
    system = await startSystem({ services: ['identity', 'catalog', 'contracts', 'gdpr', 'projects'] });
    api = http(system.gatewayUrl);
    globalToken = await adminToken(api);
    organization = await createOrganization(api, globalToken, { name: `Vejle Kommune ${suffix}` });
    const person = (firstName: string, lastName: string) => ({ firstName, lastName });
    admin = await createUser(api, globalToken, [{ organizationUuid: organization, role: 'LocalAdmin' }], person('Anne', 'Administrator'));
    leaver = await createUser(
      api,
      globalToken,
      [
        { organizationUuid: organization, role: 'User' },
        { organizationUuid: organization, role: 'SystemModuleAdmin' },
      ],
      person('Lene', 'Fratræder'),
    );
    successor = await createUser(api, globalToken, [{ organizationUuid: organization, role: 'User' }], person('Søren', 'Efterfølger'));
    plainUser = await createUser(api, globalToken, [{ organizationUuid: organization, role: 'User' }], person('Bo', 'Bruger'));
    const tree = await api.get<Unit[]>(`/api/v2/organizations/${organization}/organization-units`, bearer(globalToken));
    units.root = tree.body.find((u) => u.parentOrganizationUnit === null)!.uuid;
    units.citizens = await createUnit('Borgerservice', units.root);
    units.passports = await createUnit('Pas og kørekort', units.citizens);
    units.it = await createUnit('IT-afdelingen', units.root);
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

  it('shows the administration only to administrators, with every administration page in its sub-navigation', async () => {
    await signIn(page, plainUser, '/');
    await page.getByRole('navigation', { name: 'Hovedmenu' }).waitFor();
    expect(await page.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('link', { name: 'Administration' }).count()).toBe(0);
    await page.goto('/admin');
    await page.getByText('Administration er kun for lokale administratorer og globale administratorer.').waitFor();

    const adminContext = await newContext(browser, system.gatewayUrl);
    const adminPage = await adminContext.newPage();
    await signIn(adminPage, admin, '/');
    await adminPage.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('link', { name: 'Administration' }).click();
    await adminPage.getByRole('heading', { name: 'Administration', level: 1 }).waitFor();
    const subnav = adminPage.getByRole('navigation', { name: 'Administration' });
    const hrefs = await subnav.getByRole('link').evaluateAll((links) => links.map((l) => l.getAttribute('href')));
    expect(hrefs).toEqual([
      '/admin',
      '/admin/units',
      '/admin/users',
      '/admin/role-types',
      '/admin/audit-log',
      '/admin/option-types',
      '/admin/kle',
      '/admin/sharing',
      '/admin/webhooks',
      '/admin/reminders',
    ]);
    page = adminPage;
    await inBothLanguages(page, { da: 'Administration', en: 'Administration' });
    await adminContext.close();
  });

  it('moves a unit under another parent with "move to …", and the API has the new parent', async () => {
    await signIn(page, admin, '/admin/units');
    await page.getByRole('heading', { name: 'Organisationsenheder', level: 2 }).waitFor();
    // the tree has arrived (not only its heading) before axe-core checks the page
    await page.getByRole('group', { name: 'Handlinger for Pas og kørekort' }).waitFor();
    await inBothLanguages(page, { da: 'Organisation', en: 'Organisation' });

    await moveUnit(page, 'Pas og kørekort', { uuid: units.it, name: 'IT-afdelingen' });

    const moved = await api.get<Unit>(`/api/v2/organizations/${organization}/organization-units/${units.passports}`, bearer(globalToken));
    expect(moved.body.parentOrganizationUnit).toEqual({ uuid: units.it, name: 'IT-afdelingen' });
    // the tree shows it under its new parent
    const itItem = page.locator('li.unit-node', { has: page.getByRole('group', { name: 'Handlinger for IT-afdelingen' }) });
    // the tree is fetched again after the move's confirmation is shown
    await expectCount(itItem.getByRole('group', { name: 'Handlinger for Pas og kørekort' }), 1);
    await screenshot(page, 'admin-units');

    // a unit with units under it cannot be deleted: the API's reason is shown
    await page.getByRole('group', { name: 'Handlinger for IT-afdelingen' }).getByRole('button', { name: 'Slet' }).click();
    await page.locator('form.unit-action').getByRole('button', { name: 'Slet' }).click();
    await expectText(page.getByRole('alert'), expect.stringMatching(/\S/));
    expect((await api.get(`/api/v2/organizations/${organization}/organization-units/${units.it}`, bearer(globalToken))).status).toBe(200);
  });

  it("hands a leaver's roles over to a successor after a confirmation listing them, and the audit log shows it", async () => {
    await signIn(page, admin, '/admin/users');
    await page.getByRole('heading', { name: 'Brugere', level: 1 }).waitFor();
    await page.getByRole('link', { name: 'Lene Fratræder' }).waitFor();
    await inBothLanguages(page, { da: 'Brugere', en: 'Users' });
    await page.getByRole('link', { name: 'Lene Fratræder' }).click();
    await page.getByRole('heading', { name: 'Lene Fratræder', level: 2 }).waitFor();
    await page.getByRole('heading', { name: 'Fratrædelse: kopiér eller overdrag roller' }).waitFor();
    await inBothLanguages(page, { da: 'Brugere', en: 'Users' });

    const moving = await transferRoles(page, { uuid: successor.uuid, name: 'Søren Efterfølger' }, 'admin-handover');
    expect(moving).toEqual(['Bruger', 'Systemadministrator']);

    const toUser = await api.get<User>(`/api/v2/organizations/${organization}/users/${successor.uuid}`, bearer(globalToken));
    expect(toUser.body.roles.sort()).toEqual(['SystemModuleAdmin', 'User']);
    const fromUser = await api.get<User>(`/api/v2/users/${leaver.uuid}`, bearer(globalToken));
    expect(fromUser.body.rights.filter((r) => r.organizationUuid === organization)).toEqual([]);

    await page.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name: 'Logbog' }).click();
    await page.getByRole('heading', { name: 'Logbog', level: 1 }).waitFor();
    await page.getByLabel('Hændelse').selectOption('rights.changed');
    await page.getByLabel('Udført af').selectOption(admin.uuid);
    // the detail names the successor (a member), the leaver is no longer one and stays a uuid
    const row = page.getByRole('row').filter({ hasText: 'roles transferred to Søren Efterfølger' });
    await row.waitFor();
    await expectText(row.getByRole('cell').nth(1), 'Rettigheder ændret');
    await expectText(row.getByRole('cell').nth(2), 'Anne Administrator');
    // a filter that excludes it: sign-ins only
    await page.getByLabel('Objekttype').selectOption('session');
    await page.getByText('Ingen hændelser matcher filtrene.').waitFor();
    await page.getByLabel('Objekttype').selectOption('');
    await row.waitFor();
    await screenshot(page, 'admin-audit-log');
    await inBothLanguages(page, { da: 'Logbog', en: 'Audit log' });
  });

  it('lists the role catalogue and switches a role off and on again for the organisation', async () => {
    await signIn(page, admin, '/admin/role-types');
    await page.getByRole('heading', { name: 'Roller', level: 1 }).waitFor();
    await page.getByRole('table').waitFor();
    await inBothLanguages(page, { da: 'Roller', en: 'Roles' });
    const roles = await api.get<Array<{ uuid: string; name: string; isEnabled: boolean; isLocallyEnabled: boolean }>>(
      `/api/v2/organizations/${organization}/role-types`,
      bearer(globalToken),
    );
    const role = roles.body.find((r) => r.isEnabled && r.isLocallyEnabled)!;
    await page.getByRole('button', { name: `Slå ${role.name} fra`, exact: true }).click();
    await page.getByRole('button', { name: `Slå ${role.name} til`, exact: true }).waitFor();
    const after = await api.get<Array<{ uuid: string; isLocallyEnabled: boolean }>>(
      `/api/v2/organizations/${organization}/role-types`,
      bearer(globalToken),
    );
    expect(after.body.find((r) => r.uuid === role.uuid)?.isLocallyEnabled).toBe(false);
    await page.getByRole('button', { name: `Slå ${role.name} til`, exact: true }).click();
    await page.getByRole('button', { name: `Slå ${role.name} fra`, exact: true }).waitFor();
  });
});
