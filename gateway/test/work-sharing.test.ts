import { createHash } from 'node:crypto';
import type { Caller } from '../../subgraphs/kernel/identity/caller';
import { organizationId, REGISTRY_STEWARD_ID } from '../../subgraphs/kernel/reference/seed-refs';
import type { GraphQLHttpResult } from '../../subgraphs/kernel/testing/http';
import { startTestGraph, type TestClient, type TestGraph } from '../testing';
import { responseCacheEarlyAnswers } from '../../subgraphs/kernel/platform/metrics';
import { startSubgraphProxy, type ProxiedRequest, type SubgraphProxy } from './subgraph-proxy';

/**
 * Work shared between identical requests, through the gateway as clients call it: in-flight
 * deduplication of subgraph fetches (only within one access scope) and the response cache of
 * anonymous queries (evicted by writes through the gateway at once, by the change feed for
 * writes made elsewhere). The startups subgraph sits behind a proxy that counts, and can hold
 * back, what reaches it.
 */
let graph: TestGraph;
let startups: SubgraphProxy;
let anonymous: TestClient;
let partner: TestClient;
let otherPartner: TestClient;
let editor: TestClient;
let admin: TestClient;

const STEWARD_EDITOR: Caller = { role: 'editor', organizationId: REGISTRY_STEWARD_ID, subject: 'another-gateway-instance', credential: 'token' };
const CREATE_STARTUP = `mutation ($input: CreateStartupInput!) { createStartup(input: $input) { replayed startup { id name { vi } } } }`;
const UPDATE_STARTUP = `mutation ($input: UpdateStartupInput!) { updateStartup(input: $input) { startup { id name { vi } } } }`;
const STARTUP = `query ($id: ID!) { startup(id: $id) { name { vi } teamSize } }`;
const SEARCH = `query ($search: String!) { startups(first: 100, filter: { search: $search }) { totalCount nodes { name { vi } } } }`;

type Named = { startup: { name: { vi: string }; teamSize: number | null } | null };
type Found = { startups: { totalCount: number; nodes: Array<{ name: { vi: string } }> } };

const anonymousClient = (): TestClient => ({
  headers: async () => ({}),
  query: (query, variables) => graph.query(query, variables),
  queryOk: (query, variables) => graph.queryOk(query, variables),
});

/** Requests that reached the startups subgraph whose query contains `text`. */
const reached = (text: string): ProxiedRequest[] => startups.requests.filter((request) => request.query.includes(text));

