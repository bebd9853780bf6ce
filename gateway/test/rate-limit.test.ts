import { TokenBuckets } from '../limits/rate-limit';

describe('token buckets per credential', () => {
  it('allows a burst, then the sustained rate, and says how long to wait', () => {
    let now = 0;
    const buckets = new TokenBuckets({ perMinute: 60, burst: 2 }, () => now);
    expect(buckets.take('a')).toBe(0);
    expect(buckets.take('a')).toBe(0);
    expect(buckets.take('a')).toBe(1); // one token a second: retry after 1 s
    expect(buckets.take('b')).toBe(0); // another credential has its own bucket
    now += 500;
    expect(buckets.take('a')).toBe(1);
    now += 600;
    expect(buckets.take('a')).toBe(0);
    now += 60_000;
    expect(buckets.take('a')).toBe(0);
    expect(buckets.take('a')).toBe(0); // refilled to the burst, not beyond
    expect(buckets.take('a')).toBe(1);
  });
});
