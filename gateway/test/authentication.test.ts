import { createClient as createWsClient } from 'graphql-ws';
import WebSocket from 'ws';
import { ASSERTION_HEADER, signAssertion } from '../../subgraphs/kernel/identity/assertion';
import { ANONYMOUS } from '../../subgraphs/kernel/identity/caller';
import { indicatorId } from '../../subgraphs/kernel/reference/seed-refs';
import { CHANGE_HEAD_PATH, INGEST_PATH } from '../../subgraphs/kernel/platform/internal-paths';
import { newTestSecret } from '../../subgraphs/kernel/testing/assertion';
import { postGraphQL } from '../../subgraphs/kernel/testing/http';
import { DEFAULT_EXPERTS } from '../../subgraphs/experts/test/expected';
import { mintToken } from '../auth/mint';
import { responsibleOrganizationOf, startTestGraph, type TestGraph } from '../testing';
import { WsSession } from './ws-session';

/**
 * Issue 8's authentication plumbing: Bearer JWTs at the gateway, and the caller assertion
 * every subgraph demands, so a subgraph port reached directly answers nothing.
 */
const ORGS = '{ organizations(first: 1) { totalCount } }';
const RECORD = `mutation ($input: RecordObservationInput!) { recordObservation(input: $input) { observation { id } } }`;
const TFP = indicatorId('CTR07-TFP');

