import type { Request, Response, Router } from 'express';
import type { Db } from '../../kernel/platform/db';
import { CHANGE_HEAD_PATH, CHANGES_SINCE_PATH } from '../../kernel/platform/internal-paths';
import { decodeCursor, encodeCursor } from '../../kernel/platform/pagination';
import type * as schema from '../db/schema';
import { changeLogFeed } from '../feed/signal';
import { changedEntitiesAfter, headSequence } from '../store/change-log';

const MAX_WAIT_MS = 30_000;
/** Another instance may have appended: look at the log itself this often while waiting. */
const RECHECK_MS = 200;
/** Events one answer of the changes-since route holds at most; the reader asks again for more. */
const SINCE_PAGE = 500;

/**
 * Long polls of the change log for the gateway, both needing a service assertion (every
 * `/internal/...` route does):
 *
 * - `CHANGE_HEAD_PATH?after=<cursor>&waitMs=<ms>`: "is there anything after this cursor?".
 *   Answers at once with the head's cursor when the log is ahead of `after`, otherwise as soon
 *   as it moves or `waitMs` passes. The gateway's subscription hub holds one of these open and
 *   wakes its subscribers, who then read the log through the normal `changes` query.
 * - `CHANGES_SINCE_PATH?after=<cursor>&waitMs=<ms>`: the same wait, answered with what changed:
 *   `{ cursor, changes: [{ source, entityType, entityId, operation }] }`, at most 500 events
 *   of every access level (`cursor` is the last one's; ask again from it). Without `after`, the
 *   current head and no changes. The gateway's response cache evicts by these.
 */
export function headRoutes(router: Router, db: Db<typeof schema>): void {
  router.get(CHANGE_HEAD_PATH, async (req, res) => {
    const after = afterOf(req, res);
    if (after === undefined) return;
    await waitForChanges(req, res, db, after, (head) => ({ head: encodeCursor([head]), advanced: head > after }));
  });

  router.get(CHANGES_SINCE_PATH, async (req, res) => {
    const after = afterOf(req, res);
    if (after === undefined) return;
    const fromHead = typeof req.query.after !== 'string' || req.query.after === '';
    await waitForChanges(req, res, db, fromHead ? -1 : after, async (head) => {
      if (fromHead) return { cursor: encodeCursor([head]), changes: [] };
      const changes = await changedEntitiesAfter(db, after, SINCE_PAGE);
      const last = changes.at(-1)?.sequence ?? after;
      return { cursor: encodeCursor([last]), changes: changes.map(({ sequence: _sequence, ...change }) => change) };
    });
  });
}

/** The `after` cursor's sequence (0 without one), or undefined after answering 400. */
function afterOf(req: Request, res: Response): number | undefined {
  try {
    return typeof req.query.after === 'string' && req.query.after ? Number(decodeCursor(req.query.after, 1, 'after')[0]) : 0;
  } catch {
    res.status(400).json({ error: 'after must be a change cursor' });
    return undefined;
  }
}

/** Waits until the log's head passes `after` or `waitMs` passes, then answers `answer(head)`. */
async function waitForChanges(req: Request, res: Response, db: Db<typeof schema>, after: number, answer: (head: number) => unknown): Promise<void> {
  const waitMs = Math.min(Number(req.query.waitMs) || 0, MAX_WAIT_MS);
  const deadline = Date.now() + waitMs;
  let closed = false;
  req.on('close', () => (closed = true));
  try {
    let head = await headSequence(db);
    while (head <= after && Date.now() < deadline && !closed) {
      await changeLogFeed.waitForAppend(Math.min(RECHECK_MS, Math.max(0, deadline - Date.now())));
      head = await headSequence(db);
    }
    const body = await answer(head);
    if (!closed) res.json(body);
  } catch {
    // The database went away (shutting down): the gateway's watcher retries elsewhere or later.
    if (!closed && !res.headersSent) res.status(503).json({ error: 'change log unavailable' });
  }
}
