import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { PUBLIC_ROUTE } from '@kitos/platform';
import { DomainError, ErrorCode, anonymousCaller, type CallerContext } from '@kitos/common';
import { SERVICE_CONFIG, type ServiceConfig } from '@kitos/config';
import { Rpc } from '@kitos/contracts';
import { TokenError, verifyToken } from '@kitos/security';
import type { FastifyRequest } from 'fastify';
import { attachCaller, correlationIdOf } from '../http/caller';
import { RpcClient } from '../rpc/rpc-client';
import { CallerCache } from './caller-cache';
import { JwksCache } from './jwks.cache';
import { OWN_CREDENTIAL } from './own-credential';

/**
 * Verifies `Authorization: Bearer <token>` (signature by a published key, time window, issuer, audience) and takes
 * the caller's current rights from the caller cache, which asks identity when it does not have them and is evicted by
 * identity's notices, so that a revoked right or API access counts on the next request. Without a token only routes
 * marked @Public() answer; everything else is 401.
 */
@Injectable()
export class AuthenticationGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly jwks: JwksCache,
    private readonly rpc: RpcClient,
    private readonly callers: CallerCache,
    @Inject(SERVICE_CONFIG) private readonly config: ServiceConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    if (this.reflector.getAllAndOverride<boolean>(OWN_CREDENTIAL, [context.getHandler(), context.getClass()])) return true;
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const header = request.headers.authorization;
    const isPublic = this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, [context.getHandler(), context.getClass()]);
    if (!header) {
      if (isPublic) return true;
      throw new DomainError(ErrorCode.Unauthenticated, 'Send a token: Authorization: Bearer <token> (see POST /api/authorize/GetToken)');
    }
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw new DomainError(ErrorCode.Unauthenticated, 'The Authorization header must be "Bearer <token>"');
    const correlationId = correlationIdOf(request);
    const claims = await this.verify(match[1]);
    const caller = await this.callers.resolve(claims.sub, claims.typ, correlationId, () =>
      this.rpc.request<CallerContext>(Rpc.identity.resolveCaller, anonymousCaller(correlationId), {
        userUuid: claims.sub,
        tokenType: claims.typ,
      }),
    );
    attachCaller(request, caller);
    return true;
  }

  private async verify(token: string) {
    const kid = headerKid(token);
    const key = kid ? await this.jwks.find(kid) : undefined;
    try {
      return await verifyToken(token, () => key, { issuer: this.config.jwtIssuer, audience: this.config.jwtAudience });
    } catch (error) {
      if (error instanceof TokenError)
        throw new DomainError(ErrorCode.Unauthenticated, `The token is not valid: ${error.message}`, [], { reason: error.reason });
      throw error;
    }
  }
}

function headerKid(token: string): string | undefined {
  try {
    const header = JSON.parse(Buffer.from(token.split('.')[0] ?? '', 'base64url').toString('utf8')) as { kid?: unknown };
    return typeof header.kid === 'string' ? header.kid : undefined;
  } catch {
    return undefined;
  }
}
