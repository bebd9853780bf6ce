import { readFileSync, writeFileSync } from 'node:fs';
import { composeSupergraph } from '../compose';
import { startTestGraph, type TestGraph } from '../testing';
import { SUBGRAPHS } from '../../subgraphs';
import { eventually } from '../../subgraphs/kernel/testing/eventually';

const JOIN = `{
  hubs(first: 10) { nodes { name { vi } operator { id shortName name { vi } } } }
}`;

describe('gateway over the composed graph', () => {
  let graph: TestGraph;
  beforeAll(async () => {
    graph = await startTestGraph({ only: ['programmes', 'startups'], subgraphTimeoutMs: 1_500 });
  });
  afterAll(() => graph?.stop());

  it('answers one request that joins fields from two subgraphs', async () => {
    const data = await graph.queryOk<{ hubs: { nodes: Array<{ name: { vi: string }; operator: { shortName: string | null; name: { vi: string } } | null }> } }>(
      JOIN,
    );
    const exchange = data.hubs.nodes.find((hub) => hub.name.vi.startsWith('Sàn giao dịch công nghệ'));
    // name.vi comes from startups; operator.name from programmes
    expect(exchange?.operator?.name.vi).toBe('Ủy ban nhân dân thành phố Hà Nội');
  });

  it('answers malformed requests with 400 and a code, never 500', async () => {
    const badJson = await fetch(graph.gateway.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query": ' });
    expect(badJson.status).toBe(400);
    expect(((await badJson.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0]?.extensions.code).toBe('BAD_REQUEST');

    const unknownField = await graph.query('{ organizations { nodes { noSuchField } } }');
    expect(unknownField.status).toBe(400);
    expect(unknownField.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');

    const wrongType = await graph.query('query ($n: Int) { organizations(first: $n) { totalCount } }', { n: 'ten' });
    expect(wrongType.status).toBe(400);
    expect(wrongType.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');

    const syntax = await graph.query('{ organizations { ');
    expect(syntax.status).toBe(400);
    expect(syntax.errors?.[0]?.extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
  });

  it('serves liveness and readiness', async () => {
    const health = await fetch(new URL('/health', graph.gateway.url));
    expect(health.status).toBe(200);
    const ready = await fetch(new URL('/ready', graph.gateway.url));
    expect(await ready.json()).toEqual({ status: 'ready', subgraphs: { programmes: 'ready', startups: 'ready' } });
    const subgraphReady = await fetch(new URL('/ready', graph.subgraphs.programmes!.url));
    expect(subgraphReady.status).toBe(200);
  });

  it('reloads the supergraph when the file changes, without a restart', async () => {
    const original = readFileSync(graph.supergraphPath, 'utf8');
    const programmesOnly = composeSupergraph(SUBGRAPHS.filter((s) => s.name === 'programmes')).supergraph;
    writeFileSync(graph.supergraphPath, programmesOnly);
    await eventually(async () => {
      const result = await graph.query('{ hubs { totalCount } }');
      expect(result.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    });
    writeFileSync(graph.supergraphPath, original);
    await eventually(async () => {
      const result = await graph.query<{ hubs: { totalCount: number } }>('{ hubs { totalCount } }');
      expect(result.data?.hubs.totalCount).toBeGreaterThan(0);
    });
  });
});

describe('a subgraph that is down', () => {
  let graph: TestGraph;
  beforeAll(async () => {
    graph = await startTestGraph({ only: ['programmes', 'startups'], subgraphTimeoutMs: 1_500 });
  });
  afterAll(() => graph?.stop());

  it('still gets the other subgraphs’ data and an error naming the service, then recovers', async () => {
    const startups = graph.subgraphs.startups!;
    const { createServer } = await import('node:net');
    // Replace the startups subgraph by a port that accepts connections and never answers (slow).
    await startups.stop();
    const sockets: import('node:net').Socket[] = [];
    const blackhole = createServer((socket) => void sockets.push(socket));
    await new Promise<void>((resolve) => blackhole.listen(startups.port, '127.0.0.1', resolve));
    try {
      const started = Date.now();
      const result = await graph.query<{ organizations: { totalCount: number }; hubs: unknown }>('{ organizations { totalCount } hubs { totalCount } }');
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(result.status).toBe(200);
      expect(result.data?.organizations.totalCount).toBeGreaterThan(0);
      const error = result.errors?.find((e) => e.extensions?.code === 'SERVICE_UNAVAILABLE');
      expect(error?.extensions?.service).toBe('startups');
      expect(JSON.stringify(result.errors)).not.toContain('127.0.0.1');

      const ready = await fetch(new URL('/ready', graph.gateway.url));
      expect(ready.status).toBe(503);
    } finally {
      sockets.forEach((socket) => socket.destroy());
      await new Promise((resolve) => blackhole.close(resolve));
    }

    // Down (connection refused) also names the service.
    const refused = await graph.query('{ hubs { totalCount } }');
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'SERVICE_UNAVAILABLE', service: 'startups' });
    expect(refused.errors?.[0]?.message).not.toContain('127.0.0.1');

    // Back on the same port: the gateway recovers by itself.
    const { startups: definition } = await import('../../subgraphs/startups');
    const { openTestDatabase } = await import('../../subgraphs/kernel/testing/database');
    const { serveSubgraph } = await import('../../subgraphs/kernel/subgraph/server');
    const { seedIfEmpty } = await import('../../subgraphs/kernel/subgraph/seed');
    const database = await openTestDatabase(definition);
    await database.migrate();
    await seedIfEmpty(definition, database);
    graph.subgraphs.startups = await serveSubgraph(definition, database, { port: startups.port, assertionSecret: graph.assertionSecret });
    const recovered = await graph.queryOk<{ hubs: { totalCount: number } }>('{ hubs { totalCount } }');
    expect(recovered.hubs.totalCount).toBeGreaterThan(0);
  });
});

describe('input only a subgraph can check', () => {
  let graph: TestGraph;
  beforeAll(async () => {
    graph = await startTestGraph({ only: ['programmes'] });
  });
  afterAll(() => graph?.stop());

  it('reaches the client with the subgraph’s code, not as an unavailable service', async () => {
    // Date is opaque to the gateway; the programmes subgraph parses it and refuses 30 February.
    const literal = await graph.query('{ tasks(filter: { dueFrom: "2025-02-30" }) { totalCount } }');
    expect(literal.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(literal.errors?.[0]?.message).toContain('2025-02-30');

    const variable = await graph.query('query ($d: Date) { tasks(filter: { dueFrom: $d }) { totalCount } }', { d: '2025-02-30' });
    expect(variable.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(variable.errors?.[0]?.message).toContain('2025-02-30');
  });
});
