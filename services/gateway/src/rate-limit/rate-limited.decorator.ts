import { SetMetadata } from '@nestjs/common';

export const RATE_LIMIT_GROUP = 'kitos:rate-limit-group';

/** Endpoints that issue or check credentials; each group has its own budget per client address. */
export type RateLimitGroup = 'sign-in' | 'token-validation';

/** Limits requests per client address to TOKEN_RATE_LIMIT_PER_MINUTE for the group (429 with Retry-After above it). */
export const RateLimited = (group: RateLimitGroup) => SetMetadata(RATE_LIMIT_GROUP, group);
