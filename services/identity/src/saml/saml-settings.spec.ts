import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadServiceConfig } from '@kitos/config';
import { IdentityConfig } from '../identity.config';
import { loadSamlSettings } from './saml-settings';

function selfSigned(): { key: string; cert: string } {
  const dir = mkdtempSync(join(tmpdir(), 'saml-settings-'));
  try {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=test',
        '-keyout',
        join(dir, 'k.pem'),
        '-out',
        join(dir, 'c.pem'),
      ],
      { stdio: 'pipe' },
    );
    return { key: readFileSync(join(dir, 'k.pem'), 'utf8'), cert: readFileSync(join(dir, 'c.pem'), 'utf8') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('loadSamlSettings', () => {
  const [signing, decryption, idp, other] = [selfSigned(), selfSigned(), selfSigned(), selfSigned()];
  const provider = { id: 'kombit', entryPoint: 'https://idp.example/sso', idpCert: idp.cert };
  const valid: Record<string, string> = {
    SAML_IDENTITY_PROVIDERS: JSON.stringify([provider]),
    SAML_SP_ENTITY_ID: 'https://kitos.example',
    SAML_SP_BASE_URL: 'https://kitos.example/',
    SAML_SP_SIGNING_KEY: signing.key,
    SAML_SP_SIGNING_CERT: signing.cert,
    SAML_SP_DECRYPTION_KEY: decryption.key,
    SAML_SP_DECRYPTION_CERT: decryption.cert,
  };
  const load = (env: Record<string, string | undefined>, files: Record<string, string> = {}) =>
    loadSamlSettings(loadServiceConfig('identity', env, IdentityConfig), (path) => {
      if (!(path in files)) throw new Error('ENOENT');
      return files[path];
    });
  const problemsOf = (env: Record<string, string | undefined>): string[] => {
    try {
      load(env);
    } catch (error) {
      if (error instanceof ConfigError) return [...error.problems];
      throw error;
    }
    return [];
  };

  it('is off (null) without identity providers, whatever else is set', () => {
    expect(load({})).toBeNull();
    expect(load({ SAML_SP_ENTITY_ID: 'https://kitos.example' })).toBeNull();
  });

  it('reads identity providers with their defaults and the SP settings', () => {
    const sut = load(valid)!;
    expect(sut.spBaseUrl).toBe('https://kitos.example');
    expect(sut.identityProviders.get('kombit')).toMatchObject({
      wantAssertionsEncrypted: true,
      attributeProfile: 'auto',
      defaultRole: null,
      nameIdFormat: 'urn:oasis:names:tc:SAML:2.0:nameid-format:persistent',
      trustedCvrs: null,
      issuer: null,
    });
    expect(sut.privilegeRoles.get('https://kitos.example/roles/usersystemrole/readaccess/1')).toBe('User');
    expect([sut.clockSkewMs, sut.requestTtlMs]).toEqual([60_000, 600_000]);
  });

  it('accepts several IdP certificates (rotation), also as bare base64, and PEMs with escaped newlines', () => {
    const bare = other.cert.replace(/-----[A-Z ]+-----|\s/g, '');
    const sut = load({
      ...valid,
      SAML_IDENTITY_PROVIDERS: JSON.stringify([{ ...provider, idpCert: [idp.cert, bare] }]),
      SAML_SP_SIGNING_KEY: signing.key.replace(/\n/g, '\\n'),
    })!;
    expect(sut.identityProviders.get('kombit')!.idpCerts).toHaveLength(2);
  });

  it('reads the providers and keys from files', () => {
    const sut = load(
      {
        SAML_IDENTITY_PROVIDERS_FILE: '/run/idps.json',
        SAML_SP_ENTITY_ID: 'urn:kitos',
        SAML_SP_BASE_URL: 'https://kitos.example',
        SAML_SP_SIGNING_KEY_FILE: '/run/k',
        SAML_SP_SIGNING_CERT_FILE: '/run/c',
        SAML_SP_DECRYPTION_KEY_FILE: '/run/dk',
        SAML_SP_DECRYPTION_CERT_FILE: '/run/dc',
      },
      {
        '/run/idps.json': valid.SAML_IDENTITY_PROVIDERS,
        '/run/k': signing.key,
        '/run/c': signing.cert,
        '/run/dk': `${decryption.key}${other.key}`,
        '/run/dc': decryption.cert,
      },
    )!;
    expect(sut.decryption!.keys).toHaveLength(2);
  });

  it('lists every problem at once', () => {
    const problems = problemsOf({
      SAML_IDENTITY_PROVIDERS: JSON.stringify([
        { id: 'bad id', entryPoint: 'ftp://x', idpCert: 'nope', attributeProfile: 'oiosaml4', defaultRole: 'GlobalAdmin', idpCerts: [] },
        provider,
        { ...provider, id: 'other', trustedCvrs: ['12345678'] },
      ]),
      SAML_SP_SIGNING_KEY: signing.key,
      SAML_SP_SIGNING_CERT: other.cert,
      SAML_RETURN_URL_ALLOWLIST: 'https://ok.example/,not a url,https://x.example/?q=1',
      SAML_PRIVILEGE_ROLE_MAP: '{"urn:p":"Boss"}',
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        'SAML_IDENTITY_PROVIDERS[0].idpCerts: unknown setting',
        expect.stringMatching(/^SAML_IDENTITY_PROVIDERS\[0\]\.id:/),
        expect.stringMatching(/^SAML_IDENTITY_PROVIDERS\[0\]\.entryPoint:/),
        expect.stringMatching(/^SAML_IDENTITY_PROVIDERS\[0\]\.idpCert:/),
        expect.stringMatching(/^SAML_IDENTITY_PROVIDERS\[0\]\.attributeProfile:/),
        expect.stringMatching(/^SAML_IDENTITY_PROVIDERS\[0\]\.defaultRole:/),
        expect.stringMatching(/^SAML_IDENTITY_PROVIDERS\[2\]\.trustedCvrs:/),
        expect.stringMatching(/^SAML_SP_ENTITY_ID:/),
        expect.stringMatching(/^SAML_SP_BASE_URL:/),
        'SAML_SP_SIGNING_CERT: the (first) certificate does not belong to the key',
        expect.stringMatching(/^SAML_SP_DECRYPTION_KEY: required because kombit must encrypt/),
        expect.stringMatching(/^SAML_RETURN_URL_ALLOWLIST: not a url/),
        expect.stringMatching(/^SAML_RETURN_URL_ALLOWLIST: https:\/\/x\.example\/\?q=1/),
        expect.stringMatching(/^SAML_PRIVILEGE_ROLE_MAP: urn:p must map to one of/),
      ]),
    );
  });

  it('refuses inline and file settings together, unreadable files, invalid JSON and http in production', () => {
    expect(problemsOf({ ...valid, SAML_SP_SIGNING_KEY_FILE: '/nowhere' })).toEqual([
      'SAML_SP_SIGNING_KEY: set either SAML_SP_SIGNING_KEY or SAML_SP_SIGNING_KEY_FILE, not both',
      'SAML_SP_SIGNING_KEY: required (AuthnRequests are signed)',
    ]);
    expect(problemsOf({ ...valid, SAML_SP_DECRYPTION_KEY: undefined, SAML_SP_DECRYPTION_KEY_FILE: '/nowhere' })[0]).toMatch(
      /^SAML_SP_DECRYPTION_KEY_FILE: cannot read \/nowhere/,
    );
    expect(problemsOf({ ...valid, SAML_IDENTITY_PROVIDERS: '[{' })[0]).toMatch(/^SAML_IDENTITY_PROVIDERS: not valid JSON/);
    const production = problemsOf({
      ...valid,
      NODE_ENV: 'production',
      NATS_URL: 'nats://nats:4222',
      MONGODB_URI: 'mongodb://db:27017/',
      KITOS_BOOTSTRAP_ADMIN_EMAIL: 'a@b.example',
      KITOS_BOOTSTRAP_ADMIN_PASSWORD: 'a-long-password',
      SAML_SP_BASE_URL: 'http://kitos.example',
      SAML_IDENTITY_PROVIDERS: JSON.stringify([{ ...provider, entryPoint: 'http://idp.example/sso' }]),
    });
    expect(production).toEqual([
      'SAML_IDENTITY_PROVIDERS[0].entryPoint: must be an https URL',
      'SAML_SP_BASE_URL: must be https in production',
    ]);
  });
});
