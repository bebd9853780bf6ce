import type { Caller } from '../../kernel/caller';
import type { Db } from '../../kernel/db';
import { badUserInput, notFound } from '../../kernel/errors';
import { assertCanManageApiKeys } from '../access';
import { newApiKeyFromInput } from '../api-keys/validation';
import type * as schema from '../db/schema';
import type { MutationResolvers } from '../generated/graphql';
import {
  createEndpoint,
  deleteEndpoint,
  findDelivery,
  findEndpoint,
  queuePing,
  redeliver,
  rotateSecret,
  setEndpointStatus,
} from '../store/webhooks';
import { createApiKey, revokeApiKey } from '../store/api-keys';
import { API_KEY_ROLES } from './ApiKey';
import { assertCanManageWebhooks } from '../webhooks/access';
import { allowPrivateTargets, webhookConfigFromEnv } from '../webhooks/config';
import { notifyQueued } from '../webhooks/service';
import { checkTarget, TargetError } from '../webhooks/targets';

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

/** The endpoint, if the caller may manage webhooks and this one is theirs; NOT_FOUND otherwise. */
async function ownEndpoint(db: Db<typeof schema>, caller: Caller, id: string, field = 'id') {
  assertCanManageWebhooks(caller);
  const endpoint = await findEndpoint(db, caller, id);
  if (!endpoint) throw notFound('WebhookEndpoint', field, id);
  return endpoint;
}

export const Mutation: MutationResolvers = {
  createWebhookEndpoint: async (_parent, { input }, { db, caller, now }) => {
    assertCanManageWebhooks(caller);
    const url = input.url.trim();
    try {
      await checkTarget(url, allowPrivateTargets());
    } catch (error) {
      if (error instanceof TargetError) throw badUserInput(error.message, 'input.url');
      throw error;
    }
    const description = input.description?.trim() || null;
    if (description && description.length > 500) throw badUserInput('description must be at most 500 characters', 'input.description');
    const filter = {
      types: filterList(input.filter?.types, 'input.filter.types'),
      entityTypes: filterList(input.filter?.entityTypes, 'input.filter.entityTypes'),
      entityIds: filterList(input.filter?.entityIds, 'input.filter.entityIds'),
    };
    return createEndpoint(db, { url, description, filter, owner: caller }, now);
  },

  pauseWebhookEndpoint: async (_parent, { id }, { db, caller, now }) => {
    const endpoint = await ownEndpoint(db, caller, id);
    return { endpoint: (await setEndpointStatus(db, endpoint.id, 'PAUSED', 'Paused by its owner', now)) ?? endpoint };
  },

  resumeWebhookEndpoint: async (_parent, { id }, { db, caller, now }) => {
    const endpoint = await ownEndpoint(db, caller, id);
    const resumed = (await setEndpointStatus(db, endpoint.id, 'ACTIVE', null, now)) ?? endpoint;
    notifyQueued();
    return { endpoint: resumed };
  },

  rotateWebhookSecret: async (_parent, { id }, { db, caller, now }) => {
    const endpoint = await ownEndpoint(db, caller, id);
    return rotateSecret(db, endpoint, webhookConfigFromEnv().rotationGraceMs, now);
  },

  deleteWebhookEndpoint: async (_parent, { id }, { db, caller }) => {
    const endpoint = await ownEndpoint(db, caller, id);
    await deleteEndpoint(db, endpoint.id);
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
