import { randomInt } from 'node:crypto';
import type { Role } from '../../subgraphs/kernel/identity/caller';
import { assertionHeaders } from '../../subgraphs/kernel/identity/assertion';
import { ANONYMOUS } from '../../subgraphs/kernel/identity/caller';
import { GRAPHQL_PATH } from '../../subgraphs/kernel/subgraph/server';
import { REGISTRY_STEWARD_ID } from '../../subgraphs/kernel/reference/seed-refs';
import { testServerUrl } from '../../subgraphs/kernel/testing/database';
import { eventually } from '../../subgraphs/kernel/testing/eventually';
import { postGraphQL, type GraphQLHttpResult } from '../../subgraphs/kernel/testing/http';
import { TEST_REDIS_URL } from '../../subgraphs/kernel/testing/redis';
import { FakeClock, Receiver } from '../../subgraphs/integrations/test/webhook-helpers';
import { mintToken } from '../auth/mint';
import { key, labelValues, parseExposition, type Samples } from './prometheus';
import { readmeQueries } from './readme-operations';
import { launchTopology, type Topology, type TopologyProcess } from './topology';

/**
 * The deployed topology without containers (issue 16): every subgraph a process of its own on
 * real PostgreSQL, a second startups replica, two gateway processes, and one redis-server they
 * share. Through either gateway the graph answers alike, a write through one is read through
 * the other, the rate limit and the used-assertion store are shared, and webhook delivery
 * outcomes are counted at the integrations process's /metrics.
 */
const serverUrl = testServerUrl();
const RATE_LIMIT_BURST = 12;

const TITLE = 'the production topology as plain processes: two gateways, one redis-server, real PostgreSQL';
/** Real PostgreSQL and Redis or nothing: skipped, saying why in its title; under CI a missing redis-server fails. */
function describeTopology(body: () => void): void {
  if (serverUrl && TEST_REDIS_URL) return describe(TITLE, body);
  if (process.env.CI === 'true' && !TEST_REDIS_URL) {
    return describe(TITLE, () =>
      it('has a redis-server (TEST_REDIS_URL)', () => {
        throw new Error('TEST_REDIS_URL is unset under CI: .ci/run must start redis-server and export it');
      }),
    );
  }
  describe.skip(`${TITLE} (skipped: set TEST_DATABASE_URL=postgres://... and TEST_REDIS_URL=redis://...; CI sets both in its PostgreSQL pass)`, body);
}

const CREATE_STARTUP = `mutation ($input: CreateStartupInput!) { createStartup(input: $input) { startup { id name { vi } version } } }`;
const UPDATE_STARTUP = `mutation ($input: UpdateStartupInput!) { updateStartup(input: $input) { startup { id name { vi } version } } }`;
const STARTUP = `query ($id: ID!) { startup(id: $id) { name { vi } } }`;
const CREATE_ENDPOINT = `mutation ($input: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $input) { endpoint { id } } }`;
const UPDATE_ENDPOINT = `mutation ($input: UpdateWebhookEndpointInput!) { updateWebhookEndpoint(input: $input) { endpoint { id } } }`;
const CHANGES_OF = `query ($ids: [ID!]) { changes(first: 10, filter: { entityIds: $ids }) { totalCount } }`;

interface Named {
  startup: { name: { vi: string } } | null;
}
interface Written {
  startup: { id: string; version: number };
}

