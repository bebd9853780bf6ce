/**
 * What every server of the change feed shares (the gateway's own path and the integrations
 * subgraph's): one loop that replays the change log from a cursor and then follows it live,
 * and the signal that tells waiting subscribers the log has grown. Subscribers never receive
 * events from the signal, only the news that there are some: they read the log itself, the
 * same read as a replay, which is why switching from replay to live has no gap or duplicate.
 */

/** How many changes one read of the log returns. */
export const FEED_PAGE_SIZE = 100;

/**
 * Counts the times the change log's head was seen to move and wakes whoever waits for the
 * next move. A reader takes `current` before reading, then `waitBeyond` it: a move between
 * the read and the wait resolves the wait at once, so no append is slept through.
 */
export class LogSignal {
  private generation = 0;
  private readonly waiters = new Set<() => void>();
  private stopped = false;

  /** The current generation; pass it to `waitBeyond` after reading the log. */
  get current(): number {
    return this.generation;
  }

  /**
   * Resolves once the head has moved past `generation` (at once if it already has), or after
   * `maxWaitMs` as a safety net (another process may append without telling this one), or
   * when `signal` aborts.
   */
  waitBeyond(generation: number, signal: AbortSignal, maxWaitMs = 5_000): Promise<void> {
    if (this.generation > generation || signal.aborted || this.stopped) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.waiters.delete(done);
        signal.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, maxWaitMs);
      this.waiters.add(done);
      signal.addEventListener('abort', done, { once: true });
    });
  }

  /** The head moved: every waiter reads again. */
  advance(): void {
    this.generation++;
    for (const wake of [...this.waiters]) wake();
  }

  /** Wakes every waiter for good (shutting down). */
  stop(): void {
    this.stopped = true;
    for (const wake of [...this.waiters]) wake();
  }
}

/** One read of the log after a cursor. */
export type LogRead<T> =
  /** Items in log order, each with its cursor; `hasNextPage` when more are already there. */
  | { kind: 'page'; items: Array<{ cursor: string; value: T }>; hasNextPage: boolean }
  /** The log cannot be read now (a lost connection): nothing is lost, the cursor stays, retry. */
  | { kind: 'unavailable' }
  /** Retrying cannot help (bad input, refused credentials): `last` is sent and the feed ends. */
  | { kind: 'end'; last: T };

export interface LogSource<T> {
  /** The log's head moves. */
  signal: LogSignal;
  /** One page after `after` (null: from the start). A thrown error counts as unavailable. */
  read(after: string | null, signal: AbortSignal): Promise<LogRead<T>>;
  /** The cursor of the newest change the subscriber can see (null for an empty log): where a feed without `after` starts. */
  newest(signal: AbortSignal): Promise<string | null>;
  /** Longest wait for the signal before reading again anyway (default 5 s). */
  recheckMs?: number;
}

/**
 * Replays the log from `after` (or starts at the newest change), then waits for the log to
 * grow and reads again: one loop for replay and live, one cursor, so no change is skipped or
 * repeated at the switch. Retries with backoff while the log is unavailable.
 */
export async function* followLog<T>(source: LogSource<T>, after: string | null | undefined, signal: AbortSignal): AsyncGenerator<T> {
  let cursor = after ?? (await source.newest(signal));
  let failures = 0;
  while (!signal.aborted) {
    const generation = source.signal.current;
    let read: LogRead<T>;
    try {
      read = await source.read(cursor, signal);
    } catch {
      read = { kind: 'unavailable' };
    }
    if (signal.aborted) return;
    if (read.kind === 'end') {
      yield read.last;
      return;
    }
    if (read.kind === 'unavailable') {
      await pause(Math.min(5_000, 200 * 2 ** ++failures), signal);
      continue;
    }
    failures = 0;
    for (const item of read.items) {
      yield item.value;
      cursor = item.cursor;
    }
    if (!read.hasNextPage) await source.signal.waitBeyond(generation, signal, source.recheckMs);
  }
}

function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
  });
}

/**
 * The events of `start(signal)` as a subscription's source: its `return()` (the subscriber
 * left, or the server is closing) aborts `signal` at once, so the feed stops waiting now
 * rather than at the next change.
 */
export function endOnReturn<T>(start: (signal: AbortSignal) => AsyncGenerator<T>): AsyncGenerator<T> {
  const controller = new AbortController();
  const events = start(controller.signal);
  const end = () => {
    controller.abort();
    return events.return(undefined);
  };
  return {
    next: () => events.next(),
    return: end,
    throw: async (error: unknown) => {
      await end();
      throw error;
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}
