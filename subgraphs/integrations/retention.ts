import type { Db } from '../kernel/db';
import { ConfigError, readIntEnv } from '../kernel/env';
import type * as schema from './db/schema';
import { pruneChangeLog } from './store/change-log';

/** The change log keeps at least this many days; integrators may replay that far back. */
export const MIN_RETENTION_DAYS = 30;

export function retentionDaysFromEnv(): number {
  const days = readIntEnv('CHANGE_LOG_RETENTION_DAYS', MIN_RETENTION_DAYS);
  if (days < MIN_RETENTION_DAYS) {
    throw new ConfigError(`CHANGE_LOG_RETENTION_DAYS must be at least ${MIN_RETENTION_DAYS}, got ${days}`);
  }
  return days;
}

/** Prunes events older than the retention once an hour; returns how to stop. */
export function startRetention(db: Db<typeof schema>, days = retentionDaysFromEnv()): () => Promise<void> {
  const prune = () =>
    pruneChangeLog(db, new Date(Date.now() - days * 86_400_000)).catch((error: unknown) =>
      console.error('[integrations] pruning the change log failed', error),
    );
  const timer = setInterval(prune, 3_600_000);
  timer.unref();
  return async () => clearInterval(timer);
}
