import type { Router } from 'express';
import type { Db } from '../kernel/db';
import { CHANGE_HEAD_PATH } from '../kernel/internal-paths';
import { decodeCursor, encodeCursor } from '../kernel/pagination';
import type * as schema from './db/schema';
import { changeLogFeed } from './feed';
import { headSequence } from './store/change-log';

const MAX_WAIT_MS = 30_000;
/** Another instance may have appended: look at the log itself this often while waiting. */
const RECHECK_MS = 200;

/**
 * Long poll for "is there anything after this cursor?". Answers at once with the head's
 * cursor when the log is ahead of `after`, otherwise as soon as it moves or `waitMs` passes.
 * The gateway's subscription hub holds one of these open and wakes its subscribers, who
 * then read the log through the normal `changes` query.
 */
export function headRoutes(router: Router, db: Db<typeof schema>): void {
  router.get(CHANGE_HEAD_PATH, async (req, res) => {
    let after = 0;
    try {
      after = typeof req.query.after === 'string' && req.query.after ? Number(decodeCursor(req.query.after, 1, 'after')[0]) : 0;
    } catch {
      res.status(400).json({ error: 'after must be a change cursor' });
      return;
    }
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
      if (!closed) res.json({ head: encodeCursor([head]), advanced: head > after });
    } catch {
      // The database went away (shutting down): the gateway's watcher retries elsewhere or later.
      if (!closed && !res.headersSent) res.status(503).json({ error: 'change log unavailable' });
    }
  });
}
