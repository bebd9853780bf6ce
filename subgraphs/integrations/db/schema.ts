import { sql } from 'drizzle-orm';
import { bigint, bigserial, boolean, index, integer, jsonb, pgSchema, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import type { Domain, Scope } from '../../kernel/identity/access-policy';
import type { ChangeOperation, EventAccess, EventActor } from '../../kernel/subgraph/outbox';
import type { Caller, Role } from '../../kernel/identity/caller';

/** Everything this subgraph stores lives in the `integrations` PostgreSQL schema. */
export const integrationsSchema = pgSchema('integrations');

/**
 * The global change log: every domain subgraph's committed events, in the order they
 * became durable here. `sequence` is the cursor's position: appends are serialised (see
 * store/change-log.ts), so sequence order is commit order and a reader that has seen
 * sequence n has seen every event below n.
 */
export const changeLog = integrationsSchema.table(
  'change_log',
  {
    sequence: bigserial('sequence', { mode: 'number' }).primaryKey(),
    eventId: text('event_id').notNull().unique(),
    source: text('source').notNull(),
    type: text('type').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id').notNull(),
    operation: text('operation').$type<ChangeOperation>().notNull(),
    entityVersion: integer('entity_version').notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
    actor: jsonb('actor').$type<EventActor>().notNull(),
    changedFields: jsonb('changed_fields').$type<string[]>().notNull(),
    before: jsonb('before').$type<Record<string, unknown> | null>(),
    after: jsonb('after').$type<Record<string, unknown> | null>(),
    access: jsonb('access').$type<EventAccess>().notNull(),
    /**
     * `access`, in columns the change feed's visibility condition reads (store/change-log.ts):
     * the record's level, whether it was a draft, its owner and the organisations granted it.
     */
    accessLevel: text('access_level').$type<EventAccess['level']>().notNull(),
    draft: boolean('draft').notNull().default(false),
    ownerOrganizationId: text('owner_organization_id'),
    grantedOrganizationIds: text('granted_organization_ids')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
  },
  (table) => [
    index('change_log_type_idx').on(table.type, table.sequence),
    index('change_log_entity_type_idx').on(table.entityType, table.sequence),
    index('change_log_entity_idx').on(table.entityId, table.sequence),
    index('change_log_access_idx').on(table.accessLevel, table.sequence),
    index('change_log_owner_idx').on(table.ownerOrganizationId, table.sequence),
    index('change_log_recorded_idx').on(table.recordedAt),
  ],
);

/** An endpoint's lifecycle: ACTIVE receives, PAUSED holds deliveries, DISABLED gets none. */
export type WebhookEndpointStatus = 'ACTIVE' | 'PAUSED' | 'DISABLED';

/** Which events an endpoint wants; each given list must match (empty or absent = any). */
export interface WebhookFilter {
  types: string[];
  entityTypes: string[];
  entityIds: string[];
}

/**
 * Webhook endpoints (điểm nhận webhook). The owner is a snapshot of the caller who created
 * it: an endpoint receives only the events that caller may see. Secrets are stored
 * encrypted when WEBHOOKS_ENCRYPTION_KEY is set, and never returned after they are issued.
 */
export const webhookEndpoints = integrationsSchema.table(
  'webhook_endpoints',
  {
    id: text('id').primaryKey(),
    url: text('url').notNull(),
    description: text('description'),
    ownerRole: text('owner_role').$type<Role>().notNull(),
    ownerOrganizationId: text('owner_organization_id'),
    ownerSubject: text('owner_subject'),
    filter: jsonb('filter').$type<WebhookFilter>().notNull(),
    status: text('status').$type<WebhookEndpointStatus>().notNull().default('ACTIVE'),
    statusReason: text('status_reason'),
    secret: text('secret').notNull(),
    previousSecret: text('previous_secret'),
    previousSecretExpiresAt: timestamp('previous_secret_expires_at', { withTimezone: true }),
    /** Events at or below this change-log sequence happened before the endpoint existed. */
    startAfterSequence: bigint('start_after_sequence', { mode: 'number' }).notNull(),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (table) => [
    index('webhook_endpoints_owner_idx').on(table.ownerSubject, table.createdAt, table.id),
    index('webhook_endpoints_status_idx').on(table.status),
    index('webhook_endpoints_created_idx').on(table.createdAt, table.id),
  ],
);

/**
 * PENDING: waiting for its first attempt. DELIVERING: leased by a worker. SUCCEEDED: a 2xx.
 * FAILED: the last attempt failed and another is scheduled. DEAD: no more attempts (retry
 * window exhausted, or the endpoint was disabled).
 */
export type WebhookDeliveryStatus = 'PENDING' | 'DELIVERING' | 'SUCCEEDED' | 'FAILED' | 'DEAD';

/** One event for one endpoint, with its retry state and lease. */
export const webhookDeliveries = integrationsSchema.table(
  'webhook_deliveries',
  {
    id: text('id').primaryKey(),
    endpointId: text('endpoint_id')
      .notNull()
      .references(() => webhookEndpoints.id, { onDelete: 'cascade' }),
    /** The change's sequence in the log; null for pings. */
    sequence: bigint('sequence', { mode: 'number' }),
    eventId: text('event_id').notNull(),
    eventType: text('event_type').notNull(),
    /** `EntityType:id`: deliveries of one entity to one endpoint go out in sequence order. */
    entityKey: text('entity_key').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    status: text('status').$type<WebhookDeliveryStatus>().notNull().default('PENDING'),
    attemptCount: integer('attempt_count').notNull().default(0),
    firstAttemptAt: timestamp('first_attempt_at', { withTimezone: true }),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull(),
    leaseOwner: text('lease_owner'),
    leaseExpiresAt: timestamp('lease_expires_at', { withTimezone: true }),
    lastResponseCode: integer('last_response_code'),
    lastLatencyMs: integer('last_latency_ms'),
    lastError: text('last_error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (table) => [
    uniqueIndex('webhook_deliveries_endpoint_sequence_idx').on(table.endpointId, table.sequence),
    index('webhook_deliveries_due_idx')
      .on(table.nextAttemptAt)
      .where(sql`status in ('PENDING', 'FAILED', 'DELIVERING')`),
    index('webhook_deliveries_entity_idx').on(table.endpointId, table.entityKey, table.sequence),
    index('webhook_deliveries_list_idx').on(table.endpointId, table.createdAt, table.id),
    index('webhook_deliveries_status_idx').on(table.endpointId, table.status),
    /** Pruning (retention.ts): finished deliveries by when they finished. */
    index('webhook_deliveries_finished_idx')
      .on(table.updatedAt)
      .where(sql`status in ('SUCCEEDED', 'DEAD')`),
  ],
);

/** The delivery log: one row per HTTP attempt. */
export const webhookAttempts = integrationsSchema.table(
  'webhook_attempts',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    deliveryId: text('delivery_id')
      .notNull()
      .references(() => webhookDeliveries.id, { onDelete: 'cascade' }),
    attempt: integer('attempt').notNull(),
    attemptedAt: timestamp('attempted_at', { withTimezone: true }).notNull(),
    responseCode: integer('response_code'),
    latencyMs: integer('latency_ms').notNull(),
    error: text('error'),
    instance: text('instance').notNull(),
  },
  (table) => [index('webhook_attempts_delivery_idx').on(table.deliveryId, table.attempt)],
);

/**
 * The fan-out watermark (one row): every change-log event at or below `fannedOutTo` has its
 * deliveries. Safe as a single number because change-log sequence order is commit order.
 */
export const webhookDispatchState = integrationsSchema.table('webhook_dispatch_state', {
  id: integer('id').primaryKey(),
  fannedOutTo: bigint('fanned_out_to', { mode: 'number' }).notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});

/** API key roles: never admin (admins sign in with tokens) and never public (that needs no key). */
export type ApiKeyRole = Extract<Role, 'partner' | 'editor' | 'integrator'>;

/**
 * API keys (khóa API) for server-to-server callers. The key itself (`sti_...`) is shown once
 * at creation and never stored: only its SHA-256, which the gateway's lookup
 * (`/internal/api-keys/verify`) matches. A key carries 256 random bits, so a fast hash is
 * enough: guessing a key is as hard as guessing the hash's preimage, and no dictionary helps
 * (a slow password hash is for secrets people choose).
 */
export const apiKeys = integrationsSchema.table(
  'api_keys',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    /** The key's first characters (`sti_` and 8 more), to recognise it in lists and logs. */
    prefix: text('prefix').notNull(),
    /** SHA-256 (hex) of the whole key. */
    secretHash: text('secret_hash').notNull(),
    role: text('role').$type<ApiKeyRole>().notNull(),
    organizationId: text('organization_id'),
    domains: text('domains')
      .array()
      .$type<Domain[]>()
      .notNull()
      .default(sql`'{}'::text[]`),
    scopes: text('scopes')
      .array()
      .$type<Scope[]>()
      .notNull()
      .default(sql`'{}'::text[]`),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    createdBy: text('created_by'),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    revokedBy: text('revoked_by'),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
  },
  (table) => [
    uniqueIndex('api_keys_secret_hash_idx').on(table.secretHash),
    index('api_keys_created_idx').on(table.createdAt, table.id),
    index('api_keys_organization_idx').on(table.organizationId, table.createdAt, table.id),
    index('api_keys_role_idx').on(table.role, table.createdAt, table.id),
    index('api_keys_unrevoked_idx')
      .on(table.expiresAt)
      .where(sql`revoked_at is null`),
  ],
);

/**
 * The audit log (nhật ký kiểm toán): every write, who made it, when and from where. Rows come
 * from change events at ingest (in the transaction that appends them to the change log) and
 * from this subgraph's own writes (API keys, webhook endpoints). Unlike the change log it is not pruned after
 * 30 days: see retention.ts (`AUDIT_LOG_RETENTION_DAYS`, unset = kept for good).
 */
export const auditLog = integrationsSchema.table(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    /** The change event this row records; null for writes that are not change events (API keys, webhook endpoints). */
    eventId: text('event_id').unique(),
    type: text('type').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id').notNull(),
    operation: text('operation').$type<ChangeOperation>().notNull(),
    changedFields: jsonb('changed_fields').$type<string[]>().notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
    /** The subgraph where the write happened. */
    source: text('source').notNull(),
    actorRole: text('actor_role').$type<Role>().notNull(),
    actorSubject: text('actor_subject'),
    actorOrganizationId: text('actor_organization_id'),
    actorCredential: text('actor_credential').$type<NonNullable<Caller['credential']>>(),
    requestId: text('request_id'),
    ip: text('ip'),
    userAgent: text('user_agent'),
  },
  (table) => [
    index('audit_log_occurred_idx').on(table.occurredAt, table.id),
    index('audit_log_actor_subject_idx').on(table.actorSubject, table.occurredAt, table.id),
    index('audit_log_actor_organization_idx').on(table.actorOrganizationId, table.occurredAt, table.id),
    index('audit_log_entity_type_idx').on(table.entityType, table.occurredAt, table.id),
    index('audit_log_entity_idx').on(table.entityId, table.occurredAt, table.id),
  ],
);
