import { randomBytes } from 'node:crypto';
import { InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace-node';
import { indicatorId } from '../../subgraphs/kernel/reference/seed-refs';
import { eventually } from '../../subgraphs/kernel/testing/eventually';
import { startTracing, stopTracing } from '../../subgraphs/kernel/platform/tracing';
import { responsibleOrganizationOf, startTestGraph, type TestGraph } from '../testing';

/**
 * OpenTelemetry traces, exported in memory: one client request is one trace, continued from
 * the client's `traceparent` through the gateway (its own spans and each subgraph fetch) into
 * the subgraphs' server spans and their SQL; the outbox relay's batch is a trace that reaches
 * the integrations subgraph's ingest.
 */
const exporter = new InMemorySpanExporter();
startTracing({ exporter }); // before the graph starts: its servers use this setup

const serviceOf = (span: ReadableSpan) => span.attributes['sti.service'];
const parentOf = (span: ReadableSpan) => span.parentSpanContext?.spanId;

describe('traces', () => {
  let graph: TestGraph;
  beforeAll(async () => {
    graph = await startTestGraph({ only: ['programmes', 'integrations'] });
  });
  afterAll(async () => {
    await graph?.stop();
    await stopTracing();
  });

  const spansOf = (traceId: string) => exporter.getFinishedSpans().filter((span) => span.spanContext().traceId === traceId);

  it("continues the client's trace through the gateway, each subgraph fetch, the subgraph and its SQL", async () => {
    const traceId = randomBytes(16).toString('hex');
    const clientSpan = randomBytes(8).toString('hex');
    const result = await graph.query(
      'query TracedIndicators { indicators(first: 2) { nodes { id name { en } } } }',
      {},
      { traceparent: `00-${traceId}-${clientSpan}-01` },
    );
    expect(result.errors).toBeUndefined();

    const spans = await eventually(async () => {
      const found = spansOf(traceId);
      expect(found.some((span) => serviceOf(span) === 'programmes' && span.name === 'POST /graphql')).toBe(true);
      return found;
    });
    const byId = new Map(spans.map((span) => [span.spanContext().spanId, span]));
    const gatewayServer = spans.find((span) => serviceOf(span) === 'gateway' && span.name === 'POST /graphql')!;
    expect(parentOf(gatewayServer)).toBe(clientSpan);
    expect(gatewayServer.attributes['http.response.status_code']).toBe(200);
    // The gateway's own spans (Apollo's) sit under its server span, and the fetch under them.
    const fetch = spans.find((span) => span.name === 'gateway.fetch');
    expect(fetch).toBeDefined();
    const ancestors = (span: ReadableSpan): string[] => {
      const parent = byId.get(parentOf(span) ?? '');
      return parent ? [parent.name, ...ancestors(parent)] : [];
    };
    expect(ancestors(fetch!)).toEqual(expect.arrayContaining(['gateway.execute', 'gateway.request', 'POST /graphql']));
    // The subgraph's server span is a child of that fetch: the traceparent crossed HTTP.
    const subgraphServer = spans.find((span) => serviceOf(span) === 'programmes' && span.name === 'POST /graphql')!;
    expect(parentOf(subgraphServer)).toBe(fetch!.spanContext().spanId);
    // And its SQL under it, with the statement's text (never its parameters).
    const sql = spans.filter((span) => span.name === 'SELECT' && span.attributes['db.namespace'] === 'programmes');
    expect(sql.length).toBeGreaterThan(0);
    for (const statement of sql) {
      expect(parentOf(statement)).toBe(subgraphServer.spanContext().spanId);
      expect(String(statement.attributes['db.query.text'])).toMatch(/^select /i);
    }
  });

  it('starts one trace for a request that carries none', async () => {
    const before = new Set(exporter.getFinishedSpans().map((span) => span.spanContext().traceId));
    await graph.queryOk('query UntracedIndicators { indicators(first: 1) { nodes { id } } }');
    const traces = await eventually(async () => {
      const fresh = exporter.getFinishedSpans().filter((span) => !before.has(span.spanContext().traceId) && span.name === 'POST /graphql');
      expect(fresh.map(serviceOf).sort()).toEqual(['gateway', 'programmes']);
      return new Set(fresh.map((span) => span.spanContext().traceId));
    });
    expect(traces.size).toBe(1);
  });

  it("traces the outbox relay's batch into the integrations subgraph's ingest", async () => {
    const tfp = indicatorId('CTR07-TFP');
    const editor = graph.as('editor', await responsibleOrganizationOf(graph, tfp));
    await editor.queryOk('mutation ($input: RecordObservationInput!) { recordObservation(input: $input) { observation { id } } }', {
      input: { indicatorId: tfp, periodKind: 'MONTH', periodStart: '1982-01-01', value: 1, status: 'FINAL' },
    });
    await graph.subgraphs.programmes!.relay!.flush();
    const relay = await eventually(async () => {
      const found = exporter.getFinishedSpans().find((span) => span.name === 'outbox.relay' && serviceOf(span) === 'programmes');
      expect(found).toBeDefined();
      return found!;
    });
    const trace = spansOf(relay.spanContext().traceId);
    const ingest = trace.find((span) => serviceOf(span) === 'integrations' && span.name === 'POST /internal');
    expect(ingest && parentOf(ingest)).toBe(relay.spanContext().spanId);
    expect(trace.some((span) => span.name === 'UPDATE' && span.attributes['db.namespace'] === 'programmes')).toBe(true); // marked relayed
    expect(trace.some((span) => span.name === 'INSERT' && span.attributes['db.namespace'] === 'integrations')).toBe(true); // appended to the log
  });
});
