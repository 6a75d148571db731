import { TokenBuckets } from './token-bucket';

describe('TokenBuckets', () => {
  let now = 0;
  const sut = () => new TokenBuckets(6, () => now);

  beforeEach(() => {
    now = 1_000_000;
  });

  it('grants the capacity at once, then answers the seconds until the next token', () => {
    const buckets = sut();
    expect(Array.from({ length: 6 }, () => buckets.take('a'))).toEqual([0, 0, 0, 0, 0, 0]);
    expect(buckets.take('a')).toBe(10);
    now += 10_000;
    expect(buckets.take('a')).toBe(0);
    expect(buckets.take('a')).toBe(10);
  });

  it('keeps keys apart', () => {
    const buckets = sut();
    for (let i = 0; i < 6; i++) buckets.take('a');
    expect(buckets.take('a')).toBeGreaterThan(0);
    expect(buckets.take('b')).toBe(0);
  });

  it('forgets keys whose bucket has filled up again', () => {
    const buckets = sut();
    buckets.take('a');
    buckets.take('b');
    now += 61_000;
    buckets.take('c');
    expect(buckets.size).toBe(1);
  });
});
