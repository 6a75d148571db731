import { Transform } from 'class-transformer';
import { IsInt, IsString, Matches, Max, Min } from 'class-validator';
import { ServiceConfig, toInt } from '@kitos/config';

/** Settings of the gateway besides the common ones. */
export class GatewayConfig extends ServiceConfig {
  /**
   * Which peers may tell the client's address in `X-Forwarded-For`: `all`, a number of proxy hops, or a comma-separated
   * list of addresses, CIDR ranges and the names `loopback`, `linklocal`, `uniquelocal` (private ranges). A client
   * connecting directly from elsewhere cannot forge its address, which the sign-in throttle relies on.
   */
  @IsString()
  @Matches(/^(all|\d{1,2}|[0-9A-Za-z.:/]+(\s*,\s*[0-9A-Za-z.:/]+)*)$/, {
    message: 'TRUST_PROXY must be all, a hop count, or a comma-separated list of addresses, CIDR ranges, loopback, linklocal, uniquelocal',
  })
  trustProxy = 'loopback,linklocal,uniquelocal';

  /** Requests per minute one client address may send to each group of token endpoints, per gateway process (then 429). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100000)
  tokenRateLimitPerMinute = 120;

  /** How long an `Idempotency-Key` and the first answer to it are kept. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(24 * 30)
  idempotencyRetentionHours = 24;

  /** Fastify's `trustProxy` option. */
  trustProxyOption(): boolean | number | string {
    if (this.trustProxy === 'all') return true;
    if (/^\d+$/.test(this.trustProxy)) return Number(this.trustProxy);
    return this.trustProxy;
  }
}
