import { Inject, Injectable, Logger } from '@nestjs/common';
import { SAML, SamlStatusError, ValidateInResponseTo, type Profile, type SamlConfig } from '@node-saml/node-saml';
import { CLOCK, type Clock } from '@kitos/common';
import type { SamlAttributes } from './saml-attributes';
import { SAML_SETTINGS, type IdentityProviderSettings, type SamlSettings } from './saml-settings';
import { SamlRefusal, SamlRefusalReason } from './saml.errors';
import { XmlError, childElement, childElements, parseXml } from './xml';

const PROTOCOL_NS = 'urn:oasis:names:tc:SAML:2.0:protocol';
const BEARER = 'urn:oasis:names:tc:SAML:2.0:cm:bearer';

/** What a response proved, once its signature, encryption, audience, time window and addressing were checked. */
export interface VerifiedAssertion {
  readonly id: string;
  /** The AuthnRequest it answers. */
  readonly inResponseTo: string;
  /** The last moment it could be accepted (earliest NotOnOrAfter plus the clock skew): how long to remember its ID. */
  readonly validUntil: Date;
  readonly nameId: string | null;
  readonly nameIdFormat: string | null;
  readonly attributes: SamlAttributes;
}

/**
 * The SAML protocol of the service provider, with node-saml: signed HTTP-Redirect AuthnRequests (RSA-SHA256),
 * metadata, and HTTP-POST responses that must carry a signed (and, where configured, encrypted) assertion for our
 * audience, within its time window, addressed to our ACS. Keeping track of requests and replays is the caller's.
 */
@Injectable()
export class SamlProtocolService {
  private readonly logger = new Logger(SamlProtocolService.name);
  /** Per identity provider: one validator per decryption key, tried in order (key rotation). */
  private readonly validators = new Map<string, SAML[]>();

