import { notFound } from '../../kernel/platform/errors';
import { assertAllowed } from '../../kernel/identity/access-policy';
import type { QueryResolvers } from '../generated/graphql';
import { listApiKeys } from '../store/api-keys';
import { listAuditLog } from '../store/audit-log';
import { listChanges } from '../store/change-log';
import { findEndpoint, listDeliveries, listEndpoints } from '../store/webhooks';
import { REFUSALS } from '../rules/refusals';
import { resolveNodes } from '../nodes/resolve';
import { API_KEY_ROLES } from './ApiKey';
import { parseDateTime, parseSince } from '../validation';

export const Query: QueryResolvers = {
  node: async (_parent, { id }, { peers }) => (await resolveNodes(peers, [id]))[0] ?? null,

  nodes: (_parent, { ids }, { peers }) => resolveNodes(peers, ids),

  changes: (_parent, { filter, ...page }, { db, caller }) => {
    assertAllowed(caller, 'changeFeed', 'any', REFUSALS.changeFeed);
    return listChanges(db, caller, page, filter);
  },

  webhookEndpoints: (_parent, { status, ...page }, { db, caller }) => {
    assertAllowed(caller, 'webhooks', 'any', REFUSALS.webhooks);
    return listEndpoints(db, caller, page, status);
  },

  webhookEndpoint: async (_parent, { id }, { db, caller }) => {
    assertAllowed(caller, 'webhooks', 'any', REFUSALS.webhooks);
    const endpoint = await findEndpoint(db, caller, id);
    if (!endpoint) throw notFound('WebhookEndpoint', 'id', id);
    return endpoint;
  },

  webhookDeliveries: async (_parent, { endpointId, status, since, ...page }, { db, caller }) => {
    assertAllowed(caller, 'webhooks', 'any', REFUSALS.webhooks);
    const endpoint = await findEndpoint(db, caller, endpointId);
    if (!endpoint) throw notFound('WebhookEndpoint', 'endpointId', endpointId);
    return listDeliveries(db, endpoint.id, page, { status, since: parseSince(since) });
  },

  apiKeys: (_parent, { filter, ...page }, { db, caller, now }) => {
    assertAllowed(caller, 'apiKeys', 'any', REFUSALS.apiKeys);
    return listApiKeys(
      db,
      page,
      { organizationId: filter?.organizationId, role: filter?.role ? API_KEY_ROLES[filter.role] : null, active: filter?.active },
      now,
    );
  },

  apiKey: async (_parent, { id }, { caller, loaders }) => {
    assertAllowed(caller, 'apiKeys', 'any', REFUSALS.apiKeys);
    const apiKey = await loaders.apiKey.load(id);
    if (!apiKey) throw notFound('ApiKey', 'id', id);
    return apiKey;
  },

  auditLog: (_parent, { filter, ...page }, { db, caller }) => {
    assertAllowed(caller, 'auditLog', 'any', REFUSALS.auditLog);
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
