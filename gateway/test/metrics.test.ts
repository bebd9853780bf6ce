import { indicatorId } from '../../subgraphs/kernel/reference/seed-refs';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { boundedLabel, metricsSettings, operationLabel, registry, startMetricsServer } from '../../subgraphs/kernel/platform/metrics';
import { eventually } from '../../subgraphs/kernel/testing/eventually';
import { startGateway } from '../server';
import { responsibleOrganizationOf, startTestGraph, type TestGraph } from '../testing';
import { key, parseExposition, type Samples } from './prometheus';
import { WsSession } from './ws-session';

/**
 * Prometheus metrics as a scraper reads them: `/metrics` in the text exposition format,
 * parsed here, and the counters moved by exactly what the traffic did (RED by operation and
 * subgraph, query plan and response cache, SQL, outbox relay, change log, subscribers).
 */
const RECORD = 'mutation ($input: RecordObservationInput!) { recordObservation(input: $input) { observation { id } } }';

describe('Prometheus metrics', () => {
  let graph: TestGraph;
  beforeAll(async () => {
    graph = await startTestGraph({ only: ['programmes', 'integrations'], workSharing: { responseCache: true } });
  });
  afterAll(async () => {
    await graph?.stop();
  });

  const scrape = async (): Promise<Samples> => {
    const response = await fetch(new URL('/metrics', graph.gateway.url));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    return parseExposition(await response.text());
  };
  const value = (samples: Samples, name: string, labels: Record<string, string> = {}) => samples.get(key(name, labels)) ?? 0;
  const moved = (before: Samples, after: Samples, name: string, labels: Record<string, string> = {}) =>
    value(after, name, labels) - value(before, name, labels);

  it('counts requests, operations, subgraph fetches, plans and SQL by what the traffic did', async () => {
    const token = await graph.authHeadersFor('admin'); // with a credential: never from the response cache
    const before = await scrape();
    for (let repetition = 0; repetition < 3; repetition++) {
      await graph.queryOk('query IndicatorsForMetrics { indicators(first: 2) { nodes { id name { en } } } }', {}, token);
    }
    const refused = await graph.query('query RefusedForMetrics { indicators(first: -1) { nodes { id } } }', {}, token);
    const refusedCode = String(refused.errors?.[0]?.extensions?.code);
    expect(refusedCode).toMatch(/^[A-Z_]+$/);
    const unparsed = await graph.query('query {', {}, token);
    expect(unparsed.errors?.[0]?.extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
    const after = await scrape();

    const operation = { service: 'gateway', operation: 'IndicatorsForMetrics' };
    expect(moved(before, after, 'sti_graphql_operation_duration_seconds_count', operation)).toBe(3);
    expect(moved(before, after, 'sti_graphql_errors_total', { ...operation, code: refusedCode })).toBe(0);
    expect(moved(before, after, 'sti_graphql_errors_total', { service: 'gateway', operation: 'RefusedForMetrics', code: refusedCode })).toBe(1);
    expect(moved(before, after, 'sti_graphql_errors_total', { service: 'gateway', operation: 'invalid', code: 'GRAPHQL_PARSE_FAILED' })).toBe(1);
    expect(moved(before, after, 'sti_http_requests_total', { service: 'gateway', method: 'POST', route: '/graphql', status: '200' })).toBeGreaterThanOrEqual(3);
    expect(moved(before, after, 'sti_http_request_duration_seconds_count', { service: 'gateway', method: 'POST', route: '/graphql' })).toBe(5);
    // The subgraph saw the same three operations, under the name the gateway gave its fetch.
    expect(
      moved(before, after, 'sti_graphql_operation_duration_seconds_count', { service: 'programmes', operation: 'IndicatorsForMetrics__programmes__0' }),
    ).toBe(3);
    expect(moved(before, after, 'sti_subgraph_fetch_duration_seconds_count', { subgraph: 'programmes' })).toBeGreaterThanOrEqual(3);
    // Planned once, reused twice.
    expect(moved(before, after, 'sti_query_plan_cache_total', { result: 'miss' })).toBeGreaterThanOrEqual(1);
    expect(moved(before, after, 'sti_query_plan_cache_total', { result: 'hit' })).toBeGreaterThanOrEqual(2);
    expect(moved(before, after, 'sti_db_query_duration_seconds_count', { service: 'programmes', statement: 'select' })).toBeGreaterThanOrEqual(3);
    // Raw query text never becomes a label.
    expect([...after.keys()].some((name) => name.includes('indicators('))).toBe(false);
  });

  it('counts response cache lookups: a miss, then hits for the same anonymous query', async () => {
    await eventually(async () => expect(graph.gateway.sharing.cacheLive).toBe(true));
    const before = await scrape();
    const query = 'query CachedForMetrics { indicators(first: 1) { nodes { id } } }';
    for (let repetition = 0; repetition < 3; repetition++) await graph.queryOk(query);
    const after = await scrape();
    expect(moved(before, after, 'sti_response_cache_lookups_total', { result: 'miss' })).toBe(1);
    expect(moved(before, after, 'sti_response_cache_lookups_total', { result: 'hit' })).toBe(2);
    // Both hits repeated the first request byte for byte: answered before Apollo Server.
    expect(moved(before, after, 'sti_response_cache_early_answers_total')).toBe(2);
    expect(moved(before, after, 'sti_response_cache_stores_total')).toBe(1);
  });

  it('follows a write through the outbox relay to the change log head, and evicts cached answers it changed', async () => {
    const tfp = indicatorId('CTR07-TFP');
    const editor = graph.as('editor', await responsibleOrganizationOf(graph, tfp));
    await graph.subgraphs.programmes!.relay!.flush();
    const before = await scrape();
    await editor.queryOk(RECORD, { input: { indicatorId: tfp, periodKind: 'MONTH', periodStart: '1981-01-01', value: 1, status: 'FINAL' } });
    await graph.subgraphs.programmes!.relay!.flush();
    const after = await scrape();
    const relayed = moved(before, after, 'sti_outbox_relayed_events_total', { service: 'programmes' });
    expect(relayed).toBeGreaterThanOrEqual(1);
    expect(moved(before, after, 'sti_change_log_head_sequence', { service: 'integrations' })).toBe(relayed);
    expect(value(after, 'sti_outbox_backlog_events', { service: 'programmes' })).toBe(0);
    expect(value(after, 'sti_outbox_relay_lag_seconds', { service: 'programmes' })).toBe(0);
    expect(after.has(key('sti_webhook_queue_depth', { service: 'integrations' }))).toBe(true);
    expect(moved(before, after, 'sti_response_cache_evictions_total')).toBeGreaterThanOrEqual(1); // the cached indicators read programmes
  });

  it('counts open subscriptions by transport', async () => {
    const session = await WsSession.open(graph.gateway.url);
    session.subscribe('feed', 'subscription { changes { cursor } }');
    await eventually(async () => expect(value(await scrape(), 'sti_subscribers', { transport: 'websocket' })).toBe(1));
    session.close();
    await eventually(async () => expect(value(await scrape(), 'sti_subscribers', { transport: 'websocket' })).toBe(0));
  });

  it('keeps label values bounded: operation names capped, odd names and unparsed documents one value each', () => {
    const label = boundedLabel(2);
    expect(['a', 'b', 'c', 'a', 'd'].map(label)).toEqual(['a', 'b', 'other', 'a', 'other']);
    expect(operationLabel(undefined, true)).toBe('anonymous');
    expect(operationLabel('anything', false)).toBe('invalid');
    expect(operationLabel('x'.repeat(101), true)).toBe('invalid');
  });

  it('serves metrics off the public port in production: only on METRICS_PORT', async () => {
    const saved = { NODE_ENV: process.env.NODE_ENV, METRICS_PORT: process.env.METRICS_PORT };
    try {
      delete process.env.METRICS_PORT;
      // A gateway in production answers no scrape on its public port.
      const production = await startGateway({ ...graph.gatewayConfig(), production: true });
      try {
        const response = await fetch(new URL('/metrics', production.url));
        expect(response.status).toBe(404);
        expect(await response.text()).not.toContain('sti_');
      } finally {
        await production.stop();
      }
      process.env.NODE_ENV = 'production';
      expect(metricsSettings()).toEqual({ path: '/metrics', port: undefined, onPublicPort: false });
      expect(await startMetricsServer()).toBeUndefined();
      process.env.METRICS_PORT = '0'; // any free port
      const server = (await startMetricsServer())!;
      try {
        const response = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/metrics`);
        expect(parseExposition(await response.text()).has(key('sti_subscribers', { transport: 'websocket' }))).toBe(true);
      } finally {
        server.close();
      }
    } finally {
      for (const [name, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    }
  });

  it('has a Grafana dashboard that reads only metrics the graph exports', () => {
    const dashboard = readFileSync(path.resolve(__dirname, '../../deploy/grafana/sti-graph.json'), 'utf8');
    const names = new Set([...dashboard.matchAll(/\b(sti_\w+?)(?:_bucket|_count|_sum)?\b/g)].map((match) => match[1]!));
    expect(names.size).toBeGreaterThan(10);
    expect([...names].filter((name) => !registry.getSingleMetric(name))).toEqual([]);
  });
});
