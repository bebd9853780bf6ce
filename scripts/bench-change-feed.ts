import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { mintToken } from '../gateway/auth/mint';
import { composeSupergraph } from '../gateway/compose';
import { startGateway } from '../gateway/server';
import { SUBGRAPHS } from '../subgraphs';
import { INGEST_PATH } from '../subgraphs/kernel/platform/internal-paths';
import { postGraphQL, queryOk } from '../subgraphs/kernel/testing/http';
import { freePort, runScript, type ChildScript } from '../subgraphs/kernel/testing/process';
import { runMain } from './cli';

/**
 * `npm run bench:change-feed -- [--rate 100] [--seconds 20]`: commit-to-subscriber latency of
 * the change feed. Writes observations through the gateway at a steady rate while a
 * WebSocket subscriber listens; latency is from the event's `occurredAt` (taken inside the
 * writing transaction, so before its commit) to its arrival at the subscriber.
 * Deployed as in production: the programmes and integrations subgraphs each in their own
 * process (embedded PGlite in a temporary folder, or PostgreSQL when PROGRAMMES_DATABASE_URL
 * and INTEGRATIONS_DATABASE_URL are set), the gateway and the subscriber in this one.
 */
function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : fallback;
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number`);
  return value;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

runMain(async () => {
  const rate = option('rate', 100);
  const seconds = option('seconds', 20);
  const dataDir = mkdtempSync(path.join(tmpdir(), 'sti-bench-'));
  const ports = { programmes: await freePort(), integrations: await freePort(), gateway: await freePort() };
  const children: ChildScript[] = [];
  // The gateway here and the subgraphs' processes share a throwaway assertion secret.
  const assertionSecret = randomBytes(32).toString('hex');
  const env = { DATA_DIR: dataDir, NODE_ENV: 'development', WEBHOOKS_WORKER: 'false', INTERNAL_ASSERTION_SECRET: assertionSecret };
  for (const name of ['integrations', 'programmes'] as const) {
    const child = runScript('start-subgraph', [name], {
      ...env,
      [`${name.toUpperCase()}_PORT`]: String(ports[name]),
      INTEGRATIONS_EVENTS_URL: `http://127.0.0.1:${ports.integrations}${INGEST_PATH}`,
    });
    children.push(child);
    await child.waitFor(`${name} subgraph at`, 120_000);
  }
  const auth = { keys: { secret: randomBytes(32).toString('hex') }, issuer: 'bench', audience: 'bench', clockSkewSeconds: 30 };
  const supergraphPath = path.join(dataDir, 'supergraph.graphql');
  writeFileSync(supergraphPath, composeSupergraph(SUBGRAPHS.filter((s) => s.name === 'programmes' || s.name === 'integrations')).supergraph);
  const gateway = await startGateway({
    port: ports.gateway,
    host: '127.0.0.1',
    supergraphPath,
    subgraphUrls: {
      programmes: `http://127.0.0.1:${ports.programmes}/graphql`,
      integrations: `http://127.0.0.1:${ports.integrations}/graphql`,
    },
    subgraphTimeoutMs: 10_000,
    assertionSecret,
    auth,
    rateLimit: { perMinute: 0 }, // one writer at --rate a second: the per-credential limit is not what this measures
  });
  // Anonymous callers never write: the writes go as an admin, with a token signed by the gateway's throwaway secret.
  const asAdmin = {
    authorization: `Bearer ${await mintToken({ secret: auth.keys.secret, issuer: auth.issuer, audience: auth.audience, role: 'admin', sub: 'bench', ttlSeconds: seconds + 600 })}`,
  };
  const graph = {
    gateway,
    query: (text: string, variables?: Record<string, unknown>) => postGraphQL(gateway.url, text, variables, asAdmin),
    queryOk: <T>(text: string, variables?: Record<string, unknown>) => queryOk<T>(gateway.url, text, variables),
    async stop() {
      await gateway.stop();
      for (const child of children) child.child.kill('SIGTERM');
      await Promise.all(children.map((child) => child.exited));
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  const { indicators } = await graph.queryOk<{ indicators: { nodes: Array<{ id: string }> } }>(
    '{ indicators(first: 100, filter: { synthetic: true }) { nodes { id } } }',
  );
  const client = createClient({ url: graph.gateway.url.replace('http://', 'ws://'), webSocketImpl: WebSocket });
  const latencies: number[] = [];
  let firstArrival = 0;
  let lastArrival = 0;
  const subscription = (async () => {
    const events = client.iterate<{ changes: { occurredAt: string } }>({
      query: 'subscription { changes(filter: { types: ["indicator.observation.recorded"] }) { occurredAt } }',
    });
    for await (const event of events) {
      const now = Date.now();
      firstArrival ||= now;
      lastArrival = now;
      latencies.push(now - Date.parse(event.data!.changes.occurredAt));
    }
  })();
  await new Promise((resolve) => setTimeout(resolve, 1_000)); // the subscription takes its starting point

  const total = Math.round(rate * seconds);
  const started = Date.now();
  const writes: Array<Promise<unknown>> = [];
  let failed = 0;
  for (let n = 0; n < total; n++) {
    const due = started + (n * 1_000) / rate;
    const wait = due - Date.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const indicator = indicators.nodes[n % indicators.nodes.length]!;
    const month = Math.floor(n / indicators.nodes.length);
    const periodStart = `${1900 + Math.floor(month / 12)}-${String((month % 12) + 1).padStart(2, '0')}-01`;
    writes.push(
      graph
        .query('mutation ($input: RecordObservationInput!) { recordObservation(input: $input) { observation { id } } }', {
          input: { indicatorId: indicator.id, periodKind: 'MONTH', periodStart, value: n, status: 'FINAL' },
        })
        .then((result) => void (result.errors ? failed++ : undefined)),
    );
  }
  await Promise.all(writes);
  const writeSeconds = (Date.now() - started) / 1_000;
  const deadline = Date.now() + 30_000;
  while (latencies.length < total - failed && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
  await client.dispose();
  await subscription.catch(() => undefined);
  await graph.stop();

  const sorted = [...latencies].sort((a, b) => a - b);
  const deliveredPerSecond = latencies.length / Math.max(0.001, (lastArrival - firstArrival) / 1_000);
  console.log(
    JSON.stringify(
      {
        database: process.env.PROGRAMMES_DATABASE_URL ? 'postgresql' : 'pglite',
        targetRate: rate,
        writes: total,
        failedWrites: failed,
        writesPerSecond: Number((total / writeSeconds).toFixed(1)),
        delivered: latencies.length,
        deliveredPerSecond: Number(deliveredPerSecond.toFixed(1)),
        latencyMs: { p50: percentile(sorted, 50), p90: percentile(sorted, 90), p99: percentile(sorted, 99), max: sorted.at(-1) },
      },
      null,
      2,
    ),
  );
  if (latencies.length < total - failed) process.exitCode = 1;
});
