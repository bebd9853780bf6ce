import { randomUUID } from 'node:crypto';
import { and, asc, eq, gt, ne, sql } from 'drizzle-orm';
import { rowsOf, type Db } from '../../kernel/platform/db';
import * as schema from '../db/schema';
import { endpointOwnerKeyAccepted } from '../store/api-keys';
import { lockDispatchState, DISPATCH_STATE_ID } from '../store/webhooks';
import { endpointOwner, endpointWants } from './owner';
import { changePayload } from './payload';

const { changeLog, webhookEndpoints, webhookDeliveries, webhookDispatchState } = schema;
type IntegrationsDb = Db<typeof schema>;

/**
 * Fan-out: turns change-log events past the watermark into one delivery per endpoint that
 * wants them, and moves the watermark, in one short transaction. The watermark row lock
 * makes concurrent instances take turns, and since sequence order is commit order (see
 * store/change-log.ts) an event can never appear below the watermark later. A batch that
 * fails rolls back whole and is fanned out again; the (endpoint, sequence) unique index
 * makes that harmless. Returns how many events were fanned out.
 */
export async function fanOutBatch(db: IntegrationsDb, now: Date, batchSize = 500): Promise<number> {
  // Idle check without locks: most polls find nothing to do.
  if (!(await behind(db))) return 0;
  return db.transaction(async (tx) => {
    const state = await lockDispatchState(tx, now);
    return (await fanOutLocked(tx, state.fannedOutTo, now, batchSize)).count;
  });
}

/**
 * Fans out every event past the watermark, in the caller's transaction, which must already
 * hold the watermark lock (`lockDispatchState`). An endpoint update calls it before changing a
 * filter, so events committed before the update are matched against the filter they were
 * committed under. Returns how many events were fanned out.
 */
export async function fanOutPendingLocked(tx: IntegrationsDb, fannedOutTo: number, now: Date, batchSize = 500): Promise<number> {
  let total = 0;
  for (let from = fannedOutTo; ;) {
    const batch = await fanOutLocked(tx, from, now, batchSize);
    if (batch.count === 0) return total;
    total += batch.count;
    from = batch.to;
  }
}

/**
 * One batch of events past `fannedOutTo` into deliveries, and the watermark moved to the last
 * of them (`to`); the lock is the caller's.
 */
async function fanOutLocked(tx: IntegrationsDb, fannedOutTo: number, now: Date, batchSize: number): Promise<{ count: number; to: number }> {
  const events = await tx.select().from(changeLog).where(gt(changeLog.sequence, fannedOutTo)).orderBy(asc(changeLog.sequence)).limit(batchSize);
  if (events.length === 0) return { count: 0, to: fannedOutTo };
  // Paused endpoints still collect deliveries (sent on resume); disabled ones, and those of a revoked or expired API key, do not.
  const endpoints = await tx
    .select()
    .from(webhookEndpoints)
    .where(and(ne(webhookEndpoints.status, 'DISABLED'), endpointOwnerKeyAccepted(now)));
  const deliveries = events.flatMap((event) =>
    endpoints
      .filter((endpoint) => endpointWants(endpoint, event))
      .map((endpoint) => ({
        id: randomUUID(),
        endpointId: endpoint.id,
        sequence: event.sequence,
        eventId: event.eventId,
        eventType: event.type,
        entityKey: `${event.entityType}:${event.entityId}`,
        payload: changePayload(event, endpointOwner(endpoint)),
        nextAttemptAt: now,
        createdAt: now,
        updatedAt: now,
      })),
  );
  for (let start = 0; start < deliveries.length; start += 500) {
    await tx
      .insert(webhookDeliveries)
      .values(deliveries.slice(start, start + 500))
      .onConflictDoNothing();
  }
  const to = events.at(-1)!.sequence;
  await tx.update(webhookDispatchState).set({ fannedOutTo: to, updatedAt: now }).where(eq(webhookDispatchState.id, DISPATCH_STATE_ID));
  return { count: events.length, to };
}

/** Whether the log has events past the watermark (one statement, no lock). */
async function behind(db: IntegrationsDb): Promise<boolean> {
  const result = await db.execute(sql`
    select coalesce((select max(${changeLog.sequence}) from ${changeLog}), 0)
      > coalesce((select ${webhookDispatchState.fannedOutTo} from ${webhookDispatchState} where ${webhookDispatchState.id} = ${DISPATCH_STATE_ID}), 0) as behind`);
  return Boolean(rowsOf<{ behind: boolean }>(result)[0]?.behind);
}
