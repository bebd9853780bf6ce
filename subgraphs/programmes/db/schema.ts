import { sql } from 'drizzle-orm';
import { bigint, boolean, date, doublePrecision, index, integer, jsonb, pgSchema, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { idempotencyKeysTable, outboxTable } from '../../kernel/subgraph/outbox';
import type { Provenance } from '../../kernel/reference/provenance';
import { recordColumns } from '../../kernel/reference/columns';

/** Everything this subgraph stores lives in the `programmes` PostgreSQL schema. */
export const programmesSchema = pgSchema('programmes');

// ---------------------------------------------------------------------------------------------
// Organisations

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
    ...recordColumns(),
  },
  (table) => [
    index('organizations_name_idx').on(table.nameVi, table.id),
    index('organizations_kind_idx').on(table.kind),
    index('organizations_parent_idx').on(table.parentId),
    index('organizations_synthetic_idx').on(table.synthetic),
    index('organizations_search_idx').using('gin', table.searchText.op('gin_trgm_ops')),
  ],
);

// ---------------------------------------------------------------------------------------------
// Programmes, plans and the documents they rest on

export const programmeKind = programmesSchema.enum('programme_kind', ['PROGRAMME', 'PLAN', 'RESOLUTION', 'DECISION', 'STRATEGY', 'OBJECTIVES']);
export const programmeLevel = programmesSchema.enum('programme_level', ['NATIONAL', 'CITY']);
export const programmeStatus = programmesSchema.enum('programme_status', ['PLANNED', 'ACTIVE', 'CONCLUDED', 'SUPERSEDED', 'UNKNOWN']);

/** Counts a source reports about a programme (e.g. 7 indicators, 32 tasks, 6 groups), kept apart from the rows we hold. */
export interface ReportedProgrammeCounts {
  indicators?: number | null;
  tasks?: number | null;
  taskGroups?: number | null;
  note?: string | null;
}

export const programmes = programmesSchema.table(
  'programmes',
  {
    id: text('id').primaryKey(),
    code: text('code').notNull(),
    /** Other spellings of the code (57-NQ/TƯ beside 57-NQ/TW); lookups by code accept them. */
    codeAliases: text('code_aliases').array().notNull().default([]),
    kind: programmeKind('kind').notNull(),
    titleVi: text('title_vi').notNull(),
    titleEn: text('title_en'),
    issuerId: text('issuer_id'),
    level: programmeLevel('level').notNull(),
    periodStartYear: integer('period_start_year'),
    periodEndYear: integer('period_end_year'),
    /** Party term the programme belongs to, when it differs from the period (khóa XVII, 2020-2025). */
    termVi: text('term_vi'),
    issuedOn: date('issued_on', { mode: 'string' }),
    status: programmeStatus('status').notNull(),
    reportedCounts: jsonb('reported_counts').$type<ReportedProgrammeCounts>(),
    searchText: text('search_text').notNull(),
    ...recordColumns(),
  },
  (table) => [
    uniqueIndex('programmes_code_idx').on(table.code),
    index('programmes_code_id_idx').on(table.code, table.id),
    index('programmes_aliases_idx').using('gin', table.codeAliases),
    index('programmes_issuer_idx').on(table.issuerId),
    index('programmes_kind_idx').on(table.kind),
    index('programmes_level_idx').on(table.level),
    index('programmes_status_idx').on(table.status),
    index('programmes_period_idx').on(table.periodStartYear, table.periodEndYear),
    index('programmes_synthetic_idx').on(table.synthetic),
    index('programmes_search_idx').using('gin', table.searchText.op('gin_trgm_ops')),
  ],
);

export const programmeLinkKind = programmesSchema.enum('programme_link_kind', ['IMPLEMENTS', 'BASED_ON', 'CITED_TOGETHER']);

/** A directed relation between two programme documents: `from` implements / rests on / is cited with `to`. */
export const programmeLinks = programmesSchema.table(
  'programme_links',
  {
    id: text('id').primaryKey(),
    fromId: text('from_id').notNull(),
    toId: text('to_id').notNull(),
    kind: programmeLinkKind('kind').notNull(),
    note: text('note'),
    ...recordColumns(),
  },
  (table) => [
    index('programme_links_from_idx').on(table.fromId),
    index('programme_links_to_idx').on(table.toId),
    uniqueIndex('programme_links_unique_idx').on(table.fromId, table.toId, table.kind),
  ],
);

