import { and, arrayOverlaps, asc, desc, eq, gte, inArray, isNotNull, like, lt, lte, not, or, type SQL } from 'drizzle-orm';
import { countByParent, tableConnection, keysetConnectionsByParent, type ConnectionArgs } from '../../kernel/platform/pagination';
import { syntheticCondition } from '../../kernel/reference/synthetic-scope';
import { likePattern } from '../../kernel/platform/text';
import { taskCountReports, taskProgressUpdates, tasks } from '../db/schema';
import type { TaskCountReportModel, TaskModel, TaskProgressUpdateModel } from '../models';
import type { ProgrammesDb } from './db';
import { hanoiDate } from '../../kernel/platform/time';

export interface TaskFilter {
  search?: string | null;
  programmeIds?: string[] | null;
  taskGroupIds?: string[] | null;
  assignedByIds?: string[] | null;
  leadOrganizationIds?: string[] | null;
  involvingOrganizationIds?: string[] | null;
  statuses?: TaskModel['status'][] | null;
  dueFrom?: string | null;
  dueTo?: string | null;
  overdue?: boolean | null;
  synthetic?: boolean | null;
}

export function tasksByIds(db: ProgrammesDb, ids: readonly string[]): Promise<TaskModel[]> {
  return db
    .select()
    .from(tasks)
    .where(inArray(tasks.id, [...ids]));
}

export function tasksByCodes(db: ProgrammesDb, codes: readonly string[]): Promise<TaskModel[]> {
  return db
    .select()
    .from(tasks)
    .where(inArray(tasks.code, [...codes]));
}

/** A page of each programme's tasks in `scope` (see syntheticScope), by code (one statement for all). */
export function taskPagesByProgramme(db: ProgrammesDb, programmeIds: readonly string[], args: ConnectionArgs, scope: boolean | null) {
  return taskPages(db, { parentIds: programmeIds, args, scope }, tasks.programmeId, (row) => row.programmeId ?? '');
}

/** A page of each task group's tasks in `scope`, by code (one statement for all). */
export function taskPagesByGroup(db: ProgrammesDb, groupIds: readonly string[], args: ConnectionArgs, scope: boolean | null) {
  return taskPages(db, { parentIds: groupIds, args, scope }, tasks.taskGroupId, (row) => row.taskGroupId ?? '');
}

function taskPages(
  db: ProgrammesDb,
  { parentIds, args, scope }: { parentIds: readonly string[]; args: ConnectionArgs; scope: boolean | null },
  parentColumn: typeof tasks.programmeId | typeof tasks.taskGroupId,
  parentOf: (row: TaskModel) => string,
) {
  return keysetConnectionsByParent<TaskModel>({
    args,
    filter: syntheticCondition(tasks.synthetic, scope),
    parentIds,
    table: tasks,
    id: tasks.id,
    parentColumn,
    parentOf,
    sortKeys: [
      { column: tasks.code, value: (row) => row.code },
      { column: tasks.id, value: (row) => row.id },
    ],
    fetch: (where, orderBy) =>
      db
        .select()
        .from(tasks)
        .where(where)
        .orderBy(...orderBy),
    count: (where) => countByParent(db, tasks, parentColumn, where),
  });
}

/** The SQL form of the overdue rule in `rules/task-overdue.ts` (open and due before today in Hanoi). */
function overdueCondition(now: Date): SQL {
  return and(inArray(tasks.status, ['NOT_STARTED', 'IN_PROGRESS']), isNotNull(tasks.dueDate), lt(tasks.dueDate, hanoiDate(now)))!;
}

function filterCondition(filter: TaskFilter | null | undefined, now: Date): SQL | undefined {
  if (!filter) return undefined;
  const involving = filter.involvingOrganizationIds?.length
    ? or(inArray(tasks.leadOrganizationId, filter.involvingOrganizationIds), arrayOverlaps(tasks.coordinatingOrganizationIds, filter.involvingOrganizationIds))
    : undefined;
  return and(
    filter.search ? like(tasks.searchText, likePattern(filter.search)) : undefined,
    filter.programmeIds?.length ? inArray(tasks.programmeId, filter.programmeIds) : undefined,
    filter.taskGroupIds?.length ? inArray(tasks.taskGroupId, filter.taskGroupIds) : undefined,
    filter.assignedByIds?.length ? inArray(tasks.assignedById, filter.assignedByIds) : undefined,
    filter.leadOrganizationIds?.length ? inArray(tasks.leadOrganizationId, filter.leadOrganizationIds) : undefined,
    involving,
    filter.statuses?.length ? inArray(tasks.status, filter.statuses) : undefined,
    filter.dueFrom ? gte(tasks.dueDate, filter.dueFrom) : undefined,
    filter.dueTo ? lte(tasks.dueDate, filter.dueTo) : undefined,
    filter.overdue === true ? overdueCondition(now) : filter.overdue === false ? not(overdueCondition(now)) : undefined,
    filter.synthetic != null ? eq(tasks.synthetic, filter.synthetic) : undefined,
  );
}

export function listTasks(db: ProgrammesDb, args: ConnectionArgs, filter: TaskFilter | null | undefined, now: Date) {
  const where = filterCondition(filter, now);
  return tableConnection(db, {
    table: tasks,
    rows: db.select().from(tasks).$dynamic(),
    args,
    filter: where,
    sortKeys: [
      { column: tasks.code, value: (row) => row.code },
      { column: tasks.id, value: (row) => row.id },
    ],
  });
}

export function progressUpdatesByTaskIds(db: ProgrammesDb, ids: readonly string[]): Promise<TaskProgressUpdateModel[]> {
  return db
    .select()
    .from(taskProgressUpdates)
    .where(inArray(taskProgressUpdates.taskId, [...ids]))
    .orderBy(asc(taskProgressUpdates.reportedOn), asc(taskProgressUpdates.id));
}

export function listTaskCountReports(db: ProgrammesDb): Promise<TaskCountReportModel[]> {
  return db.select().from(taskCountReports).orderBy(desc(taskCountReports.reportedOn), asc(taskCountReports.id));
}
