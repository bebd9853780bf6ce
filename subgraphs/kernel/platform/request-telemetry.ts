import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { context, propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Context } from '@opentelemetry/api';
import type { RequestHandler } from 'express';
import { loggerFor, withRequestId } from './logger';
import { tracer, unrecordedSpan } from './tracing';
import { boundedLabel, httpDuration, httpRequests } from './metrics';

/** The header a request id travels in, from a client or proxy, from the gateway to subgraphs, and back in every answer. */
export const REQUEST_ID_HEADER = 'x-request-id';

/** Probes and scrapes: logged at debug, never traced. */
const PROBE_PATHS: ReadonlySet<string> = new Set(['/health', '/ready', '/metrics']);

/** An incoming request id worth keeping: short, and nothing that could forge a log line. */
function requestIdOf(header: string | string[] | undefined): string | undefined {
  return typeof header === 'string' && /^[\w.:-]{1,128}$/.test(header) ? header : undefined;
}

/** Whether a request may start a trace: service-to-service routes (`/internal/...`) only join one their caller started, so polls make no traces. */
function mayStartTrace(path: string): boolean {
  return !PROBE_PATHS.has(path) && !path.startsWith('/internal/');
}

/** Routes as metric labels: a path's first segment, the first 30 seen (a scan of random paths cannot add more). */
const routes = boundedLabel(30);

/** A path's first segment (`/graphql`, `/internal`, `/dcat`): few values, for span names and metric labels. */
export function routeOf(path: string): string {
  return `/${path.split('/')[1] ?? ''}`;
}

/** Requests whose telemetry began before Express (the gateway's front door): the middleware leaves them be. */
const begun = new WeakSet<IncomingMessage>();

/**
 * Every request of every process: a request id (kept from `X-Request-Id`, else new, and sent
 * back), a server span continuing the caller's `traceparent`, and one log line when it ends
 * with the ids, status and duration. Returns the request's context: everything the request
 * does runs in it, so its other log lines, SQL spans and subgraph calls carry the same ids.
 */
export function beginRequest(service: string, req: IncomingMessage, res: ServerResponse): Context {
  begun.add(req);
  const started = performance.now();
  const method = req.method ?? 'GET';
  const path = pathOf(req.url ?? '/');
  const requestId = requestIdOf(req.headers[REQUEST_ID_HEADER]) ?? randomUUID();
  res.setHeader(REQUEST_ID_HEADER, requestId);
  const parent = propagation.extract(ROOT_CONTEXT, req.headers);
  const span =
    mayStartTrace(path) || trace.getSpanContext(parent)
      ? tracer().startSpan(
          `${method} ${routeOf(path)}`,
          { kind: SpanKind.SERVER, attributes: { 'sti.service': service, 'http.request.method': method, 'url.path': path } },
          parent,
        )
      : unrecordedSpan(parent);
  const requestContext = withRequestId(trace.setSpan(parent, span), requestId);
  res.once('close', () => {
    const status = res.headersSent ? res.statusCode : 499; // 499: the client went away first
    span.setAttribute('http.response.status_code', status);
    if (status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
    span.end();
    const route = routes(routeOf(path));
    httpRequests.inc({ service, method, route, status });
    httpDuration.observe({ service, method, route }, (performance.now() - started) / 1000);
    const level = status >= 500 ? 'error' : PROBE_PATHS.has(path) ? 'debug' : 'info';
    context.with(requestContext, () =>
      loggerFor(service)[level](
        { req: { method, path, headers: req.headers }, res: { statusCode: status }, durationMs: Math.round((performance.now() - started) * 10) / 10 },
        'request',
      ),
    );
  });
  return requestContext;
}

/** A request target's path, without its query (as Express's `req.path`). */
function pathOf(url: string): string {
  const query = url.indexOf('?');
  return query < 0 ? url : url.slice(0, query);
}

/** `beginRequest` as the first Express middleware of every process. Mount first. */
export function requestTelemetry(service: string): RequestHandler {
  return (req, res, next) => {
    if (begun.has(req)) return next(); // already in its context: the front door called the app inside it
    context.with(beginRequest(service, req, res), next);
  };
}
