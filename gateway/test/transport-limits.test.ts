import { request as httpRequest } from 'node:http';
import { startGateway, type RunningGateway } from '../server';
import { startTestGraph, type TestGraph } from '../testing';
import { WsSession } from './ws-session';
import { eventually } from '../../subgraphs/kernel/testing/eventually';
import { captureLogs } from '../../subgraphs/kernel/platform/logger';

/**
 * WebSocket and SSE meet the limits HTTP requests meet, before anything parses: message size
 * (GATEWAY_MAX_BODY), tokens, nesting of the document and of the variables, connections per
 * client IP and per credential, and the same production error hygiene. Malformed requests are
 * 400s with a message saying what to change, on every transport.
 */

interface HttpAnswer {
  status: number;
  text: string;
  errors: Array<{ message: string; extensions?: Record<string, unknown> }>;
}

/** POSTs `payload` as JSON (a string is sent as it is). */
async function post(url: string, payload: unknown, headers: Record<string, string> = {}): Promise<HttpAnswer> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof payload === 'string' ? payload : JSON.stringify(payload),
    signal: AbortSignal.timeout(20_000),
  });
  const text = await response.text();
  return { status: response.status, text, errors: eventErrors(text) };
}

/** The errors of a JSON answer, or of the `next` events of an event stream that has ended. */
function eventErrors(text: string): HttpAnswer['errors'] {
  const bodies = text.startsWith('{') ? [text] : [...text.matchAll(/^data: (\{.*\})$/gm)].map((match) => match[1]!);
  return bodies.flatMap((body) => (JSON.parse(body) as { errors?: HttpAnswer['errors'] }).errors ?? []);
}

/** A subscription over SSE (distinct connections mode), read until the server ends the stream. */
const overSse = (url: string, payload: unknown, headers: Record<string, string> = {}) => post(url, payload, { accept: 'text/event-stream', ...headers });

/** The first answer to operation `id` sent over a new, initialised WebSocket connection. */
async function overWebSocket(url: string, payload: Record<string, unknown>): Promise<{ type: string; payload: unknown }> {
  const session = await WsSession.open(url);
  try {
    session.send({ type: 'subscribe', id: '1', payload });
    const answer = await session.forOperation('1');
    return { type: answer.type, payload: answer.payload };
  } finally {
    session.close();
  }
}

/** `{ a { a { ... } } }` `levels` deep: every level is one more recursion of a parser. */
const nestedDocument = (operation: string, levels: number) => `${operation} { changes ${'{ a '.repeat(levels)}${'}'.repeat(levels)} }`;

function nestedList(levels: number): unknown {
  let value: unknown = 1;
  for (let level = 0; level < levels; level++) value = [value];
  return value;
}

const SUBSCRIPTION = 'subscription { changes { cursor } }';

