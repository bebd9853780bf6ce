import { context, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import type { PGlite, Transaction } from '@electric-sql/pglite';
import type postgres from 'postgres';
import { dbQueriesInFlight, dbQueryDuration } from './metrics';
import { tracer } from './tracing';

/**
 * Times every SQL statement a subgraph sends, on either driver, below Drizzle (so statements
 * inside transactions count too): a `sti_db_query_duration_seconds` observation and, inside
 * a traced request, a client span with the statement text (never its parameters). Background
 * work with no request (pollers) makes no spans.
 */

const STATEMENTS: ReadonlySet<string> = new Set([
  'select',
  'insert',
  'update',
  'delete',
  'with',
  'begin',
  'commit',
  'rollback',
  'savepoint',
  'release',
  'set',
  'lock',
  'create',
  'alter',
]);

function statementOf(text: string): string {
  const word = /^\s*(\w+)/.exec(text)?.[1]?.toLowerCase() ?? '';
  return STATEMENTS.has(word) ? word : 'other';
}

/** Sends a statement with `send` and times it until it settles; hands back what `send` returned, unchanged. */
function observed<T extends PromiseLike<unknown>>(service: string, text: string, send: () => T): T {
  const statement = statementOf(text);
  const parent = context.active();
  const span = trace.getSpan(parent)?.spanContext().traceId
    ? tracer().startSpan(
        statement.toUpperCase(),
        { kind: SpanKind.CLIENT, attributes: { 'db.system.name': 'postgresql', 'db.namespace': service, 'db.query.text': text } },
        parent,
      )
    : undefined;
  const started = performance.now();
  dbQueriesInFlight.inc({ service });
  const done = (error?: unknown) => {
    dbQueriesInFlight.dec({ service });
    dbQueryDuration.observe({ service, statement }, (performance.now() - started) / 1000);
    if (error) span?.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
    span?.end();
  };
  const pending = send();
  // Promise.prototype.then, not pending.then: a postgres.js query runs when its own `then` is called, which is Drizzle's to do.
  Promise.prototype.then.call(pending, () => done(), done);
  return pending;
}

/** Times the statements of an embedded PGlite database and of its transactions. */
export function observePglite(client: PGlite, service: string): void {
  observePgliteQueries(client, service);
  const transaction = client.transaction.bind(client);
  client.transaction = <T>(callback: (tx: Transaction) => Promise<T>) =>
    transaction((tx) => {
      observePgliteQueries(tx, service);
      return callback(tx);
    });
}

function observePgliteQueries(target: PGlite | Transaction, service: string): void {
  const query = target.query.bind(target);
  target.query = (text, params, options) => observed(service, text, () => query(text, params, options));
  const exec = target.exec.bind(target);
  target.exec = (text, options) => observed(service, text, () => exec(text, options));
}

/** Times the statements of a postgres.js pool and of its transactions (Drizzle sends them all with `unsafe`). */
export function observePostgres(client: postgres.Sql | postgres.TransactionSql, service: string): void {
  const unsafe = client.unsafe.bind(client);
  client.unsafe = (text, parameters, options) => observed(service, text, () => unsafe(text, parameters, options));
  if (!('begin' in client)) return;
  const begin = client.begin.bind(client);
  type Work<T> = (tx: postgres.TransactionSql) => T | Promise<T>;
  const observing =
    <T>(work: Work<T>): Work<T> =>
    (tx) => {
      observePostgres(tx, service);
      return work(tx);
    };
  client.begin = <T>(first: string | Work<T>, second?: Work<T>) => (typeof first === 'string' ? begin(first, observing(second!)) : begin(observing(first)));
}
