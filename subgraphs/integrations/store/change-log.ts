import { and, count, eq, inArray, lt, sql, type SQL } from 'drizzle-orm';
import type { Caller } from '../../kernel/caller';
import type { Db } from '../../kernel/db';
import type { EventAccess } from '../../kernel/outbox';
import type { RelayedEvent } from '../../kernel/outbox-relay';
import { keysetConnection, type ConnectionArgs } from '../../kernel/pagination';
import * as schema from '../db/schema';
import type { ChangeModel } from '../models';

const { changeLog } = schema;
type IntegrationsDb = Db<typeof schema>;

/** Any constant: the advisory lock that serialises appends to the change log. */
const APPEND_LOCK = 7_001_007;

/**
 * Appends relayed events, skipping ones already stored (the relay delivers at least once).
 *
 * Appends take a transaction-scoped advisory lock, so only one append transaction is in
 * flight at a time: a sequence number is handed out only while holding the lock and the
 * lock is released only at commit. Hence sequence order equals commit order, and a reader
 * paging with `sequence > cursor` can never later find a smaller sequence appear behind
 * its cursor. (Without the lock, transaction A could take sequence 10, transaction B take
 * 11 and commit first; a reader would see 11, move its cursor past 10, and miss A's event.)
 */
export async function appendEvents(db: IntegrationsDb, events: RelayedEvent[]): Promise<number> {
  if (events.length === 0) return 0;
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${APPEND_LOCK})`);
    const inserted = await tx
      .insert(changeLog)
      .values(
        events.map((event) => ({
          eventId: event.eventId,
          source: event.source,
          type: event.type,
          entityType: event.entityType,
          entityId: event.entityId,
          operation: event.operation,
          entityVersion: event.entityVersion,
          occurredAt: new Date(event.occurredAt),
          actor: event.actor,
          changedFields: event.changedFields,
          before: event.before,
          after: event.after,
          access: event.access,
          accessLevel: event.access.level,
        })),
      )
      .onConflictDoNothing({ target: changeLog.eventId })
      .returning({ sequence: changeLog.sequence });
    return inserted.length;
  });
}

export interface ChangeFilter {
  types?: string[] | null;
  entityTypes?: string[] | null;
  entityIds?: string[] | null;
}

/**
 * Which events a caller may see. Anonymous callers see public records' events only;
 * finer rules (partners, owners) arrive with access control and belong here.
 */
export function visibleChanges(caller: Caller): SQL | undefined {
  return caller.role === 'admin' ? undefined : eq(changeLog.accessLevel, 'PUBLIC');
}

/**
 * The same rule as `visibleChanges`, for one event in memory: webhooks apply it with the
 * endpoint owner as the caller. Change both together.
 */
export function eventVisibleTo(caller: Caller, access: EventAccess): boolean {
  return caller.role === 'admin' || access.level === 'PUBLIC';
}

export function listChanges(db: IntegrationsDb, caller: Caller, args: ConnectionArgs, filter?: ChangeFilter | null) {
  const where = and(
    visibleChanges(caller),
    filter?.types?.length ? inArray(changeLog.type, filter.types) : undefined,
    filter?.entityTypes?.length ? inArray(changeLog.entityType, filter.entityTypes) : undefined,
    filter?.entityIds?.length ? inArray(changeLog.entityId, filter.entityIds) : undefined,
  );
  return keysetConnection<ChangeModel>({
    args,
    filter: where,
    sortKeys: [{ column: changeLog.sequence, value: (row) => row.sequence }],
    fetch: (condition, orderBy, limit) => db.select().from(changeLog).where(condition).orderBy(...orderBy).limit(limit),
    count: async () => (await db.select({ n: count() }).from(changeLog).where(where))[0]?.n ?? 0,
  });
}

/** Deletes events recorded before `cutoff`; returns how many. */
export async function pruneChangeLog(db: IntegrationsDb, cutoff: Date): Promise<number> {
  const deleted = await db.delete(changeLog).where(lt(changeLog.recordedAt, cutoff)).returning({ sequence: changeLog.sequence });
  return deleted.length;
}

/** The newest sequence in the log (0 when empty). */
export async function headSequence(db: IntegrationsDb): Promise<number> {
  const [row] = await db.select({ head: sql<number | null>`max(${changeLog.sequence})` }).from(changeLog);
  return Number(row?.head ?? 0);
}