  constructor(
    @Inject(SAML_SETTINGS) private readonly configured: SamlSettings | null,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  private get settings(): SamlSettings {
    if (!this.configured) throw new Error('SAML is not configured');
    return this.configured;
  }

  acsUrl(idp: IdentityProviderSettings): string {
    return `${this.settings.spBaseUrl}/api/v2/auth/saml/${idp.id}/acs`;
  }

  metadata(idp: IdentityProviderSettings): string {
    return this.validatorsOf(idp)[0].generateServiceProviderMetadata(this.settings.decryption?.cert ?? null, [
      ...this.settings.signing.certs,
    ]);
  }

  /** The identity provider's SSO URL with a signed AuthnRequest whose ID is `requestId`. */
  authorizeUrl(idp: IdentityProviderSettings, requestId: string): Promise<string> {
    return new SAML({ ...this.options(idp, undefined), generateUniqueId: () => requestId }).getAuthorizeUrlAsync('', undefined, {});
  }

  /** Verifies a base64 SAMLResponse (HTTP-POST binding); every failure is a SamlRefusal. */
  async verify(idp: IdentityProviderSettings, samlResponse: string): Promise<VerifiedAssertion> {
    const response = this.readResponse(samlResponse);
    if (idp.wantAssertionsEncrypted && childElements(response, 'Assertion').length) throw new SamlRefusal(SamlRefusalReason.NotEncrypted);
    const destination = response.getAttribute('Destination');
    if (destination && destination !== this.acsUrl(idp)) throw new SamlRefusal(SamlRefusalReason.WrongDestination);

    const profile = await this.validate(idp, samlResponse);
    const assertionXml = profile.getAssertionXml?.();
    if (!assertionXml) throw new SamlRefusal(SamlRefusalReason.InvalidResponse);
    const assertion = parseXml(assertionXml).documentElement;
    const id = assertion.getAttribute('ID');
    if (!id) throw new SamlRefusal(SamlRefusalReason.InvalidResponse);
    const issuer = childElement(assertion, 'Issuer')?.textContent?.trim();
    if (idp.issuer && issuer !== idp.issuer) throw new SamlRefusal(SamlRefusalReason.WrongIssuer);

    const confirmation = this.bearerConfirmation(idp, assertion);
    const inResponseTo = confirmation.getAttribute('InResponseTo');
    const responseInResponseTo = response.getAttribute('InResponseTo');
    if (!inResponseTo || (responseInResponseTo && responseInResponseTo !== inResponseTo)) {
      throw new SamlRefusal(SamlRefusalReason.UnknownRequest);
    }
    const limits = [confirmation.getAttribute('NotOnOrAfter'), childElement(assertion, 'Conditions')?.getAttribute('NotOnOrAfter')]
      .filter((v): v is string => !!v)
      .map(Date.parse)
      .filter((ms) => !Number.isNaN(ms));
    const validUntil = new Date(Math.min(...limits) + this.settings.clockSkewMs);
    return {
      id,
      inResponseTo,
      validUntil,
      nameId: profile.nameID ?? null,
      nameIdFormat: profile.nameIDFormat ?? null,
      attributes: stringAttributes(profile.attributes),
    };
  }

  private readResponse(samlResponse: string): Element {
    if (!/^[A-Za-z0-9+/=\s]+$/.test(samlResponse)) throw new SamlRefusal(SamlRefusalReason.MalformedResponse);
    try {
      const root = parseXml(Buffer.from(samlResponse, 'base64').toString('utf8')).documentElement;
      if (root.localName !== 'Response' || root.namespaceURI !== PROTOCOL_NS) throw new SamlRefusal(SamlRefusalReason.InvalidResponse);
      return root;
    } catch (error) {
      if (error instanceof XmlError) throw new SamlRefusal(SamlRefusalReason.MalformedResponse);
      throw error;
    }
  }

  private async validate(idp: IdentityProviderSettings, samlResponse: string): Promise<Profile> {
    const validators = this.validatorsOf(idp);
    for (const [index, validator] of validators.entries()) {
      try {
        const { profile } = await validator.validatePostResponseAsync({ SAMLResponse: samlResponse });
        if (!profile) throw new SamlRefusal(SamlRefusalReason.InvalidResponse);
        return profile;
      } catch (error) {
        if (error instanceof SamlRefusal) throw error;
        const refusal = refusalOf(error);
        if (refusal.reason === SamlRefusalReason.DecryptionFailed && index < validators.length - 1) continue;
        this.logger.warn(`SAML response from ${idp.id} refused (${refusal.reason}): ${String((error as Error)?.message).slice(0, 200)}`);
        throw refusal;
      }
    }
    throw new SamlRefusal(SamlRefusalReason.DecryptionFailed);
  }

  /**
   * The bearer SubjectConfirmation of the (signed) assertion, checked as the Web SSO profile asks: addressed to our
   * ACS (Recipient) and within its own time window. node-saml checks the Conditions and the audience.
   */
  private bearerConfirmation(idp: IdentityProviderSettings, assertion: Element): Element {
    const confirmations = childElements(childElement(assertion, 'Subject') ?? assertion, 'SubjectConfirmation')
      .filter((c) => c.getAttribute('Method') === BEARER)
      .map((c) => childElement(c, 'SubjectConfirmationData'))
      .filter((d): d is Element => d !== null);
    if (!confirmations.length) throw new SamlRefusal(SamlRefusalReason.InvalidResponse);
    const ours = confirmations.filter((d) => d.getAttribute('Recipient') === this.acsUrl(idp));
    if (!ours.length) throw new SamlRefusal(SamlRefusalReason.WrongRecipient);
    const now = this.clock.now().getTime();
    const skew = this.settings.clockSkewMs;
    let reason = SamlRefusalReason.Expired;
    for (const data of ours) {
      const notOnOrAfter = Date.parse(data.getAttribute('NotOnOrAfter') ?? '');
      const notBefore = data.getAttribute('NotBefore');
      if (Number.isNaN(notOnOrAfter) || now - skew >= notOnOrAfter) continue;
      if (notBefore && now + skew < Date.parse(notBefore)) {
        reason = SamlRefusalReason.NotYetValid;
        continue;
      }
      return data;
    }
    throw new SamlRefusal(reason);
  }

  private validatorsOf(idp: IdentityProviderSettings): SAML[] {
    let validators = this.validators.get(idp.id);
    if (!validators) {
      const keys = this.settings.decryption?.keys ?? [undefined];
      validators = keys.map((key) => new SAML(this.options(idp, key)));
      this.validators.set(idp.id, validators);
    }
    return validators;
  }

  private options(idp: IdentityProviderSettings, decryptionKey: string | undefined): SamlConfig {
    return {
      entryPoint: idp.entryPoint,
      issuer: this.settings.spEntityId,
      audience: this.settings.spEntityId,
      callbackUrl: this.acsUrl(idp),
      idpCert: [...idp.idpCerts],
      privateKey: this.settings.signing.key,
      publicCert: this.settings.signing.certs[0],
      decryptionPvk: decryptionKey,
      signatureAlgorithm: 'sha256',
      digestAlgorithm: 'sha256',
      authnRequestBinding: 'HTTP-Redirect',
      identifierFormat: idp.nameIdFormat,
      disableRequestedAuthnContext: true,
      wantAssertionsSigned: true,
      wantAuthnResponseSigned: false,
      acceptedClockSkewMs: this.settings.clockSkewMs,
      // InResponseTo is checked against identity's database by the caller, shared by every replica
      validateInResponseTo: ValidateInResponseTo.never,
    };
  }
}

/** node-saml's errors as refusal reasons (its messages are not shown to clients). */
function refusalOf(error: unknown): SamlRefusal {
  if (error instanceof SamlStatusError) return new SamlRefusal(SamlRefusalReason.IdentityProviderError);
  const message = error instanceof Error ? error.message : String(error);
  if (/not yet valid/i.test(message)) return new SamlRefusal(SamlRefusalReason.NotYetValid);
  if (/expired/i.test(message)) return new SamlRefusal(SamlRefusalReason.Expired);
  if (/audience/i.test(message)) return new SamlRefusal(SamlRefusalReason.WrongAudience);
  if (/signature/i.test(message)) return new SamlRefusal(SamlRefusalReason.InvalidSignature);
  if (/decrypt|EncryptedAssertion|oaep/i.test(message)) return new SamlRefusal(SamlRefusalReason.DecryptionFailed);
  return new SamlRefusal(SamlRefusalReason.InvalidResponse);
}

/** Attribute values as strings (node-saml gives one value as a string, several as an array; complex values are dropped). */
function stringAttributes(attributes: unknown): SamlAttributes {
  const result: Record<string, string[]> = {};
  if (typeof attributes !== 'object' || attributes === null) return result;
  for (const [name, value] of Object.entries(attributes as Record<string, unknown>)) {
    const values = (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string');
    if (values.length) result[name] = values;
  }
  return result;
}
