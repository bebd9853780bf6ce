import { and, arrayOverlaps, asc, eq, gte, inArray, isNotNull, like, lte, or, sql, type SQL } from 'drizzle-orm';
import { tableConnection, type ConnectionArgs } from '../../kernel/platform/pagination';
import { likePattern } from '../../kernel/platform/text';
import { programmeLinks, programmeProgressReports, programmes, taskGroups } from '../db/schema';
import type { ProgrammeLinkModel, ProgrammeModel, ProgrammeProgressReportModel, TaskGroupModel } from '../models';
import type { ProgrammesDb } from './db';

export interface ProgrammeFilter {
  search?: string | null;
  kinds?: ProgrammeModel['kind'][] | null;
  levels?: ProgrammeModel['level'][] | null;
  statuses?: ProgrammeModel['status'][] | null;
  issuerIds?: string[] | null;
  activeFrom?: number | null;
  activeTo?: number | null;
  synthetic?: boolean | null;
}

export function programmesByIds(db: ProgrammesDb, ids: readonly string[]): Promise<ProgrammeModel[]> {
  return db
    .select()
    .from(programmes)
    .where(inArray(programmes.id, [...ids]));
}

/** Programmes by their code or any other spelling of it (57-NQ/TƯ finds 57-NQ/TW). */
export function programmesByCodes(db: ProgrammesDb, codes: readonly string[]): Promise<ProgrammeModel[]> {
  return db
    .select()
    .from(programmes)
    .where(or(inArray(programmes.code, [...codes]), arrayOverlaps(programmes.codeAliases, [...codes])));
}

function filterCondition(filter: ProgrammeFilter | null | undefined): SQL | undefined {
  if (!filter) return undefined;
  return and(
    filter.search ? like(programmes.searchText, likePattern(filter.search)) : undefined,
    filter.kinds?.length ? inArray(programmes.kind, filter.kinds) : undefined,
    filter.levels?.length ? inArray(programmes.level, filter.levels) : undefined,
    filter.statuses?.length ? inArray(programmes.status, filter.statuses) : undefined,
    filter.issuerIds?.length ? inArray(programmes.issuerId, filter.issuerIds) : undefined,
    filter.activeFrom != null ? and(isNotNull(programmes.periodEndYear), gte(programmes.periodEndYear, filter.activeFrom)) : undefined,
    filter.activeTo != null ? and(isNotNull(programmes.periodStartYear), lte(programmes.periodStartYear, filter.activeTo)) : undefined,
    filter.synthetic != null ? eq(programmes.synthetic, filter.synthetic) : undefined,
  );
}

export function listProgrammes(db: ProgrammesDb, args: ConnectionArgs, filter?: ProgrammeFilter | null) {
  const where = filterCondition(filter);
  return tableConnection(db, {
    table: programmes,
    rows: db.select().from(programmes).$dynamic(),
    args,
    filter: where,
    sortKeys: [
      { column: programmes.code, value: (row) => row.code },
      { column: programmes.id, value: (row) => row.id },
    ],
  });
}

/** Links where any of `ids` is at either end. */
export function linksByProgrammeIds(db: ProgrammesDb, ids: readonly string[]): Promise<ProgrammeLinkModel[]> {
  return db
    .select()
    .from(programmeLinks)
    .where(or(inArray(programmeLinks.fromId, [...ids]), inArray(programmeLinks.toId, [...ids])))
    .orderBy(asc(programmeLinks.kind), asc(programmeLinks.id));
}

export function taskGroupsByProgrammeIds(db: ProgrammesDb, ids: readonly string[]): Promise<TaskGroupModel[]> {
  return db
    .select()
    .from(taskGroups)
    .where(inArray(taskGroups.programmeId, [...ids]))
    .orderBy(asc(taskGroups.ordinal), asc(taskGroups.id));
}

export function taskGroupsByIds(db: ProgrammesDb, ids: readonly string[]): Promise<TaskGroupModel[]> {
  return db
    .select()
    .from(taskGroups)
    .where(inArray(taskGroups.id, [...ids]));
}

export function progressReportsByProgrammeIds(db: ProgrammesDb, ids: readonly string[]): Promise<ProgrammeProgressReportModel[]> {
  return db
    .select()
    .from(programmeProgressReports)
    .where(inArray(programmeProgressReports.programmeId, [...ids]))
    .orderBy(sql`${programmeProgressReports.reportedOn} desc nulls last`, asc(programmeProgressReports.id));
}
