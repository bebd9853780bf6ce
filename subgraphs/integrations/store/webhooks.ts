import { randomUUID } from 'node:crypto';
import { and, eq, gte, inArray, lt, sql, type SQL } from 'drizzle-orm';
import { reachOf } from '../../kernel/identity/access-policy';
import type { Caller } from '../../kernel/identity/caller';
import type { Db } from '../../kernel/platform/db';
import { tableConnection, type ConnectionArgs } from '../../kernel/platform/pagination';
import * as schema from '../db/schema';
import type { WebhookDeliveryStatus, WebhookEndpointStatus, WebhookFilter } from '../db/schema';
import type { WebhookDeliveryModel, WebhookEndpointModel } from '../models';
import type { ChangeOperation } from '../../kernel/subgraph/outbox';
import { pingPayload, PING_TYPE } from '../webhooks/payload';
import { sealSecret } from '../webhooks/secrets';
import { generateSecret } from '../webhooks/signing';
import { auditOwnWrite } from './audit-log';
import { headSequence } from './change-log';

const { webhookEndpoints, webhookDeliveries, webhookAttempts, webhookDispatchState } = schema;
type IntegrationsDb = Db<typeof schema>;

/** Deliveries still owed to their endpoint: these hold back later events of the same entity. */
export const UNFINISHED: WebhookDeliveryStatus[] = ['PENDING', 'DELIVERING', 'FAILED'];
/** Deliveries done with: delivered (SUCCEEDED) or given up (DEAD). Only these are ever pruned. */
export const FINISHED: WebhookDeliveryStatus[] = ['SUCCEEDED', 'DEAD'];

/** The one row of the fan-out watermark, created on first use. */
export const DISPATCH_STATE_ID = 1;

/** Locks the fan-out watermark row (creating it if needed) for the rest of the transaction. */
export async function lockDispatchState(tx: IntegrationsDb, now: Date) {
  await tx.insert(webhookDispatchState).values({ id: DISPATCH_STATE_ID, fannedOutTo: 0, updatedAt: now }).onConflictDoNothing();
  const [state] = await tx.select().from(webhookDispatchState).where(eq(webhookDispatchState.id, DISPATCH_STATE_ID)).for('update');
  return state!;
}

/**
 * Which endpoints a caller sees and manages (ACCESS_RULES.webhooks): every one for a reach of
 * `all` (admins); for `own` (integrators), those created with the caller's subject and
 * organisation (an API key's subject is `apikey:<id>`).
 */
export function ownedBy(caller: Caller): SQL | undefined {
  const reach = reachOf(caller, 'webhooks');
  if (reach === 'all') return undefined;
  if (reach === 'none') return sql`false`;
  return and(
    caller.subject === null ? sql`${webhookEndpoints.ownerSubject} is null` : eq(webhookEndpoints.ownerSubject, caller.subject),
    caller.organizationId === null ? sql`${webhookEndpoints.ownerOrganizationId} is null` : eq(webhookEndpoints.ownerOrganizationId, caller.organizationId),
  );
}

/** Who manages an endpoint in this request: for the audit log. */
export interface EndpointActor {
  caller: Caller;
  requestId: string;
}

/** Dotted audit types of endpoint management (`AuditEntry.type`). */
export type EndpointWrite = 'created' | 'updated' | 'paused' | 'resumed' | 'secret_rotated' | 'deleted';

const WRITE_OPERATION: Record<EndpointWrite, ChangeOperation> = {
  created: 'CREATE',
  updated: 'UPDATE',
  paused: 'UPDATE',
  resumed: 'UPDATE',
  secret_rotated: 'UPDATE',
  deleted: 'DELETE',
};

/**
 * Records an endpoint management write in the audit log (`webhook_endpoint.<write>`, entity
 * `WebhookEndpoint`); call it inside the write's transaction. Never the secret or URL values:
 * only which fields changed.
 */
export async function auditEndpointWrite(
  tx: IntegrationsDb,
  actor: EndpointActor,
  write: EndpointWrite,
  endpointId: string,
  changedFields: string[],
  now: Date,
) {
  await auditOwnWrite(
    tx,
    actor.caller,
    actor.requestId,
    { type: `webhook_endpoint.${write}`, entityType: 'WebhookEndpoint', entityId: endpointId, operation: WRITE_OPERATION[write], changedFields },
    now,
  );
}

export interface NewEndpoint {
  url: string;
  description: string | null;
  filter: WebhookFilter;
  owner: Caller;
}

