import { Inject, Injectable, Logger } from '@nestjs/common';
import { CLOCK, DomainError, ErrorCode, ID_GENERATOR, type CallerContext, type Clock, type IdGenerator } from '@kitos/common';
import { AuditRepository } from '../auth/audit.repository';
import { allowedReturnUrl } from './return-url';
import { SamlAssertionsRepository } from './saml-assertions.repository';
import { SamlLoginService, type SamlSession } from './saml-login.service';
import { SamlProtocolService } from './saml-protocol.service';
import { SamlRequestsRepository } from './saml-requests.repository';
import { SAML_SETTINGS, type IdentityProviderSettings, type SamlSettings } from './saml-settings';
import { SamlRefusal, SamlRefusalReason } from './saml.errors';

export interface SamlAcsResult extends SamlSession {
  /** The validated address the login was started with, or `null`. */
  readonly returnTo: string | null;
}

/**
 * SP-initiated SAML single sign-on. The requests issued and the assertions used are kept in identity's database,
 * so any gateway and identity replica can receive the response; every refusal is audited.
 */
@Injectable()
export class SamlService {
  private readonly logger = new Logger(SamlService.name);

  constructor(
    private readonly protocol: SamlProtocolService,
    private readonly requests: SamlRequestsRepository,
    private readonly assertions: SamlAssertionsRepository,
    private readonly login: SamlLoginService,
    private readonly audit: AuditRepository,
    @Inject(SAML_SETTINGS) private readonly settings: SamlSettings | null,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ID_GENERATOR) private readonly ids: IdGenerator,
  ) {}

  /** The configured identity providers, for a sign-in page to offer (none when SAML is off). */
  providers(): Array<{ id: string; displayName: string }> {
    return [...(this.settings?.identityProviders.values() ?? [])].map(({ id, displayName }) => ({ id, displayName }));
  }

  metadata(idpId: string): string {
    return this.protocol.metadata(this.identityProvider(idpId).idp);
  }

  /** The identity provider's login URL with a signed AuthnRequest; the request is remembered until it expires. */
  async start(idpId: string, returnTo: string | undefined): Promise<{ location: string }> {
    const { settings, idp } = this.identityProvider(idpId);
    const allowedReturnTo = returnTo === undefined ? null : allowedReturnUrl(returnTo, settings.returnUrlAllowlist);
    if (returnTo !== undefined && !allowedReturnTo) {
      throw DomainError.badInput('returnTo is not an address this service may return to', [
        { field: 'returnTo', message: 'returnTo must be under an address of SAML_RETURN_URL_ALLOWLIST' },
      ]);
    }
    const now = this.clock.now();
    // an xsd:ID must not start with a digit
    const id = `_${this.ids.uuid()}`;
    await this.requests.save(
      { id, idp: idp.id, returnTo: allowedReturnTo, expiresAt: new Date(now.getTime() + settings.requestTtlMs) },
      now,
    );
    return { location: await this.protocol.authorizeUrl(idp, id) };
  }

  /** Checks a posted SAMLResponse and signs the user in; a refusal is a 401 with its reason, and an audit entry. */
  async acs(caller: CallerContext, idpId: string, samlResponse: string): Promise<SamlAcsResult> {
    const { idp } = this.identityProvider(idpId);
    try {
      const assertion = await this.protocol.verify(idp, samlResponse);
      const now = this.clock.now();
      if (!(await this.assertions.recordFirstUse(idp.id, assertion.id, assertion.validUntil, now)))
        throw new SamlRefusal(SamlRefusalReason.Replayed);
      const request = await this.requests.consume(assertion.inResponseTo, idp.id);
      if (!request || request.expiresAt <= now) throw new SamlRefusal(SamlRefusalReason.UnknownRequest);
      const session = await this.login.login(caller, idp, assertion);
      return { ...session, returnTo: request.returnTo };
    } catch (error) {
      if (!(error instanceof SamlRefusal)) throw error;
      await this.audit.record({
        action: 'login.failed',
        actorUserUuid: error.known.userUuid ?? null,
        subjectUuid: error.known.userUuid ?? null,
        organizationUuids: error.known.organizationUuids ?? [],
        detail: `SAML login through ${idp.id} refused: ${error.reason}`,
        correlationId: caller.correlationId,
      });
      this.logger.log(`SAML login through ${idp.id} refused: ${error.reason}`);
      throw error.toDomainError();
    }
  }

  private identityProvider(idpId: string): { settings: SamlSettings; idp: IdentityProviderSettings } {
    if (!this.settings) throw new DomainError(ErrorCode.NotFound, 'SAML single sign-on is not configured');
    const idp = this.settings.identityProviders.get(idpId);
    if (!idp) throw new DomainError(ErrorCode.NotFound, `There is no SAML identity provider ${idpId}`);
    return { settings: this.settings, idp };
  }
}
