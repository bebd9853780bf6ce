import { notFound } from '../../kernel/errors';
import type { QueryResolvers } from '../generated/graphql';
import { listChanges } from '../store/change-log';
import { findEndpoint, listDeliveries, listEndpoints } from '../store/webhooks';
import { assertCanManageWebhooks } from '../webhooks/access';
import { parseSince } from './Mutation';

export const Query: QueryResolvers = {
  changes: (_parent, { filter, ...page }, { db, caller }) => listChanges(db, caller, page, filter),

  webhookEndpoints: (_parent, { status, ...page }, { db, caller }) => {
    assertCanManageWebhooks(caller);
    return listEndpoints(db, caller, page, status);
  },

  webhookEndpoint: async (_parent, { id }, { db, caller }) => {
    assertCanManageWebhooks(caller);
    const endpoint = await findEndpoint(db, caller, id);
    if (!endpoint) throw notFound('WebhookEndpoint', 'id', id);
    return endpoint;
  },

  webhookDeliveries: async (_parent, { endpointId, status, since, ...page }, { db, caller }) => {
    assertCanManageWebhooks(caller);
    const endpoint = await findEndpoint(db, caller, endpointId);
    if (!endpoint) throw notFound('WebhookEndpoint', 'endpointId', endpointId);
    return listDeliveries(db, endpoint.id, page, { status, since: parseSince(since) });
  },
};
