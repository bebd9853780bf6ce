import type { Server } from 'node:http';
import express, { type Express, type RequestHandler } from 'express';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { isProduction, readEnv, readIntEnv } from './env';

/**
 * The one Prometheus registry of a process and every metric the graph exports (all named
 * `sti_*`, plus Node's own `process_*`/`nodejs_*`). Label values are bounded: operation names
 * and error codes are capped (`METRICS_MAX_OPERATIONS`, default 200; later ones count as
 * `other`), routes are a path's first segment, never a raw query or id.
 */
export const registry = new Registry();
collectDefaultMetrics({ register: registry });

const SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const DB_SECONDS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];
const registers = [registry];

/** A label's values, capped: the first `limit` distinct values are kept, later ones are `other`. */
export function boundedLabel(limit: number): (value: string) => string {
  const seen = new Set<string>();
  return (value) => {
    if (seen.has(value)) return value;
    if (seen.size >= limit) return 'other';
    seen.add(value);
    return value;
  };
}

const operationNames = boundedLabel(readIntEnv('METRICS_MAX_OPERATIONS', 200));
const errorCodes = boundedLabel(50);

/** The label of a GraphQL operation: its name (capped), `anonymous`, or `invalid` for a document that never named one. */
export function operationLabel(name: string | null | undefined, parsed: boolean): string {
  if (!parsed) return 'invalid';
  if (!name) return 'anonymous';
  return /^[_A-Za-z][_0-9A-Za-z]{0,99}$/.test(name) ? operationNames(name) : 'invalid';
}

/** The label of an error code (capped). */
export function codeLabel(code: unknown): string {
  return typeof code === 'string' && /^[A-Z_]{1,64}$/.test(code) ? errorCodes(code) : 'UNKNOWN';
}

export const httpRequests = new Counter({
  name: 'sti_http_requests_total',
  help: 'HTTP requests answered, by service, method, route (first path segment) and status.',
  labelNames: ['service', 'method', 'route', 'status'],
  registers,
});
export const httpDuration = new Histogram({
  name: 'sti_http_request_duration_seconds',
  help: 'HTTP request duration, by service, method and route.',
  labelNames: ['service', 'method', 'route'],
  buckets: SECONDS,
  registers,
});

export const graphqlDuration = new Histogram({
  name: 'sti_graphql_operation_duration_seconds',
  help: 'GraphQL operations executed (count) and their duration, by service and operation name.',
  labelNames: ['service', 'operation'],
  buckets: SECONDS,
  registers,
});
export const graphqlErrors = new Counter({
  name: 'sti_graphql_errors_total',
  help: 'GraphQL errors in answers, by service, operation name and extensions.code.',
  labelNames: ['service', 'operation', 'code'],
  registers,
});

export const subgraphFetchDuration = new Histogram({
  name: 'sti_subgraph_fetch_duration_seconds',
  help: 'Gateway fetches from a subgraph (count) and their duration, by subgraph.',
  labelNames: ['subgraph'],
  buckets: SECONDS,
  registers,
});
export const subgraphFetchErrors = new Counter({
  name: 'sti_subgraph_fetch_errors_total',
  help: 'Errors of gateway fetches from a subgraph, by subgraph and code (SERVICE_UNAVAILABLE when it did not answer).',
  labelNames: ['subgraph', 'code'],
  registers,
});

export const queryPlanCache = new Counter({
  name: 'sti_query_plan_cache_total',
  help: 'Query plans the gateway looked up, by result (hit: reused, miss: planned).',
  labelNames: ['result'],
  registers,
});
export const responseCacheLookups = new Counter({
  name: 'sti_response_cache_lookups_total',
  help: 'Response cache lookups of anonymous queries, by result (hit, miss).',
  labelNames: ['result'],
  registers,
});
export const responseCacheEarlyAnswers = new Counter({
  name: 'sti_response_cache_early_answers_total',
  help: 'Response cache hits answered before Apollo Server, for a request sent byte for byte like one already answered (a subset of the hits).',
  registers,
});
export const responseCacheStores = new Counter({ name: 'sti_response_cache_stores_total', help: 'Answers stored in the response cache.', registers });
export const responseCacheEvictions = new Counter({
  name: 'sti_response_cache_evictions_total',
  help: 'Answers evicted from the response cache by a change (writes, the change feed).',
  registers,
});

