import { boolean, index, jsonb, pgSchema, text, timestamp } from 'drizzle-orm/pg-core';
import { relations } from 'drizzle-orm';
import type { Provenance } from '../../kernel/provenance';

/** Everything this subgraph stores lives in the `programmes` PostgreSQL schema. */
export const programmesSchema = pgSchema('programmes');

export const organizationKind = programmesSchema.enum('organization_kind', [
  'PARTY_BODY',
  'PEOPLES_COMMITTEE',
  'CITY_DEPARTMENT',
  'MINISTRY',
  'STEERING_COMMITTEE',
  'UNIVERSITY',
  'RESEARCH_INSTITUTE',
  'ENTERPRISE',
  'OTHER',
]);

export const organizations = programmesSchema.table(
  'organizations',
  {
    id: text('id').primaryKey(),
    nameVi: text('name_vi').notNull(),
    nameEn: text('name_en'),
    shortName: text('short_name'),
    kind: organizationKind('kind').notNull(),
    parentId: text('parent_id'),
    website: text('website'),
    /** Folded name, short name and English name, for diacritics-insensitive search. */
    searchText: text('search_text').notNull(),
    synthetic: boolean('synthetic').notNull().default(false),
    provenance: jsonb('provenance').$type<Provenance>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index('organizations_name_idx').on(table.nameVi, table.id),
    index('organizations_kind_idx').on(table.kind),
    index('organizations_parent_idx').on(table.parentId),
    index('organizations_search_idx').using('gin', table.searchText.op('gin_trgm_ops')),
  ],
);

export const organizationRelations = relations(organizations, ({ one, many }) => ({
  parent: one(organizations, { fields: [organizations.parentId], references: [organizations.id], relationName: 'parent' }),
  children: many(organizations, { relationName: 'parent' }),
}));
