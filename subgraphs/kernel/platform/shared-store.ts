import { createHash } from 'node:crypto';
import { Redis } from 'ioredis';
import { readEnv } from './env';
import { TokenBuckets, type TokenBucketRate } from './token-bucket';
import { loggerFor } from './logger';

/**
 * State that every replica of a process must see alike: the gateway's rate-limit buckets,
 * the subgraphs' memory of used caller assertions, and (later) a response cache. Without
 * `REDIS_URL` it lives in this process's memory (one process behaves as the whole graph);
 * with it, in Redis or Valkey, so N gateway and subgraph replicas behave as one and a
 * restarted subgraph still remembers what it accepted.
 *
 * Every method throws SharedStoreUnavailable when Redis cannot answer; each user decides
 * what that means (assertions: refuse with 503; rate limit: count in this process).
 */
export interface SharedStore {
  readonly kind: 'memory' | 'redis';
  /** Takes one token from `key`'s bucket, atomically; 0 when allowed, else the seconds until a token is available. */
  takeToken(key: string, rate: TokenBucketRate): Promise<number>;
  /** Stores `value` under `key` for `ttlSeconds` unless the key exists; true when it was stored. */
  setIfAbsent(key: string, value: string, ttlSeconds: number): Promise<boolean>;
  get(key: string): Promise<string | null>;
  set(key: string, value: string, ttlSeconds: number): Promise<void>;
  delete(key: string): Promise<void>;
  /** Closes the connection (memory: nothing to do). */
  close(): Promise<void>;
}

/** Redis (or Valkey) did not answer: a connection down, a timeout, a refused command. The message is for the log. */
export class SharedStoreUnavailable extends Error {
  override name = 'SharedStoreUnavailable';
}

export interface SharedStoreOptions {
  /** `redis://[user:password@]host:port[/db]` or `rediss://...`; unset = this process's memory. */
  url?: string;
  /** Prepended to every key, so deployments (and test files) can share one server. Default `sti:`. */
  prefix?: string;
  /** How long one command may take before it counts as unavailable (default 1000 ms). */
  commandTimeoutMs?: number;
  now?: () => number;
}

/** `REDIS_URL` (and `REDIS_KEY_PREFIX`): Redis when set, else this process's memory. */
export function sharedStoreFromEnv(): Promise<SharedStore> {
  const url = readEnv('REDIS_URL');
  const prefix = readEnv('REDIS_KEY_PREFIX');
  return openSharedStore({ ...(url ? { url } : {}), ...(prefix ? { prefix } : {}) });
}

export async function openSharedStore(options: SharedStoreOptions = {}): Promise<SharedStore> {
  if (!options.url) return new MemoryStore(options.now);
  const store = new RedisStore(options.url, options.prefix ?? 'sti:', options.commandTimeoutMs ?? 1_000);
  await store.connected();
  return store;
}

/** Entries kept before expired ones are swept out (the sweep's threshold then grows with what is live). */
const SWEEP_ABOVE = 1_000;

export class MemoryStore implements SharedStore {
  readonly kind = 'memory';
  private readonly buckets: TokenBuckets;
  private readonly entries = new Map<string, { value: string; expiresAt: number }>();
  private sweepAbove = SWEEP_ABOVE;

  constructor(private readonly now: () => number = Date.now) {
    this.buckets = new TokenBuckets(now);
  }

  async takeToken(key: string, rate: TokenBucketRate): Promise<number> {
    return this.buckets.take(key, rate);
  }

  async setIfAbsent(key: string, value: string, ttlSeconds: number): Promise<boolean> {
    if (this.live(key)) return false;
    this.store(key, value, ttlSeconds);
    return true;
  }

  async get(key: string): Promise<string | null> {
    return this.live(key)?.value ?? null;
  }

  async set(key: string, value: string, ttlSeconds: number): Promise<void> {
    this.store(key, value, ttlSeconds);
  }

  async delete(key: string): Promise<void> {
    this.entries.delete(key);
  }

  async close(): Promise<void> {}

