import { and, asc, desc, sql, type AnyColumn, type SQL } from 'drizzle-orm';
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
  for (const [field, value] of [['first', first], ['last', last]] as const) {
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

  const hasMore = rows.length > page.limit;
  const pageRows = rows.slice(0, page.limit);
  if (page.backward) pageRows.reverse();
  const edges = pageRows.map((node) => ({
    node,
    cursor: encodeCursor(query.sortKeys.map((key) => key.value(node))),
  }));
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

/** `(a, b) > ($1, $2)`: PostgreSQL compares row values lexicographically, which is the keyset seek. */
function rowComparison(columns: Array<AnyColumn | SQL>, values: CursorValue[], op: '>' | '<'): SQL {
  const left = sql.join(columns.map((column) => sql`${column}`), sql`, `);
  const right = sql.join(values.map((value) => sql`${value}`), sql`, `);
  return sql`(${left}) ${sql.raw(op)} (${right})`;
}

function emptyPageInfo(): PageInfo {
  return { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null };
}

function memo<T>(fn: () => Promise<T>): () => Promise<T> {
  let result: Promise<T> | undefined;
  return () => (result ??= fn());
}
