import { createHash, randomBytes } from 'node:crypto';
import type { IncomingHttpHeaders, ServerResponse } from 'node:http';
import type { Request, RequestHandler, Response } from 'express';
import type { Caller } from '../../subgraphs/kernel/identity/caller';
import { ErrorCode } from '../../subgraphs/kernel/platform/errors';
import { MemoryStore, SharedStoreUnavailable, type SharedStore } from '../../subgraphs/kernel/platform/shared-store';
import type { TokenBucketRate } from '../../subgraphs/kernel/platform/token-bucket';
import type { Authenticate } from '../auth/authenticate';
import { AuthenticationError, CredentialCheckUnavailable } from '../auth/errors';
import { loggerFor } from '../../subgraphs/kernel/platform/logger';

export interface RateLimitOptions extends TokenBucketRate {
  /** Sustained requests per minute per caller; 0 turns the limit off. */
  perMinute: number;
  /** Requests a caller may send at once before the sustained rate applies. */
  burst: number;
}

/**
 * Requests the gateway sends to itself on a subscriber's behalf (reads for live
 * subscriptions, operations sent over a WebSocket) carry this header. They were counted when
 * the client sent them, so they are not counted again; the token is random per process, so a
 * client cannot forge it.
 */
export const INTERNAL_REQUEST_HEADER = 'x-sti-gateway-internal';
export const INTERNAL_REQUEST_TOKEN = randomBytes(24).toString('base64url');
export const internalRequestHeaders: Readonly<Record<string, string>> = { [INTERNAL_REQUEST_HEADER]: INTERNAL_REQUEST_TOKEN };

const hashed = (text: string): string => createHash('sha256').update(text).digest('base64url');

/**
 * Whose bucket a request counts against, decided after authentication: a token's subject
 * (role and `sub`), an API key's id, else the client's IP (anonymous callers, and credentials
 * that were refused or could not be checked). Never the credential's text: two spellings of
 * one token are one caller.
 */
export function rateLimitKey(caller: Caller | null, ip: string | null): string {
  if (caller?.credential === 'token' && caller.subject) return `token:${hashed(`${caller.role} ${caller.subject}`)}`;
  if (caller?.credential === 'apiKey' && caller.subject) return `apikey:${hashed(caller.subject)}`;
  return ipKey(ip);
}

const ipKey = (ip: string | null): string => `ip:${ip ?? 'unknown'}`;

/** Over the rate: the request is not run. */
export class RateLimited extends Error {
  override name = 'RateLimited';

  constructor(
    readonly retryAfter: number,
    readonly options: RateLimitOptions,
  ) {
    super(`Too many requests: the limit is ${options.perMinute} a minute (bursts of ${options.burst}). Retry after ${retryAfter} s.`);
  }
}

/**
 * The rate limit's buckets, in the shared store: with `REDIS_URL` every gateway instance
 * spends from the same bucket per caller. When Redis does not answer, the limit is counted
 * in this process's memory until it does (logged once): neither unlimited nor a full outage
 * because a cache is down; N instances then allow up to N times the limit for that while.
 */
export class RateLimiter {
  private readonly fallback: MemoryStore;
  private degraded = false;

  constructor(
    private readonly store: SharedStore,
    readonly options: RateLimitOptions,
    now?: () => number,
  ) {
    this.fallback = new MemoryStore(now);
  }

  get enabled(): boolean {
    return this.options.perMinute > 0;
  }

  /** Takes one request from `key`'s bucket; throws RateLimited over the rate. */
  async take(key: string): Promise<void> {
    if (!this.enabled) return;
    const retryAfter = await this.store.takeToken(`rate:${key}`, this.options).then(
      (wait) => {
        if (this.degraded) loggerFor('gateway').warn('rate limit: shared store answers again');
        this.degraded = false;
        return wait;
      },
      (error: unknown) => {
        if (!(error instanceof SharedStoreUnavailable)) throw error;
        if (!this.degraded) loggerFor('gateway').warn({ err: error }, 'rate limit counted in this process while the shared store is unavailable');
        this.degraded = true;
        return this.fallback.takeToken(`rate:${key}`, this.options);
      },
    );
    if (retryAfter > 0) throw new RateLimited(retryAfter, this.options);
  }
}

/** Who a request is, or why its credential was refused (AuthenticationError, CredentialCheckUnavailable, RateLimited). */
export type Admission = { caller: Caller } | { refused: AuthenticationError | CredentialCheckUnavailable | RateLimited };

/**
 * Authenticates a request and takes one request from its caller's bucket, for every
 * transport (HTTP, SSE, a WebSocket's connection and each operation sent over it):
 * - a verified caller spends from its own bucket (rateLimitKey);
 * - an API key that must be looked up first costs the client IP's bucket, so random keys are
 *   limited like anonymous requests before they reach the integrations subgraph;
 * - a refused or uncheckable credential costs the IP's bucket (once).
 */
export async function admit(
  authenticate: Authenticate,
  limiter: RateLimiter,
  headers: IncomingHttpHeaders | Record<string, unknown>,
  ip: string | null,
): Promise<Admission> {
  let ipCharged = false;
  const chargeIp = async () => {
    ipCharged = true;
    await limiter.take(ipKey(ip));
  };
  try {
    const caller = await authenticate(headers, { beforeLookup: chargeIp });
    await limiter.take(rateLimitKey(caller, ip));
    return { caller };
  } catch (error) {
    if (error instanceof RateLimited) return { refused: error };
    if (!(error instanceof AuthenticationError || error instanceof CredentialCheckUnavailable)) throw error;
    try {
      if (!ipCharged) await chargeIp();
    } catch (overRate) {
      if (overRate instanceof RateLimited) return { refused: overRate };
      throw overRate;
    }
    return { refused: error };
  }
}

/** Each request's admission, by its response (made once per request, by the front door or the middleware). */
const admissions = new WeakMap<ServerResponse, Admission>();

/** The admission made for this request, for Apollo's context and the SSE handler. */
export function admissionOf(res: ServerResponse): Admission | undefined {
  return admissions.get(res);
}

/** Keeps the admission the front door made before Express (gateway/cache/front-door.ts): the middleware takes it instead of admitting again. */
export function admitted(res: ServerResponse, admission: Admission): void {
  admissions.set(res, admission);
}

/**
 * Express middleware on the GraphQL path: authenticates the request once (admit) and keeps
 * the outcome for the handlers after it; over the rate, HTTP 429 with `Retry-After` and a
 * GraphQL-shaped `RATE_LIMITED` error. A refused credential is left for the handler to
 * answer (401/503 with its message).
 */
export function rateLimitMiddleware(authenticate: Authenticate, limiter: RateLimiter, ipOf: (req: Request) => string | null): RequestHandler {
  return (req: Request, res, next) => {
    if (req.method === 'OPTIONS') return next(); // CORS preflights carry no credential and do no work
    if (req.headers[INTERNAL_REQUEST_HEADER] === INTERNAL_REQUEST_TOKEN) return next();
    const made = admissionOf(res);
    (made ? Promise.resolve(made) : admit(authenticate, limiter, req.headers, ipOf(req))).then((admission) => {
      if ('refused' in admission && admission.refused instanceof RateLimited) return void sendRateLimited(res, admission.refused);
      admissions.set(res, admission);
      next();
    }, next);
  };
}

function sendRateLimited(res: Response, refusal: RateLimited): void {
  res
    .status(429)
    .set('Retry-After', String(refusal.retryAfter))
    .json({ errors: [{ message: refusal.message, extensions: { code: ErrorCode.RateLimited, retryAfter: refusal.retryAfter } }] });
}
