import { and, arrayOverlaps, eq, gte, inArray, like, lte, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../kernel/platform/db';
import { insertRow, updateRowById } from '../../kernel/subgraph/rows';
import { rowsOf } from '../../kernel/platform/db';
import { tableConnection, type ConnectionArgs } from '../../kernel/platform/pagination';
import { likePattern } from '../../kernel/platform/text';
import * as schema from '../db/schema';
import type { StartupProjectModel, StartupProjectSupportModel, StartupProjectTransitionModel } from '../models';

const { projects, projectTransitions, projectSupports, participations, cohorts } = schema;
type StartupsDb = Db<typeof schema>;
type ProjectStage = (typeof schema.PROJECT_STAGES)[number];

export interface StartupProjectFilter {
  search?: string | null;
  stages?: ProjectStage[] | null;
  reachedStage?: ProjectStage | null;
  reachedFrom?: string | null;
  reachedTo?: string | null;
  sectors?: Array<(typeof schema.SECTORS)[number]> | null;
  programmeId?: string | null;
  hubId?: string | null;
  startedFrom?: string | null;
  startedTo?: string | null;
  synthetic?: boolean | null;
}

export function projectsByIds(db: StartupsDb, ids: readonly string[]): Promise<StartupProjectModel[]> {
  return db
    .select()
    .from(projects)
    .where(inArray(projects.id, [...ids]));
}

export function transitionsByProjectIds(db: StartupsDb, projectIds: readonly string[]): Promise<StartupProjectTransitionModel[]> {
  return (
    db
      .select()
      .from(projectTransitions)
      .where(inArray(projectTransitions.projectId, [...projectIds]))
      // Stages are declared in lifecycle order, so same-day steps come out in the order they happened.
      .orderBy(projectTransitions.occurredOn, projectTransitions.stage, projectTransitions.id)
  );
}

export function supportsByProjectIds(db: StartupsDb, projectIds: readonly string[]): Promise<StartupProjectSupportModel[]> {
  return db
    .select()
    .from(projectSupports)
    .where(inArray(projectSupports.projectId, [...projectIds]))
    .orderBy(projectSupports.startedOn, projectSupports.id);
}

function reachedCondition(filter: StartupProjectFilter): SQL | undefined {
  if (!filter.reachedStage) return undefined;
  return sql`exists (select 1 from ${projectTransitions} where ${projectTransitions.projectId} = ${projects.id}
    and ${projectTransitions.stage} = ${filter.reachedStage}
    ${filter.reachedFrom ? sql`and ${projectTransitions.occurredOn} >= ${filter.reachedFrom}` : sql``}
    ${filter.reachedTo ? sql`and ${projectTransitions.occurredOn} <= ${filter.reachedTo}` : sql``})`;
}

export function projectCondition(filter: StartupProjectFilter | null | undefined): SQL | undefined {
  if (!filter) return undefined;
  return and(
    filter.search ? like(projects.searchText, likePattern(filter.search)) : undefined,
    filter.stages?.length ? inArray(projects.stage, filter.stages) : undefined,
    reachedCondition(filter),
    filter.sectors?.length ? arrayOverlaps(projects.sectors, filter.sectors) : undefined,
    filter.programmeId
      ? sql`exists (select 1 from ${projectSupports} where ${projectSupports.projectId} = ${projects.id} and ${projectSupports.programmeId} = ${filter.programmeId})`
      : undefined,
    filter.hubId
      ? sql`exists (select 1 from ${participations} join ${cohorts} on ${cohorts.id} = ${participations.cohortId}
          where ${participations.projectId} = ${projects.id} and ${cohorts.hubId} = ${filter.hubId})`
      : undefined,
    filter.startedFrom ? gte(projects.startedOn, filter.startedFrom) : undefined,
    filter.startedTo ? lte(projects.startedOn, filter.startedTo) : undefined,
    filter.synthetic != null ? eq(projects.synthetic, filter.synthetic) : undefined,
  );
}

export function listProjects(db: StartupsDb, args: ConnectionArgs, filter?: StartupProjectFilter | null) {
  const where = projectCondition(filter);
  return tableConnection(db, {
    table: projects,
    rows: db.select().from(projects).$dynamic(),
    args,
    filter: where,
    sortKeys: [
      { column: projects.titleVi, value: (row) => row.titleVi },
      { column: projects.id, value: (row) => row.id },
    ],
  });
}

export interface ProgrammeProgressRow {
  programmeId: string;
  supportedCount: number;
  incorporatedCount: number;
  fundedCount: number;
}

function reached(stage: ProjectStage): SQL {
  return sql`exists (select 1 from ${projectTransitions} t where t.project_id = ${projects.id} and t.stage = ${stage})`;
}

/** Distinct supported projects per programme, and how many of them became companies or raised funding. */
export async function progressByProgrammeIds(db: StartupsDb, programmeIds: readonly string[], includeSynthetic: boolean): Promise<ProgrammeProgressRow[]> {
  const rows = await db
    .select({
      programmeId: projectSupports.programmeId,
      supportedCount: sql<number>`count(distinct ${projects.id})`.mapWith(Number),
      incorporatedCount: sql<number>`count(distinct ${projects.id}) filter (where ${reached('INCORPORATED')})`.mapWith(Number),
      fundedCount: sql<number>`count(distinct ${projects.id}) filter (where ${reached('FUNDED')})`.mapWith(Number),
    })
    .from(projectSupports)
    .innerJoin(projects, eq(projects.id, projectSupports.projectId))
    .where(and(inArray(projectSupports.programmeId, [...programmeIds]), includeSynthetic ? undefined : eq(projects.synthetic, false)))
    .groupBy(projectSupports.programmeId);
  return rows;
}

/** Distinct projects that any programme supported: what the city's 1,000-projects target counts. */
export async function countSupportedProjects(db: StartupsDb, includeSynthetic: boolean): Promise<number> {
  const result = await db.execute(sql`select count(distinct ${projectSupports.projectId})::int as n
    from ${projectSupports} join ${projects} on ${projects.id} = ${projectSupports.projectId}
    ${includeSynthetic ? sql`` : sql`where ${projects.synthetic} = false`}`);
  return Number(rowsOf<{ n: number }>(result)[0]?.n ?? 0);
}

type ProjectValues = typeof projects.$inferInsert;
type TransitionValues = typeof projectTransitions.$inferInsert;

export function insertProject(tx: StartupsDb, values: ProjectValues): Promise<StartupProjectModel> {
  return insertRow(tx, projects, values);
}

/** Writes `changes` to project `id` and returns the row as written. */
export function saveProject(tx: StartupsDb, id: string, changes: Partial<ProjectValues>): Promise<StartupProjectModel> {
  return updateRowById(tx, projects, id, changes);
}

export function insertTransition(tx: StartupsDb, values: TransitionValues): Promise<StartupProjectTransitionModel> {
  return insertRow(tx, projectTransitions, values);
}

/** Moves the date of one step of a project's lifecycle (the IDEA step moves with `startedOn`). */
export async function redateTransition(tx: StartupsDb, id: string, occurredOn: string): Promise<void> {
  await tx.update(projectTransitions).set({ occurredOn }).where(eq(projectTransitions.id, id));
}
