import { and, asc, count, desc, inArray, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import type { PgSelect, PgTable } from 'drizzle-orm/pg-core';
import type { Db } from './db';
import { badUserInput } from './errors';

/**
 * Relay connections with keyset (cursor) pagination. A cursor holds the sort-key values of
 * the row it points at, so a page starts strictly after that row: rows inserted or deleted
 * elsewhere never make a page skip or repeat a row, unlike OFFSET paging.
 */
export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

export interface ConnectionArgs {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}

export interface PageInfo {
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  startCursor: string | null;
  endCursor: string | null;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

export interface Connection<T> {
  edges: Array<Edge<T>>;
  nodes: T[];
  pageInfo: PageInfo;
  /** Lazy: the count query runs only when a client selects `totalCount`. */
  totalCount: () => Promise<number>;
}

type CursorValue = string | number | boolean | null;

/** A sort key: a column (or SQL expression) and how to read its value from a row. */
export interface SortKey<Row> {
  column: AnyColumn | SQL;
  value: (row: Row) => CursorValue | Date;
}

export interface PageRequest {
  limit: number;
  backward: boolean;
  cursor: CursorValue[] | null;
}

const CURSOR_VERSION = 1;

export function encodeCursor(values: Array<CursorValue | Date>): string {
  const plain = values.map((value) => (value instanceof Date ? value.toISOString() : value));
  return Buffer.from(JSON.stringify([CURSOR_VERSION, ...plain])).toString('base64url');
}

export function decodeCursor(cursor: string, keyCount: number, field: string): CursorValue[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  if (
    !Array.isArray(parsed) ||
    parsed[0] !== CURSOR_VERSION ||
    parsed.length !== keyCount + 1 ||
    !parsed.slice(1).every((value) => value === null || ['string', 'number', 'boolean'].includes(typeof value))
  ) {
    throw badUserInput(`"${field}" is not a cursor this list returned; use a cursor from pageInfo or edges`, field);
  }
  return parsed.slice(1) as CursorValue[];
}

/** Checks `first`/`last`/`after`/`before` and turns them into a page request. */
export function parseConnectionArgs(args: ConnectionArgs, keyCount: number): PageRequest {
  const { first, last, after, before } = args;
  if (first != null && last != null) {
    throw badUserInput('Pass either "first" or "last", not both', 'first');
  }
  for (const [field, value] of [
    ['first', first],
    ['last', last],
  ] as const) {
    if (value != null && (!Number.isInteger(value) || value < 0 || value > MAX_PAGE_SIZE)) {
      throw badUserInput(`"${field}" must be between 0 and ${MAX_PAGE_SIZE}, got ${value}`, field);
    }
  }
  if (after != null && before != null) {
    throw badUserInput('Pass either "after" or "before", not both', 'after');
  }
  const backward = last != null || (before != null && first == null);
  if (backward && after != null) throw badUserInput('"after" pages forward; use it with "first"', 'after');
  if (!backward && before != null) throw badUserInput('"before" pages backward; use it with "last"', 'before');
  const cursorText = backward ? before : after;
  return {
    limit: (backward ? last : first) ?? DEFAULT_PAGE_SIZE,
    backward,
    cursor: cursorText == null ? null : decodeCursor(cursorText, keyCount, backward ? 'before' : 'after'),
  };
}

export interface KeysetQuery<Row> {
  args: ConnectionArgs;
  /** Sort keys, most significant first; the last must be unique (the id) so the order is total. */
  sortKeys: Array<SortKey<Row>>;
  /** Sort descending (newest first) instead of ascending. */
  descending?: boolean;
  /** Fetches rows matching `where`, ordered by `orderBy`, at most `limit`. */
  fetch: (where: SQL | undefined, orderBy: SQL[], limit: number) => Promise<Row[]>;
  /** Counts all rows the filter matches, ignoring the page. */
  count: () => Promise<number>;
  /** The list's filter, applied to both the page and the count. */
  filter?: SQL;
}

/** Runs one keyset page query (one SQL statement, plus one for `totalCount` if asked for). */
export async function keysetConnection<Row>(query: KeysetQuery<Row>): Promise<Connection<Row>> {
  const page = parseConnectionArgs(query.args, query.sortKeys.length);
  const totalCount = memo(query.count);
  if (page.limit === 0) {
    return { edges: [], nodes: [], totalCount, pageInfo: emptyPageInfo() };
  }
  // Walking backward, read in the reverse order and flip the page afterwards.
  const ascending = query.descending ? page.backward : !page.backward;
  const columns = query.sortKeys.map((key) => key.column);
  const orderBy = columns.map((column) => (ascending ? asc(column) : desc(column)));
  const seek = page.cursor ? rowComparison(columns, page.cursor, ascending ? '>' : '<') : undefined;
  const rows = await query.fetch(and(query.filter, seek), orderBy, page.limit + 1);
  return pageOfRows(rows, page, (row) => encodeCursor(query.sortKeys.map((key) => key.value(row))), totalCount);
}

/**
 * The connection for rows read in page order from the cursor on (up to `limit + 1`: one more
 * tells whether another page follows); walking backward they come newest first and are flipped.
 */
function pageOfRows<Row>(rows: readonly Row[], page: PageRequest, cursorOf: (row: Row) => string, totalCount: () => Promise<number>): Connection<Row> {
  const hasMore = rows.length > page.limit;
  const pageRows = rows.slice(0, page.limit);
  if (page.backward) pageRows.reverse();
  const edges = pageRows.map((node) => ({ node, cursor: cursorOf(node) }));
  return {
    edges,
    nodes: pageRows,
    totalCount,
    pageInfo: {
      hasNextPage: page.backward ? page.cursor !== null : hasMore,
      hasPreviousPage: page.backward ? hasMore : page.cursor !== null,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}

export interface KeysetPagesQuery<Row> {
  args: ConnectionArgs;
  /** The parents whose lists to page (e.g. programme ids for `Programme.indicators`). */
  parentIds: readonly string[];
  /** The table and its unique id column: a ranking subquery picks the ids on each parent's page. */
  table: PgTable;
  id: AnyColumn;
  /** The column naming a row's parent, and how to read it from a row. */
  parentColumn: AnyColumn;
  parentOf: (row: Row) => string;
  /** Sort keys within one parent's list, most significant first; the last must be unique. */
  sortKeys: Array<SortKey<Row>>;
  descending?: boolean;
  /** Conditions every listed row meets (besides its parent), applied to the pages and the counts. */
  filter?: SQL;
  /** Fetches the rows matching `where` (from `table`), ordered by `orderBy`. */
  fetch: (where: SQL, orderBy: SQL[]) => Promise<Row[]>;
  /** Counts each parent's rows matching `where` (parents and filter): one statement. */
  count: (where: SQL) => Promise<Map<string, number>>;
}

/**
 * One keyset page of a list for each of many parents, in ONE SQL statement (plus one for all
 * their `totalCount`s if asked for): each parent's rows are ranked by the sort keys with
 * `row_number() over (partition by parent)` and the first `limit + 1` after the cursor kept.
 * The cursor (the same arguments for every parent, as a DataLoader batch has them) applies
 * within each parent's list. Parents without rows get an empty connection.
 */
export async function keysetConnectionsByParent<Row>(query: KeysetPagesQuery<Row>): Promise<Map<string, Connection<Row>>> {
  const page = parseConnectionArgs(query.args, query.sortKeys.length);
  const ofParents = and(inArray(query.parentColumn, [...query.parentIds]), query.filter)!;
  const counts = memo(() => query.count(ofParents));
  const connections = new Map<string, Connection<Row>>();
  const rowsByParent = new Map<string, Row[]>(query.parentIds.map((id) => [id, []]));
  if (page.limit > 0 && query.parentIds.length > 0) {
    const ascending = query.descending ? page.backward : !page.backward;
    const columns = query.sortKeys.map((key) => key.column);
    const orderBy = columns.map((column) => (ascending ? asc(column) : desc(column)));
    const seek = page.cursor ? rowComparison(columns, page.cursor, ascending ? '>' : '<') : undefined;
    const ranked = sql`${query.id} in (select ranked.id from (select ${query.id} as id, row_number() over (partition by ${query.parentColumn} order by ${sql.join(orderBy, sql`, `)}) as rank from ${query.table} where ${and(ofParents, seek)}) as ranked where ranked.rank <= ${page.limit + 1})`;
    for (const row of await query.fetch(ranked, [asc(query.parentColumn), ...orderBy])) rowsByParent.get(query.parentOf(row))?.push(row);
  }
  const cursorOf = (row: Row) => encodeCursor(query.sortKeys.map((key) => key.value(row)));
  for (const [parentId, rows] of rowsByParent) {
    connections.set(
      parentId,
      pageOfRows(rows, page, cursorOf, async () => (await counts()).get(parentId) ?? 0),
    );
  }
  return connections;
}

/** `(a, b) > ($1, $2)`: PostgreSQL compares row values lexicographically, which is the keyset seek. */
function rowComparison(columns: Array<AnyColumn | SQL>, values: CursorValue[], op: '>' | '<'): SQL {
  const left = sql.join(
    columns.map((column) => sql`${column}`),
    sql`, `,
  );
  const right = sql.join(
    values.map((value) => sql`${value}`),
    sql`, `,
  );
  return sql`(${left}) ${sql.raw(op)} (${right})`;
}

function emptyPageInfo(): PageInfo {
  return { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null };
}

function memo<T>(fn: () => Promise<T>): () => Promise<T> {
  let result: Promise<T> | undefined;
  return () => (result ??= fn());
}

/** `count` for `keysetConnectionsByParent`: the rows matching `where` per parent, in one statement. */
export async function countByParent(db: Db, table: PgTable, parentColumn: AnyColumn, where: SQL): Promise<Map<string, number>> {
  const rows = await db
    .select({ parent: sql<string | null>`${parentColumn}`, n: count() })
    .from(table)
    .where(where)
    .groupBy(sql`${parentColumn}`);
  return new Map(rows.filter((row) => row.parent !== null).map((row) => [String(row.parent), Number(row.n)]));
}

/**
 * A connection over a list already loaded whole (an indicator's time series, which a
 * DataLoader reads for a page of indicators in one statement): the same cursors and page
 * rules as `keysetConnection`, applied in memory. The rows are put in the order of `sortKeys`
 * (ascending, the last unique) as their cursors compare, whatever order they came in: an
 * order SQL gave (an enum's declared order, a collation) could differ, and a page boundary
 * between two such rows would skip or repeat one.
 */
export function connectionOfLoadedRows<Row>(rows: readonly Row[], args: ConnectionArgs, sortKeys: Array<(row: Row) => CursorValue | Date>): Connection<Row> {
  const page = parseConnectionArgs(args, sortKeys.length);
  const keyOf = (row: Row) => sortKeys.map((sortKey) => plainCursorValue(sortKey(row)));
  const totalCount = () => Promise.resolve(rows.length);
  if (page.limit === 0) return { edges: [], nodes: [], totalCount, pageInfo: emptyPageInfo() };
  const cursor = page.cursor;
  const keyed = rows.map((row) => ({ row, key: keyOf(row) })).sort((left, right) => compareKeys(left.key, right.key));
  const beyond = (cursor ? keyed.filter(({ key }) => compareKeys(key, cursor) * (page.backward ? -1 : 1) > 0) : keyed).map(({ row }) => row);
  if (page.backward) beyond.reverse();
  return pageOfRows(beyond.slice(0, page.limit + 1), page, (row) => encodeCursor(keyOf(row)), totalCount);
}

function plainCursorValue(value: CursorValue | Date): CursorValue {
  return value instanceof Date ? value.toISOString() : value;
}

/** Row-value comparison, as PostgreSQL's `(a, b) > (c, d)`; nulls sort last. */
function compareKeys(left: CursorValue[], right: CursorValue[]): number {
  for (let i = 0; i < left.length; i++) {
    const a = left[i] ?? null;
    const b = right[i] ?? null;
    if (a === b) continue;
    if (a === null) return 1;
    if (b === null) return -1;
    return a < b ? -1 : 1;
  }
  return 0;
}

/** A keyset list of one table: the page query and the count are written once, here. */
export interface TableConnectionQuery<TRows extends PgSelect> extends Omit<KeysetQuery<Awaited<TRows>[number]>, 'fetch' | 'count'> {
  /** The table counted for `totalCount` (the one `rows` selects from). */
  table: PgTable;
  /** `db.select(...).from(table).$dynamic()`: what a row of the list holds (columns, a computed distance...). */
  rows: TRows;
}

/**
 * One page of the rows `query.rows` selects that match `query.filter`, in `query.sortKeys`
 * order, and its `totalCount` (counted only when asked for): one statement each.
 */
export function tableConnection<TRows extends PgSelect>(db: Db, query: TableConnectionQuery<TRows>): Promise<Connection<Awaited<TRows>[number]>> {
  const { rows, table, ...keyset } = query;
  return keysetConnection<Awaited<TRows>[number]>({
    ...keyset,
    fetch: (where, orderBy, limit) =>
      rows
        .where(where)
        .orderBy(...orderBy)
        .limit(limit),
    // Awaited here, once: a count builder awaited twice would run its statement twice.
    count: async () => await db.$count(table, query.filter),
  });
}
