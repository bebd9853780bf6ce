import path from 'node:path';
import { createClient as createSseClient } from 'graphql-sse';
import { startHiveGatewayProcess, type HiveGateway } from '../../deploy/hive-gateway/process';
import { envPrefix } from '../../subgraphs/kernel/platform/env';
import { organizationId } from '../../subgraphs/kernel/reference/seed-refs';
import { freePort } from '../../subgraphs/kernel/testing/process';
import { postGraphQL, type GraphQLHttpResult } from '../../subgraphs/kernel/testing/http';
import { organizationEvent, ORGANIZATION_ID, takeChanges } from '../../subgraphs/integrations/test/events';
import { startTestGraph, type TestGraph } from '../testing';
import { readmeOperations, readmeQueries } from './readme-operations';

/**
 * The same graph on a second engine: Hive Gateway from npm, run as its own process with the
 * configuration in deploy/hive-gateway/, over the same subgraphs as our gateway. The README's
 * example operations, a mutation, a refusal and a change-feed subscription give the same answers
 * through both.
 */
const ROOT = path.resolve(__dirname, '..', '..');

/** organizations(first: 1) { nodes { parent { ... { id } } } }: depth 14 with 11 parents. */
const DEPTH_14 = `{ organizations(first: 1) { nodes { ${'parent { '.repeat(11)}id${' }'.repeat(11)} } } }`;

