import { createHash } from 'node:crypto';

/** Failed sign-ins counted under one key, and when the last one happened. */
export interface FailureCount {
  readonly failures: number;
  readonly lastFailureAt: Date;
}

export interface ThrottlePolicy {
  /** Failures from one address against one account (and against the account from anywhere) before delays start. */
  readonly freeFailures: number;
  /** Longest delay for one address: against one account, or across accounts. */
  readonly maxDelaySeconds: number;
  /** Longest delay that failures from other addresses can impose on an address: what a stranger can cost the owner. */
  readonly accountMaxDelaySeconds: number;
  /** Failures from one address across all accounts (password spraying) before its delays start. */
  readonly addressFreeFailures: number;
  /** A key's failures are forgotten after this long without a new one. */
  readonly memoryMs: number;
}

/** The three counters a sign-in attempt is judged by (see docs/identity.md, "Throttling"). */
export interface ThrottleKeys {
  /** This account from this address. */
  readonly pair: string;
  /** This account from any address. */
  readonly account: string;
  /** This address against any account. */
  readonly address: string;
}

const digest = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 40);

/** Keys are digests: the collection holds neither the e-mail addresses tried nor the client addresses. */
export function throttleKeys(emailKey: string, clientAddress: string): ThrottleKeys {
  return {
    pair: `pair:${digest(`${emailKey}\n${clientAddress}`)}`,
    account: `account:${digest(emailKey)}`,
    address: `address:${digest(clientAddress)}`,
  };
}

/** Doubling delay: none for the first `free` failures, then 1 s, 2 s, 4 s, … up to `cap`. */
export function backoffSeconds(failures: number, free: number, cap: number): number {
  if (failures < free) return 0;
  return Math.min(cap, 2 ** Math.min(failures - free, 30));
}

export interface Wait {
  readonly seconds: number;
  /** Which counter holds the attempt back: this account from this address, or this address across accounts. */
  readonly by: 'account-from-address' | 'address';
}

/**
 * How long an attempt must still wait, or null when it may go ahead.
 *
 * - This account from this address waits `max(own backoff, account-wide backoff)` after **its own** last failure.
 *   Other addresses' failures only raise the account-wide part, which is capped at `accountMaxDelaySeconds`, and
 *   an address that has not failed against the account is never held back by it: a stranger cannot keep the owner out.
 * - This address waits its own backoff across all accounts after its last failure (spraying many accounts).
 */
export function waitBefore(
  now: Date,
  counts: { pair?: FailureCount; account?: FailureCount; address?: FailureCount },
  policy: ThrottlePolicy,
): Wait | null {
  const live = (count: FailureCount | undefined) =>
    count && now.getTime() - count.lastFailureAt.getTime() < policy.memoryMs ? count : undefined;
  const pair = live(counts.pair);
  const account = live(counts.account);
  const address = live(counts.address);
  const waits: Wait[] = [];
  if (pair && pair.failures > 0) {
    const gap = Math.max(
      backoffSeconds(pair.failures, policy.freeFailures, policy.maxDelaySeconds),
      backoffSeconds(account?.failures ?? 0, policy.freeFailures, policy.accountMaxDelaySeconds),
    );
    waits.push({ seconds: remaining(now, pair.lastFailureAt, gap), by: 'account-from-address' });
  }
  if (address) {
    const gap = backoffSeconds(address.failures, policy.addressFreeFailures, policy.maxDelaySeconds);
    waits.push({ seconds: remaining(now, address.lastFailureAt, gap), by: 'address' });
  }
  const longest = waits.filter((w) => w.seconds > 0).sort((a, b) => b.seconds - a.seconds)[0];
  return longest ?? null;
}

function remaining(now: Date, since: Date, gapSeconds: number): number {
  return Math.ceil((since.getTime() + gapSeconds * 1000 - now.getTime()) / 1000);
}
