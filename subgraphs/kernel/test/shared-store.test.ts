import { createServer } from 'node:net';
import { MemoryStore, openSharedStore, SharedStoreUnavailable, type SharedStore } from '../platform/shared-store';
import { describeWithRedis, openTestRedisStore, testRedisPrefix } from '../testing/redis';

const RATE = { perMinute: 60, burst: 2 }; // one token a second

/** What every backend must do alike: the rate limiter's bucket, assertion replay's set-if-absent, and plain keys with expiry. */
function behavesAsASharedStore(open: () => Promise<{ stores: [SharedStore, SharedStore]; close(): Promise<void> }>): void {
  let stores: [SharedStore, SharedStore];
  let close: () => Promise<void>;
  beforeAll(async () => ({ stores, close } = await open()));
  afterAll(() => close());

  it('takes tokens from a bucket up to the burst, then says how long to wait', async () => {
    const [store] = stores;
    expect(await store.takeToken('bucket:a', RATE)).toBe(0);
    expect(await store.takeToken('bucket:a', RATE)).toBe(0);
    expect(await store.takeToken('bucket:a', RATE)).toBe(1);
    expect(await store.takeToken('bucket:b', RATE)).toBe(0); // another key has its own bucket
  });

  it('stores a key only when it is absent, and forgets it after its TTL', async () => {
    const [store] = stores;
    expect(await store.setIfAbsent('seen:1', 'x', 60)).toBe(true);
    expect(await store.setIfAbsent('seen:1', 'y', 60)).toBe(false);
    expect(await store.get('seen:1')).toBe('x');
    await store.set('cache:1', 'value', 60);
    expect(await store.get('cache:1')).toBe('value');
    await store.delete('cache:1');
    expect(await store.get('cache:1')).toBeNull();
  });

  it('gives two handles on the same backend one view (two replicas behave as one)', async () => {
    const [first, second] = stores;
    expect(await first.setIfAbsent('seen:shared', '1', 60)).toBe(true);
    expect(await second.setIfAbsent('seen:shared', '1', 60)).toBe(false);
    expect(await first.takeToken('bucket:shared', RATE)).toBe(0);
    expect(await second.takeToken('bucket:shared', RATE)).toBe(0);
    expect(await first.takeToken('bucket:shared', RATE)).toBe(1);
  });
}

describe('shared store in memory (no REDIS_URL)', () => {
  behavesAsASharedStore(async () => {
    const store = new MemoryStore();
    return { stores: [store, store], close: () => store.close() };
  });

  it('refills buckets with time and expires keys', async () => {
    let now = 0;
    const store = new MemoryStore(() => now);
    expect(await store.takeToken('a', RATE)).toBe(0);
    expect(await store.takeToken('a', RATE)).toBe(0);
    expect(await store.takeToken('a', RATE)).toBe(1);
    now += 1_100;
    expect(await store.takeToken('a', RATE)).toBe(0);
    await store.setIfAbsent('k', 'v', 10);
    now += 10_000;
    expect(await store.get('k')).toBeNull();
    expect(await store.setIfAbsent('k', 'v', 10)).toBe(true);
  });

  it('is what openSharedStore gives without a URL', async () => {
    expect((await openSharedStore()).kind).toBe('memory');
  });
});

describeWithRedis('shared store on Redis (TEST_REDIS_URL)', (url) => {
  behavesAsASharedStore(async () => {
    const prefix = testRedisPrefix();
    const stores: [SharedStore, SharedStore] = [await openTestRedisStore(url, prefix), await openTestRedisStore(url, prefix)];
    return { stores, close: async () => void (await Promise.all(stores.map((store) => store.close()))) };
  });

  it('spends each token once when many takes race from two connections', async () => {
    const prefix = testRedisPrefix();
    const [first, second] = [await openTestRedisStore(url, prefix), await openTestRedisStore(url, prefix)];
    try {
      const rate = { perMinute: 1, burst: 10 };
      const waits = await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 ? first : second).takeToken('race', rate)));
      expect(waits.filter((wait) => wait === 0)).toHaveLength(10);
    } finally {
      await Promise.all([first.close(), second.close()]);
    }
  });
});

describe('shared store when Redis does not answer', () => {
  it('throws SharedStoreUnavailable from every command instead of waiting', async () => {
    // A port that was free a moment ago: nothing listens there.
    const port = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, '127.0.0.1', () => {
        const address = server.address();
        server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
      });
    });
    const store = await openSharedStore({ url: `redis://127.0.0.1:${port}`, prefix: testRedisPrefix() });
    try {
      expect(store.kind).toBe('redis');
      await expect(store.takeToken('a', RATE)).rejects.toBeInstanceOf(SharedStoreUnavailable);
      await expect(store.setIfAbsent('a', 'b', 10)).rejects.toBeInstanceOf(SharedStoreUnavailable);
      await expect(store.get('a')).rejects.toBeInstanceOf(SharedStoreUnavailable);
    } finally {
      await store.close();
    }
  });
});
