import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { Db } from '../../kernel/platform/db';
import type * as schema from '../db/schema';
import { changeLogFeed } from '../feed/signal';
import { webhookConfigFromEnv, type WebhookConfig } from './config';
import { fanOutBatch } from './dispatcher';
import { attempt, claimDue, recordAttempt, type Clock, type Fetch } from './worker';
import { loggerFor } from '../../kernel/platform/logger';
import { webhookDeliveries } from '../../kernel/platform/metrics';

/** In-process nudge: a ping or redelivery was queued, deliver now instead of at the next poll. */
export const webhookQueue = new EventEmitter();
webhookQueue.setMaxListeners(0);
export const notifyQueued = () => void webhookQueue.emit('queued');

export const systemClock: Clock = { now: () => new Date() };

export interface WebhookServiceOptions {
  clock?: Clock;
  /** Names this instance in leases and the attempt log (default: random per process). */
  instanceId?: string;
  config?: WebhookConfig;
  fetch?: Fetch;
  random?: () => number;
}

/**
 * Webhook fan-out and delivery for one process. Any number of instances may run over the
 * same database: fan-out takes turns on the watermark lock, delivery claims rows with
 * `SKIP LOCKED` and leases. `start()` runs both on timers (woken early by appends);
 * tests call `runOnce()`/`drain()` with a fake clock instead.
 */
export class WebhookService {
  readonly instanceId: string;
  private readonly clock: Clock;
  private readonly config: WebhookConfig;
  private readonly fetchImpl: Fetch | undefined;
  private readonly random: (() => number) | undefined;
  private running: Promise<void> | null = null;
  private again = false;
  private timer: NodeJS.Timeout | undefined;
  private stopped = true;
  private unsubscribe: Array<() => void> = [];

  constructor(
    private readonly db: Db<typeof schema>,
    options: WebhookServiceOptions = {},
  ) {
    this.clock = options.clock ?? systemClock;
    this.instanceId = options.instanceId ?? `integrations-${randomUUID()}`;
    this.config = options.config ?? webhookConfigFromEnv();
    this.fetchImpl = options.fetch;
    this.random = options.random;
  }

  /** Fans out every event past the watermark; returns how many. */
  async fanOut(): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await fanOutBatch(this.db, this.clock.now());
      total += n;
      if (n === 0) return total;
    }
  }

  /** Claims one batch of due deliveries and sends them (in parallel: one per entity per endpoint at most). */
  async deliverDue(): Promise<number> {
    const claimed = await claimDue(this.db, this.instanceId, this.clock.now(), this.config);
    await Promise.all(
      claimed.map(async (delivery) => {
        const attemptedAt = this.clock.now();
        const result = await attempt(delivery, attemptedAt, this.config, this.fetchImpl);
        const outcome = await recordAttempt(this.db, this.instanceId, delivery, result, attemptedAt, this.clock.now(), this.config, this.random);
        webhookDeliveries.inc({ outcome: outcome.status.toLowerCase() });
      }),
    );
    return claimed.length;
  }

  /** One round: fan out, then one delivery batch. Returns the work done. */
  async runOnce(): Promise<{ fannedOut: number; delivered: number }> {
    const fannedOut = await this.fanOut();
    const delivered = await this.deliverDue();
    return { fannedOut, delivered };
  }

  /** Rounds until nothing is due at the clock's current time. */
  async drain(maxRounds = 10_000): Promise<void> {
    for (let round = 0; round < maxRounds; round++) {
      const { fannedOut, delivered } = await this.runOnce();
      if (fannedOut === 0 && delivered === 0) return;
    }
    throw new Error(`webhook drain did not settle after ${maxRounds} rounds`);
  }

  /** Runs the loops on timers until `stop()`. */
  start(): void {
    this.stopped = false;
    const wake = () => this.kick();
    this.unsubscribe = [changeLogFeed.onAppended(wake), (webhookQueue.on('queued', wake), () => webhookQueue.off('queued', wake))];
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    for (const unsubscribe of this.unsubscribe) unsubscribe();
    await this.running?.catch(() => undefined);
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.kick(), delayMs);
    this.timer.unref();
  }

  private kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.loop().finally(() => {
      this.running = null;
      this.schedule(this.again ? 0 : this.config.pollIntervalMs);
      this.again = false;
    });
  }

  private async loop(): Promise<void> {
    try {
      // Keep going while there is work, so a backlog drains without waiting for the timer.
      for (let round = 0; round < 100 && !this.stopped; round++) {
        const { fannedOut, delivered } = await this.runOnce();
        if (fannedOut === 0 && delivered === 0) return;
      }
    } catch (error) {
      if (!this.stopped) loggerFor('integrations').error({ err: error }, 'webhook delivery round failed');
    }
  }
}
