import { asc, inArray, isNull } from 'drizzle-orm';
import type { Db } from './db';
import type { outboxTable } from './outbox';

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
        headers: { ...(await options.headers?.()), 'content-type': 'application/json' },
        body: JSON.stringify({ source: options.source, events: batch }),
        signal: AbortSignal.timeout(10_000),
      });
      if (!response.ok) throw new Error(`integrations answered ${response.status}`);
    });

  let stopped = false;
  let running: Promise<number> | null = null;
  let failures = 0;

  const pass = async (): Promise<number> => {
    const { outbox, db } = options;
    let total = 0;
    for (;;) {
      const rows = await db.select().from(outbox).where(isNull(outbox.relayedAt)).orderBy(asc(outbox.position)).limit(batchSize);
      if (rows.length === 0) return total;
      await send(rows.map(({ relayedAt: _relayed, ...event }) => ({ ...event, source: options.source })));
      await db
        .update(outbox)
        .set({ relayedAt: new Date() })
        .where(inArray(outbox.position, rows.map((row) => row.position)));
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
        failures = Math.min(failures + 1, 10);
      }
      schedule();
    }, delay);
    timer.unref();
  };
  schedule();

  return {
    flush,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running?.catch(() => undefined);
    },
  };
}
