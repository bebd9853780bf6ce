import { Redis } from 'ioredis';
import { loggerFor } from '../../subgraphs/kernel/platform/logger';
import type { CachedResponse, CacheStore } from './store';

/**
 * Stores an answer unless the generation moved past the one its request began in, and files
 * its key under each of its tags. KEYS[1] generation; ARGV prefix, generation, key, body,
 * ttl ms, tags... Returns 1 when stored.
 */
const SET_SCRIPT = `
if (redis.call('GET', KEYS[1]) or '0') ~= ARGV[2] then return 0 end
local ttl = tonumber(ARGV[5])
redis.call('SET', ARGV[1] .. 'e:' .. ARGV[3], ARGV[4], 'PX', ttl)
for i = 6, #ARGV do
  local tag = ARGV[1] .. 't:' .. ARGV[i]
  redis.call('SADD', tag, ARGV[3])
  if redis.call('PTTL', tag) < ttl then redis.call('PEXPIRE', tag, ttl) end
end
return 1
`;

/** Moves the generation, then deletes every answer filed under the tags. KEYS[1] generation; ARGV prefix, tags... Returns how many. */
const EVICT_SCRIPT = `
redis.call('INCR', KEYS[1])
local evicted = 0
for i = 2, #ARGV do
  local tag = ARGV[1] .. 't:' .. ARGV[i]
  for _, key in ipairs(redis.call('SMEMBERS', tag)) do evicted = evicted + redis.call('DEL', ARGV[1] .. 'e:' .. key) end
  redis.call('DEL', tag)
end
return evicted
`;

export interface RedisCacheStoreOptions {
  url: string;
  /** Prepended to every key (the deployment's `REDIS_KEY_PREFIX`, then `rc:`). */
  prefix: string;
  ttlMs: number;
  /** Answers larger than this are not stored. */
  maxEntryBytes: number;
}

/**
 * The response cache in Redis or Valkey, shared by every gateway instance (`REDIS_URL`): an
 * answer one instance stored is a hit on all, and a write through any instance evicts it for
 * all before that write's answer is sent. The generation (see CacheStore) lives in Redis too, so
 * an instance that began reading before another instance's write cannot store what it read
 * afterwards: read-your-writes holds across instances, not only within one.
 *
 * Entries expire after the TTL. Tags are sets of keys, evicted in one script with the entries.
 * The server must not evict keys on its own (`maxmemory-policy noeviction`): a tag set dropped
 * under memory pressure would leave answers no change can evict. When Redis does not answer,
 * the cache is bypassed (misses, nothing stored) and the request is served from the subgraphs.
 */
export class RedisCacheStore implements CacheStore {
  private readonly client: Redis;
  private readonly generationKey: string;
  private healthy = true;
  /** Settles on the first connection or its first failure: commands wait for it, then fail fast while Redis is down. */
  private readonly connected: Promise<void>;

  constructor(private readonly options: RedisCacheStoreOptions) {
    this.client = new Redis(options.url, { enableOfflineQueue: false, maxRetriesPerRequest: 0, commandTimeout: 1_000, connectTimeout: 5_000 });
    this.client.on('error', (error: Error) => {
      if (this.healthy) loggerFor('gateway').warn({ err: error }, 'response cache store unavailable: answers come from the subgraphs');
      this.healthy = false;
    });
    this.client.on('ready', () => (this.healthy = true));
    this.connected = new Promise((resolve) => {
      this.client.once('ready', () => resolve());
      this.client.once('error', () => resolve());
    });
    this.generationKey = `${options.prefix}generation`;
  }

  async generation(): Promise<number> {
    // Unknown when Redis is down: -1 matches no stored generation, so nothing read now is stored.
    return this.attempt(async () => Number((await this.client.get(this.generationKey)) ?? 0), -1);
  }

  async get(key: string): Promise<CachedResponse | undefined> {
    return this.attempt(async () => {
      const body = await this.client.get(`${this.options.prefix}e:${key}`);
      return body === null ? undefined : { body, tags: [] };
    }, undefined);
  }

  async set(key: string, response: CachedResponse, generation: number): Promise<boolean> {
    if (generation < 0 || Buffer.byteLength(response.body) > this.options.maxEntryBytes) return false;
    const args = [this.options.prefix, String(generation), key, response.body, String(this.options.ttlMs), ...response.tags];
    return this.attempt(async () => Number(await this.client.eval(SET_SCRIPT, 1, this.generationKey, ...args)) === 1, false);
  }

  async evict(tags: readonly string[]): Promise<number> {
    // Not swallowed: a write whose evictions failed must not look applied (the invalidator clears and retries).
    await this.connected;
    return Number(await this.client.eval(EVICT_SCRIPT, 1, this.generationKey, this.options.prefix, ...tags));
  }

  async clear(): Promise<void> {
    await this.connected;
    await this.client.incr(this.generationKey);
    let cursor = '0';
    do {
      const [next, keys] = await this.client.scan(cursor, 'MATCH', `${escapeGlob(this.options.prefix)}[et]:*`, 'COUNT', 500);
      if (keys.length) await this.client.unlink(...keys);
      cursor = next;
    } while (cursor !== '0');
  }

  async close(): Promise<void> {
    await this.client.quit().catch(() => this.client.disconnect());
  }

  private async attempt<T>(command: () => Promise<T>, otherwise: T): Promise<T> {
    try {
      await this.connected;
      return await command();
    } catch {
      return otherwise;
    }
  }
}

/** `text` with Redis glob characters escaped, for SCAN MATCH. */
function escapeGlob(text: string): string {
  return text.replace(/[*?[\]\\]/g, '\\$&');
}
