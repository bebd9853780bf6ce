import type { Caller } from '../../kernel/identity/caller';
import { FEED_PAGE_SIZE, followLog, type LogSource } from '../../kernel/platform/change-feed';
import type { Db } from '../../kernel/platform/db';
import { decodeCursor } from '../../kernel/platform/pagination';
import type * as schema from '../db/schema';
import { changeLogFeed } from './signal';
import type { ChangeModel } from '../models';
import { listChanges, type ChangeFilter } from '../store/change-log';

/** Another instance may append without this one hearing of it: read the log at least this often while live. */
const RECHECK_MS = 1_000;

/**
 * The changes `caller` may see, matching `filter`: every one after `after` (or from the next
 * one without it), then each new one as it is appended. Read with `listChanges`, the same
 * read as the `changes` query, so access is decided per event by the same SQL.
 */
export function followChanges(
  db: Db<typeof schema>,
  caller: Caller,
  after: string | null | undefined,
  filter: ChangeFilter | null | undefined,
  signal: AbortSignal,
): AsyncGenerator<ChangeModel> {
  // A bad cursor is the subscriber's mistake, refused now (BAD_USER_INPUT), not retried as an unavailable log.
  if (after) decodeCursor(after, 1, 'after');
  const source: LogSource<ChangeModel> = {
    signal: changeLogFeed.signal,
    recheckMs: RECHECK_MS,
    read: async (cursor) => {
      const page = await listChanges(db, caller, { first: FEED_PAGE_SIZE, after: cursor }, filter);
      return { kind: 'page', items: page.edges.map((edge) => ({ cursor: edge.cursor, value: edge.node })), hasNextPage: page.pageInfo.hasNextPage };
    },
    newest: async () => (await listChanges(db, caller, { last: 1 })).pageInfo.endCursor,
  };
  return followLog(source, after, signal);
}
