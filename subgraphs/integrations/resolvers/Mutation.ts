import type { Caller } from '../../kernel/caller';
import type { Db } from '../../kernel/db';
import { badUserInput, notFound } from '../../kernel/errors';
import { assertCanManageApiKeys } from '../access';
import { newApiKeyFromInput } from '../api-keys/validation';
import type * as schema from '../db/schema';
import type { WebhookFilter } from '../db/schema';
import type { ChangeFilter, MutationResolvers } from '../generated/graphql';
import { changeEndpointStatus, createEndpoint, deleteEndpoint, findDelivery, findEndpoint, queuePing, redeliver, rotateSecret } from '../store/webhooks';
import { createApiKey, revokeApiKey } from '../store/api-keys';
import { API_KEY_ROLES } from './ApiKey';
import { assertCanManageWebhooks } from '../webhooks/access';
import { allowPrivateTargets, webhookConfigFromEnv } from '../webhooks/config';
import { notifyQueued } from '../webhooks/service';
import { checkTarget, TargetError } from '../webhooks/targets';
import { updateEndpoint, type EndpointChanges } from '../webhooks/update';

const MAX_FILTER_VALUES = 100;

/** A `DateTime` argument as a Date (the scalar may hand over a string). */
export function parseDateTime(value: Date | string | null | undefined, field: string): Date | null {
  if (value == null) return null;
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) throw badUserInput(`${field} must be a date-time`, field);
  return date;
}

export const parseSince = (since: Date | string | null | undefined): Date | null => parseDateTime(since, 'since');

function filterList(values: string[] | null | undefined, field: string): string[] {
  const list = [...new Set((values ?? []).map((value) => value.trim()).filter(Boolean))];
  if (list.length > MAX_FILTER_VALUES) throw badUserInput(`${field} takes at most ${MAX_FILTER_VALUES} values`, field);
  return list;
}

/** A target URL, trimmed and checked as at creation (webhooks/targets.ts); BAD_USER_INPUT on `input.url` otherwise. */
async function targetUrl(raw: string): Promise<string> {
  const url = raw.trim();
  try {
    await checkTarget(url, allowPrivateTargets());
  } catch (error) {
    if (error instanceof TargetError) throw badUserInput(error.message, 'input.url');
    throw error;
  }
  return url;
}

/** A description, trimmed; blank means none. At most 500 characters. */
function description(raw: string | null | undefined): string | null {
  const text = raw?.trim() || null;
  if (text && text.length > 500) throw badUserInput('description must be at most 500 characters', 'input.description');
  return text;
}

/** A filter as stored: each list deduplicated, absent lists (or no filter) matching everything. */
function webhookFilter(filter: ChangeFilter | null | undefined): WebhookFilter {
  return {
    types: filterList(filter?.types, 'input.filter.types'),
    entityTypes: filterList(filter?.entityTypes, 'input.filter.entityTypes'),
    entityIds: filterList(filter?.entityIds, 'input.filter.entityIds'),
  };
}

/** The endpoint, if the caller may manage webhooks and this one is theirs; NOT_FOUND otherwise. */
async function ownEndpoint(db: Db<typeof schema>, caller: Caller, id: string, field = 'id') {
  assertCanManageWebhooks(caller);
  const endpoint = await findEndpoint(db, caller, id);
  if (!endpoint) throw notFound('WebhookEndpoint', field, id);
  return endpoint;
}