describe('limits on every transport', () => {
  let graph: TestGraph;
  /** Production, small limits: 4 kB messages, 60 tokens, nesting 8, 4 connections per IP and 2 per credential. */
  let strict: RunningGateway;
  let logged: string[];
  let restoreLogs = () => undefined as void;

  beforeAll(async () => {
    graph = await startTestGraph({ only: ['programmes', 'integrations'] });
    strict = await startGateway({
      ...graph.gatewayConfig(),
      rateLimit: { perMinute: 0 },
      production: true,
      maxBody: '4kb',
      limits: { maxTokens: 60 },
      maxNesting: 8,
      connections: { perIp: 4, perCredential: 2 },
    });
  }, 180_000); // subgraphs seeded from cold: slow when the machine is busy
  afterAll(async () => {
    await strict?.stop();
    await graph?.stop();
  });
  beforeEach(() => {
    logged = [];
    jest.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void logged.push(args.map(String).join(' ')));
    restoreLogs = captureLogs(logged, 'error'); // the graph's own error lines (JSON)
  });
  afterEach(() => {
    jest.restoreAllMocks();
    restoreLogs();
  });

  describe('message size', () => {
    it('attack: 22 MB subscribe over WebSocket is refused before parsing (close 1009), and the gateway keeps answering', async () => {
      const session = await WsSession.open(graph.gateway.url);
      session.subscribe('big', `subscription { changes { cursor ${'__typename '.repeat(2_000_000)} } }`);
      expect((await session.closed).code).toBe(1009); // Message Too Big, before the message is read
      expect(logged).toEqual([]); // a client's oversized message is not an internal error
      const health = await fetch(new URL('/health', graph.gateway.url));
      expect(health.status).toBe(200);
      const after = await WsSession.open(graph.gateway.url);
      after.send({ type: 'ping' });
      await after.next((message) => message.type === 'pong');
      after.close();
    });

    it('attack: a WebSocket message just over GATEWAY_MAX_BODY closes the connection; one just under is read', async () => {
      const under = await WsSession.open(strict.url);
      under.send({ type: 'subscribe', id: 'ok', payload: { query: '{ __typename }', variables: { padding: 'x'.repeat(3_000) } } });
      expect(await under.forOperation('ok')).toMatchObject({ type: 'next', payload: { data: { __typename: 'Query' } } });
      under.close();
      const over = await WsSession.open(strict.url);
      over.send({ type: 'subscribe', id: 'big', payload: { query: '{ __typename }', variables: { padding: 'x'.repeat(4_200) } } });
      expect((await over.closed).code).toBe(1009);
    });

    it('refuses an SSE request over GATEWAY_MAX_BODY with 413', async () => {
      const answer = await overSse(strict.url, { query: SUBSCRIPTION, variables: { padding: 'x'.repeat(5_000) } });
      expect(answer.status).toBe(413);
      expect(answer.errors[0]?.extensions?.code).toBe('BAD_REQUEST');
    });
  });

  describe('tokens and nesting, counted before parsing', () => {
    it('attack: a 50,000-level document over WebSocket gets OPERATION_LIMIT, not close 4500, and the connection stays open', async () => {
      const session = await WsSession.open(graph.gateway.url);
      session.subscribe('deep', nestedDocument('subscription', 50_000));
      expect(await session.forOperation('deep')).toEqual({
        type: 'error',
        id: 'deep',
        payload: [expect.objectContaining({ extensions: { code: 'OPERATION_LIMIT', limit: 'GATEWAY_MAX_NESTING', max: 64 } })],
      });
      session.send({ type: 'ping' });
      await session.next((message) => message.type === 'pong');
      session.close();
    });

    // 3,000 levels are 6,000 tokens, within the token limit, and already overflowed graphql-js's parser.
    it.each(['subscription', 'query'])(
      'attack: a 3,000-level document (%s) within the token limit gets GATEWAY_MAX_NESTING over WebSocket',
      async (operation) => {
        const answer = await overWebSocket(graph.gateway.url, { query: nestedDocument(operation, 3_000) });
        expect(answer).toEqual({
          type: 'error',
          payload: [
            {
              message: 'The document nests more than 64 levels deep, over the maximum of 64. Flatten it or split the operation.',
              extensions: { code: 'OPERATION_LIMIT', limit: 'GATEWAY_MAX_NESTING', max: 64 },
            },
          ],
        });
        expect(logged.filter((line) => /Maximum call stack|Internal error/.test(line))).toEqual([]);
      },
    );

    it('attack: 3,000- and 50,000-level documents over SSE and HTTP get 400 GATEWAY_MAX_NESTING; 60 levels are served', async () => {
      for (const levels of [3_000, 50_000]) {
        for (const answer of [
          await overSse(graph.gateway.url, { query: nestedDocument('subscription', levels) }),
          await post(graph.gateway.url, { query: nestedDocument('query', levels) }),
        ]) {
          expect(answer.status).toBe(400);
          expect(answer.errors[0]?.extensions).toMatchObject({ code: 'OPERATION_LIMIT', limit: 'GATEWAY_MAX_NESTING' });
        }
      }
      expect((await post(graph.gateway.url, { query: `{ ${'... on Query { '.repeat(60)}__typename${' }'.repeat(60)} }` })).status).toBe(200);
    });

    it('attack: over GATEWAY_MAX_TOKENS over WebSocket and SSE is refused as over HTTP', async () => {
      const query = `subscription { changes { ${'cursor '.repeat(70)} } }`;
      const ws = await overWebSocket(strict.url, { query });
      expect(ws).toEqual({
        type: 'error',
        payload: [expect.objectContaining({ extensions: { code: 'OPERATION_LIMIT', limit: 'GATEWAY_MAX_TOKENS', max: 60 } })],
      });
      for (const answer of [await overSse(strict.url, { query }), await post(strict.url, { query })]) {
        expect(answer.status).toBe(400);
        expect(answer.errors[0]?.extensions).toMatchObject({ code: 'OPERATION_LIMIT', limit: 'GATEWAY_MAX_TOKENS' });
      }
    });

    it('attack: variables nested deeper than GATEWAY_MAX_NESTING are refused on every transport', async () => {
      const payload = { query: 'subscription ($v: String) { changes(after: $v) { cursor } }', variables: { v: nestedList(20) } };
      const ws = await overWebSocket(strict.url, payload);
      expect(ws).toEqual({
        type: 'error',
        payload: [expect.objectContaining({ extensions: { code: 'OPERATION_LIMIT', limit: 'GATEWAY_MAX_NESTING', max: 8 } })],
      });
      for (const answer of [await overSse(strict.url, payload), await post(strict.url, { ...payload, query: 'query ($v: String) { __typename }' })]) {
        expect(answer.status).toBe(400);
        expect(answer.errors[0]?.extensions).toMatchObject({ code: 'OPERATION_LIMIT', limit: 'GATEWAY_MAX_NESTING' });
      }
      // 100,000 levels with the default limits: refused, not a stack overflow in JSON.stringify.
      const deep = await post(
        graph.gateway.url,
        `{"query": "query ($v: String) { __typename }", "variables": { "v": ${'['.repeat(100_000)}${']'.repeat(100_000)} }}`,
      );
      expect(deep.status).toBe(400);
      expect(deep.errors[0]?.extensions).toMatchObject({ code: 'OPERATION_LIMIT', limit: 'GATEWAY_MAX_NESTING', max: 64 });
    });
  });

  describe('production error hygiene', () => {
    const typo = { query: 'subscription { chnages { cursor } }' };

    it('attack: field suggestions over WebSocket and SSE in production are hidden as over HTTP', async () => {
      const development = await overWebSocket(graph.gateway.url, typo);
      expect(development.payload).toEqual([expect.objectContaining({ message: expect.stringMatching(/Did you mean "changes"\?/) })]);

      const ws = await overWebSocket(strict.url, typo);
      expect(ws).toEqual({
        type: 'error',
        payload: [
          expect.objectContaining({ message: 'Cannot query field "chnages" on type "Subscription".', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }),
        ],
      });
      const sse = await overSse(strict.url, typo);
      expect(sse.errors).toEqual([
        expect.objectContaining({ message: 'Cannot query field "chnages" on type "Subscription".', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }),
      ]);
      const query = await overWebSocket(strict.url, { query: '{ organisations { totalCount } }' });
      expect(JSON.stringify(query.payload)).toMatch(/Cannot query field \\"organisations\\"/);
      expect(JSON.stringify([ws, sse.text, query])).not.toMatch(/Did you mean|organizations|stack/i);
    });
  });

  describe('malformed requests', () => {
    const UNKNOWN_NAME = { query: 'query A { __typename } query B { __typename }', operationName: 'C' };
    const NO_NAME = { query: 'query A { __typename } query B { __typename }' };

    it('attack: an operationName that matches nothing is HTTP 400 naming the operations, not 500', async () => {
      const answer = await post(graph.gateway.url, UNKNOWN_NAME);
      expect(answer.status).toBe(400);
      expect(answer.errors).toEqual([
        {
          message: 'The document has no operation named "C"; its operations are: A, B. Send one of these names as operationName.',
          extensions: { code: 'OPERATION_RESOLUTION_FAILURE' },
        },
      ]);
      expect(logged).toEqual([]);
    });

    it('attack: several operations without operationName are HTTP 400, not 500', async () => {
      const answer = await post(graph.gateway.url, NO_NAME);
      expect(answer.status).toBe(400);
      expect(answer.errors).toEqual([
        { message: 'The document has 2 operations (A, B); send operationName to say which one to run.', extensions: { code: 'OPERATION_RESOLUTION_FAILURE' } },
      ]);
      expect(logged).toEqual([]);
    });

    it('attack: a subscription sent as a plain HTTP POST is 400 saying to use WebSocket or SSE, not 500', async () => {
      const answer = await post(graph.gateway.url, { query: SUBSCRIPTION });
      expect(answer.status).toBe(400);
      expect(answer.errors).toEqual([
        {
          message: expect.stringMatching(/WebSocket \(protocol graphql-transport-ws.*Server-Sent Events \(send "Accept: text\/event-stream"/),
          extensions: { code: 'BAD_REQUEST' },
        },
      ]);
      expect(logged).toEqual([]);
    });

    it('attack: a query over WebSocket whose answer carries errors gets them with their codes, not close 4500', async () => {
      const session = await WsSession.open(graph.gateway.url);
      session.send({
        type: 'subscribe',
        id: 'q',
        payload: { query: 'query ($s: String) { organizations(filter: { search: $s }) { totalCount } }', variables: { s: 'a\u0000' } },
      });
      expect(await session.forOperation('q')).toEqual({
        type: 'next',
        id: 'q',
        payload: {
          data: { organizations: null },
          errors: [expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'filter.search' }) })],
        },
      });
      session.send({ type: 'ping' });
      await session.next((message) => message.type === 'pong');
      session.close();
      expect(logged).toEqual([]);
    });

    it('answers the same malformed operations over WebSocket and SSE with the same codes', async () => {
      for (const [payload, message] of [
        [UNKNOWN_NAME, /no operation named "C"/],
        [NO_NAME, /has 2 operations \(A, B\)/],
      ] as const) {
        const ws = await overWebSocket(graph.gateway.url, payload);
        expect(ws).toEqual({ type: 'error', payload: [{ message: expect.stringMatching(message), extensions: { code: 'OPERATION_RESOLUTION_FAILURE' } }] });
        const sse = await overSse(graph.gateway.url, payload);
        expect(sse.errors).toEqual([{ message: expect.stringMatching(message), extensions: { code: 'OPERATION_RESOLUTION_FAILURE' } }]);
      }
      const unparsable = await overWebSocket(graph.gateway.url, { query: 'subscription { changes { cursor }' });
      expect(unparsable).toEqual({ type: 'error', payload: [expect.objectContaining({ extensions: { code: 'GRAPHQL_PARSE_FAILED' } })] });
      expect(logged).toEqual([]);
    });
  });

  describe('connections per client', () => {
    // Each test connects from its own loopback address, so connections of other tests never count against its caps.
    const sessions: WsSession[] = [];
    afterEach(() => sessions.splice(0).forEach((session) => session.close()));

    /** A WebSocket connection from `from` with `params` in connection_init: acknowledged, or closed with a code. */
    async function connect(from: string, params?: Record<string, string>): Promise<{ session: WsSession; outcome: 'ack' | { code: number; reason: string } }> {
      const session = await WsSession.open(strict.url, { init: false, localAddress: from });
      sessions.push(session);
      session.send({ type: 'connection_init', ...(params ? { payload: params } : {}) });
      const outcome = await session
        .next((message) => message.type === 'connection_ack')
        .then(
          () => 'ack' as const,
          () => session.closed,
        );
      return { session, outcome };
    }
    /** Closes a connection and waits until the gateway gives its place back (a new connection from `from` is acknowledged). */
    async function release(session: WsSession, from: string, params?: Record<string, string>): Promise<void> {
      session.close();
      await session.closed;
      await eventually(async () => {
        const again = await connect(from, params);
        if (again.outcome !== 'ack') throw new Error(`still refused: ${JSON.stringify(again.outcome)}`);
      });
    }
    /** An SSE subscription stream opened from `from`: its status, and a way to end it. */
    function openStream(from: string): Promise<{ status: number; body: string; end: () => void }> {
      return new Promise((resolve, reject) => {
        const url = new URL(strict.url);
        const request = httpRequest(
          {
            host: url.hostname,
            port: url.port,
            path: url.pathname,
            method: 'POST',
            localAddress: from,
            headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
          },
          (response) => {
            if (response.statusCode !== 200) {
              let body = '';
              response.on('data', (chunk: Buffer) => (body += chunk.toString()));
              response.on('end', () => resolve({ status: response.statusCode ?? 0, body, end: () => undefined }));
              return;
            }
            resolve({ status: 200, body: '', end: () => request.destroy() });
          },
        );
        request.on('error', reject);
        request.end(JSON.stringify({ query: SUBSCRIPTION }));
      });
    }

    it('attack: more WebSocket connections than GATEWAY_MAX_CONNECTIONS_PER_CREDENTIAL close with 4429; another credential and a freed place are served', async () => {
      const from = '127.0.0.2';
      const token = (sub: string, ttlSeconds?: number) =>
        graph.tokenFor('partner', '215b30bd-76bd-5047-8b2e-0993a9883be5', { sub, ...(ttlSeconds ? { ttlSeconds } : {}) });
      const alice = { authorization: `Bearer ${await token('alice')}` };
      const first = await connect(from, alice);
      expect(first.outcome).toBe('ack');
      // Another token of the same subject is the same credential.
      expect((await connect(from, { authorization: `Bearer ${await token('alice', 600)}` })).outcome).toBe('ack');
      expect((await connect(from, alice)).outcome).toEqual({ code: 4429, reason: 'Too many connections: at most 2 open per credential. Close one first.' });
      expect((await connect(from, { authorization: `Bearer ${await token('bob')}` })).outcome).toBe('ack');
      await release(first.session, from, alice);
    });

    it('attack: more WebSocket connections and SSE streams than GATEWAY_MAX_CONNECTIONS_PER_IP are refused (close 4429, HTTP 429)', async () => {
      const from = '127.0.0.3';
      const held = [];
      for (let i = 0; i < 4; i++) held.push(await connect(from));
      expect(held.map(({ outcome }) => outcome)).toEqual(['ack', 'ack', 'ack', 'ack']);
      expect((await connect(from)).outcome).toEqual({ code: 4429, reason: 'Too many connections: at most 4 open per IP. Close one first.' });
      const refused = await openStream(from);
      expect(refused.status).toBe(429);
      expect(JSON.parse(refused.body)).toEqual({
        errors: [
          {
            message: 'Too many connections: at most 4 open per IP. Close one first.',
            extensions: { code: 'RATE_LIMITED', limit: 'GATEWAY_MAX_CONNECTIONS_PER_IP', max: 4 },
          },
        ],
      });
      // Another address is not affected.
      expect((await connect('127.0.0.4')).outcome).toBe('ack');

      // A freed place takes an SSE stream, which holds it until the client goes away.
      held[0]!.session.close();
      await held[0]!.session.closed;
      const stream = await eventually(async () => {
        const opened = await openStream(from);
        if (opened.status !== 200) throw new Error(`status ${opened.status}`);
        return opened;
      });
      expect((await connect(from)).outcome).toMatchObject({ code: 4429 });
      stream.end();
      await eventually(async () => {
        const again = await connect(from);
        if (again.outcome !== 'ack') throw new Error('still refused');
      });
    });
  });
});
