import { Body, Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsIn, IsString, MaxLength } from 'class-validator';
import { DomainError, ErrorCode } from '@kitos/common';
import { GetTokenResponse, LoginRequest, Rpc } from '@kitos/contracts';
import { Public } from '@kitos/platform';
import type { FastifyRequest } from 'fastify';
import { ApiProblems } from '../http/api-problems';
import { RateLimited } from '../rate-limit/rate-limited.decorator';
import { callerOf } from '../http/caller';
import { RpcClient } from '../rpc/rpc-client';

class TokenValidationRequest {
  @ApiProperty()
  @IsString()
  @MaxLength(4096)
  token!: string;
}

class OAuthTokenRequest {
  @ApiProperty({ enum: ['password'], description: 'Resource-owner password grant, for API users (integrations)' })
  @IsIn(['password'])
  grant_type!: 'password';

  @ApiProperty({ description: "The API user's e-mail address" })
  @IsString()
  @MaxLength(200)
  username!: string;

  @ApiProperty()
  @IsString()
  @MaxLength(200)
  password!: string;
}

class OAuthTokenResponse {
  @ApiProperty()
  access_token!: string;

  @ApiProperty({ enum: ['Bearer'] })
  token_type!: 'Bearer';

  @ApiProperty({ description: 'Seconds until the token expires' })
  expires_in!: number;
}

class SessionTokenResponse {
  @ApiProperty()
  token!: string;

  @ApiProperty({ format: 'date-time' })
  expires!: string;
}

class TokenValidationResponse {
  @ApiProperty()
  active!: boolean;

  @ApiProperty({ format: 'date-time' })
  expiration!: string;

  @ApiProperty({ type: 'array', items: { type: 'object', properties: { type: { type: 'string' }, value: { type: 'string' } } } })
  claims!: Array<{ type: string; value: string }>;
}

interface IssuedToken {
  token: string;
  expires: string;
  userUuid: string;
  email: string;
}

/** An ES256 public key as published in the JWKS (RFC 7517). */
const PUBLIC_JWK = {
  type: 'object',
  required: ['kty', 'kid'],
  properties: {
    kty: { type: 'string', example: 'EC' },
    crv: { type: 'string', example: 'P-256' },
    x: { type: 'string' },
    y: { type: 'string' },
    kid: { type: 'string' },
    alg: { type: 'string', example: 'ES256' },
    use: { type: 'string', example: 'sig' },
  },
  additionalProperties: true,
};

@ApiTags('authentication')
@Public()
@Controller()
export class AuthController {
  constructor(private readonly rpc: RpcClient) {}

  @Post('api/authorize/GetToken')
  @RateLimited('sign-in')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Get an API token (KITOS-compatible)',
    description:
      'For users with API access only. Send it as `Authorization: Bearer <token>`. Every failure gets the same answer, whether or not the e-mail has an account. Repeated failures are slowed down (429 with `Retry-After`), never locked out.',
  })
  @ApiOkResponse({ type: GetTokenResponse })
  @ApiProblems(400, 401, 429, 503, 504)
  async getToken(@Body() body: LoginRequest, @Req() request: FastifyRequest): Promise<GetTokenResponse> {
    const issued = await this.rpc.request<IssuedToken>(Rpc.identity.login, callerOf(request), {
      purpose: 'api',
      credentials: body,
      clientAddress: request.ip,
    });
    return { token: issued.token, email: issued.email, loginSuccessful: true, expires: issued.expires };
  }

  @Post('api/v2/token')
  @RateLimited('sign-in')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Get an API token (OAuth 2.0 style)',
    description:
      'The same API token as GetToken, in the OAuth 2.0 token-response shape, for API users only. A failure is a 401 problem carrying `error: "invalid_grant"`.',
  })
  @ApiOkResponse({ type: OAuthTokenResponse })
  @ApiProblems(400, 401, 429, 503, 504)
  async oauthToken(@Body() body: OAuthTokenRequest, @Req() request: FastifyRequest): Promise<OAuthTokenResponse> {
    let issued: IssuedToken;
    try {
      issued = await this.rpc.request<IssuedToken>(Rpc.identity.login, callerOf(request), {
        purpose: 'api',
        credentials: { email: body.username, password: body.password },
        clientAddress: request.ip,
      });
    } catch (error) {
      if (error instanceof DomainError && error.code === ErrorCode.Unauthenticated) {
        throw new DomainError(ErrorCode.Unauthenticated, error.message, [], { error: 'invalid_grant' });
      }
      throw error;
    }
    return {
      access_token: issued.token,
      token_type: 'Bearer',
      expires_in: Math.max(0, Math.round((Date.parse(issued.expires) - Date.now()) / 1000)),
    };
  }

  @Post('api/v2/auth/login')
  @RateLimited('sign-in')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Log in with e-mail and password (interactive users)',
    description: 'Returns a short-lived session token. API users use GetToken instead.',
  })
  @ApiOkResponse({ type: SessionTokenResponse })
  @ApiProblems(400, 401, 429, 503, 504)
  async login(@Body() body: LoginRequest, @Req() request: FastifyRequest): Promise<SessionTokenResponse> {
    const issued = await this.rpc.request<IssuedToken>(Rpc.identity.login, callerOf(request), {
      purpose: 'session',
      credentials: body,
      clientAddress: request.ip,
    });
    return { token: issued.token, expires: issued.expires };
  }

  @Post('api/v2/token/validate')
  @RateLimited('token-validation')
  @HttpCode(200)
  @ApiOperation({ summary: 'Introspect a token (KITOS-compatible)', description: 'An invalid, expired or revoked token → 403.' })
  @ApiOkResponse({ type: TokenValidationResponse })
  @ApiProblems(400, 403, 429, 503, 504)
  async validate(@Body() body: TokenValidationRequest, @Req() request: FastifyRequest): Promise<TokenValidationResponse> {
    const result = await this.rpc.request<TokenValidationResponse>(Rpc.identity.validateToken, callerOf(request), { token: body.token });
    return { active: result.active, expiration: result.expiration, claims: result.claims };
  }

  @Get('api/v2/auth/jwks')
  @ApiOperation({
    summary: 'Public keys that sign tokens (JWKS)',
    description: 'ES256 keys by `kid`; a rotated key stays listed until its tokens have expired.',
  })
  @ApiOkResponse({ schema: { type: 'object', required: ['keys'], properties: { keys: { type: 'array', items: PUBLIC_JWK } } } })
  @ApiProblems(503, 504)
  jwks(@Req() request: FastifyRequest): Promise<{ keys: unknown[] }> {
    return this.rpc.request<{ keys: unknown[] }>(Rpc.identity.jwks, callerOf(request), {});
  }
}
