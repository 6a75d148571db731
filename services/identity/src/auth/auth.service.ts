import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, DomainError, ErrorCode, type CallerContext, type Clock } from '@kitos/common';
import { SERVICE_CONFIG } from '@kitos/config';
import { StaleVersionError } from '@kitos/persistence';
import { DUMMY_PASSWORD_HASH, TokenError, verifyPassword, type TokenClaims } from '@kitos/security';
import type { IdentityConfig } from '../identity.config';
import { emailKeyOf } from '../users/user';
import { UsersRepository } from '../users/users.repository';
import { AuditRepository } from './audit.repository';
import { TokensService } from './tokens.service';

/** One answer for every failed login, so that nobody can learn whether an e-mail address has an account. */
const LOGIN_FAILED = 'The e-mail address or password is wrong, or the account is locked for a while after too many attempts';

export interface IssuedToken {
  readonly token: string;
  readonly expires: string;
  readonly userUuid: string;
  readonly email: string;
}

/** Local login with e-mail and password: lock-out after repeated failures, tokens for API users or interactive sessions. */
@Injectable()
export class AuthService {
  constructor(
    private readonly users: UsersRepository,
    private readonly tokens: TokensService,
    private readonly audit: AuditRepository,
    @Inject(SERVICE_CONFIG) private readonly config: IdentityConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * `api`: KITOS GetToken — only users with API access. `session`: interactive login — only users without it
   * (KITOS keeps the two apart: API users use tokens only).
   */
  async login(caller: CallerContext, email: string, password: string, purpose: 'api' | 'session'): Promise<IssuedToken> {
    const user = await this.users.findByEmail(emailKeyOf(email));
    const now = this.clock.now();
    if (!user || !user.passwordHash) {
      await verifyPassword(password, DUMMY_PASSWORD_HASH);
      await this.audit.record({
        action: 'login.failed',
        actorUserUuid: null,
        subjectUuid: user?.uuid ?? null,
        organizationUuids: [],
        detail: user ? 'no local password' : 'unknown account',
        correlationId: caller.correlationId,
      });
      throw unauthenticated();
    }
    const organizations = user.rights.map((r) => r.organizationUuid);
    if (user.lockedUntil && user.lockedUntil > now) {
      await verifyPassword(password, DUMMY_PASSWORD_HASH);
      await this.audit.record({
        action: 'login.failed',
        actorUserUuid: user.uuid,
        subjectUuid: user.uuid,
        organizationUuids: organizations,
        detail: 'account locked',
        correlationId: caller.correlationId,
      });
      throw unauthenticated();
    }
    if (!(await verifyPassword(password, user.passwordHash))) {
      const failedLogins = user.failedLogins + 1;
      const lock = failedLogins >= this.config.loginMaxFailures;
      await this.bookkeep(user.uuid, user.version, {
        failedLogins: lock ? 0 : failedLogins,
        lockedUntil: lock ? new Date(now.getTime() + this.config.loginLockoutMinutes * 60_000) : user.lockedUntil,
      });
      await this.audit.record({
        action: lock ? 'login.locked' : 'login.failed',
        actorUserUuid: user.uuid,
        subjectUuid: user.uuid,
        organizationUuids: organizations,
        detail: lock ? `locked for ${this.config.loginLockoutMinutes} minutes after ${failedLogins} failures` : 'wrong password',
        correlationId: caller.correlationId,
      });
      throw unauthenticated();
    }
    const allowed = purpose === 'api' ? user.hasApiAccess : !user.hasApiAccess;
    const usable = user.isGlobalAdmin || user.rights.length > 0;
    if (!allowed || !usable) {
      await this.audit.record({
        action: 'login.failed',
        actorUserUuid: user.uuid,
        subjectUuid: user.uuid,
        organizationUuids: organizations,
        detail: !usable ? 'no role in any organisation' : purpose === 'api' ? 'not an API user' : 'API users log in with tokens only',
        correlationId: caller.correlationId,
      });
      throw unauthenticated();
    }
    if (user.failedLogins > 0 || user.lockedUntil) await this.bookkeep(user.uuid, user.version, { failedLogins: 0, lockedUntil: null });
    const issued = await this.tokens.issue(user.uuid, purpose, 'pwd');
    await this.audit.record({
      action: 'login.succeeded',
      actorUserUuid: user.uuid,
      subjectUuid: user.uuid,
      organizationUuids: organizations,
      detail: `${purpose} token until ${issued.expires.toISOString()}`,
      correlationId: caller.correlationId,
    });
    return { token: issued.token, expires: issued.expires.toISOString(), userUuid: user.uuid, email: user.email };
  }

  /** Token introspection (KITOS `POST /api/v2/token/validate`): invalid → 403, as in KITOS. */
  async validate(
    token: string,
  ): Promise<{ active: true; expiration: string; claims: Array<{ type: string; value: string }>; typ: TokenClaims['typ']; sub: string }> {
    let claims: TokenClaims;
    try {
      claims = await this.tokens.verify(token);
    } catch (error) {
      if (error instanceof TokenError)
        throw new DomainError(ErrorCode.Forbidden, `The token is not valid: ${error.message}`, [], { reason: error.reason });
      throw error;
    }
    const user = await this.users.findByUuid(claims.sub);
    if (!user) throw DomainError.forbidden('The token is not valid: its user no longer exists');
    if (claims.typ === 'api' && !user.hasApiAccess)
      throw DomainError.forbidden('The token is not valid: its user no longer has API access');
    return {
      active: true,
      expiration: new Date(claims.exp * 1000).toISOString(),
      typ: claims.typ,
      sub: claims.sub,
      claims: [
        { type: 'sub', value: claims.sub },
        { type: 'typ', value: claims.typ },
        { type: 'amr', value: claims.amr },
        ...(user.isGlobalAdmin ? [{ type: 'CanPublish', value: 'true' }] : []),
        ...(user.isSystemIntegrator ? [{ type: 'CanSubscribe', value: 'true' }] : []),
      ],
    };
  }

  private async bookkeep(uuid: string, version: number, set: Record<string, unknown>): Promise<void> {
    try {
      await this.users.update(uuid, version, set, []);
    } catch (error) {
      if (!(error instanceof StaleVersionError)) throw error;
    }
  }
}

function unauthenticated(): DomainError {
  return new DomainError(ErrorCode.Unauthenticated, LOGIN_FAILED);
}
