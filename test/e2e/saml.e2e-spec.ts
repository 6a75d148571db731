import { randomUUID } from 'node:crypto';
import { eventually, resetJetStream } from '@kitos/testing';
import type { ServiceProviderInstance } from 'samlify';
import { AuditRepository } from '../../services/identity/src/auth/audit.repository';
import {
  oioBpp,
  oiosaml3User,
  randomCvr,
  selfSigned,
  TestIdentityProvider,
  type ParsedAuthnRequest,
  type TestUser,
} from '../support/saml-idp';
import { http, startSystem, type RunningSystem } from '../support/system';

const ADMIN = { email: 'root@kommune.example', password: 'a-long-bootstrap-password' };
const SP_ENTITY_ID = 'https://kitos.test';
const PUBLIC_BASE_URL = 'https://kitos.test';
const RETURN_BASE = 'https://app.kitos.test/';
const privilege = (slug: string) => `${SP_ENTITY_ID}/roles/usersystemrole/${slug}/1`;

const OIO3 = 'https://data.gov.dk/model/core';

type Problem = { status: number; detail: string; reason?: string; stack?: unknown };
type Session = { token: string; expires: string };

describe('SAML single sign-on through the gateway, with an in-process identity provider', () => {
  let system: RunningSystem;
  let api: ReturnType<typeof http>;
  let adminToken: string;
  let idp: TestIdentityProvider;
  let rogue: TestIdentityProvider;
  let plainIdp: TestIdentityProvider;
  let legacyIdp: TestIdentityProvider;
  const sps = new Map<string, ServiceProviderInstance>();
  let cvrA: string;
  let cvrB: string;
  let orgA: string;
  let orgB: string;
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

  beforeAll(async () => {
    const [spSigning, spEncryption, idpKeys, rogueKeys, plainKeys, legacyKeys] = [
      'sp-signing',
      'sp-encryption',
      'idp',
      'rogue',
      'plain',
      'legacy',
    ].map(selfSigned);
    idp = new TestIdentityProvider('https://idp.test', 'https://idp.test/sso', idpKeys);
    rogue = new TestIdentityProvider('https://idp.test', 'https://idp.test/sso', rogueKeys);
    plainIdp = new TestIdentityProvider('https://plain-idp.test', 'https://plain-idp.test/sso', plainKeys, false);
    legacyIdp = new TestIdentityProvider('https://legacy-idp.test', 'https://legacy-idp.test/sso', legacyKeys);
    const identityProviders = [
      {
        id: 'kombit',
        displayName: 'KOMBIT adgangsstyring',
        entryPoint: idp.ssoUrl,
        idpCert: [idpKeys.cert],
        issuer: idp.entityId,
        attributeProfile: 'oiosaml3',
      },
      { id: 'plain', entryPoint: plainIdp.ssoUrl, idpCert: plainKeys.cert, attributeProfile: 'oiosaml3' },
      { id: 'legacy', entryPoint: legacyIdp.ssoUrl, idpCert: legacyKeys.cert, attributeProfile: 'auto' },
    ];
    await resetJetStream();
    system = await startSystem({
      services: ['identity'],
      env: {
        KITOS_BOOTSTRAP_ADMIN_EMAIL: ADMIN.email,
        KITOS_BOOTSTRAP_ADMIN_PASSWORD: ADMIN.password,
        SAML_IDENTITY_PROVIDERS: JSON.stringify(identityProviders),
        SAML_SP_ENTITY_ID: SP_ENTITY_ID,
        SAML_SP_BASE_URL: PUBLIC_BASE_URL,
        SAML_SP_SIGNING_KEY: spSigning.key,
        SAML_SP_SIGNING_CERT: spSigning.cert,
        SAML_SP_DECRYPTION_KEY: spEncryption.key,
        SAML_SP_DECRYPTION_CERT: spEncryption.cert,
        SAML_RETURN_URL_ALLOWLIST: RETURN_BASE,
      },
    });
    api = http(system.gatewayUrl);
    adminToken = await eventually(async () => {
      const login = await api.post<{ token: string }>('/api/v2/auth/login', ADMIN);
      expect(login.status).toBe(200);
      return login.body.token;
    });
    [cvrA, cvrB] = [randomCvr(), randomCvr()];
    [orgA, orgB] = await Promise.all([createOrganization(cvrA), createOrganization(cvrB)]);
    for (const id of ['kombit', 'plain', 'legacy']) {
      const metadata = await fetch(`${system.gatewayUrl}/api/v2/auth/saml/${id}/metadata`);
      sps.set(id, TestIdentityProvider.serviceProvider(await metadata.text()));
    }
  });
  afterAll(() => system?.close());

  async function createOrganization(cvr: string): Promise<string> {
    const result = await api.post<{ uuid: string }>(
      '/api/v2/organizations',
      { name: `Kommune ${randomUUID().slice(0, 8)}`, cvr, organizationType: 'Municipality' },
      bearer(adminToken),
    );
    expect(result.status).toBe(201);
    return result.body.uuid;
  }

  /** GET …/login as a browser would, and the identity provider's side: the signed AuthnRequest, verified. */
  async function startLogin(provider = idp, idpId = 'kombit', returnTo?: string): Promise<ParsedAuthnRequest> {
    const query = returnTo ? `?returnTo=${encodeURIComponent(returnTo)}` : '';
    const response = await fetch(`${system.gatewayUrl}/api/v2/auth/saml/${idpId}/login${query}`, { redirect: 'manual' });
    expect(response.status).toBe(302);
    return provider.receive(response.headers.get('location')!, sps.get(idpId)!);
  }

  /** The browser posting the identity provider's form to the ACS. */
  async function postAcs<T = Session>(samlResponse: string, idpId = 'kombit', correlationId = randomUUID()) {
    const response = await fetch(`${system.gatewayUrl}/api/v2/auth/saml/${idpId}/acs`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-correlation-id': correlationId },
      body: new URLSearchParams({ SAMLResponse: samlResponse, RelayState: '' }).toString(),
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, text, body: (text ? JSON.parse(text) : undefined) as T, correlationId };
  }

  const subjectOf = (token: string) => JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()).sub as string;

  async function auditEntries(correlationId: string) {
    const audit = system.services.get('identity')!.app.get(AuditRepository);
    return (await audit.recent({ limit: 1000 })).filter((e) => e.correlationId === correlationId);
  }

  function newUser(
    privileges: ReadonlyArray<{ cvr: string; privileges: readonly string[] }>,
    email = `sso-${randomUUID()}@kommune.example`,
  ) {
    return oiosaml3User({ persistentId: randomUUID(), email, cvr: cvrA, privileges });
  }

  it('publishes service provider metadata: entity ID, ACS URL, signing and encryption certificates', async () => {
    const response = await fetch(`${system.gatewayUrl}/api/v2/auth/saml/kombit/metadata`);
    const xml = await response.text();
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/samlmetadata+xml');
    expect(xml).toContain(`entityID="${SP_ENTITY_ID}"`);
    expect(xml).toContain(`Location="${PUBLIC_BASE_URL}/api/v2/auth/saml/kombit/acs"`);
    expect(xml).toMatch(/AuthnRequestsSigned="true"/);
    expect(xml).toMatch(/WantAssertionsSigned="true"/);
    expect(xml).toContain('use="signing"');
    expect(xml).toContain('use="encryption"');
    expect(xml).toContain('urn:oasis:names:tc:SAML:2.0:nameid-format:persistent');
  });

  it('sends a signed AuthnRequest the identity provider verifies: our issuer, ACS URL and a fresh ID', async () => {
    const request = await startLogin();
    expect(request.issuer).toBe(SP_ENTITY_ID);
    expect(request.assertionConsumerServiceUrl).toBe(`${PUBLIC_BASE_URL}/api/v2/auth/saml/kombit/acs`);
    expect(request.id).toMatch(/^_[0-9a-f-]{36}$/);
    const tampered = await fetch(`${system.gatewayUrl}/api/v2/auth/saml/kombit/login`, { redirect: 'manual' });
    const location = tampered.headers
      .get('location')!
      .replace(/Signature=[^&]+/, `Signature=${encodeURIComponent(Buffer.alloc(256).toString('base64'))}`);
    await expect(idp.receive(location, sps.get('kombit')!)).rejects.toThrow();
  });

  it('signs in a new user: provisioned just in time with the roles of the OIO-BPP privileges, and the token works', async () => {
    const user = newUser([
      {
        cvr: cvrA,
        privileges: [privilege('readaccess'), privilege('systemmoduleadmin'), 'http://other-system.example/roles/usersystemrole/x/1'],
      },
      { cvr: cvrB, privileges: [privilege('localadmin')] },
    ]);
    const request = await startLogin();
    const result = await postAcs(await idp.respond(sps.get('kombit')!, request, user));
    expect(result.status).toBe(200);
    expect(result.headers.get('cache-control')).toBe('no-store');
    expect(new Date(result.body.expires).getTime()).toBeGreaterThan(Date.now());
    const uuid = subjectOf(result.body.token);
    const me = await api.get<{ email: string; firstName: string; lastName: string; rights: unknown[] }>(
      `/api/v2/users/${uuid}`,
      bearer(result.body.token),
    );
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ email: user.attributes[`${OIO3}/eid/email`], firstName: 'Karen Marie', lastName: 'Jensen' });
    expect(me.body.rights).toEqual(
      expect.arrayContaining([
        { organizationUuid: orgA, role: 'User' },
        { organizationUuid: orgA, role: 'SystemModuleAdmin' },
        { organizationUuid: orgB, role: 'LocalAdmin' },
      ]),
    );
    expect(me.body.rights).toHaveLength(3);
    const actions = (await auditEntries(result.correlationId)).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['user.created', 'login.succeeded']));
    const log = await api.get<Array<{ action: string; subjectUuid: string }>>(
      `/api/v2/organizations/${orgA}/audit-log`,
      bearer(adminToken),
    );
    expect(log.body).toEqual(expect.arrayContaining([expect.objectContaining({ action: 'login.succeeded', subjectUuid: uuid })]));
  });

  it('a second login finds the user by the persistent id and sets the rights to the new privileges', async () => {
    const first = newUser([{ cvr: cvrA, privileges: [privilege('readaccess'), privilege('contractmoduleadmin')] }]);
    const firstLogin = await postAcs(await idp.respond(sps.get('kombit')!, await startLogin(), first));
    expect(firstLogin.status).toBe(200);
    const uuid = subjectOf(firstLogin.body.token);

    const persistentId = first.attributes[`${OIO3}/eid/professional/uuid/persistent`];
    const second: TestUser = {
      nameId: first.nameId,
      attributes: {
        ...first.attributes,
        [`${OIO3}/eid/email`]: `renamed-${randomUUID()}@kommune.example`,
        [`${OIO3}/eid/professional/uuid/persistent`]: persistentId,
        [`${OIO3}/eid/privilegesIntermediate`]: oioBpp([{ cvr: cvrA, privileges: [privilege('readaccess'), privilege('localadmin')] }]),
      },
    };
    const secondLogin = await postAcs(await idp.respond(sps.get('kombit')!, await startLogin(), second));
    expect(secondLogin.status).toBe(200);
    expect(subjectOf(secondLogin.body.token)).toBe(uuid);
    const me = await api.get<{ rights: unknown[] }>(`/api/v2/users/${uuid}`, bearer(secondLogin.body.token));
    expect(me.body.rights).toEqual([
      { organizationUuid: orgA, role: 'User' },
      { organizationUuid: orgA, role: 'LocalAdmin' },
    ]);
    const changed = (await auditEntries(secondLogin.correlationId)).find((e) => e.action === 'rights.changed');
    expect(changed?.subjectUuid).toBe(uuid);
    expect(changed?.detail).toContain('ContractModuleAdmin');
  });

  it('finds an existing user by e-mail and sends the browser back to returnTo with the token in the fragment', async () => {
    const email = `known-${randomUUID()}@kommune.example`;
    const created = await api.post<{ uuid: string }>(
      '/api/v2/users',
      { firstName: 'Kendt', lastName: 'Bruger', email, rights: [{ organizationUuid: orgB, role: 'User' }] },
      bearer(adminToken),
    );
    expect(created.status).toBe(201);
    const returnTo = `${RETURN_BASE}overview?tab=systems`;
    const request = await startLogin(idp, 'kombit', returnTo);
    const result = await postAcs(
      await idp.respond(sps.get('kombit')!, request, newUser([{ cvr: cvrA, privileges: [privilege('readaccess')] }], email)),
    );
    expect(result.status).toBe(303);
    const location = new URL(result.headers.get('location')!);
    expect(`${location.origin}${location.pathname}${location.search}`).toBe(returnTo);
    const fragment = new URLSearchParams(location.hash.slice(1));
    expect(subjectOf(fragment.get('token')!)).toBe(created.body.uuid);
    const me = await api.get<{ rights: unknown[] }>(`/api/v2/users/${created.body.uuid}`, bearer(fragment.get('token')!));
    expect(me.body.rights).toEqual([{ organizationUuid: orgA, role: 'User' }]);
  });

  it('lists the identity providers for a sign-in page, without a token', async () => {
    const listed = await api.get<{ identityProviders: unknown[] }>('/api/v2/auth/saml');
    expect(listed.status).toBe(200);
    expect(listed.body.identityProviders).toEqual([
      { id: 'kombit', displayName: 'KOMBIT adgangsstyring' },
      { id: 'plain', displayName: 'plain' },
      { id: 'legacy', displayName: 'legacy' },
    ]);
  });

  it("always allows the web client's own /sso page at SAML_SP_BASE_URL as returnTo, besides the allow-list", async () => {
    const allowed = await fetch(
      `${system.gatewayUrl}/api/v2/auth/saml/kombit/login?returnTo=${encodeURIComponent(`${PUBLIC_BASE_URL}/sso?redirect=%2Fcontracts`)}`,
      {
        redirect: 'manual',
      },
    );
    expect(allowed.status).toBe(302);
    const elsewhere = await api.get<Problem>(
      `/api/v2/auth/saml/kombit/login?returnTo=${encodeURIComponent(`${PUBLIC_BASE_URL}/api/v2/users`)}`,
    );
    expect(elsewhere.status).toBe(400);
  });

  it('refuses a returnTo outside SAML_RETURN_URL_ALLOWLIST before going to the identity provider', async () => {
    for (const returnTo of ['https://evil.example/', 'https://app.kitos.test.evil.example/', 'javascript:alert(1)']) {
      const response = await api.get<Problem>(`/api/v2/auth/saml/kombit/login?returnTo=${encodeURIComponent(returnTo)}`);
      expect([returnTo, response.status]).toEqual([returnTo, 400]);
    }
  });

  it('maps OIOSAML 2 attribute names (dk:gov:saml:attribute:*, LDAP OIDs) from an identity provider with the auto profile', async () => {
    const email = `legacy-${randomUUID()}@kommune.example`;
    const user: TestUser = {
      nameId: `C=DK,O=Testkommune // CVR:${cvrA},CN=Jens Hansen,Serial=CVR:${cvrA}-RID:${Date.now()}`,
      attributes: {
        'dk:gov:saml:attribute:SpecVer': 'DK-SAML-2.0',
        'dk:gov:saml:attribute:KombitSpecVer': '1.0',
        'dk:gov:saml:attribute:AssuranceLevel': '3',
        'dk:gov:saml:attribute:CvrNumberIdentifier': cvrA,
        'urn:oid:0.9.2342.19200300.100.1.3': email,
        'urn:oid:2.5.4.3': 'Jens Hansen',
        'urn:oid:2.5.4.4': 'Hansen',
        'dk:gov:saml:attribute:Privileges_intermediate': oioBpp([{ cvr: cvrA, privileges: [privilege('readaccess')] }]),
      },
    };
    const result = await postAcs(await legacyIdp.respond(sps.get('legacy')!, await startLogin(legacyIdp, 'legacy'), user), 'legacy');
    expect(result.status).toBe(200);
    const me = await api.get<{ email: string; lastName: string; rights: unknown[] }>(
      `/api/v2/users/${subjectOf(result.body.token)}`,
      bearer(result.body.token),
    );
    expect(me.body).toMatchObject({ email, lastName: 'Hansen', rights: [{ organizationUuid: orgA, role: 'User' }] });
  });

  describe('refuses with 401, a reason and an audit entry', () => {
    const valid = () => newUser([{ cvr: cvrA, privileges: [privilege('readaccess')] }]);

    async function expectRefusal(result: Awaited<ReturnType<typeof postAcs<Problem>>>, reason: string) {
      expect([result.status, result.body?.reason]).toEqual([401, reason]);
      expect(result.headers.get('content-type')).toContain('application/problem+json');
      expect(result.body.stack).toBeUndefined();
      expect(result.text).not.toMatch(/<|saml:|samlp:/);
      const entry = (await auditEntries(result.correlationId)).find((e) => e.action === 'login.failed');
      expect(entry?.detail).toContain(reason);
    }

    it('an unsigned response and assertion', async () => {
      const response = await idp.respond(sps.get('kombit')!, await startLogin(), valid(), { sign: 'none' });
      await expectRefusal(await postAcs<Problem>(response), 'invalid-signature');
    });

    it('a signed response around an unsigned assertion', async () => {
      const response = await idp.respond(sps.get('kombit')!, await startLogin(), valid(), { sign: 'response' });
      await expectRefusal(await postAcs<Problem>(response), 'invalid-signature');
    });

    it('an assertion signed with a key that is not the identity provider’s', async () => {
      const response = await rogue.respond(sps.get('kombit')!, await startLogin(), valid());
      await expectRefusal(await postAcs<Problem>(response), 'invalid-signature');
    });

    it('an expired assertion (NotOnOrAfter in the past)', async () => {
      const past = new Date(Date.now() - 10 * 60_000);
      const response = await idp.respond(sps.get('kombit')!, await startLogin(), valid(), {
        notBefore: new Date(past.getTime() - 60_000),
        notOnOrAfter: past,
      });
      await expectRefusal(await postAcs<Problem>(response), 'expired');
    });

    it('an assertion not valid yet (NotBefore in the future)', async () => {
      const response = await idp.respond(sps.get('kombit')!, await startLogin(), valid(), {
        notBefore: new Date(Date.now() + 10 * 60_000),
      });
      await expectRefusal(await postAcs<Problem>(response), 'not-yet-valid');
    });

    it('an assertion for another audience', async () => {
      const response = await idp.respond(sps.get('kombit')!, await startLogin(), valid(), { audience: 'https://other-sp.example' });
      await expectRefusal(await postAcs<Problem>(response), 'wrong-audience');
    });

    it('a response addressed to another ACS (Destination) or an assertion for another Recipient', async () => {
      const elsewhere = 'https://other-sp.example/acs';
      await expectRefusal(
        await postAcs<Problem>(await idp.respond(sps.get('kombit')!, await startLogin(), valid(), { destination: elsewhere })),
        'wrong-destination',
      );
      await expectRefusal(
        await postAcs<Problem>(await idp.respond(sps.get('kombit')!, await startLogin(), valid(), { recipient: elsewhere })),
        'wrong-recipient',
      );
    });

    it('a replayed response (the same response posted twice)', async () => {
      const response = await idp.respond(sps.get('kombit')!, await startLogin(), valid());
      expect((await postAcs(response)).status).toBe(200);
      await expectRefusal(await postAcs<Problem>(response), 'replayed');
    });

    it('a response to a request that was never issued (unknown InResponseTo)', async () => {
      const response = await idp.respond(sps.get('kombit')!, null, valid(), { inResponseTo: `_${randomUUID()}` });
      await expectRefusal(await postAcs<Problem>(response), 'unknown-request');
    });

    it('a response to a request issued for another identity provider', async () => {
      const request = await startLogin(legacyIdp, 'legacy');
      const response = await idp.respond(sps.get('kombit')!, null, valid(), { inResponseTo: request.id });
      await expectRefusal(await postAcs<Problem>(response), 'unknown-request');
    });

    it('a user without any of our privileges (missing privileges)', async () => {
      const user = newUser([{ cvr: cvrA, privileges: ['http://other-system.example/roles/usersystemrole/admin/1'] }]);
      await expectRefusal(await postAcs<Problem>(await idp.respond(sps.get('kombit')!, await startLogin(), user)), 'missing-privileges');
    });

    it('privileges for a CVR number no organisation here has', async () => {
      const user = newUser([{ cvr: randomCvr(), privileges: [privilege('readaccess')] }]);
      await expectRefusal(await postAcs<Problem>(await idp.respond(sps.get('kombit')!, await startLogin(), user)), 'unknown-organization');
    });

    it('an unencrypted assertion from an identity provider that must encrypt', async () => {
      const response = await plainIdp.respond(sps.get('plain')!, await startLogin(plainIdp, 'plain'), valid());
      await expectRefusal(await postAcs<Problem>(response, 'plain'), 'assertion-not-encrypted');
    });

    it('garbage instead of a SAML response', async () => {
      await expectRefusal(await postAcs<Problem>(Buffer.from('<not-saml/>').toString('base64')), 'invalid-response');
      await expectRefusal(await postAcs<Problem>('%%%'), 'malformed-response');
    });
  });

  it('answers 404 for an identity provider that is not configured', async () => {
    for (const path of ['metadata', 'login']) {
      const response = await api.get<Problem>(`/api/v2/auth/saml/unknown-idp/${path}`);
      expect([path, response.status]).toEqual([path, 404]);
    }
    const acs = await postAcs<Problem>('AAAA', 'unknown-idp');
    expect(acs.status).toBe(404);
  });
});