export const dbQueryDuration = new Histogram({
  name: 'sti_db_query_duration_seconds',
  help: 'SQL statements sent (count) and their duration, by service and statement kind (select, insert, ...).',
  labelNames: ['service', 'statement'],
  buckets: DB_SECONDS,
  registers,
});
export const dbQueriesInFlight = new Gauge({
  name: 'sti_db_queries_in_flight',
  help: 'SQL statements running now (pool use), by service.',
  labelNames: ['service'],
  registers,
});

export const outboxRelayed = new Counter({
  name: 'sti_outbox_relayed_events_total',
  help: 'Outbox events relayed to the integrations subgraph, by service.',
  labelNames: ['service'],
  registers,
});
export const outboxRelayFailures = new Counter({
  name: 'sti_outbox_relay_failures_total',
  help: 'Relay passes that failed (the integrations subgraph unreachable or refusing), by service.',
  labelNames: ['service'],
  registers,
});

export const webhookDeliveries = new Counter({
  name: 'sti_webhook_deliveries_total',
  help: 'Webhook delivery attempts, by outcome (succeeded; failed: retried later; dead: given up).',
  labelNames: ['outcome'],
  registers,
});

export const subscribers = new Gauge({
  name: 'sti_subscribers',
  help: 'Open change-feed subscriptions at the gateway, by transport (websocket, sse, multipart).',
  labelNames: ['transport'],
  registers,
});

/** A gauge read at scrape time from whoever registered a reading (a database, a queue); a reading that fails is skipped. */
function sampledGauge(name: string, help: string) {
  const readings = new Map<string, () => Promise<number>>();
  new Gauge({
    name,
    help,
    labelNames: ['service'],
    registers,
    async collect() {
      this.reset();
      await Promise.all(
        [...readings].map(async ([service, read]) => {
          const value = await read().catch(() => undefined);
          if (value !== undefined) this.set({ service }, value);
        }),
      );
    },
  });
  /** Reads `read` for `service` at each scrape until the returned function is called. */
  return (service: string, read: () => Promise<number>): (() => void) => {
    readings.set(service, read);
    return () => void (readings.get(service) === read && readings.delete(service));
  };
}

export const sampleOutboxBacklog = sampledGauge('sti_outbox_backlog_events', 'Committed outbox events not yet relayed, by service.');
export const sampleOutboxLag = sampledGauge('sti_outbox_relay_lag_seconds', 'Age of the oldest outbox event not yet relayed (0 when none), by service.');
export const sampleChangeLogHead = sampledGauge('sti_change_log_head_sequence', 'The change log head: the sequence of the newest event (integrations).');
export const sampleWebhookQueue = sampledGauge('sti_webhook_queue_depth', 'Webhook deliveries waiting (due or retrying) (integrations).');

/** Where metrics are served: `METRICS_PATH` (default `/metrics`); on `METRICS_PORT` when set, else on each public port outside production. */
export function metricsSettings(production = isProduction()): { path: string; port: number | undefined; onPublicPort: boolean } {
  const port = readEnv('METRICS_PORT') === undefined ? undefined : readIntEnv('METRICS_PORT', 0);
  return { path: readEnv('METRICS_PATH') ?? '/metrics', port, onPublicPort: port === undefined && !production };
}

/** Answers a scrape with the registry in Prometheus text format. */
export const metricsHandler: RequestHandler = (_req, res, next) => {
  registry.metrics().then((text) => void res.type(registry.contentType).send(text), next);
};

/** Mounts the metrics route on a public app when the settings say so (`production`: the server's own idea of it). */
export function mountMetrics(app: Express, production: boolean): void {
  const settings = metricsSettings(production);
  if (settings.onPublicPort) app.get(settings.path, metricsHandler);
}

/** The process's own metrics listener on `METRICS_PORT` (`METRICS_HOST`, default 127.0.0.1), if set; off the public port. */
export async function startMetricsServer(): Promise<Server | undefined> {
  const { port, path } = metricsSettings();
  if (port === undefined) return undefined;
  const app = express();
  app.disable('x-powered-by');
  app.get(path, metricsHandler);
  return new Promise((resolve, reject) => {
    const server = app.listen(port, readEnv('METRICS_HOST') ?? '127.0.0.1');
    server.once('listening', () => resolve(server));
    server.once('error', reject);
  });
}
