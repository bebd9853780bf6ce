import { getIntrospectionQuery } from 'graphql';
import { createClient as createWsClient } from 'graphql-ws';
import WebSocket from 'ws';
import { startGateway, type RunningGateway } from '../server';
import { startTestGraph, type TestGraph } from '../testing';
import { WsSession } from './ws-session';

interface HttpResult {
  status: number;
  headers: Headers;
  body: { data?: unknown; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> } | undefined;
  text: string;
}

async function request(url: string, init: RequestInit = {}): Promise<HttpResult> {
  const response = await fetch(url, init);
  const text = await response.text();
  let body: HttpResult['body'];
  try {
    body = JSON.parse(text) as HttpResult['body'];
  } catch {
    body = undefined;
  }
  return { status: response.status, headers: response.headers, body, text };
}

function post(url: string, payload: unknown, headers: Record<string, string> = {}): Promise<HttpResult> {
  return request(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(payload) });
}

const LIMITS = { maxDepth: 4, maxAliases: 2, maxRootFields: 2, maxTokens: 60, maxDirectives: 1, maxCost: 300 };
const WEBSOCKET_LIMITS = { messagesPerMinute: 6, messageBurst: 10, maxSubscriptions: 2 }; // a token each 10 s: no refill during a test

describe('gateway hardening', () => {
  let graph: TestGraph;
  let limited: RunningGateway;
  let rateLimited: RunningGateway;
  let production: RunningGateway;
  const realFetch = globalThis.fetch;
  let subgraphRequests = 0;

  beforeAll(async () => {
    graph = await startTestGraph({ only: ['programmes', 'startups', 'integrations'] });
    const subgraphOrigins = Object.values(graph.subgraphs).map((subgraph) => new URL(subgraph.url).origin);
    // Every HTTP request the gateway sends to a subgraph goes through the global fetch (SubgraphDataSource).
    globalThis.fetch = ((input: Parameters<typeof fetch>[0], init?: RequestInit) => {
      const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
      if (subgraphOrigins.some((origin) => url.startsWith(`${origin}/graphql`))) subgraphRequests += 1;
      return realFetch(input, init);
    }) as typeof fetch;
    const base = graph.gatewayConfig();
    limited = await startGateway({
      ...base,
      limits: LIMITS,
      maxBody: '2kb',
      corsOrigins: ['https://app.example.org'],
      rateLimit: { perMinute: 0 },
      webSocket: WEBSOCKET_LIMITS,
    });
    rateLimited = await startGateway({ ...base, rateLimit: { perMinute: 60, burst: 3 } });
    // Production: startups points at a port nothing listens on, to see what a client learns of an outage.
    production = await startGateway({ ...base, production: true, subgraphUrls: { ...base.subgraphUrls, startups: 'http://127.0.0.1:9/graphql' } });
  });
  afterAll(async () => {
    globalThis.fetch = realFetch;
    await Promise.all([limited?.stop(), rateLimited?.stop(), production?.stop()]);
    await graph?.stop();
  });

  /**
   * Runs `send` and returns its result with the subgraph HTTP requests and SQL statements it
   * caused. SQL is only a sanity check: background jobs (outbox relays, webhook worker) also query.
   */
  async function counted<T>(send: () => Promise<T>): Promise<{ result: T; subgraphRequests: number; sqlStatements: number }> {
    const before = subgraphRequests;
    let result: T | undefined;
    const sqlStatements = await graph.countQueries(async () => {
      result = await send();
    });
    return { result: result as T, subgraphRequests: subgraphRequests - before, sqlStatements };
  }

  it('counts subgraph requests (an operation within the limits makes some)', async () => {
    const {
      result,
      subgraphRequests: requests,
      sqlStatements,
    } = await counted(() => post(limited.url, { query: '{ hubs(first: 2) { nodes { operator { id } } } }' }));
    expect(result.status).toBe(200);
    expect(result.body?.errors).toBeUndefined();
    expect(requests).toBeGreaterThan(0);
    expect(sqlStatements).toBeGreaterThan(0);
  });

  const overLimit: Array<[string, { query: string; variables?: Record<string, unknown> }, string, RegExp]> = [
    ['depth', { query: '{ hubs(first: 1) { nodes { operator { name { vi } } } } }' }, 'GATEWAY_MAX_DEPTH', /depth is 5, over the maximum of 4/],
    [
      'aliases',
      { query: '{ hubs(first: 1) { a: totalCount b: totalCount c: totalCount } }' },
      'GATEWAY_MAX_ALIASES',
      /number of aliases is 3, over the maximum of 2/,
    ],
    [
      'root fields',
      { query: '{ hubs(first: 1) { totalCount } organizations(first: 1) { totalCount } programmes(first: 1) { totalCount } }' },
      'GATEWAY_MAX_ROOT_FIELDS',
      /number of root fields is 3, over the maximum of 2/,
    ],
    [
      'directives',
      { query: '{ hubs(first: 1) @include(if: true) { totalCount @skip(if: false) } }' },
      'GATEWAY_MAX_DIRECTIVES',
      /number of directives is 2, over the maximum of 1/,
    ],
    ['cost', { query: '{ hubs(first: 100) { nodes { id name { vi } } } }' }, 'GATEWAY_MAX_COST', /estimated cost is 302, over the maximum of 300/],
    [
      'cost with the page size in a variable',
      { query: 'query ($n: Int) { hubs(first: $n) { nodes { id name { vi } } } }', variables: { n: 100 } },
      'GATEWAY_MAX_COST',
      /estimated cost is 302/,
    ],
    [
      'cost through fragments, default page size 20 for each list',
      {
        query: `{ ...H } fragment H on Query { hubs { nodes { ...N } } }
          fragment N on InnovationHub { id kind: innovationHubKind status: innovationHubStatus name { vi en } aliases address district distanceKm focusSectors establishedOn capacity operator { id shortName } }`,
      },
      'GATEWAY_MAX_COST',
      /estimated cost is 322/, // 1 + nodes (once per page) + 20 x 16 fields below
    ],
    ['tokens', { query: `{ ${Array.from({ length: 70 }, () => '__typename').join(' ')} }` }, 'GATEWAY_MAX_TOKENS', /more than 60 tokens/],
  ];

  it.each(overLimit)('refuses an operation over the %s limit with OPERATION_LIMIT and no subgraph request', async (_what, payload, limit, message) => {
    const { result, subgraphRequests: requests } = await counted(() => post(limited.url, payload));
    expect(result.status).toBe(400);
    expect(result.body?.errors).toHaveLength(1);
    expect(result.body?.errors?.[0]?.extensions).toMatchObject({ code: 'OPERATION_LIMIT', limit });
    expect(result.body?.errors?.[0]?.message).toMatch(message);
    expect(result.body?.data).toBeUndefined();
    expect(requests).toBe(0);
  });

  it('refuses a subscription over a limit (SSE) before the change feed reads anything', async () => {
    const { result: text, subgraphRequests: requests } = await counted(async () => {
      const response = await fetch(limited.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
        body: JSON.stringify({ query: 'subscription { changes { a: cursor b: cursor c: cursor } }' }),
        signal: AbortSignal.timeout(5_000),
      });
      return response.text(); // the stream ends after the error
    });
    expect(text).toMatch(/OPERATION_LIMIT/);
    expect(text).toMatch(/number of aliases is 3, over the maximum of 2/);
    expect(requests).toBe(0);
  });

  it('refuses a subscription over a limit (WebSocket) before the change feed reads anything', async () => {
    const client = createWsClient({ url: limited.url.replace('http:', 'ws:'), webSocketImpl: WebSocket, retryAttempts: 0 });
    try {
      const { result, subgraphRequests: requests } = await counted(async () => {
        const results: unknown[] = [];
        for await (const value of client.iterate({ query: 'subscription { changes { a: cursor b: cursor c: cursor } }' })) results.push(value);
        return results;
      });
      expect(JSON.stringify(result)).toMatch(/OPERATION_LIMIT/);
      expect(JSON.stringify(result)).toMatch(/number of aliases is 3, over the maximum of 2/);
      expect(requests).toBe(0);
    } finally {
      await client.dispose();
    }
  });

  it('refuses a fragment bomb quickly with the default limits', async () => {
    const levels = 30; // each fragment spreads the next twice: 2^30 fields once expanded
    const fragments = Array.from({ length: levels }, (_, i) => `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`).join('\n');
    const query = `{ ...F0 }\n${fragments}\nfragment F${levels} on Query { hubs(first: 1) { totalCount } }`;
    const started = Date.now();
    const { result, subgraphRequests: requests } = await counted(() => post(graph.gateway.url, { query }));
    expect(result.status).toBe(400);
    expect(result.body?.errors?.[0]?.extensions?.code).toBe('OPERATION_LIMIT');
    expect(requests).toBe(0);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('refuses a page size over 100 with BAD_USER_INPUT before any subgraph request', async () => {
    for (const payload of [
      { query: '{ organizations(first: 500) { totalCount } }' },
      { query: 'query ($n: Int) { hubs(last: $n) { totalCount } }', variables: { n: 101 } },
    ]) {
      const { result, subgraphRequests: requests } = await counted(() => post(graph.gateway.url, payload));
      expect(result.status).toBe(400);
      expect(result.body?.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
      expect(result.body?.errors?.[0]?.message).toMatch(/must be between 0 and 100/);
      expect(requests).toBe(0);
    }
  });

  it('accepts with the default limits the README query, 100-row pages and the standard introspection query', async () => {
    await graph.queryOk(`{
      hubs(first: 5) { totalCount nodes { name { vi en } address operator { shortName name { vi en } kind: organizationKind } provenance { synthetic outlet url seed } } }
      organizations(first: 5, filter: { search: "so khoa hoc" }) { nodes { name { vi } shortName } }
    }`);
    await graph.queryOk('{ organizations(first: 100) { edges { cursor node { id name { vi en } } } pageInfo { hasNextPage endCursor } } }');
    const introspection = await graph.queryOk<{ __schema: { types: unknown[] } }>(getIntrospectionQuery());
    expect(introspection.__schema.types.length).toBeGreaterThan(10);
  });

  it('refuses a body over the configured size with 413', async () => {
    const big = await post(limited.url, { query: '{ __typename }', variables: { padding: 'x'.repeat(3_000) } });
    expect(big.status).toBe(413);
    expect(big.body?.errors?.[0]?.extensions?.code).toBe('BAD_REQUEST');
    expect(big.body?.errors?.[0]?.message).toMatch(/larger than 2kb/);
  });

  it('refuses batched requests', async () => {
    const { result, subgraphRequests: requests } = await counted(() =>
      post(graph.gateway.url, [{ query: '{ hubs(first: 1) { totalCount } }' }, { query: '{ __typename }' }]),
    );
    expect(result.status).toBe(400);
    expect(result.text).toMatch(/batch/i);
    expect(requests).toBe(0);
  });

  it('prevents CSRF: a simple GET request is refused unless it shows it is not a browser form', async () => {
    const url = `${graph.gateway.url}?query=${encodeURIComponent('{ hubs(first: 1) { totalCount } }')}`;
    const { result: simple, subgraphRequests: requests } = await counted(() => request(url));
    expect(simple.status).toBe(400);
    expect(simple.text).toMatch(/CSRF/);
    expect(requests).toBe(0);
    const preflighted = await request(url, { headers: { 'apollo-require-preflight': 'true' } });
    expect(preflighted.status).toBe(200);
  });

  describe('CORS', () => {
    it('answers preflights for allowed origins, with credentials and a cached preflight', async () => {
      const preflight = await request(limited.url, {
        method: 'OPTIONS',
        headers: { origin: 'https://app.example.org', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,authorization' },
      });
      expect(preflight.status).toBe(204);
      expect(preflight.headers.get('access-control-allow-origin')).toBe('https://app.example.org');
      expect(preflight.headers.get('access-control-allow-credentials')).toBe('true');
      expect(preflight.headers.get('access-control-max-age')).toBe('600');
      expect(preflight.headers.get('access-control-allow-headers')).toMatch(/authorization/);

      const actual = await post(limited.url, { query: '{ __typename }' }, { origin: 'https://app.example.org' });
      expect(actual.headers.get('access-control-allow-origin')).toBe('https://app.example.org');
    });

    it('gives no CORS permission to other origins', async () => {
      const preflight = await request(limited.url, {
        method: 'OPTIONS',
        headers: { origin: 'https://evil.example.com', 'access-control-request-method': 'POST' },
      });
      expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
      const actual = await post(limited.url, { query: '{ __typename }' }, { origin: 'https://evil.example.com' });
      expect(actual.headers.get('access-control-allow-origin')).toBeNull();
    });

    it('allows localhost origins by default in development and none in production', async () => {
      const dev = await post(graph.gateway.url, { query: '{ __typename }' }, { origin: 'http://localhost:5173' });
      expect(dev.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
      const prod = await post(production.url, { query: '{ __typename }' }, { origin: 'http://localhost:5173' });
      expect(prod.headers.get('access-control-allow-origin')).toBeNull();
    });

    it('applies to the SSE subscription path too', async () => {
      const controller = new AbortController();
      const response = await fetch(limited.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'text/event-stream', origin: 'https://app.example.org' },
        body: JSON.stringify({ query: 'subscription { changes { cursor } }' }),
        signal: controller.signal,
      });
      expect(response.headers.get('content-type')).toMatch(/text\/event-stream/);
      expect(response.headers.get('access-control-allow-origin')).toBe('https://app.example.org');
      controller.abort();
      await response.body?.cancel().catch(() => undefined);
    });
  });

  describe('rate limit per caller', () => {
    it('answers 429 with Retry-After over the limit, counts each credential apart, and spares /health', async () => {
      const query = { query: '{ hubs(first: 1) { totalCount } }' };
      for (let i = 0; i < 3; i += 1) expect((await post(rateLimited.url, query)).status).toBe(200);
      const { result: refused, subgraphRequests: requests } = await counted(() => post(rateLimited.url, query));
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(refused.body?.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED' });
      expect(requests).toBe(0);

      // The SSE path shares the limit.
      const sse = await fetch(rateLimited.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
        body: JSON.stringify({ query: 'subscription { changes { cursor } }' }),
      });
      expect(sse.status).toBe(429);
      await sse.body?.cancel();

      // A verified caller has its own bucket; a credential that is not verified counts against the IP (gateway/test/rate-limit.test.ts).
      expect((await post(rateLimited.url, query, await graph.authHeadersFor('partner', 'org-1'))).status).toBe(200);
      expect((await post(rateLimited.url, query, { authorization: 'Bearer someone-else' })).status).toBe(429);

      expect((await fetch(new URL('/health', rateLimited.url))).status).toBe(200);
      expect((await fetch(new URL('/ready', rateLimited.url))).status).toBe(200);
    });
  });

  describe('WebSocket connections', () => {
    const SUBSCRIPTION = 'subscription { changes { cursor } }';

    it('closes a connection that sends messages faster than WS_MESSAGES_PER_MINUTE with 4429 and the reason', async () => {
      const session = await WsSession.open(limited.url); // connection_init: 1 message of the burst of 10
      for (let i = 0; i < 9; i++) session.send({ type: 'ping' });
      for (let i = 0; i < 9; i++) await session.next((message) => message.type === 'pong');
      const { subgraphRequests: requests } = await counted(async () => {
        session.subscribe('over', SUBSCRIPTION); // the 11th message: over the burst
        expect(await session.closed).toEqual({ code: 4429, reason: 'Rate limited: over 6 messages a minute (bursts of 10)' });
        await new Promise((resolve) => setTimeout(resolve, 300)); // time for a feed to make its first read, had it started
      });
      expect(requests).toBe(0); // the message over the rate was not run
    });

    it('gives each connection its own bucket', async () => {
      const first = await WsSession.open(limited.url);
      const second = await WsSession.open(limited.url);
      for (let i = 0; i < 12; i++) first.send({ type: 'ping' });
      expect((await first.closed).code).toBe(4429);
      second.send({ type: 'ping' });
      await second.next((message) => message.type === 'pong');
      second.close();
    });

    it('refuses an operation beyond WS_MAX_SUBSCRIPTIONS with OPERATION_LIMIT and keeps the connection and its subscriptions', async () => {
      const session = await WsSession.open(limited.url);
      try {
        session.subscribe('a', SUBSCRIPTION);
        session.subscribe('b', SUBSCRIPTION);
        await new Promise((resolve) => setTimeout(resolve, 200)); // both running
        session.subscribe('c', '{ __typename }');
        expect(await session.forOperation('c')).toEqual({
          type: 'error',
          id: 'c',
          payload: [expect.objectContaining({ extensions: { code: 'OPERATION_LIMIT', limit: 'WS_MAX_SUBSCRIPTIONS', max: 2 } })],
        });
        // Completing one frees its place: the next operation runs on the same connection.
        session.send({ type: 'complete', id: 'a' });
        session.subscribe('d', '{ __typename }');
        expect(await session.forOperation('d')).toEqual({ type: 'next', id: 'd', payload: { data: { __typename: 'Query' } } });
      } finally {
        session.close();
      }
    });
  });

  describe('production mode', () => {
    it('refuses introspection and hides field suggestions', async () => {
      const introspection = await post(production.url, { query: '{ __schema { types { name } } }' });
      expect(introspection.status).toBe(400);
      expect(introspection.body?.errors?.[0]?.message).toMatch(/introspection/i);

      const typo = { query: '{ organisations(first: 1) { totalCount } }' };
      const dev = await post(graph.gateway.url, typo);
      expect(dev.body?.errors?.[0]?.message).toMatch(/Did you mean/);
      const prod = await post(production.url, typo);
      expect(prod.status).toBe(400);
      expect(prod.body?.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(prod.body?.errors?.[0]?.message).not.toMatch(/Did you mean|organizations/);
    });

    it('names an unavailable subgraph without its URL, and sends no stack trace', async () => {
      const result = await post(production.url, { query: '{ hubs(first: 1) { totalCount } organizations(first: 1) { totalCount } }' });
      expect(result.status).toBe(200);
      expect(result.body?.data).toMatchObject({ hubs: null, organizations: { totalCount: expect.any(Number) } });
      expect(result.body?.errors?.[0]?.extensions).toMatchObject({ code: 'SERVICE_UNAVAILABLE', service: 'startups' });
      expect(result.text).not.toMatch(/127\.0\.0\.1|:9\/|http:|ECONNREFUSED|fetch failed|stacktrace/i);
      const errors = [...(result.body?.errors ?? []), ...((await post(production.url, { query: '{ organization(id: "nope") { id } }' })).body?.errors ?? [])];
      for (const error of errors) expect(error.extensions?.stacktrace).toBeUndefined();
    });
  });
});