/** A group of tasks and solutions (nhóm nhiệm vụ, giải pháp) of a programme. */
export const taskGroups = programmesSchema.table(
  'task_groups',
  {
    id: text('id').primaryKey(),
    programmeId: text('programme_id').notNull(),
    ordinal: integer('ordinal').notNull(),
    nameVi: text('name_vi').notNull(),
    nameEn: text('name_en'),
    ...recordColumns(),
  },
  (table) => [index('task_groups_programme_idx').on(table.programmeId, table.ordinal)],
);

/** What a source said about a programme's progress (4 of 7 indicators achieved), apart from the computed status. */
export const programmeProgressReports = programmesSchema.table(
  'programme_progress_reports',
  {
    id: text('id').primaryKey(),
    programmeId: text('programme_id').notNull(),
    reportedOn: date('reported_on', { mode: 'string' }),
    reportedById: text('reported_by_id'),
    indicatorsTotal: integer('indicators_total'),
    indicatorsAchieved: integer('indicators_achieved'),
    indicatorsLikelyNotAchieved: integer('indicators_likely_not_achieved'),
    statementVi: text('statement_vi').notNull(),
    statementEn: text('statement_en'),
    ...recordColumns(),
  },
  (table) => [index('programme_progress_reports_programme_idx').on(table.programmeId)],
);

// ---------------------------------------------------------------------------------------------
// Indicators, targets, observations

export const indicatorDirection = programmesSchema.enum('indicator_direction', ['HIGHER_IS_BETTER', 'LOWER_IS_BETTER']);
export const valueAggregation = programmesSchema.enum('value_aggregation', ['PER_PERIOD', 'CUMULATIVE']);

export const indicators = programmesSchema.table(
  'indicators',
  {
    id: text('id').primaryKey(),
    code: text('code').notNull(),
    programmeId: text('programme_id').notNull(),
    /** Position in the programme's list of indicators. */
    ordinal: integer('ordinal').notNull().default(0),
    nameVi: text('name_vi').notNull(),
    nameEn: text('name_en'),
    unit: text('unit').notNull(),
    direction: indicatorDirection('direction').notNull(),
    aggregation: valueAggregation('aggregation').notNull(),
    responsibleOrganizationId: text('responsible_organization_id'),
    /** The plan that assigned the responsible organisation (185/KH-UBND). */
    responsibilityAssignedById: text('responsibility_assigned_by_id'),
    noteVi: text('note_vi'),
    noteEn: text('note_en'),
    searchText: text('search_text').notNull(),
    ...recordColumns(),
  },
  (table) => [
    uniqueIndex('indicators_code_idx').on(table.code),
    index('indicators_code_id_idx').on(table.code, table.id),
    index('indicators_programme_idx').on(table.programmeId, table.ordinal),
    index('indicators_responsible_idx').on(table.responsibleOrganizationId),
    index('indicators_synthetic_idx').on(table.synthetic),
    index('indicators_search_idx').using('gin', table.searchText.op('gin_trgm_ops')),
  ],
);

export const targetComparator = programmesSchema.enum('target_comparator', ['ABOVE', 'AT_LEAST', 'BELOW', 'AT_MOST', 'BETWEEN', 'ABOUT']);

export const targets = programmesSchema.table(
  'targets',
  {
    id: text('id').primaryKey(),
    indicatorId: text('indicator_id').notNull(),
    periodStart: date('period_start', { mode: 'string' }),
    /** The date by which the target is to be met; null where the source gives no year. */
    deadline: date('deadline', { mode: 'string' }),
    comparator: targetComparator('comparator').notNull(),
    value: doublePrecision('value').notNull(),
    /** Upper bound of a BETWEEN range. */
    valueMax: doublePrecision('value_max'),
    /** ABOUT: allowed relative deviation (0.05 = ±5 % of the value); null means the default. */
    relativeTolerance: doublePrecision('relative_tolerance'),
    baselineValue: doublePrecision('baseline_value'),
    baselinePeriod: text('baseline_period'),
    setById: text('set_by_id'),
    /** The target as the source words it. */
    statementVi: text('statement_vi'),
    statementEn: text('statement_en'),
    ...recordColumns(),
  },
  (table) => [index('targets_indicator_idx').on(table.indicatorId, table.deadline), index('targets_set_by_idx').on(table.setById)],
);

