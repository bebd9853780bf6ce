import { encodeCursor } from '../../kernel/platform/pagination';
import type { WebhookDeliveryResolvers } from '../generated/graphql';

export const WebhookDelivery: WebhookDeliveryResolvers = {
  endpoint: async (delivery, _args, { loaders }) => (await loaders.webhookEndpoint.load(delivery.endpointId))!,
  cursor: (delivery) => (delivery.sequence === null ? null : encodeCursor([delivery.sequence])),
  nextAttemptAt: (delivery) => (delivery.status === 'PENDING' || delivery.status === 'FAILED' ? delivery.nextAttemptAt : null),
  attempts: (delivery, _args, { loaders }) => loaders.webhookAttempts.load(delivery.id),
};
