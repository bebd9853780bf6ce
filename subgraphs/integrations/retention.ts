import type { Db } from '../kernel/db';
import { ConfigError, readEnv, readIntEnv } from '../kernel/env';
import type * as schema from './db/schema';
import { pruneAuditLog } from './store/audit-log';
import { pruneChangeLog } from './store/change-log';

/** The change log keeps at least this many days; integrators may replay that far back. */
export const MIN_RETENTION_DAYS = 30;
/** When the audit log is pruned at all (AUDIT_LOG_RETENTION_DAYS), it keeps at least this many days. */
export const MIN_AUDIT_RETENTION_DAYS = 365;

export function retentionDaysFromEnv(): number {
  const days = readIntEnv('CHANGE_LOG_RETENTION_DAYS', MIN_RETENTION_DAYS);
  if (days < MIN_RETENTION_DAYS) {
    throw new ConfigError(`CHANGE_LOG_RETENTION_DAYS must be at least ${MIN_RETENTION_DAYS}, got ${days}`);
  }
  return days;
}

/**
 * How long the audit log keeps entries: unset = for good (the default; accountability does
 * not expire with the change feed's replay window), else at least a year.
 */
export function auditRetentionDaysFromEnv(): number | null {
  if (readEnv('AUDIT_LOG_RETENTION_DAYS') === undefined) return null;
  const days = readIntEnv('AUDIT_LOG_RETENTION_DAYS', MIN_AUDIT_RETENTION_DAYS);
  if (days < MIN_AUDIT_RETENTION_DAYS) {
    throw new ConfigError(`AUDIT_LOG_RETENTION_DAYS must be at least ${MIN_AUDIT_RETENTION_DAYS} (or unset, to keep the audit log for good), got ${days}`);
  }
  return days;
}

const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000);

/** Prunes the change log (and the audit log, if it has a retention) once an hour; returns how to stop. */
export function startRetention(db: Db<typeof schema>, days = retentionDaysFromEnv(), auditDays = auditRetentionDaysFromEnv()): () => Promise<void> {
  const prune = async () => {
    await pruneChangeLog(db, daysAgo(days)).catch((error: unknown) => console.error('[integrations] pruning the change log failed', error));
    if (auditDays !== null) {
      await pruneAuditLog(db, daysAgo(auditDays)).catch((error: unknown) => console.error('[integrations] pruning the audit log failed', error));
    }
  };
  const timer = setInterval(() => void prune(), 3_600_000);
  timer.unref();
  return async () => clearInterval(timer);
}
