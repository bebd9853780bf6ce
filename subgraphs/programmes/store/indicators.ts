import { and, asc, eq, inArray, like, sql, type SQL } from 'drizzle-orm';
import { countByParent, tableConnection, keysetConnectionsByParent, type ConnectionArgs, type SortKey } from '../../kernel/platform/pagination';
import { syntheticCondition } from '../../kernel/reference/synthetic-scope';
import { likePattern } from '../../kernel/platform/text';
import { indicatorReportedAssessments, indicators, targets } from '../db/schema';
import type { IndicatorModel, IndicatorReportedAssessmentModel, TargetModel } from '../models';
import type { ProgrammesDb } from './db';

export interface IndicatorFilter {
  search?: string | null;
  programmeIds?: string[] | null;
  responsibleOrganizationIds?: string[] | null;
  synthetic?: boolean | null;
}

export function indicatorsByIds(db: ProgrammesDb, ids: readonly string[]): Promise<IndicatorModel[]> {
  return db
    .select()
    .from(indicators)
    .where(inArray(indicators.id, [...ids]));
}

export function indicatorsByCodes(db: ProgrammesDb, codes: readonly string[]): Promise<IndicatorModel[]> {
  return db
    .select()
    .from(indicators)
    .where(inArray(indicators.code, [...codes]));
}

/** The indicators of each programme, in the programme's order. */
export function indicatorsByProgrammeIds(db: ProgrammesDb, ids: readonly string[]): Promise<IndicatorModel[]> {
  return db
    .select()
    .from(indicators)
    .where(inArray(indicators.programmeId, [...ids]))
    .orderBy(asc(indicators.ordinal), asc(indicators.code), asc(indicators.id));
}

/** A page of each programme's indicators in `scope` (see syntheticScope), in the programme's order (one statement for all). */
export function indicatorPagesByProgramme(db: ProgrammesDb, programmeIds: readonly string[], args: ConnectionArgs, scope: boolean | null) {
  const sortKeys: Array<SortKey<IndicatorModel>> = [
    { column: indicators.ordinal, value: (row) => row.ordinal },
    { column: indicators.code, value: (row) => row.code },
    { column: indicators.id, value: (row) => row.id },
  ];
  return indicatorPages(db, { parentIds: programmeIds, args, scope }, indicators.programmeId, (row) => row.programmeId, sortKeys);
}

/** A page of the indicators in `scope` each organisation is responsible for, by code (one statement for all). */
export function indicatorPagesByResponsible(db: ProgrammesDb, organizationIds: readonly string[], args: ConnectionArgs, scope: boolean | null) {
  const sortKeys: Array<SortKey<IndicatorModel>> = [
    { column: indicators.code, value: (row) => row.code },
    { column: indicators.id, value: (row) => row.id },
  ];
  return indicatorPages(
    db,
    { parentIds: organizationIds, args, scope },
    indicators.responsibleOrganizationId,
    (row) => row.responsibleOrganizationId ?? '',
    sortKeys,
  );
}

function indicatorPages(
  db: ProgrammesDb,
  { parentIds, args, scope }: { parentIds: readonly string[]; args: ConnectionArgs; scope: boolean | null },
  parentColumn: typeof indicators.programmeId | typeof indicators.responsibleOrganizationId,
  parentOf: (row: IndicatorModel) => string,
  sortKeys: Array<SortKey<IndicatorModel>>,
) {
  return keysetConnectionsByParent<IndicatorModel>({
    args,
    filter: syntheticCondition(indicators.synthetic, scope),
    parentIds,
    table: indicators,
    id: indicators.id,
    parentColumn,
    parentOf,
    sortKeys,
    fetch: (where, orderBy) =>
      db
        .select()
        .from(indicators)
        .where(where)
        .orderBy(...orderBy),
    count: (where) => countByParent(db, indicators, parentColumn, where),
  });
}

function filterCondition(filter: IndicatorFilter | null | undefined): SQL | undefined {
  if (!filter) return undefined;
  return and(
    filter.search ? like(indicators.searchText, likePattern(filter.search)) : undefined,
    filter.programmeIds?.length ? inArray(indicators.programmeId, filter.programmeIds) : undefined,
    filter.responsibleOrganizationIds?.length ? inArray(indicators.responsibleOrganizationId, filter.responsibleOrganizationIds) : undefined,
    filter.synthetic != null ? eq(indicators.synthetic, filter.synthetic) : undefined,
  );
}

export function listIndicators(db: ProgrammesDb, args: ConnectionArgs, filter?: IndicatorFilter | null) {
  const where = filterCondition(filter);
  return tableConnection(db, {
    table: indicators,
    rows: db.select().from(indicators).$dynamic(),
    args,
    filter: where,
    sortKeys: [
      { column: indicators.code, value: (row) => row.code },
      { column: indicators.id, value: (row) => row.id },
    ],
  });
}

/** Targets of each indicator, earliest deadline first, undated last. */
export function targetsByIndicatorIds(db: ProgrammesDb, ids: readonly string[]): Promise<TargetModel[]> {
  return db
    .select()
    .from(targets)
    .where(inArray(targets.indicatorId, [...ids]))
    .orderBy(sql`${targets.deadline} asc nulls last`, asc(targets.id));
}

/** Undated targets sort last: the sort key reads them as this day. */
const UNDATED = '9999-12-31';

/** A page of each indicator's targets in `scope` (see syntheticScope), earliest deadline first, undated last (one statement for all). */
export function targetPagesByIndicator(db: ProgrammesDb, indicatorIds: readonly string[], args: ConnectionArgs, scope: boolean | null) {
  return keysetConnectionsByParent<TargetModel>({
    args,
    filter: syntheticCondition(targets.synthetic, scope),
    parentIds: indicatorIds,
    table: targets,
    id: targets.id,
    parentColumn: targets.indicatorId,
    parentOf: (row) => row.indicatorId,
    sortKeys: [
      { column: sql`coalesce(${targets.deadline}, ${UNDATED}::date)`, value: (row) => row.deadline ?? UNDATED },
      { column: targets.id, value: (row) => row.id },
    ],
    fetch: (where, orderBy) =>
      db
        .select()
        .from(targets)
        .where(where)
        .orderBy(...orderBy),
    count: (where) => countByParent(db, targets, targets.indicatorId, where),
  });
}

export function targetsByIds(db: ProgrammesDb, ids: readonly string[]): Promise<TargetModel[]> {
  return db
    .select()
    .from(targets)
    .where(inArray(targets.id, [...ids]));
}

export function reportedAssessmentsByIndicatorIds(db: ProgrammesDb, ids: readonly string[]): Promise<IndicatorReportedAssessmentModel[]> {
  return db
    .select()
    .from(indicatorReportedAssessments)
    .where(inArray(indicatorReportedAssessments.indicatorId, [...ids]))
    .orderBy(sql`${indicatorReportedAssessments.reportedOn} desc nulls last`, asc(indicatorReportedAssessments.id));
}
