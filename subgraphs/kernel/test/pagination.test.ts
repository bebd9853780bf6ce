import { GraphQLError } from 'graphql';
import { connectionOfLoadedRows, decodeCursor, encodeCursor, MAX_PAGE_SIZE, parseConnectionArgs, type Connection } from '../platform/pagination';

function codeOf(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error instanceof GraphQLError ? [error.extensions.code, error.extensions.field] : error;
  }
  return 'no error';
}

describe('connection arguments', () => {
  it('defaults to the first 20 rows, forward', () => {
    expect(parseConnectionArgs({}, 2)).toEqual({ limit: 20, backward: false, cursor: null });
  });

  it('round-trips cursors', () => {
    const cursor = encodeCursor(['Hòa Lạc', 7, new Date('2025-04-03T00:00:00Z')]);
    expect(decodeCursor(cursor, 3, 'after')).toEqual(['Hòa Lạc', 7, '2025-04-03T00:00:00.000Z']);
    expect(parseConnectionArgs({ last: 5, before: cursor }, 3)).toEqual({ limit: 5, backward: true, cursor: ['Hòa Lạc', 7, '2025-04-03T00:00:00.000Z'] });
  });

  it('refuses bad sizes and cursors with BAD_USER_INPUT naming the argument', () => {
    expect(codeOf(() => parseConnectionArgs({ first: -1 }, 1))).toEqual(['BAD_USER_INPUT', 'first']);
    expect(codeOf(() => parseConnectionArgs({ first: MAX_PAGE_SIZE + 1 }, 1))).toEqual(['BAD_USER_INPUT', 'first']);
    expect(codeOf(() => parseConnectionArgs({ last: -3 }, 1))).toEqual(['BAD_USER_INPUT', 'last']);
    expect(codeOf(() => parseConnectionArgs({ first: 1, last: 1 }, 1))).toEqual(['BAD_USER_INPUT', 'first']);
    expect(codeOf(() => parseConnectionArgs({ after: 'not-a-cursor' }, 1))).toEqual(['BAD_USER_INPUT', 'after']);
    // A valid cursor of another list (different key count) is refused too.
    expect(codeOf(() => parseConnectionArgs({ after: encodeCursor(['a', 'b']) }, 1))).toEqual(['BAD_USER_INPUT', 'after']);
    expect(codeOf(() => parseConnectionArgs({ first: 2, before: encodeCursor(['a']) }, 1))).toEqual(['BAD_USER_INPUT', 'before']);
  });
});

describe('a connection over a list loaded whole (connectionOfLoadedRows)', () => {
  const rows = Array.from({ length: 7 }, (_, i) => ({ period: `202${i}`, id: `id-${i}` }));
  const keys = [(row: { period: string }) => row.period, (row: { id: string }) => row.id];
  const periods = (connection: { nodes: Array<{ period: string }> }) => connection.nodes.map((row) => row.period);

  it('pages forward and backward from cursors without skipping or repeating a row', async () => {
    const first = connectionOfLoadedRows(rows, { first: 3 }, keys);
    expect(periods(first)).toEqual(['2020', '2021', '2022']);
    expect(first.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    const second = connectionOfLoadedRows(rows, { first: 3, after: first.pageInfo.endCursor }, keys);
    expect(periods(second)).toEqual(['2023', '2024', '2025']);
    const third = connectionOfLoadedRows(rows, { first: 3, after: second.pageInfo.endCursor }, keys);
    expect(periods(third)).toEqual(['2026']);
    expect(third.pageInfo.hasNextPage).toBe(false);
    const back = connectionOfLoadedRows(rows, { last: 2, before: second.pageInfo.endCursor }, keys);
    expect(periods(back)).toEqual(['2023', '2024']);
    expect(back.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: true });
    expect(await first.totalCount()).toBe(7);
  });

  it('pages rows that came in another order (an enum in its declared order) as their cursors compare', () => {
    // As SQL orders an enum declared YEAR, QUARTER, MONTH: not the order the cursor values compare in.
    const series = ['YEAR', 'QUARTER', 'MONTH'].flatMap((kind, i) => [
      { start: '2024-01-01', kind, id: `a${i}` },
      { start: '2024-04-01', kind, id: `b${i}` },
    ]);
    const seriesKeys = [(row: { start: string }) => row.start, (row: { kind: string }) => row.kind, (row: { id: string }) => row.id];
    const seen: string[] = [];
    let after: string | null = null;
    for (let pages = 0; pages < 10; pages++) {
      const page: Connection<{ id: string }> = connectionOfLoadedRows(series, { first: 1, ...(after ? { after } : {}) }, seriesKeys);
      seen.push(...page.nodes.map((row) => row.id));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toEqual(['a2', 'a1', 'a0', 'b2', 'b1', 'b0']); // every row once: MONTH, QUARTER, YEAR within each start
  });

  it('checks its arguments like any connection', () => {
    expect(codeOf(() => connectionOfLoadedRows(rows, { first: MAX_PAGE_SIZE + 1 }, keys))).toEqual(['BAD_USER_INPUT', 'first']);
    expect(codeOf(() => connectionOfLoadedRows(rows, { after: 'nope' }, keys))).toEqual(['BAD_USER_INPUT', 'after']);
  });
});
