import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../kernel/db';
import { admitWrite } from '../../kernel/locking';
import * as schema from '../db/schema';
import type { WebhookFilter } from '../db/schema';
import type { WebhookEndpointModel } from '../models';
import { auditEndpointWrite, lockDispatchState, ownedBy, type EndpointActor } from '../store/webhooks';
import { fanOutPendingLocked } from './dispatcher';

const { webhookEndpoints } = schema;
type IntegrationsDb = Db<typeof schema>;

/** What an update sets; a field left out (undefined) keeps its value, `description: null` clears it. */
export interface EndpointChanges {
  url?: string;
  description?: string | null;
  filter?: WebhookFilter;
}

/** A filter in one canonical shape (PostgreSQL's jsonb does not keep key order), for comparing. */
const canonicalFilter = (filter: WebhookFilter) => JSON.stringify([filter.types, filter.entityTypes, filter.entityIds]);

/**
 * Changes an endpoint's URL, description or filter, in one transaction holding the fan-out
 * watermark lock (as creation does). Before a filter changes, every event already in the change
 * log is fanned out under the old filter: the new one applies exactly to the events committed
 * after the update. Deliveries already queued stay queued and go to the endpoint's current URL.
 * Admitted as every write is (kernel `admitWrite`): another owner's endpoint is NOT_FOUND, as a
 * missing one, before `expectedVersion` is compared (a moved version is a CONFLICT). A call
 * that changes nothing writes nothing (no new version, no audit entry).
 */
export async function updateEndpoint(
  db: IntegrationsDb,
  id: string,
  changes: EndpointChanges,
  expectedVersion: number | null,
  actor: EndpointActor,
  now: Date,
): Promise<WebhookEndpointModel> {
  return db.transaction(async (transaction) => {
    const tx = transaction as unknown as IntegrationsDb;
    // The watermark first, then the endpoint: the order fan-out and creation take them in.
    const state = await lockDispatchState(tx, now);
    const [found] = await tx
      .select()
      .from(webhookEndpoints)
      .where(and(eq(webhookEndpoints.id, id), ownedBy(actor.caller)))
      .for('update');
    // Only the caller's own endpoints are found: the owner rule is the read rule and the write rule.
    const current = await admitWrite(found, id, expectedVersion, { typename: 'WebhookEndpoint', mayRead: () => true, assertMayWrite: () => undefined });

    const next = {
      url: changes.url ?? current.url,
      description: changes.description === undefined ? current.description : changes.description,
      filter: changes.filter ?? current.filter,
    };
    const changedFields = [
      next.url !== current.url ? 'url' : null,
      next.description !== current.description ? 'description' : null,
      canonicalFilter(next.filter) !== canonicalFilter(current.filter) ? 'filter' : null,
    ].filter((field): field is string => field !== null);
    if (changedFields.length === 0) return current;

    if (changedFields.includes('filter')) await fanOutPendingLocked(tx, state.fannedOutTo, now);
    const [row] = await tx
      .update(webhookEndpoints)
      .set({ ...next, version: sql`${webhookEndpoints.version} + 1`, updatedAt: now })
      .where(eq(webhookEndpoints.id, id))
      .returning();
    await auditEndpointWrite(tx, actor, 'updated', id, changedFields, now);
    return row!;
  });
}
