import { createRequire } from 'node:module';
import { context, createContextKey, trace } from '@opentelemetry/api';
import pino, { type DestinationStream, type Level, type LevelWithSilentOrString, type Logger } from 'pino';
import { ConfigError, isProduction, readEnv } from './env';

/**
 * The one logger of every process: a JSON line per event (pino), the service that wrote it,
 * and, during a request, its request id and trace id. Levels by `LOG_LEVEL` (default `info`;
 * tests set `error`, see testing/env.ts). Never a credential: the headers below are redacted wherever they
 * appear, and credentials in URLs (`user:password@`, `?token=`) are blanked in messages.
 */

/** Request headers that carry a credential; logged as `[redacted]`. */
export const SECRET_HEADERS = ['authorization', 'proxy-authorization', 'x-api-key', 'x-sti-assertion', 'cookie', 'set-cookie'];

const REQUEST_ID = createContextKey('sti.request-id');

/** The context of a request with id `requestId` (every log line written in it carries the id). */
export function withRequestId(parent = context.active(), requestId: string) {
  return parent.setValue(REQUEST_ID, requestId);
}

/** The id of the request being served, if any. */
export function currentRequestId(): string | undefined {
  const value = context.active().getValue(REQUEST_ID);
  return typeof value === 'string' ? value : undefined;
}

/** `text` without credentials in URLs: `//user:secret@host` and `?token=...`-style query parameters. */
export function scrubSecrets(text: string): string {
  return text
    .replace(/\/\/[^/\s:@]*:[^/\s@]+@/g, '//[redacted]@')
    .replace(/([?&;][\w.-]*(?:token|key|secret|password|passwd|assertion)=)[^&\s#"']*/gi, '$1[redacted]');
}

const LEVELS: readonly Level[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace'];

function levelFromEnv(): Level | 'silent' {
  const raw = readEnv('LOG_LEVEL')?.toLowerCase();
  if (raw === undefined) return 'info';
  if (raw === 'silent' || (LEVELS as readonly string[]).includes(raw)) return raw as Level | 'silent';
  throw new ConfigError(`LOG_LEVEL must be one of ${[...LEVELS, 'silent'].join(', ')}, got "${raw}"`);
}

/** Where lines go: stdout as JSON; pretty text for a person at a terminal in development when pino-pretty is installed (`LOG_FORMAT=json|pretty`). */
function defaultDestination(): DestinationStream {
  const format = readEnv('LOG_FORMAT')?.toLowerCase() ?? (!isProduction() && process.stdout.isTTY ? 'pretty' : 'json');
  if (format === 'pretty') {
    try {
      // A development dependency: absent from production installs, where lines stay JSON.
      const pretty = createRequire(__filename)('pino-pretty') as (options: { sync: boolean; translateTime: string; ignore: string }) => DestinationStream;
      return pretty({ sync: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' });
    } catch {
      // not installed: JSON
    }
  }
  return pino.destination({ dest: 1, sync: true });
}

let destination: DestinationStream | undefined;
/** Forwards to the current destination, so a test can read the lines (captureLogs). */
const sink: DestinationStream = { write: (line: string) => void (destination ??= defaultDestination()).write(line) };

const root: Logger = pino(
  {
    level: levelFromEnv(),
    base: undefined, // no pid or hostname: the platform adds where a line came from
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    redact: {
      paths: SECRET_HEADERS.flatMap((header) => [`req.headers["${header}"]`, `headers["${header}"]`, `res.headers["${header}"]`]),
      censor: '[redacted]',
    },
    serializers: {
      err: (error: unknown) => {
        const serialized = pino.stdSerializers.err(error instanceof Error ? error : new Error(String(error)));
        return { ...serialized, message: scrubSecrets(serialized.message), stack: scrubSecrets(serialized.stack ?? '') };
      },
    },
    hooks: {
      logMethod(args, method) {
        const scrubbed = args.map((arg) => (typeof arg === 'string' ? scrubSecrets(arg) : arg));
        return method.apply(this, scrubbed as Parameters<typeof method>);
      },
    },
    mixin() {
      const span = trace.getActiveSpan()?.spanContext();
      const requestId = currentRequestId();
      return {
        ...(requestId ? { requestId } : {}),
        ...(span && trace.isSpanContextValid(span) ? { traceId: span.traceId, spanId: span.spanId } : {}),
      };
    },
  },
  sink,
);

/** One child per service, made once: a child per log line cost more than writing the line. */
const services = new Map<string, Logger>();

/** The logger for one service of the graph (`gateway`, `programmes`, ...). */
export function loggerFor(service: string): Logger {
  let logger = services.get(service);
  if (!logger) services.set(service, (logger = root.child({ service })));
  return logger;
}

/** Sets the level of every logger (tests: only errors, as their console shows); a child keeps the level it was made with, so each is set too. */
export function setLogLevel(level: LevelWithSilentOrString): void {
  root.level = level;
  for (const logger of services.values()) logger.level = level;
}

/**
 * Sends every log line to `lines` at `level` until the returned function is called (for
 * tests that read what was logged).
 */
export function captureLogs(lines: string[], level: Level = 'info'): () => void {
  const previous = { destination, level: root.level };
  destination = { write: (line: string) => void lines.push(line) };
  setLogLevel(level);
  return () => {
    destination = previous.destination;
    setLogLevel(previous.level);
  };
}
