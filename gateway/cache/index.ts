import type { RemoteGraphQLDataSource } from '@apollo/gateway';
import { CHANGES_SINCE_PATH } from '../../subgraphs/kernel/platform/internal-paths';
import { DataEpoch, InFlightFetches } from './in-flight';
import { ChangeInvalidator } from './invalidator';
import { resolveWorkSharing, type WorkSharingSettings } from './settings';
import { MemoryCacheStore, type CacheStore } from './store';
import { RedisCacheStore } from './redis-store';
import { loggerFor } from '../../subgraphs/kernel/platform/logger';
import { subgraphTag } from './tags';
import { responseCacheEvictions } from '../../subgraphs/kernel/platform/metrics';
import { KnownRequests } from './cached-answers';

/** What a subgraph fetch resolves to. */
export type SubgraphResponse = Awaited<ReturnType<RemoteGraphQLDataSource['process']>>;

export { accessScopeKey, isAnonymousRequest } from './access-scope';
export { collectEntityTags } from './tags';
export type { WorkSharingSettings } from './settings';

/**
 * Subgraphs whose answers are never cached: the change log grows with every event without
 * an event of its own, and subscriptions page through it expecting what was just appended.
 */
const UNCACHED_SUBGRAPHS: ReadonlySet<string> = new Set(['integrations']);

/** What one request read: the subgraphs it fetched from and the entities it saw (see tags.ts). */
export interface RequestTrace {
  subgraphs: Set<string>;
  entities: Set<string>;
}

export interface WorkSharingOptions {
  settings?: Partial<WorkSharingSettings>;
  /** The integrations subgraph's GraphQL URL: without it there is no change feed, so no response cache. */
  integrationsUrl?: string;
  /** A service assertion for the change log's internal route. */
  serviceHeaders: () => Promise<Record<string, string>>;
  /** Default: Redis or Valkey at `redisUrl` when given, else a bounded in-memory LRU. */
  store?: CacheStore;
  /** `REDIS_URL`: the response cache is then shared by every gateway instance (redis-store.ts). */
  redisUrl?: string;
  /** `REDIS_KEY_PREFIX` (default `sti:`); the cache's keys follow it with `rc:`. */
  redisKeyPrefix?: string;
}

/**
 * How the gateway shares work between identical requests: in-flight deduplication of
 * subgraph fetches (SubgraphDataSource) and the response cache of anonymous queries
 * (response-cache.ts), both kept fresh by the data's epoch and the change feed.
 */
export class WorkSharing {
  readonly settings: WorkSharingSettings;
  readonly epoch = new DataEpoch();
  readonly fetches = new InFlightFetches<SubgraphResponse>();
  readonly store: CacheStore;
  readonly invalidator: ChangeInvalidator | undefined;
  /** Requests whose answers were cached, as sent: the next identical one is answered before Apollo Server (cached-answers.ts). */
  readonly knownRequests: KnownRequests;
  private readonly traces = new WeakMap<object, RequestTrace>();

  constructor(options: WorkSharingOptions) {
    this.settings = resolveWorkSharing(options.settings);
    this.store = options.store ?? this.defaultStore(options);
    this.knownRequests = new KnownRequests(this.settings.maxEntries);
    this.invalidator =
      this.settings.responseCache && options.integrationsUrl
        ? new ChangeInvalidator({
            sinceUrl: new URL(CHANGES_SINCE_PATH, options.integrationsUrl).toString(),
            headers: options.serviceHeaders,
            store: this.store,
            epoch: this.epoch,
          })
        : undefined;
  }

  private defaultStore(options: WorkSharingOptions): CacheStore {
    const ttlMs = this.settings.ttlSeconds * 1000;
    if (options.redisUrl && this.settings.responseCache)
      return new RedisCacheStore({ url: options.redisUrl, prefix: `${options.redisKeyPrefix ?? 'sti:'}rc:`, ttlMs, maxEntryBytes: this.settings.maxBytes });
    return new MemoryCacheStore({ maxEntries: this.settings.maxEntries, maxBytes: this.settings.maxBytes, ttlMs });
  }

  start(): void {
    this.invalidator?.start();
  }

  async stop(): Promise<void> {
    await this.invalidator?.stop();
    await this.store.close?.();
  }

  /** Whether cached responses may be served and stored now: on, and every change event applied. */
  get cacheLive(): boolean {
    return this.settings.responseCache && this.invalidator?.live === true;
  }

  /** The trace of the request whose Apollo context is `context`. */
  traceOf(context: object): RequestTrace {
    let trace = this.traces.get(context);
    if (!trace) this.traces.set(context, (trace = { subgraphs: new Set(), entities: new Set() }));
    return trace;
  }

  /** Whether a response that read these subgraphs may be cached. */
  cacheableTrace(trace: RequestTrace): boolean {
    return ![...trace.subgraphs].some((subgraph) => UNCACHED_SUBGRAPHS.has(subgraph));
  }

  /**
   * A mutation was sent to `subgraph` (answered or not: a timed-out write may still commit).
   * Before the client gets the answer, nothing read earlier may be shared or served again:
   * the epoch moves and every response that read the subgraph or holds an entity in the
   * answer is evicted. Other gateway instances learn it from the change feed.
   */
  async wrote(subgraph: string, entities: Iterable<string>): Promise<void> {
    this.epoch.advance();
    const tags = [subgraphTag(subgraph), ...entities];
    try {
      responseCacheEvictions.inc(await this.store.evict(tags));
    } catch (error) {
      // A shared store that did not answer: the write stands; its event evicts these answers once the store is back (and the TTL bounds them).
      loggerFor('gateway').warn({ err: error }, 'response cache eviction after a write failed');
    }
  }

  /** A new supergraph: answers planned on the old one are dropped. */
  async schemaChanged(): Promise<void> {
    this.epoch.advance();
    this.knownRequests.clear();
    await this.store.clear();
  }
}