describe('the graph on Hive Gateway, compared with ours', () => {
  let graph: TestGraph;
  let hive: HiveGateway;

  beforeAll(async () => {
    graph = await startTestGraph();
    const { subgraphUrls } = graph.gatewayConfig();
    hive = startHiveGatewayProcess({
      port: await freePort(),
      configDir: path.join(ROOT, 'deploy', 'hive-gateway'),
      env: {
        NODE_ENV: 'production',
        INTERNAL_ASSERTION_SECRET: graph.assertionSecret,
        AUTH_JWT_SECRET: graph.auth.keys.secret,
        AUTH_ISSUER: graph.auth.issuer,
        AUTH_AUDIENCE: graph.auth.audience,
        ...Object.fromEntries(Object.entries(subgraphUrls).map(([name, url]) => [`${envPrefix(name)}_URL`, url])),
      },
    });
    await hive.ready(120_000);
  }, 180_000);
  afterAll(async () => {
    hive?.script.child.kill('SIGTERM');
    await hive?.script.exited;
    await graph?.stop();
  });

  const both = async (
    query: string,
    variables?: Record<string, unknown>,
    headers: Record<string, string> = {},
  ): Promise<[GraphQLHttpResult, GraphQLHttpResult]> =>
    Promise.all([postGraphQL(graph.gateway.url, query, variables, headers), postGraphQL(hive.url, query, variables, headers)]);

  it("answers the README's example operations as ours does, anonymous and signed in, refusals included", async () => {
    const operations = readmeQueries();
    expect(operations.length).toBeGreaterThanOrEqual(3);
    const callers: Array<Record<string, string>> = [{}, { authorization: `Bearer ${await graph.tokenFor('partner', organizationId('ubnd-ha-noi'))}` }];
    for (const operation of operations) {
      for (const headers of callers) {
        const [ours, theirs] = await both(operation, undefined, headers);
        expect(ours.data).toBeTruthy();
        expect(theirs.data).toEqual(ours.data);
        expect(refusals(theirs)).toEqual(refusals(ours));
      }
    }
  });

  it("runs the README's mutation for an admin through either, and refuses it to anonymous callers alike", async () => {
    const [mutation] = readmeOperations().filter((operation) => operation.trimStart().startsWith('mutation'));
    const next = new Date(Date.now() + 30 * 86_400_000).toISOString();
    const filled = mutation!.replace('<Organization id>', organizationId('ubnd-ha-noi')).replace(/expiresAt: "[^"]+"/, `expiresAt: "${next}"`);
    const admin = { authorization: `Bearer ${await graph.tokenFor('admin')}` };
    const [ours, theirs] = await Promise.all([
      postGraphQL<CreatedKey>(graph.gateway.url, filled, undefined, admin),
      postGraphQL<CreatedKey>(hive.url, filled, undefined, admin),
    ]);
    expect(ours.errors).toBeUndefined();
    expect(theirs.errors).toBeUndefined();
    for (const created of [ours.data!, theirs.data!])
      expect(created.createApiKey).toMatchObject({ secret: expect.stringMatching(/^sti_.{43}$/), apiKey: { status: 'ACTIVE' } });
    // The key created through Hive is a key of the graph: ours reads it as it reads its own.
    const read = `query ($id: ID!) { apiKey(id: $id) { id status organization { id } } }`;
    const [viaOurs, viaHive] = await both(read, { id: theirs.data!.createApiKey.apiKey.id }, admin);
    expect(viaHive.data).toEqual(viaOurs.data);

    const [anonymousOurs, anonymousHive] = await both(filled);
    expect(anonymousOurs.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(anonymousHive.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('refuses a depth-14 query in both, with the same code, before any subgraph is asked', async () => {
    const [ours, theirs] = await both(DEPTH_14);
    expect(ours.errors?.[0]?.extensions).toMatchObject({ code: 'OPERATION_LIMIT', limit: 'GATEWAY_MAX_DEPTH' });
    expect(theirs.errors?.[0]?.extensions).toMatchObject({ code: 'OPERATION_LIMIT', limit: 'GATEWAY_MAX_DEPTH' });
    expect(theirs.errors?.[0]?.message).toBe(ours.errors?.[0]?.message);
    expect(theirs.data ?? null).toBeNull();
  });

  it('refuses a bad token in both with 401, never answering anonymously', async () => {
    const [ours, theirs] = await both('{ organizations(first: 1) { totalCount } }', undefined, { authorization: 'Bearer not.a.token' });
    expect([ours.status, theirs.status]).toEqual([401, 401]);
    expect(theirs.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('serves the change feed subscription through Hive (passed to the integrations subgraph) as ours does', async () => {
    const SUBSCRIPTION = `subscription ($after: String) { changes(after: $after, filter: { entityTypes: ["Organization"] }) { id type changedFields after entity { ... on Organization { shortName } } } }`;
    const events = Array.from({ length: 6 }, (_, n) => organizationEvent(n + 1, {}, '9200'));
    await graph.ingest(events.slice(0, 3));
    const { changes } = await graph.queryOk<{ changes: { edges: Array<{ cursor: string; node: { id: string } }> } }>(
      `query ($ids: [ID!]) { changes(last: 100, filter: { entityIds: $ids }) { edges { cursor node { id } } } }`,
      { ids: [ORGANIZATION_ID] },
    );
    const after = changes.edges.find((edge) => edge.node.id === events[0]!.eventId)!.cursor;
    const subscribe = (url: string) => {
      const client = createSseClient({ url, fetchFn: fetch, retryAttempts: 0 });
      return { client, iterator: client.iterate({ query: SUBSCRIPTION, variables: { after } }) };
    };
    const ours = subscribe(graph.gateway.url);
    const theirs = subscribe(hive.url);
    // Replayed (2), then live (3) while both listen.
    const received = Promise.all([takeChanges(ours.iterator, 5), takeChanges(theirs.iterator, 5)]);
    await graph.ingest(events.slice(3));
    const [viaOurs, viaHive] = await received;
    ours.client.dispose();
    theirs.client.dispose();
    expect(viaOurs.map((change) => (change as { id: string }).id)).toEqual(events.slice(1).map((event) => event.eventId));
    expect(viaHive).toEqual(viaOurs);
    expect(viaHive[0]).toMatchObject({ entity: { shortName: 'UBND TP Hà Nội' } });
  });
});

/** What a client learns from an answer's errors: where, why, and the code (not which subgraph said it). */
function refusals(result: GraphQLHttpResult): unknown[] {
  return (result.errors ?? []).map((error) => ({ path: error.path, message: error.message, code: error.extensions?.code }));
}

interface CreatedKey {
  createApiKey: { secret: string; apiKey: { id: string; status: string } };
}
