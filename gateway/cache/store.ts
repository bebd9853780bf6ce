/**
 * Where cached responses live. The interface is asynchronous and small (get, set, evict by
 * tag, clear) so a shared store (Redis/Valkey, one for every gateway instance) can take the
 * in-memory one's place without the response cache changing.
 */
export interface CachedResponse {
  /** The response body, serialised: each hit parses its own copy. */
  body: string;
  /** What the response holds and read: `entity:<Type>:<id>`, `subgraph:<name>` (see tags.ts). */
  tags: readonly string[];
}

export interface CacheStore {
  /**
   * The store's generation, moved by every `evict` and `clear`. A request reads it before its
   * subgraph fetches and `set` stores its answer only if it has not moved since: an answer read
   * before a write (on this gateway instance or another sharing the store) is never stored after
   * that write's eviction.
   */
  generation(): Promise<number>;
  get(key: string): Promise<CachedResponse | undefined>;
  /** Stores `response` unless the generation moved past `generation`; true when stored. */
  set(key: string, response: CachedResponse, generation: number): Promise<boolean>;
  /** Evicts every response holding any of `tags` and moves the generation; returns how many. */
  evict(tags: readonly string[]): Promise<number>;
  /** Drops everything and moves the generation. */
  clear(): Promise<void>;
  /** Lets go of a connection, if the store has one. */
  close?(): Promise<void>;
}

export interface MemoryStoreLimits {
  maxEntries: number;
  /** Of the serialised bodies (UTF-16 length × 2, close enough to what they hold in memory). */
  maxBytes: number;
  ttlMs: number;
}

interface Entry extends CachedResponse {
  bytes: number;
  expiresAt: number;
}

/**
 * A bounded LRU in this process's memory: at most `maxEntries` responses and `maxBytes` of
 * bodies (the least recently used go first), each kept at most `ttlMs`. A tag index maps
 * each tag to the keys holding it, so eviction by tag touches only those.
 */
export class MemoryCacheStore implements CacheStore {
  /** Map order is recency order: a hit moves its key to the end. */
  private readonly entries = new Map<string, Entry>();
  private readonly keysByTag = new Map<string, Set<string>>();
  private bytes = 0;
  private moves = 0;

  constructor(
    private readonly limits: MemoryStoreLimits,
    private readonly now: () => number = Date.now,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  get totalBytes(): number {
    return this.bytes;
  }

  async generation(): Promise<number> {
    return this.moves;
  }

  async get(key: string): Promise<CachedResponse | undefined> {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= this.now()) {
      this.remove(key);
      return undefined;
    }
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry;
  }

  async set(key: string, response: CachedResponse, generation: number): Promise<boolean> {
    if (generation !== this.moves) return false;
    const bytes = response.body.length * 2;
    this.remove(key);
    if (bytes > this.limits.maxBytes || this.limits.maxEntries <= 0) return false;
    this.entries.set(key, { body: response.body, tags: [...response.tags], bytes, expiresAt: this.now() + this.limits.ttlMs });
    this.bytes += bytes;
    for (const tag of response.tags) {
      let keys = this.keysByTag.get(tag);
      if (!keys) this.keysByTag.set(tag, (keys = new Set()));
      keys.add(key);
    }
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= this.limits.maxEntries && this.bytes <= this.limits.maxBytes) break;
      this.remove(oldest);
    }
    return this.entries.has(key);
  }

  async evict(tags: readonly string[]): Promise<number> {
    this.moves++;
    let evicted = 0;
    for (const tag of tags) {
      for (const key of [...(this.keysByTag.get(tag) ?? [])]) {
        this.remove(key);
        evicted++;
      }
    }
    return evicted;
  }

  async clear(): Promise<void> {
    this.moves++;
    this.entries.clear();
    this.keysByTag.clear();
    this.bytes = 0;
  }

  private remove(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.bytes -= entry.bytes;
    for (const tag of entry.tags) {
      const keys = this.keysByTag.get(tag);
      keys?.delete(key);
      if (keys?.size === 0) this.keysByTag.delete(tag);
    }
  }
}
