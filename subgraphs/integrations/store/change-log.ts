import { and, eq, inArray, lt, not, or, sql, type SQL } from 'drizzle-orm';
import {
  eventPayloadFor,
  eventVisibleTo,
  LEVEL_RULES,
  reachOf,
  type EventAccess,
  type EventPayload,
  type Reach,
  type RuleId,
} from '../../kernel/identity/access-policy';
import type { Caller } from '../../kernel/identity/caller';
import type { Db } from '../../kernel/platform/db';
import type { RelayedEvent } from '../../kernel/subgraph/outbox-relay';
import { tableConnection, type ConnectionArgs } from '../../kernel/platform/pagination';
import * as schema from '../db/schema';
import type { ChangeModel } from '../models';
import { auditRowOfEvent } from './audit-log';

const { changeLog, auditLog } = schema;
type IntegrationsDb = Db<typeof schema>;

/** Any constant: the advisory lock that serialises appends to the change log. */
const APPEND_LOCK = 7_001_007;

/**
 * Appends relayed events, skipping ones already stored (the relay delivers at least once).
 *
 * Appends take a transaction-scoped advisory lock, so only one append transaction is in
 * flight at a time: a sequence number is handed out only while holding the lock and the
 * lock is released only at commit. Hence sequence order equals commit order, and a reader
 * paging with `sequence > cursor` can never later find a smaller sequence appear behind
 * its cursor. (Without the lock, transaction A could take sequence 10, transaction B take
 * 11 and commit first; a reader would see 11, move its cursor past 10, and miss A's event.)
 */