/** Creates an endpoint that receives events committed from now on, and audits it; returns it and its secret (shown once). */
export async function createEndpoint(
  db: IntegrationsDb,
  input: NewEndpoint,
  actor: EndpointActor,
  now: Date,
): Promise<{ endpoint: WebhookEndpointModel; secret: string }> {
  const secret = generateSecret();
  const endpoint = await db.transaction(async (tx) => {
    // Holding the watermark lock: the dispatcher either saw this endpoint or has not yet
    // fanned out past the head read here, so no event after the head is missed.
    await lockDispatchState(tx, now);
    const head = await headSequence(tx);
    const [row] = await tx
      .insert(webhookEndpoints)
      .values({
        id: randomUUID(),
        url: input.url,
        description: input.description,
        ownerRole: input.owner.role,
        ownerOrganizationId: input.owner.organizationId,
        ownerSubject: input.owner.subject,
        filter: input.filter,
        secret: sealSecret(secret),
        startAfterSequence: head,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await auditEndpointWrite(tx, actor, 'created', row!.id, ['url', 'description', 'filter', 'secret'], now);
    return row!;
  });
  return { endpoint, secret };
}

export async function loadEndpoints(db: IntegrationsDb, ids: readonly string[]): Promise<WebhookEndpointModel[]> {
  return ids.length === 0
    ? []
    : db
        .select()
        .from(webhookEndpoints)
        .where(inArray(webhookEndpoints.id, [...ids]));
}

/** The endpoint if it exists and `caller` may see it. */
export async function findEndpoint(db: IntegrationsDb, caller: Caller, id: string): Promise<WebhookEndpointModel | null> {
  const [row] = await db
    .select()
    .from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.id, id), ownedBy(caller)))
    .limit(1);
  return row ?? null;
}

export function listEndpoints(db: IntegrationsDb, caller: Caller, args: ConnectionArgs, status?: WebhookEndpointStatus[] | null) {
  const where = and(ownedBy(caller), status?.length ? inArray(webhookEndpoints.status, status) : undefined);
  return tableConnection(db, {
    table: webhookEndpoints,
    rows: db.select().from(webhookEndpoints).$dynamic(),
    args,
    filter: where,
    sortKeys: [
      { column: webhookEndpoints.createdAt, value: (row) => row.createdAt },
      { column: webhookEndpoints.id, value: (row) => row.id },
    ],
  });
}

/** The caller's own endpoint `id`, locked for the rest of the transaction (undefined if none). */
export async function lockOwnEndpoint(tx: IntegrationsDb, caller: Caller, id: string): Promise<WebhookEndpointModel | undefined> {
  const [found] = await tx
    .select()
    .from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.id, id), ownedBy(caller)))
    .for('update');
  return found;
}

/** What an update may set on an endpoint. */
export interface EndpointFields {
  url: string;
  description: string | null;
  filter: WebhookFilter;
}

/** Sets an endpoint's URL, description and filter; bumps its version; returns the row as written. */
export async function setEndpointFields(tx: IntegrationsDb, id: string, fields: EndpointFields, now: Date): Promise<WebhookEndpointModel> {
  const [row] = await tx
    .update(webhookEndpoints)
    .set({ ...fields, version: sql`${webhookEndpoints.version} + 1`, updatedAt: now })
    .where(eq(webhookEndpoints.id, id))
    .returning();
  return row!;
}

/** Sets an endpoint's status (and reason); bumps its version. */
export async function setEndpointStatus(db: IntegrationsDb, id: string, status: WebhookEndpointStatus, reason: string | null, now: Date) {
  const [row] = await db
    .update(webhookEndpoints)
    .set({ status, statusReason: reason, version: sql`${webhookEndpoints.version} + 1`, updatedAt: now })
    .where(eq(webhookEndpoints.id, id))
    .returning();
  return row ?? null;
}

/** An owner pausing or resuming an endpoint: the status change and its audit entry, in one transaction. */
export async function changeEndpointStatus(
  db: IntegrationsDb,
  id: string,
  status: 'ACTIVE' | 'PAUSED',
  reason: string | null,
  actor: EndpointActor,
  now: Date,
) {
  return db.transaction(async (tx) => {
    const row = await setEndpointStatus(tx, id, status, reason, now);
    if (row) await auditEndpointWrite(tx, actor, status === 'PAUSED' ? 'paused' : 'resumed', id, ['status', 'statusReason'], now);
    return row;
  });
}

/** A new current secret; the old one keeps signing until `graceMs` from now. Audited. Returns the new secret. */
export async function rotateSecret(db: IntegrationsDb, endpoint: WebhookEndpointModel, graceMs: number, actor: EndpointActor, now: Date) {
  const secret = generateSecret();
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(webhookEndpoints)
      .set({
        secret: sealSecret(secret),
        previousSecret: endpoint.secret,
        previousSecretExpiresAt: new Date(now.getTime() + graceMs),
        version: sql`${webhookEndpoints.version} + 1`,
        updatedAt: now,
      })
      .where(eq(webhookEndpoints.id, endpoint.id))
      .returning();
    await auditEndpointWrite(tx, actor, 'secret_rotated', endpoint.id, ['secret', 'previousSecretExpiresAt'], now);
    return { endpoint: row!, secret };
  });
}

