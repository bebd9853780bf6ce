import { startups } from '../../startups';
import { ANONYMOUS } from '../identity/caller';
import { openSharedStore, type SharedStore } from '../platform/shared-store';
import type { RunningSubgraph } from '../subgraph/server';
import { assertionHeadersFor, newTestSecret } from '../testing/assertion';
import { postGraphQL } from '../testing/http';
import { freePort } from '../testing/process';
import { describeWithRedis, openTestRedisStore, testRedisPrefix } from '../testing/redis';
import { startTestSubgraph } from '../testing/subgraph';

/**
 * Replays of a caller assertion straight at a subgraph: the memory of used assertions lives
 * in the shared store, so with Redis a replica or a restarted process refuses what another
 * (or it, before the restart) accepted; and a store that does not answer means 503, never
 * "accept unchecked". (Within one process, without Redis: kernel/test/assertion.test.ts.)
 */
const QUERY = '{ __typename }';

async function replica(assertionSecret: string, sharedStore: SharedStore): Promise<RunningSubgraph> {
  return startTestSubgraph(startups, { seed: false, assertionSecret, sharedStore });
}

// Each test starts subgraphs of its own (a database each, migrated): more time than most tests.
describeWithRedis('assertion replay with REDIS_URL', (redisUrl) => {
  const assertionSecret = newTestSecret();
  const prefix = testRedisPrefix();
  const stores: SharedStore[] = [];
  const running: RunningSubgraph[] = [];
  const store = async () => {
    const opened = await openTestRedisStore(redisUrl, prefix);
    stores.push(opened);
    return opened;
  };
  const start = async () => {
    const started = await replica(assertionSecret, await store());
    running.push(started);
    return started;
  };
  afterAll(async () => {
    await Promise.all(running.map((subgraph) => subgraph.stop()));
    await Promise.all(stores.map((opened) => opened.close()));
  });

  it('attack: an assertion replayed to a second replica sharing Redis is refused with 401', async () => {
    const [first, second] = [await start(), await start()];
    const captured = await assertionHeadersFor(first, ANONYMOUS, { query: QUERY });
    expect((await postGraphQL(first.url, QUERY, undefined, captured)).status).toBe(200);
    const replayed = await postGraphQL(second.url, QUERY, undefined, captured);
    expect({ status: replayed.status, code: replayed.errors?.[0]?.extensions?.code, message: replayed.errors?.[0]?.message }).toEqual({
      status: 401,
      code: 'UNAUTHENTICATED',
      message: 'The caller assertion was already used',
    });
  }, 180_000);

  it('attack: an assertion replayed to a restarted subgraph is refused with 401', async () => {
    const before = await start();
    const captured = await assertionHeadersFor(before, ANONYMOUS, { query: QUERY });
    expect((await postGraphQL(before.url, QUERY, undefined, captured)).status).toBe(200);
    await before.stop();
    const after = await start();
    const replayed = await postGraphQL(after.url, QUERY, undefined, captured);
    expect(replayed.status).toBe(401);
    expect(replayed.errors?.[0]?.message).toBe('The caller assertion was already used');
    // A fresh assertion is served as usual.
    expect((await postGraphQL(after.url, QUERY, undefined, await assertionHeadersFor(after, ANONYMOUS, { query: QUERY }))).status).toBe(200);
  }, 180_000);
});

describe('assertions while the shared store does not answer', () => {
  it('answers 503 SERVICE_UNAVAILABLE instead of serving an assertion it cannot check', async () => {
    const unreachable = await openSharedStore({ url: `redis://127.0.0.1:${await freePort()}`, prefix: testRedisPrefix() });
    const subgraph = await replica(newTestSecret(), unreachable);
    try {
      const result = await postGraphQL(subgraph.url, QUERY, undefined, await assertionHeadersFor(subgraph, ANONYMOUS, { query: QUERY }));
      expect({ status: result.status, code: result.errors?.[0]?.extensions?.code, retryAfter: result.headers.get('retry-after') }).toEqual({
        status: 503,
        code: 'SERVICE_UNAVAILABLE',
        retryAfter: '1',
      });
      expect(result.data).toBeUndefined();
    } finally {
      await subgraph.stop();
      await unreachable.close();
    }
  }, 180_000);
});