  private live(key: string) {
    const entry = this.entries.get(key);
    if (entry && entry.expiresAt <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }

  private store(key: string, value: string, ttlSeconds: number): void {
    this.entries.set(key, { value, expiresAt: this.now() + ttlSeconds * 1000 });
    if (this.entries.size <= this.sweepAbove) return;
    const now = this.now();
    for (const [candidate, entry] of this.entries) if (entry.expiresAt <= now) this.entries.delete(candidate);
    this.sweepAbove = Math.max(SWEEP_ABOVE, this.entries.size * 2);
  }
}

/**
 * The token bucket of TokenBuckets, run inside Redis so that concurrent takes from several
 * gateways cannot both spend the last token. Time is Redis's own (`TIME`), so gateways with
 * drifting clocks still agree. A bucket expires once it would be full again.
 * KEYS[1] bucket; ARGV[1] burst, ARGV[2] tokens per millisecond. Returns 0 or the seconds to wait.
 */
const TAKE_TOKEN_SCRIPT = `
local burst = tonumber(ARGV[1])
local per_ms = tonumber(ARGV[2])
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(state[1]) or burst
local at = tonumber(state[2]) or now
tokens = math.min(burst, tokens + math.max(0, now - at) * per_ms)
local wait = 0
if tokens >= 1 then
  tokens = tokens - 1
else
  wait = math.max(1, math.ceil((1 - tokens) / per_ms / 1000))
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
redis.call('PEXPIRE', KEYS[1], math.ceil((burst - tokens) / per_ms) + 1000)
return wait
`;
const TAKE_TOKEN_SHA = createHash('sha1').update(TAKE_TOKEN_SCRIPT).digest('hex');

/** How long one connection attempt may take. */
const CONNECT_TIMEOUT_MS = 5_000;

export class RedisStore implements SharedStore {
  readonly kind = 'redis';
  private readonly client: Redis;
  private healthy = true;

  constructor(
    url: string,
    private readonly prefix: string,
    commandTimeoutMs: number,
  ) {
    this.client = new Redis(url, {
      // Fail at once while disconnected instead of queueing: a request must not wait for Redis to come back.
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      commandTimeout: commandTimeoutMs,
      connectTimeout: CONNECT_TIMEOUT_MS,
      retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
    });
    const where = describeRedis(url);
    this.client.on('error', (error: Error) => {
      if (this.healthy) loggerFor('shared-store').warn({ where, err: error }, 'shared store unavailable');
      this.healthy = false;
    });
    this.client.on('ready', () => {
      if (!this.healthy) loggerFor('shared-store').warn({ where }, 'shared store connected again');
      this.healthy = true;
    });
  }

  /**
   * Waits for the first connection or its first failure: a Redis that is down is reported and
   * retried in the background, and start-up goes on (commands fail until it answers).
   */
  async connected(): Promise<void> {
    if (this.client.status === 'ready') return;
    await new Promise<void>((resolve) => {
      const done = () => {
        this.client.off('ready', done);
        this.client.off('error', done);
        resolve();
      };
      this.client.once('ready', done);
      this.client.once('error', done);
    });
  }

  takeToken(key: string, rate: TokenBucketRate): Promise<number> {
    const args = [String(rate.burst), String(rate.perMinute / 60_000)];
    const full = this.prefix + key;
    return this.run(async () => {
      try {
        return Number(await this.client.evalsha(TAKE_TOKEN_SHA, 1, full, ...args));
      } catch (error) {
        if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
        return Number(await this.client.eval(TAKE_TOKEN_SCRIPT, 1, full, ...args));
      }
    });
  }

  setIfAbsent(key: string, value: string, ttlSeconds: number): Promise<boolean> {
    return this.run(async () => (await this.client.set(this.prefix + key, value, 'EX', Math.max(1, Math.ceil(ttlSeconds)), 'NX')) === 'OK');
  }

  get(key: string): Promise<string | null> {
    return this.run(() => this.client.get(this.prefix + key));
  }

  set(key: string, value: string, ttlSeconds: number): Promise<void> {
    return this.run(async () => void (await this.client.set(this.prefix + key, value, 'EX', Math.max(1, Math.ceil(ttlSeconds)))));
  }

  delete(key: string): Promise<void> {
    return this.run(async () => void (await this.client.del(this.prefix + key)));
  }

  async close(): Promise<void> {
    try {
      await this.client.quit();
    } catch {
      this.client.disconnect();
    }
  }

  private async run<T>(command: () => Promise<T>): Promise<T> {
    try {
      return await command();
    } catch (error) {
      throw new SharedStoreUnavailable(`Redis did not answer: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}

/** Host and port of a Redis URL, never its password. */
function describeRedis(url: string): string {
  try {
    const parsed = new URL(url);
    return `Redis at ${parsed.hostname}:${parsed.port || 6379}`;
  } catch {
    return 'Redis';
  }
}
