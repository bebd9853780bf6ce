import { createHash } from 'node:crypto';
import { DOMAINS, SCOPES, type Domain, type Scope } from '../../subgraphs/kernel/identity/access-policy';
import { isRole, roleNeedsOrganization } from '../../subgraphs/kernel/identity/assertion';
import type { Caller } from '../../subgraphs/kernel/identity/caller';
import { readIntEnv } from '../../subgraphs/kernel/platform/env';
import { AuthenticationError, CredentialCheckUnavailable } from './errors';
import { loggerFor } from '../../subgraphs/kernel/platform/logger';

/** The header partners send their API key in. */
export const API_KEY_HEADER = 'x-api-key';

/**
 * How long the gateway trusts a positive answer of the integrations subgraph for one key
 * (`API_KEY_CACHE_SECONDS`, default 5): a revoked or expired key stops working within that
 * time.
 */
export const DEFAULT_API_KEY_CACHE_SECONDS = 5;
/**
 * How long a refused key is refused without asking again: a client sending random keys
 * makes one lookup per distinct key per window (and each costs its IP's rate-limit bucket,
 * see limits/rate-limit.ts). No key becomes valid after being refused, so this costs nothing.
 */
export const REFUSED_KEY_CACHE_SECONDS = 30;

export function apiKeyCacheSecondsFromEnv(): number {
  return readIntEnv('API_KEY_CACHE_SECONDS', DEFAULT_API_KEY_CACHE_SECONDS);
}

/** Longer than any key the integrations subgraph issues (47 characters) or checks: refused without asking it. */
const MAX_KEY_LENGTH = 200;
/** Cached answers (and, apart, refusals) kept at most; the oldest goes first, so random keys cannot grow memory. */
const MAX_CACHED_KEYS = 10_000;

export interface VerifyOptions {
  /** Runs before the integrations subgraph is asked (not for a cached answer); may throw to prevent the lookup. */
  beforeLookup?: () => Promise<void>;
}

/** Checks a presented API key: the caller it stands for, or AuthenticationError / CredentialCheckUnavailable. */
export type VerifyApiKey = (key: string, options?: VerifyOptions) => Promise<Caller>;

export interface ApiKeyVerifierOptions {
  /** The integrations subgraph's verify route (API_KEY_VERIFY_PATH); null when the graph has none. */
  verifyUrl: string | null;
  /** The gateway's service assertion for each call (its `/internal/...` routes require one). */
  headers: () => Promise<Record<string, string>>;
  cacheSeconds: number;
  /** How long one check may take before the key counts as uncheckable. */
  timeoutMs: number;
  /** How long a refusal (401) is repeated without asking (default REFUSED_KEY_CACHE_SECONDS). */
  refusalCacheSeconds?: number;
  now?: () => number;
}

/**
 * API keys are the integrations subgraph's records (created by an admin, stored hashed,
 * scoped, expiring, revocable); the gateway asks it about each presented key:
 * `POST {"key"}` → 200 `{"caller": {...}}` or 401 `{"error"}`. Answers are cached per hash of
 * the key, never the key itself: a caller for `cacheSeconds`, a refusal for
 * `refusalCacheSeconds`; an unavailable check is never cached.
 */
