import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, ID_GENERATOR, type Clock, type IdGenerator } from '@kitos/common';
import { SERVICE_CONFIG } from '@kitos/config';
import { generateSigningKey, signToken, verifyToken, type PublicJwk, type TokenClaims } from '@kitos/security';
import type { IdentityConfig } from '../identity.config';
import { SigningKeysRepository, type StoredKey } from './signing-keys.repository';

const DAY_MS = 86_400_000;

/** Signs tokens with the current key (a new key takes over every SIGNING_KEY_ROTATION_DAYS) and publishes the public keys. */
@Injectable()
export class TokensService {
  private creating: Promise<StoredKey> | undefined;

  constructor(
    private readonly keys: SigningKeysRepository,
    @Inject(SERVICE_CONFIG) private readonly config: IdentityConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ID_GENERATOR) private readonly ids: IdGenerator,
  ) {}

  async issue(
    userUuid: string,
    typ: TokenClaims['typ'],
    amr: TokenClaims['amr'],
  ): Promise<{ token: string; expires: Date; claims: TokenClaims }> {
    const key = await this.currentKey();
    const now = this.clock.now();
    const ttlMinutes = typ === 'api' ? this.config.apiTokenTtlMinutes : this.config.sessionTokenTtlMinutes;
    const iat = Math.floor(now.getTime() / 1000);
    const claims: TokenClaims = {
      sub: userUuid,
      iss: this.config.jwtIssuer,
      aud: this.config.jwtAudience,
      iat,
      exp: iat + ttlMinutes * 60,
      jti: this.ids.uuid(),
      typ,
      amr,
    };
    return { token: await signToken(key, claims), expires: new Date(claims.exp * 1000), claims };
  }

  /** Every key whose tokens may still be valid: the JWKS document. */
  async publicKeys(): Promise<PublicJwk[]> {
    await this.currentKey();
    const maxTtlMs = Math.max(this.config.apiTokenTtlMinutes, this.config.sessionTokenTtlMinutes) * 60_000;
    const since = new Date(this.clock.now().getTime() - this.config.signingKeyRotationDays * DAY_MS - maxTtlMs);
    return (await this.keys.since(since)).map((k) => k.publicJwk);
  }

  async verify(token: string): Promise<TokenClaims> {
    const keys = await this.publicKeys();
    return verifyToken(token, (kid) => keys.find((k) => k.kid === kid), {
      issuer: this.config.jwtIssuer,
      audience: this.config.jwtAudience,
      now: this.clock.now(),
    });
  }

  private async currentKey(): Promise<StoredKey> {
    const since = new Date(this.clock.now().getTime() - this.config.signingKeyRotationDays * DAY_MS);
    const [current] = await this.keys.since(since);
    if (current) return current;
    this.creating ??= (async () => {
      const key = { ...generateSigningKey(), createdAt: this.clock.now() };
      await this.keys.insert(key, key.createdAt);
      return key;
    })().finally(() => (this.creating = undefined));
    return this.creating;
  }
}
