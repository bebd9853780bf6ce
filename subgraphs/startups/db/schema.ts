import { sql } from 'drizzle-orm';
import { boolean, check, date, doublePrecision, index, integer, jsonb, numeric, pgSchema, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { idempotencyKeysTable, outboxTable } from '../../kernel/subgraph/outbox';
import { recordColumns } from '../../kernel/reference/columns';
import type { Provenance } from '../../kernel/reference/provenance';

/** A figure a source reports about a hub, with its citation (GraphQL type `HubFigure`). */
export interface HubFigure {
  measureVi: string;
  measureEn: string;
  value: number;
  unit: string;
  /** How the source qualifies the value: `NEARLY` ("gần"), `PLANNED` (a planned size), or `EXACT`. */
  qualifier: 'EXACT' | 'NEARLY' | 'PLANNED';
  statementVi: string;
  statementEn: string;
  provenance: Provenance;
}

/** Everything this subgraph stores lives in the `startups` PostgreSQL schema. */
export const startupsSchema = pgSchema('startups');

export const HUB_KINDS = [
  'HI_TECH_PARK',
  'INCUBATOR',
  'ACCELERATOR',
  'INNOVATION_CENTRE',
  'TECHNOLOGY_EXCHANGE',
  'CREATIVE_DESIGN_CENTRE',
  'SOFTWARE_PARK',
  'CO_WORKING',
] as const;
export const HUB_STATUSES = ['PLANNED', 'UNDER_CONSTRUCTION', 'OPERATING', 'CLOSED'] as const;
export const COORDINATE_PRECISIONS = ['SITE', 'AREA'] as const;
export const SECTORS = [
  'ARTIFICIAL_INTELLIGENCE',
  'SOFTWARE',
  'FINTECH',
  'EDTECH',
  'HEALTHTECH',
  'BIOTECH',
  'AGRITECH',
  'ECOMMERCE',
  'LOGISTICS',
  'CLEANTECH',
  'SMART_CITY',
  'IOT_ELECTRONICS',
  'MANUFACTURING',
  'CREATIVE_DESIGN',
  'TOURISM',
] as const;
export const STARTUP_STAGES = ['PROTOTYPE', 'EARLY_REVENUE', 'GROWTH', 'SCALE_UP'] as const;
export const STARTUP_STATUSES = ['ACTIVE', 'ACQUIRED', 'CLOSED'] as const;
export const CERTIFICATION_KINDS = ['ST_ENTERPRISE', 'HIGH_TECH_ENTERPRISE'] as const;
export const PROJECT_STAGES = ['IDEA', 'INCUBATED', 'INCORPORATED', 'FUNDED', 'STOPPED'] as const;
export const SUPPORT_KINDS = ['INCUBATION', 'GRANT', 'TRAINING', 'MENTORING', 'TECHNOLOGY_TRANSFER', 'OTHER'] as const;
export const PARTICIPATION_OUTCOMES = ['IN_PROGRESS', 'GRADUATED', 'INCORPORATED', 'FUNDED', 'WITHDREW'] as const;
export const ROUND_TYPES = ['GRANT', 'ANGEL', 'PRE_SEED', 'SEED', 'SERIES_A', 'SERIES_B', 'SERIES_C_PLUS', 'DEBT', 'CROWDFUNDING', 'OTHER'] as const;

export const hubKind = startupsSchema.enum('hub_kind', HUB_KINDS);
export const hubStatus = startupsSchema.enum('hub_status', HUB_STATUSES);
export const coordinatePrecision = startupsSchema.enum('coordinate_precision', COORDINATE_PRECISIONS);
export const sector = startupsSchema.enum('sector', SECTORS);
export const startupStage = startupsSchema.enum('startup_stage', STARTUP_STAGES);
export const startupStatus = startupsSchema.enum('startup_status', STARTUP_STATUSES);
export const certificationKind = startupsSchema.enum('certification_kind', CERTIFICATION_KINDS);
export const projectStage = startupsSchema.enum('project_stage', PROJECT_STAGES);
export const supportKind = startupsSchema.enum('support_kind', SUPPORT_KINDS);
export const participationOutcome = startupsSchema.enum('participation_outcome', PARTICIPATION_OUTCOMES);
export const roundType = startupsSchema.enum('round_type', ROUND_TYPES);

export const hubs = startupsSchema.table(
  'hubs',
  {
    id: text('id').primaryKey(),
    kind: hubKind('kind').notNull(),
    status: hubStatus('status').notNull(),
    nameVi: text('name_vi').notNull(),
    nameEn: text('name_en'),
    /** Other names the sources use for the same place. */
    aliases: text('aliases')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /** An Organization of the programmes subgraph (federation key only). */
    operatorId: text('operator_id'),
    parentId: text('parent_id'),
    address: text('address'),
    district: text('district'),
    latitude: doublePrecision('latitude'),
    longitude: doublePrecision('longitude'),
    coordinatePrecision: coordinatePrecision('coordinate_precision'),
    focusSectors: sector('focus_sectors')
      .array()
      .notNull()
      .default(sql`'{}'::startups.sector[]`),
    establishedOn: date('established_on', { mode: 'string' }),
    capacity: integer('capacity'),
    /** Figures a source reports about the place (engineers working there, a planned satellite city's population), each cited. */
    reportedFigures: jsonb('reported_figures')
      .$type<HubFigure[]>()
      .notNull()
      .default(sql`'[]'::jsonb`),
    searchText: text('search_text').notNull(),
    ...recordColumns(),
  },
  (table) => [
    index('hubs_name_idx').on(table.nameVi, table.id),
    index('hubs_kind_idx').on(table.kind),
    index('hubs_status_idx').on(table.status),
    index('hubs_district_idx').on(table.district),
    index('hubs_operator_idx').on(table.operatorId),
    index('hubs_parent_idx').on(table.parentId),
    index('hubs_synthetic_idx').on(table.synthetic),
    // Bounding-box prefilter of the near-a-point query.
    index('hubs_location_idx').on(table.latitude, table.longitude),
    index('hubs_search_idx').using('gin', table.searchText.op('gin_trgm_ops')),
    check('hubs_latitude_range', sql`${table.latitude} between -90 and 90`),
    check('hubs_longitude_range', sql`${table.longitude} between -180 and 180`),
    check('hubs_capacity_positive', sql`${table.capacity} >= 0`),
  ],
);

/** A project before or beside incorporation (dự án khởi nghiệp): what the 1,000-projects target counts. */
export const projects = startupsSchema.table(
  'projects',
  {
    id: text('id').primaryKey(),
    titleVi: text('title_vi').notNull(),
    titleEn: text('title_en'),
    summary: text('summary'),
    /** Team members: name and role (synthetic people only in the demo data). */
    team: jsonb('team')
      .$type<Array<{ name: string; role: string }>>()
      .notNull()
      .default(sql`'[]'::jsonb`),
    sectors: sector('sectors')
      .array()
      .notNull()
      .default(sql`'{}'::startups.sector[]`),
    district: text('district'),
    /** Current lifecycle stage: the stage of the latest transition (kept in step by the writer). */
    stage: projectStage('stage').notNull(),
    startedOn: date('started_on', { mode: 'string' }).notNull(),
    searchText: text('search_text').notNull(),
    ...recordColumns(),
  },
  (table) => [
    index('projects_title_idx').on(table.titleVi, table.id),
    index('projects_stage_idx').on(table.stage),
    index('projects_started_idx').on(table.startedOn),
    index('projects_district_idx').on(table.district),
    index('projects_sectors_idx').using('gin', table.sectors),
    index('projects_synthetic_idx').on(table.synthetic),
    index('projects_search_idx').using('gin', table.searchText.op('gin_trgm_ops')),
  ],
);

/** Dated lifecycle transitions of a project (idea → incubated → incorporated → funded, or stopped). */
export const projectTransitions = startupsSchema.table(
  'project_transitions',
  {
    id: text('id').primaryKey(),
    projectId: text('project_id')
      .notNull()
      .references(() => projects.id),
    stage: projectStage('stage').notNull(),
    occurredOn: date('occurred_on', { mode: 'string' }).notNull(),
    note: text('note'),
    synthetic: boolean('synthetic').notNull().default(false),
  },
  (table) => [
    index('project_transitions_project_idx').on(table.projectId, table.occurredOn),
    index('project_transitions_stage_idx').on(table.stage, table.occurredOn),
  ],
);

/** Support a programme (owned by the programmes subgraph) gave a project. */
export const projectSupports = startupsSchema.table(
  'project_supports',
  {
    id: text('id').primaryKey(),
    projectId: text('project_id')
      .notNull()
      .references(() => projects.id),
    /** A Programme of the programmes subgraph (federation key only). */
    programmeId: text('programme_id').notNull(),
    kind: supportKind('kind').notNull(),
    startedOn: date('started_on', { mode: 'string' }).notNull(),
    endedOn: date('ended_on', { mode: 'string' }),
    ...recordColumns(),
  },
  (table) => [
    index('project_supports_project_idx').on(table.projectId),
    index('project_supports_programme_idx').on(table.programmeId, table.projectId),
    check('project_supports_dates', sql`${table.endedOn} is null or ${table.endedOn} >= ${table.startedOn}`),
  ],
);

/** An incorporated company (doanh nghiệp khởi nghiệp). */
export const startups = startupsSchema.table(
  'startups',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    /** Mã số doanh nghiệp: the enterprise registration code. */
    registrationCode: text('registration_code').notNull(),
    foundedOn: date('founded_on', { mode: 'string' }).notNull(),
    sectors: sector('sectors')
      .array()
      .notNull()
      .default(sql`'{}'::startups.sector[]`),
    stage: startupStage('stage').notNull(),
    status: startupStatus('status').notNull(),
    district: text('district'),
    address: text('address'),
    website: text('website'),
    teamSize: integer('team_size'),
    /** The project this company grew from, if any. */
    projectId: text('project_id').references(() => projects.id),
    searchText: text('search_text').notNull(),
    ...recordColumns(),
  },
  (table) => [
    // The directory index: list order first, then every column a plain filter reads, so a
    // filtered page's ids come from an index-only walk (store/startups.ts, filteredStartups).
    index('startups_directory_idx').on(
      table.name,
      table.id,
      table.sectors,
      table.stage,
      table.status,
      table.district,
      table.foundedOn,
      table.synthetic,
      table.projectId,
    ),
    uniqueIndex('startups_registration_code_idx').on(table.registrationCode),
    index('startups_founded_idx').on(table.foundedOn),
    index('startups_stage_idx').on(table.stage),
    index('startups_status_idx').on(table.status),
    // District with founding date: counting a district's startups founded in a span reads the index only.
    index('startups_district_idx').on(table.district, table.foundedOn),
    index('startups_project_idx').on(table.projectId),
    index('startups_sectors_idx').using('gin', table.sectors),
    index('startups_synthetic_idx').on(table.synthetic),
    index('startups_search_idx').using('gin', table.searchText.op('gin_trgm_ops')),
    check('startups_team_size_positive', sql`${table.teamSize} >= 0`),
  ],
);

