import type { Router } from 'express';
import type { Db } from '../../kernel/platform/db';
import { ErrorCode } from '../../kernel/platform/errors';
import { INGEST_PATH } from '../../kernel/platform/internal-paths';
import type { EventAccess, EventActor } from '../../kernel/subgraph/outbox';
import type { RelayedEvent } from '../../kernel/subgraph/outbox-relay';
import { isRole } from '../../kernel/identity/assertion';
import type * as schema from '../db/schema';
import { appendEvents } from '../store/change-log';
import { changeLogFeed } from '../feed/signal';
import { loggerFor } from '../../kernel/platform/logger';

const OPERATIONS = new Set(['CREATE', 'UPDATE', 'DELETE']);
const LEVELS = new Set(['PUBLIC', 'RESTRICTED', 'INTERNAL']);

const isStringList = (value: unknown): value is string[] => Array.isArray(value) && value.every((item) => typeof item === 'string');

/** Checks one relayed event's shape; returns what is wrong, or null. */
export function invalidEvent(event: unknown): string | null {
  if (typeof event !== 'object' || event === null) return 'an event must be an object';
  const e = event as Partial<Record<keyof RelayedEvent, unknown>>;
  for (const field of ['eventId', 'source', 'type', 'entityType', 'entityId'] as const) {
    if (typeof e[field] !== 'string' || (e[field] as string).length === 0) return `${field} must be a non-empty string`;
  }
  if (!OPERATIONS.has(e.operation as string)) return 'operation must be CREATE, UPDATE or DELETE';
  if (!Number.isInteger(e.entityVersion)) return 'entityVersion must be an integer';
  if (Number.isNaN(new Date(e.occurredAt as string).getTime())) return 'occurredAt must be a date-time';
  if (!Array.isArray(e.changedFields)) return 'changedFields must be a list';
  const access = e.access as Partial<Record<keyof EventAccess, unknown>> | undefined;
  if (!access || !LEVELS.has(access.level as string)) return 'access.level must be PUBLIC, RESTRICTED or INTERNAL';
  if (access.draft !== undefined && typeof access.draft !== 'boolean') return 'access.draft must be true or false';
  if (access.ownerOrganizationId != null && typeof access.ownerOrganizationId !== 'string') return 'access.ownerOrganizationId must be a string or null';
  if (access.grantedOrganizationIds !== undefined && !isStringList(access.grantedOrganizationIds))
    return 'access.grantedOrganizationIds must be a list of strings';
  const actor = e.actor as Partial<Record<keyof EventActor, unknown>> | null;
  if (typeof actor !== 'object' || actor === null) return 'actor must be an object';
  if (!isRole(actor.role)) return 'actor.role must be a role';
  return null;
}

/**
 * Where domain subgraphs' outbox relays deliver committed events. Accepts a batch whole
 * or not at all; duplicates (a relay retrying after a crash) are ignored by event id. Each
 * new event is also written to the audit log, in the same transaction.
 */
export function ingestRoutes(router: Router, db: Db<typeof schema>): void {
  router.post(INGEST_PATH, async (req, res) => {
    const events = (req.body as { events?: unknown })?.events;
    if (!Array.isArray(events)) {
      res.status(400).json({ errors: [{ message: 'Body must be { source, events: [...] }', extensions: { code: ErrorCode.BadRequest } }] });
      return;
    }
    for (const [index, event] of events.entries()) {
      const problem = invalidEvent(event);
      if (problem) {
        res.status(400).json({ errors: [{ message: `events[${index}]: ${problem}`, extensions: { code: ErrorCode.BadRequest } }] });
        return;
      }
    }
    try {
      const appended = await appendEvents(db, events as RelayedEvent[]);
      if (appended > 0) changeLogFeed.notify();
      res.json({ accepted: events.length, appended });
    } catch (error) {
      loggerFor('integrations').error({ err: error }, 'could not append events');
      res.status(503).json({ errors: [{ message: 'The change log is unavailable; retry later', extensions: { code: ErrorCode.ServiceUnavailable } }] });
    }
  });
}
