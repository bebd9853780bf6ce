import { createClient as createSseClient } from 'graphql-sse';
import { createClient as createWsClient } from 'graphql-ws';
import WebSocket from 'ws';
import { WsSession } from '../../../gateway/test/ws-session';
import { ASSERTION_HEADER, assertionHeaders, signAssertion, type SubgraphRequest } from '../../kernel/identity/assertion';
import { ANONYMOUS, type Caller } from '../../kernel/identity/caller';
import { INGEST_PATH } from '../../kernel/platform/internal-paths';
import type { RelayedEvent } from '../../kernel/subgraph/outbox-relay';
import type { RunningSubgraph } from '../../kernel/subgraph/server';
import { assertionSecretOf, postAsGateway, serviceHeadersFor } from '../../kernel/testing/assertion';
import { startTestSubgraph } from '../../kernel/testing/subgraph';
import { integrations } from '..';
import { organizationEvent, ORGANIZATION_ID, takeChanges, type SubscriptionResults } from './events';

/**
 * The change feed served by the integrations subgraph itself, as a gateway that passes
 * subscriptions on (Hive Gateway, Apollo Router) reaches it: the same guarantees as on our
 * gateway's path (replay then live, no gap, no duplicate, access and field rules per event),
 * and no way in without an assertion signed for the very subscription.
 */
const OTHER_ORGANIZATION_ID = '00000000-0000-4000-8000-0000000000aa';
const ADMIN: Caller = { role: 'admin', organizationId: null, subject: 'feed-test' };
const PARTNER: Caller = { role: 'partner', organizationId: ORGANIZATION_ID, subject: 'feed-partner' };

let sequence = 0;
const event = (overrides: Partial<RelayedEvent> = {}) => organizationEvent(++sequence, overrides, '9100');

const SUBSCRIPTION = `subscription ($after: String, $types: [String!]) {
  changes(after: $after, filter: { entityTypes: $types }) { id cursor changedFields after entity { __typename } }
}`;

interface ChangeEvent {
  id: string;
  cursor: string;
  changedFields: string[];
  after: Record<string, unknown> | null;
}

type Results = SubscriptionResults;
const take = (iterator: Results, count: number) => takeChanges<ChangeEvent>(iterator, count);

