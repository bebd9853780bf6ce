import { and, asc, eq, inArray, isNull, like, or, sql } from 'drizzle-orm';
import type { Db } from '../../kernel/platform/db';
import { rowsOf } from '../../kernel/platform/db';
import { tableConnection, type ConnectionArgs } from '../../kernel/platform/pagination';
import { likePattern } from '../../kernel/platform/text';
import * as schema from '../db/schema';
import type { ExpertiseAreaModel } from '../models';
import { rejectUnknownAreaCodes } from '../validation';

const { expertiseAreas, expertAreas } = schema;
type ExpertsDb = Db<typeof schema>;

export interface ExpertiseAreaFilter {
  scheme?: ExpertiseAreaModel['scheme'] | null;
  rootsOnly?: boolean | null;
  parentCode?: string | null;
  search?: string | null;
}

export function areasByIds(db: ExpertsDb, ids: readonly string[]): Promise<ExpertiseAreaModel[]> {
  return db
    .select()
    .from(expertiseAreas)
    .where(inArray(expertiseAreas.id, [...ids]));
}

export async function areaByCode(db: ExpertsDb, code: string): Promise<ExpertiseAreaModel | null> {
  const [row] = await db.select().from(expertiseAreas).where(eq(expertiseAreas.code, code)).limit(1);
  return row ?? null;
}

/** The children of each parent, in the source's order. */
export function areasByParentIds(db: ExpertsDb, parentIds: readonly string[]): Promise<ExpertiseAreaModel[]> {
  return db
    .select()
    .from(expertiseAreas)
    .where(inArray(expertiseAreas.parentId, [...parentIds]))
    .orderBy(asc(expertiseAreas.position), asc(expertiseAreas.id));
}

/** The areas of each expert (main area first), with the expert's id beside each. */
export async function areasOfExperts(db: ExpertsDb, expertIds: readonly string[]): Promise<Array<{ expertId: string; area: ExpertiseAreaModel }>> {
  return db
    .select({ expertId: expertAreas.expertId, area: expertiseAreas })
    .from(expertAreas)
    .innerJoin(expertiseAreas, eq(expertiseAreas.id, expertAreas.areaId))
    .where(inArray(expertAreas.expertId, [...expertIds]))
    .orderBy(asc(expertAreas.position), asc(expertiseAreas.id));
}

export async function listAreas(db: ExpertsDb, args: ConnectionArgs, filter?: ExpertiseAreaFilter | null) {
  const parent = filter?.parentCode ? await areaByCode(db, filter.parentCode) : null;
  if (filter?.parentCode && !parent) rejectUnknownAreaCodes([filter.parentCode], new Set(), 'filter.parentCode');
  const where = and(
    filter?.scheme ? eq(expertiseAreas.scheme, filter.scheme) : undefined,
    parent ? eq(expertiseAreas.parentId, parent.id) : (filter?.rootsOnly ?? !filter?.search) ? isNull(expertiseAreas.parentId) : undefined,
    filter?.search ? or(like(expertiseAreas.searchText, likePattern(filter.search)), eq(expertiseAreas.code, filter.search.trim())) : undefined,
  );
  return tableConnection(db, {
    table: expertiseAreas,
    rows: db.select().from(expertiseAreas).$dynamic(),
    args,
    filter: where,
    sortKeys: [
      { column: expertiseAreas.scheme, value: (row) => row.scheme },
      { column: expertiseAreas.position, value: (row) => row.position },
      { column: expertiseAreas.id, value: (row) => row.id },
    ],
  });
}

/** A requested area with the ids of every area below it (its descendants, not itself). */
export interface ExpandedArea {
  id: string;
  code: string;
  descendantIds: string[];
}

/**
 * Resolves requested area codes to their ids and descendants in one statement (a recursive
 * walk down the tree). Unknown codes are the client's mistake: `BAD_USER_INPUT` naming `field`.
 */
export async function expandAreaCodes(db: ExpertsDb, codes: readonly string[], field: string): Promise<ExpandedArea[]> {
  const requested = [...new Set(codes.map((code) => code.trim()))];
  if (!requested.length) return [];
  const codeList = sql.join(
    requested.map((code) => sql`${code}`),
    sql`, `,
  );
  const result = await db.execute(sql`
    with recursive tree (id, root_id, root_code, depth) as (
      select id, id, code, 0 from ${expertiseAreas} where code in (${codeList})
      union all
      select child.id, tree.root_id, tree.root_code, tree.depth + 1
      from ${expertiseAreas} child join tree on child.parent_id = tree.id
    )
    select id, root_id, root_code, depth from tree`);
  const rows = rowsOf<{ id: string; root_id: string; root_code: string; depth: number }>(result);
  const byRoot = new Map<string, ExpandedArea>();
  for (const row of rows) {
    const entry = byRoot.get(row.root_id) ?? { id: row.root_id, code: row.root_code, descendantIds: [] };
    if (Number(row.depth) > 0) entry.descendantIds.push(row.id);
    byRoot.set(row.root_id, entry);
  }
  rejectUnknownAreaCodes(requested, new Set([...byRoot.values()].map((area) => area.code)), field);
  return requested.map((code) => [...byRoot.values()].find((area) => area.code === code)!);
}

/** Every area id a set of requested areas matches: the areas themselves and their descendants. */
export function allAreaIds(areas: readonly ExpandedArea[]): string[] {
  return [...new Set(areas.flatMap((area) => [area.id, ...area.descendantIds]))];
}

/** The areas with these codes (unknown codes are left out). */
export function areasByCodes(db: ExpertsDb, codes: readonly string[]): Promise<Array<{ id: string; code: string }>> {
  return db
    .select({ id: expertiseAreas.id, code: expertiseAreas.code })
    .from(expertiseAreas)
    .where(inArray(expertiseAreas.code, [...codes]));
}
