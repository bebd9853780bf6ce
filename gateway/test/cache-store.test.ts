import { DataEpoch, InFlightFetches } from '../cache/in-flight';
import { accessScopeKey, isAnonymousRequest } from '../cache/access-scope';
import { randomUUID } from 'node:crypto';
import { RedisCacheStore } from '../cache/redis-store';
import { MemoryCacheStore, type CacheStore } from '../cache/store';
import { collectEntityTags, entityTag, subgraphTag, tagsOfChange } from '../cache/tags';
import { ANONYMOUS_CALLER } from '../auth/authenticate';

/** The response cache's parts at unit level: the bounded store, tags, scopes and in-flight sharing. */
describe('MemoryCacheStore', () => {
  const response = (body: string, ...tags: string[]) => ({ body, tags });

  it('evicts by tag exactly the responses holding it', async () => {
    const store = new MemoryCacheStore({ maxEntries: 10, maxBytes: 1e6, ttlMs: 60_000 });
    await store.set('a', response('A', entityTag('Startup', '1'), subgraphTag('startups')), await store.generation());
    await store.set('b', response('B', entityTag('Startup', '2'), subgraphTag('startups')), await store.generation());
    await store.set('c', response('C', subgraphTag('experts')), await store.generation());
    expect(await store.evict([entityTag('Startup', '1')])).toBe(1);
    expect([await store.get('a'), (await store.get('b'))?.body, (await store.get('c'))?.body]).toEqual([undefined, 'B', 'C']);
    expect(await store.evict([subgraphTag('startups'), subgraphTag('nothing')])).toBe(1);
    expect([await store.get('b'), (await store.get('c'))?.body]).toEqual([undefined, 'C']);
    // An entry set again under its key loses its old tags.
    await store.set('c', response('C2', subgraphTag('startups')), await store.generation());
    expect(await store.evict([subgraphTag('experts')])).toBe(0);
    expect((await store.get('c'))?.body).toBe('C2');
  });

  it('holds at most maxEntries, dropping the least recently used', async () => {
    const store = new MemoryCacheStore({ maxEntries: 2, maxBytes: 1e6, ttlMs: 60_000 });
    await store.set('a', response('A'), await store.generation());
    await store.set('b', response('B'), await store.generation());
    await store.get('a'); // a is now more recent than b
    await store.set('c', response('C'), await store.generation());
    expect([(await store.get('a'))?.body, await store.get('b'), (await store.get('c'))?.body]).toEqual(['A', undefined, 'C']);
    expect(store.size).toBe(2);
  });

  it('holds at most maxBytes, and never an entry larger than that', async () => {
    const store = new MemoryCacheStore({ maxEntries: 100, maxBytes: 40, ttlMs: 60_000 });
    await store.set('a', response('x'.repeat(10)), await store.generation()); // 20 bytes
    await store.set('b', response('y'.repeat(10)), await store.generation());
    await store.set('c', response('z'.repeat(10)), await store.generation());
    expect(store.totalBytes).toBeLessThanOrEqual(40);
    expect(await store.get('a')).toBeUndefined();
    await store.set('huge', response('h'.repeat(21)), await store.generation());
    expect(await store.get('huge')).toBeUndefined();
  });

  it('forgets an entry after its TTL', async () => {
    let now = 1_000;
    const store = new MemoryCacheStore({ maxEntries: 10, maxBytes: 1e6, ttlMs: 500 }, () => now);
    await store.set('a', response('A'), await store.generation());
    now += 499;
    expect((await store.get('a'))?.body).toBe('A');
    now += 1;
    expect(await store.get('a')).toBeUndefined();
    expect(store.size).toBe(0);
  });
});

/**
 * What both stores promise (the in-memory LRU, and Redis when CI gives one): eviction by tag,
 * and the generation that keeps an answer read before a write out of the cache after it.
 */
const redisUrl = process.env.TEST_REDIS_URL;
const stores: Array<[string, () => CacheStore]> = [['memory', () => new MemoryCacheStore({ maxEntries: 100, maxBytes: 1e6, ttlMs: 60_000 })]];
if (redisUrl) stores.push(['redis', () => new RedisCacheStore({ url: redisUrl, prefix: `test:${randomUUID()}:rc:`, ttlMs: 60_000, maxEntryBytes: 1e6 })]);
if (process.env.CI === 'true' && !redisUrl) throw new Error('CI runs the cache store tests against Redis: TEST_REDIS_URL is not set');

