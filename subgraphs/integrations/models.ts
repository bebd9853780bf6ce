import type { InferSelectModel } from 'drizzle-orm';
import type { Connection, Edge } from '../kernel/platform/pagination';
import type { apiKeys, auditLog, changeLog, webhookAttempts, webhookDeliveries, webhookEndpoints } from './db/schema';

/** What resolvers pass around for each GraphQL type (codegen maps `X` to `XModel`). */
export type ChangeModel = InferSelectModel<typeof changeLog>;
export type ChangeConnectionModel = Connection<ChangeModel>;
export type ChangeEdgeModel = Edge<ChangeModel>;
export type ChangeActorModel = import('../kernel/subgraph/outbox').EventActor;

export type WebhookEndpointModel = InferSelectModel<typeof webhookEndpoints>;
export type WebhookEndpointConnectionModel = Connection<WebhookEndpointModel>;
export type WebhookEndpointEdgeModel = Edge<WebhookEndpointModel>;
export type WebhookDeliveryModel = InferSelectModel<typeof webhookDeliveries>;
export type WebhookDeliveryConnectionModel = Connection<WebhookDeliveryModel>;
export type WebhookDeliveryEdgeModel = Edge<WebhookDeliveryModel>;
export type WebhookAttemptModel = InferSelectModel<typeof webhookAttempts>;

export type ApiKeyModel = InferSelectModel<typeof apiKeys>;
export type ApiKeyConnectionModel = Connection<ApiKeyModel>;
export type ApiKeyEdgeModel = Edge<ApiKeyModel>;
export type AuditEntryModel = InferSelectModel<typeof auditLog>;
/** An audit entry's actor is read from the entry's own columns. */
export type AuditActorModel = AuditEntryModel;
export type AuditEntryConnectionModel = Connection<AuditEntryModel>;
export type AuditEntryEdgeModel = Edge<AuditEntryModel>;
