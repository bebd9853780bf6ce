import { GraphQLError } from 'graphql';
import { connectionOfSortedRows, decodeCursor, encodeCursor, MAX_PAGE_SIZE, parseConnectionArgs } from '../platform/pagination';

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

describe('a connection over a list loaded whole (connectionOfSortedRows)', () => {
  const rows = Array.from({ length: 7 }, (_, i) => ({ period: `202${i}`, id: `id-${i}` }));
  const keys = [(row: { period: string }) => row.period, (row: { id: string }) => row.id];
  const periods = (connection: { nodes: Array<{ period: string }> }) => connection.nodes.map((row) => row.period);

  it('pages forward and backward from cursors without skipping or repeating a row', async () => {
    const first = connectionOfSortedRows(rows, { first: 3 }, keys);
    expect(periods(first)).toEqual(['2020', '2021', '2022']);
    expect(first.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    const second = connectionOfSortedRows(rows, { first: 3, after: first.pageInfo.endCursor }, keys);
    expect(periods(second)).toEqual(['2023', '2024', '2025']);
    const third = connectionOfSortedRows(rows, { first: 3, after: second.pageInfo.endCursor }, keys);
    expect(periods(third)).toEqual(['2026']);
    expect(third.pageInfo.hasNextPage).toBe(false);
    const back = connectionOfSortedRows(rows, { last: 2, before: second.pageInfo.endCursor }, keys);
    expect(periods(back)).toEqual(['2023', '2024']);
    expect(back.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: true });
    expect(await first.totalCount()).toBe(7);
  });

  it('checks its arguments like any connection', () => {
    expect(codeOf(() => connectionOfSortedRows(rows, { first: MAX_PAGE_SIZE + 1 }, keys))).toEqual(['BAD_USER_INPUT', 'first']);
    expect(codeOf(() => connectionOfSortedRows(rows, { after: 'nope' }, keys))).toEqual(['BAD_USER_INPUT', 'after']);
  });
});