describe.each(stores)('%s response cache store', (_name, open) => {
  let store: CacheStore;
  beforeEach(() => (store = open()));
  afterEach(() => store.close?.());
  const response = (body: string, ...tags: string[]) => ({ body, tags });

  it('evicts by tag exactly the answers holding it, and moves the generation', async () => {
    const before = await store.generation();
    expect(await store.set('a', response('A', entityTag('Startup', '1'), subgraphTag('startups')), before)).toBe(true);
    expect(await store.set('b', response('B', entityTag('Startup', '2'), subgraphTag('startups')), before)).toBe(true);
    expect(await store.set('c', response('C', subgraphTag('experts')), before)).toBe(true);
    expect(await store.evict([entityTag('Startup', '1')])).toBe(1);
    expect(await store.generation()).toBeGreaterThan(before);
    expect([await store.get('a'), (await store.get('b'))?.body, (await store.get('c'))?.body]).toEqual([undefined, 'B', 'C']);
    expect(await store.evict([subgraphTag('startups')])).toBe(1);
    expect([await store.get('b'), (await store.get('c'))?.body]).toEqual([undefined, 'C']);
  });

  it('does not store an answer whose reads began before an eviction (a write elsewhere)', async () => {
    const began = await store.generation();
    await store.evict([entityTag('Startup', '1')]); // another request's write, on any instance sharing the store
    expect(await store.set('late', response('read before the write', entityTag('Startup', '1')), began)).toBe(false);
    expect(await store.get('late')).toBeUndefined();
    const now = await store.generation();
    expect(await store.set('late', response('read after the write', entityTag('Startup', '1')), now)).toBe(true);
    expect((await store.get('late'))?.body).toBe('read after the write');
  });

  it('clear drops every answer and moves the generation', async () => {
    const began = await store.generation();
    await store.set('a', response('A', subgraphTag('startups')), began);
    await store.clear();
    expect(await store.get('a')).toBeUndefined();
    expect(await store.set('b', response('B'), began)).toBe(false);
  });
});

describe('tags', () => {
  it('names every entity with a type and an id, at any depth', () => {
    const tags = new Set<string>();
    collectEntityTags(
      {
        representations: [{ __typename: 'Organization', id: 'o1' }],
        data: { hub: { __typename: 'InnovationHub', id: 'h1', name: 'x', operator: { id: 'o2' } } },
      },
      tags,
    );
    expect([...tags].sort()).toEqual([entityTag('InnovationHub', 'h1'), entityTag('Organization', 'o1')]);
  });

  it('an event evicts its entity and whatever read its subgraph', () => {
    expect(tagsOfChange({ source: 'startups', entityType: 'Startup', entityId: 's1' })).toEqual([subgraphTag('startups'), entityTag('Startup', 's1')]);
  });
});

describe('access scope', () => {
  it('differs for every difference that can change an answer, not for where the request came from', () => {
    const partner = { role: 'partner' as const, organizationId: 'o1', subject: 'p', credential: 'token' as const };
    const key = accessScopeKey(partner);
    expect(accessScopeKey({ ...partner, origin: { ip: '10.0.0.1', userAgent: 'x' } })).toBe(key);
    for (const other of [
      { ...partner, organizationId: 'o2' },
      { ...partner, role: 'editor' as const },
      { ...partner, subject: 'q' },
      { ...partner, credential: 'apiKey' as const },
      { ...partner, scopes: ['CHANGES' as const] },
      { ...partner, domains: ['startups' as const] },
    ]) {
      expect(accessScopeKey(other)).not.toBe(key);
    }
  });

  it('treats only a request without any credential as anonymous', () => {
    expect(isAnonymousRequest(ANONYMOUS_CALLER)).toBe(true);
    expect(isAnonymousRequest({ role: 'public', organizationId: null, subject: 'someone', credential: 'token' })).toBe(false);
    expect(isAnonymousRequest({ role: 'public', organizationId: null, subject: null })).toBe(false);
    expect(isAnonymousRequest(undefined)).toBe(false);
  });
});

describe('InFlightFetches', () => {
  it('shares a running fetch within its epoch only', async () => {
    const fetches = new InFlightFetches<number>();
    const epoch = new DataEpoch();
    const releases: Array<(value: number) => void> = [];
    const fetch = () => new Promise<number>((resolve) => releases.push(resolve));
    const first = fetches.run('k', epoch.current, fetch);
    const joined = fetches.run('k', epoch.current, fetch);
    const otherKey = fetches.run('other', epoch.current, fetch);
    epoch.advance();
    const afterWrite = fetches.run('k', epoch.current, fetch);
    expect(releases).toHaveLength(3);
    releases.forEach((release, index) => release(index));
    expect(await Promise.all([first, joined, otherKey, afterWrite])).toEqual([0, 0, 1, 2]);
    expect(fetches.counts).toEqual({ started: 3, joined: 1 });
    // Once it has finished, the same key starts afresh.
    const later = fetches.run('k', epoch.current, fetch);
    releases[3]!(9);
    expect(await later).toBe(9);
  });
});
