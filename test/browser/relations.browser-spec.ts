import { randomUUID } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { eventually } from '@kitos/testing';
import { adminToken, bearer, createOrganization, createUser, type TestUser } from '../support/identity';
import { http, startSystem, type RunningSystem } from '../support/system';
import { accessibilityViolations, launchBrowser, newContext, signIn } from './support/browser';
import { expectAttribute, expectCount, settled } from './support/settle';
import { expectRelationTables } from './support/flows';

type Pair = { uuid: string; name: string | null } | null;
interface Graph {
  nodes: Array<{ usageUuid: string; name: string | null; distance?: number }>;
  edges: Array<{ uuid: string; from: string; to: string; interface: Pair; contract: Pair; frequency: Pair }>;
}

/**
 * The relation graph in the browser against the running system: the organisation's relations drawn by Cytoscape and
 * listed in tables equal to the API's nodes and edges; choosing a system (with the keyboard's select) shows what depends
 * on it, as the catalogue's own impact view says; axe finds nothing serious in Danish and English.
 */
describe('relation graph in the web client', () => {
  let system: RunningSystem;
  let api: ReturnType<typeof http>;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let user: TestUser;
  let organization: string;
  let token: string;
  const suffix = randomUUID().slice(0, 6);
  const names = { cpr: `CPR-opslag ${suffix}`, esdh: `ESDH ${suffix}`, ydelse: `Ydelsessystem ${suffix}`, okonomi: `Økonomi ${suffix}` };
  const usages: Record<keyof typeof names, string> = { cpr: '', esdh: '', ydelse: '', okonomi: '' };
  const cspErrors: string[] = [];

  beforeAll(async () => {
    system = await startSystem({ services: ['identity', 'catalog', 'contracts'] });
    api = http(system.gatewayUrl);
    token = await adminToken(api);
    organization = await createOrganization(api, token, { name: `Odense Kommune ${suffix}` });
    user = await createUser(api, token, [{ organizationUuid: organization, role: 'User' }]);
    const systems: Record<string, string> = {};
    for (const key of Object.keys(names) as Array<keyof typeof names>) {
      const created = await createUsage(names[key]);
      usages[key] = created.usageUuid;
      systems[key] = created.systemUuid;
    }
    const cprInterface = await api.post<{ uuid: string }>(
      '/api/v2/it-interfaces',
      { organizationUuid: organization, name: `Personopslag ${suffix}`, exposedBySystemUuid: systems.cpr },
      bearer(token),
    );
    expect(cprInterface.status).toBe(201);
    const contract = await eventually(async () => {
      const created = await api.post<{ uuid: string }>(
        '/api/v2/it-contracts',
        { organizationUuid: organization, name: `Driftsaftale CPR ${suffix}` },
        bearer(token),
      );
      expect(created.status).toBe(201);
      return created.body.uuid;
    });
    const frequencies = await api.get<Array<{ uuid: string; name: string }>>(
      `/api/v2/it-system-usage-relation-frequency-types?organizationUuid=${organization}`,
      bearer(token),
    );
    const daily = frequencies.body.find((f) => f.name === 'Dagligt')!.uuid;
    const relate = async (from: string, to: string, extra: Record<string, string> = {}) => {
      const created = await api.post(
        `/api/v2/it-system-usages/${from}/system-relations`,
        { toSystemUsageUuid: to, ...extra },
        bearer(token),
      );
      expect(created.status).toBe(201);
    };
    // ESDH looks people up in CPR; Ydelsessystem uses ESDH; Økonomi uses Ydelsessystem
    await relate(usages.esdh, usages.cpr, {
      relationInterfaceUuid: cprInterface.body.uuid,
      associatedContractUuid: contract,
      relationFrequencyUuid: daily,
    });
    await relate(usages.ydelse, usages.esdh);
    await relate(usages.okonomi, usages.ydelse, { relationFrequencyUuid: daily });
    // the catalogue learns the contract's name from the contracts service's events
    await eventually(async () => {
      const graph = await graphOf();
      expect(graph.edges.find((e) => e.contract)?.contract?.name).toBe(`Driftsaftale CPR ${suffix}`);
    });
    browser = await launchBrowser();
  }, 240_000);
  beforeEach(async () => {
    context = await newContext(browser, system.gatewayUrl);
    page = await context.newPage();
    page.on('console', (message) => {
      if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) cspErrors.push(message.text());
    });
  });
  afterEach(() => context?.close());
  afterAll(async () => {
    await browser?.close();
    await system?.close();
  });

  /** A system and its usage in the organisation (the catalogue learns the organisation from identity's events). */
  async function createUsage(name: string): Promise<{ systemUuid: string; usageUuid: string }> {
    const created = await api.post<{ uuid: string }>('/api/v2/it-systems', { organizationUuid: organization, name }, bearer(token));
    expect(created.status).toBe(201);
    const usage = await eventually(async () => {
      const result = await api.post<{ uuid: string }>(
        '/api/v2/it-system-usages',
        { organizationUuid: organization, systemUuid: created.body.uuid },
        bearer(token),
      );
      expect(result.status).toBe(201);
      return result.body.uuid;
    });
    return { systemUuid: created.body.uuid, usageUuid: usage };
  }

  async function graphOf(focus?: string): Promise<Graph> {
    const query = focus ? `?focusUsageUuid=${focus}` : '';
    const result = await api.get<Graph>(`/api/v2/organizations/${organization}/system-relation-graph${query}`, bearer(token));
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

  it("draws the organisation's relations and lists them in tables equal to the API's nodes and edges", async () => {
    await signIn(page, user, '/relations');
    await page.getByRole('heading', { name: 'Relationer mellem systemer', level: 1 }).waitFor();
    const graph = await graphOf();
    expect(graph.nodes).toHaveLength(4);
    expect(graph.edges).toHaveLength(3);

    // Cytoscape drew on its canvases inside the labelled picture
    const drawing = page.getByRole('img', { name: /Graf over 4 systemer og 3 relationer/ });
    await drawing.waitFor();
    await drawing.locator('canvas').first().waitFor({ state: 'attached' }); // drawn after the picture is on the page

    await expectRelationTables(page, graph);
    // each system links to its usage page
    const link = page.getByTestId('relation-nodes').getByRole('link', { name: names.cpr });
    await expectAttribute(link, 'href', `/usages/${usages.cpr}`);

    await accessibleInBothLanguages('Relations between systems', 'Relationer mellem systemer');
    expect(cspErrors).toEqual([]);
  });

  it('shows the impact of a system chosen with the keyboard: what depends on it directly and through others, as the API says', async () => {
    await signIn(page, user, '/relations');
    const chooser = page.getByLabel('Vælg et system for at se, hvad der afhænger af det');
    await chooser.focus();
    await chooser.selectOption({ label: names.cpr });
    await page.getByRole('heading', { name: `Konsekvens: hvad afhænger af ${names.cpr}` }).waitFor();
    expect(new URL(page.url()).searchParams.get('focus')).toBe(usages.cpr);

    const impact = await graphOf(usages.cpr);
    const expected = impact.nodes
      .filter((n) => n.distance! > 0)
      .map((n) => [n.usageUuid, String(n.distance)])
      .sort();
    expect(expected).toEqual(
      [
        [usages.esdh, '1'],
        [usages.ydelse, '2'],
        [usages.okonomi, '3'],
      ].sort(),
    );
    // the impact arrives after its heading: read the table again until it shows it
    await settled(
      'the impact table',
      () =>
        page
          .getByTestId('impact-table')
          .locator('tbody tr')
          .evaluateAll((rows) => rows.map((row) => [row.getAttribute('data-usage'), row.querySelector('td:last-child')!.textContent])),
      (shown) => expect(shown.sort()).toEqual(expected),
    );
    await expectCount(page.getByText('1 direkte og 2 indirekte afhængige systemer.'), 1);
    // the tables mark the same systems and relations as part of the impact
    await expectCount(page.getByTestId('relation-nodes').getByRole('cell', { name: 'Ja' }), 4);
    await expectCount(page.getByTestId('relation-edges').getByRole('cell', { name: 'Ja' }), impact.edges.length);

    // a system nothing depends on
    await chooser.selectOption({ label: names.okonomi });
    await page.getByText(`Ingen andre systemer afhænger af ${names.okonomi}.`).waitFor();

    await chooser.selectOption({ label: names.esdh });
    await page.getByRole('heading', { name: `Konsekvens: hvad afhænger af ${names.esdh}` }).waitFor();
    await accessibleInBothLanguages('Relations between systems', 'Relationer mellem systemer');
    expect(cspErrors).toEqual([]);
  });
});
