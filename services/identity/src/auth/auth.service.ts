import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, DomainError, ErrorCode, type CallerContext, type Clock } from '@kitos/common';
import { SERVICE_CONFIG } from '@kitos/config';
import { KeyedMutex, type Stored } from '@kitos/persistence';
import { DUMMY_PASSWORD_HASH, TokenError, verifyPassword, type TokenClaims } from '@kitos/security';
import type { IdentityConfig } from '../identity.config';
import { emailKeyOf, type User } from '../users/user';
import { UsersRepository } from '../users/users.repository';
import { AuditRepository } from './audit.repository';
import { throttleKeys, waitBefore, type ThrottleKeys, type ThrottlePolicy } from './login-throttle';
import { LoginThrottleRepository } from './login-throttle.repository';
import { TokensService } from './tokens.service';

/** One answer for every failed login, so that nobody can learn whether an e-mail address has an account. */
const LOGIN_FAILED = 'The e-mail address or password is wrong';
const FORGET_EVERY_MS = 60 * 60 * 1000;

export interface IssuedToken {
  readonly token: string;
  readonly expires: string;
  readonly userUuid: string;
  readonly email: string;
}

/**
 * Local login with e-mail and password: throttled per account and client address (never locked), tokens for API
 * users or interactive sessions.
 */
@Injectable()
export class AuthService {
  /** Serialises this process's attempts on one account from one address, so that a burst cannot slip past the check. */
  private readonly attempts = new KeyedMutex();
  private readonly policy: ThrottlePolicy;
  private forgottenAt = 0;

  constructor(
    private readonly users: UsersRepository,
    private readonly tokens: TokensService,
    private readonly audit: AuditRepository,
    private readonly throttles: LoginThrottleRepository,
    @Inject(SERVICE_CONFIG) private readonly config: IdentityConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.policy = {
      freeFailures: config.loginFreeFailures,
      maxDelaySeconds: config.loginMaxDelaySeconds,
      accountMaxDelaySeconds: config.loginAccountMaxDelaySeconds,
      addressFreeFailures: config.loginAddressFreeFailures,
      memoryMs: config.loginFailureMemoryMinutes * 60_000,
    };
  }

  /**
   * `api`: KITOS GetToken — only users with API access. `session`: interactive login — only users without it
   * (KITOS keeps the two apart: API users use tokens only). `clientAddress` is the caller's address as the gateway saw it.
   */
  login(caller: CallerContext, email: string, password: string, purpose: 'api' | 'session', clientAddress: string): Promise<IssuedToken> {
    const keys = throttleKeys(emailKeyOf(email), clientAddress);
    return this.attempts.run(keys.pair, () => this.attempt(caller, email, password, purpose, clientAddress, keys));
  }

  private async attempt(
    caller: CallerContext,
    email: string,
    password: string,
    purpose: 'api' | 'session',
    clientAddress: string,
    keys: ThrottleKeys,
  ): Promise<IssuedToken> {
    const now = this.clock.now();
    const counts = await this.throttles.counts([keys.pair, keys.account, keys.address]);
    const wait = waitBefore(
      now,
      { pair: counts.get(keys.pair), account: counts.get(keys.account), address: counts.get(keys.address) },
      this.policy,
    );
    const user = await this.users.findByEmail(emailKeyOf(email));
    const organizations = user?.rights.map((r) => r.organizationUuid) ?? [];
    if (wait) {
      const key = wait.by === 'address' ? keys.address : keys.pair;
      const pair = counts.get(keys.pair);
      if (await this.throttles.recordRefused(key)) {
        await this.audit.record({
          action: 'login.throttled',
          actorUserUuid: null,
          subjectUuid: user?.uuid ?? null,
          organizationUuids: organizations,
          detail:
            wait.by === 'address'
              ? `attempts from ${clientAddress} refused for ${wait.seconds} s after ${counts.get(keys.address)?.failures ?? 0} failures against any account`
              : `attempts from ${clientAddress} refused for ${wait.seconds} s after ${pair?.failures ?? 0} failures from there (${counts.get(keys.account)?.failures ?? 0} from anywhere)`,
          correlationId: caller.correlationId,
        });
      }
      throw DomainError.tooManyRequests(`Too many failed sign-in attempts; try again in ${wait.seconds} s`, wait.seconds);
    }
    const failure = await this.check(user, password, purpose);
    if (failure) {
      // the delay runs from the answer, not from the start of a slow verification
      const failedAt = this.clock.now();
      await this.throttles.recordFailure(
        [keys.pair, keys.account, keys.address],
        failedAt,
        new Date(failedAt.getTime() - this.policy.memoryMs),
      );
      await this.audit.record({
        action: 'login.failed',
        actorUserUuid: user && failure !== 'unknown account' && failure !== 'no local password' ? user.uuid : null,
        subjectUuid: user?.uuid ?? null,
        organizationUuids: organizations,
        detail: `${failure} (from ${clientAddress})`,
        correlationId: caller.correlationId,
      });
      await this.forgetOldFailures(failedAt);
      throw unauthenticated();
    }
    const signedIn = user as Stored<User>;
    await this.throttles.clear([keys.pair, keys.account]);
    const issued = await this.tokens.issue(signedIn.uuid, purpose, 'pwd');
    await this.audit.record({
      action: 'login.succeeded',
      actorUserUuid: signedIn.uuid,
      subjectUuid: signedIn.uuid,
      organizationUuids: organizations,
      detail: `${purpose} token until ${issued.expires.toISOString()}`,
      correlationId: caller.correlationId,
    });
    return { token: issued.token, expires: issued.expires.toISOString(), userUuid: signedIn.uuid, email: signedIn.email };
  }

  /** Why the credentials do not sign in, or null when they do. Takes one password verification whatever the outcome. */
  private async check(user: Stored<User> | null, password: string, purpose: 'api' | 'session'): Promise<string | null> {
    if (!user || !user.passwordHash) {
      await verifyPassword(password, DUMMY_PASSWORD_HASH);
      return user ? 'no local password' : 'unknown account';
    }
    if (!(await verifyPassword(password, user.passwordHash))) return 'wrong password';
    if (!user.isGlobalAdmin && user.rights.length === 0) return 'no role in any organisation';
    if (purpose === 'api' && !user.hasApiAccess) return 'not an API user';
    if (purpose === 'session' && user.hasApiAccess) return 'API users log in with tokens only';
    return null;
  }

  /** Counters nobody failed under for longer than the memory are dropped, at most once an hour per process. */
  private async forgetOldFailures(now: Date): Promise<void> {
    if (now.getTime() - this.forgottenAt < FORGET_EVERY_MS) return;
    this.forgottenAt = now.getTime();
    await this.throttles.forget(new Date(now.getTime() - this.policy.memoryMs));
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
}

function unauthenticated(): DomainError {
  return new DomainError(ErrorCode.Unauthenticated, LOGIN_FAILED);
}
