import { relations } from 'drizzle-orm';
import { boolean, index, jsonb, pgSchema, text, timestamp } from 'drizzle-orm/pg-core';
import type { Provenance } from '../../kernel/provenance';

/** Everything this subgraph stores lives in the `startups` PostgreSQL schema. */
export const startupsSchema = pgSchema('startups');

export const hubKind = startupsSchema.enum('hub_kind', [
  'HI_TECH_PARK',
  'INCUBATOR',
  'ACCELERATOR',
  'INNOVATION_CENTRE',
  'TECHNOLOGY_EXCHANGE',
  'CREATIVE_DESIGN_CENTRE',
  'SOFTWARE_PARK',
  'CO_WORKING',
]);

export const hubs = startupsSchema.table(
  'hubs',
  {
    id: text('id').primaryKey(),
    kind: hubKind('kind').notNull(),
    nameVi: text('name_vi').notNull(),
    nameEn: text('name_en'),
    /** An Organization of the programmes subgraph (federation key only). */
    operatorId: text('operator_id'),
    parentId: text('parent_id'),
    address: text('address'),
    district: text('district'),
    searchText: text('search_text').notNull(),
    synthetic: boolean('synthetic').notNull().default(false),
    provenance: jsonb('provenance').$type<Provenance>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index('hubs_name_idx').on(table.nameVi, table.id),
    index('hubs_kind_idx').on(table.kind),
    index('hubs_operator_idx').on(table.operatorId),
    index('hubs_parent_idx').on(table.parentId),
    index('hubs_search_idx').using('gin', table.searchText.op('gin_trgm_ops')),
  ],
);

export const hubRelations = relations(hubs, ({ one }) => ({
  parent: one(hubs, { fields: [hubs.parentId], references: [hubs.id] }),
}));
