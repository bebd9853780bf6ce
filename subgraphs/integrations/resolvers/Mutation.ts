import type { MutationResolvers } from '../generated/graphql';
import { createApiKey, revokeApiKey } from '../writes/api-keys';
import {
  createWebhookEndpoint,
  deleteWebhookEndpoint,
  redeliverWebhookDeliveries,
  redeliverWebhookDelivery,
  rotateWebhookSecret,
  sendWebhookPing,
  setWebhookEndpointPaused,
  updateWebhookEndpoint,
} from '../writes/webhooks';
import { API_KEY_ROLES } from './ApiKey';

/** Each mutation is one write of writes/ (which authorises, validates and audits it), answered as written. */
export const Mutation: MutationResolvers = {
  createWebhookEndpoint: (_parent, { input }, context) => createWebhookEndpoint(context, input),

  updateWebhookEndpoint: async (_parent, { input }, context) => ({ endpoint: await updateWebhookEndpoint(context, input) }),

  pauseWebhookEndpoint: async (_parent, { id }, context) => ({ endpoint: await setWebhookEndpointPaused(context, id, true) }),

  resumeWebhookEndpoint: async (_parent, { id }, context) => ({ endpoint: await setWebhookEndpointPaused(context, id, false) }),

  rotateWebhookSecret: (_parent, { id }, context) => rotateWebhookSecret(context, id),

  deleteWebhookEndpoint: async (_parent, { id }, context) => ({ deletedId: await deleteWebhookEndpoint(context, id) }),

  sendWebhookPing: async (_parent, { id }, context) => ({ delivery: await sendWebhookPing(context, id) }),

  redeliverWebhookDelivery: async (_parent, { id }, context) => ({ delivery: await redeliverWebhookDelivery(context, id) }),

  redeliverWebhookDeliveries: async (_parent, { endpointId, status, since }, context) => ({
    count: await redeliverWebhookDeliveries(context, endpointId, status, since),
  }),

  createApiKey: (_parent, { input }, context) => createApiKey(context, { ...input, role: API_KEY_ROLES[input.role] }),

  revokeApiKey: async (_parent, { input }, context) => ({ apiKey: await revokeApiKey(context, input.id) }),
};