/** A certification of a startup: S&T enterprise (doanh nghiệp KH&CN) or high-tech enterprise (doanh nghiệp công nghệ cao). */
export const certifications = startupsSchema.table(
  'certifications',
  {
    id: text('id').primaryKey(),
    startupId: text('startup_id')
      .notNull()
      .references(() => startups.id),
    kind: certificationKind('kind').notNull(),
    certificateNumber: text('certificate_number'),
    issuedOn: date('issued_on', { mode: 'string' }).notNull(),
    expiresOn: date('expires_on', { mode: 'string' }),
    ...recordColumns(),
  },
  (table) => [
    index('certifications_startup_idx').on(table.startupId),
    index('certifications_kind_idx').on(table.kind, table.startupId),
    check('certifications_dates', sql`${table.expiresOn} is null or ${table.expiresOn} >= ${table.issuedOn}`),
  ],
);

/** An intake of a hub (khóa ươm tạo, đợt tăng tốc). */
export const cohorts = startupsSchema.table(
  'cohorts',
  {
    id: text('id').primaryKey(),
    hubId: text('hub_id')
      .notNull()
      .references(() => hubs.id),
    name: text('name').notNull(),
    startsOn: date('starts_on', { mode: 'string' }).notNull(),
    endsOn: date('ends_on', { mode: 'string' }),
    searchText: text('search_text').notNull(),
    ...recordColumns(),
  },
  (table) => [
    index('cohorts_hub_idx').on(table.hubId, table.startsOn, table.id),
    index('cohorts_starts_idx').on(table.startsOn, table.id),
    check('cohorts_dates', sql`${table.endsOn} is null or ${table.endsOn} >= ${table.startsOn}`),
  ],
);