describeTopology(() => {
  let topology: Topology;
  let launched: ReturnType<typeof launchTopology> | undefined;
  let gateways: Array<[string, TopologyProcess]>;
  const ok: Receiver = new Receiver(new FakeClock());
  const failing: Receiver = new Receiver(new FakeClock());

  beforeAll(async () => {
    await ok.start();
    await failing.start();
    failing.answer = () => ({ status: 500 });
    launched = launchTopology({
      serverUrl: serverUrl!,
      redisUrl: TEST_REDIS_URL!,
      env: {
        RATE_LIMIT_PER_MINUTE: '1', // a bucket that does not refill while the test runs
        RATE_LIMIT_BURST: String(RATE_LIMIT_BURST),
        WEBHOOKS_WORKER: 'true', // the integrations process delivers (Jest's setup turns it off for in-process tests)
        WEBHOOKS_ALLOW_PRIVATE_TARGETS: 'true', // the receivers are on loopback
        WEBHOOKS_RETRY_SCHEDULE_SECONDS: '3600', // a failed delivery is not retried while the test runs
        WEBHOOKS_POLL_MS: '100',
      },
    });
    topology = await launched.ready;
    gateways = [
      ['A', topology.gatewayA],
      ['B', topology.gatewayB],
    ];
  }, 600_000);
  afterAll(async () => {
    await launched?.stop(); // also when the start failed or timed out half-way
    await ok.stop();
    await failing.stop();
  });

  // Each anonymous request comes from an address of its own (X-Forwarded-For through the trusted
  // proxy), each signed-in one with a subject of its own: only the rate-limit test spends one bucket.
  let clients = 0;
  const crowdAddress = () => {
    const n = ++clients;
    return `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
  };
  const tokenFor = (role: Role, org?: string, sub = `${role}-${++clients}`) => mintToken({ ...topology.auth, role, org: org ?? null, sub });
  const graphqlUrl = (gateway: TopologyProcess) => `${gateway.origin}${GRAPHQL_PATH}`;
  const anonymously = <T>(gateway: TopologyProcess, query: string, variables?: Record<string, unknown>) =>
    postGraphQL<T>(graphqlUrl(gateway), query, variables, { 'x-forwarded-for': crowdAddress() });
  const signedIn = async <T>(gateway: TopologyProcess, role: Role, query: string, variables?: Record<string, unknown>, org?: string) =>
    postGraphQL<T>(graphqlUrl(gateway), query, variables, { authorization: `Bearer ${await tokenFor(role, org)}`, 'x-forwarded-for': crowdAddress() });
  const dataOf = <T>(result: GraphQLHttpResult<T>): T => {
    expect({ status: result.status, errors: result.errors }).toEqual({ status: 200, errors: undefined });
    return result.data!;
  };
  const scrape = async (process: TopologyProcess): Promise<Samples> => {
    const response = await fetch(process.metricsUrl);
    expect(response.status).toBe(200);
    return parseExposition(await response.text());
  };
  const value = (samples: Samples, name: string, labels: Record<string, string> = {}) => samples.get(key(name, labels)) ?? 0;

  const createStartup = async (gateway: TopologyProcess, name: string): Promise<Written['startup']> => {
    const input = { name, registrationCode: `86${String(randomInt(1e8)).padStart(8, '0')}`, foundedOn: '2023-05-02', stage: 'PROTOTYPE' };
    return dataOf(await signedIn<{ createStartup: Written }>(gateway, 'editor', CREATE_STARTUP, { input }, REGISTRY_STEWARD_ID)).createStartup.startup;
  };
  const renameStartup = async (gateway: TopologyProcess, startup: Written['startup'], name: string): Promise<Written['startup']> => {
    const input = { id: startup.id, expectedVersion: startup.version, name };
    return dataOf(await signedIn<{ updateStartup: Written }>(gateway, 'editor', UPDATE_STARTUP, { input }, REGISTRY_STEWARD_ID)).updateStartup.startup;
  };

  it('every process answers /health and /ready, and serves its metrics off the public port', async () => {
    expect(topology.all()).toHaveLength(2 + 6);
    for (const process of topology.all()) {
      const health = await fetch(`${process.origin}/health`);
      expect({ process: process.name, status: health.status }).toEqual({ process: process.name, status: 200 });
      expect(await health.json()).toMatchObject({ status: 'ok' });
      const ready = await fetch(`${process.origin}/ready`);
      expect({ process: process.name, status: ready.status }).toEqual({ process: process.name, status: 200 });
      expect((await fetch(process.metricsUrl)).status).toBe(200);
      expect((await fetch(`${process.origin}/metrics`)).status).toBe(404); // production: not on the public port
    }
    for (const [, gateway] of gateways) {
      const ready = (await (await fetch(`${gateway.origin}/ready`)).json()) as { subgraphs: Record<string, string> };
      expect(ready.subgraphs).toEqual({ programmes: 'ready', startups: 'ready', experts: 'ready', catalogue: 'ready', integrations: 'ready' });
    }
  });

  it("answers the README's example queries the same through either gateway, anonymous and signed in", async () => {
    const queries = readmeQueries();
    expect(queries.length).toBeGreaterThanOrEqual(3);
    for (const query of queries) {
      const [viaA, viaB] = [await anonymously(topology.gatewayA, query), await anonymously(topology.gatewayB, query)];
      expect(viaA.status).toBe(200);
      expect(viaA.data).toBeTruthy();
      expect(viaB.data).toEqual(viaA.data);
      expect(viaB.errors).toEqual(viaA.errors);
      const [adminA, adminB] = [await signedIn(topology.gatewayA, 'admin', query), await signedIn(topology.gatewayB, 'admin', query)];
      expect(adminA.data).toBeTruthy();
      expect(adminB.data).toEqual(adminA.data);
    }
  });

  it('reads through gateway B what was written through gateway A; a cached public answer on B is evicted by the change feed', async () => {
    const marker = `Hai Cổng ${Date.now()}`;
    let startup = await createStartup(topology.gatewayA, `${marker} 0`);
    // The writer reads its write through the other gateway at once (signed in: never from a cache).
    expect(dataOf(await signedIn<Named>(topology.gatewayB, 'editor', STARTUP, { id: startup.id }, REGISTRY_STEWARD_ID)).startup?.name.vi).toBe(`${marker} 0`);

    // B caches the anonymous answer: a repeat is a response-cache hit at B's /metrics.
    await eventually(
      async () => {
        expect(dataOf(await anonymously<Named>(topology.gatewayB, STARTUP, { id: startup.id })).startup?.name.vi).toBe(`${marker} 0`);
        const before = value(await scrape(topology.gatewayB), 'sti_response_cache_lookups_total', { result: 'hit' });
        expect(dataOf(await anonymously<Named>(topology.gatewayB, STARTUP, { id: startup.id })).startup?.name.vi).toBe(`${marker} 0`);
        expect(value(await scrape(topology.gatewayB), 'sti_response_cache_lookups_total', { result: 'hit' })).toBe(before + 1);
      },
      60_000,
      200,
    );

    startup = await renameStartup(topology.gatewayA, startup, `${marker} 1`);
    // Signed in, through B, right after the mutation returned through A: the new name.
    expect(dataOf(await signedIn<Named>(topology.gatewayB, 'editor', STARTUP, { id: startup.id }, REGISTRY_STEWARD_ID)).startup?.name.vi).toBe(`${marker} 1`);
    // Anonymous, through B: the cached name only until B applies the write's event, then the new one for good.
    await eventually(
      async () => expect(dataOf(await anonymously<Named>(topology.gatewayB, STARTUP, { id: startup.id })).startup?.name.vi).toBe(`${marker} 1`),
      30_000,
      50,
    );
    for (let read = 0; read < 3; read++) {
      for (const [, gateway] of gateways) {
        expect(dataOf(await anonymously<Named>(gateway, STARTUP, { id: startup.id })).startup?.name.vi).toBe(`${marker} 1`);
      }
    }
  });

  it('shares the rate limit: a client spreading its requests over A and B is refused once their sum exceeds its burst', async () => {
    const token = await tokenFor('partner', REGISTRY_STEWARD_ID, `rate-limited-${Date.now()}`);
    const send = (gateway: TopologyProcess) => postGraphQL(graphqlUrl(gateway), '{ __typename }', undefined, { authorization: `Bearer ${token}` });
    // Half the burst through each gateway: each alone saw only half, so each would admit more if it counted alone.
    for (let n = 0; n < RATE_LIMIT_BURST; n++) {
      const result = await send(n % 2 === 0 ? topology.gatewayA : topology.gatewayB);
      expect({ n, status: result.status }).toEqual({ n, status: 200 });
    }
    for (const [name, gateway] of gateways) {
      const refused = await send(gateway);
      expect({ name, status: refused.status }).toEqual({ name, status: 429 });
      expect(refused.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    }
    // Another caller is not refused: the bucket is this client's, not the gateway's.
    expect((await signedIn(topology.gatewayB, 'partner', '{ __typename }', undefined, REGISTRY_STEWARD_ID)).status).toBe(200);
  });

  it('refuses an assertion gateway A sent to one startups replica when it is replayed to the other (the used-assertion store is shared)', async () => {
    const query = '{ hubs(first: 2) { totalCount } }';
    const seen = topology.startupsViaA.requests.length;
    dataOf(await signedIn(topology.gatewayA, 'admin', query));
    const sent = topology.startupsViaA.requests.slice(seen).find((request) => request.query.includes('hubs'));
    expect(sent).toBeDefined();
    expect(sent!.headers['x-sti-assertion']).toBeTruthy();

    const replay = (replica: TopologyProcess) => fetch(`${replica.origin}${GRAPHQL_PATH}`, { method: 'POST', headers: sent!.headers, body: sent!.body });
    for (const replica of [topology.subgraphs['startups-2']!, topology.subgraphs.startups!]) {
      const refused = await replay(replica);
      expect({ replica: replica.name, status: refused.status }).toEqual({ replica: replica.name, status: 401 });
      const body = (await refused.json()) as { errors: Array<{ message: string; extensions: { code: string } }> };
      expect(body.errors[0]).toMatchObject({ message: 'The caller assertion was already used', extensions: { code: 'UNAUTHENTICATED' } });
    }
    // The same request with a fresh assertion is answered by the replica: it was the reuse that was refused.
    const parsed = JSON.parse(sent!.body) as { query: string; variables?: Record<string, unknown> };
    const request = { query: parsed.query, ...(parsed.variables ? { variables: parsed.variables } : {}) };
    const fresh = await postGraphQL(
      `${topology.subgraphs['startups-2']!.origin}${GRAPHQL_PATH}`,
      request.query,
      request.variables,
      await assertionHeaders(topology.assertionSecret, 'startups', ANONYMOUS, request),
    );
    expect(fresh.status).toBe(200);
    expect(fresh.errors).toBeUndefined();
  });

  it('counts webhook delivery outcomes at the integrations process: one delivery succeeded, one failed, nothing else', async () => {
    const integrations = topology.subgraphs.integrations!;
    const startup = await createStartup(topology.gatewayA, `Móc Web ${Date.now()}`);
    // Endpoints are created wanting another entity, and pointed at the startup once its creation
    // event is in the change log: an update fans out what is pending under the old filter first,
    // so the rename below is the one event they get.
    const endpoints: string[] = [];
    for (const receiver of [ok, failing]) {
      const input = { url: receiver.url, description: 'topology test', filter: { entityIds: [REGISTRY_STEWARD_ID] } };
      endpoints.push(
        dataOf(await signedIn<{ createWebhookEndpoint: { endpoint: { id: string } } }>(topology.gatewayB, 'admin', CREATE_ENDPOINT, { input }))
          .createWebhookEndpoint.endpoint.id,
      );
    }
    await eventually(async () => {
      const { changes } = dataOf(await signedIn<{ changes: { totalCount: number } }>(topology.gatewayA, 'admin', CHANGES_OF, { ids: [startup.id] }));
      expect(changes.totalCount).toBeGreaterThanOrEqual(1);
    }, 30_000);
    for (const id of endpoints) dataOf(await signedIn(topology.gatewayB, 'admin', UPDATE_ENDPOINT, { input: { id, filter: { entityIds: [startup.id] } } }));
    const metric = 'sti_webhook_deliveries_total';
    const before = await scrape(integrations);
    await renameStartup(topology.gatewayA, startup, `Móc Web ${Date.now()} đổi tên`);

    // Wait until both attempts are counted, then check the counters moved by exactly those.
    const after = await eventually(
      async () => {
        const samples = await scrape(integrations);
        expect([ok.received.length, failing.received.length]).toEqual([1, 1]);
        expect(value(samples, metric, { outcome: 'succeeded' }) - value(before, metric, { outcome: 'succeeded' })).toBeGreaterThanOrEqual(1);
        expect(value(samples, metric, { outcome: 'failed' }) - value(before, metric, { outcome: 'failed' })).toBeGreaterThanOrEqual(1);
        return samples;
      },
      60_000,
      100,
    );
    expect(value(after, metric, { outcome: 'succeeded' }) - value(before, metric, { outcome: 'succeeded' })).toBe(1);
    expect(value(after, metric, { outcome: 'failed' }) - value(before, metric, { outcome: 'failed' })).toBe(1);
    expect(value(after, metric, { outcome: 'dead' }) - value(before, metric, { outcome: 'dead' })).toBe(0);
    expect(labelValues(after, metric, 'outcome').every((outcome) => ['succeeded', 'failed', 'dead'].includes(outcome))).toBe(true);
    expect(ok.received).toHaveLength(1);
    expect(failing.received).toHaveLength(1);
  });
});
