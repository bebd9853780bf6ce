import { sql } from 'drizzle-orm';
import { bigint, date, index, integer, jsonb, pgSchema, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { idempotencyKeysTable, outboxTable } from '../../kernel/subgraph/outbox';
import type { Provenance } from '../../kernel/reference/provenance';
import { ACCESS_LEVELS, FILE_FORMATS, UPDATE_FREQUENCIES } from '../vocabularies';
import { recordColumns } from '../../kernel/reference/columns';

/** Everything this subgraph stores lives in the `catalogue` PostgreSQL schema. */
export const catalogueSchema = pgSchema('catalogue');

export const accessLevel = catalogueSchema.enum('access_level', ACCESS_LEVELS);
export const updateFrequency = catalogueSchema.enum('update_frequency', UPDATE_FREQUENCIES);
export const fileFormat = catalogueSchema.enum('file_format', FILE_FORMATS);
export const checksumAlgorithm = catalogueSchema.enum('checksum_algorithm', ['SHA256', 'SHA1', 'MD5']);
/**
 * A DRAFT is not published yet: seen only as ACCESS_RULES.draftRecord allows (partners, editors
 * of its publisher, admins) and never exported. A withdrawn dataset stays as a tombstone
 * (lookups by id or identifier still answer) but leaves lists, facets and exports.
 */
export const datasetStatus = catalogueSchema.enum('dataset_status', ['DRAFT', 'PUBLISHED', 'WITHDRAWN']);

export interface ContactPointValue {
  name: string;
  email: string | null;
  url: string | null;
}

export interface SpatialValue {
  nameVi: string;
  nameEn: string | null;
  uri: string | null;
}

// ---------------------------------------------------------------------------------------------
// Dataset series (dcat:DatasetSeries)

export const datasetSeries = catalogueSchema.table(
  'dataset_series',
  {
    id: text('id').primaryKey(),
    titleVi: text('title_vi').notNull(),
    titleEn: text('title_en'),
    descriptionVi: text('description_vi'),
    descriptionEn: text('description_en'),
    updateFrequency: updateFrequency('update_frequency'),
    ...recordColumns(),
  },
  (table) => [index('dataset_series_title_idx').on(table.titleVi, table.id)],
);

// ---------------------------------------------------------------------------------------------
// Datasets (dcat:Dataset)

export const datasets = catalogueSchema.table(
  'datasets',
  {
    id: text('id').primaryKey(),
    /** dct:identifier: a readable, unique key, e.g. `so-khdt-chi-tieu-ctr07`. */
    identifier: text('identifier').notNull(),
    titleVi: text('title_vi').notNull(),
    titleEn: text('title_en'),
    descriptionVi: text('description_vi'),
    descriptionEn: text('description_en'),
    /** An Organization of the programmes subgraph (federation key only). */
    publisherId: text('publisher_id'),
    contactPoint: jsonb('contact_point').$type<ContactPointValue>(),
    /** DCAT-AP data theme codes. */
    themes: text('themes').array().notNull().default([]),
    keywords: text('keywords').array().notNull().default([]),
    accessLevel: accessLevel('access_level').notNull(),
    /** SPDX id of the licence (see vocabularies.ts). */
    licenceId: text('licence_id'),
    updateFrequency: updateFrequency('update_frequency'),
    temporalStart: date('temporal_start', { mode: 'string' }),
    temporalEnd: date('temporal_end', { mode: 'string' }),
    spatial: jsonb('spatial').$type<SpatialValue>(),
    issued: date('issued', { mode: 'string' }),
    modified: date('modified', { mode: 'string' }),
    lastReviewed: date('last_reviewed', { mode: 'string' }),
    versionInfo: text('version_info'),
    landingPage: text('landing_page'),
    seriesId: text('series_id').references(() => datasetSeries.id),
    /** The formats of the dataset's distributions, kept in step at write time for the format filter and facet. */
    formats: text('formats').array().notNull().default([]),
    /** Decree 47 deadlines, computed at write time (rules/decree47.ts). */
    reviewDueOn: date('review_due_on', { mode: 'string' }),
    updateDueOn: date('update_due_on', { mode: 'string' }),
    /** Metadata quality by dimension, 0..100, computed at write time (rules/quality.ts). */
    qualityFindability: integer('quality_findability').notNull(),
    qualityAccessibility: integer('quality_accessibility').notNull(),
    qualityInteroperability: integer('quality_interoperability').notNull(),
    qualityReusability: integer('quality_reusability').notNull(),
    qualityContextuality: integer('quality_contextuality').notNull(),
    qualityPoints: integer('quality_points').notNull(),
    qualityScore: integer('quality_score').notNull(),
    /** Folded identifier, titles, descriptions and keywords, for diacritics-insensitive search. */
    searchText: text('search_text').notNull(),
    status: datasetStatus('status').notNull().default('PUBLISHED'),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
    withdrawalReason: text('withdrawal_reason'),
    ...recordColumns(),
  },
  (table) => [
    uniqueIndex('datasets_identifier_idx').on(table.identifier),
    index('datasets_title_idx').on(table.titleVi, table.id),
    index('datasets_quality_idx').on(table.qualityScore, table.id),
    index('datasets_publisher_idx').on(table.publisherId),
    index('datasets_access_level_idx').on(table.accessLevel),
    index('datasets_licence_idx').on(table.licenceId),
    index('datasets_series_idx').on(table.seriesId),
    index('datasets_review_due_idx').on(table.reviewDueOn),
    index('datasets_update_due_idx').on(table.updateDueOn),
    index('datasets_synthetic_idx').on(table.synthetic),
    index('datasets_status_idx').on(table.status),
    index('datasets_themes_idx').using('gin', table.themes),
    index('datasets_formats_idx').using('gin', table.formats),
    index('datasets_search_idx').using('gin', table.searchText.op('gin_trgm_ops')),
  ],
);

// ---------------------------------------------------------------------------------------------
// Distributions (dcat:Distribution)

export const distributions = catalogueSchema.table(
  'distributions',
  {
    id: text('id').primaryKey(),
    datasetId: text('dataset_id')
      .notNull()
      .references(() => datasets.id, { onDelete: 'cascade' }),
    /** Order within the dataset. */
    position: integer('position').notNull(),
    titleVi: text('title_vi').notNull(),
    titleEn: text('title_en'),
    format: fileFormat('format'),
    mediaType: text('media_type'),
    accessUrl: text('access_url'),
    downloadUrl: text('download_url'),
    byteSize: bigint('byte_size', { mode: 'number' }),
    checksumAlgorithm: checksumAlgorithm('checksum_algorithm'),
    checksumValue: text('checksum_value'),
    issued: date('issued', { mode: 'string' }),
    modified: date('modified', { mode: 'string' }),
    licenceId: text('licence_id'),
    ...recordColumns(),
  },
  (table) => [index('distributions_dataset_idx').on(table.datasetId, table.position)],
);

// ---------------------------------------------------------------------------------------------
// Access grants: the publisher of a RESTRICTED dataset shares it with named organisations

export const datasetAccessGrants = catalogueSchema.table(
  'dataset_access_grants',
  {
    id: text('id').primaryKey(),
    datasetId: text('dataset_id')
      .notNull()
      .references(() => datasets.id, { onDelete: 'cascade' }),
    /** The organisation granted access: an Organization of the programmes subgraph (federation key only). */
    organizationId: text('organization_id').notNull(),
    /** Subject of the credential that granted it (a token's `sub`, `apikey:<id>`). */
    grantedBy: text('granted_by'),
    grantedAt: timestamp('granted_at', { withTimezone: true }).notNull(),
    /** Last day (Vietnam time) the grant applies; null: until revoked. */
    expiresOn: date('expires_on', { mode: 'string' }),
    note: text('note'),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    revokedBy: text('revoked_by'),
    ...recordColumns(),
  },
  (table) => [
    // At most one grant in force per dataset and organisation; it also serves the visibility
    // check `exists (... where dataset_id = ? and organization_id = ? and revoked_at is null)`.
    uniqueIndex('dataset_access_grants_active_idx')
      .on(table.datasetId, table.organizationId)
      .where(sql`revoked_at is null`),
    index('dataset_access_grants_dataset_idx').on(table.datasetId, table.grantedAt),
    index('dataset_access_grants_organization_idx')
      .on(table.organizationId, table.datasetId)
      .where(sql`revoked_at is null`),
  ],
);

// ---------------------------------------------------------------------------------------------
// Lineage: which datasets feed which indicators (Indicator is owned by programmes)

export const datasetIndicators = catalogueSchema.table(
  'dataset_indicators',
  {
    datasetId: text('dataset_id')
      .notNull()
      .references(() => datasets.id, { onDelete: 'cascade' }),
    /** An Indicator of the programmes subgraph (federation key only). */
    indicatorId: text('indicator_id').notNull(),
    provenance: jsonb('provenance').$type<Provenance>().notNull(),
  },
  (table) => [primaryKey({ columns: [table.datasetId, table.indicatorId] }), index('dataset_indicators_indicator_idx').on(table.indicatorId)],
);

// ---------------------------------------------------------------------------------------------
// Data services (dcat:DataService)

export const dataServices = catalogueSchema.table(
  'data_services',
  {
    id: text('id').primaryKey(),
    titleVi: text('title_vi').notNull(),
    titleEn: text('title_en'),
    descriptionVi: text('description_vi'),
    descriptionEn: text('description_en'),
    /** Absolute URL, or a path on the graph's public origin (for this graph's own endpoint). */
    endpointUrl: text('endpoint_url').notNull(),
    endpointDescription: text('endpoint_description'),
    /** The standard the API follows, e.g. the GraphQL specification. */
    conformsTo: text('conforms_to'),
    publisherId: text('publisher_id'),
    ...recordColumns(),
  },
  (table) => [index('data_services_title_idx').on(table.titleVi, table.id), index('data_services_publisher_idx').on(table.publisherId)],
);

export const dataServiceDatasets = catalogueSchema.table(
  'data_service_datasets',
  {
    serviceId: text('service_id')
      .notNull()
      .references(() => dataServices.id, { onDelete: 'cascade' }),
    datasetId: text('dataset_id')
      .notNull()
      .references(() => datasets.id, { onDelete: 'cascade' }),
  },
  (table) => [primaryKey({ columns: [table.serviceId, table.datasetId] }), index('data_service_datasets_dataset_idx').on(table.datasetId)],
);

// Writes: every mutation commits its change event here, in the same transaction (kernel/subgraph/outbox.ts).
export const outbox = outboxTable(catalogueSchema);
export const idempotencyKeys = idempotencyKeysTable(catalogueSchema);
