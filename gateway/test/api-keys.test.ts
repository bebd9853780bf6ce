import { createClient as createSseClient } from 'graphql-sse';
import { createClient as createWsClient } from 'graphql-ws';
import WebSocket from 'ws';
import { indicatorId } from '../../subgraphs/kernel/reference/seed-refs';
import { DEFAULT_EXPERTS } from '../../subgraphs/experts/test/expected';
import { freePort } from '../../subgraphs/kernel/testing/process';
import { startGateway } from '../server';
import { responsibleOrganizationOf, startTestGraph, type TestGraph } from '../testing';
import { WsSession } from './ws-session';

/**
 * API keys end to end: an admin issues one through the gateway (the integrations subgraph
 * keeps it hashed), a server-to-server partner sends it as `X-Api-Key`, and it acts as its role
 * narrowed to its scopes until it is revoked or expires. The test graph trusts a key's check
 * for 0 seconds, so a revocation shows at once. Unit tests of the gateway's verifier (cache,
 * unreachable service): api-key-verifier.test.ts.
 */
const CREATE = `mutation ($input: CreateApiKeyInput!) {
  createApiKey(input: $input) { apiKey { id prefix role scopes expiresAt lastUsedAt revokedAt } secret }
}`;
const REVOKE = 'mutation ($id: ID!) { revokeApiKey(input: { id: $id }) { apiKey { revokedAt } } }';
const RECORD = 'mutation ($input: RecordObservationInput!) { recordObservation(input: $input) { observation { id } } }';
const CONTACT = 'query ($id: ID) { expert(id: $id) { contact { email } } }';
const AUDIT = `query ($filter: AuditLogFilter) { auditLog(first: 10, filter: $filter) {
  nodes { type entityId actor { role subject credential ip userAgent organization { id } } } } }`;
const TFP = indicatorId('CTR07-TFP');
const EXPERT = DEFAULT_EXPERTS[3]!.expert.id;

interface CreatedKey {
  apiKey: { id: string; prefix: string; role: string; scopes: string[]; expiresAt: string; lastUsedAt: string | null; revokedAt: string | null };
  secret: string;
}

interface AuditActor {
  role: string;
  subject: string | null;
  credential: string | null;
  ip: string | null;
  userAgent: string | null;
  organization: { id: string } | null;
}

