import { randomBytes } from 'node:crypto';
import { API_KEY_VERIFY_PATH } from '../../subgraphs/kernel/platform/internal-paths';
import { openSharedStore, type SharedStore } from '../../subgraphs/kernel/platform/shared-store';
import { TokenBuckets } from '../../subgraphs/kernel/platform/token-bucket';
import { freePort } from '../../subgraphs/kernel/testing/process';
import { describeWithRedis, openTestRedisStore, testRedisPrefix } from '../../subgraphs/kernel/testing/redis';
import type { GatewayConfig } from '../config';
import { startGateway, type RunningGateway } from '../server';
import { startTestGraph, type TestGraph } from '../testing';
import { WsSession } from './ws-session';

const QUERY = '{ programmes(first: 1) { totalCount } }';
/** A token a minute: nothing refills while a test runs, so the burst is the whole budget. */
const NO_REFILL = { perMinute: 1 };

interface Answer {
  status: number;
  code: unknown;
}

async function post(url: string, headers: Record<string, string> = {}, query = QUERY): Promise<Answer> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query }) });
  const body = (await response.json()) as { errors?: Array<{ extensions?: { code?: unknown } }> };
  return { status: response.status, code: body.errors?.[0]?.extensions?.code ?? null };
}

describe('token buckets', () => {
  it('allow a burst, then the sustained rate, and say how long to wait', () => {
    let now = 0;
    const buckets = new TokenBuckets(() => now);
    const rate = { perMinute: 60, burst: 2 };
    expect(buckets.take('a', rate)).toBe(0);
    expect(buckets.take('a', rate)).toBe(0);
    expect(buckets.take('a', rate)).toBe(1); // one token a second: retry after 1 s
    expect(buckets.take('b', rate)).toBe(0); // another key has its own bucket
    now += 500;
    expect(buckets.take('a', rate)).toBe(1);
    now += 600;
    expect(buckets.take('a', rate)).toBe(0);
    now += 60_000;
    expect(buckets.take('a', rate)).toBe(0);
    expect(buckets.take('a', rate)).toBe(0); // refilled to the burst, not beyond
    expect(buckets.take('a', rate)).toBe(1);
  });
});

