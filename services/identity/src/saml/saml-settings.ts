import { X509Certificate, createPrivateKey, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { ConfigError } from '@kitos/config';
import { ORGANIZATION_ROLES, isValidCvr, type OrganizationRoleName } from '@kitos/contracts';
import type { IdentityConfig } from '../identity.config';
import { defaultPrivilegeRoles } from './privilege-roles';
import { parseReturnUrlAllowlist } from './return-url';

/** Injection token of the validated SAML settings (`null` when no identity provider is configured: SAML is off). */
export const SAML_SETTINGS = Symbol('SAML_SETTINGS');

export const ATTRIBUTE_PROFILES = ['oiosaml3', 'oiosaml2', 'auto'] as const;
export type AttributeProfile = (typeof ATTRIBUTE_PROFILES)[number];

export const NAME_ID_FORMAT = {
  persistent: 'urn:oasis:names:tc:SAML:2.0:nameid-format:persistent',
  transient: 'urn:oasis:names:tc:SAML:2.0:nameid-format:transient',
  x509SubjectName: 'urn:oasis:names:tc:SAML:1.1:nameid-format:X509SubjectName',
} as const;

/** URL-safe: it is a path segment of the gateway's SAML endpoints. */
export const IDP_ID_PATTERN = /^[a-z0-9][a-z0-9_-]{0,62}$/i;

export interface IdentityProviderSettings {
  readonly id: string;
  /** What the sign-in page calls it ("KOMBIT adgangsstyring"); the id when not configured. */
  readonly displayName: string;
  /** Single sign-on URL (HTTP-Redirect binding). */
  readonly entryPoint: string;
  /** Certificates (PEM) whose keys may sign assertions; several while the identity provider rotates. */
  readonly idpCerts: readonly string[];
  /** Entity ID the assertions must name as issuer, when given. */
  readonly issuer: string | null;
  readonly wantAssertionsEncrypted: boolean;
  readonly attributeProfile: AttributeProfile;
  /** Role given in the organisation of the user's CVR attribute when the assertion carries none of our privileges. */
  readonly defaultRole: OrganizationRoleName | null;
  readonly nameIdFormat: string;
  /** CVR numbers this identity provider may grant roles for; `null`: any. */
  readonly trustedCvrs: readonly string[] | null;
}

export interface SamlSettings {
  readonly spEntityId: string;
  /** Public base URL of the gateway without a trailing slash. */
  readonly spBaseUrl: string;
  /** Signs AuthnRequests; every certificate is published (the first belongs to the key). */
  readonly signing: { readonly key: string; readonly certs: readonly string[] };
  /** Decrypts assertions; the keys are tried in order, the certificate (of the first key) is published. */
  readonly decryption: { readonly keys: readonly string[]; readonly cert: string } | null;
  readonly identityProviders: ReadonlyMap<string, IdentityProviderSettings>;
  readonly returnUrlAllowlist: readonly URL[];
  /** Privilege URI → organisation role. */
  readonly privilegeRoles: ReadonlyMap<string, OrganizationRoleName>;
  readonly clockSkewMs: number;
  readonly requestTtlMs: number;
}

const IDP_KEYS = new Set([
  'id',
  'displayName',
  'entryPoint',
  'idpCert',
  'issuer',
  'wantAssertionsEncrypted',
  'attributeProfile',
  'defaultRole',
  'nameIdFormat',
  'trustedCvrs',
]);

type ReadText = (path: string) => string;

/**
 * Reads and validates the SAML settings of identity's configuration, at start-up: every problem is reported at
 * once, as the configuration loader does. No identity provider configured → `null` (SAML is off).
 */
export function loadSamlSettings(config: IdentityConfig, readText: ReadText = (path) => readFileSync(path, 'utf8')): SamlSettings | null {
  const problems: string[] = [];
  const text = (inline: string | undefined, inlineName: string, file: string | undefined): string | undefined => {
    if (inline && file) {
      problems.push(`${inlineName}: set either ${inlineName} or ${inlineName}_FILE, not both`);
      return undefined;
    }
    if (!file) return inline;
    try {
      return readText(file);
    } catch (error) {
      problems.push(`${inlineName}_FILE: cannot read ${file} (${(error as Error).message})`);
      return undefined;
    }
  };

  const idpText = text(config.samlIdentityProviders, 'SAML_IDENTITY_PROVIDERS', config.samlIdentityProvidersFile);
  if (!idpText?.trim()) {
    if (problems.length) throw new ConfigError(problems);
    return null;
  }
  const production = config.nodeEnv === 'production';
  const identityProviders = parseIdentityProviders(idpText, production, problems);

  const spEntityId = config.samlSpEntityId?.trim();
  if (!spEntityId) problems.push('SAML_SP_ENTITY_ID: required when identity providers are configured');
  const spBaseUrl = config.samlSpBaseUrl?.replace(/\/+$/, '');
  if (!spBaseUrl) problems.push('SAML_SP_BASE_URL: required when identity providers are configured');
  else if (production && !spBaseUrl.startsWith('https://')) problems.push('SAML_SP_BASE_URL: must be https in production');

  const signingKeys = privateKeys(
    text(config.samlSpSigningKey, 'SAML_SP_SIGNING_KEY', config.samlSpSigningKeyFile),
    'SAML_SP_SIGNING_KEY',
    problems,
  );
  const signingCerts = certificates(
    text(config.samlSpSigningCert, 'SAML_SP_SIGNING_CERT', config.samlSpSigningCertFile),
    'SAML_SP_SIGNING_CERT',
    problems,
  );
  if (signingKeys.length > 1) problems.push('SAML_SP_SIGNING_KEY: give exactly one key (publish several certificates to rotate)');
  if (!signingKeys.length) problems.push('SAML_SP_SIGNING_KEY: required (AuthnRequests are signed)');
  if (!signingCerts.length) problems.push('SAML_SP_SIGNING_CERT: required (published in the metadata)');
  if (signingKeys.length === 1 && signingCerts.length) matches(signingCerts[0], signingKeys[0], 'SAML_SP_SIGNING_CERT', problems);

  const decryptionKeys = privateKeys(
    text(config.samlSpDecryptionKey, 'SAML_SP_DECRYPTION_KEY', config.samlSpDecryptionKeyFile),
    'SAML_SP_DECRYPTION_KEY',
    problems,
  );
  const decryptionCerts = certificates(
    text(config.samlSpDecryptionCert, 'SAML_SP_DECRYPTION_CERT', config.samlSpDecryptionCertFile),
    'SAML_SP_DECRYPTION_CERT',
    problems,
  );
  if (decryptionCerts.length > 1) problems.push('SAML_SP_DECRYPTION_CERT: give exactly the certificate of the current (first) key');
  if (decryptionKeys.length && !decryptionCerts.length) problems.push('SAML_SP_DECRYPTION_CERT: required with SAML_SP_DECRYPTION_KEY');
  if (decryptionCerts.length && !decryptionKeys.length) problems.push('SAML_SP_DECRYPTION_KEY: required with SAML_SP_DECRYPTION_CERT');
  if (decryptionKeys.length && decryptionCerts.length) matches(decryptionCerts[0], decryptionKeys[0], 'SAML_SP_DECRYPTION_CERT', problems);
  const encrypting = [...identityProviders.values()].filter((idp) => idp.wantAssertionsEncrypted).map((idp) => idp.id);
  if (encrypting.length && !decryptionKeys.length) {
    problems.push(`SAML_SP_DECRYPTION_KEY: required because ${encrypting.join(', ')} must encrypt assertions (wantAssertionsEncrypted)`);
  }

  const returnUrlAllowlist = parseReturnUrlAllowlist(config.samlReturnUrlAllowlist ?? '', production, problems);
  // the web client the gateway serves receives the session at its own /sso page
  if (spBaseUrl && URL.canParse(`${spBaseUrl}/sso`)) returnUrlAllowlist.push(new URL(`${spBaseUrl}/sso`));
  const privilegeRoles = parsePrivilegeRoles(spEntityId ?? '', config.samlPrivilegeRoleMap, problems);

  if (problems.length) throw new ConfigError(problems);
  return {
    spEntityId: spEntityId!,
    spBaseUrl: spBaseUrl!,
    signing: { key: pemOf(signingKeys[0]), certs: signingCerts },
    decryption: decryptionKeys.length ? { keys: decryptionKeys.map(pemOf), cert: decryptionCerts[0] } : null,
    identityProviders,
    returnUrlAllowlist,
    privilegeRoles,
    clockSkewMs: config.samlClockSkewSeconds * 1000,
    requestTtlMs: config.samlRequestTtlMinutes * 60_000,
  };
}

function parseIdentityProviders(text: string, production: boolean, problems: string[]): Map<string, IdentityProviderSettings> {
  const result = new Map<string, IdentityProviderSettings>();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    problems.push(`SAML_IDENTITY_PROVIDERS: not valid JSON (${(error as Error).message})`);
    return result;
  }
  if (!Array.isArray(parsed)) {
    problems.push('SAML_IDENTITY_PROVIDERS: must be a JSON array of identity providers');
    return result;
  }
  parsed.forEach((entry: unknown, index) => {
    const at = `SAML_IDENTITY_PROVIDERS[${index}]`;
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
      problems.push(`${at}: must be an object`);
      return;
    }
    const raw = entry as Record<string, unknown>;
    const before = problems.length;
    for (const key of Object.keys(raw)) if (!IDP_KEYS.has(key)) problems.push(`${at}.${key}: unknown setting`);
    const id = raw.id;
    if (typeof id !== 'string' || !IDP_ID_PATTERN.test(id)) problems.push(`${at}.id: must be 1–63 letters, digits, - or _`);
    else if (result.has(id)) problems.push(`${at}.id: ${id} is configured twice`);
    const displayName = raw.displayName ?? id;
    if (typeof displayName !== 'string' || !displayName.trim() || displayName.length > 100)
      problems.push(`${at}.displayName: must be a name of 1–100 characters`);
    const entryPoint = raw.entryPoint;
    if (!isHttpUrl(entryPoint, production)) problems.push(`${at}.entryPoint: must be an ${production ? 'https' : 'http(s)'} URL`);
    const idpCerts = (Array.isArray(raw.idpCert) ? raw.idpCert : [raw.idpCert]).flatMap((value: unknown, i) => {
      const pem = typeof value === 'string' ? certificatePem(value) : null;
      if (!pem) problems.push(`${at}.idpCert${Array.isArray(raw.idpCert) ? `[${i}]` : ''}: must be an X.509 certificate (PEM or base64)`);
      return pem ? [pem] : [];
    });
    const issuer = raw.issuer ?? null;
    if (issuer !== null && (typeof issuer !== 'string' || !issuer.trim()))
      problems.push(`${at}.issuer: must be the entity ID of the identity provider`);
    const wantAssertionsEncrypted = raw.wantAssertionsEncrypted ?? true;
    if (typeof wantAssertionsEncrypted !== 'boolean') problems.push(`${at}.wantAssertionsEncrypted: must be true or false`);
    const attributeProfile = raw.attributeProfile ?? 'auto';
    if (!ATTRIBUTE_PROFILES.includes(attributeProfile as AttributeProfile)) {
      problems.push(`${at}.attributeProfile: must be one of ${ATTRIBUTE_PROFILES.join(', ')}`);
    }
    const defaultRole = raw.defaultRole ?? 'none';
    if (defaultRole !== 'none' && !ORGANIZATION_ROLES.includes(defaultRole as OrganizationRoleName)) {
      problems.push(`${at}.defaultRole: must be none or one of ${ORGANIZATION_ROLES.join(', ')}`);
    }
    const nameIdFormat = raw.nameIdFormat ?? NAME_ID_FORMAT.persistent;
    if (typeof nameIdFormat !== 'string' || !nameIdFormat.startsWith('urn:'))
      problems.push(`${at}.nameIdFormat: must be a NameID format URN`);
    const trustedCvrs = raw.trustedCvrs ?? null;
    if (trustedCvrs !== null && (!Array.isArray(trustedCvrs) || !trustedCvrs.length || !trustedCvrs.every(isValidCvr))) {
      problems.push(`${at}.trustedCvrs: must be a non-empty array of valid CVR numbers`);
    }
    if (problems.length > before) return;
    result.set(id as string, {
      id: id as string,
      displayName: (displayName as string).trim(),
      entryPoint: entryPoint as string,
      idpCerts,
      issuer: (issuer as string | null)?.trim() ?? null,
      wantAssertionsEncrypted: wantAssertionsEncrypted as boolean,
      attributeProfile: attributeProfile as AttributeProfile,
      defaultRole: defaultRole === 'none' ? null : (defaultRole as OrganizationRoleName),
      nameIdFormat: nameIdFormat as string,
      trustedCvrs: trustedCvrs as string[] | null,
    });
  });
  if (!parsed.length) problems.push('SAML_IDENTITY_PROVIDERS: the array is empty; leave the variable unset to turn SAML off');
  return result;
}