/** Waits until `condition` holds, checking every 20 ms, for at most `ms`. */
async function until(condition: () => boolean | Promise<boolean>, what: string, ms = 30_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

let codes = 0;
const newCode = () => `87${String(++codes).padStart(8, '0')}`;

async function createStartup(name: string): Promise<string> {
  const { createStartup } = await editor.queryOk<{ createStartup: { startup: { id: string } } }>(CREATE_STARTUP, {
    input: { name, registrationCode: newCode(), foundedOn: '2023-05-02', stage: 'PROTOTYPE' },
  });
  return createStartup.startup.id;
}

/** Waits until the gateway's cache has applied every event in the change log. */
async function feedCaughtUp(): Promise<void> {
  await graph.subgraphs.startups!.relay!.flush();
  const { changes } = await admin.queryOk<{ changes: { totalCount: number } }>('{ changes(first: 1) { totalCount } }');
  await until(() => graph.gateway.sharing.invalidator!.eventsRead >= changes.totalCount, 'the cache has applied every event');
}

/** A write made without this gateway (another instance, a script through the API elsewhere): only the change feed tells the cache. */
async function updateElsewhere(input: Record<string, unknown>): Promise<void> {
  const result = await graph.postToSubgraph('startups', UPDATE_STARTUP, { input }, STEWARD_EDITOR);
  expect(result.errors).toBeUndefined();
}

beforeAll(async () => {
  graph = await startTestGraph({
    only: ['startups', 'experts', 'integrations'],
    workSharing: { responseCache: true, dedup: true },
    subgraphUrlFor: async (name, url) => {
      if (name !== 'startups') return url;
      startups = await startSubgraphProxy(url);
      return startups.url;
    },
  });
  anonymous = anonymousClient();
  partner = graph.as('partner', REGISTRY_STEWARD_ID);
  otherPartner = graph.as('partner', organizationId('so-tttt-ha-noi'));
  editor = graph.as('editor', REGISTRY_STEWARD_ID);
  admin = graph.as('admin');
  await until(() => graph.gateway.sharing.cacheLive, 'the response cache follows the change feed');
}, 300_000);
afterAll(async () => {
  await graph?.stop();
  await startups?.close();
});

describe('in-flight deduplication', () => {
  // These run before any write: no change event can move the epoch while requests gather.
  it('sends N concurrent identical anonymous requests to the subgraph once', async () => {
    const query = '{ hubs(first: 3) { nodes { name { vi } } } }';
    const joined = graph.gateway.sharing.fetches.counts.joined;
    startups.hold((request) => request.query.includes('hubs(first:3)'));
    const answers = Array.from({ length: 6 }, () => anonymous.query(query));
    await until(
      () => reached('hubs(first:3)').length >= 1 && graph.gateway.sharing.fetches.counts.joined >= joined + 5,
      'five requests wait for the first one’s fetch',
    );
    startups.release();
    const results = await Promise.all(answers);
    expect(reached('hubs(first:3)')).toHaveLength(1);
    expect(results.map((result) => result.errors)).toEqual(Array(6).fill(undefined));
    expect(new Set(results.map((result) => JSON.stringify(result.data))).size).toBe(1);
    expect(results[0]!.data).toMatchObject({ hubs: { nodes: expect.arrayContaining([{ name: { vi: expect.any(String) } }]) } });
  });

  it('never shares a fetch between callers of different access scopes', async () => {
    const query = '{ hubs(first: 4) { nodes { name { vi } } } }';
    const joined = graph.gateway.sharing.fetches.counts.joined;
    startups.hold((request) => request.query.includes('hubs(first:4)'));
    const callers: Array<[string, TestClient]> = [
      ['anonymous', anonymous],
      ['anonymous', anonymous],
      ['anonymous', anonymous],
      ['partner', partner],
      ['partner', partner],
      ['partner of another organisation', otherPartner],
      ['editor', editor],
      ['admin', admin],
    ];
    const answers = callers.map(([, client]) => client.query(query));
    // Anonymous ×3 and the same partner ×2 share within their scope; the other four scopes fetch for themselves.
    await until(() => reached('hubs(first:4)').length >= 5 && graph.gateway.sharing.fetches.counts.joined >= joined + 3, 'every scope has sent its fetch');
    startups.release();
    const results = await Promise.all(answers);
    expect(reached('hubs(first:4)')).toHaveLength(5);
    expect(graph.gateway.sharing.fetches.counts.joined).toBe(joined + 3);
    expect(results.map((result) => result.errors)).toEqual(Array(callers.length).fill(undefined));
  });

  it('never shares a mutation: identical concurrent writes each reach the subgraph', async () => {
    const input = {
      name: 'Công ty Hai Lần Gửi',
      registrationCode: newCode(),
      foundedOn: '2023-05-02',
      stage: 'PROTOTYPE',
      idempotencyKey: `dedup-${Date.now()}`,
    };
    startups.hold((request) => request.query.startsWith('mutation') && JSON.stringify(request.variables).includes(input.idempotencyKey));
    const writes = [editor.query(CREATE_STARTUP, { input }), editor.query(CREATE_STARTUP, { input })];
    await until(
      () => startups.requests.filter((request) => JSON.stringify(request.variables).includes(input.idempotencyKey)).length >= 2,
      'both writes reached the subgraph',
    );
    startups.release();
    const results = await Promise.all(writes);
    expect(results.map((result) => result.errors)).toEqual([undefined, undefined]);
    // One created it, the other was answered as a replay of the same key.
    const replayed = results.map((result) => (result.data as { createStartup: { replayed: boolean } }).createStartup.replayed).sort();
    expect(replayed).toEqual([false, true]);
  });

  it('a writer’s next read never joins a fetch begun before its write', async () => {
    const id = await createStartup('Công ty Trước Khi Ghi');
    const isRead = (request: ProxiedRequest) => !request.query.startsWith('mutation') && JSON.stringify(request.variables ?? {}).includes(id);
    startups.hold(isRead);
    const before = startups.requests.filter(isRead).length;
    const early = editor.query<Named>(STARTUP, { id });
    await until(() => startups.requests.filter(isRead).length === before + 1, 'the early read is at the subgraph');
    const { updateStartup } = await editor.queryOk<{ updateStartup: { startup: { name: { vi: string } } } }>(UPDATE_STARTUP, {
      input: { id, expectedVersion: 1, name: 'Công ty Sau Khi Ghi' },
    });
    expect(updateStartup.startup.name.vi).toBe('Công ty Sau Khi Ghi');
    const next = editor.query<Named>(STARTUP, { id });
    // The same caller, the same fetch: without the epoch it would wait for the early read's (old) answer.
    await until(() => startups.requests.filter(isRead).length === before + 2, 'the next read has its own fetch');
    startups.release();
    expect((await next).data?.startup?.name.vi).toBe('Công ty Sau Khi Ghi');
    expect((await early).errors).toBeUndefined();
  });
});

describe('the response cache', () => {
  // Events of earlier tests' writes may still be on their way: each would evict what a test has just cached.
  beforeEach(feedCaughtUp);

  it('serves a repeated anonymous query without any subgraph fetch, marked public', async () => {
    const query = '{ hubs(first: 5) { totalCount nodes { name { vi } } } }';
    const first = await anonymous.query(query);
    expect(reached('hubs(first:5)')).toHaveLength(1);
    const again = await anonymous.query(query);
    const reformatted = await anonymous.query('query   {\n hubs(first: 5) { totalCount   nodes { name { vi } } } }');
    expect(reached('hubs(first:5)')).toHaveLength(1);
    expect(again.data).toEqual(first.data);
    expect(reformatted.data).toEqual(first.data);
    for (const result of [first, again, reformatted]) {
      expect(result.headers.get('cache-control')).toBe('public, max-age=5');
      expect(result.headers.get('vary')?.toLowerCase()).toEqual(expect.stringContaining('authorization'));
      expect(result.headers.get('vary')?.toLowerCase()).toEqual(expect.stringContaining('x-api-key'));
    }
  });

  it('never serves or stores a caller-specific answer: every signed-in read reaches the subgraph, no-store', async () => {
    const query = '{ hubs(first: 6) { totalCount nodes { name { vi } } } }';
    await anonymous.queryOk(query);
    for (const client of [partner, partner, editor, admin]) {
      const result = await client.query(query);
      expect(result.errors).toBeUndefined();
      expect(result.headers.get('cache-control')).toBe('no-store');
    }
    expect(reached('hubs(first:6)')).toHaveLength(5);
  });

  it('keeps restricted data away from anonymous callers, cached or not', async () => {
    const query = '{ experts(first: 3) { nodes { id fullName contact { email } } } }';
    const seen = await partner.queryOk<{ experts: { nodes: Array<{ contact: { email: string | null } | null }> } }>(query);
    expect(seen.experts.nodes.some((expert) => expert.contact?.email)).toBe(true);
    for (let attempt = 0; attempt < 2; attempt++) {
      const result = await anonymous.query<{ experts: { nodes: Array<{ contact: unknown }> } }>(query);
      expect(result.data?.experts.nodes.map((expert) => expert.contact)).toEqual([null, null, null]);
      expect(result.errors?.map((error) => error.extensions?.code)).toContain('FORBIDDEN');
      expect(result.headers.get('cache-control')).toBe('no-store');
    }
    // The partner's answer was never stored: asked again, it still has the contacts.
    expect((await partner.queryOk<typeof seen>(query)).experts.nodes.some((expert) => expert.contact?.email)).toBe(true);
  });

  it('marks errors no-store and does not cache them', async () => {
    const bad = await anonymous.query('{ startup(id: 1) { nonsense } }');
    expect(bad.status).toBe(400);
    expect(bad.headers.get('cache-control')).toBe('no-store');
    const unauthenticated = await graph.query('{ hubs(first: 1) { totalCount } }', undefined, { authorization: 'Bearer forged' });
    expect(unauthenticated.status).toBe(401);
    expect(unauthenticated.headers.get('cache-control')).toBe('no-store');
  });
});

describe('cache correctness under writes by callers of different access', () => {
  it('finds no stale or cross-scope answer: writers read their write at once, everyone else once its event arrives', async () => {
    const marker = `Thử Bộ Đệm ${Date.now()}`;
    const id = await createStartup(`${marker} 0`);
    let version = 1;
    const readers: Array<[string, TestClient]> = [
      ['anonymous', anonymous],
      ['partner', partner],
      ['editor', editor],
      ['admin', admin],
    ];
    const readAll = async () =>
      Promise.all(
        readers.map(async ([who, client]) => {
          const one = await client.query<Named>(STARTUP, { id });
          const list = await client.query<Found>(SEARCH, { search: marker });
          expect({ who, errors: [one.errors, list.errors] }).toEqual({ who, errors: [undefined, undefined] });
          return { who, name: one.data!.startup!.name.vi, names: list.data!.startups.nodes.map((node) => node.name.vi), total: list.data!.startups.totalCount };
        }),
      );

    for (let round = 1; round <= 4; round++) {
      // Everyone reads (anonymous twice: the second from the cache, no fetch). An answer is only
      // stored when no event arrived while it was computed, so first let the last write's event arrive.
      await feedCaughtUp();
      await readAll();
      const fetchesBefore = reached('startup(id:').length;
      await anonymous.queryOk(STARTUP, { id });
      expect(reached('startup(id:')).toHaveLength(fetchesBefore);

      const name = `${marker} ${round}`;
      const writer = round % 2 === 1 ? editor : admin;
      await writer.queryOk(UPDATE_STARTUP, { input: { id, expectedVersion: version++, name } });
      // Right after the mutation returned, through this gateway: nobody reads the old name, the writer included.
      const after = await readAll();
      expect(after).toEqual(readers.map(([who]) => ({ who, name, names: [name], total: 1 })));
    }

    // A write this gateway never saw (another instance): anonymous may read the cached name until the event
    // arrives, then only the new one; signed-in callers read it at once.
    await feedCaughtUp();
    await anonymous.queryOk(STARTUP, { id });
    await anonymous.queryOk(SEARCH, { search: marker });
    const cachedFetches = startups.requests.length;
    expect((await anonymous.queryOk<Named>(STARTUP, { id })).startup?.name.vi).toBe(`${marker} 4`);
    expect(startups.requests.length).toBe(cachedFetches); // served from the cache
    const elsewhere = `${marker} elsewhere`;
    const eventsRead = graph.gateway.sharing.invalidator!.eventsRead;
    await updateElsewhere({ id, expectedVersion: version, name: elsewhere });
    for (const client of [partner, editor, admin]) expect((await client.queryOk<Named>(STARTUP, { id })).startup?.name.vi).toBe(elsewhere);
    await until(
      async () => (await anonymous.queryOk<Named>(STARTUP, { id })).startup?.name.vi === elsewhere,
      'anonymous reads the write once its event arrives',
    );
    expect(graph.gateway.sharing.invalidator!.eventsRead).toBeGreaterThan(eventsRead);
    for (let read = 0; read < 3; read++) {
      expect((await anonymous.queryOk<Named>(STARTUP, { id })).startup?.name.vi).toBe(elsewhere);
      expect((await anonymous.queryOk<Found>(SEARCH, { search: marker })).startups.nodes.map((node) => node.name.vi)).toEqual([elsewhere]);
    }
  }, 300_000);

  it('a record created elsewhere evicts cached lists it joins, once its event arrives', async () => {
    const marker = `Danh Sách Đệm ${Date.now()}`;
    await createStartup(`${marker} một`);
    await feedCaughtUp();
    const cached = await anonymous.queryOk<Found>(SEARCH, { search: marker });
    expect(cached.startups.totalCount).toBe(1);
    const fetches = startups.requests.length;
    expect(await anonymous.queryOk<Found>(SEARCH, { search: marker })).toEqual(cached);
    expect(startups.requests.length).toBe(fetches); // served from the cache
    const input = { name: `${marker} hai`, registrationCode: newCode(), foundedOn: '2023-05-02', stage: 'PROTOTYPE' };
    const created = await graph.postToSubgraph('startups', CREATE_STARTUP, { input }, STEWARD_EDITOR);
    expect(created.errors).toBeUndefined();
    await until(async () => (await anonymous.queryOk<Found>(SEARCH, { search: marker })).startups.totalCount === 2, 'the cached list holds the new startup');
    expect((await anonymous.queryOk<Found>(SEARCH, { search: marker })).startups.nodes.map((node) => node.name.vi).sort()).toEqual([
      `${marker} hai`,
      `${marker} một`,
    ]);
  }, 120_000);
});

describe('GET with persisted queries', () => {
  const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
  const get = (hash: string, variables: Record<string, unknown>, headers: Record<string, string> = {}): Promise<Response> => {
    const url = new URL(graph.gateway.url);
    url.searchParams.set('extensions', JSON.stringify({ persistedQuery: { version: 1, sha256Hash: hash } }));
    url.searchParams.set('variables', JSON.stringify(variables));
    return fetch(url, { headers });
  };
  const register = (query: string, variables: Record<string, unknown>, headers: Record<string, string> = {}): Promise<GraphQLHttpResult> =>
    fetch(graph.gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query, variables, extensions: { persistedQuery: { version: 1, sha256Hash: sha256(query) } } }),
    }).then(async (response) => ({ status: response.status, headers: response.headers, ...((await response.json()) as object) }));

  it('answers a registered query by its hash over GET, cacheable by a CDN when public', async () => {
    const query = 'query Hubs($first: Int) { hubs(first: $first) { totalCount nodes { name { vi } } } }';
    expect((await register(query, { first: 2 })).errors).toBeUndefined();
    const response = await get(sha256(query), { first: 2 }, { 'apollo-require-preflight': 'true' });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('public, max-age=5');
    expect(((await response.json()) as { data: { hubs: { nodes: unknown[] } } }).data.hubs.nodes).toHaveLength(2);
    const signedIn = await get(sha256(query), { first: 2 }, { 'apollo-require-preflight': 'true', ...(await editor.headers()) });
    expect(signedIn.status).toBe(200);
    expect(signedIn.headers.get('cache-control')).toBe('no-store');
  });

  it('keeps CSRF prevention: a GET without a preflight header is refused, and a mutation never runs over GET', async () => {
    const query = 'query HubCount { hubs(first: 1) { totalCount } }';
    await register(query, {});
    const simple = await get(sha256(query), {});
    expect(simple.status).toBe(400);
    expect(simple.headers.get('cache-control')).toBe('no-store');
    const mutation = 'mutation Refused($input: CreateStartupInput!) { createStartup(input: $input) { startup { id } } }';
    const input = { name: 'Không Qua GET', registrationCode: newCode(), foundedOn: '2023-05-02', stage: 'PROTOTYPE' };
    await register(mutation, { input }); // anonymous: refused, but the hash is now known
    const overGet = await get(sha256(mutation), { input }, { 'apollo-require-preflight': 'true', ...(await editor.headers()) });
    expect(overGet.status).toBe(405);
    expect(overGet.headers.get('cache-control')).toBe('no-store');
    const { startups: found } = await editor.queryOk<Found>(SEARCH, { search: 'khong qua get' });
    expect(found.totalCount).toBe(0);
  });
});

