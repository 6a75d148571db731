import { Body, Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';
import { GetTokenResponse, LoginRequest, Rpc } from '@kitos/contracts';
import { Public } from '@kitos/platform';
import type { FastifyRequest } from 'fastify';
import { ApiProblems } from '../http/api-problems';
import { callerOf } from '../http/caller';
import { RpcClient } from '../rpc/rpc-client';

class TokenValidationRequest {
  @ApiProperty()
  @IsString()
  @MaxLength(4096)
  token!: string;
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

@ApiTags('authentication')
@Public()
@Controller()
export class AuthController {
  constructor(private readonly rpc: RpcClient) {}

  @Post('api/authorize/GetToken')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Get an API token (KITOS-compatible)',
    description:
      'For users with API access only. Send it as `Authorization: Bearer <token>`. Every failure gets the same answer, whether or not the e-mail has an account.',
  })
  @ApiOkResponse({ type: GetTokenResponse })
  @ApiProblems(400, 401, 503, 504)
  async getToken(@Body() body: LoginRequest, @Req() request: FastifyRequest): Promise<GetTokenResponse> {
    const issued = await this.rpc.request<IssuedToken>(Rpc.identity.login, callerOf(request), { purpose: 'api', credentials: body });
    return { token: issued.token, email: issued.email, loginSuccessful: true, expires: issued.expires };
  }

  @Post('api/v2/auth/login')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Log in with e-mail and password (interactive users)',
    description: 'Returns a short-lived session token. API users use GetToken instead.',
  })
  @ApiOkResponse({ type: SessionTokenResponse })
  @ApiProblems(400, 401, 503, 504)
  async login(@Body() body: LoginRequest, @Req() request: FastifyRequest): Promise<SessionTokenResponse> {
    const issued = await this.rpc.request<IssuedToken>(Rpc.identity.login, callerOf(request), { purpose: 'session', credentials: body });
    return { token: issued.token, expires: issued.expires };
  }

  @Post('api/v2/token/validate')
  @HttpCode(200)
  @ApiOperation({ summary: 'Introspect a token (KITOS-compatible)', description: 'An invalid, expired or revoked token → 403.' })
  @ApiOkResponse({ type: TokenValidationResponse })
  @ApiProblems(400, 403, 503, 504)
  async validate(@Body() body: TokenValidationRequest, @Req() request: FastifyRequest): Promise<TokenValidationResponse> {
    const result = await this.rpc.request<TokenValidationResponse>(Rpc.identity.validateToken, callerOf(request), { token: body.token });
    return { active: result.active, expiration: result.expiration, claims: result.claims };
  }

  @Get('api/v2/auth/jwks')
  @ApiOperation({
    summary: 'Public keys that sign tokens (JWKS)',
    description: 'ES256 keys by `kid`; a rotated key stays listed until its tokens have expired.',
  })
  @ApiOkResponse({ schema: { type: 'object', properties: { keys: { type: 'array', items: { type: 'object' } } } } })
  @ApiProblems(503, 504)
  jwks(@Req() request: FastifyRequest): Promise<{ keys: unknown[] }> {
    return this.rpc.request<{ keys: unknown[] }>(Rpc.identity.jwks, callerOf(request), {});
  }
}
