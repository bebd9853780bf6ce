import { and, asc, count, eq, gte, inArray, isNull, like, lte, or, sql, type SQL } from 'drizzle-orm';
import { tableConnection, type ConnectionArgs } from '../../kernel/platform/pagination';
import { likePattern } from '../../kernel/platform/text';
import { programmeBoards, researchAggregateReports, researchProjects } from '../db/schema';
import type { ProgrammeBoardModel, ResearchAggregateReportModel, ResearchProjectGroupModel, ResearchProjectModel } from '../models';
import { toNumber, type ProgrammesDb } from './db';

export interface ResearchProjectFilter {
  search?: string | null;
  categories?: ResearchProjectModel['category'][] | null;
  boardIds?: string[] | null;
  leadOrganizationIds?: string[] | null;
  statuses?: ResearchProjectModel['status'][] | null;
  yearFrom?: number | null;
  yearTo?: number | null;
  resultApplied?: boolean | null;
  synthetic?: boolean | null;
}

export type ResearchProjectDimension = 'CATEGORY' | 'YEAR' | 'BOARD' | 'STATUS';

export function researchProjectsByIds(db: ProgrammesDb, ids: readonly string[]): Promise<ResearchProjectModel[]> {
  return db
    .select()
    .from(researchProjects)
    .where(inArray(researchProjects.id, [...ids]));
}

export function researchProjectsByCodes(db: ProgrammesDb, codes: readonly string[]): Promise<ResearchProjectModel[]> {
  return db
    .select()
    .from(researchProjects)
    .where(inArray(researchProjects.code, [...codes]));
}

function filterCondition(filter: ResearchProjectFilter | null | undefined): SQL | undefined {
  if (!filter) return undefined;
  return and(
    filter.search ? like(researchProjects.searchText, likePattern(filter.search)) : undefined,
    filter.categories?.length ? inArray(researchProjects.category, filter.categories) : undefined,
    filter.boardIds?.length ? inArray(researchProjects.boardId, filter.boardIds) : undefined,
    filter.leadOrganizationIds?.length ? inArray(researchProjects.leadOrganizationId, filter.leadOrganizationIds) : undefined,
    filter.statuses?.length ? inArray(researchProjects.status, filter.statuses) : undefined,
    filter.yearFrom != null
      ? or(gte(researchProjects.endYear, filter.yearFrom), and(isNull(researchProjects.endYear), gte(researchProjects.startYear, filter.yearFrom)))
      : undefined,
    filter.yearTo != null ? lte(researchProjects.startYear, filter.yearTo) : undefined,
    filter.resultApplied != null ? eq(researchProjects.resultApplied, filter.resultApplied) : undefined,
    filter.synthetic != null ? eq(researchProjects.synthetic, filter.synthetic) : undefined,
  );
}

export function listResearchProjects(db: ProgrammesDb, args: ConnectionArgs, filter?: ResearchProjectFilter | null) {
  const where = filterCondition(filter);
  return tableConnection(db, {
    table: researchProjects,
    rows: db.select().from(researchProjects).$dynamic(),
    args,
    filter: where,
    sortKeys: [
      { column: researchProjects.code, value: (row) => row.code },
      { column: researchProjects.id, value: (row) => row.id },
    ],
  });
}

const DIMENSION_COLUMNS = {
  CATEGORY: researchProjects.category,
  YEAR: researchProjects.startYear,
  BOARD: researchProjects.boardId,
  STATUS: researchProjects.status,
} as const;

/** Counts and funding grouped by the chosen dimensions, in one statement. */
export async function researchProjectStats(
  db: ProgrammesDb,
  filter: ResearchProjectFilter | null | undefined,
  groupBy: readonly ResearchProjectDimension[],
): Promise<ResearchProjectGroupModel[]> {
  const dimensions = [...new Set(groupBy)];
  const has = (dimension: ResearchProjectDimension) => dimensions.includes(dimension);
  const columns = dimensions.map((dimension) => DIMENSION_COLUMNS[dimension]);
  const rows = await db
    .select({
      category: has('CATEGORY') ? researchProjects.category : sql<null>`null`,
      year: has('YEAR') ? researchProjects.startYear : sql<null>`null`,
      boardId: has('BOARD') ? researchProjects.boardId : sql<null>`null`,
      status: has('STATUS') ? researchProjects.status : sql<null>`null`,
      count: count(),
      fundingVnd: sql<string>`coalesce(sum(${researchProjects.fundingVnd}), 0)`,
    })
    .from(researchProjects)
    .where(filterCondition(filter))
    .groupBy(...columns)
    .orderBy(...columns.map((column) => asc(column)));
  return rows.map((row) => ({ ...row, count: toNumber(row.count), fundingVnd: toNumber(row.fundingVnd) }));
}

export function programmeBoardsByIds(db: ProgrammesDb, ids: readonly string[]): Promise<ProgrammeBoardModel[]> {
  return db
    .select()
    .from(programmeBoards)
    .where(inArray(programmeBoards.id, [...ids]));
}

export function listProgrammeBoards(db: ProgrammesDb, args: ConnectionArgs, filter?: { search?: string | null; synthetic?: boolean | null } | null) {
  const where = and(
    filter?.search ? like(programmeBoards.searchText, likePattern(filter.search)) : undefined,
    filter?.synthetic != null ? eq(programmeBoards.synthetic, filter.synthetic) : undefined,
  );
  return tableConnection(db, {
    table: programmeBoards,
    rows: db.select().from(programmeBoards).$dynamic(),
    args,
    filter: where,
    sortKeys: [
      { column: programmeBoards.code, value: (row) => row.code },
      { column: programmeBoards.id, value: (row) => row.id },
    ],
  });
}

export function listResearchAggregateReports(db: ProgrammesDb): Promise<ResearchAggregateReportModel[]> {
  return db
    .select()
    .from(researchAggregateReports)
    .orderBy(sql`${researchAggregateReports.reportedOn} desc nulls last`, asc(researchAggregateReports.id));
}
