import { boolean, integer, jsonb, timestamp } from 'drizzle-orm/pg-core';
import type { Provenance } from './provenance';

/**
 * Columns every record table of every subgraph has: where the record comes from (and whether
 * it is synthetic demo data), its version for optimistic concurrency, and its timestamps.
 */
export const recordColumns = () => ({
  synthetic: boolean('synthetic').notNull().default(false),
  provenance: jsonb('provenance').$type<Provenance>().notNull(),
  version: integer('version').notNull().default(1),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
