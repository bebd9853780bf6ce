import { bigserial, index, integer, jsonb, pgSchema, text, timestamp } from 'drizzle-orm/pg-core';
import type { ChangeOperation, EventAccess, EventActor } from '../../kernel/outbox';

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
    accessLevel: text('access_level').$type<EventAccess['level']>().notNull(),
  },
  (table) => [
    index('change_log_type_idx').on(table.type, table.sequence),
    index('change_log_entity_type_idx').on(table.entityType, table.sequence),
    index('change_log_entity_idx').on(table.entityId, table.sequence),
    index('change_log_access_idx').on(table.accessLevel, table.sequence),
    index('change_log_recorded_idx').on(table.recordedAt),
  ],
);
