import { context, SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { asc, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '../platform/db';
import { outboxRelayed, outboxRelayFailures, sampleOutboxBacklog, sampleOutboxLag } from '../platform/metrics';
import type { outboxTable } from './outbox';
import { traceHeaders, tracer } from '../platform/tracing';

/**
 * Hands committed outbox events to the integrations subgraph, at least once.
 *
 * Why this never skips an event whose transaction committed late: the relay does not keep
 * a position ("everything after event 41"). It sends whatever is committed and not yet
 * marked relayed. An event allocated position 41 whose transaction commits after event 42
 * was relayed is simply picked up on the next pass. Only the integrations subgraph assigns
 * the global order, at the moment it appends (see subgraphs/integrations), so the order a
 * client replays is the order events became durable there.
 *
 * Delivery is at least once: if the relay crashes after the integrations subgraph stored a
 * batch but before marking it relayed, it sends the batch again and the integrations
 * subgraph ignores the duplicates by event id. Events of one entity keep their order:
 * an update locks the entity row before inserting its event, so version n's event is
 * committed, and allocated a smaller position, before version n+1's.
 */
type OutboxTable = ReturnType<typeof outboxTable<string>>;

export interface RelayOptions {
  source: string;
  db: Db<Record<string, unknown>>;
  outbox: OutboxTable;
  /** Where committed events go, e.g. `http://127.0.0.1:4005/internal/events`. */
  targetUrl: string;
  intervalMs?: number;
  batchSize?: number;
  /** Credentials for each POST to `targetUrl` (a service assertion, see assertion.ts). */
  headers?: () => Promise<Record<string, string>>;
  /** Sends a batch; default POSTs JSON to `targetUrl`. Throws when not accepted. */
  send?: (batch: RelayedEvent[]) => Promise<void>;
}

/** One event as sent to the integrations subgraph. */
export type RelayedEvent = Omit<OutboxTable['$inferSelect'], 'relayedAt'> & { source: string };

export interface RunningRelay {
  /** Relays everything committed before the call; resolves with the number of events the pass it ran relayed. */
  flush(): Promise<number>;
  stop(): Promise<void>;
}

export function startOutboxRelay(options: RelayOptions): RunningRelay {
  const intervalMs = options.intervalMs ?? 100;
  const batchSize = options.batchSize ?? 200;
  const send =
    options.send ??
    (async (batch: RelayedEvent[]) => {
      const response = await fetch(options.targetUrl, {
        method: 'POST',
        headers: { ...(await options.headers?.()), ...traceHeaders(), 'content-type': 'application/json' },
        body: JSON.stringify({ source: options.source, events: batch }),
        signal: AbortSignal.timeout(10_000),
      });
      if (!response.ok) throw new Error(`integrations answered ${response.status}`);
    });

  let stopped = false;
  let running: Promise<number> | null = null;
  let failures = 0;

  const { outbox, db, source } = options;
  /** Hands on one batch in a span of its own (a trace that reaches the integrations subgraph's ingest); idle polls make none. */
  const relay = (rows: Array<OutboxTable['$inferSelect']>) =>
    tracer().startActiveSpan(
      'outbox.relay',
      { kind: SpanKind.PRODUCER, attributes: { 'sti.service': source, 'messaging.batch.message_count': rows.length } },
      context.active(),
      async (span) => {
        try {
          await send(rows.map(({ relayedAt: _relayed, ...event }) => ({ ...event, source })));
          await db
            .update(outbox)
            .set({ relayedAt: new Date() })
            .where(
              inArray(
                outbox.position,
                rows.map((row) => row.position),
              ),
            );
          outboxRelayed.inc({ service: source }, rows.length);
        } catch (error) {
          span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
          throw error;
        } finally {
          span.end();
        }
      },
    );
  const pass = async (): Promise<number> => {
    let total = 0;
    for (;;) {
      const rows = await db.select().from(outbox).where(isNull(outbox.relayedAt)).orderBy(asc(outbox.position)).limit(batchSize);
      if (rows.length === 0) return total;
      await relay(rows);
      total += rows.length;
      if (rows.length < batchSize) return total;
    }
  };

  /** One pass at a time: a caller arriving during a pass shares it. */
  const runPass = () => (running ??= pass().finally(() => (running = null)));
  /**
   * A pass that sees every commit made before the call: a pass already running may have read
   * the outbox before that commit, so wait it out and run (or join) a fresh one.
   */
  const flush = async (): Promise<number> => {
    if (running) await running.catch(() => undefined);
    return runPass();
  };

  let timer: NodeJS.Timeout | undefined;
  const schedule = () => {
    if (stopped) return;
    // Back off while the integrations subgraph is unreachable (up to 5 s), then resume.
    const delay = failures === 0 ? intervalMs : Math.min(5_000, intervalMs * 2 ** failures);
    timer = setTimeout(async () => {
      try {
        await runPass();
        failures = 0;
      } catch {
        outboxRelayFailures.inc({ service: source });
        failures = Math.min(failures + 1, 10);
      }
      schedule();
    }, delay);
    timer.unref();
  };
  schedule();
  // Read at each scrape: what waits to be relayed, and for how long the oldest has waited.
  const unwatch = [
    sampleOutboxBacklog(source, async () =>
      Number(
        (
          await db
            .select({ count: sql<number>`count(*)` })
            .from(outbox)
            .where(isNull(outbox.relayedAt))
        )[0]?.count ?? 0,
      ),
    ),
    sampleOutboxLag(source, async () => {
      const [row] = await db
        .select({ lag: sql<number | null>`extract(epoch from now() - min(${outbox.occurredAt}))` })
        .from(outbox)
        .where(isNull(outbox.relayedAt));
      return Math.max(0, Number(row?.lag ?? 0));
    }),
  ];

  return {
    flush,
    async stop() {
      stopped = true;
      for (const stop of unwatch) stop();
      if (timer) clearTimeout(timer);
      await running?.catch(() => undefined);
    },
  };
}