describe('the change feed at the integrations subgraph', () => {
  let subgraph: RunningSubgraph;
  let secret: string;

  const publish = async (events: RelayedEvent[]): Promise<RelayedEvent[]> => {
    const response = await fetch(new URL(INGEST_PATH, subgraph.url), {
      method: 'POST',
      headers: { ...(await serviceHeadersFor(subgraph)), 'content-type': 'application/json' },
      body: JSON.stringify({ source: 'programmes', events }),
    });
    expect(response.status).toBe(200);
    return events;
  };
  const publishPublic = (count: number) => publish(Array.from({ length: count }, () => event()));
  const cursorOf = async (eventId: string): Promise<string> => {
    const query = `query ($ids: [ID!]) { changes(last: 100, filter: { entityIds: $ids }) { edges { cursor node { id } } } }`;
    const result = await postAsGateway<{ changes: { edges: Array<{ cursor: string; node: { id: string } }> } }>(
      subgraph,
      query,
      { ids: [ORGANIZATION_ID] },
      ADMIN,
    );
    return result.data!.changes.edges.find((edge) => edge.node.id === eventId)!.cursor;
  };

  /** A WebSocket subscription as a gateway opens it: one connection, its assertion in connection_init, signed for this subscription. */
  const wsSubscribe = (variables: Record<string, unknown>, caller: Caller = ANONYMOUS): Results => {
    const client = createWsClient({
      url: subgraph.url.replace('http://', 'ws://'),
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      connectionParams: async () => ({ [ASSERTION_HEADER]: await signAssertion(secret, 'integrations', caller, { query: SUBSCRIPTION, variables }) }),
    });
    const iterator = client.iterate({ query: SUBSCRIPTION, variables });
    const end = iterator.return!.bind(iterator);
    return Object.assign(iterator, { return: async () => (await end(), await client.dispose(), { done: true as const, value: undefined }) });
  };

  /** An SSE subscription as a gateway sends it: the assertion in the headers, signed for the body. */
  const sseSubscribe = (variables: Record<string, unknown>, caller: Caller = ANONYMOUS): Results => {
    const client = createSseClient({
      url: subgraph.url,
      fetchFn: fetch,
      retryAttempts: 0,
      headers: () => assertionHeaders(secret, 'integrations', caller, { query: SUBSCRIPTION, variables }),
    });
    const iterator = client.iterate({ query: SUBSCRIPTION, variables });
    const end = iterator.return!.bind(iterator);
    return Object.assign(iterator, { return: async () => (await end(), client.dispose(), { done: true as const, value: undefined }) });
  };

  beforeAll(async () => {
    subgraph = await startTestSubgraph(integrations, { seed: false });
    secret = assertionSecretOf(subgraph);
  });
  afterAll(() => subgraph?.stop());

  it.each([
    ['WebSocket', wsSubscribe],
    ['SSE', sseSubscribe],
  ] as const)('over %s, replays from a cursor and continues live with no gap and no duplicate', async (_transport, subscribeWith) => {
    const history = await publishPublic(5);
    const start = await cursorOf(history[1]!.eventId);
    const expected = history.slice(2);
    const iterator = subscribeWith({ after: start, types: ['Organization'] });
    // Changes keep coming while the subscriber replays.
    const publishing = (async () => {
      for (let i = 0; i < 4; i++) expected.push(...(await publishPublic(3)));
    })();
    const [received] = await Promise.all([take(iterator, 15), publishing]);
    expect(received.map((change) => change.id)).toEqual(expected.map((e) => e.eventId));
    // Each event's cursor resumes right after it: the next subscriber starting from the 10th sees the 11th first.
    const resumed = await take(subscribeWith({ after: received[9]!.cursor, types: ['Organization'] }), 5);
    expect(resumed.map((change) => change.id)).toEqual(expected.slice(10).map((e) => e.eventId));
  });

  it('without a cursor, starts with the next change', async () => {
    await publishPublic(2);
    const newest = (await publishPublic(1))[0]!;
    const iterator = sseSubscribe({ after: await cursorOf(newest.eventId), types: ['Organization'] });
    const later = await publishPublic(1);
    expect((await take(iterator, 1)).map((change) => change.id)).toEqual([later[0]!.eventId]);
  });

  it('decides access per event from the caller assertion: anonymous never reads restricted or draft events, the owner does', async () => {
    const [anchor] = await publishPublic(1);
    const after = await cursorOf(anchor!.eventId);
    const restricted = (owner: string) =>
      event({ entityType: 'Dataset', type: 'dataset.updated', access: { level: 'RESTRICTED', ownerOrganizationId: owner } });
    const events = await publish([
      restricted(ORGANIZATION_ID),
      event(),
      restricted(OTHER_ORGANIZATION_ID),
      event({ access: { level: 'PUBLIC', ownerOrganizationId: null, draft: true } }),
      event(),
    ]);
    const ids = events.map((e) => e.eventId);
    const variables = { after, types: ['Dataset', 'Organization'] };

    const [anonymousWs, anonymousSse, partner, admin] = await Promise.all([
      take(wsSubscribe(variables), 2),
      take(sseSubscribe(variables), 2),
      take(wsSubscribe(variables, PARTNER), 4),
      take(sseSubscribe(variables, ADMIN), 5),
    ]);
    expect(anonymousWs.map((change) => change.id)).toEqual([ids[1], ids[4]]);
    expect(anonymousSse.map((change) => change.id)).toEqual([ids[1], ids[4]]);
    // A partner reads its own restricted dataset and (draftRecord) drafts, never another's restricted one.
    expect(partner.map((change) => change.id)).toEqual([ids[0], ids[1], ids[3], ids[4]]);
    expect(admin.map((change) => change.id)).toEqual(ids);
  });

  it('applies the event field rules per reader (kernel EVENT_FIELD_RULES): an expert’s email only for those who may read it', async () => {
    const [anchor] = await publishPublic(1);
    const after = await cursorOf(anchor!.eventId);
    const [changed] = await publish([
      event({
        type: 'expert.updated',
        entityType: 'Expert',
        entityId: '00000000-0000-4000-8000-00000000e001',
        changedFields: ['email', 'fullName'],
        after: { email: 'a@example.invalid', fullName: 'A' },
      }),
    ]);
    const variables = { after, types: ['Expert'] };
    const [anonymous, admin] = await Promise.all([take(wsSubscribe(variables), 1), take(sseSubscribe(variables, ADMIN), 1)]);
    expect(anonymous[0]).toMatchObject({ id: changed!.eventId, changedFields: ['fullName'], after: { fullName: 'A' } });
    expect(anonymous[0]!.after).not.toHaveProperty('email');
    expect(admin[0]).toMatchObject({ changedFields: ['email', 'fullName'], after: { email: 'a@example.invalid', fullName: 'A' } });
  });

  describe('attacks', () => {
    const wsUrl = () => subgraph.url;
    const variables = { types: ['Organization'] };
    const request: SubgraphRequest = { query: SUBSCRIPTION, variables };

    it('closes a WebSocket whose connection_init carries no assertion, or a forged one (4401)', async () => {
      const bare = await WsSession.open(wsUrl(), { init: false });
      bare.send({ type: 'connection_init' });
      expect(await bare.closed).toMatchObject({ code: 4401, reason: expect.stringContaining(ASSERTION_HEADER) });

      const forged = await WsSession.open(wsUrl(), { init: false });
      forged.send({ type: 'connection_init', payload: { [ASSERTION_HEADER]: await signAssertion('x'.repeat(64), 'integrations', ADMIN, request) } });
      expect((await forged.closed).code).toBe(4401);
    });

    it('refuses a captured assertion a second time: replayed on another connection, it closes with 4401', async () => {
      const assertion = await signAssertion(secret, 'integrations', ADMIN, request);
      const first = await WsSession.open(wsUrl(), { connectionParams: { [ASSERTION_HEADER]: assertion } });
      const replay = await WsSession.open(wsUrl(), { init: false });
      replay.send({ type: 'connection_init', payload: { [ASSERTION_HEADER]: assertion } });
      expect(await replay.closed).toMatchObject({ code: 4401, reason: expect.stringContaining('already used') });
      first.close();
    });

    it('runs on a connection only the subscription its assertion was signed for, once', async () => {
      const admin = await WsSession.open(wsUrl(), { connectionParams: { [ASSERTION_HEADER]: await signAssertion(secret, 'integrations', ADMIN, request) } });
      // Another operation (here: no filter, every change) under the admin's assertion: refused.
      admin.subscribe('other', `subscription { changes { id after } }`);
      expect(await admin.forOperation('other')).toMatchObject({ type: 'error', payload: [{ extensions: { code: 'UNAUTHENTICATED' } }] });
      // The one it was signed for runs...
      admin.subscribe('signed', SUBSCRIPTION, variables);
      const [published] = await publishPublic(1);
      expect(await admin.forOperation('signed')).toMatchObject({ type: 'next', payload: { data: { changes: { id: published!.eventId } } } });
      // ...and only once: the assertion is spent.
      admin.subscribe('again', SUBSCRIPTION, variables);
      expect(await admin.forOperation('again')).toMatchObject({ type: 'error', payload: [{ extensions: { code: 'UNAUTHENTICATED' } }] });
      admin.close();
    });

    it('serves no query or mutation over the WebSocket: they stay on HTTP with its guards', async () => {
      const query = '{ apiKeys(first: 1) { totalCount } }';
      const session = await WsSession.open(wsUrl(), {
        connectionParams: { [ASSERTION_HEADER]: await signAssertion(secret, 'integrations', ADMIN, { query }) },
      });
      session.send({ type: 'subscribe', id: 'q', payload: { query } });
      expect(await session.forOperation('q')).toMatchObject({ type: 'error', payload: [{ extensions: { code: 'BAD_REQUEST' } }] });
      session.close();
    });

    it('answers an SSE request without an assertion, or with one signed for another request, with 401', async () => {
      const post = (headers: Record<string, string>) =>
        fetch(subgraph.url, {
          method: 'POST',
          headers: { ...headers, accept: 'text/event-stream', 'content-type': 'application/json' },
          body: JSON.stringify(request),
        });
      const none = await post({});
      expect(none.status).toBe(401);
      expect(await none.json()).toMatchObject({ errors: [{ extensions: { code: 'UNAUTHENTICATED' } }] });
      const other = await post(await assertionHeaders(secret, 'integrations', ADMIN, { query: SUBSCRIPTION, variables: { types: ['Dataset'] } }));
      expect(other.status).toBe(401);
      expect(await other.json()).toMatchObject({ errors: [{ message: expect.stringContaining('another request') }] });
    });

    it('refuses an API key without the CHANGES scope, and a bad cursor, with a coded error and no stream', async () => {
      const key: Caller = { role: 'integrator', organizationId: null, subject: 'apikey:1', scopes: [], credential: 'apiKey' };
      const refused = await take(sseSubscribeRaw({ types: ['Organization'] }, key), 1).catch((error: unknown) => error);
      expect(JSON.stringify(refused)).toContain('FORBIDDEN');
      const badCursor = await take(sseSubscribeRaw({ after: 'not-a-cursor' }, ADMIN), 1).catch((error: unknown) => error);
      expect(JSON.stringify(badCursor)).toContain('BAD_USER_INPUT');
    });

    /** An SSE subscription whose first result is returned as it is (errors included). */
    const sseSubscribeRaw = (vars: Record<string, unknown>, caller: Caller): Results => {
      const iterator = sseSubscribe(vars, caller);
      return {
        next: async () => {
          const result = await iterator.next();
          if (result.value?.errors) throw result.value.errors;
          return result;
        },
        return: () => iterator.return!(),
        [Symbol.asyncIterator]() {
          return this;
        },
      };
    };
  });
});
