import { randomBytes } from 'node:crypto';
import { context, propagation, trace, TraceFlags, type Context, type Span, type Tracer } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { detectResources, envDetector, resourceFromAttributes } from '@opentelemetry/resources';
import {
  AlwaysOffSampler,
  AlwaysOnSampler,
  BatchSpanProcessor,
  ConsoleSpanExporter,
  NodeTracerProvider,
  ParentBasedSampler,
  SimpleSpanProcessor,
  type Sampler,
  type SpanExporter,
} from '@opentelemetry/sdk-trace-node';
import { ConfigError, readBoolEnv, readEnv } from './env';

/**
 * The one OpenTelemetry setup of a process. Trace context always flows (W3C `traceparent` in
 * and out, ids on every log line), but spans are recorded and exported only when the standard
 * `OTEL_*` variables ask for an exporter: `OTEL_TRACES_EXPORTER=otlp` or an
 * `OTEL_EXPORTER_OTLP_(TRACES_)ENDPOINT`. Otherwise every span is a non-recording id carrier
 * and nothing is sent anywhere.
 */

export interface TracingOptions {
  /** `service.name` of the spans (`OTEL_SERVICE_NAME` wins). */
  serviceName?: string;
  /** Where spans go instead of what the environment says (tests: an in-memory exporter, exported at once). */
  exporter?: SpanExporter;
}

let provider: NodeTracerProvider | undefined;

/** Which exporter the environment asks for, if any. */
function exporterFromEnv(): SpanExporter | undefined {
  if (readBoolEnv('OTEL_SDK_DISABLED', false)) return undefined;
  const named = readEnv('OTEL_TRACES_EXPORTER')?.toLowerCase();
  const endpoint = readEnv('OTEL_EXPORTER_OTLP_TRACES_ENDPOINT') ?? readEnv('OTEL_EXPORTER_OTLP_ENDPOINT');
  const kind = named ?? (endpoint ? 'otlp' : 'none');
  if (kind === 'none') return undefined;
  if (kind === 'otlp') return new OTLPTraceExporter(); // reads OTEL_EXPORTER_OTLP_* itself
  if (kind === 'console') return new ConsoleSpanExporter();
  throw new ConfigError(`OTEL_TRACES_EXPORTER must be otlp, console or none, got "${named}"`);
}

/**
 * Sets up tracing for this process once; later calls keep the first setup (so a test's
 * in-memory exporter, set up first, is what the servers use).
 */
export function startTracing(options: TracingOptions = {}): void {
  if (provider) return;
  const exporter = options.exporter ?? exporterFromEnv();
  // Sampled when exporting (parent-based, or OTEL_TRACES_SAMPLER); never recorded otherwise.
  const sampler: Sampler | undefined = !exporter
    ? new AlwaysOffSampler()
    : readEnv('OTEL_TRACES_SAMPLER')
      ? undefined
      : new ParentBasedSampler({ root: new AlwaysOnSampler() });
  provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': options.serviceName ?? 'sti-graph' }).merge(detectResources({ detectors: [envDetector] })),
    ...(sampler ? { sampler } : {}),
    spanProcessors: exporter ? [options.exporter ? new SimpleSpanProcessor(exporter) : new BatchSpanProcessor(exporter)] : [],
  });
  provider.register(); // AsyncLocalStorage context, W3C trace context and baggage propagation
}

/** Sends the spans still buffered and stops (at process exit). */
export async function stopTracing(): Promise<void> {
  await provider?.shutdown();
  provider = undefined;
}

/** The graph's tracer. */
export function tracer(): Tracer {
  startTracing();
  return trace.getTracer('sti-graph');
}

/** A span that records nothing but has ids, for requests that never start a trace of their own (probes, background polls). */
export function unrecordedSpan(parent: Context): Span {
  const inherited = trace.getSpanContext(parent);
  return trace.wrapSpanContext({
    traceId: inherited?.traceId ?? randomBytes(16).toString('hex'),
    spanId: randomBytes(8).toString('hex'),
    traceFlags: TraceFlags.NONE,
  });
}

/** The W3C trace context headers (`traceparent`, `tracestate`) for a call made in `from`. */
export function traceHeaders(from: Context = context.active()): Record<string, string> {
  const headers: Record<string, string> = {};
  propagation.inject(from, headers);
  return headers;
}