/** One participant of a cohort: a startup or a project (exactly one), with its outcome. */
export const participations = startupsSchema.table(
  'participations',
  {
    id: text('id').primaryKey(),
    cohortId: text('cohort_id')
      .notNull()
      .references(() => cohorts.id),
    startupId: text('startup_id').references(() => startups.id),
    projectId: text('project_id').references(() => projects.id),
    joinedOn: date('joined_on', { mode: 'string' }).notNull(),
    leftOn: date('left_on', { mode: 'string' }),
    outcome: participationOutcome('outcome').notNull(),
    ...recordColumns(),
  },
  (table) => [
    index('participations_cohort_idx').on(table.cohortId, table.joinedOn, table.id),
    // The hub filter's participant lists read from the index alone (store/startups.ts participatedInHub).
    index('participations_cohort_participant_idx').on(table.cohortId, table.startupId, table.projectId),
    index('participations_startup_idx').on(table.startupId),
    index('participations_project_idx').on(table.projectId),
    check('participations_one_participant', sql`(${table.startupId} is null) <> (${table.projectId} is null)`),
    check('participations_dates', sql`${table.leftOn} is null or ${table.leftOn} >= ${table.joinedOn}`),
  ],
);

/** Money a startup raised (vòng gọi vốn) or received as a grant. */
export const fundingRounds = startupsSchema.table(
  'funding_rounds',
  {
    id: text('id').primaryKey(),
    startupId: text('startup_id')
      .notNull()
      .references(() => startups.id),
    type: roundType('type').notNull(),
    announcedOn: date('announced_on', { mode: 'string' }).notNull(),
    amount: numeric('amount', { precision: 20, scale: 2, mode: 'number' }),
    /** ISO 4217 code; present whenever `amount` is. */
    currency: text('currency'),
    /** Investors by name, each optionally an Organization of the programmes subgraph. */
    investors: jsonb('investors')
      .$type<Array<{ name: string; organizationId: string | null }>>()
      .notNull()
      .default(sql`'[]'::jsonb`),
    ...recordColumns(),
  },
  (table) => [
    index('funding_rounds_startup_idx').on(table.startupId, table.announcedOn),
    index('funding_rounds_announced_idx').on(table.announcedOn, table.id),
    index('funding_rounds_type_idx').on(table.type),
    index('funding_rounds_currency_idx').on(table.currency),
    check('funding_rounds_amount_positive', sql`${table.amount} >= 0`),
    check('funding_rounds_currency_with_amount', sql`(${table.amount} is null) = (${table.currency} is null)`),
  ],
);

// Writes: every mutation commits its change event here, in the same transaction (kernel/subgraph/outbox.ts).
export const outbox = outboxTable(startupsSchema);
export const idempotencyKeys = idempotencyKeysTable(startupsSchema);