describe('authentication', () => {
  let graph: TestGraph;
  let tfpOwner: string;
  beforeAll(async () => {
    graph = await startTestGraph({ only: ['programmes', 'experts', 'integrations'] });
    tfpOwner = await responsibleOrganizationOf(graph, TFP);
  });
  afterAll(() => graph?.stop());

  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  const mint = (overrides: Partial<Parameters<typeof mintToken>[0]> = {}) =>
    mintToken({ secret: graph.auth.keys.secret, issuer: graph.auth.issuer, audience: graph.auth.audience, role: 'partner', org: tfpOwner, ...overrides });
  const expect401 = (result: { status: number; errors?: Array<{ extensions?: Record<string, unknown>; message: string }> }, message?: RegExp) => {
    expect(result.status).toBe(401);
    expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    if (message) expect(result.errors?.[0]?.message).toMatch(message);
  };

  describe('at the gateway', () => {
    it('serves a request without a credential as anonymous: public read', async () => {
      const data = await graph.queryOk<{ organizations: { totalCount: number } }>(ORGS);
      expect(data.organizations.totalCount).toBeGreaterThan(0);
    });

    it('accepts a valid token of every role', async () => {
      for (const role of ['public', 'partner', 'editor', 'integrator', 'admin'] as const) {
        const result = await graph.query(ORGS, {}, await graph.authHeadersFor(role, role === 'partner' || role === 'editor' ? tfpOwner : undefined));
        expect({ role, status: result.status, errors: result.errors }).toEqual({ role, status: 200, errors: undefined });
      }
    });

    it('refuses an expired token with HTTP 401 UNAUTHENTICATED, never answering anonymously', async () => {
      const result = await graph.query(ORGS, {}, bearer(await mint({ ttlSeconds: -120 }))); // beyond the 30 s skew
      expect401(result, /expired/);
      expect(result.data ?? undefined).toBeUndefined();
      expect(result.headers.get('www-authenticate')).toContain('Bearer');
    });

    it('tolerates clock skew within AUTH_CLOCK_SKEW_SECONDS', async () => {
      const result = await graph.query(ORGS, {}, bearer(await mint({ ttlSeconds: -10 })));
      expect(result.status).toBe(200);
    });

    it('refuses a wrong signature, issuer or audience', async () => {
      expect401(await graph.query(ORGS, {}, bearer(await mint({ secret: newTestSecret() }))), /signature/);
      expect401(await graph.query(ORGS, {}, bearer(await mint({ issuer: 'someone-else' }))), /iss/);
      expect401(await graph.query(ORGS, {}, bearer(await mint({ audience: 'another-api' }))), /aud/);
      expect401(await graph.query(ORGS, {}, bearer('not.a.jwt')));
    });

    it('refuses an unknown role, a partner without organisation, and a header that is not Bearer', async () => {
      expect401(await graph.query(ORGS, {}, bearer(await mint({ role: 'superuser' as never }))), /role/);
      expect401(await graph.query(ORGS, {}, bearer(await mint({ role: 'partner', org: null }))), /organisation/);
      expect401(await graph.query(ORGS, {}, { authorization: 'Basic dXNlcjpwYXNz' }), /Bearer/);
    });

    it("returns an expert's contact details to a partner, and still refuses them to anonymous callers", async () => {
      const query = 'query ($id: ID) { expert(id: $id) { contact { email } } }';
      const id = DEFAULT_EXPERTS[3]!.expert.id;
      const partner = await graph.queryOk<{ expert: { contact: { email: string } | null } }>(query, { id }, await graph.authHeadersFor('partner', tfpOwner));
      expect(partner.expert.contact?.email).toContain('@');
      const anonymous = await graph.query<{ expert: { contact: unknown } }>(query, { id });
      expect(anonymous.data?.expert.contact).toBeNull();
      expect(anonymous.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    });

    it('lets an editor of the owning organisation write, and not a partner or an editor of another organisation', async () => {
      const input = (n: number) => ({ input: { indicatorId: TFP, periodKind: 'MONTH', periodStart: `1990-0${n}-01`, value: n, status: 'FINAL' } });
      const editor = await graph.query(RECORD, input(1), await graph.authHeadersFor('editor', tfpOwner));
      expect(editor.errors).toBeUndefined();
      const partner = await graph.query(RECORD, input(2), await graph.authHeadersFor('partner', tfpOwner));
      expect(partner.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      const otherEditor = await graph.query(RECORD, input(3), await graph.authHeadersFor('editor', '00000000-0000-4000-8000-000000000000'));
      expect(otherEditor.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    });

    it('refuses a bad credential on WebSocket and SSE subscriptions with a clear reason', async () => {
      const expired = `Bearer ${await mint({ ttlSeconds: -120 })}`;
      const ws = createWsClient({
        url: graph.gateway.url.replace('http://', 'ws://'),
        webSocketImpl: WebSocket,
        retryAttempts: 0,
        connectionParams: { authorization: expired },
      });
      try {
        await expect(ws.iterate({ query: 'subscription { changes { cursor } }' }).next()).rejects.toMatchObject({
          code: 4401,
          reason: expect.stringMatching(/expired/),
        });
      } finally {
        await ws.dispose();
      }
      const sse = await fetch(graph.gateway.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'text/event-stream', authorization: expired },
        body: JSON.stringify({ query: 'subscription { changes { cursor } }' }),
      });
      expect(sse.status).toBe(401);
      expect(((await sse.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0]!.extensions.code).toBe('UNAUTHENTICATED');
    });
  });

  describe('API keys at the gateway (issued by admins: api-keys.test.ts)', () => {
    it('refuses an unknown API key with 401 UNAUTHENTICATED on HTTP, WebSocket and SSE, never answering anonymously', async () => {
      const unknown = { 'x-api-key': 'sti_nobody-was-given-this-key' };
      const result = await graph.query(ORGS, {}, unknown);
      expect401(result, /API key/);
      expect(result.data ?? undefined).toBeUndefined();
      const session = await WsSession.open(graph.gateway.url, { init: false });
      session.send({ type: 'connection_init', payload: unknown });
      expect((await session.closed).code).toBe(4401);
      const sse = await fetch(graph.gateway.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'text/event-stream', ...unknown },
        body: JSON.stringify({ query: 'subscription { changes { cursor } }' }),
      });
      expect(sse.status).toBe(401);
    });

    it('takes one credential: a Bearer token sent with an API key is refused with 401 "send one credential"', async () => {
      const both = { ...(await graph.authHeadersFor('admin')), 'x-api-key': 'sti_any' };
      expect401(await graph.query(ORGS, {}, both), /Send one credential/);
      // Over WebSocket the two may come apart (a header on the upgrade, the other in connection_init): still refused.
      const session = await WsSession.open(graph.gateway.url, { init: false, headers: { 'x-api-key': 'sti_any' } });
      session.send({ type: 'connection_init', payload: await graph.authHeadersFor('admin') });
      expect(await session.closed).toEqual({ code: 4401, reason: expect.stringMatching(/Send one credential/) });
    });
  });

  describe('at a subgraph, reached directly', () => {
    const entities = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Organization { id } } }`;
    const url = (name = 'programmes') => graph.subgraphs[name]!.url;

    it('refuses every GraphQL request without the gateway assertion: a root query, _entities and _service', async () => {
      expect401(await postGraphQL(url(), ORGS), /x-sti-assertion/);
      expect401(await postGraphQL(url(), entities, { r: [{ __typename: 'Organization', id: tfpOwner }] }));
      expect401(await postGraphQL(url(), '{ _service { sdl } }'));
      // A client's Bearer token is no way in either: only the gateway vouches for callers.
      expect401(await postGraphQL(url(), ORGS, {}, await graph.authHeadersFor('admin')));
    });

    it('answers with a valid assertion, acting for the caller it names', async () => {
      const ok = await graph.postToSubgraph('programmes', '{ _service { sdl } }');
      expect(ok.status).toBe(200);
      const query = 'query ($id: ID) { expert(id: $id) { contact { email } } }';
      const id = DEFAULT_EXPERTS[3]!.expert.id;
      const partner = { role: 'partner' as const, organizationId: tfpOwner, subject: 'test' };
      const asPartner = await graph.postToSubgraph<{ expert: { contact: { email: string } } }>('experts', query, { id }, partner);
      expect(asPartner.data?.expert.contact.email).toContain('@');
    });

    it('refuses a forged, expired, misaddressed or replayed assertion', async () => {
      const orgs = { query: ORGS, variables: {} };
      const forged = {
        [ASSERTION_HEADER]: await signAssertion(newTestSecret(), 'programmes', { role: 'admin', organizationId: null, subject: 'mallory' }, orgs),
      };
      expect401(await postGraphQL(url(), ORGS, {}, forged), /not valid/);
      const expired = { [ASSERTION_HEADER]: await signAssertion(graph.assertionSecret, 'programmes', ANONYMOUS, orgs, { ttlSeconds: -60 }) };
      expect401(await postGraphQL(url(), ORGS, {}, expired), /expired/);
      expect401(await postGraphQL(url('experts'), ORGS, {}, await graph.assertionHeadersFor('programmes', ANONYMOUS, orgs)), /aud/);

      const once = await graph.assertionHeadersFor('programmes', ANONYMOUS, orgs);
      expect((await postGraphQL(url(), ORGS, {}, once)).status).toBe(200);
      expect401(await postGraphQL(url(), ORGS, {}, once), /already used/);
    });

    it('attack: a captured assertion cannot carry another query, other variables or another operation', async () => {
      const partner = { role: 'partner' as const, organizationId: tfpOwner, subject: 'captured' };
      const query = 'query ($id: ID) { expert(id: $id) { fullName } }';
      const id = DEFAULT_EXPERTS[3]!.expert.id;
      // Captured on its way to the experts subgraph, for a harmless query...
      const captured = await graph.assertionHeadersFor('experts', partner, { query, variables: { id } });
      // ...it does not carry a query for contact details, nor the same query about another expert.
      expect401(await postGraphQL(url('experts'), 'query ($id: ID) { expert(id: $id) { contact { email } } }', { id }, captured), /another request/);
      expect401(await postGraphQL(url('experts'), query, { id: DEFAULT_EXPERTS[4]!.expert.id }, captured), /another request/);
      const twoOperations = `${query} query Contact($id: ID) { expert(id: $id) { contact { email } } }`;
      const signedForFirst = await graph.assertionHeadersFor('experts', partner, { query: twoOperations, variables: { id } });
      const asSecond = await fetch(url('experts'), {
        method: 'POST',
        headers: { ...signedForFirst, 'content-type': 'application/json' },
        body: JSON.stringify({ query: twoOperations, variables: { id }, operationName: 'Contact' }),
      });
      expect(asSecond.status).toBe(401);
      // Unused so far (a refusal does not spend it), it still works for the request it was signed for.
      expect((await postGraphQL(url('experts'), query, { id }, captured)).status).toBe(200);
    });

    it('attack: an assertion issued in the future (iat a day ahead) is refused', async () => {
      const orgs = { query: ORGS, variables: {} };
      const tomorrow = Math.floor(Date.now() / 1000) + 86_400;
      const ahead = { [ASSERTION_HEADER]: await signAssertion(graph.assertionSecret, 'programmes', ANONYMOUS, orgs, { now: tomorrow }) };
      expect401(await postGraphQL(url(), ORGS, {}, ahead), /issued in the future/);
      const withinSkew = {
        [ASSERTION_HEADER]: await signAssertion(graph.assertionSecret, 'programmes', ANONYMOUS, orgs, { now: Math.floor(Date.now() / 1000) + 2 }),
      };
      expect((await postGraphQL(url(), ORGS, {}, withinSkew)).status).toBe(200);
    });

    it('keeps /health and /ready open', async () => {
      for (const path of ['/health', '/ready']) expect((await fetch(new URL(path, url()))).status).toBe(200);
    });

    it('refuses the internal routes without a service assertion, and a caller assertion is not one', async () => {
      const integrations = url('integrations');
      const ingest = (headers: Record<string, string>) =>
        fetch(new URL(INGEST_PATH, integrations), {
          method: 'POST',
          headers: { ...headers, 'content-type': 'application/json' },
          body: JSON.stringify({ source: 'x', events: [] }),
        });
      expect((await ingest({})).status).toBe(401);
      expect((await ingest(await graph.assertionHeadersFor('integrations', ANONYMOUS, { query: '{ __typename }' }))).status).toBe(401);
      expect((await ingest(await graph.serviceHeadersFor('integrations'))).status).toBe(200);
      expect((await fetch(new URL(CHANGE_HEAD_PATH, integrations))).status).toBe(401);
      expect((await fetch(new URL(CHANGE_HEAD_PATH, integrations), { headers: await graph.serviceHeadersFor('integrations') })).status).toBe(200);
    });

    it('the outbox relay carries its service assertion: a write reaches the change log', async () => {
      await graph
        .as('editor', tfpOwner)
        .queryOk(RECORD, { input: { indicatorId: TFP, periodKind: 'MONTH', periodStart: '1991-01-01', value: 1, status: 'FINAL' } });
      await graph.subgraphs.programmes!.relay!.flush();
      const { changes } = await graph.queryOk<{ changes: { nodes: Array<{ type: string }> } }>(
        '{ changes(last: 1, filter: { types: ["indicator.observation.recorded"] }) { nodes { type } } }',
      );
      expect(changes.nodes).toHaveLength(1);
    });
  });
});
