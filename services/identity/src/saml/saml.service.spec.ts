import { DomainError, ErrorCode, systemCaller } from '@kitos/common';
import type { AuditRepository } from '../auth/audit.repository';
import type { SamlAssertionsRepository } from './saml-assertions.repository';
import type { SamlLoginService } from './saml-login.service';
import type { SamlProtocolService, VerifiedAssertion } from './saml-protocol.service';
import type { SamlRequestsRepository } from './saml-requests.repository';
import type { IdentityProviderSettings, SamlSettings } from './saml-settings';
import { SamlRefusal, SamlRefusalReason } from './saml.errors';
import { SamlService } from './saml.service';

const NOW = new Date('2026-11-26T12:00:00.000Z');
const caller = systemCaller('corr-1');
const idp: IdentityProviderSettings = {
  id: 'kombit',
  displayName: 'KOMBIT',
  entryPoint: 'https://idp.example/sso',
  idpCerts: [],
  issuer: null,
  wantAssertionsEncrypted: true,
  attributeProfile: 'auto',
  defaultRole: null,
  nameIdFormat: 'urn:oasis:names:tc:SAML:2.0:nameid-format:persistent',
  trustedCvrs: null,
};
const settings = {
  identityProviders: new Map([[idp.id, idp]]),
  returnUrlAllowlist: [new URL('https://app.example/')],
  requestTtlMs: 600_000,
} as unknown as SamlSettings;
const assertion: VerifiedAssertion = {
  id: '_a1',
  inResponseTo: '_r1',
  validUntil: new Date(NOW.getTime() + 300_000),
  nameId: 'n',
  nameIdFormat: null,
  attributes: {},
};

async function errorOf(promise: Promise<unknown>): Promise<DomainError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

