import type { Router } from 'express';
import type { Db } from '../../kernel/platform/db';
import { API_KEY_VERIFY_PATH } from '../../kernel/platform/internal-paths';
import type * as schema from '../db/schema';
import { callerOfApiKey, checkApiKey } from '../store/api-keys';
import { loggerFor } from '../../kernel/platform/logger';

/** The longest body `key` worth hashing; real keys have 47 characters. */
const MAX_KEY_LENGTH = 200;

/**
 * Where the gateway checks a presented API key (`X-Api-Key`), on every request that carries
 * one; like every `/internal/...` route it needs a service assertion (kernel/subgraph/server.ts).
 *
 * - `POST {"key": "sti_..."}` → 200 `{"caller": {role, organizationId, subject: "apikey:<id>", domains, scopes}}`
 *   for a key that is neither revoked nor expired (its `lastUsedAt` moves, at most once a minute);
 * - 401 `{"error": "..."}` for an unknown, revoked or expired key, the message fit to show the client;
 * - 400 `{"error": "..."}` for a body without a `key` string;
 * - 503 `{"error": "..."}` when the database cannot answer (the gateway must refuse the request, not serve it anonymously).
 */
export function apiKeyVerifyRoutes(router: Router, db: Db<typeof schema>): void {
  router.post(API_KEY_VERIFY_PATH, async (req, res) => {
    const key = (req.body as { key?: unknown } | undefined)?.key;
    if (typeof key !== 'string' || key.length === 0 || key.length > MAX_KEY_LENGTH) {
      res.status(400).json({ error: `Body must be {"key": "<the presented API key>"} (a string of at most ${MAX_KEY_LENGTH} characters)` });
      return;
    }
    try {
      const check = await checkApiKey(db, key, new Date());
      if (!check.valid) {
        res.status(401).json({ error: check.reason });
        return;
      }
      res.json({ caller: callerOfApiKey(check.apiKey) });
    } catch (error) {
      loggerFor('integrations').error({ err: error }, 'could not check an API key');
      res.status(503).json({ error: 'API keys cannot be checked right now; retry later' });
    }
  });
}
