import './apollo-dev-mode';
import { ApolloClient, HttpLink, InMemoryCache, gql } from '@apollo/client';
import type { EventAccess } from '../../subgraphs/kernel/identity/access-policy';
import type { RelayedEvent } from '../../subgraphs/kernel/subgraph/outbox-relay';
import { eventually } from '../../subgraphs/kernel/testing/eventually';
import { startGateway, type RunningGateway } from '../server';
import { MULTIPART_SUBSCRIPTION_CONTENT_TYPE } from '../subscriptions/multipart';
import { startTestGraph, type TestGraph } from '../testing';
import { organizationEvent, ORGANIZATION_ID } from '../../subgraphs/integrations/test/events';

/**
 * Subscriptions over multipart HTTP, as Apollo Client's HttpLink sends them, through the
 * gateway: the change feed's replay-then-live order, its access rules (an anonymous subscriber
 * never receives an INTERNAL or RESTRICTED record's event), and the admission every stream
 * transport has (credentials, rate limit, connections per client). A subscription POSTed any
 * other way keeps its 400 naming the transports.
 */
const APOLLO_ACCEPT = 'multipart/mixed;subscriptionSpec="1.0", application/json';
const SUBSCRIPTION = `subscription ($after: String) {
  changes(after: $after, filter: { entityTypes: ["Organization"] }) { id cursor entity { ... on Organization { shortName } } }
}`;

let sequence = 0;
// Their own series of event ids, apart from the other subscription tests'.
const event = (access?: EventAccess): RelayedEvent => organizationEvent(++sequence, access ? { access } : {}, '9200');

/** A raw multipart subscription: its status, and its parts as they arrive (heartbeats included). */
interface RawStream {
  status: number;
  contentType: string | null;
  text: () => string;
  parts: () => Array<Record<string, unknown>>;
  close: () => void;
}

async function openRaw(url: string, body: unknown, headers: Record<string, string> = {}): Promise<RawStream> {
  const controller = new AbortController();
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: APOLLO_ACCEPT, ...headers },
    body: JSON.stringify(body),
    signal: controller.signal,
  });
  let received = '';
  if (response.body) {
    void (async () => {
      const decoder = new TextDecoder();
      for await (const chunk of response.body!) received += decoder.decode(chunk, { stream: true });
    })().catch(() => undefined);
  }
  return {
    status: response.status,
    contentType: response.headers.get('content-type'),
    text: () => received,
    // Each part: headers, a blank line, one JSON document, then the delimiter.
    parts: () =>
      received
        .split('\r\n--graphql')
        .map((part) => part.slice(part.indexOf('\r\n\r\n') + 4))
        .filter((part, index, all) => index > 0 && index < all.length - 1 && part.startsWith('{'))
        .map((part) => JSON.parse(part) as Record<string, unknown>),
    close: () => controller.abort(),
  };
}

interface Change {
  id: string;
  cursor: string;
  entity: { shortName: string } | null;
}
const payloadChanges = (parts: Array<Record<string, unknown>>): Change[] =>
  parts.flatMap((part) => {
    const payload = part.payload as { data?: { changes: Change } } | undefined;
    return payload?.data ? [payload.data.changes] : [];
  });

let graph: TestGraph;
/** Small caps: 2 open streams per IP and per credential, 3 requests a minute with bursts of 3. */
let strict: RunningGateway;

beforeAll(async () => {
  graph = await startTestGraph({ only: ['programmes', 'integrations'] });
  strict = await startGateway({ ...graph.gatewayConfig(), rateLimit: { perMinute: 0 }, connections: { perIp: 2, perCredential: 2 } });
}, 240_000);
afterAll(async () => {
  await strict?.stop();
  await graph?.stop();
});

const cursorOf = async (eventId: string): Promise<string> => {
  const { changes } = await graph.queryOk<{ changes: { edges: Array<{ cursor: string; node: { id: string } }> } }>(
    `query ($ids: [ID!]) { changes(last: 100, filter: { entityIds: $ids }) { edges { cursor node { id } } } }`,
    { ids: [ORGANIZATION_ID] },
  );
  return changes.edges.find((edge) => edge.node.id === eventId)!.cursor;
};

it("Apollo Client's HttpLink replays from a cursor and continues live, with no gap and no duplicate", async () => {
  const history = Array.from({ length: 4 }, () => event());
  await graph.ingest(history);
  const after = await cursorOf(history[0]!.eventId);
  const client = new ApolloClient({ link: new HttpLink({ uri: graph.gateway.url }), cache: new InMemoryCache() });
  const received: Change[] = [];
  const errors: unknown[] = [];
  const subscription = client.subscribe<{ changes: Change }>({ query: gql(SUBSCRIPTION), variables: { after } }).subscribe({
    next: (result) => (result.data ? received.push(result.data.changes) : errors.push(result.error)),
    error: (error: unknown) => errors.push(error),
  });
  try {
    // The replayed history arrives, then what is published while subscribed.
    await eventually(async () => expect(received).toHaveLength(3));
    const live = Array.from({ length: 3 }, () => event());
    await graph.ingest(live);
    await eventually(async () => expect(received).toHaveLength(6));
    expect(errors).toEqual([]);
    expect(received.map((change) => change.id)).toEqual([...history.slice(1), ...live].map((e) => e.eventId));
    expect(received[0]!.entity).toEqual({ __typename: 'Organization', shortName: 'UBND TP Hà Nội' });
  } finally {
    subscription.unsubscribe();
  }
});