export async function appendEvents(db: IntegrationsDb, events: RelayedEvent[]): Promise<number> {
  if (events.length === 0) return 0;
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${APPEND_LOCK})`);
    const inserted = await tx
      .insert(changeLog)
      .values(
        events.map((event) => ({
          eventId: event.eventId,
          source: event.source,
          type: event.type,
          entityType: event.entityType,
          entityId: event.entityId,
          operation: event.operation,
          entityVersion: event.entityVersion,
          occurredAt: new Date(event.occurredAt),
          actor: event.actor,
          changedFields: event.changedFields,
          before: event.before,
          after: event.after,
          access: event.access,
          accessLevel: event.access.level,
          draft: event.access.draft ?? false,
          ownerOrganizationId: event.access.ownerOrganizationId ?? null,
          grantedOrganizationIds: event.access.grantedOrganizationIds ?? [],
        })),
      )
      .onConflictDoNothing({ target: changeLog.eventId })
      .returning({ eventId: changeLog.eventId });
    // Every write is audited, in the transaction that records it; a retried batch audits nothing twice.
    const appended = new Set(inserted.map((row) => row.eventId));
    const audited = events.filter((event) => appended.has(event.eventId)).map(auditRowOfEvent);
    if (audited.length > 0) await tx.insert(auditLog).values(audited).onConflictDoNothing({ target: auditLog.eventId });
    return inserted.length;
  });
}

export interface ChangeFilter {
  types?: string[] | null;
  entityTypes?: string[] | null;
  entityIds?: string[] | null;
}

/** The access an event carried, as stored in the columns the SQL condition reads. */
export function accessOfChange(change: Pick<ChangeModel, 'accessLevel' | 'draft' | 'ownerOrganizationId' | 'grantedOrganizationIds'>): EventAccess {
  return {
    level: change.accessLevel,
    draft: change.draft,
    ownerOrganizationId: change.ownerOrganizationId,
    grantedOrganizationIds: change.grantedOrganizationIds,
  };
}

/** Whether `caller` may see one stored change (webhooks ask it with the endpoint's owner): kernel `eventVisibleTo`. */
export function changeVisibleTo(
  caller: Caller,
  change: Pick<ChangeModel, 'accessLevel' | 'draft' | 'ownerOrganizationId' | 'grantedOrganizationIds'>,
): boolean {
  return eventVisibleTo(caller, accessOfChange(change));
}

/**
 * What a stored change says about its entity as `caller` may see it: the kernel's event field
 * rules (`eventPayloadFor`) applied to `before`, `after` and `changedFields`. The `changes`
 * query, subscriptions (which page through it) and webhook payloads all read it here.
 */
export function changePayloadFor(
  caller: Caller,
  change: Pick<ChangeModel, 'entityType' | 'changedFields' | 'before' | 'after' | 'accessLevel' | 'draft' | 'ownerOrganizationId' | 'grantedOrganizationIds'>,
): EventPayload {
  return eventPayloadFor(caller, change.entityType, accessOfChange(change), change);
}

const TRUE = sql`true`;
const FALSE = sql`false`;

/**
 * `allows(caller, rule, event's owner and grants)` as SQL over the change log's columns: the
 * reach `reachOf` gives, spelled out. `own` and `granted` need the caller's organisation
 * (an editor's named domains never apply to events: they grant writes, not reads).
 */
function reachCondition(caller: Caller, rule: RuleId): SQL {
  const reach: Reach = reachOf(caller, rule);
  const org = caller.organizationId;
  switch (reach) {
    case 'all':
      return TRUE;
    case 'none':
      return FALSE;
    case 'own':
      return org === null ? FALSE : eq(changeLog.ownerOrganizationId, org);
    case 'granted':
      return org === null ? FALSE : or(eq(changeLog.ownerOrganizationId, org), sql`${org} = any(${changeLog.grantedOrganizationIds})`)!;
  }
}

const LEVELS = Object.keys(LEVEL_RULES) as Array<EventAccess['level']>;

/**
 * Which events a caller may see, as SQL: kernel `eventVisibleTo` (each level's rule, and the
 * draft rule for drafts) over the stored columns; `changeVisibleTo` is the same decision in
 * memory, and test/change-visibility.test.ts proves the two agree for every kind of caller.
 */
export function visibleChanges(caller: Caller): SQL | undefined {
  return and(levelCondition(caller), draftCondition(caller));
}

function levelCondition(caller: Caller): SQL | undefined {
  const reached = LEVELS.map((level) => ({ level, condition: reachCondition(caller, LEVEL_RULES[level]) })).filter(({ condition }) => condition !== FALSE);
  if (reached.length === 0) return FALSE;
  if (reached.length === LEVELS.length && reached.every(({ condition }) => condition === TRUE)) return undefined;
  // Leaving out the levels the caller never reaches lets the (access_level, sequence) index narrow the scan.
  const levels =
    reached.length < LEVELS.length
      ? inArray(
          changeLog.accessLevel,
          reached.map(({ level }) => level),
        )
      : undefined;
  const partial = reached.filter(({ condition }) => condition !== TRUE);
  if (partial.length === 0) return levels;
  // Levels the caller reaches whole, or one of the levels it reaches in part with its condition.
  const whole = reached.filter(({ condition }) => condition === TRUE).map(({ level }) => eq(changeLog.accessLevel, level));
  return and(levels, or(...whole, ...partial.map(({ level, condition }) => and(eq(changeLog.accessLevel, level), condition))));
}

function draftCondition(caller: Caller): SQL | undefined {
  const drafts = reachCondition(caller, 'draftRecord');
  if (drafts === TRUE) return undefined;
  return drafts === FALSE ? not(changeLog.draft) : or(not(changeLog.draft), drafts);
}

export function listChanges(db: IntegrationsDb, caller: Caller, args: ConnectionArgs, filter?: ChangeFilter | null) {
  const where = and(
    visibleChanges(caller),
    filter?.types?.length ? inArray(changeLog.type, filter.types) : undefined,
    filter?.entityTypes?.length ? inArray(changeLog.entityType, filter.entityTypes) : undefined,
    filter?.entityIds?.length ? inArray(changeLog.entityId, filter.entityIds) : undefined,
  );
  return tableConnection(db, {
    table: changeLog,
    rows: db.select().from(changeLog).$dynamic(),
    args,
    filter: where,
    sortKeys: [{ column: changeLog.sequence, value: (row) => row.sequence }],
  });
}

/** Deletes events recorded before `cutoff`; returns how many. */
export async function pruneChangeLog(db: IntegrationsDb, cutoff: Date): Promise<number> {
  const deleted = await db.delete(changeLog).where(lt(changeLog.recordedAt, cutoff)).returning({ sequence: changeLog.sequence });
  return deleted.length;
}

/** The newest sequence in the log (0 when empty). */
export async function headSequence(db: IntegrationsDb): Promise<number> {
  const [row] = await db.select({ head: sql<number | null>`max(${changeLog.sequence})` }).from(changeLog);
  return Number(row?.head ?? 0);
}

/** Which entity an event changed, as the gateway's response cache evicts by it. */
export interface ChangedEntity {
  sequence: number;
  source: string;
  entityType: string;
  entityId: string;
  operation: string;
}

/** Up to `limit` events after `sequence`, every level (the reader is a peer process), in log order. */
export async function changedEntitiesAfter(db: IntegrationsDb, sequence: number, limit: number): Promise<ChangedEntity[]> {
  return db
    .select({
      sequence: changeLog.sequence,
      source: changeLog.source,
      entityType: changeLog.entityType,
      entityId: changeLog.entityId,
      operation: changeLog.operation,
    })
    .from(changeLog)
    .where(sql`${changeLog.sequence} > ${sequence}`)
    .orderBy(changeLog.sequence)
    .limit(limit);
}
