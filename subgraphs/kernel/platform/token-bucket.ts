/** A rate: `perMinute` sustained, after a burst of `burst` at once. */
export interface TokenBucketRate {
  perMinute: number;
  burst: number;
}

interface Bucket {
  tokens: number;
  updatedAt: number;
}

/** Buckets kept before full ones are forgotten (a full bucket is the same as no bucket). */
const PRUNE_ABOVE = 10_000;

/**
 * Token buckets in this process's memory, one per key. The shared store's memory backend
 * and each WebSocket connection's message rate use them; with `REDIS_URL` the rate limit's
 * buckets live in Redis instead (shared-store.ts), with the same arithmetic.
 */
export class TokenBuckets {
  private readonly buckets = new Map<string, Bucket>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Takes one token from `key`'s bucket; 0 when allowed, else the seconds until a token is available. */
  take(key: string, rate: TokenBucketRate): number {
    const perMs = rate.perMinute / 60_000;
    const now = this.now();
    const bucket = this.buckets.get(key) ?? { tokens: rate.burst, updatedAt: now };
    bucket.tokens = Math.min(rate.burst, bucket.tokens + (now - bucket.updatedAt) * perMs);
    bucket.updatedAt = now;
    this.buckets.set(key, bucket);
    if (this.buckets.size > PRUNE_ABOVE) this.forgetFull(now, rate);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - bucket.tokens) / perMs / 1000));
  }

  /** Buckets that have refilled completely carry no state worth keeping. */
  private forgetFull(now: number, rate: TokenBucketRate): void {
    const perMs = rate.perMinute / 60_000;
    for (const [key, bucket] of this.buckets) {
      if (bucket.tokens + (now - bucket.updatedAt) * perMs >= rate.burst) this.buckets.delete(key);
    }
  }
}