export const periodKind = programmesSchema.enum('period_kind', ['YEAR', 'QUARTER', 'MONTH']);
export const observationStatus = programmesSchema.enum('observation_status', ['PROVISIONAL', 'FINAL', 'ESTIMATED']);

/** One indicator value for one period. Its values live in `observation_revisions`; nothing is overwritten. */
export const observations = programmesSchema.table(
  'observations',
  {
    id: text('id').primaryKey(),
    indicatorId: text('indicator_id').notNull(),
    periodKind: periodKind('period_kind').notNull(),
    periodStart: date('period_start', { mode: 'string' }).notNull(),
    periodEnd: date('period_end', { mode: 'string' }).notNull(),
    synthetic: boolean('synthetic').notNull().default(false),
    provenance: jsonb('provenance').$type<Provenance>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex('observations_indicator_period_idx').on(table.indicatorId, table.periodKind, table.periodStart),
    index('observations_synthetic_idx').on(table.synthetic),
    // An indicator's status reads its latest real and latest demo observation in a window: latest period end first, period start bounded in the index.
    index('observations_latest_idx').on(table.indicatorId, table.synthetic, table.periodEnd, table.periodStart),
  ],
);

/**
 * Every value an observation has had. The current one has `superseded_at` null; the value as it
 * stood at instant T is the revision with `recorded_at <= T < superseded_at`.
 */
export const observationRevisions = programmesSchema.table(
  'observation_revisions',
  {
    id: text('id').primaryKey(),
    observationId: text('observation_id').notNull(),
    revision: integer('revision').notNull(),
    value: doublePrecision('value').notNull(),
    status: observationStatus('status').notNull(),
    /** A catalogue Dataset id (resolved by the catalogue subgraph). */
    sourceDatasetId: text('source_dataset_id'),
    sourceDocumentTitle: text('source_document_title'),
    sourceDocumentUrl: text('source_document_url'),
    note: text('note'),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
    supersededAt: timestamp('superseded_at', { withTimezone: true }),
    provenance: jsonb('provenance').$type<Provenance>().notNull(),
  },
  (table) => [
    uniqueIndex('observation_revisions_number_idx').on(table.observationId, table.revision),
    index('observation_revisions_validity_idx').on(table.observationId, table.recordedAt, table.supersededAt),
    index('observation_revisions_dataset_idx').on(table.sourceDatasetId),
  ],
);

/** LIKELY_NOT_ACHIEVED only in reported assessments: a source's projection ("có khả năng không hoàn thành"), never computed. */
export const indicatorStatus = programmesSchema.enum('indicator_status', ['ACHIEVED', 'ON_TRACK', 'AT_RISK', 'NOT_ACHIEVED', 'LIKELY_NOT_ACHIEVED', 'NO_DATA']);

/** What a source said about one indicator (e.g. "likely not met", 3 April 2025), apart from the computed status. */
export const indicatorReportedAssessments = programmesSchema.table(
  'indicator_reported_assessments',
  {
    id: text('id').primaryKey(),
    indicatorId: text('indicator_id').notNull(),
    status: indicatorStatus('status').notNull(),
    /** True when the source gives a projection, not a final result. */
    provisional: boolean('provisional').notNull(),
    reportedOn: date('reported_on', { mode: 'string' }),
    reportedById: text('reported_by_id'),
    statementVi: text('statement_vi').notNull(),
    statementEn: text('statement_en'),
    ...recordColumns(),
  },
  (table) => [index('indicator_reported_assessments_indicator_idx').on(table.indicatorId)],
);

// ---------------------------------------------------------------------------------------------
// Tasks

export const taskStatus = programmesSchema.enum('task_status', ['NOT_STARTED', 'IN_PROGRESS', 'COMPLETED', 'CANCELLED']);

