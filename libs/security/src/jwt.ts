import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  randomUUID,
  sign,
  verify,
  type JsonWebKey,
  type KeyObject,
} from 'node:crypto';

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

const b64url = (data: Buffer | string) => Buffer.from(data).toString('base64url');

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

export function signToken(key: SigningKey, claims: TokenClaims): string {
  const header = b64url(JSON.stringify({ alg: 'ES256', typ: 'JWT', kid: key.kid }));
  const payload = b64url(JSON.stringify(claims));
  const signature = sign('sha256', Buffer.from(`${header}.${payload}`), {
    key: createPrivateKey(key.privateKeyPem),
    dsaEncoding: 'ieee-p1363',
  });
  return `${header}.${payload}.${b64url(signature)}`;
}

export interface VerifyOptions {
  readonly issuer: string;
  readonly audience: string;
  readonly now?: Date;
  /** Tolerated clock difference between machines. */
  readonly clockSkewSeconds?: number;
}

/** Verifies an ES256 token against a set of public keys (by `kid`) and its time window, issuer and audience. */
export function verifyToken(token: string, keys: (kid: string) => PublicJwk | undefined, options: VerifyOptions): TokenClaims {
  const parts = token.split('.');
  if (parts.length !== 3) throw new TokenError('malformed', 'The token is not a JWT');
  let header: { alg?: string; kid?: string };
  let claims: TokenClaims;
  try {
    header = JSON.parse(Buffer.from(parts[0], 'base64url').toString('utf8'));
    claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
  } catch {
    throw new TokenError('malformed', 'The token is not a JWT');
  }
  if (header.alg !== 'ES256' || typeof header.kid !== 'string') throw new TokenError('malformed', 'The token must be ES256 with a key id');
  const jwk = keys(header.kid);
  if (!jwk) throw new TokenError('unknown-key', 'The token was signed with an unknown key');
  const publicKey: KeyObject = createPublicKey({ key: jwk, format: 'jwk' });
  const valid = verify(
    'sha256',
    Buffer.from(`${parts[0]}.${parts[1]}`),
    { key: publicKey, dsaEncoding: 'ieee-p1363' },
    Buffer.from(parts[2], 'base64url'),
  );
  if (!valid) throw new TokenError('bad-signature', 'The token signature is invalid');
  const now = Math.floor((options.now ?? new Date()).getTime() / 1000);
  const skew = options.clockSkewSeconds ?? 30;
  if (typeof claims.exp !== 'number' || now > claims.exp + skew) throw new TokenError('expired', 'The token has expired');
  if (typeof claims.iat !== 'number' || claims.iat > now + skew) throw new TokenError('not-yet-valid', 'The token is not valid yet');
  if (claims.iss !== options.issuer) throw new TokenError('wrong-issuer', 'The token was issued by someone else');
  if (claims.aud !== options.audience) throw new TokenError('wrong-audience', 'The token is meant for another audience');
  if (typeof claims.sub !== 'string' || (claims.typ !== 'api' && claims.typ !== 'session'))
    throw new TokenError('malformed', 'The token lacks a subject or type');
  return claims;
}
