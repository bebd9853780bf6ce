import { notFound } from '../../kernel/errors';
import { assertCanManageApiKeys, assertCanReadAuditLog, assertCanReadChangeFeed } from '../access';
import type { QueryResolvers } from '../generated/graphql';
import { listApiKeys } from '../store/api-keys';
import { listAuditLog } from '../store/audit-log';
import { listChanges } from '../store/change-log';
import { findEndpoint, listDeliveries, listEndpoints } from '../store/webhooks';
import { assertCanManageWebhooks } from '../webhooks/access';
import { API_KEY_ROLES } from './ApiKey';
import { parseDateTime, parseSince } from './Mutation';

export const Query: QueryResolvers = {
  changes: (_parent, { filter, ...page }, { db, caller }) => {
    assertCanReadChangeFeed(caller);
    return listChanges(db, caller, page, filter);
  },

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

  apiKeys: (_parent, { filter, ...page }, { db, caller, now }) => {
    assertCanManageApiKeys(caller);
    return listApiKeys(
      db,
      page,
      { organizationId: filter?.organizationId, role: filter?.role ? API_KEY_ROLES[filter.role] : null, active: filter?.active },
      now,
    );
  },

  apiKey: async (_parent, { id }, { caller, loaders }) => {
    assertCanManageApiKeys(caller);
    const apiKey = await loaders.apiKey.load(id);
    if (!apiKey) throw notFound('ApiKey', 'id', id);
    return apiKey;
  },

  auditLog: (_parent, { filter, ...page }, { db, caller }) => {
    assertCanReadAuditLog(caller);
    return listAuditLog(db, page, {
      actorSubject: filter?.actorSubject,
      actorOrganizationId: filter?.actorOrganizationId,
      entityType: filter?.entityType,
      entityId: filter?.entityId,
      from: parseDateTime(filter?.from, 'filter.from'),
      to: parseDateTime(filter?.to, 'filter.to'),
    });
  },
};
