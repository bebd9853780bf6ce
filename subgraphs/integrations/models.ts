import type { InferSelectModel } from 'drizzle-orm';
import type { Connection, Edge } from '../kernel/pagination';
import type { changeLog, webhookAttempts, webhookDeliveries, webhookEndpoints } from './db/schema';

/** What resolvers pass around for each GraphQL type (codegen maps `X` to `XModel`). */
export type ChangeModel = InferSelectModel<typeof changeLog>;
export type ChangeConnectionModel = Connection<ChangeModel>;
export type ChangeEdgeModel = Edge<ChangeModel>;
export type ChangeActorModel = import('../kernel/outbox').EventActor;

export type WebhookEndpointModel = InferSelectModel<typeof webhookEndpoints>;
export type WebhookEndpointConnectionModel = Connection<WebhookEndpointModel>;
export type WebhookEndpointEdgeModel = Edge<WebhookEndpointModel>;
export type WebhookDeliveryModel = InferSelectModel<typeof webhookDeliveries>;
export type WebhookDeliveryConnectionModel = Connection<WebhookDeliveryModel>;
export type WebhookDeliveryEdgeModel = Edge<WebhookDeliveryModel>;
export type WebhookAttemptModel = InferSelectModel<typeof webhookAttempts>;
