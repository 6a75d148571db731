import { DomainError, ErrorCode } from '@kitos/common';

/** Why a SAML response was refused; sent to the client as `reason` of the 401 problem and written to the audit log. */
export enum SamlRefusalReason {
  MalformedResponse = 'malformed-response',
  InvalidResponse = 'invalid-response',
  IdentityProviderError = 'identity-provider-error',
  NotEncrypted = 'assertion-not-encrypted',
  DecryptionFailed = 'decryption-failed',
  InvalidSignature = 'invalid-signature',
  WrongIssuer = 'wrong-issuer',
  WrongDestination = 'wrong-destination',
  WrongRecipient = 'wrong-recipient',
  WrongAudience = 'wrong-audience',
  Expired = 'expired',
  NotYetValid = 'not-yet-valid',
  Replayed = 'replayed',
  UnknownRequest = 'unknown-request',
  InvalidPrivileges = 'invalid-privileges',
  MissingPrivileges = 'missing-privileges',
  UnknownOrganization = 'unknown-organization',
  MissingEmail = 'missing-email',
  ApiUser = 'api-user',
}

const MESSAGES: Readonly<Record<SamlRefusalReason, string>> = {
  [SamlRefusalReason.MalformedResponse]: 'The SAML response could not be read',
  [SamlRefusalReason.InvalidResponse]: 'The SAML response is not a valid login response',
  [SamlRefusalReason.IdentityProviderError]: 'The identity provider did not sign the user in',
  [SamlRefusalReason.NotEncrypted]: 'The identity provider must encrypt the assertion',
  [SamlRefusalReason.DecryptionFailed]: 'The assertion could not be decrypted with the keys of this service',
  [SamlRefusalReason.InvalidSignature]: 'The assertion is not signed, or not signed with a certificate of the identity provider',
  [SamlRefusalReason.WrongIssuer]: 'The assertion was issued by another identity provider',
  [SamlRefusalReason.WrongDestination]: "The SAML response was addressed to another service than this one's assertion consumer service",
  [SamlRefusalReason.WrongRecipient]: "The assertion was meant for another assertion consumer service than this one's",
  [SamlRefusalReason.WrongAudience]: 'The assertion is meant for another service provider (audience)',
  [SamlRefusalReason.Expired]: 'The assertion has expired (NotOnOrAfter)',
  [SamlRefusalReason.NotYetValid]: 'The assertion is not valid yet (NotBefore)',
  [SamlRefusalReason.Replayed]: 'The assertion has already been used',
  [SamlRefusalReason.UnknownRequest]:
    'The response does not answer a login started here (InResponseTo unknown, already answered or expired); start the login again',
  [SamlRefusalReason.InvalidPrivileges]: "The user's privileges (OIO-BPP) could not be read",
  [SamlRefusalReason.MissingPrivileges]: 'The user holds none of the privileges of this system (missing privileges)',
  [SamlRefusalReason.UnknownOrganization]: "No organisation here has the CVR number of the user's privileges",
  [SamlRefusalReason.MissingEmail]: 'The identity provider sent no e-mail address, which a new user needs',
  [SamlRefusalReason.ApiUser]: 'API users sign in with API tokens only, not with single sign-on',
};

/** A refused SAML login; what is known about the user travels along for the audit entry. */
export class SamlRefusal extends Error {
  constructor(
    readonly reason: SamlRefusalReason,
    readonly known: { readonly userUuid?: string; readonly organizationUuids?: readonly string[] } = {},
  ) {
    super(MESSAGES[reason]);
    this.name = 'SamlRefusal';
  }

  toDomainError(): DomainError {
    return new DomainError(ErrorCode.Unauthenticated, this.message, [], { reason: this.reason });
  }
}
