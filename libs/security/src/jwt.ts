import { createPrivateKey, generateKeyPairSync, randomUUID, type JsonWebKey } from 'node:crypto';
import { SignJWT, errors, importJWK, jwtVerify, type JWTPayload } from 'jose';

/** A public key as published in the JWKS document. */
export interface PublicJwk extends JsonWebKey {
  kid: string;
  alg: 'ES256';
  use: 'sig';
}

export interface SigningKey {
  readonly kid: string;
  readonly privateKeyPem: string;
  readonly publicJwk: PublicJwk;
}

export interface TokenClaims {
  /** Subject: the user's uuid. */
  sub: string;
  iss: string;
  aud: string;
  iat: number;
  exp: number;
  jti: string;
  /** `api` for tokens of API users (GetToken, token endpoint), `session` for interactive logins (password, SAML). */
  typ: 'api' | 'session';
  /** How the user authenticated. */
  amr: 'pwd' | 'saml';
}

export class TokenError extends Error {
  constructor(
    readonly reason: 'malformed' | 'unknown-key' | 'bad-signature' | 'expired' | 'not-yet-valid' | 'wrong-issuer' | 'wrong-audience',
    message: string,
  ) {
    super(message);
    this.name = 'TokenError';
  }
}

/** A new ES256 (P-256) signing key with a random key id. */
export function generateSigningKey(): SigningKey {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const kid = randomUUID();
  return {
    kid,
    privateKeyPem: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
    publicJwk: { ...(publicKey.export({ format: 'jwk' }) as JsonWebKey), kid, alg: 'ES256', use: 'sig' },
  };
}

/** Signs the claims with the key (ES256, the key id in the header), with jose. */
export async function signToken(key: SigningKey, claims: TokenClaims): Promise<string> {
  return new SignJWT({ ...claims })
    .setProtectedHeader({ alg: 'ES256', typ: 'JWT', kid: key.kid })
    .sign(createPrivateKey(key.privateKeyPem));
}

export interface VerifyOptions {
  readonly issuer: string;
  readonly audience: string;
  readonly now?: Date;
  /** Tolerated clock difference between machines. */
  readonly clockSkewSeconds?: number;
}

/**
 * Verifies an ES256 token with jose against a set of public keys (by `kid`), its time window, issuer and audience.
 * Every refusal is a TokenError with the reason the gateway reports.
 */
export async function verifyToken(
  token: string,
  keys: (kid: string) => PublicJwk | undefined,
  options: VerifyOptions,
): Promise<TokenClaims> {
  const now = options.now ?? new Date();
  const skew = options.clockSkewSeconds ?? 30;
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(
      token,
      (header) => {
        if (typeof header.kid !== 'string') throw new TokenError('malformed', 'The token must be ES256 with a key id');
        const jwk = keys(header.kid);
        if (!jwk) throw new TokenError('unknown-key', 'The token was signed with an unknown key');
        return importJWK(jwk, 'ES256');
      },
      {
        algorithms: ['ES256'],
        issuer: options.issuer,
        audience: options.audience,
        currentDate: now,
        clockTolerance: skew,
        requiredClaims: ['exp', 'iat'],
      },
    ));
  } catch (error) {
    throw tokenErrorOf(error);
  }
  const claims = payload as unknown as TokenClaims;
  if (claims.iat > Math.floor(now.getTime() / 1000) + skew) throw new TokenError('not-yet-valid', 'The token is not valid yet');
  if (typeof claims.sub !== 'string' || (claims.typ !== 'api' && claims.typ !== 'session'))
    throw new TokenError('malformed', 'The token lacks a subject or type');
  return claims;
}

/** jose's refusals as the reasons the API reports (`malformed` for anything that is not a well-formed ES256 JWT). */
function tokenErrorOf(error: unknown): TokenError {
  if (error instanceof TokenError) return error;
  if (error instanceof errors.JWTExpired) return new TokenError('expired', 'The token has expired');
  if (error instanceof errors.JWSSignatureVerificationFailed) return new TokenError('bad-signature', 'The token signature is invalid');
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'iss') return new TokenError('wrong-issuer', 'The token was issued by someone else');
    if (error.claim === 'aud') return new TokenError('wrong-audience', 'The token is meant for another audience');
    if (error.claim === 'nbf' || error.claim === 'iat') return new TokenError('not-yet-valid', 'The token is not valid yet');
  }
  return new TokenError('malformed', 'The token is not a JWT');
}
