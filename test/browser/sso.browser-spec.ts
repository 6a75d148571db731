import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { ServiceProviderInstance } from 'samlify';
import { adminToken, createOrganization } from '../support/identity';
import { oiosaml3User, randomCvr, selfSigned, TestIdentityProvider } from '../support/saml-idp';
import { http, startSystem, type RunningSystem } from '../support/system';
import { accessibilityViolations, launchBrowser, newContext } from './support/browser';
import { expectText } from './support/settle';

/** A free loopback port: the gateway's public address (SAML_SP_BASE_URL) must be known before it starts. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * Single sign-on in the browser, end to end: the sign-in page's button → the gateway's SAML login → the identity
 * provider (the in-process test IdP of the SAML e2e tests, reached by the browser at http://idp.test, answered by
 * Playwright's routing) → its auto-posted form to the gateway's ACS → 303 to the client's /sso with the token in the
 * fragment → signed in, on the page the user was going to, with no token left in the address or history.
 */
describe('single sign-on in the web client', () => {
  let system: RunningSystem;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let idp: TestIdentityProvider;
  let sp: ServiceProviderInstance;
  let cvr: string;
  const organizationName = `Ringsted Kommune ${randomUUID().slice(0, 6)}`;
  const spEntityId = 'https://kitos.test';

  beforeAll(async () => {
    const [spSigning, spEncryption, idpKeys] = ['sp-signing', 'sp-encryption', 'idp'].map(selfSigned);
    idp = new TestIdentityProvider('http://idp.test', 'http://idp.test/sso', idpKeys);
    const port = await freePort();
    system = await startSystem({
      services: ['identity', 'catalog', 'contracts'],
      gatewayPort: port,
      env: {
        SAML_IDENTITY_PROVIDERS: JSON.stringify([
          {
            id: 'kombit',
            displayName: 'KOMBIT adgangsstyring',
            entryPoint: idp.ssoUrl,
            idpCert: idpKeys.cert,
            issuer: idp.entityId,
            attributeProfile: 'oiosaml3',
          },
        ]),
        SAML_SP_ENTITY_ID: spEntityId,
        SAML_SP_BASE_URL: `http://localhost:${port}`,
        SAML_SP_SIGNING_KEY: spSigning.key,
        SAML_SP_SIGNING_CERT: spSigning.cert,
        SAML_SP_DECRYPTION_KEY: spEncryption.key,
        SAML_SP_DECRYPTION_CERT: spEncryption.cert,
      },
    });
    expect(system.gatewayUrl).toBe(`http://localhost:${port}`);
    const api = http(system.gatewayUrl);
    const token = await adminToken(api);
    cvr = randomCvr();
    await createOrganization(api, token, { name: organizationName, cvr });
    sp = TestIdentityProvider.serviceProvider(await (await fetch(`${system.gatewayUrl}/api/v2/auth/saml/kombit/metadata`)).text());
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

  /** The identity provider's login page: verifies the signed AuthnRequest, signs the user in and posts the response back. */
  async function identityProviderSignsIn(user: ReturnType<typeof oiosaml3User>): Promise<void> {
    await page.route('http://idp.test/**', async (route) => {
      const request = await idp.receive(route.request().url(), sp);
      const samlResponse = await idp.respond(sp, request, user);
      await route.fulfill({
        contentType: 'text/html',
        body:
          `<!doctype html><html lang="da"><title>Test IdP</title><body><form method="post" action="${request.assertionConsumerServiceUrl}">` +
          `<input type="hidden" name="SAMLResponse" value="${samlResponse}"><input type="hidden" name="RelayState" value="">` +
          '<button type="submit">Fortsæt</button></form><script>document.forms[0].submit()</script></body></html>',
      });
    });
  }

  it('signs in through the identity provider and lands where the user was going, with the token gone from the address', async () => {
    const user = oiosaml3User({
      persistentId: randomUUID(),
      email: `sso-${randomUUID()}@kommune.example`,
      cvr,
      privileges: [{ cvr, privileges: [`${spEntityId}/roles/usersystemrole/readaccess/1`] }],
    });
    await identityProviderSignsIn(user);
    await page.goto('/contracts');
    await page.waitForURL(/\/login\?redirect=/);
    const sso = page.getByRole('link', { name: 'Log ind med single sign-on' });
    expect(await accessibilityViolations(page)).toEqual([]);
    const acs = page.waitForResponse((r) => r.url().endsWith('/api/v2/auth/saml/kombit/acs'));
    await sso.click();
    const answer = await acs;
    expect(answer.status()).toBe(303);
    expect(answer.headers().location).toMatch(new RegExp(`^${system.gatewayUrl}/sso\\?redirect=%2Fcontracts#token=`));

    await page.getByRole('heading', { name: 'IT-kontrakter' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/contracts');
    expect(page.url()).not.toContain('token');
    await page.getByText(organizationName).first().waitFor({ state: 'attached' });
    // the session survives a reload (sessionStorage), as after a password sign-in
    await page.reload();
    await page.getByRole('heading', { name: 'IT-kontrakter' }).waitFor();
  });

  it('offers single sign-on in English too; an /sso without a token says so and leads back to sign-in', async () => {
    await page.goto('/login');
    await page.evaluate(() => localStorage.setItem('kitos.language', 'en'));
    await page.reload();
    await page.getByRole('link', { name: 'Sign in with single sign-on' }).waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.evaluate(() => localStorage.setItem('kitos.language', 'da'));

    await page.goto('/sso');
    await page.getByRole('alert').waitFor();
    await expectText(page.getByRole('alert'), expect.stringContaining('Single sign-on gav ingen session'));
    await page.getByRole('link', { name: 'Tilbage til log ind' }).click();
    await page.getByRole('heading', { name: 'Log ind' }).waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
  });
});
