import { createHash, randomBytes } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import { ErrorCode } from '../../subgraphs/kernel/errors';


export interface RateLimitOptions {
  /** Sustained requests per minute per credential; 0 turns the limit off. */
  perMinute: number;
  /** Requests a credential may send at once before the sustained rate applies. */
  burst: number;
}

/**
 * Requests the gateway sends to itself on a subscriber's behalf (reads for live
 * subscriptions) carry this header. They are not the client's requests, so they are not
 * rate-limited; the token is random per process, so a client cannot forge it.
 */
export const INTERNAL_REQUEST_HEADER = 'x-sti-gateway-internal';
export const INTERNAL_REQUEST_TOKEN = randomBytes(24).toString('base64url');
export const internalRequestHeaders: Readonly<Record<string, string>> = { [INTERNAL_REQUEST_HEADER]: INTERNAL_REQUEST_TOKEN };

/**
 * Who a request counts against: its credential (the `authorization` header or `x-api-key`,
 * hashed so no secret is kept in memory), else the client's IP address.
 */
export function credentialKey(req: Request): string {
  const credential = req.headers.authorization ?? req.headers['x-api-key'];
  const value = Array.isArray(credential) ? credential.join(',') : credential;
  if (value) return `credential:${createHash('sha256').update(value).digest('base64url')}`;
  return `ip:${req.ip ?? req.socket.remoteAddress ?? 'unknown'}`;
}

interface Bucket {
  tokens: number;
  updatedAt: number;
}

/**
 * A token bucket per credential, in this process's memory. Several gateway instances each
 * keep their own buckets, so behind a load balancer a credential gets up to N times the
 * limit: a multi-instance deployment that needs an exact limit must move the buckets to a
 * shared store (e.g. Redis) or limit at the load balancer.
 */
export class TokenBuckets {
  private readonly buckets = new Map<string, Bucket>();
  private readonly perMs: number;

  constructor(
    private readonly options: RateLimitOptions,
    private readonly now: () => number = Date.now,
  ) {
    this.perMs = options.perMinute / 60_000;
  }

  /** Takes one token; returns 0 when allowed, else the seconds until a token is available. */
  take(key: string): number {
    const now = this.now();
    const bucket = this.buckets.get(key) ?? { tokens: this.options.burst, updatedAt: now };
    bucket.tokens = Math.min(this.options.burst, bucket.tokens + (now - bucket.updatedAt) * this.perMs);
    bucket.updatedAt = now;
    this.buckets.set(key, bucket);
    if (this.buckets.size > 10_000) this.forgetFull(now);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - bucket.tokens) / this.perMs / 1000));
  }

  /** Buckets that have refilled completely carry no state worth keeping. */
  private forgetFull(now: number): void {
    for (const [key, bucket] of this.buckets) {
      if (bucket.tokens + (now - bucket.updatedAt) * this.perMs >= this.options.burst) this.buckets.delete(key);
    }
  }
}

/** Express middleware: HTTP 429 with `Retry-After` and a GraphQL-shaped `RATE_LIMITED` error over the limit. */
export function rateLimitMiddleware(options: RateLimitOptions): RequestHandler {
  if (options.perMinute <= 0) return (_req, _res, next) => next();
  const buckets = new TokenBuckets(options);
  return (req, res, next) => {
    if (req.method === 'OPTIONS') return next(); // CORS preflights carry no credential and do no work
    if (req.headers[INTERNAL_REQUEST_HEADER] === INTERNAL_REQUEST_TOKEN) return next();
    const retryAfter = buckets.take(credentialKey(req));
    if (retryAfter === 0) return next();
    res
      .status(429)
      .set('Retry-After', String(retryAfter))
      .json({
        errors: [
          {
            message: `Too many requests: the limit is ${options.perMinute} a minute (bursts of ${options.burst}). Retry after ${retryAfter} s.`,
            extensions: { code: ErrorCode.RateLimited, retryAfter },
          },
        ],
      });
  };
}