export function apiKeyVerifier(options: ApiKeyVerifierOptions): VerifyApiKey {
  const now = options.now ?? Date.now;
  const cache = new BoundedCache<Caller>(now);
  const refused = new BoundedCache<string>(now);
  const refusalMs = (options.refusalCacheSeconds ?? REFUSED_KEY_CACHE_SECONDS) * 1000;

  const ask = async (key: string): Promise<Caller> => {
    if (!options.verifyUrl) throw new CredentialCheckUnavailable('API keys cannot be checked: this graph has no integrations service');
    let response: Response;
    try {
      response = await fetch(options.verifyUrl, {
        method: 'POST',
        headers: { ...(await options.headers()), 'content-type': 'application/json' },
        body: JSON.stringify({ key }),
        signal: AbortSignal.timeout(options.timeoutMs),
      });
    } catch (error) {
      loggerFor('gateway').warn({ err: error }, 'API key check failed');
      throw new CredentialCheckUnavailable('The API key cannot be checked right now: the integrations service is unavailable');
    }
    const body = (await response.json().catch(() => undefined)) as { caller?: unknown; error?: unknown } | undefined;
    // 401: unknown, revoked or expired, with a message for the client; 400: not even shaped like a key.
    if (response.status === 401 || response.status === 400) {
      throw new AuthenticationError(response.status === 401 && typeof body?.error === 'string' && body.error ? body.error : 'The API key is not valid');
    }
    const caller = response.ok ? callerFromVerification(body?.caller) : null;
    if (!caller) {
      loggerFor('gateway').warn({ status: response.status }, 'API key check answered without a usable caller');
      throw new CredentialCheckUnavailable('The API key cannot be checked right now: the integrations service answered unexpectedly');
    }
    return caller;
  };

  return async (key, verifyOptions = {}) => {
    if (key.trim() === '') throw new AuthenticationError('The X-Api-Key header is empty');
    if (key.length > MAX_KEY_LENGTH) throw new AuthenticationError('The API key is not valid');
    const hash = createHash('sha256').update(key).digest('base64url');
    const cached = cache.get(hash);
    if (cached) return cached;
    const refusal = refused.get(hash);
    if (refusal !== undefined) throw new AuthenticationError(refusal);
    await verifyOptions.beforeLookup?.();
    try {
      const caller = await ask(key);
      if (options.cacheSeconds > 0) cache.set(hash, caller, options.cacheSeconds * 1000);
      return caller;
    } catch (error) {
      if (error instanceof AuthenticationError && refusalMs > 0) refused.set(hash, error.message, refusalMs);
      throw error;
    }
  };
}

/** Values by key until they expire, at most MAX_CACHED_KEYS of them (the oldest goes first). */
class BoundedCache<T> {
  private readonly entries = new Map<string, { value: T; until: number }>();

  constructor(private readonly now: () => number) {}

  get(key: string): T | undefined {
    const entry = this.entries.get(key);
    if (entry && entry.until > this.now()) return entry.value;
    this.entries.delete(key);
    return undefined;
  }

  set(key: string, value: T, ttlMs: number): void {
    this.entries.delete(key);
    if (this.entries.size >= MAX_CACHED_KEYS) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, { value, until: this.now() + ttlMs });
  }
}

const isStringList = (value: unknown): value is string[] => Array.isArray(value) && value.every((item) => typeof item === 'string');

/** The caller an API key stands for, from the verify route's answer; null when the answer is not one. */
export function callerFromVerification(value: unknown): Caller | null {
  if (!value || typeof value !== 'object') return null;
  const { role, organizationId, subject, domains = [], scopes } = value as Record<string, unknown>;
  if (!isRole(role)) return null;
  if (organizationId !== null && organizationId !== undefined && (typeof organizationId !== 'string' || organizationId === '')) return null;
  if (roleNeedsOrganization(role) && !organizationId) return null;
  if (typeof subject !== 'string' || !subject.startsWith('apikey:')) return null;
  if (!isStringList(domains) || !domains.every((domain) => (DOMAINS as readonly string[]).includes(domain))) return null;
  // Scopes are what narrow a key: an answer without them is not trusted to be a key's.
  if (!isStringList(scopes) || !scopes.every((scope) => (SCOPES as readonly string[]).includes(scope))) return null;
  return Object.freeze({
    role,
    organizationId: (organizationId as string | null | undefined) ?? null,
    subject,
    credential: 'apiKey' as const,
    scopes: Object.freeze([...scopes]) as readonly Scope[],
    ...(domains.length ? { domains: Object.freeze([...domains]) as readonly Domain[] } : {}),
  });
}
