import { GraphQLError } from 'graphql';
import { decodeCursor, encodeCursor, MAX_PAGE_SIZE, parseConnectionArgs } from '../pagination';

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