/** Deletes an endpoint with its deliveries and their log, and audits it. */
export async function deleteEndpoint(db: IntegrationsDb, id: string, actor: EndpointActor, now: Date): Promise<boolean> {
  return db.transaction(async (tx) => {
    const deleted = await tx.delete(webhookEndpoints).where(eq(webhookEndpoints.id, id)).returning({ id: webhookEndpoints.id });
    if (deleted.length > 0) await auditEndpointWrite(tx, actor, 'deleted', id, [], now);
    return deleted.length > 0;
  });
}

/** Queues a test ping for an endpoint. */
export async function queuePing(db: IntegrationsDb, endpointId: string, now: Date): Promise<WebhookDeliveryModel> {
  const id = randomUUID();
  const [row] = await db
    .insert(webhookDeliveries)
    .values({
      id,
      endpointId,
      sequence: null,
      eventId: id,
      eventType: PING_TYPE,
      entityKey: `ping:${id}`,
      payload: pingPayload(id, endpointId, now),
      nextAttemptAt: now,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  return row!;
}

export interface DeliveryListFilter {
  status?: WebhookDeliveryStatus[] | null;
  since?: Date | null;
}

function deliveryWhere(endpointId: string, filter: DeliveryListFilter): SQL | undefined {
  return and(
    eq(webhookDeliveries.endpointId, endpointId),
    filter.status?.length ? inArray(webhookDeliveries.status, filter.status) : undefined,
    filter.since ? gte(webhookDeliveries.createdAt, filter.since) : undefined,
  );
}

/** An endpoint's deliveries, newest first. */
export function listDeliveries(db: IntegrationsDb, endpointId: string, args: ConnectionArgs, filter: DeliveryListFilter) {
  const where = deliveryWhere(endpointId, filter);
  return tableConnection(db, {
    table: webhookDeliveries,
    rows: db.select().from(webhookDeliveries).$dynamic(),
    args,
    filter: where,
    descending: true,
    sortKeys: [
      { column: webhookDeliveries.createdAt, value: (row) => row.createdAt },
      { column: webhookDeliveries.id, value: (row) => row.id },
    ],
  });
}

export async function findDelivery(db: IntegrationsDb, id: string): Promise<WebhookDeliveryModel | null> {
  const [row] = await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, id)).limit(1);
  return row ?? null;
}

/**
 * Queues deliveries again from a fresh retry window, keeping their attempt log. Deliveries
 * in flight are left alone. Returns the deliveries queued.
 */
export async function redeliver(db: IntegrationsDb, endpointId: string, filter: DeliveryListFilter & { ids?: string[] }, now: Date) {
  return db
    .update(webhookDeliveries)
    .set({ status: 'PENDING', firstAttemptAt: null, nextAttemptAt: now, leaseOwner: null, leaseExpiresAt: null, updatedAt: now })
    .where(
      and(
        deliveryWhere(endpointId, filter),
        filter.ids ? inArray(webhookDeliveries.id, filter.ids) : undefined,
        sql`${webhookDeliveries.status} <> 'DELIVERING'`,
      ),
    )
    .returning();
}

export async function loadAttempts(db: IntegrationsDb, deliveryIds: readonly string[]) {
  if (deliveryIds.length === 0) return [];
  return db
    .select()
    .from(webhookAttempts)
    .where(inArray(webhookAttempts.deliveryId, [...deliveryIds]))
    .orderBy(webhookAttempts.deliveryId, webhookAttempts.attempt, webhookAttempts.id);
}

/**
 * Deletes finished deliveries (SUCCEEDED or DEAD) whose last change is before `cutoff`, with
 * their attempt log (the foreign key cascades); pending, failing and in-flight deliveries are
 * never touched, however old. Deletes in batches so no statement holds many rows locked.
 * Returns how many deliveries were deleted.
 */
export async function pruneDeliveries(db: IntegrationsDb, cutoff: Date, batchSize = 1_000): Promise<number> {
  // Spelled as the partial index's predicate (webhook_deliveries_finished_idx), so the planner uses it.
  const finishedBefore = and(sql`${webhookDeliveries.status} in ('SUCCEEDED', 'DEAD')`, lt(webhookDeliveries.updatedAt, cutoff));
  let total = 0;
  for (;;) {
    const batch = db.select({ id: webhookDeliveries.id }).from(webhookDeliveries).where(finishedBefore).limit(batchSize);
    // The status is checked again on delete: a redelivery between the two reads keeps its row.
    const deleted = await db
      .delete(webhookDeliveries)
      .where(and(inArray(webhookDeliveries.id, batch), finishedBefore))
      .returning({ id: webhookDeliveries.id });
    total += deleted.length;
    if (deleted.length < batchSize) return total;
  }
}

/** Deliveries still owed (the webhook queue's depth, for metrics). */
export async function unfinishedDeliveries(db: Db<typeof schema>): Promise<number> {
  const [row] = await db
    .select({ count: sql<number>`count(*)` })
    .from(schema.webhookDeliveries)
    .where(inArray(schema.webhookDeliveries.status, UNFINISHED));
  return Number(row?.count ?? 0);
}
