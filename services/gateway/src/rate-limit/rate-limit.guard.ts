import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DomainError } from '@kitos/common';
import { SERVICE_CONFIG } from '@kitos/config';
import type { FastifyRequest } from 'fastify';
import type { GatewayConfig } from '../gateway.config';
import { RATE_LIMIT_GROUP, type RateLimitGroup } from './rate-limited.decorator';
import { TokenBuckets } from './token-bucket';

/**
 * Requests per client address to the token endpoints, per gateway process. It bounds the load a flood puts on
 * identity (each attempt costs a password hash); guessing itself is bounded by identity's throttle, whose counters
 * are shared by every replica. With N gateway replicas behind a balancer an address gets at most N times the limit.
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  private readonly buckets: TokenBuckets;

  constructor(
    private readonly reflector: Reflector,
    @Inject(SERVICE_CONFIG) config: GatewayConfig,
  ) {
    this.buckets = new TokenBuckets(config.tokenRateLimitPerMinute, () => Date.now());
  }

  canActivate(context: ExecutionContext): boolean {
    const group = this.reflector.get<RateLimitGroup | undefined>(RATE_LIMIT_GROUP, context.getHandler());
    if (!group) return true;
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const wait = this.buckets.take(`${group} ${request.ip}`);
    if (wait > 0)
      throw DomainError.tooManyRequests(`Too many requests to the token endpoints from your address; try again in ${wait} s`, wait);
    return true;
  }
}