describe('SamlService', () => {
  let protocol: jest.Mocked<Pick<SamlProtocolService, 'metadata' | 'authorizeUrl' | 'verify'>>;
  let requests: jest.Mocked<Pick<SamlRequestsRepository, 'save' | 'consume'>>;
  let assertions: jest.Mocked<Pick<SamlAssertionsRepository, 'recordFirstUse'>>;
  let login: jest.Mocked<Pick<SamlLoginService, 'login'>>;
  let audit: jest.Mocked<Pick<AuditRepository, 'record'>>;
  const build = (configured: SamlSettings | null) =>
    new SamlService(
      protocol as unknown as SamlProtocolService,
      requests as unknown as SamlRequestsRepository,
      assertions as unknown as SamlAssertionsRepository,
      login as unknown as SamlLoginService,
      audit as unknown as AuditRepository,
      configured,
      { now: () => NOW },
      { uuid: () => '7f1c2a52-3f0c-4c7c-9a51-2d5c3b1f4e10' },
    );
  let sut: SamlService;

  beforeEach(() => {
    protocol = {
      metadata: jest.fn().mockReturnValue('<md/>'),
      authorizeUrl: jest.fn().mockResolvedValue('https://idp.example/sso?SAMLRequest=x'),
      verify: jest.fn().mockResolvedValue(assertion),
    };
    requests = {
      save: jest.fn().mockResolvedValue(undefined),
      consume: jest.fn().mockResolvedValue({ id: '_r1', idp: 'kombit', returnTo: null, expiresAt: new Date(NOW.getTime() + 1000) }),
    };
    assertions = { recordFirstUse: jest.fn().mockResolvedValue(true) };
    login = { login: jest.fn().mockResolvedValue({ token: 't', expires: NOW.toISOString(), userUuid: 'u' }) };
    audit = { record: jest.fn().mockResolvedValue(undefined) };
    sut = build(settings);
  });

  it('answers 404 when SAML is not configured, and for an unknown identity provider', async () => {
    expect(() => build(null).metadata('kombit')).toThrow(expect.objectContaining({ code: ErrorCode.NotFound }));
    expect((await errorOf(sut.start('other', undefined))).code).toBe(ErrorCode.NotFound);
    expect((await errorOf(sut.acs(caller, 'other', 'x'))).code).toBe(ErrorCode.NotFound);
  });

  it('remembers a started login with its id, normalised returnTo and expiry', async () => {
    await expect(sut.start('kombit', 'https://app.example/a/../b')).resolves.toEqual({ location: 'https://idp.example/sso?SAMLRequest=x' });
    expect(requests.save).toHaveBeenCalledWith(
      {
        id: '_7f1c2a52-3f0c-4c7c-9a51-2d5c3b1f4e10',
        idp: 'kombit',
        returnTo: 'https://app.example/b',
        expiresAt: new Date(NOW.getTime() + 600_000),
      },
      NOW,
    );
    expect(protocol.authorizeUrl).toHaveBeenCalledWith(idp, '_7f1c2a52-3f0c-4c7c-9a51-2d5c3b1f4e10');
  });

  it('refuses a returnTo outside the allow-list with 400, before anything is stored', async () => {
    const error = await errorOf(sut.start('kombit', 'https://evil.example/'));
    expect([error.code, error.errors.map((e) => e.field)]).toEqual([ErrorCode.BadInput, ['returnTo']]);
    expect(requests.save).not.toHaveBeenCalled();
  });

  it('signs in with a verified, first-used assertion that answers a request, and passes the request’s returnTo on', async () => {
    requests.consume.mockResolvedValue({
      id: '_r1',
      idp: 'kombit',
      returnTo: 'https://app.example/',
      expiresAt: new Date(NOW.getTime() + 1000),
    });
    await expect(sut.acs(caller, 'kombit', 'b64')).resolves.toEqual({
      token: 't',
      expires: NOW.toISOString(),
      userUuid: 'u',
      returnTo: 'https://app.example/',
    });
    expect(assertions.recordFirstUse).toHaveBeenCalledWith('kombit', '_a1', assertion.validUntil, NOW);
    expect(requests.consume).toHaveBeenCalledWith('_r1', 'kombit');
  });

  it('turns a refusal into 401 with its reason and audits it', async () => {
    protocol.verify.mockRejectedValue(new SamlRefusal(SamlRefusalReason.InvalidSignature));
    const error = await errorOf(sut.acs(caller, 'kombit', 'b64'));
    expect([error.code, error.extra.reason]).toEqual([ErrorCode.Unauthenticated, 'invalid-signature']);
    expect(audit.record).toHaveBeenCalledWith(
      expect.objectContaining({
        action: 'login.failed',
        detail: 'SAML login through kombit refused: invalid-signature',
        correlationId: 'corr-1',
      }),
    );
  });

  it('refuses a replay before the request is looked at', async () => {
    assertions.recordFirstUse.mockResolvedValue(false);
    expect((await errorOf(sut.acs(caller, 'kombit', 'b64'))).extra.reason).toBe('replayed');
    expect(requests.consume).not.toHaveBeenCalled();
  });

  it('refuses a response to an unknown or expired request', async () => {
    requests.consume.mockResolvedValueOnce(null).mockResolvedValueOnce({ id: '_r1', idp: 'kombit', returnTo: null, expiresAt: NOW });
    expect((await errorOf(sut.acs(caller, 'kombit', 'b64'))).extra.reason).toBe('unknown-request');
    expect((await errorOf(sut.acs(caller, 'kombit', 'b64'))).extra.reason).toBe('unknown-request');
    expect(login.login).not.toHaveBeenCalled();
  });

  it('lets other failures (e.g. the database) through unaudited', async () => {
    assertions.recordFirstUse.mockRejectedValue(DomainError.unavailable('database down'));
    expect((await errorOf(sut.acs(caller, 'kombit', 'b64'))).code).toBe(ErrorCode.Unavailable);
    expect(audit.record).not.toHaveBeenCalled();
  });
});