export const tasks = programmesSchema.table(
  'tasks',
  {
    id: text('id').primaryKey(),
    code: text('code').notNull(),
    programmeId: text('programme_id'),
    taskGroupId: text('task_group_id'),
    /** Who assigned and follows the task (a programme's steering committee, the central steering committee). */
    assignedById: text('assigned_by_id'),
    titleVi: text('title_vi').notNull(),
    titleEn: text('title_en'),
    leadOrganizationId: text('lead_organization_id'),
    coordinatingOrganizationIds: text('coordinating_organization_ids').array().notNull().default([]),
    dueDate: date('due_date', { mode: 'string' }),
    status: taskStatus('status').notNull(),
    completedOn: date('completed_on', { mode: 'string' }),
    searchText: text('search_text').notNull(),
    ...recordColumns(),
  },
  (table) => [
    uniqueIndex('tasks_code_idx').on(table.code),
    index('tasks_code_id_idx').on(table.code, table.id),
    index('tasks_programme_idx').on(table.programmeId),
    index('tasks_group_idx').on(table.taskGroupId),
    index('tasks_assigned_by_idx').on(table.assignedById),
    index('tasks_lead_idx').on(table.leadOrganizationId),
    index('tasks_coordinating_idx').using('gin', table.coordinatingOrganizationIds),
    index('tasks_status_due_idx').on(table.status, table.dueDate),
    index('tasks_synthetic_idx').on(table.synthetic),
    index('tasks_search_idx').using('gin', table.searchText.op('gin_trgm_ops')),
  ],
);

export const taskProgressUpdates = programmesSchema.table(
  'task_progress_updates',
  {
    id: text('id').primaryKey(),
    taskId: text('task_id').notNull(),
    reportedOn: date('reported_on', { mode: 'string' }).notNull(),
    status: taskStatus('status').notNull(),
    percentComplete: integer('percent_complete'),
    noteVi: text('note_vi'),
    noteEn: text('note_en'),
    ...recordColumns(),
  },
  (table) => [index('task_progress_updates_task_idx').on(table.taskId, table.reportedOn)],
);

/** A reported count of tasks (44 late or at risk, 22 May 2025): the tasks themselves are not in the source. */
export const taskCountReports = programmesSchema.table(
  'task_count_reports',
  {
    id: text('id').primaryKey(),
    reportedOn: date('reported_on', { mode: 'string' }).notNull(),
    reportedById: text('reported_by_id'),
    lateOrAtRisk: integer('late_or_at_risk'),
    needingImmediateAnswer: integer('needing_immediate_answer'),
    completedOrOnSchedule: integer('completed_or_on_schedule'),
    /** Shares of `completedOrOnSchedule` by unit, as the source lists them. */
    completedByUnit: jsonb('completed_by_unit').$type<Array<{ organizationIds: string[]; labelVi: string; labelEn: string; count: number }>>(),
    contentGroups: jsonb('content_groups').$type<Array<{ vi: string; en: string }>>(),
    statementVi: text('statement_vi').notNull(),
    statementEn: text('statement_en'),
    ...recordColumns(),
  },
  (table) => [index('task_count_reports_reported_idx').on(table.reportedOn)],
);

// ---------------------------------------------------------------------------------------------
// Research projects (nhiệm vụ KH&CN) and programme boards

export const researchCategory = programmesSchema.enum('research_category', [
  'NATURAL_SCIENCE_AND_TECHNOLOGY',
  'SOCIAL_SCIENCES_AND_HUMANITIES',
  'PILOT_PRODUCTION',
]);
export const researchStatus = programmesSchema.enum('research_status', ['APPROVED', 'IN_PROGRESS', 'ACCEPTED', 'NOT_ACCEPTED', 'CANCELLED']);

/** A management board of a city S&T programme (Ban chủ nhiệm chương trình KH&CN). */
export const programmeBoards = programmesSchema.table(
  'programme_boards',
  {
    id: text('id').primaryKey(),
    code: text('code').notNull(),
    nameVi: text('name_vi').notNull(),
    nameEn: text('name_en'),
    fieldVi: text('field_vi'),
    fieldEn: text('field_en'),
    organizationId: text('organization_id'),
    searchText: text('search_text').notNull(),
    ...recordColumns(),
  },
  (table) => [
    uniqueIndex('programme_boards_code_idx').on(table.code),
    index('programme_boards_code_id_idx').on(table.code, table.id),
    index('programme_boards_synthetic_idx').on(table.synthetic),
    index('programme_boards_search_idx').using('gin', table.searchText.op('gin_trgm_ops')),
  ],
);

