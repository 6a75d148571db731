import { generateSigningKey, signToken, verifyToken, TokenError, type TokenClaims } from './jwt';

const NOW = new Date('2026-11-26T12:00:00Z');
const t = Math.floor(NOW.getTime() / 1000);
const claims = (overrides: Partial<TokenClaims> = {}): TokenClaims => ({
  sub: 'u-1',
  iss: 'https://kitos.example',
  aud: 'kitos-api',
  iat: t,
  exp: t + 3600,
  jti: 'j-1',
  typ: 'api',
  amr: 'pwd',
  ...overrides,
});
const options = { issuer: 'https://kitos.example', audience: 'kitos-api', now: NOW };

async function reasonOf(fn: () => Promise<unknown>): Promise<string> {
  try {
    await fn();
  } catch (error) {
    if (error instanceof TokenError) return error.reason;
    throw error;
  }
  return 'accepted';
}

describe('ES256 tokens', () => {
  const key = generateSigningKey();
  const other = generateSigningKey();
  const keys = (kid: string) => [key.publicJwk, other.publicJwk].find((k) => k.kid === kid);

  it('round-trips the claims of a token signed with a published key', async () => {
    await expect(verifyToken(await signToken(key, claims()), keys, options)).resolves.toEqual(claims());
  });

  it('publishes only the public part of the key, with its id and algorithm', async () => {
    expect(key.publicJwk).toMatchObject({ kty: 'EC', crv: 'P-256', kid: key.kid, alg: 'ES256', use: 'sig' });
    expect(key.publicJwk).not.toHaveProperty('d');
  });

  it.each([
    ['expired', claims({ exp: t - 60 }), 'expired'],
    ['issued in the future', claims({ iat: t + 600, exp: t + 4000 }), 'not-yet-valid'],
    ['from another issuer', claims({ iss: 'https://evil.example' }), 'wrong-issuer'],
    ['for another audience', claims({ aud: 'other' }), 'wrong-audience'],
  ])('refuses a token %s', async (_, c, reason) => {
    expect(await reasonOf(async () => verifyToken(await signToken(key, c), keys, options))).toBe(reason);
  });

  it('tolerates a small clock difference', async () => {
    expect(await reasonOf(async () => verifyToken(await signToken(key, claims({ exp: t - 10 })), keys, options))).toBe('accepted');
  });

  it('refuses a token whose signature does not match, even with a known key id', async () => {
    const forged = await signToken({ ...other, kid: key.kid }, claims());
    expect(await reasonOf(() => verifyToken(forged, keys, options))).toBe('bad-signature');
  });

  it('refuses a token whose payload was changed after signing', async () => {
    const [h, , s] = (await signToken(key, claims())).split('.');
    const tampered = `${h}.${Buffer.from(JSON.stringify(claims({ sub: 'admin' }))).toString('base64url')}.${s}`;
    expect(await reasonOf(() => verifyToken(tampered, keys, options))).toBe('bad-signature');
  });

  it('refuses an unknown key id, alg none and garbage', async () => {
    const unknown = generateSigningKey();
    expect(await reasonOf(async () => verifyToken(await signToken(unknown, claims()), keys, options))).toBe('unknown-key');
    const none = `${Buffer.from(JSON.stringify({ alg: 'none', kid: key.kid })).toString('base64url')}.${Buffer.from(JSON.stringify(claims())).toString('base64url')}.`;
    expect(await reasonOf(() => verifyToken(none, keys, options))).toBe('malformed');
    expect(await reasonOf(() => verifyToken('not.a.jwt', keys, options))).toBe('malformed');
  });
});
