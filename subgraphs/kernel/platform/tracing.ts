import { randomBytes } from 'node:crypto';
import { context, propagation, ROOT_CONTEXT, trace, TraceFlags, type Context, type ContextManager, type Span, type Tracer } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
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
  /**
   * Whether context follows asynchronous work (AsyncLocalStorage): the gateway needs it, so
   * each subgraph fetch carries its request's trace. It costs memory for every promise, and a
   * subgraph resolving 100,000 fields makes that many, so a subgraph process that exports no
   * spans keeps context for synchronous calls only (its request lines still carry the ids).
   * Exporting spans always turns it on.
   */
  asyncContext?: boolean;
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
  asyncContext = Boolean(exporter) || options.asyncContext === true;
  // W3C trace context and baggage propagation; context across awaits only where it is needed.
  provider.register({ contextManager: asyncContext ? new AsyncLocalStorageContextManager() : new SynchronousContextManager() });
}

/** Whether the registered context manager follows asynchronous work. */
let asyncContext = false;

/** Makes context follow asynchronous work from now on (the gateway, whichever process set tracing up first). */
export function useAsyncContext(): void {
  startTracing({ asyncContext: true });
  if (asyncContext) return;
  context.disable();
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  asyncContext = true;
}

/**
 * Context for the length of a synchronous call only, kept on a stack: no async hooks, so
 * nothing per promise. What runs after an `await` sees the root context.
 */
class SynchronousContextManager implements ContextManager {
  private current: Context = ROOT_CONTEXT;

  active(): Context {
    return this.current;
  }

  with<A extends unknown[], F extends (...args: A) => ReturnType<F>>(context: Context, fn: F, thisArg?: ThisParameterType<F>, ...args: A): ReturnType<F> {
    const previous = this.current;
    this.current = context;
    try {
      return fn.call(thisArg, ...args);
    } finally {
      this.current = previous;
    }
  }

  bind<T>(context: Context, target: T): T {
    if (typeof target !== 'function') return target;
    const call = (...args: unknown[]): unknown => this.with(context, () => Reflect.apply(target, undefined, args));
    return call as T;
  }

  enable(): this {
    return this;
  }

  disable(): this {
    this.current = ROOT_CONTEXT;
    return this;
  }
}

/** Sends the spans still buffered and stops (at process exit). */
export async function stopTracing(): Promise<void> {
  await provider?.shutdown();
  provider = undefined;
  asyncContext = false;
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