export const researchProjects = programmesSchema.table(
  'research_projects',
  {
    id: text('id').primaryKey(),
    code: text('code').notNull(),
    titleVi: text('title_vi').notNull(),
    titleEn: text('title_en'),
    category: researchCategory('category').notNull(),
    boardId: text('board_id'),
    leadOrganizationId: text('lead_organization_id'),
    programmeId: text('programme_id'),
    /** Funding in VND; an integer below 2^53, exposed as Float. */
    fundingVnd: bigint('funding_vnd', { mode: 'number' }),
    startYear: integer('start_year').notNull(),
    endYear: integer('end_year'),
    status: researchStatus('status').notNull(),
    acceptedOn: date('accepted_on', { mode: 'string' }),
    resultApplied: boolean('result_applied'),
    searchText: text('search_text').notNull(),
    ...recordColumns(),
  },
  (table) => [
    uniqueIndex('research_projects_code_idx').on(table.code),
    index('research_projects_code_id_idx').on(table.code, table.id),
    index('research_projects_category_idx').on(table.category),
    index('research_projects_board_idx').on(table.boardId),
    index('research_projects_lead_idx').on(table.leadOrganizationId),
    index('research_projects_status_idx').on(table.status),
    index('research_projects_years_idx').on(table.startYear, table.endYear),
    index('research_projects_synthetic_idx').on(table.synthetic),
    index('research_projects_search_idx').using('gin', table.searchText.op('gin_trgm_ops')),
  ],
);

/** Research figures a source reports only in aggregate (346 tasks, 633,092 million VND); no individual records behind them. */
export const researchAggregateReports = programmesSchema.table('research_aggregate_reports', {
  id: text('id').primaryKey(),
  reportedOn: date('reported_on', { mode: 'string' }),
  reportedById: text('reported_by_id'),
  periodStartYear: integer('period_start_year'),
  periodEndYear: integer('period_end_year'),
  projectCount: integer('project_count'),
  byCategory:
    jsonb('by_category').$type<Array<{ category: 'NATURAL_SCIENCE_AND_TECHNOLOGY' | 'SOCIAL_SCIENCES_AND_HUMANITIES' | 'PILOT_PRODUCTION'; count: number }>>(),
  totalFundingVnd: bigint('total_funding_vnd', { mode: 'number' }),
  /** Lower bound of the share of accepted results applied in practice ("trên 85%" = 0.85). */
  appliedShareAbove: doublePrecision('applied_share_above'),
  boardCount: integer('board_count'),
  statementVi: text('statement_vi').notNull(),
  statementEn: text('statement_en'),
  ...recordColumns(),
});

export const standingKind = programmesSchema.enum('standing_kind', ['REPORTED', 'TARGET']);
export const standingScope = programmesSchema.enum('standing_scope', ['NATIONAL', 'ASEAN', 'ASIA']);
export const standingPosition = programmesSchema.enum('standing_position', ['FIRST', 'LEADING_GROUP']);

/** Where Hanoi stands (PII first in 2022-2024) or aims to stand (startup ecosystem by 2025/2035/2045) in a ranking, as a source states it. */
export const standings = programmesSchema.table('standings', {
  id: text('id').primaryKey(),
  kind: standingKind('kind').notNull(),
  subjectVi: text('subject_vi').notNull(),
  subjectEn: text('subject_en'),
  scope: standingScope('scope').notNull(),
  position: standingPosition('position').notNull(),
  /** The year ranked, or the year the target is for; null where the source gives none. */
  year: integer('year'),
  noteVi: text('note_vi'),
  noteEn: text('note_en'),
  /** For a TARGET: the programme or objectives that set it. */
  setById: text('set_by_id'),
  statementVi: text('statement_vi').notNull(),
  statementEn: text('statement_en'),
  ...recordColumns(),
});

/** A dated meeting a source reports (phiên họp, buổi làm việc, hội nghị) and what it decided. */
export const meetings = programmesSchema.table('meetings', {
  id: text('id').primaryKey(),
  heldOn: date('held_on', { mode: 'string' }).notNull(),
  /** True for a meeting the source announces, not one that has taken place. */
  planned: boolean('planned').notNull().default(false),
  titleVi: text('title_vi').notNull(),
  titleEn: text('title_en'),
  convenedById: text('convened_by_id'),
  /** Where the source places it in a series ("the fifth official session in nearly four months"). */
  sequenceVi: text('sequence_vi'),
  sequenceEn: text('sequence_en'),
  decisions: jsonb('decisions')
    .$type<Array<{ vi: string; en: string }>>()
    .notNull()
    .default(sql`'[]'::jsonb`),
  ...recordColumns(),
});

// Writes: every mutation commits its change event here, in the same transaction (kernel/subgraph/outbox.ts).
export const outbox = outboxTable(programmesSchema);
export const idempotencyKeys = idempotencyKeysTable(programmesSchema);
