import { assertAllowed } from '../../kernel/identity/access-policy';
import { badUserInput, notFound } from '../../kernel/platform/errors';
import { admitWrite } from '../../kernel/subgraph/locking';
import type { WebhookDeliveryStatus, WebhookFilter } from '../db/schema';
import type { ChangeFilter } from '../generated/graphql';
import type { WebhookDeliveryModel, WebhookEndpointModel } from '../models';
import { REFUSALS } from '../rules/refusals';
import {
  auditEndpointWrite,
  changeEndpointStatus,
  createEndpoint,
  deleteEndpoint,
  findDelivery,
  findEndpoint,
  lockDispatchState,
  lockOwnEndpoint,
  queuePing,
  redeliver,
  rotateSecret,
  setEndpointFields,
} from '../store/webhooks';
import { endpointDescription, parseSince, targetUrl, webhookFilter } from '../validation';
import { webhookConfigFromEnv } from '../webhooks/config';
import { fanOutPendingLocked } from '../webhooks/dispatcher';
import { notifyQueued } from '../webhooks/service';
import type { WriteContext } from './writer';

/**
 * Webhook endpoint management (ACCESS_RULES.webhooks): integrators manage the endpoints they
 * created, admins every one. The rule's role check is `assertAllowed(caller, 'webhooks', 'any')`;
 * which endpoints are the caller's is the store's `ownedBy`, so another owner's endpoint or
 * delivery is NOT_FOUND, as a missing one.
 */
const assertMayManage = (context: WriteContext) => assertAllowed(context.caller, 'webhooks', 'any', REFUSALS.webhooks);

/** The endpoint, if the caller may manage webhooks and this one is theirs; NOT_FOUND otherwise. */
async function ownEndpoint(context: WriteContext, id: string, field = 'id'): Promise<WebhookEndpointModel> {
  assertMayManage(context);
  const endpoint = await findEndpoint(context.db, context.caller, id);
  if (!endpoint) throw notFound('WebhookEndpoint', field, id);
  return endpoint;
}

export interface NewEndpointInput {
  url: string;
  description?: string | null;
  filter?: ChangeFilter | null;
}

/** Creates an endpoint owned by the caller, receiving events committed from now on; returns it and its secret (shown once). */
export async function createWebhookEndpoint(context: WriteContext, input: NewEndpointInput) {
  assertMayManage(context);
  const { db, caller, requestId, now } = context;
  const url = await targetUrl(input.url);
  const endpoint = { url, description: endpointDescription(input.description), filter: webhookFilter(input.filter), owner: caller };
  return createEndpoint(db, endpoint, { caller, requestId }, now);
}

