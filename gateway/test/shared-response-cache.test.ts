import { randomUUID } from 'node:crypto';
import { RedisCacheStore } from '../cache/redis-store';
import { startGateway, type RunningGateway } from '../server';
import { startTestGraph, type TestClient, type TestGraph } from '../testing';
import { MemoryStore } from '../../subgraphs/kernel/platform/shared-store';
import { REGISTRY_STEWARD_ID } from '../../subgraphs/kernel/reference/seed-refs';
import { postGraphQL } from '../../subgraphs/kernel/testing/http';
import { startSubgraphProxy, type SubgraphProxy } from './subgraph-proxy';

/**
 * The response cache in Redis (REDIS_URL), shared by two gateway instances over the same
 * subgraphs: an answer stored through one is a hit on the other, and a write through one is
 * read at once through the other, by the writer and by anonymous callers alike (the write's
 * eviction and the store's generation are shared, not only the change feed). Needs a real
 * redis-server (TEST_REDIS_URL; CI starts one).
 */
const redisUrl = process.env.TEST_REDIS_URL;
if (process.env.CI === 'true' && !redisUrl) throw new Error('CI runs the shared response cache test against Redis: TEST_REDIS_URL is not set');
const describeWithRedis = redisUrl ? describe : describe.skip;

const STARTUP = `query ($id: ID!) { startup(id: $id) { name { vi } teamSize } }`;
const CREATE = `mutation ($input: CreateStartupInput!) { createStartup(input: $input) { startup { id version } } }`;
const UPDATE = `mutation ($input: UpdateStartupInput!) { updateStartup(input: $input) { startup { version name { vi } } } }`;
type Named = { startup?: { name: { vi: string } } | null };

describeWithRedis('a response cache shared by two gateways (Redis)', () => {
  let graph: TestGraph;
  let other: RunningGateway;
  let editor: TestClient;
  let startups: SubgraphProxy;
  /** Fetches of the startup by id that reached the startups subgraph, through either gateway. */
  let attempts = 0;
  const fetches = () => startups.requests.filter((request) => request.query.includes('startup(id:')).length;
  const prefix = `test:${randomUUID()}:rc:`;
  const store = () => new RedisCacheStore({ url: redisUrl!, prefix, ttlMs: 60_000, maxEntryBytes: 1e6 });

  beforeAll(async () => {
    graph = await startTestGraph({
      only: ['startups', 'integrations'],
      workSharing: { responseCache: true, dedup: true },
      responseCacheStore: store(),
      subgraphUrlFor: async (name, url) => {
        if (name !== 'startups') return url;
        startups = await startSubgraphProxy(url);
        return startups.url;
      },
    });
    other = await startGateway({
      port: 0,
      host: '127.0.0.1',
      supergraphPath: graph.supergraphPath,
      subgraphUrls: Object.fromEntries(
        Object.values(graph.subgraphs).map((subgraph) => [subgraph.name, subgraph.name === 'startups' ? startups.url : subgraph.url]),
      ),
      subgraphTimeoutMs: 10_000,
      auth: graph.auth,
      assertionSecret: graph.assertionSecret,
      workSharing: { responseCache: true, dedup: true },
      responseCacheStore: store(),
      sharedStore: new MemoryStore(),
    });
    editor = graph.as('editor', REGISTRY_STEWARD_ID);
    await waitFor(() => graph.gateway.sharing.cacheLive && other.sharing.cacheLive, 'both caches follow the change feed');
  }, 300_000);
  afterAll(async () => {
    await other?.stop();
    await graph?.stop();
    await startups?.close();
  });

  const throughOther = async (query: string, variables: Record<string, unknown>, headers: Record<string, string> = {}) => {
    const result = await postGraphQL<Named>(other.url, query, variables, headers);
    expect(result.errors).toBeUndefined();
    return result.data!;
  };

  it('serves on one gateway what the other stored, and a write through one is read at once through the other', async () => {
    const { createStartup } = await editor.queryOk<{ createStartup: { startup: { id: string; version: number } } }>(CREATE, {
      input: { name: 'Bộ Đệm Chung 0', registrationCode: `88${Date.now() % 1e8}`.padEnd(10, '0'), foundedOn: '2023-05-02', stage: 'PROTOTYPE' },
    });
    const { id } = createStartup.startup;
    let version = createStartup.startup.version;
    // The creation's event must have reached both gateways before an answer may be stored.
    await waitFor(async () => (await graph.queryOk<Named>(STARTUP, { id })).startup !== null, 'the new startup is readable');

    for (let round = 1; round <= 3; round++) {
      // Stored through the first gateway, a hit through the second at its first read: each attempt asks a query
      // neither has seen (a new alias), so only a shared store can answer it without a fetch.
      await waitFor(async () => {
        const query = STARTUP.replace('startup(id:', `a${++attempts}: startup(id:`);
        await graph.queryOk(query, { id });
        const before = fetches();
        await throughOther(query, { id });
        return fetches() === before;
      }, 'an answer stored through one gateway is a hit on the other');
      // Both gateways now hold the plain query's answer (the second one read it, or the first stored it).
      await graph.queryOk(STARTUP, { id });
      await throughOther(STARTUP, { id });
      const name = `Bộ Đệm Chung ${round}`;
      const { updateStartup } = await editor.queryOk<{ updateStartup: { startup: { version: number } } }>(UPDATE, {
        input: { id, expectedVersion: version, name },
      });
      version = updateStartup.startup.version;
      // Right after the write returned through the first gateway, nobody reads the old name through the second.
      expect((await throughOther(STARTUP, { id })).startup?.name.vi).toBe(name);
      expect((await throughOther(STARTUP, { id }, await editor.headers())).startup?.name.vi).toBe(name);
    }
  }, 300_000);
});

async function waitFor(condition: () => boolean | Promise<boolean>, what: string, ms = 60_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
