import { and, eq, gte, lt, type InferInsertModel } from 'drizzle-orm';
import type { Caller } from '../../kernel/identity/caller';
import type { Db } from '../../kernel/platform/db';
import type { ChangeOperation } from '../../kernel/subgraph/outbox';
import type { RelayedEvent } from '../../kernel/subgraph/outbox-relay';
import { tableConnection, type ConnectionArgs } from '../../kernel/platform/pagination';
import * as schema from '../db/schema';

const { auditLog } = schema;
type IntegrationsDb = Db<typeof schema>;
type AuditRow = InferInsertModel<typeof auditLog>;

/** The audit row of a relayed change event: what changed, and who changed it from where. */
export function auditRowOfEvent(event: RelayedEvent): AuditRow {
  const { actor } = event;
  return {
    eventId: event.eventId,
    type: event.type,
    entityType: event.entityType,
    entityId: event.entityId,
    operation: event.operation,
    changedFields: event.changedFields,
    occurredAt: new Date(event.occurredAt),
    source: event.source,
    actorRole: actor.role,
    actorSubject: actor.subject ?? null,
    actorOrganizationId: actor.organizationId ?? null,
    actorCredential: actor.credential ?? null,
    requestId: actor.requestId ?? null,
    ip: actor.ip ?? null,
    userAgent: actor.userAgent ?? null,
  };
}

/** A write of this subgraph's own (not a change event), e.g. an API key created or revoked. */
export interface OwnWrite {
  type: string;
  entityType: string;
  entityId: string;
  operation: ChangeOperation;
  changedFields: string[];
}

/** Records a write of this subgraph's own; call it inside the write's transaction. */
export async function auditOwnWrite(db: IntegrationsDb, caller: Caller, requestId: string, write: OwnWrite, at: Date): Promise<void> {
  await db.insert(auditLog).values({
    ...write,
    eventId: null,
    occurredAt: at,
    source: 'integrations',
    actorRole: caller.role,
    actorSubject: caller.subject,
    actorOrganizationId: caller.organizationId,
    actorCredential: caller.credential ?? null,
    requestId,
    ip: caller.origin?.ip ?? null,
    userAgent: caller.origin?.userAgent ?? null,
  });
}

export interface AuditLogFilter {
  actorSubject?: string | null;
  actorOrganizationId?: string | null;
  entityType?: string | null;
  entityId?: string | null;
  from?: Date | null;
  to?: Date | null;
}

/** The audit log, newest first; each filter is served by an index ending in (occurred_at, id). */
export function listAuditLog(db: IntegrationsDb, args: ConnectionArgs, filter: AuditLogFilter = {}) {
  const where = and(
    filter.actorSubject != null ? eq(auditLog.actorSubject, filter.actorSubject) : undefined,
    filter.actorOrganizationId != null ? eq(auditLog.actorOrganizationId, filter.actorOrganizationId) : undefined,
    filter.entityType != null ? eq(auditLog.entityType, filter.entityType) : undefined,
    filter.entityId != null ? eq(auditLog.entityId, filter.entityId) : undefined,
    filter.from ? gte(auditLog.occurredAt, filter.from) : undefined,
    filter.to ? lt(auditLog.occurredAt, filter.to) : undefined,
  );
  return tableConnection(db, {
    table: auditLog,
    rows: db.select().from(auditLog).$dynamic(),
    args,
    filter: where,
    descending: true,
    sortKeys: [
      { column: auditLog.occurredAt, value: (row) => row.occurredAt },
      { column: auditLog.id, value: (row) => row.id },
    ],
  });
}

/** Deletes audit entries of writes before `cutoff`; returns how many. */
export async function pruneAuditLog(db: IntegrationsDb, cutoff: Date): Promise<number> {
  const deleted = await db.delete(auditLog).where(lt(auditLog.occurredAt, cutoff)).returning({ id: auditLog.id });
  return deleted.length;
}
