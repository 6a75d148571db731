import { backoffSeconds, throttleKeys, waitBefore, type ThrottlePolicy } from './login-throttle';

const policy: ThrottlePolicy = {
  freeFailures: 3,
  maxDelaySeconds: 900,
  accountMaxDelaySeconds: 30,
  addressFreeFailures: 20,
  memoryMs: 24 * 60 * 60 * 1000,
};
const now = new Date('2026-12-07T10:00:00Z');
const ago = (seconds: number) => new Date(now.getTime() - seconds * 1000);

describe('login throttle', () => {
  it('doubles the delay after the free failures, up to the cap', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 20, 100].map((n) => backoffSeconds(n, 3, 900))).toEqual([0, 0, 0, 1, 2, 4, 8, 900, 900]);
  });

  it('holds back the address that failed, for the rest of its delay', () => {
    const wait = waitBefore(now, { pair: { failures: 6, lastFailureAt: ago(3) }, account: { failures: 6, lastFailureAt: ago(3) } }, policy);
    expect(wait).toEqual({ seconds: 5, by: 'account-from-address' });
    expect(
      waitBefore(now, { pair: { failures: 6, lastFailureAt: ago(8) }, account: { failures: 6, lastFailureAt: ago(8) } }, policy),
    ).toBeNull();
  });

  it("never holds back another address for a stranger's failures against the account", () => {
    const account = { failures: 500, lastFailureAt: ago(0) };
    expect(waitBefore(now, { account }, policy)).toBeNull();
  });

  it('holds back an address that failed once itself by at most the account-wide cap', () => {
    const account = { failures: 500, lastFailureAt: ago(0) };
    const wait = waitBefore(now, { pair: { failures: 1, lastFailureAt: ago(0) }, account }, policy);
    expect(wait).toEqual({ seconds: 30, by: 'account-from-address' });
    expect(waitBefore(now, { pair: { failures: 1, lastFailureAt: ago(30) }, account }, policy)).toBeNull();
  });

  it('slows down an address that sprays many accounts', () => {
    expect(waitBefore(now, { address: { failures: 19, lastFailureAt: ago(0) } }, policy)).toBeNull();
    expect(waitBefore(now, { address: { failures: 22, lastFailureAt: ago(1) } }, policy)).toEqual({ seconds: 3, by: 'address' });
  });

  it('forgets failures older than its memory', () => {
    const old = { failures: 40, lastFailureAt: ago(25 * 60 * 60) };
    expect(waitBefore(now, { pair: old, account: old, address: old }, policy)).toBeNull();
  });

  it('keys hold no e-mail or client address in clear, and differ per account, address and pair', () => {
    const keys = throttleKeys('admin@kitos.local', '203.0.113.7');
    expect(JSON.stringify(keys)).not.toMatch(/admin|kitos|203\.0/);
    expect(throttleKeys('admin@kitos.local', '198.51.100.1').account).toBe(keys.account);
    expect(throttleKeys('admin@kitos.local', '198.51.100.1').pair).not.toBe(keys.pair);
    expect(throttleKeys('other@kitos.local', '203.0.113.7').address).toBe(keys.address);
  });
});
