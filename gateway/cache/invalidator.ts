import type { DataEpoch } from './in-flight';
import type { CacheStore } from './store';
import { tagsOfChange } from './tags';
import { loggerFor } from '../../subgraphs/kernel/platform/logger';
import { responseCacheEvictions } from '../../subgraphs/kernel/platform/metrics';

interface ChangedEntity {
  source: string;
  entityType: string;
  entityId: string;
  operation: string;
}

export interface InvalidatorOptions {
  /** The integrations subgraph's CHANGES_SINCE_PATH URL. */
  sinceUrl: string;
  /** A service assertion for each poll (internal routes need one). */
  headers: () => Promise<Record<string, string>>;
  store: CacheStore;
  epoch: DataEpoch;
  /** How long one long poll waits for an event. */
  waitMs?: number;
}

/**
 * Reads the change log as it grows (one long poll to the integrations subgraph) and evicts
 * every cached response each event may have changed. The cache is only trusted while this
 * watch is live: until the first answer and after any failure nothing is served from it or
 * stored in it, and a failure empties it (events missed meanwhile cannot evict anything).
 */
export class ChangeInvalidator {
  private watching = false;
  /** Batches being evicted: until they are, no cached response is served (a shared store evicts asynchronously). */
  private applying = 0;
  private stopped = false;
  private readonly controller = new AbortController();
  private loop: Promise<void> | null = null;
  private readonly waitMs: number;
  /** Events read so far (for tests and the benchmark). */
  eventsRead = 0;

  constructor(private readonly options: InvalidatorOptions) {
    this.waitMs = options.waitMs ?? 25_000;
  }

  /** Whether every committed event up to the last poll has been applied, and the watch goes on. */
  get live(): boolean {
    return this.watching && this.applying === 0 && !this.stopped;
  }

  start(): void {
    this.loop ??= this.run();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.controller.abort();
    await this.loop?.catch(() => undefined);
  }

  private async run(): Promise<void> {
    let cursor = '';
    let failures = 0;
    while (!this.stopped) {
      try {
        const url = new URL(this.options.sinceUrl);
        if (cursor) url.searchParams.set('after', cursor);
        url.searchParams.set('waitMs', String(cursor ? this.waitMs : 0));
        const signal = AbortSignal.any([this.controller.signal, AbortSignal.timeout(this.waitMs + 5_000)]);
        const response = await fetch(url, { headers: await this.options.headers(), signal });
        if (!response.ok) throw new Error(`changes answered ${response.status}`);
        const body = (await response.json()) as { cursor: string; changes: ChangedEntity[] };
        if (body.changes.length > 0) await this.apply(body.changes);
        cursor = body.cursor;
        this.watching = true;
        failures = 0;
      } catch (error) {
        if (this.stopped) return;
        if (this.watching || failures === 0) loggerFor('gateway').warn({ err: error }, 'response cache off until the change log answers again');
        this.watching = false;
        this.options.epoch.advance();
        await this.options.store.clear();
        failures = Math.min(failures + 1, 6);
        await new Promise((resolve) => setTimeout(resolve, 100 * 2 ** failures));
      }
    }
  }

  private async apply(changes: ChangedEntity[]): Promise<void> {
    // The epoch moves first, so a request that read before these changes cannot store its answer after the eviction.
    this.applying++;
    this.options.epoch.advance();
    try {
      responseCacheEvictions.inc(await this.options.store.evict([...new Set(changes.flatMap(tagsOfChange))]));
      this.eventsRead += changes.length;
    } finally {
      this.applying--;
    }
  }
}