describe('API keys through the gateway', () => {
  let graph: TestGraph;
  let tfpOwner: string;
  let month = 0;
  /** A fresh observation input: each write gets its own period. */
  const observation = () => ({
    input: { indicatorId: TFP, periodKind: 'MONTH', periodStart: `1980-${String(++month).padStart(2, '0')}-01`, value: month, status: 'FINAL' },
  });
  const inAnHour = () => new Date(Date.now() + 3_600_000).toISOString();

  const createKey = async (input: Record<string, unknown>): Promise<CreatedKey> =>
    (await graph.as('admin').queryOk<{ createApiKey: CreatedKey }>(CREATE, { input: { name: 'test key', expiresAt: inAnHour(), ...input } })).createApiKey;
  const expect401 = (result: { status: number; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> }, message: RegExp) => {
    expect(result.status).toBe(401);
    expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(result.errors?.[0]?.message).toMatch(message);
  };
  const auditOf = async (filter: Record<string, unknown>) =>
    (await graph.as('admin').queryOk<{ auditLog: { nodes: Array<{ type: string; entityId: string; actor: AuditActor }> } }>(AUDIT, { filter })).auditLog.nodes;

  beforeAll(async () => {
    graph = await startTestGraph({ only: ['programmes', 'experts', 'integrations'] });
    tfpOwner = await responsibleOrganizationOf(graph, TFP);
  });
  afterAll(() => graph?.stop());

  it('lets an admin create a key whose secret works as X-Api-Key: a partner key reads expert contact details, and its use is recorded', async () => {
    const created = await createKey({ role: 'PARTNER', organizationId: tfpOwner, scopes: [] });
    expect(created.secret.startsWith(created.apiKey.prefix)).toBe(true);
    expect(created.apiKey).toMatchObject({ role: 'PARTNER', scopes: [], lastUsedAt: null, revokedAt: null });

    const partner = graph.withApiKey(created.secret);
    const { expert } = await partner.queryOk<{ expert: { contact: { email: string } | null } }>(CONTACT, { id: EXPERT });
    expect(expert.contact?.email).toContain('@');
    const anonymous = await graph.query<{ expert: { contact: unknown } }>(CONTACT, { id: EXPERT });
    expect(anonymous.data?.expert.contact).toBeNull();

    const { apiKey } = await graph
      .as('admin')
      .queryOk<{ apiKey: { lastUsedAt: string | null } }>('query ($id: ID!) { apiKey(id: $id) { lastUsedAt } }', { id: created.apiKey.id });
    expect(apiKey.lastUsedAt).not.toBeNull();
  });

  it('narrows a key to its scopes: an editor key without WRITE cannot write (FORBIDDEN), the same role with WRITE can', async () => {
    const readOnly = await createKey({ role: 'EDITOR', organizationId: tfpOwner, scopes: [] });
    const writer = await createKey({ role: 'EDITOR', organizationId: tfpOwner, scopes: ['WRITE'] });
    const refused = await graph.withApiKey(readOnly.secret).query(RECORD, observation());
    expect(refused.status).toBe(200);
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    await graph.withApiKey(writer.secret).queryOk(RECORD, observation());
  });

  it('refuses a revoked key with 401 at once (cache 0), an expired key, an unknown key, and a key sent with a token', async () => {
    const revoked = await createKey({ role: 'PARTNER', organizationId: tfpOwner });
    await graph.withApiKey(revoked.secret).queryOk('{ __typename }');
    await graph.as('admin').queryOk(REVOKE, { id: revoked.apiKey.id });
    expect401(await graph.withApiKey(revoked.secret).query('{ __typename }'), /revoked/i);

    const expiring = await createKey({ role: 'PARTNER', organizationId: tfpOwner, expiresAt: new Date(Date.now() + 2_000).toISOString() });
    await graph.withApiKey(expiring.secret).queryOk('{ __typename }');
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    expect401(await graph.withApiKey(expiring.secret).query('{ __typename }'), /expired/i);

    expect401(await graph.withApiKey('sti_not-a-key-anyone-was-given').query('{ __typename }'), /./);
    const both = { ...(await graph.authHeadersFor('admin')), 'x-api-key': revoked.secret };
    expect401(await graph.query('{ __typename }', {}, both), /Send one credential/);
  });

  it('records where a write came from: a key’s write and a token’s write reach the audit log with credential, IP and user agent', async () => {
    const writer = await createKey({ role: 'EDITOR', organizationId: tfpOwner, scopes: ['WRITE'] });
    const viaKey = await graph.queryOk<{ recordObservation: { observation: { id: string } } }>(RECORD, observation(), {
      'x-api-key': writer.secret,
      'user-agent': 'partner-sync/2.1',
      // Not trusted: the test gateway trusts no proxy (GATEWAY_TRUST_PROXY unset), so the socket's address counts.
      'x-forwarded-for': '198.51.100.77',
    });
    const viaToken = await graph.queryOk<{ recordObservation: { observation: { id: string } } }>(RECORD, observation(), {
      ...(await graph.authHeadersFor('editor', tfpOwner)),
      'user-agent': 'Mozilla/5.0 (dashboard)',
    });
    await graph.subgraphs.programmes!.relay!.flush();

    const [keyEntry] = await auditOf({ entityId: viaKey.recordObservation.observation.id });
    expect(keyEntry).toMatchObject({
      type: 'indicator.observation.recorded',
      actor: {
        role: 'editor',
        subject: `apikey:${writer.apiKey.id}`,
        credential: 'API_KEY',
        ip: '127.0.0.1',
        userAgent: 'partner-sync/2.1',
        organization: { id: tfpOwner },
      },
    });
    const [tokenEntry] = await auditOf({ entityId: viaToken.recordObservation.observation.id });
    expect(tokenEntry?.actor).toMatchObject({ role: 'editor', credential: 'TOKEN', ip: '127.0.0.1', userAgent: 'Mozilla/5.0 (dashboard)' });

    // The admin's own write (issuing the key) is audited the same way.
    const [issued] = await auditOf({ entityId: writer.apiKey.id });
    expect(issued?.actor).toMatchObject({ role: 'admin', credential: 'TOKEN', ip: '127.0.0.1' });
  });

  it('keeps the subscriber’s origin on a mutation sent over WebSocket', async () => {
    const writer = await createKey({ role: 'EDITOR', organizationId: tfpOwner, scopes: ['WRITE'] });
    const session = await WsSession.open(graph.gateway.url, { headers: { 'user-agent': 'ws-writer/1.0', 'x-api-key': writer.secret } });
    try {
      session.subscribe('w', RECORD, observation());
      const result = await session.forOperation('w');
      const id = (result.payload as { data: { recordObservation: { observation: { id: string } } } }).data.recordObservation.observation.id;
      await graph.subgraphs.programmes!.relay!.flush();
      const [entry] = await auditOf({ entityId: id });
      expect(entry?.actor).toMatchObject({ credential: 'API_KEY', subject: `apikey:${writer.apiKey.id}`, ip: '127.0.0.1', userAgent: 'ws-writer/1.0' });
    } finally {
      session.close();
    }
  });

  it('serves subscriptions to a key over WebSocket (connection_init payload) and SSE, and closes for a revoked key with 4401', async () => {
    const integrator = await createKey({ role: 'INTEGRATOR', scopes: ['CHANGES'] });
    const subscription = 'subscription ($after: String) { changes(after: $after, filter: { types: ["indicator.observation.recorded"] }) { type entityId } }';
    // From the newest change the key sees now: the subscriptions see the write below however long they take to start.
    const { changes } = await graph
      .withApiKey(integrator.secret)
      .queryOk<{ changes: { pageInfo: { endCursor: string } } }>(`{ changes(last: 1) { pageInfo { endCursor } } }`);
    const fromNow = { query: subscription, variables: { after: changes.pageInfo.endCursor } };
    const ws = createWsClient({
      url: graph.gateway.url.replace('http://', 'ws://'),
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      connectionParams: { 'x-api-key': integrator.secret },
    });
    const sse = createSseClient({ url: graph.gateway.url, fetchFn: fetch, retryAttempts: 0, headers: { 'x-api-key': integrator.secret } });
    try {
      const viaWs = ws.iterate<{ changes: { type: string; entityId: string } }>(fromNow);
      const viaSse = sse.iterate<{ changes: { type: string; entityId: string } }>(fromNow);
      const { recordObservation } = await graph.as('editor', tfpOwner).queryOk<{ recordObservation: { observation: { id: string } } }>(RECORD, observation());
      await graph.subgraphs.programmes!.relay!.flush();
      for (const iterator of [viaWs, viaSse]) {
        const { value } = await iterator.next();
        expect(value).toEqual({ data: { changes: { type: 'indicator.observation.recorded', entityId: recordObservation.observation.id } } });
        await iterator.return?.();
      }
    } finally {
      await ws.dispose();
      sse.dispose();
    }

    await graph.as('admin').queryOk(REVOKE, { id: integrator.apiKey.id });
    const refused = await WsSession.open(graph.gateway.url, { init: false });
    refused.send({ type: 'connection_init', payload: { 'x-api-key': integrator.secret } });
    expect(await refused.closed).toEqual({ code: 4401, reason: expect.stringMatching(/^Unauthenticated: .*revoked/i) });
    const sseRefused = await fetch(graph.gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream', 'x-api-key': integrator.secret },
      body: JSON.stringify({ query: subscription }),
    });
    expect(sseRefused.status).toBe(401);
  });

  it('answers 503 SERVICE_UNAVAILABLE, never anonymously, while the integrations service cannot check a key', async () => {
    const unreachable = `http://127.0.0.1:${await freePort()}/graphql`;
    const gateway = await startGateway({
      port: 0,
      host: '127.0.0.1',
      supergraphPath: graph.supergraphPath,
      subgraphUrls: { ...Object.fromEntries(Object.values(graph.subgraphs).map((subgraph) => [subgraph.name, subgraph.url])), integrations: unreachable },
      subgraphTimeoutMs: 2_000,
      auth: graph.auth,
      assertionSecret: graph.assertionSecret,
      apiKeyCacheSeconds: 0,
    });
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      const partner = await createKey({ role: 'PARTNER', organizationId: tfpOwner });
      const response = await fetch(gateway.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': partner.secret },
        body: JSON.stringify({ query: CONTACT, variables: { id: EXPERT } }),
      });
      expect(response.status).toBe(503);
      expect(response.headers.get('retry-after')).toBe('5');
      const body = (await response.json()) as { data?: unknown; errors: Array<{ message: string; extensions: { code: string } }> };
      expect(body.data).toBeUndefined();
      expect(body.errors[0]).toMatchObject({ extensions: { code: 'SERVICE_UNAVAILABLE' }, message: expect.stringMatching(/cannot be checked/) });

      const session = await WsSession.open(gateway.url, { init: false });
      session.send({ type: 'connection_init', payload: { 'x-api-key': partner.secret } });
      expect((await session.closed).code).toBe(4503);
      const sse = await fetch(gateway.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'text/event-stream', 'x-api-key': partner.secret },
        body: JSON.stringify({ query: 'subscription { changes { cursor } }' }),
      });
      expect(sse.status).toBe(503);
      expect(sse.headers.get('retry-after')).toBe('5');

      // Tokens do not depend on the integrations service.
      const withToken = await fetch(gateway.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(await graph.authHeadersFor('partner', tfpOwner)) },
        body: JSON.stringify({ query: CONTACT, variables: { id: EXPERT } }),
      });
      expect(withToken.status).toBe(200);
    } finally {
      await gateway.stop();
      warn.mockRestore();
    }
  });
});
