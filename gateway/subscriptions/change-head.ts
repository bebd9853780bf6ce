import { LogSignal } from '../../subgraphs/kernel/platform/change-feed';

/**
 * Watches the head of the change log with one long poll to the integrations subgraph, and
 * wakes every waiting subscriber when it moves. Subscribers never get events from here,
 * only the news that there are some: they read them through the `changes` query, the same
 * path as a replay, which is why switching from replay to live has no gap or duplicate.
 */
export class ChangeHead {
  /** Moves each time the head is seen to move; subscribers wait on it (kernel change-feed.ts). */
  readonly signal = new LogSignal();
  private stopped = false;
  private controller = new AbortController();
  private loop: Promise<void> | null = null;

  constructor(
    /** e.g. `http://127.0.0.1:4005/internal/changes/head` */
    private readonly headUrl: string,
    private readonly waitMs = 25_000,
    /** Credentials for each poll: the integrations subgraph's internal routes need a service assertion. */
    private readonly headers: () => Promise<Record<string, string>> = async () => ({}),
    /** Called when the head moves, before any subscriber wakes (the gateway's data epoch moves with it). */
    private readonly onAdvance: () => void = () => undefined,
  ) {}

  start(): void {
    this.loop ??= this.run();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.controller.abort();
    this.signal.stop();
    await this.loop?.catch(() => undefined);
  }

  private advance(): void {
    this.onAdvance();
    this.signal.advance();
  }

  private async run(): Promise<void> {
    let after = '';
    let failures = 0;
    while (!this.stopped) {
      try {
        const url = new URL(this.headUrl);
        if (after) url.searchParams.set('after', after);
        url.searchParams.set('waitMs', String(after ? this.waitMs : 0));
        const response = await fetch(url, {
          headers: await this.headers(),
          signal: AbortSignal.any([this.controller.signal, AbortSignal.timeout(this.waitMs + 5_000)]),
        });
        if (!response.ok) throw new Error(`head answered ${response.status}`);
        const body = (await response.json()) as { head: string; advanced: boolean };
        if (after && body.advanced) this.advance();
        after = body.head;
        failures = 0;
      } catch {
        if (this.stopped) return;
        // Integrations unreachable: wake subscribers now and then so they retry reading, and back off.
        failures = Math.min(failures + 1, 6);
        this.advance();
        await new Promise((resolve) => setTimeout(resolve, 100 * 2 ** failures));
      }
    }
  }
}
