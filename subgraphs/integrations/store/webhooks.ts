import { randomUUID } from 'node:crypto';
import { and, count, eq, gte, inArray, sql, type SQL } from 'drizzle-orm';
import { reachOf } from '../../kernel/access-policy';
import type { Caller } from '../../kernel/caller';
import type { Db } from '../../kernel/db';
import { keysetConnection, type ConnectionArgs } from '../../kernel/pagination';
import * as schema from '../db/schema';
import type { WebhookDeliveryStatus, WebhookEndpointStatus, WebhookFilter } from '../db/schema';
import type { WebhookDeliveryModel, WebhookEndpointModel } from '../models';
import { pingPayload, PING_TYPE } from '../webhooks/payload';
import { sealSecret } from '../webhooks/secrets';
import { generateSecret } from '../webhooks/signing';
import { headSequence } from './change-log';

const { webhookEndpoints, webhookDeliveries, webhookAttempts, webhookDispatchState } = schema;
type IntegrationsDb = Db<typeof schema>;

/** Deliveries still owed to their endpoint: these hold back later events of the same entity. */
export const UNFINISHED: WebhookDeliveryStatus[] = ['PENDING', 'DELIVERING', 'FAILED'];

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
function ownedBy(caller: Caller): SQL | undefined {
  const reach = reachOf(caller, 'webhooks');
  if (reach === 'all') return undefined;
  if (reach === 'none') return sql`false`;
  return and(
    caller.subject === null ? sql`${webhookEndpoints.ownerSubject} is null` : eq(webhookEndpoints.ownerSubject, caller.subject),
    caller.organizationId === null
      ? sql`${webhookEndpoints.ownerOrganizationId} is null`
      : eq(webhookEndpoints.ownerOrganizationId, caller.organizationId),
  );
}

export interface NewEndpoint {
  url: string;
  description: string | null;
  filter: WebhookFilter;
  owner: Caller;
}

/** Creates an endpoint that receives events committed from now on; returns it and its secret (shown once). */
export async function createEndpoint(db: IntegrationsDb, input: NewEndpoint, now: Date): Promise<{ endpoint: WebhookEndpointModel; secret: string }> {
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
    return row!;
  });
  return { endpoint, secret };
}

export async function loadEndpoints(db: IntegrationsDb, ids: readonly string[]): Promise<WebhookEndpointModel[]> {
  return ids.length === 0 ? [] : db.select().from(webhookEndpoints).where(inArray(webhookEndpoints.id, [...ids]));
}

/** The endpoint if it exists and `caller` may see it. */
export async function findEndpoint(db: IntegrationsDb, caller: Caller, id: string): Promise<WebhookEndpointModel | null> {
  const [row] = await db.select().from(webhookEndpoints).where(and(eq(webhookEndpoints.id, id), ownedBy(caller))).limit(1);
  return row ?? null;
}

export function listEndpoints(db: IntegrationsDb, caller: Caller, args: ConnectionArgs, status?: WebhookEndpointStatus[] | null) {
  const where = and(ownedBy(caller), status?.length ? inArray(webhookEndpoints.status, status) : undefined);
  return keysetConnection<WebhookEndpointModel>({
    args,
    filter: where,
    sortKeys: [
      { column: webhookEndpoints.createdAt, value: (row) => row.createdAt },
      { column: webhookEndpoints.id, value: (row) => row.id },
    ],
    fetch: (condition, orderBy, limit) => db.select().from(webhookEndpoints).where(condition).orderBy(...orderBy).limit(limit),
    count: async () => (await db.select({ n: count() }).from(webhookEndpoints).where(where))[0]?.n ?? 0,
  });
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

/** A new current secret; the old one keeps signing until `graceMs` from now. Returns the new secret. */
export async function rotateSecret(db: IntegrationsDb, endpoint: WebhookEndpointModel, graceMs: number, now: Date) {
  const secret = generateSecret();
  const [row] = await db
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
  return { endpoint: row!, secret };
}

/** Deletes an endpoint with its deliveries and their log. */
export async function deleteEndpoint(db: IntegrationsDb, id: string): Promise<boolean> {
  const deleted = await db.delete(webhookEndpoints).where(eq(webhookEndpoints.id, id)).returning({ id: webhookEndpoints.id });
  return deleted.length > 0;
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
  return keysetConnection<WebhookDeliveryModel>({
    args,
    filter: where,
    descending: true,
    sortKeys: [
      { column: webhookDeliveries.createdAt, value: (row) => row.createdAt },
      { column: webhookDeliveries.id, value: (row) => row.id },
    ],
    fetch: (condition, orderBy, limit) => db.select().from(webhookDeliveries).where(condition).orderBy(...orderBy).limit(limit),
    count: async () => (await db.select({ n: count() }).from(webhookDeliveries).where(where))[0]?.n ?? 0,
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