function parsePrivilegeRoles(spEntityId: string, json: string | undefined, problems: string[]): Map<string, OrganizationRoleName> {
  const roles = defaultPrivilegeRoles(spEntityId);
  if (!json?.trim()) return roles;
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch (error) {
    problems.push(`SAML_PRIVILEGE_ROLE_MAP: not valid JSON (${(error as Error).message})`);
    return roles;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    problems.push('SAML_PRIVILEGE_ROLE_MAP: must be a JSON object of privilege URI → role');
    return roles;
  }
  for (const [uri, role] of Object.entries(parsed as Record<string, unknown>)) {
    if (!ORGANIZATION_ROLES.includes(role as OrganizationRoleName)) {
      problems.push(`SAML_PRIVILEGE_ROLE_MAP: ${uri} must map to one of ${ORGANIZATION_ROLES.join(', ')}`);
    } else roles.set(uri, role as OrganizationRoleName);
  }
  return roles;
}

function isHttpUrl(value: unknown, httpsOnly: boolean): value is string {
  if (typeof value !== 'string') return false;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || (!httpsOnly && url.protocol === 'http:');
  } catch {
    return false;
  }
}

const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----[\s\S]+?-----END \1-----/g;

function pemBlocks(text: string | undefined): Array<{ label: string; pem: string }> {
  return [...(text ?? '').replace(/\\n/g, '\n').matchAll(PEM_BLOCK)].map((m) => ({ label: m[1], pem: m[0] }));
}