it('answers with the multipart content type, a heartbeat first, then one JSON part per event', async () => {
  const first = event();
  await graph.ingest([first]);
  const stream = await openRaw(graph.gateway.url, { query: SUBSCRIPTION, variables: { after: await cursorOf(first.eventId) } });
  try {
    expect(stream.status).toBe(200);
    expect(stream.contentType).toBe(MULTIPART_SUBSCRIPTION_CONTENT_TYPE);
    const next = event();
    await graph.ingest([next]);
    await eventually(async () => expect(payloadChanges(stream.parts()).map((change) => change.id)).toEqual([next.eventId]));
    expect(stream.parts()[0]).toEqual({});
  } finally {
    stream.close();
  }
});

it('attack: an anonymous multipart subscriber never receives an INTERNAL or RESTRICTED record’s event, nor its id', async () => {
  const start = event();
  await graph.ingest([start]);
  const stream = await openRaw(graph.gateway.url, { query: SUBSCRIPTION, variables: { after: await cursorOf(start.eventId) } });
  try {
    const owner = '00000000-0000-4000-8000-0000000000aa';
    const sequenceOfEvents = [
      event(),
      event({ level: 'INTERNAL', ownerOrganizationId: owner }),
      event({ level: 'RESTRICTED', ownerOrganizationId: owner }),
      event(),
    ];
    await graph.ingest(sequenceOfEvents);
    // The last public event arrives after the hidden ones would have: the feed has passed them.
    await eventually(async () =>
      expect(payloadChanges(stream.parts()).map((change) => change.id)).toEqual([sequenceOfEvents[0]!.eventId, sequenceOfEvents[3]!.eventId]),
    );
    expect(stream.text()).not.toContain(sequenceOfEvents[1]!.eventId);
    expect(stream.text()).not.toContain(sequenceOfEvents[2]!.eventId);
  } finally {
    stream.close();
  }
  // An admin sees them over the same transport: the rule, not the transport, hides them.
  const admin = await openRaw(
    graph.gateway.url,
    { query: SUBSCRIPTION, variables: { after: await cursorOf(start.eventId) } },
    await graph.authHeadersFor('admin'),
  );
  try {
    await eventually(async () => expect(payloadChanges(admin.parts())).toHaveLength(4));
  } finally {
    admin.close();
  }
});

it('attack: a bad credential is 401 and the feed never starts', async () => {
  const stream = await openRaw(graph.gateway.url, { query: SUBSCRIPTION }, { authorization: 'Bearer not-a-token' });
  expect(stream.status).toBe(401);
  await eventually(async () => expect(JSON.parse(stream.text())).toMatchObject({ errors: [{ extensions: { code: 'UNAUTHENTICATED' } }] }));
});

it('attack: more multipart streams than GATEWAY_MAX_CONNECTIONS_PER_IP are refused with 429; a freed place is served', async () => {
  const held = [await openRaw(strict.url, { query: SUBSCRIPTION }), await openRaw(strict.url, { query: SUBSCRIPTION })];
  expect(held.map((stream) => stream.status)).toEqual([200, 200]);
  const refused = await openRaw(strict.url, { query: SUBSCRIPTION });
  expect(refused.status).toBe(429);
  await eventually(async () =>
    expect(JSON.parse(refused.text())).toEqual({
      errors: [
        {
          message: 'Too many connections: at most 2 open per IP. Close one first.',
          extensions: { code: 'RATE_LIMITED', limit: 'GATEWAY_MAX_CONNECTIONS_PER_IP', max: 2 },
        },
      ],
    }),
  );
  held[0]!.close();
  const again = await eventually(async () => {
    const stream = await openRaw(strict.url, { query: SUBSCRIPTION });
    if (stream.status !== 200) throw new Error(`still refused: ${stream.status}`);
    return stream;
  });
  again.close();
  held[1]!.close();
});

it('attack: an invalid subscription over multipart is a 400 with the validation error, never a stream or a 500', async () => {
  const stream = await openRaw(graph.gateway.url, { query: 'subscription { changes { noSuchField } }' });
  expect(stream.status).toBe(400);
  await eventually(async () => expect(JSON.parse(stream.text())).toMatchObject({ errors: [{ extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }] }));
});

it('a query sent with the multipart Accept header is answered by the HTTP path as JSON', async () => {
  const response = await fetch(graph.gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: APOLLO_ACCEPT },
    body: JSON.stringify({ query: '{ __typename }' }),
  });
  expect(response.status).toBe(200);
  expect(await response.json()).toEqual({ data: { __typename: 'Query' } });
});

it('attack: a subscription POSTed without the multipart subscription Accept keeps its 400 naming every transport', async () => {
  for (const accept of ['application/json', 'multipart/mixed;deferSpec=20220824, application/json']) {
    const response = await fetch(graph.gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept },
      body: JSON.stringify({ query: SUBSCRIPTION }),
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { errors: Array<{ message: string; extensions: { code: string } }> };
    expect(body.errors[0]!.extensions.code).toBe('BAD_REQUEST');
    expect(body.errors[0]!.message).toMatch(/WebSocket.*Server-Sent Events.*multipart HTTP \(POST with "Accept: multipart\/mixed;subscriptionSpec=1\.0"/);
  }
});

// Last: this gateway shares the graph's rate-limit store, so the buckets it empties are the other tests' too.
it('attack: each multipart subscription spends from its caller’s rate limit like any request', async () => {
  const limited = await startGateway({ ...graph.gatewayConfig(), rateLimit: { perMinute: 2, burst: 2 } });
  const streams: RawStream[] = [];
  try {
    for (let i = 0; i < 2; i++) streams.push(await openRaw(limited.url, { query: SUBSCRIPTION }));
    expect(streams.map((stream) => stream.status)).toEqual([200, 200]);
    const over = await openRaw(limited.url, { query: SUBSCRIPTION });
    expect(over.status).toBe(429);
  } finally {
    streams.forEach((stream) => stream.close());
    await limited.stop();
  }
});