export const Mutation: MutationResolvers = {
  createWebhookEndpoint: async (_parent, { input }, { db, caller, requestId, now }) => {
    assertCanManageWebhooks(caller);
    const url = await targetUrl(input.url);
    const endpoint = { url, description: description(input.description), filter: webhookFilter(input.filter), owner: caller };
    return createEndpoint(db, endpoint, { caller, requestId }, now);
  },

  updateWebhookEndpoint: async (_parent, { input }, { db, caller, requestId, now }) => {
    const endpoint = await ownEndpoint(db, caller, input.id);
    // Left out (undefined): keeps its value. Explicit null: clears the description, resets the filter.
    const changes: EndpointChanges = {};
    if (input.url === null) throw badUserInput('url cannot be removed: leave it out to keep it', 'input.url');
    if (input.url !== undefined) changes.url = await targetUrl(input.url);
    if (input.description !== undefined) changes.description = description(input.description);
    if (input.filter !== undefined) changes.filter = webhookFilter(input.filter);
    const updated = await updateEndpoint(db, endpoint.id, changes, input.expectedVersion ?? null, { caller, requestId }, now);
    // A filter change may have queued the events committed before it: send them now.
    notifyQueued();
    return { endpoint: updated };
  },

  pauseWebhookEndpoint: async (_parent, { id }, { db, caller, requestId, now }) => {
    const endpoint = await ownEndpoint(db, caller, id);
    return { endpoint: (await changeEndpointStatus(db, endpoint.id, 'PAUSED', 'Paused by its owner', { caller, requestId }, now)) ?? endpoint };
  },

  resumeWebhookEndpoint: async (_parent, { id }, { db, caller, requestId, now }) => {
    const endpoint = await ownEndpoint(db, caller, id);
    const resumed = (await changeEndpointStatus(db, endpoint.id, 'ACTIVE', null, { caller, requestId }, now)) ?? endpoint;
    notifyQueued();
    return { endpoint: resumed };
  },

  rotateWebhookSecret: async (_parent, { id }, { db, caller, requestId, now }) => {
    const endpoint = await ownEndpoint(db, caller, id);
    return rotateSecret(db, endpoint, webhookConfigFromEnv().rotationGraceMs, { caller, requestId }, now);
  },

  deleteWebhookEndpoint: async (_parent, { id }, { db, caller, requestId, now }) => {
    const endpoint = await ownEndpoint(db, caller, id);
    await deleteEndpoint(db, endpoint.id, { caller, requestId }, now);
    return { deletedId: endpoint.id };
  },

  sendWebhookPing: async (_parent, { id }, { db, caller, now }) => {
    const endpoint = await ownEndpoint(db, caller, id);
    const delivery = await queuePing(db, endpoint.id, now);
    notifyQueued();
    return { delivery };
  },

  redeliverWebhookDelivery: async (_parent, { id }, { db, caller, now }) => {
    assertCanManageWebhooks(caller);
    const delivery = await findDelivery(db, id);
    // Someone else's delivery is as unknown as a missing one.
    if (!delivery || !(await findEndpoint(db, caller, delivery.endpointId))) throw notFound('WebhookDelivery', 'id', id);
    if (delivery.status === 'DELIVERING') throw badUserInput('This delivery is being attempted right now; wait for the attempt to finish', 'id');
    const [queued] = await redeliver(db, delivery.endpointId, { ids: [delivery.id] }, now);
    notifyQueued();
    return { delivery: queued ?? delivery };
  },

  redeliverWebhookDeliveries: async (_parent, { endpointId, status, since }, { db, caller, now }) => {
    const endpoint = await ownEndpoint(db, caller, endpointId, 'endpointId');
    const queued = await redeliver(db, endpoint.id, { status: status?.length ? status : ['DEAD'], since: parseSince(since) }, now);
    notifyQueued();
    return { count: queued.length };
  },

  createApiKey: async (_parent, { input }, { db, caller, requestId, now }) => {
    assertCanManageApiKeys(caller);
    const apiKey = newApiKeyFromInput({ ...input, role: API_KEY_ROLES[input.role] }, now);
    return createApiKey(db, apiKey, caller, requestId, now);
  },

  revokeApiKey: async (_parent, { input }, { db, caller, requestId, now }) => {
    assertCanManageApiKeys(caller);
    const revoked = await revokeApiKey(db, input.id, caller, requestId, now);
    if (!revoked) throw notFound('ApiKey', 'id', input.id);
    return { apiKey: revoked };
  },
};
