import type { WebhookConfig } from './config';

/**
 * When to try again after attempt `attempt` (1-based) failed: the schedule's step for that
 * attempt (the last step repeats), spread by ±20 % jitter so endpoints that failed together
 * do not all retry in the same second. `random` is injectable for tests.
 */
export function retryDelayMs(attempt: number, config: Pick<WebhookConfig, 'retryScheduleMs'>, random: () => number = Math.random): number {
  const schedule = config.retryScheduleMs;
  const base = schedule[Math.min(attempt - 1, schedule.length - 1)]!;
  return Math.round(base * (0.8 + 0.4 * random()));
}

/** `Retry-After` in ms from `now`: delta-seconds or an HTTP date; null when absent or unreadable. */
export function retryAfterMs(value: string | null | undefined, now: Date): number | null {
  if (!value) return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? null : Math.max(0, at - now.getTime());
}