/** A certificate given as PEM or as the bare base64 of its DER (as in SAML metadata), as PEM; `null` when it is none. */
export function certificatePem(value: string): string | null {
  const trimmed = value.replace(/\\n/g, '\n').trim();
  const body = trimmed.startsWith('-----BEGIN CERTIFICATE-----')
    ? trimmed.replace(/-----(BEGIN|END) CERTIFICATE-----/g, '').replace(/\s+/g, '')
    : trimmed.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]+=*$/.test(body)) return null;
  const pem = `-----BEGIN CERTIFICATE-----\n${body.match(/.{1,64}/g)!.join('\n')}\n-----END CERTIFICATE-----\n`;
  try {
    new X509Certificate(pem);
    return pem;
  } catch {
    return null;
  }
}

function certificates(text: string | undefined, name: string, problems: string[]): string[] {
  const blocks = pemBlocks(text);
  if (text?.trim() && !blocks.length) problems.push(`${name}: holds no PEM certificate`);
  return blocks.flatMap(({ label, pem }, i) => {
    const normalized = label === 'CERTIFICATE' ? certificatePem(pem) : null;
    if (!normalized) problems.push(`${name}: entry ${i + 1} is not a valid X.509 certificate`);
    return normalized ? [normalized] : [];
  });
}

function privateKeys(text: string | undefined, name: string, problems: string[]): KeyObject[] {
  const blocks = pemBlocks(text);
  if (text?.trim() && !blocks.length) problems.push(`${name}: holds no PEM private key`);
  return blocks.flatMap(({ label, pem }, i) => {
    if (label === 'ENCRYPTED PRIVATE KEY') {
      problems.push(`${name}: entry ${i + 1} is encrypted; give the key unencrypted (from a secret)`);
      return [];
    }
    try {
      const key = createPrivateKey(pem);
      if (key.asymmetricKeyType !== 'rsa') {
        problems.push(`${name}: entry ${i + 1} is a ${key.asymmetricKeyType} key; SAML signing and decryption here need RSA`);
        return [];
      }
      return [key];
    } catch {
      problems.push(`${name}: entry ${i + 1} is not a valid private key`);
      return [];
    }
  });
}

function matches(certPem: string, key: KeyObject, name: string, problems: string[]): void {
  if (!new X509Certificate(certPem).checkPrivateKey(key)) problems.push(`${name}: the (first) certificate does not belong to the key`);
}

function pemOf(key: KeyObject): string {
  return key.export({ type: 'pkcs8', format: 'pem' }).toString();
}