describe('rate limit per caller', () => {
  let graph: TestGraph;
  const gateways: RunningGateway[] = [];
  const stores: SharedStore[] = [];
  const realFetch = globalThis.fetch;
  /** API keys the gateway asked the integrations subgraph about, in order. */
  const lookups: string[] = [];

  beforeAll(async () => {
    graph = await startTestGraph({ only: ['programmes', 'integrations'] });
    globalThis.fetch = ((input: Parameters<typeof fetch>[0], init?: RequestInit) => {
      const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
      if (url.endsWith(API_KEY_VERIFY_PATH)) lookups.push((JSON.parse(String(init?.body)) as { key: string }).key);
      return realFetch(input, init);
    }) as typeof fetch;
  });
  afterAll(async () => {
    globalThis.fetch = realFetch;
    await Promise.all(gateways.map((gateway) => gateway.stop()));
    await Promise.all(stores.map((store) => store.close()));
    await graph?.stop();
  });

  /** A gateway of its own over the test graph's subgraphs (so each test starts with full buckets). */
  async function gateway(burst: number, extra: Partial<GatewayConfig> = {}): Promise<RunningGateway> {
    const started = await startGateway({
      port: 0,
      host: '127.0.0.1',
      supergraphPath: graph.supergraphPath,
      subgraphUrls: Object.fromEntries(Object.values(graph.subgraphs).map((subgraph) => [subgraph.name, subgraph.url])),
      subgraphTimeoutMs: 10_000,
      auth: graph.auth,
      assertionSecret: graph.assertionSecret,
      apiKeyCacheSeconds: 0,
      rateLimit: { ...NO_REFILL, burst },
      ...extra,
    });
    gateways.push(started);
    return started;
  }

  it('attack: spaces after Bearer do not give a fresh rate-limit bucket', async () => {
    const { url } = await gateway(3);
    const token = await graph.tokenFor('partner', 'org-1', { sub: 'spacey' });
    const spellings = [`Bearer ${token}`, `Bearer  ${token}`, `bearer \t ${token}  `];
    for (const authorization of spellings) expect(await post(url, { authorization })).toEqual({ status: 200, code: null });
    expect(await post(url, { authorization: `BEARER      ${token}` })).toEqual({ status: 429, code: 'RATE_LIMITED' });
    // A fresh token of the same subject is the same caller too; another subject has its own bucket.
    expect((await post(url, { authorization: `Bearer ${await graph.tokenFor('partner', 'org-1', { sub: 'spacey' })}` })).status).toBe(429);
    expect((await post(url, { authorization: `Bearer ${await graph.tokenFor('partner', 'org-1', { sub: 'someone-else' })}` })).status).toBe(200);
    // ...and so does anonymous traffic from the same address: a token's bucket is not the IP's.
    expect((await post(url)).status).toBe(200);
  });

  it('attack: invalid tokens cost the client IP bucket instead of opening new ones', async () => {
    const { url } = await gateway(3);
    expect((await post(url)).status).toBe(200); // anonymous: the IP's bucket
    expect(await post(url, { authorization: 'Bearer not-a-token' })).toEqual({ status: 401, code: 'UNAUTHENTICATED' });
    expect(await post(url, { authorization: `Bearer ${randomBytes(12).toString('hex')}` })).toEqual({ status: 401, code: 'UNAUTHENTICATED' });
    // The IP's three are spent: another made-up token, or none at all, is refused before any check.
    expect(await post(url, { authorization: `Bearer ${randomBytes(12).toString('hex')}` })).toEqual({ status: 429, code: 'RATE_LIMITED' });
    expect(await post(url)).toEqual({ status: 429, code: 'RATE_LIMITED' });
    // A valid token keeps its own bucket.
    expect((await post(url, await graph.authHeadersFor('admin'))).status).toBe(200);
  });

  it('attack: random X-Api-Key values cost the IP bucket and one lookup each', async () => {
    const { url } = await gateway(4);
    lookups.length = 0;
    const [first, second] = [`sti_${randomBytes(20).toString('hex')}`, `sti_${randomBytes(20).toString('hex')}`];
    expect(await post(url, { 'x-api-key': first })).toEqual({ status: 401, code: 'UNAUTHENTICATED' });
    expect(await post(url, { 'x-api-key': first })).toEqual({ status: 401, code: 'UNAUTHENTICATED' }); // refused from memory
    expect(await post(url, { 'x-api-key': second })).toEqual({ status: 401, code: 'UNAUTHENTICATED' });
    expect(lookups).toEqual([first, second]); // each distinct key asked about once
    expect((await post(url)).status).toBe(200); // the IP's fourth
    // The IP's bucket is empty: a new random key is refused before the integrations subgraph is asked.
    const third = `sti_${randomBytes(20).toString('hex')}`;
    expect(await post(url, { 'x-api-key': third })).toEqual({ status: 429, code: 'RATE_LIMITED' });
    expect(await post(url, { 'x-api-key': first })).toEqual({ status: 429, code: 'RATE_LIMITED' });
    expect(lookups).toEqual([first, second]);
  });

  it('gives a valid API key its own bucket, keyed on the key’s id', async () => {
    const { createApiKey } = await graph
      .as('admin')
      .queryOk<{ createApiKey: { secret: string } }>('mutation ($input: CreateApiKeyInput!) { createApiKey(input: $input) { secret } }', {
        input: { name: 'rate test', role: 'INTEGRATOR', scopes: ['CHANGES'], expiresAt: new Date(Date.now() + 3_600_000).toISOString() },
      });
    const { url } = await gateway(2, { apiKeyCacheSeconds: 60 });
    const asKey = { 'x-api-key': createApiKey.secret };
    expect((await post(url, asKey)).status).toBe(200); // its check (not cached yet) also costs the IP one
    expect((await post(url, asKey)).status).toBe(200); // from the cache: the key's bucket only
    expect(await post(url, asKey)).toEqual({ status: 429, code: 'RATE_LIMITED' }); // the key's two are spent
    expect((await post(url)).status).toBe(200); // the IP's second
    expect((await post(url)).status).toBe(429);
  });

  it('attack: operations over a WebSocket spend the caller’s bucket, shared with HTTP and SSE', async () => {
    const { url } = await gateway(4);
    const headers = await graph.authHeadersFor('admin');
    const session = await WsSession.open(url, { connectionParams: headers }); // connecting: 1
    try {
      session.subscribe('q1', QUERY); // 2
      expect((await session.forOperation('q1')).type).toBe('next');
      expect((await post(url, headers)).status).toBe(200); // 3, over HTTP
      session.subscribe('q2', QUERY); // 4
      expect((await session.forOperation('q2')).type).toBe('next');
      session.subscribe('q3', QUERY); // over
      expect(await session.forOperation('q3')).toMatchObject({ type: 'error', payload: [{ extensions: { code: 'RATE_LIMITED' } }] });
      expect((await post(url, headers)).status).toBe(429);
      const sse = await fetch(url, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json', accept: 'text/event-stream' },
        body: JSON.stringify({ query: 'subscription { changes { cursor } }' }),
      });
      expect(sse.status).toBe(429);
      await sse.body?.cancel();
      // A new connection of the same caller is refused with 4429 instead of opening a fresh budget.
      const again = await WsSession.open(url, { connectionParams: headers, init: false });
      again.send({ type: 'connection_init', payload: headers });
      expect((await again.closed).code).toBe(4429);
    } finally {
      session.close();
    }
  });

  it('counts in the gateway’s memory while the shared store does not answer (neither unlimited nor closed)', async () => {
    const store = await openSharedStore({ url: `redis://127.0.0.1:${await freePort()}`, prefix: testRedisPrefix() });
    stores.push(store);
    const { url } = await gateway(2, { sharedStore: store });
    expect((await post(url)).status).toBe(200);
    expect((await post(url)).status).toBe(200);
    expect(await post(url)).toEqual({ status: 429, code: 'RATE_LIMITED' });
  });

  describeWithRedis('with REDIS_URL', (redisUrl) => {
    it('shares a caller’s budget between two gateways on one Redis', async () => {
      const prefix = testRedisPrefix();
      const [storeA, storeB] = [await openTestRedisStore(redisUrl, prefix), await openTestRedisStore(redisUrl, prefix)];
      stores.push(storeA, storeB);
      const [a, b] = [await gateway(4, { sharedStore: storeA }), await gateway(4, { sharedStore: storeB })];
      const headers = await graph.authHeadersFor('admin');
      expect((await post(a.url, headers)).status).toBe(200);
      expect((await post(b.url, headers)).status).toBe(200);
      expect((await post(a.url, headers)).status).toBe(200);
      expect((await post(b.url, headers)).status).toBe(200);
      expect(await post(a.url, headers)).toEqual({ status: 429, code: 'RATE_LIMITED' });
      expect(await post(b.url, headers)).toEqual({ status: 429, code: 'RATE_LIMITED' });
      // Another caller still has its budget on both.
      expect((await post(b.url, await graph.authHeadersFor('integrator'))).status).toBe(200);
    });
  });
});
