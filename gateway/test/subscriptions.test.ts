import { createClient as createSseClient } from 'graphql-sse';
import { createClient as createWsClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { indicatorId } from '../../subgraphs/kernel/reference/seed-refs';
import { FakeClock, Receiver, TEST_CONFIG } from '../../subgraphs/integrations/test/webhook-helpers';
import { WebhookService } from '../../subgraphs/integrations/webhooks/service';
import { verifyWebhook } from '../../subgraphs/integrations/webhooks/signing';
import type { RelayedEvent } from '../../subgraphs/kernel/subgraph/outbox-relay';
import { startTestGraph, type TestGraph } from '../testing';
import { organizationEvent, ORGANIZATION_ID, takeChanges, untilListening, type SubscriptionResults } from '../../subgraphs/integrations/test/events';

let sequence = 0;
const nextEvent = (): RelayedEvent => organizationEvent(++sequence);

const SUBSCRIPTION = `subscription ($after: String) {
  changes(after: $after, filter: { entityTypes: ["Organization"] }) {
    id cursor version
    entity { ... on Organization { shortName } }
  }
}`;

interface ChangeEvent {
  id: string;
  cursor: string;
  version: number;
  entity: { shortName: string } | null;
}

describe('live subscriptions at the gateway', () => {
  let graph: TestGraph;
  let ws: Client;
  const publish = async (count: number): Promise<RelayedEvent[]> => {
    const events = Array.from({ length: count }, nextEvent);
    await graph.ingest(events);
    return events;
  };
  const wsUrl = () => graph.gateway.url.replace('http://', 'ws://');

  const take = (iterator: SubscriptionResults, count: number) => takeChanges<ChangeEvent>(iterator, count);

  /** The next event of a subscription, whatever its shape, then stops it. */
  async function takeRaw(iterator: AsyncIterableIterator<{ data?: unknown; errors?: unknown }>): Promise<unknown> {
    const { value } = await iterator.next();
    await iterator.return?.();
    expect(value.errors).toBeUndefined();
    return (value.data as { changes: unknown }).changes;
  }

  beforeAll(async () => {
    graph = await startTestGraph({ only: ['programmes', 'integrations'] });
    ws = createWsClient({ url: wsUrl(), webSocketImpl: WebSocket, retryAttempts: 0, lazy: true });
  });
  afterAll(async () => {
    await ws?.dispose();
    await graph?.stop().catch(() => undefined);
  });

  it('delivers new changes to a WebSocket subscriber, with the entity resolved through the gateway', async () => {
    await publish(2); // history before the subscription starts: not delivered without `after` (its first change must be a marker)
    const iterator = ws.iterate({ query: SUBSCRIPTION });
    await untilListening(iterator, async () => (await publish(1))[0]!.eventId);
    const fresh = await publish(3);
    const received = await take(iterator, 3);
    expect(received.map((change) => change.id)).toEqual(fresh.map((event) => event.eventId));
    expect(received[0]!.entity).toEqual({ shortName: 'UBND TP Hà Nội' });
  });

  it('replays from a cursor and continues live with no gap and no duplicate, over WebSocket and SSE', async () => {
    const history = await publish(5);
    const { changes } = await graph.queryOk<{ changes: { edges: Array<{ cursor: string; node: { id: string } }> } }>(
      `query ($ids: [ID!]) { changes(first: 100, filter: { entityIds: $ids }) { edges { cursor node { id } } } }`,
      { ids: [ORGANIZATION_ID] },
    );
    const start = changes.edges.find((edge) => edge.node.id === history[1]!.eventId)!.cursor;
    const expected = [...history.slice(2)];

    const sse = createSseClient({ url: graph.gateway.url, fetchFn: fetch, retryAttempts: 0 });
    const wsIterator = ws.iterate({ query: SUBSCRIPTION, variables: { after: start } });
    const sseIterator = sse.iterate({ query: SUBSCRIPTION, variables: { after: start } });
    // Changes keep coming while the subscribers replay.
    const publishing = (async () => {
      for (let i = 0; i < 4; i++) {
        expected.push(...(await publish(3)));
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    })();
    const [viaWs, viaSse] = await Promise.all([take(wsIterator, 15), take(sseIterator, 15), publishing]);
    expect(viaWs.map((c) => c.id)).toEqual(expected.map((e) => e.eventId));
    expect(viaSse.map((c) => c.id)).toEqual(expected.map((e) => e.eventId));
    sse.dispose();
  });

  it('resumes from the last cursor after a disconnect, missing nothing and repeating nothing', async () => {
    const first = await publish(2);
    const { changes } = await graph.queryOk<{ changes: { edges: Array<{ cursor: string; node: { id: string } }> } }>(
      `{ changes(last: 1) { edges { cursor node { id } } } }`,
    );
    expect(changes.edges[0]!.node.id).toBe(first[1]!.eventId);
    const before = changes.edges[0]!.cursor;

    const client = createWsClient({ url: wsUrl(), webSocketImpl: WebSocket, retryAttempts: 0 });
    const iterator = client.iterate({ query: SUBSCRIPTION, variables: { after: before } });
    const sent = await publish(4);
    const got = await take(iterator, 2);
    await client.dispose(); // the subscriber goes away...
    const whileAway = await publish(3); // ...changes happen meanwhile...
    const again = createWsClient({ url: wsUrl(), webSocketImpl: WebSocket, retryAttempts: 0 });
    const rest = await take(again.iterate({ query: SUBSCRIPTION, variables: { after: got.at(-1)!.cursor } }), 5);
    await again.dispose();
    expect([...got, ...rest].map((c) => c.id)).toEqual([...sent, ...whileAway].map((e) => e.eventId));
  });

  it('delivers a mutation’s committed event to WebSocket and SSE subscribers and to a webhook receiver', async () => {
    const observed = `subscription ($after: String) { changes(after: $after, filter: { types: ["indicator.observation.recorded"] }) {
      type version entity { ... on Observation { value period { label } indicator { code } } } } }`;
    // From the newest change now: the subscriptions see the write below however long they take to start.
    const { changes } = await graph.queryOk<{ changes: { pageInfo: { endCursor: string } } }>(`{ changes(last: 1) { pageInfo { endCursor } } }`);
    const fromNow = { query: observed, variables: { after: changes.pageInfo.endCursor } };
    const wsIterator = ws.iterate(fromNow);
    const sse = createSseClient({ url: graph.gateway.url, fetchFn: fetch, retryAttempts: 0 });
    const sseIterator = sse.iterate(fromNow);
    // A webhook endpoint for the same events, served by a delivery worker on the real clock.
    const receiver = await new Receiver(new FakeClock()).start();
    const { createWebhookEndpoint } = await graph
      .as('integrator')
      .queryOk<{ createWebhookEndpoint: { secret: string } }>(
        `mutation ($input: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $input) { secret } }`,
        { input: { url: receiver.url, filter: { types: ['indicator.observation.recorded'] } } },
      );
    const worker = new WebhookService(graph.dbOf('integrations'), {
      instanceId: 'e2e',
      config: TEST_CONFIG,
    });
    worker.start();
    try {
      // A FINAL value is public: the anonymous subscribers and the integrator's endpoint all see its event.
      const { recordObservation } = await graph
        .as('admin')
        .queryOk<{ recordObservation: { observation: { id: string } } }>(
          `mutation ($input: RecordObservationInput!) { recordObservation(input: $input) { observation { id } } }`,
          { input: { indicatorId: indicatorId('CTR07-DIGITAL-ECONOMY'), periodKind: 'YEAR', periodStart: '2024-01-01', value: 20.1, status: 'FINAL' } },
        );
      const [viaWs, viaSse] = await Promise.all([takeRaw(wsIterator), takeRaw(sseIterator)]);
      for (const change of [viaWs, viaSse]) {
        expect(change).toEqual({
          type: 'indicator.observation.recorded',
          version: 1,
          entity: { value: 20.1, period: { label: '2024' }, indicator: { code: 'CTR07-DIGITAL-ECONOMY' } },
        });
      }
      for (let waited = 0; receiver.received.length === 0 && waited < 10_000; waited += 50) await new Promise((r) => setTimeout(r, 50));
      const delivered = verifyWebhook(createWebhookEndpoint.secret, receiver.received[0]!.body, receiver.received[0]!.headers);
      expect(delivered).toMatchObject({
        type: 'indicator.observation.recorded',
        entityType: 'Observation',
        entityId: recordObservation.observation.id,
        after: { value: 20.1 },
      });
    } finally {
      await worker.stop();
      await receiver.stop();
      sse.dispose();
    }
  });

  it('gives subscribers of different access who read at the same cursor at once each only what they may see (reads are shared within a scope, never across)', async () => {
    const { changes } = await graph.queryOk<{ changes: { pageInfo: { endCursor: string } } }>(`{ changes(last: 1) { pageInfo { endCursor } } }`);
    const after = changes.pageInfo.endCursor;
    const admin = createWsClient({ url: wsUrl(), webSocketImpl: WebSocket, retryAttempts: 0, connectionParams: await graph.authHeadersFor('admin') });
    try {
      // Three subscribers of each scope, all from one cursor: they wake on the same append and read together.
      const anonymous = [1, 2, 3].map(() => ws.iterate({ query: SUBSCRIPTION, variables: { after } }));
      const admins = [1, 2, 3].map(() => admin.iterate({ query: SUBSCRIPTION, variables: { after } }));
      const internal = organizationEvent(++sequence, { access: { level: 'INTERNAL', ownerOrganizationId: null } });
      const visible = nextEvent();
      await graph.ingest([internal, visible]);
      const [anonymousGot, adminGot] = await Promise.all([
        Promise.all(anonymous.map((iterator) => take(iterator, 1))),
        Promise.all(admins.map((iterator) => take(iterator, 2))),
      ]);
      for (const got of anonymousGot) expect(got.map((change) => change.id)).toEqual([visible.eventId]);
      for (const got of adminGot) expect(got.map((change) => change.id)).toEqual([internal.eventId, visible.eventId]);
    } finally {
      await admin.dispose();
    }
  });

  it('refuses a malformed cursor with BAD_USER_INPUT', async () => {
    const iterator = ws.iterate({ query: SUBSCRIPTION, variables: { after: 'garbage' } });
    const { value } = await iterator.next();
    expect((value as { errors: Array<{ extensions: { code: string } }> }).errors[0]!.extensions.code).toBe('BAD_USER_INPUT');
    await iterator.return?.();
  });

  it('closes subscriptions cleanly when the gateway shuts down', async () => {
    let closeCode: number | undefined;
    const client = createWsClient({
      url: wsUrl(),
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      on: { closed: (event) => void (closeCode = (event as { code: number }).code) },
    });
    const iterator = client.iterate({ query: SUBSCRIPTION });
    const next = iterator.next().catch(() => ({ done: true }));
    await new Promise((resolve) => setTimeout(resolve, 300));
    const started = Date.now();
    await graph.gateway.stop();
    expect(Date.now() - started).toBeLessThan(5_000);
    await next;
    expect(closeCode).toBe(1001);
    await client.dispose();
  });
});
