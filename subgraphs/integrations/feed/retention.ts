import type { Db } from '../../kernel/platform/db';
import { ConfigError, readEnv, readIntEnv } from '../../kernel/platform/env';
import type * as schema from '../db/schema';
import { pruneAuditLog } from '../store/audit-log';
import { pruneChangeLog } from '../store/change-log';
import { pruneDeliveries } from '../store/webhooks';
import { loggerFor } from '../../kernel/platform/logger';

/** The change log keeps at least this many days; integrators may replay that far back. */
export const MIN_RETENTION_DAYS = 30;
/** When the audit log is pruned at all (AUDIT_LOG_RETENTION_DAYS), it keeps at least this many days. */
export const MIN_AUDIT_RETENTION_DAYS = 365;
/** Finished webhook deliveries are kept this many days unless WEBHOOKS_DELIVERY_RETENTION_DAYS says otherwise. */
export const DEFAULT_DELIVERY_RETENTION_DAYS = 30;
/** The smallest WEBHOOKS_DELIVERY_RETENTION_DAYS: a day, so a receiver's operator can still read yesterday's log. */
export const MIN_DELIVERY_RETENTION_DAYS = 1;

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

/**
 * How long finished webhook deliveries (delivered or given up) and their attempts are kept,
 * counted from when they finished: WEBHOOKS_DELIVERY_RETENTION_DAYS, default 30, at least 1.
 * Unfinished deliveries are kept however old.
 */
export function deliveryRetentionDaysFromEnv(): number {
  const days = readIntEnv('WEBHOOKS_DELIVERY_RETENTION_DAYS', DEFAULT_DELIVERY_RETENTION_DAYS);
  if (days < MIN_DELIVERY_RETENTION_DAYS) {
    throw new ConfigError(`WEBHOOKS_DELIVERY_RETENTION_DAYS must be at least ${MIN_DELIVERY_RETENTION_DAYS}, got ${days}`);
  }
  return days;
}

/** How many days each log keeps (null: kept for good). */
export interface RetentionSettings {
  changeLogDays: number;
  auditLogDays: number | null;
  deliveryDays: number;
}

export function retentionFromEnv(): RetentionSettings {
  return { changeLogDays: retentionDaysFromEnv(), auditLogDays: auditRetentionDaysFromEnv(), deliveryDays: deliveryRetentionDaysFromEnv() };
}

const DAY_MS = 86_400_000;
const daysBefore = (now: Date, days: number) => new Date(now.getTime() - days * DAY_MS);

/** One pruning pass at `now`; a log that fails to prune is logged and does not stop the others. */
export async function pruneOnce(db: Db<typeof schema>, settings: RetentionSettings, now: Date): Promise<void> {
  const run = async (what: string, prune: () => Promise<number>) => {
    await prune().catch((error: unknown) => loggerFor('integrations').error({ err: error, what }, 'pruning failed'));
  };
  await run('change log', () => pruneChangeLog(db, daysBefore(now, settings.changeLogDays)));
  const { auditLogDays } = settings;
  if (auditLogDays !== null) await run('audit log', () => pruneAuditLog(db, daysBefore(now, auditLogDays)));
  await run('webhook delivery log', () => pruneDeliveries(db, daysBefore(now, settings.deliveryDays)));
}

/** Prunes the change log, the webhook delivery log (and the audit log, if it has a retention) once an hour; returns how to stop. */
export function startRetention(db: Db<typeof schema>, settings = retentionFromEnv()): () => Promise<void> {
  const timer = setInterval(() => void pruneOnce(db, settings, new Date()), 3_600_000);
  timer.unref();
  return async () => clearInterval(timer);
}
