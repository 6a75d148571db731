/**
 * A real SAML 2.0 identity provider for tests, in-process, built on samlify: it verifies the service provider's
 * signed HTTP-Redirect AuthnRequest against the SP's published metadata and answers with a response built from an
 * OIOSAML 3 (or 2) template, signed and encrypted by samlify. Every part of the response can be bent for the
 * refusal tests (times, audience, addressing, InResponseTo, what is signed, which key signs).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import * as samlify from 'samlify';

samlify.setSchemaValidator({ validate: () => Promise.resolve('schema validation is not part of these tests') });

const POST = 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST';
const REDIRECT = 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect';
const PERSISTENT = 'urn:oasis:names:tc:SAML:2.0:nameid-format:persistent';

export interface KeyPair {
  readonly key: string;
  readonly cert: string;
}

/** An RSA key with a self-signed certificate, from `openssl req -x509`. */
export function selfSigned(commonName: string): KeyPair {
  const dir = mkdtempSync(join(tmpdir(), 'saml-keys-'));
  try {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-sha256',
        '-days',
        '2',
        '-subj',
        `/CN=${commonName}`,
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
      ],
      { stdio: 'pipe' },
    );
    return { key: readFileSync(join(dir, 'key.pem'), 'utf8'), cert: readFileSync(join(dir, 'cert.pem'), 'utf8') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** An OIO-BPP privilege list, base64-encoded as in `…privilegesIntermediate`. */
export function oioBpp(groups: ReadonlyArray<{ cvr: string; privileges: readonly string[] }>): string {
  const xml =
    '<?xml version="1.0" encoding="UTF-8"?><bpp:PrivilegeList xmlns:bpp="http://itst.dk/oiosaml/basic_privilege_profile" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    groups
      .map(
        (g) =>
          `<PrivilegeGroup Scope="urn:dk:gov:saml:cvrNumberIdentifier:${g.cvr}">${g.privileges.map((p) => `<Privilege>${escape(p)}</Privilege>`).join('')}</PrivilegeGroup>`,
      )
      .join('') +
    '</bpp:PrivilegeList>';
  return Buffer.from(xml).toString('base64');
}

/** The person the identity provider signs in: NameID and attributes by name. */
export interface TestUser {
  readonly nameId: string;
  readonly attributes: Readonly<Record<string, string | readonly string[]>>;
}

/** What a response may bend; defaults make a valid response to the request. */
export interface ResponseOptions {
  readonly inResponseTo?: string;
  readonly audience?: string;
  readonly destination?: string;
  readonly recipient?: string;
  readonly notBefore?: Date;
  readonly notOnOrAfter?: Date;
  /** What is signed: the assertion (default, as KOMBIT), only the response, or nothing. */
  readonly sign?: 'assertion' | 'response' | 'none';
}

export interface ParsedAuthnRequest {
  readonly id: string;
  readonly issuer: string;
  readonly assertionConsumerServiceUrl: string;
  readonly info: Parameters<samlify.IdentityProviderInstance['createLoginResponse']>[1];
}

export class TestIdentityProvider {
  readonly entity: samlify.IdentityProviderInstance;

  constructor(
    readonly entityId: string,
    readonly ssoUrl: string,
    readonly keys: KeyPair,
    private readonly encrypt = true,
  ) {
    this.entity = samlify.IdentityProvider({
      entityID: entityId,
      privateKey: keys.key,
      signingCert: keys.cert,
      isAssertionEncrypted: encrypt,
      dataEncryptionAlgorithm: 'http://www.w3.org/2009/xmlenc11#aes256-gcm',
      keyEncryptionAlgorithm: 'http://www.w3.org/2001/04/xmlenc#rsa-oaep-mgf1p',
      wantAuthnRequestsSigned: true,
      requestSignatureAlgorithm: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
      nameIDFormat: [PERSISTENT],
      singleSignOnService: [{ Binding: REDIRECT, Location: ssoUrl }],
    } as samlify.IdentityProviderInstance['entitySetting']);
  }

  /** The service provider as this identity provider knows it: from the metadata the gateway publishes. */
  static serviceProvider(metadataXml: string): samlify.ServiceProviderInstance {
    return samlify.ServiceProvider({ metadata: metadataXml });
  }

  /**
   * Reads the AuthnRequest of a redirect to the identity provider and verifies its signature with the SP's signing
   * certificate (samlify needs the raw query without Signature, in its original order). Throws when it is not valid.
   */
  async receive(location: string, sp: samlify.ServiceProviderInstance): Promise<ParsedAuthnRequest> {
    const url = new URL(location);
    if (`${url.origin}${url.pathname}` !== this.ssoUrl)
      throw new Error(`the redirect goes to ${url.origin}${url.pathname}, not ${this.ssoUrl}`);
    const raw = url.search.slice(1);
    const octetString = raw
      .split('&')
      .filter((part) => !part.startsWith('Signature='))
      .join('&');
    const info = await this.entity.parseLoginRequest(sp, 'redirect', { query: Object.fromEntries(url.searchParams), octetString });
    const request = info.extract.request as Record<string, string>;
    return {
      id: request.id,
      issuer: String(info.extract.issuer),
      assertionConsumerServiceUrl: request.assertionConsumerServiceUrl,
      info: { ...info },
    };
  }

  /** A base64 SAMLResponse for the HTTP-POST binding. */
  async respond(
    sp: samlify.ServiceProviderInstance,
    request: ParsedAuthnRequest | null,
    user: TestUser,
    options: ResponseOptions = {},
  ): Promise<string> {
    const acs = sp.entityMeta.getAssertionConsumerService('post') as string;
    const now = new Date();
    const xml = this.responseXml({
      id: `_${randomUUID()}`,
      assertionId: `_${randomUUID()}`,
      inResponseTo: options.inResponseTo ?? request?.id ?? '',
      destination: options.destination ?? acs,
      recipient: options.recipient ?? acs,
      audience: options.audience ?? sp.entityMeta.getEntityID(),
      issueInstant: now,
      notBefore: options.notBefore ?? new Date(now.getTime() - 1000),
      notOnOrAfter: options.notOnOrAfter ?? new Date(now.getTime() + 5 * 60_000),
      user,
    });
    const sign = options.sign ?? 'assertion';
    if (sign === 'none') return this.encrypt ? samlify.SamlLib.encryptAssertion(this.entity, sp, xml) : Buffer.from(xml).toString('base64');
    // samlify signs the assertion when the SP's metadata asks for signed assertions, otherwise the whole response
    const target = sign === 'assertion' ? sp : responseSigningView(sp);
    const info = (request?.info ?? { extract: { request: { id: options.inResponseTo ?? '' } } }) as ParsedAuthnRequest['info'];
    const result = await this.entity.createLoginResponse(
      target,
      info,
      'post',
      { email: user.nameId },
      {
        customTagReplacement: () => ({ id: '', context: xml }),
        // a signed response must stay valid around the encrypted assertion
        encryptThenSign: sign === 'response',
      },
    );
    return result.context;
  }

  private responseXml(v: {
    id: string;
    assertionId: string;
    inResponseTo: string;
    destination: string;
    recipient: string;
    audience: string;
    issueInstant: Date;
    notBefore: Date;
    notOnOrAfter: Date;
    user: TestUser;
  }): string {
    const instant = v.issueInstant.toISOString();
    const attributes = Object.entries(v.user.attributes)
      .map(([name, value]) => {
        const values = (Array.isArray(value) ? value : [value]) as string[];
        return (
          `<saml:Attribute Name="${escape(name)}" NameFormat="urn:oasis:names:tc:SAML:2.0:attrname-format:uri">` +
          values.map((x) => `<saml:AttributeValue xsi:type="xs:string">${escape(x)}</saml:AttributeValue>`).join('') +
          '</saml:Attribute>'
        );
      })
      .join('');
    return (
      `<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="${v.id}" Version="2.0" IssueInstant="${instant}" Destination="${escape(v.destination)}" InResponseTo="${escape(v.inResponseTo)}">` +
      `<saml:Issuer>${escape(this.entityId)}</saml:Issuer>` +
      '<samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status>' +
      `<saml:Assertion xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xs="http://www.w3.org/2001/XMLSchema" ID="${v.assertionId}" Version="2.0" IssueInstant="${instant}">` +
      `<saml:Issuer>${escape(this.entityId)}</saml:Issuer>` +
      `<saml:Subject><saml:NameID Format="${PERSISTENT}">${escape(v.user.nameId)}</saml:NameID>` +
      '<saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer">' +
      `<saml:SubjectConfirmationData NotOnOrAfter="${v.notOnOrAfter.toISOString()}" Recipient="${escape(v.recipient)}" InResponseTo="${escape(v.inResponseTo)}"/>` +
      '</saml:SubjectConfirmation></saml:Subject>' +
      `<saml:Conditions NotBefore="${v.notBefore.toISOString()}" NotOnOrAfter="${v.notOnOrAfter.toISOString()}">` +
      `<saml:AudienceRestriction><saml:Audience>${escape(v.audience)}</saml:Audience></saml:AudienceRestriction></saml:Conditions>` +
      `<saml:AuthnStatement AuthnInstant="${instant}" SessionIndex="_${randomUUID()}"><saml:AuthnContext>` +
      '<saml:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:X509</saml:AuthnContextClassRef></saml:AuthnContext></saml:AuthnStatement>' +
      `<saml:AttributeStatement>${attributes}</saml:AttributeStatement>` +
      '</saml:Assertion></samlp:Response>'
    );
  }
}

/** The same service provider, but asking for signed responses instead of signed assertions (samlify then signs the response only). */
function responseSigningView(sp: samlify.ServiceProviderInstance): samlify.ServiceProviderInstance {
  return samlify.ServiceProvider({
    entityID: sp.entityMeta.getEntityID(),
    wantAssertionsSigned: false,
    wantMessageSigned: true,
    encryptCert: sp.entityMeta.getX509Certificate('encryption') as string,
    assertionConsumerService: [{ Binding: POST, Location: sp.entityMeta.getAssertionConsumerService('post') as string }],
  });
}

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const OIO3 = 'https://data.gov.dk/model/core';

/** A valid Danish CVR number (modulus 11) that no other test uses. */
export function randomCvr(): string {
  for (;;) {
    const digits = [1 + Math.floor(Math.random() * 9), ...Array.from({ length: 6 }, () => Math.floor(Math.random() * 10))];
    const sum = digits.reduce((total, d, i) => total + d * [2, 7, 6, 5, 4, 3, 2][i], 0);
    const check = (11 - (sum % 11)) % 11;
    if (check < 10) return [...digits, check].join('');
  }
}

/** A professional (MitID Erhverv) user as an OIOSAML 3 identity provider describes them, with OIO-BPP privileges. */
export function oiosaml3User(options: {
  persistentId: string;
  email: string;
  cvr: string;
  privileges: ReadonlyArray<{ cvr: string; privileges: readonly string[] }>;
}): TestUser {
  return {
    nameId: `https://data.gov.dk/model/core/eid/professional/uuid/${options.persistentId}`,
    attributes: {
      [`${OIO3}/specVersion`]: 'OIO-SAML-3.0',
      'https://data.gov.dk/concept/core/nsis/loa': 'Substantial',
      [`${OIO3}/eid/professional/cvr`]: options.cvr,
      [`${OIO3}/eid/professional/orgName`]: 'Testkommune',
      [`${OIO3}/eid/professional/uuid/persistent`]: `urn:uuid:${options.persistentId}`,
      [`${OIO3}/eid/email`]: options.email,
      [`${OIO3}/eid/fullName`]: 'Karen Marie Jensen',
      [`${OIO3}/eid/privilegesIntermediate`]: oioBpp(options.privileges),
    },
  };
}