describe('answers before Apollo Server (a request repeated byte for byte)', () => {
  /** One raw POST: the exact bytes and headers a client receives. */
  const post = async (body: Record<string, unknown>, headers: Record<string, string> = {}) => {
    const response = await fetch(graph.gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
    return { status: response.status, headers: response.headers, text: await response.text() };
  };
  const early = async () => (await responseCacheEarlyAnswers.get()).values[0]?.value ?? 0;
  const HEADERS = ['content-type', 'cache-control', 'vary', 'etag', 'content-length'];
  const headersOf = (response: { headers: Headers }) => Object.fromEntries(HEADERS.map((name) => [name, response.headers.get(name)]));

  it('sends the bytes and headers Apollo Server sends, for each media type a client accepts', async () => {
    const query = 'query Early($first: Int!) { hubs(first: $first) { totalCount nodes { id name { vi } } } }';
    const accepts = [undefined, 'application/graphql-response+json', 'application/graphql-response+json, application/json;q=0.9', '*/*'];
    for (const [index, accept] of accepts.entries()) {
      const headers: Record<string, string> = accept ? { accept } : {};
      const respaced = query.replace('{ hubs', `{${' '.repeat(index + 2)}hubs`);
      const first = await post({ query, variables: { first: 4 } }, headers);
      expect(first.status).toBe(200);
      // Another spelling of the same operation: Apollo Server parses it and answers from the cache.
      const before = await early();
      const fromApollo = await post({ query: respaced, variables: { first: 4 } }, headers);
      expect(await early()).toBe(before);
      const repeated = await post({ query, variables: { first: 4 } }, headers);
      expect(await early()).toBe(before + 1);
      expect(repeated.status).toBe(200);
      expect(repeated.text).toBe(fromApollo.text);
      expect(headersOf(repeated)).toEqual(headersOf(fromApollo));
      expect(repeated.headers.get('cache-control')).toBe('public, max-age=5');
    }
    // Three media types and one answer: the subgraph was asked once.
    expect(reached('Early__startups')).toHaveLength(1);
  });

  it('answers a browser (CORS) request early too, with its CORS headers and the same bytes', async () => {
    const query = 'query EarlyCors { hubs(first: 3) { totalCount nodes { id } } }';
    const origin = { origin: 'http://localhost:5173' };
    await post({ query }); // Apollo Server answers and stores
    const before = await early();
    const plain = await post({ query }); // before Express (the front door)
    const fromBrowser = await post({ query }, origin); // through Express: the CORS way
    expect(await early()).toBe(before + 2);
    expect(fromBrowser.text).toBe(plain.text);
    expect(fromBrowser.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect(plain.headers.get('access-control-allow-origin')).toBeNull();
    for (const response of [plain, fromBrowser]) {
      expect(headersOf(response)).toEqual(headersOf(plain));
      expect(response.headers.get('access-control-allow-credentials')).toBe('true');
      expect(response.headers.get('access-control-expose-headers')).toBe('Retry-After');
      expect(response.headers.get('x-request-id')).toMatch(/^[\w.:-]+$/);
    }
    // Only GET and HEAD revalidate (Express's rule): a POST carrying the tag gets the answer again.
    const conditional = await post({ query }, { 'if-none-match': plain.headers.get('etag')! });
    expect([conditional.status, conditional.text]).toEqual([200, plain.text]);
  });

  it('reads a body before Express as Express would: bad JSON, a bare value and another request get the answers they always got', async () => {
    const raw = async (body: string) => {
      const response = await fetch(graph.gateway.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      return {
        status: response.status,
        body: (await response.json()) as { errors?: Array<{ message: string; extensions: { code: string } }>; data?: unknown },
      };
    };
    for (const body of ['{"query": "{ hubs(first: 2) { totalCount } }"', '1', '"{ hubs(first: 2) { totalCount } }"', '  ']) {
      const answer = await raw(body);
      expect([body, answer.status, answer.body.errors?.[0]?.extensions.code]).toEqual([body, 400, 'BAD_REQUEST']);
    }
    expect((await raw('{"query": "{ hubs(first: 2) { totalCount } }"')).body.errors?.[0]?.message).toBe('The request body is not valid JSON');
    // A batch (an array) reaches Apollo Server, which refuses batches, as it always did.
    const batch = await raw('[{"query": "{ hubs(first: 2) { totalCount } }"}]');
    expect(batch.status).toBe(400);
    // A known request whose body is spaced otherwise is another key: Apollo Server answers it from the cache.
    const query = '{ hubs(first: 2) { totalCount } }';
    await post({ query });
    const before = await early();
    const respaced = await raw(`{ "query" : ${JSON.stringify(query)} }`);
    expect(respaced.status).toBe(200);
    expect(await early()).toBe(before + 1); // same parsed body, same key: answered early
  });

  it('never answers early a credential, a refused credential, another method, body type or media type', async () => {
    const query = '{ hubs(first: 7) { totalCount nodes { name { vi } } } }';
    await anonymous.queryOk(query);
    await anonymous.queryOk(query);
    const before = await early();
    expect(before).toBeGreaterThan(0);
    const asPartner = await post({ query }, await partner.headers());
    expect([asPartner.status, asPartner.headers.get('cache-control')]).toEqual([200, 'no-store']);
    expect(reached('hubs(first:7)')).toHaveLength(2); // the anonymous miss, then the partner's own read
    const forged = await post({ query }, { authorization: 'Bearer forged' });
    expect(forged.status).toBe(401);
    const unknownKey = await post({ query }, { 'x-api-key': 'sti_0000000000000000000000000000000000000000' });
    expect([401, 503]).toContain(unknownKey.status);
    const html = await post({ query }, { accept: 'text/html' });
    expect(html.status).toBe(406);
    const plainText = await fetch(graph.gateway.url, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: JSON.stringify({ query }) });
    expect(plainText.status).toBe(400); // CSRF prevention: a simple request is refused
    const overGet = await fetch(`${graph.gateway.url}?query=${encodeURIComponent(query)}`);
    expect(overGet.status).toBe(400);
    const withOtherVariables = await post({ query, variables: { unused: 1 } });
    expect(withOtherVariables.status).toBe(200);
    expect(await early()).toBe(before);
  });

  it('never answers early what a write changed: the next repeat reads the write', async () => {
    const marker = `Sớm ${Date.now()}`;
    const id = await createStartup(`${marker} 1`);
    await feedCaughtUp(); // else the creation's event may arrive during the first read, which is then (rightly) not stored
    const query = `{ startups(first: 5, filter: { search: ${JSON.stringify(marker)} }) { totalCount nodes { name { vi } } } }`;
    expect((await anonymous.queryOk<Found>(query)).startups.nodes.map((node) => node.name.vi)).toEqual([`${marker} 1`]);
    const before = await early();
    expect((await anonymous.queryOk<Found>(query)).startups.nodes.map((node) => node.name.vi)).toEqual([`${marker} 1`]);
    expect(await early()).toBe(before + 1);
    await editor.queryOk(UPDATE_STARTUP, { input: { id, expectedVersion: 1, name: `${marker} 2` } });
    expect((await anonymous.queryOk<Found>(query)).startups.nodes.map((node) => node.name.vi)).toEqual([`${marker} 2`]);
    // Changed where this gateway cannot see: the change feed evicts it, then the repeat reads the new name.
    await updateElsewhere({ id, expectedVersion: 2, name: `${marker} 3` });
    await feedCaughtUp();
    expect((await anonymous.queryOk<Found>(query)).startups.nodes.map((node) => node.name.vi)).toEqual([`${marker} 3`]);
  });

  // Last in the file: it spends the anonymous bucket of this address.
  it('counts early answers against the rate limit like any other request', async () => {
    const query = '{ hubs(first: 8) { totalCount } }';
    await anonymous.queryOk(query);
    const before = await early();
    let refused: { status: number; headers: Headers; text: string } | undefined;
    for (let sent = 0; sent < 2_000 && !refused; sent++) {
      const response = await post({ query });
      if (response.status === 429) refused = response;
      else expect(response.status).toBe(200);
    }
    expect(await early()).toBeGreaterThan(before);
    expect(refused?.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(JSON.parse(refused!.text).errors[0].extensions.code).toBe('RATE_LIMITED');
  });
});