export interface EndpointUpdateInput {
  id: string;
  url?: string | null;
  description?: string | null;
  filter?: ChangeFilter | null;
  expectedVersion?: number | null;
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
 * that changes nothing writes nothing (no new version, no audit entry). Left out (undefined):
 * a field keeps its value; explicit null clears the description and resets the filter.
 */
export async function updateWebhookEndpoint(context: WriteContext, input: EndpointUpdateInput): Promise<WebhookEndpointModel> {
  const endpoint = await ownEndpoint(context, input.id);
  if (input.url === null) throw badUserInput('url cannot be removed: leave it out to keep it', 'input.url');
  const url = input.url === undefined ? undefined : await targetUrl(input.url);
  const description = input.description === undefined ? undefined : endpointDescription(input.description);
  const filter = input.filter === undefined ? undefined : webhookFilter(input.filter);
  const { db, caller, requestId, now } = context;

  const updated = await db.transaction(async (tx) => {
    // The watermark first, then the endpoint: the order fan-out and creation take them in.
    const state = await lockDispatchState(tx, now);
    const found = await lockOwnEndpoint(tx, caller, endpoint.id);
    // Only the caller's own endpoints are found: the owner rule is the read rule and the write rule.
    const current = await admitWrite(found, endpoint.id, input.expectedVersion ?? null, {
      typename: 'WebhookEndpoint',
      mayRead: () => true,
      assertMayWrite: () => undefined,
    });
    const next = {
      url: url ?? current.url,
      description: description === undefined ? current.description : description,
      filter: filter ?? current.filter,
    };
    const changedFields = [
      next.url !== current.url ? 'url' : null,
      next.description !== current.description ? 'description' : null,
      canonicalFilter(next.filter) !== canonicalFilter(current.filter) ? 'filter' : null,
    ].filter((field): field is string => field !== null);
    if (changedFields.length === 0) return current;

    if (changedFields.includes('filter')) await fanOutPendingLocked(tx, state.fannedOutTo, now);
    const row = await setEndpointFields(tx, endpoint.id, next, now);
    await auditEndpointWrite(tx, { caller, requestId }, 'updated', endpoint.id, changedFields, now);
    return row;
  });
  // A filter change may have queued the events committed before it: send them now.
  notifyQueued();
  return updated;
}

/** Pauses (deliveries wait) or resumes (they go out again) one of the caller's endpoints. */
export async function setWebhookEndpointPaused(context: WriteContext, id: string, paused: boolean): Promise<WebhookEndpointModel> {
  const endpoint = await ownEndpoint(context, id);
  const { db, caller, requestId, now } = context;
  const status = paused ? 'PAUSED' : 'ACTIVE';
  const written = (await changeEndpointStatus(db, endpoint.id, status, paused ? 'Paused by its owner' : null, { caller, requestId }, now)) ?? endpoint;
  if (!paused) notifyQueued();
  return written;
}

/** A new signing secret (the old one keeps signing for the grace period); returns it, shown once. */
export async function rotateWebhookSecret(context: WriteContext, id: string) {
  const endpoint = await ownEndpoint(context, id);
  const { db, caller, requestId, now } = context;
  return rotateSecret(db, endpoint, webhookConfigFromEnv().rotationGraceMs, { caller, requestId }, now);
}

/** Deletes one of the caller's endpoints with its deliveries; returns its id. */
export async function deleteWebhookEndpoint(context: WriteContext, id: string): Promise<string> {
  const endpoint = await ownEndpoint(context, id);
  const { db, caller, requestId, now } = context;
  await deleteEndpoint(db, endpoint.id, { caller, requestId }, now);
  return endpoint.id;
}

/** Queues a test ping to one of the caller's endpoints. */
export async function sendWebhookPing(context: WriteContext, id: string): Promise<WebhookDeliveryModel> {
  const endpoint = await ownEndpoint(context, id);
  const delivery = await queuePing(context.db, endpoint.id, context.now);
  notifyQueued();
  return delivery;
}

/** Queues one delivery again from a fresh retry window; someone else's delivery is as unknown as a missing one. */
export async function redeliverWebhookDelivery(context: WriteContext, id: string): Promise<WebhookDeliveryModel> {
  assertMayManage(context);
  const { db, caller, now } = context;
  const delivery = await findDelivery(db, id);
  if (!delivery || !(await findEndpoint(db, caller, delivery.endpointId))) throw notFound('WebhookDelivery', 'id', id);
  if (delivery.status === 'DELIVERING') throw badUserInput('This delivery is being attempted right now; wait for the attempt to finish', 'id');
  const [queued] = await redeliver(db, delivery.endpointId, { ids: [delivery.id] }, now);
  notifyQueued();
  return queued ?? delivery;
}

/** Queues again an endpoint's deliveries in `status` (DEAD by default) since a time; returns how many. */
export async function redeliverWebhookDeliveries(
  context: WriteContext,
  endpointId: string,
  status: WebhookDeliveryStatus[] | null | undefined,
  since: Date | string | null | undefined,
): Promise<number> {
  const endpoint = await ownEndpoint(context, endpointId, 'endpointId');
  const queued = await redeliver(context.db, endpoint.id, { status: status?.length ? status : ['DEAD'], since: parseSince(since) }, context.now);
  notifyQueued();
  return queued.length;
}
